"""The DOCX reader of the Word round trip, on real exports of a copy of the sample
edited the way Word saves tracked changes and comments (XML edited with lxml)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from authoring_tui.cli.main import main
from authoring_tui.core.errors import AuthoringError
from authoring_tui.core.workspace import Workspace
from authoring_tui.export.proofread import read_proofread

CHAPTER = "v2-mobilite"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
AUTHOR = "Relectrice DGA"
DATE = "2026-11-20T10:12:00Z"


def export(workspace_dir: Path) -> Path:
    output = workspace_dir / "exports" / "relu.docx"
    code = main(
        ["export", "--workspace", str(workspace_dir), "--chapter", CHAPTER, "--output", str(output)]
    )
    assert code == 0
    return output


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


def edited(workspace_dir: Path, anchor: str, old: str, new: str) -> Path:
    docx = export(workspace_dir)
    body = etree.fromstring(parts(docx)["word/document.xml"])
    replace_word(block_paragraph(body, anchor), old, new)
    repack(docx, {"word/document.xml": etree.tostring(body)})
    return docx


def test_a_replaced_word_is_a_text_change_of_the_block_field(
    workspace_dir: Path, workspace: Workspace
) -> None:
    docx = edited(workspace_dir, "84dt0x", "automatique", "autonome")
    source = workspace.store.load(CHAPTER).data["sections"][0]["blocs"][0]["texte"]

    read = read_proofread(docx, workspace)

    assert read.chapter_ids() == [CHAPTER]
    (change,) = read.changes
    assert (change.chapter_id, change.anchor, change.path) == (CHAPTER, "84dt0x", ("texte",))
    assert change.before == source
    assert change.after == source.replace("automatique", "autonome", 1)
    assert (change.author, change.date) == (AUTHOR, DATE)
    assert read.unplaced == ()


def test_bytes_are_read_as_the_file(workspace_dir: Path, workspace: Workspace) -> None:
    docx = edited(workspace_dir, "84dt0x", "automatique", "autonome")
    read = read_proofread(docx.read_bytes(), workspace, name="relu.docx")
    assert [c.after.count("autonome") for c in read.changes] == [1]


def test_a_document_not_made_by_the_tool_is_refused(
    workspace_dir: Path, workspace: Workspace
) -> None:
    docx = export(workspace_dir)
    repack(docx, {}, dropped=("docProps/custom.xml",))
    with pytest.raises(AuthoringError, match="n’a pas été produit par l’export"):
        read_proofread(docx, workspace)


def test_a_document_without_block_bookmarks_is_refused(
    workspace_dir: Path, workspace: Workspace
) -> None:
    docx = export(workspace_dir)
    body = etree.fromstring(parts(docx)["word/document.xml"])
    for mark in [*body.iter(f"{W}bookmarkStart"), *body.iter(f"{W}bookmarkEnd")]:
        mark.getparent().remove(mark)
    repack(docx, {"word/document.xml": etree.tostring(body)})
    with pytest.raises(AuthoringError, match="aucun signet de bloc"):
        read_proofread(docx, workspace)


def test_a_file_that_is_not_a_zip_is_refused_in_french(
    workspace_dir: Path, workspace: Workspace
) -> None:
    fake = workspace_dir / "exports" / "faux.docx"
    fake.write_bytes(b"pas un zip")
    with pytest.raises(AuthoringError, match="document Word"):
        read_proofread(fake, workspace)


def test_exported_comments_come_back_on_their_block(
    workspace_dir: Path, workspace: Workspace
) -> None:
    docx = export(workspace_dir)
    read = read_proofread(docx, workspace)
    assert read.changes == ()
    assert read.comments, "the sample's V/2 has open comments"
    assert all(c.chapter_id == CHAPTER and c.anchor for c in read.comments)
    assert not any("— Réponse de" in c.text for c in read.comments)
