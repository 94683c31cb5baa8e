"""From the package's body to the :class:`ProofreadDocument`.

Each paragraph belongs to the innermost block bookmark on it; one whose text
differs between the rejected and accepted views was revised. Its field is the
block's text field that the exported text shows; a paragraph typed in Word
outside every block is a new paragraph after the last block before it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import Any

from babel.numbers import NumberFormatError, parse_decimal

from ...core.anchors import anchor_paths
from ...core.errors import AuthoringError
from ...core.patch import as_plain
from ...core.proofreading import (
    FieldPath,
    FormattingChange,
    NewParagraph,
    ProofreadDocument,
    TextChange,
    Unplaced,
    as_field_text,
    number_text,
)
from ...core.workspace import Workspace
from ..ooxml import Element, w
from ..properties import CHAPTER_PREFIX
from ..typography import LOCALE, is_number
from .body import Placed, comment_anchors, placed_paragraphs
from .comments import raw_comments, word_comments
from .fields import text_fields
from .package import ProofreadPackage
from .restore import key, restored, same_text
from .revisions import ParagraphViews, views
from .typography import plain

_PROPERTY = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}property"
_FORMATTING = (w("rPrChange"), w("pPrChange"))


@dataclass
class Chapters:
    """The exported chapters as they stand: each block's anchor → its chapter and value."""

    digests: dict[str, str]
    blocks: dict[str, tuple[str, Any]] = field(default_factory=dict)
    roots: dict[str, Any] = field(default_factory=dict)
    """Each chapter's data, for the fields outside every block (titles, chapeau)."""
    comments: dict[str, list[Mapping[str, Any]]] = field(default_factory=dict)


def exported_digests(custom: Element | None) -> dict[str, str]:
    found: dict[str, str] = {}
    for prop in [] if custom is None else custom.iter(_PROPERTY):
        name = str(prop.get("name") or "")
        if name.startswith(CHAPTER_PREFIX):
            found[name.removeprefix(CHAPTER_PREFIX)] = "".join(prop.itertext()).strip()
    if not found:
        raise AuthoringError(
            "ce document n’a pas été produit par l’export d’authoring-tui (il ne dit pas "
            "de quels chapitres il vient) : seul un export relu peut être relu ici."
        )
    return found


def chapters(workspace: Workspace, digests: dict[str, str]) -> Chapters:
    found = Chapters(digests)
    for chapter_id in digests:
        try:
            if not workspace.store.exists(chapter_id):
                continue
            data = as_plain(workspace.store.load(chapter_id, round_trip=False).data)
            schema = workspace.schema_for(chapter_id)
        except AuthoringError:
            continue  # a deleted or unreadable chapter has no known block
        found.roots[chapter_id] = data
        for anchor, path in anchor_paths(schema, data).items():
            found.blocks[anchor] = (chapter_id, _at(data, path))
        notes = data.get("commentaires") if isinstance(data, Mapping) else None
        found.comments[chapter_id] = [n for n in notes or [] if isinstance(n, Mapping)]
    return found


def _at(data: Any, path: Sequence[str | int]) -> Any:
    for step in path:
        data = data[step]
    return data


def read_document(package: ProofreadPackage, workspace: Workspace) -> ProofreadDocument:
    known = chapters(workspace, exported_digests(package.custom))
    body = package.document.find(w("body"))
    placed = list(placed_paragraphs(body if body is not None else package.document, known.blocks))
    if not any(p.last_anchor for p in placed):
        raise AuthoringError(
            "le document ne contient plus aucun signet de bloc : ses corrections ne "
            "peuvent plus être rattachées aux chapitres (exportez à nouveau le rapport)."
        )
    reading = Reading(known)
    for paragraph in placed:
        reading.paragraph(paragraph)
    places = {
        number: (known.blocks[anchor][0], anchor)
        for number, anchor in comment_anchors(body, known.blocks).items()
        if anchor is not None
    }
    comments = word_comments(
        raw_comments(package.comments), package.comments_extended, places, known.comments
    )
    return ProofreadDocument(
        str(package.source),
        known.digests,
        tuple(reading.changes),
        tuple(comments),
        tuple(reading.new_paragraphs),
        tuple(reading.formatting),
        tuple(reading.unplaced),
    )


