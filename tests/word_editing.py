"""Editing an exported DOCX the way Word saves tracked changes and comments
(its XML changed with lxml), for the tests of the Word round trip."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from authoring_tui.cli.main import main

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
AUTHOR = "Relectrice DGA"
DATE = "2026-11-20T10:12:00Z"
CHAPTER = "v2-mobilite"
WORD_BLOCK = "84dt0x"  # « … deviendra peu à peu automatique : il gagnera … »
COMMENT_BLOCK = "d7aez0"


def parts(docx: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(docx) as package:
        return {name: package.read(name) for name in package.namelist()}


def repack(docx: Path, changed: dict[str, bytes], dropped: tuple[str, ...] = ()) -> None:
    content = {**parts(docx), **changed}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in content.items():
            if name not in dropped:
                package.writestr(name, data)
    docx.write_bytes(buffer.getvalue())


def block_paragraph(body: etree._Element, anchor: str) -> etree._Element:
    start = next(b for b in body.iter(f"{W}bookmarkStart") if b.get(f"{W}name") == anchor)
    return start.getparent()


def run(text: str, deleted: bool = False) -> etree._Element:
    r = etree.Element(f"{W}r")
    t = etree.SubElement(r, f"{W}delText" if deleted else f"{W}t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return r


def revision(kind: str, *runs: etree._Element) -> etree._Element:
    mark = etree.Element(f"{W}{kind}", {f"{W}id": "901", f"{W}author": AUTHOR, f"{W}date": DATE})
    mark.extend(runs)
    return mark


def replace_word(paragraph: etree._Element, old: str, new: str) -> None:
    """Split the run holding ``old`` and put a tracked deletion and insertion there."""
    for r in paragraph.iter(f"{W}r"):
        t = r.find(f"{W}t")
        if t is not None and t.text and old in t.text:
            head, tail = t.text.split(old, 1)
            t.text = head
            r.addnext(run(tail))
            r.addnext(revision("ins", run(new)))
            r.addnext(revision("del", run(old, deleted=True)))
            return
    raise AssertionError(f"{old!r} is not in the paragraph")


W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"


def word_comment(number: str, para: str, text: str, author: str) -> etree._Element:
    comment = etree.Element(
        f"{W}comment", {f"{W}id": number, f"{W}author": author, f"{W}date": DATE}
    )
    p = etree.SubElement(comment, f"{W}p", {f"{{{W14}}}paraId": para})
    p.append(run(text))
    return comment


def comment_on(
    body: etree._Element,
    notes: etree._Element,
    anchor: str,
    text: str,
    author: str = AUTHOR,
    number: str = "700",
    para: str = "0A0A0A0A",
) -> None:
    """A comment made in Word over the whole paragraph of block ``anchor``."""
    paragraph = block_paragraph(body, anchor)
    paragraph.insert(1, etree.Element(f"{W}commentRangeStart", {f"{W}id": number}))
    paragraph.append(etree.Element(f"{W}commentRangeEnd", {f"{W}id": number}))
    notes.append(word_comment(number, para, text, author))


def typed_after(body: etree._Element, anchor: str, text: str) -> None:
    """A paragraph typed in Word, tracked, right after block ``anchor``'s paragraph."""
    typed = etree.Element(f"{W}p")
    mark = etree.SubElement(etree.SubElement(typed, f"{W}pPr"), f"{W}rPr")
    mark.append(revision("ins"))
    typed.append(revision("ins", run(text)))
    block_paragraph(body, anchor).addnext(typed)


def comments_extended(*entries: dict[str, str]) -> etree._Element:
    """``word/commentsExtended.xml`` with one ``w15:commentEx`` per entry (its
    attributes without namespace: ``paraId``, ``paraIdParent``, ``done``)."""
    extended = etree.Element(f"{{{W15}}}commentsEx", nsmap={"w15": W15})
    for entry in entries:
        attributes = {f"{{{W15}}}{name}": value for name, value in entry.items()}
        etree.SubElement(extended, f"{{{W15}}}commentEx", attributes)
    return extended


def export(workspace_dir: Path, name: str = "relu.docx") -> Path:
    output = workspace_dir / "exports" / name
    args = ["export", "--workspace", str(workspace_dir), "--chapter", CHAPTER]
    assert main([*args, "--output", str(output)]) == 0
    return output


def proofread(workspace_dir: Path) -> Path:
    """V/2 exported, one word replaced as a tracked change and a comment added on
    another paragraph, by a member of the secrétariat."""
    docx = export(workspace_dir)
    content = parts(docx)
    body = etree.fromstring(content["word/document.xml"])
    notes = etree.fromstring(content["word/comments.xml"])
    replace_word(block_paragraph(body, WORD_BLOCK), "automatique", "autonome")
    comment_on(body, notes, COMMENT_BLOCK, "Source du chiffre ?", author="Marion Legrand")
    repack(
        docx,
        {"word/document.xml": etree.tostring(body), "word/comments.xml": etree.tostring(notes)},
    )
    return docx


def replace_in_part_heading(docx: Path, old: str, new: str) -> None:
    """A tracked replacement in « V/ Les différentes politiques publiques », the
    title of a part of the plan (``report.yaml``): in no chapter's block or field."""
    body = etree.fromstring(parts(docx)["word/document.xml"])
    heading = next(
        p
        for p in body.iter(f"{W}p")
        if "".join(p.itertext()) == "V/ Les différentes politiques publiques"
    )
    replace_word(heading, old, new)
    repack(docx, {"word/document.xml": etree.tostring(body)})
