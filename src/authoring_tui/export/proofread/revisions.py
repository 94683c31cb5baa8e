"""A paragraph's text with every revision rejected (what was exported) and
accepted (what the proofreader left), and who revised it.

Word and LibreOffice mark an insertion ``w:ins`` (or ``w:moveTo``) around runs,
a deletion ``w:del`` (or ``w:moveFrom``) around runs whose text is in
``w:delText``. Rejecting all keeps the deleted text and drops the inserted;
accepting all does the opposite. A whole paragraph typed in Word carries a
``w:ins`` in its paragraph mark's properties (``w:pPr/w:rPr/w:ins``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..ooxml import Element, w

_INSERTED = {w("ins"), w("moveTo")}
_DELETED = {w("del"), w("moveFrom")}
_TEXT = {w("t"), w("delText")}
_TAB, _BREAK = w("tab"), w("br")
_HYPHEN = {w("noBreakHyphen"): "\u2011", w("softHyphen"): ""}
_P = w("p")


@dataclass(frozen=True)
class ParagraphViews:
    before: str
    after: str
    author: str | None
    date: str | None
    typed_in_word: bool
    """The paragraph itself (its mark) was inserted as a tracked change."""


def views(paragraph: Element) -> ParagraphViews:
    before: list[str] = []
    after: list[str] = []
    revisions: list[Element] = []
    for node in paragraph.iter():
        text = _text_of(node)
        if text is None or _in_nested_paragraph(node, paragraph):
            continue
        revision = _revision(node, paragraph)
        if revision is None or revision.tag not in _INSERTED:
            before.append(text)
        if revision is None or revision.tag not in _DELETED:
            after.append(text)
        if revision is not None:
            revisions.append(revision)
    mark = paragraph.find(f"{w('pPr')}/{w('rPr')}/{w('ins')}")
    first = revisions[0] if revisions else mark
    return ParagraphViews(
        "".join(before),
        "".join(after),
        None if first is None else first.get(w("author")),
        None if first is None else first.get(w("date")),
        mark is not None,
    )


def _text_of(node: Element) -> str | None:
    if node.tag in _TEXT:
        return str(node.text or "")
    if node.tag == _TAB:
        return "\t"
    if node.tag == _BREAK:
        return "\n"
    return _HYPHEN.get(node.tag)


def _revision(node: Element, paragraph: Element) -> Element | None:
    """The innermost insertion or deletion holding ``node`` within the paragraph."""
    for ancestor in node.iterancestors():
        if ancestor is paragraph:
            return None
        if ancestor.tag in _INSERTED or ancestor.tag in _DELETED:
            return ancestor
    return None


def _in_nested_paragraph(node: Element, paragraph: Element) -> bool:
    """Text of a text box's paragraph belongs to that paragraph, not this one."""
    for ancestor in node.iterancestors(_P):
        return ancestor is not paragraph
    return False