@dataclass
class Reading:
    known: Chapters
    changes: list[TextChange] = field(default_factory=list)
    new_paragraphs: list[NewParagraph] = field(default_factory=list)
    formatting: list[FormattingChange] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)

    def paragraph(self, placed: Placed) -> None:
        seen = views(placed.paragraph)
        self._formatting(placed)
        if seen.before == seen.after:
            return
        if seen.typed_in_word and not seen.before:
            self._new_paragraph(placed, seen)
        elif placed.anchor is None:
            self._outside_blocks(seen)
        else:
            self._text_change(placed.anchor, seen)

    def _formatting(self, placed: Placed) -> None:
        if placed.anchor is None:
            return
        chapter_id = self.known.blocks[placed.anchor][0]
        for change in placed.paragraph.iter(*_FORMATTING):
            what = "du paragraphe" if change.tag == w("pPrChange") else "du texte"
            self.formatting.append(
                FormattingChange(
                    chapter_id,
                    placed.anchor,
                    f"mise en forme {what} modifiée",
                    change.get(w("author")),
                )
            )

    def _new_paragraph(self, placed: Placed, seen: ParagraphViews) -> None:
        if placed.last_anchor is None:
            self.unplaced.append(
                Unplaced(
                    f"paragraphe ajouté « {plain(seen.after)} »",
                    "il est avant le premier bloc des chapitres exportés.",
                )
            )
            return
        chapter_id = self.known.blocks[placed.last_anchor][0]
        self.new_paragraphs.append(
            NewParagraph(chapter_id, placed.last_anchor, plain(seen.after), seen.author, seen.date)
        )

    def _text_change(self, anchor: str, seen: ParagraphViews) -> None:
        chapter_id, block = self.known.blocks[anchor]
        found = _shown(block, seen)
        if found is None:
            self._changed_since_export(chapter_id, anchor, block, seen)
            return
        path, seen = found
        self._add_change(chapter_id, anchor, path, _at(block, path), seen)

    def _outside_blocks(self, seen: ParagraphViews) -> None:
        """A title, a chapeau, a DGA line: a field outside every block, found by
        its exported text among the exported chapters' own fields; its path is
        from the chapter's root. A part's title (``report.yaml``) is in none."""
        for chapter_id, root in self.known.roots.items():
            found = _shown(_outside(root), seen)
            if found is not None:
                path, seen = found
                self._add_change(chapter_id, None, path, _at(root, path), seen)
                return
        self.unplaced.append(
            Unplaced(
                f"correction « {plain(seen.before)} » → « {plain(seen.after)} »",
                "ce passage n’est ni dans un bloc ni un champ d’un chapitre exporté (titre "
                "de partie, sommaire, page de titre ?), ou il a changé depuis l’export.",
            )
        )

    def _changed_since_export(
        self, chapter_id: str, anchor: str, block: Any, seen: ParagraphViews
    ) -> None:
        """A revised paragraph whose field no longer reads as exported: the DGA
        changed it since. The change is kept on the closest field, from the text
        as exported, so that applying it proposes instead of overwriting; one
        whose field already reads as corrected (the document brought back
        before) is given the field's text as its result, so it is seen as done."""
        done = _field_shown(block, seen.after)
        if done is not None:
            corrected = _at(block, done)
            before = figure(plain(seen.before)) if is_number(corrected) else plain(seen.before)
            self.changes.append(
                TextChange(
                    chapter_id,
                    anchor,
                    done,
                    before,
                    as_field_text(corrected),
                    seen.author,
                    seen.date,
                )
            )
            return
        path = _closest_field(block, seen.before)
        if path is None:
            self.unplaced.append(
                Unplaced(
                    f"correction « {plain(seen.before)} » → « {plain(seen.after)} »",
                    "le texte corrigé ne correspond plus à aucun champ de son bloc "
                    "(le chapitre a changé depuis l’export ?).",
                )
            )
            return
        self._add_change(chapter_id, anchor, path, plain(seen.before), seen)

    def _add_change(
        self,
        chapter_id: str,
        anchor: str | None,
        path: FieldPath,
        source: Any,
        seen: ParagraphViews,
    ) -> None:
        """The change of ``source`` (the field's value, or its text as exported)
        that the paragraph's revisions make; a number's as YAML texts."""
        if is_number(source):
            before, after = number_text(source), figure(plain(seen.after))
        else:
            before, after = source, restored(source, seen.before, seen.after)
        self.changes.append(
            TextChange(chapter_id, anchor, path, before, after, seen.author, seen.date)
        )


def _shown(value: Any, seen: ParagraphViews) -> tuple[FieldPath, ParagraphViews] | None:
    """The text field of ``value`` the revised paragraph shows, and the revision
    reduced to that field when the export wrote something around it (« » of a
    quotation, a label, a heading's number)."""
    path = _field_shown(value, seen.before)
    if path is not None:
        return path, seen
    for decoration in _DECORATIONS:
        shown, edited = decoration.match(seen.before), decoration.match(seen.after)
        if shown and edited and _around(shown) == _around(edited):
            inner = replace(seen, before=shown.group("field"), after=edited.group("field"))
            path = _field_shown(value, inner.before)
            if path is not None:
                return path, inner
    return None


def _outside(root: Any) -> Any:
    """The chapter without what the export never prints as text of its own."""
    if not isinstance(root, Mapping):
        return root
    return {key: value for key, value in root.items() if key not in _NOT_PRINTED}


_NOT_PRINTED = {"id", "redacteurs", "historique_statut", "commentaires", "schema"}


def _field_shown(block: Any, exported: str) -> FieldPath | None:
    return next((path for path, text in text_fields(block) if same_text(text, exported)), None)


_DECORATIONS = (
    # A quotation's text is exported between « » the field does not hold.
    re.compile(r"^\s*«\s*(?P<field>.*?)\s*»\s*$", re.DOTALL),
    # A picture's credit or source after its label (« Crédit : … »).
    re.compile(r"^\s*[^\s:]{1,20}\s*:\s*(?P<field>.*)$", re.DOTALL),
    # A zoom's heading, « Zoom <territoire> — <titre> »: either field.
    re.compile(r"^Zoom .*? — (?P<field>.*)$", re.DOTALL),
    re.compile(r"^Zoom (?P<field>.*?) — .*$", re.DOTALL),
    # A key figure's value after its qualifier, « près de 60 »: the value.
    re.compile(r"^(?P<lead>\D+\s)(?P<field>[-+]?\d[\d\s,]*)$", re.DOTALL),
    # A numbered heading, « V/2.1 Le renouvellement… »: its title.
    re.compile(r"^[IVXLCDM0-9]+(?:[/.][0-9A-Za-z]*)*\s+(?P<field>.*)$", re.DOTALL),
)


def figure(text: str) -> str:
    """A figure as typed in Word (« 1 500 », « 2,5 ») as YAML text (« 1500 »,
    « 2.5 »); the text itself when it is no French number."""
    try:
        value = parse_decimal("".join(text.split()), locale=LOCALE, strict=True)
    except NumberFormatError:
        return text.strip()
    return number_text(int(value) if value == value.to_integral_value() else float(value))


def _closest_field(block: Any, exported: str) -> FieldPath | None:
    """The block's text field most like ``exported``, if it is like it at all
    (at least half of its words in common, in order)."""
    wanted = key(exported)
    scored = [
        (SequenceMatcher(None, key(text), wanted, autojunk=False).ratio(), path)
        for path, text in text_fields(block)
    ]
    best = max(scored, default=None, key=lambda pair: pair[0])
    return best[1] if best is not None and best[0] >= CLOSE_ENOUGH else None


CLOSE_ENOUGH = 0.5


def _around(found: re.Match[str]) -> tuple[str, str]:
    """What the export wrote around the field (it must be left as it was)."""
    return found.string[: found.start("field")], found.string[found.end("field") :]
