"""The DOCX reader of the Word round trip, on real exports of a copy of the sample
edited the way Word saves tracked changes and comments (XML edited with lxml)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from authoring_tui.cli.main import main
from authoring_tui.core.errors import AuthoringError
from authoring_tui.core.workspace import Workspace
from authoring_tui.export.proofread import read_proofread

from .word_editing import (
    AUTHOR,
    CHAPTER,
    DATE,
    W,
    block_paragraph,
    comments_extended,
    export,
    parts,
    repack,
    replace_in_part_heading,
    replace_word,
    revision,
    run,
    typed_after,
    word_comment,
)


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


def test_a_list_item_edit_is_placed_on_its_element(
    workspace_dir: Path, workspace: Workspace
) -> None:
    docx = export(workspace_dir)
    body = etree.fromstring(parts(docx)["word/document.xml"])
    replace_word(block_paragraph(body, "563jx5"), "nouvelle", "grande")
    repack(docx, {"word/document.xml": etree.tostring(body)})
    source = workspace.store.load(CHAPTER).data["sections"][1]["blocs"][1]["elements"][0]["texte"]

    (change,) = read_proofread(docx, workspace).changes

    assert (change.anchor, change.path) == ("563jx5", ("elements", 0, "texte"))
    assert change.after == source.replace("nouvelle", "grande", 1)
    assert "\u00a0" in source, "the sample types its own non-breaking spaces: kept"


def test_a_paragraph_typed_between_blocks_is_a_new_paragraph(
    workspace_dir: Path, workspace: Workspace
) -> None:
    docx = export(workspace_dir)
    body = etree.fromstring(parts(docx)["word/document.xml"])
    typed_after(body, "84dt0x", "Un paragraphe ajouté : le tramway.")
    repack(docx, {"word/document.xml": etree.tostring(body)})

    read = read_proofread(docx, workspace)

    assert read.changes == ()
    (new,) = read.new_paragraphs
    assert (new.chapter_id, new.after_anchor) == (CHAPTER, "84dt0x")
    assert (new.text, new.author, new.date) == ("Un paragraphe ajouté : le tramway.", AUTHOR, DATE)


def test_a_formatting_revision_is_reported_not_a_text_change(
    workspace_dir: Path, workspace: Workspace
) -> None:
    docx = export(workspace_dir)
    body = etree.fromstring(parts(docx)["word/document.xml"])
    first_run = next(block_paragraph(body, "d7aez0").iter(f"{W}r"))
    properties = first_run.find(f"{W}rPr")
    if properties is None:
        properties = etree.Element(f"{W}rPr")
        first_run.insert(0, properties)
    etree.SubElement(properties, f"{W}b")
    properties.append(revision("rPrChange", etree.Element(f"{W}rPr")))
    repack(docx, {"word/document.xml": etree.tostring(body)})

    read = read_proofread(docx, workspace)

    assert read.changes == ()
    (formatting,) = read.formatting
    assert (formatting.anchor, formatting.author) == ("d7aez0", AUTHOR)


def test_a_word_comment_with_a_reply_and_done_state(
    workspace_dir: Path, workspace: Workspace
) -> None:
    docx = export(workspace_dir)
    content = parts(docx)
    body = etree.fromstring(content["word/document.xml"])
    notes = etree.fromstring(content["word/comments.xml"])
    paragraph = block_paragraph(body, "d7aez0")
    paragraph.append(etree.Element(f"{W}commentRangeStart", {f"{W}id": "700"}))
    paragraph.append(etree.Element(f"{W}commentRangeEnd", {f"{W}id": "700"}))
    notes.append(word_comment("700", "0A0A0A0A", "Chiffre à vérifier.", AUTHOR))
    notes.append(word_comment("701", "0B0B0B0B", "Vérifié, c’est juste.", "Chef de projet"))
    extended = comments_extended(
        {"paraId": "0A0A0A0A", "done": "1"}, {"paraId": "0B0B0B0B", "paraIdParent": "0A0A0A0A"}
    )
    repack(
        docx,
        {
            "word/document.xml": etree.tostring(body),
            "word/comments.xml": etree.tostring(notes),
            "word/commentsExtended.xml": etree.tostring(extended),
        },
    )

    read = read_proofread(docx, workspace)

    (made_in_word,) = [c for c in read.comments if c.origin is None]
    assert (made_in_word.anchor, made_in_word.text) == ("d7aez0", "Chiffre à vérifier.")
    assert made_in_word.resolved
    assert [(r.author, r.text) for r in made_in_word.replies] == [
        ("Chef de projet", "Vérifié, c’est juste.")
    ]
    assert all(c.origin for c in read.comments if c is not made_in_word)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_word_replaced_in_libreoffice_with_changes_recorded(
    workspace_dir: Path, workspace: Workspace, tmp_path: Path
) -> None:
    from authoring_tui.export.pdf import without_comments

    docx = export(workspace_dir)
    plain_copy = tmp_path / "sans-commentaires.docx"
    plain_copy.write_bytes(without_comments(docx.read_bytes()))  # LibreOffice 7.4 crashes on them
    edited_by_lo = tmp_path / "relu-lo.docx"
    script = Path(__file__).with_name("proofread_lo_edit.py")
    command = [
        "/usr/bin/python3",
        str(script),
        str(shutil.which("soffice")),
        str(tmp_path / "profil"),
        str(plain_copy),
        str(edited_by_lo),
        f"proofread-{os.getpid()}",
        "automatique",
        "autonome",
    ]
    subprocess.run(command, check=True, timeout=240, capture_output=True)
    source = workspace.store.load(CHAPTER).data["sections"][0]["blocs"][0]["texte"]

    read = read_proofread(edited_by_lo, workspace)

    (change,) = read.changes
    assert (change.anchor, change.path) == ("84dt0x", ("texte",))
    assert (change.before, change.after) == (source, source.replace("automatique", "autonome", 1))


def test_an_edited_section_heading_is_a_change_of_its_title_from_the_root(
    workspace_dir: Path, workspace: Workspace
) -> None:
    docx = export(workspace_dir)
    body = etree.fromstring(parts(docx)["word/document.xml"])
    heading = block_paragraph(body, "84dt0x").getprevious()
    while not "".join(heading.itertext()).startswith("V/2.1 "):
        heading = heading.getprevious()
    replace_word(heading, "précise", "confirme")
    repack(docx, {"word/document.xml": etree.tostring(body)})

    read = read_proofread(docx, workspace)

    (change,) = read.changes
    assert (change.anchor, change.path) == (None, ("sections", 0, "titre"))
    assert (change.before, change.after) == (
        "Le renouvellement du métro se précise",
        "Le renouvellement du métro se confirme",
    )
    assert read.unplaced == () and read.new_paragraphs == ()


def test_an_edited_part_heading_is_unplaced_not_a_new_paragraph(
    workspace_dir: Path, workspace: Workspace
) -> None:
    docx = export(workspace_dir)
    replace_in_part_heading(docx, "différentes", "diverses")

    read = read_proofread(docx, workspace)

    assert (read.changes, read.new_paragraphs) == ((), ())
    (unplaced,) = read.unplaced
    assert "titre de partie" in unplaced.reason and "diverses" in unplaced.description


def test_a_figure_after_its_qualifier_is_read_back_as_a_yaml_number(
    workspace_dir: Path, workspace: Workspace
) -> None:
    """Chiffres clés, « plus de 50 % » of the forest: the value cell reads « plus
    de 50 »; the proofreader makes it 55 (and 175 000 ha 175 500)."""
    output = workspace_dir / "exports" / "chiffres.docx"
    args = ["export", "--workspace", str(workspace_dir), "--chapter", "chiffres-cles"]
    assert main([*args, "--output", str(output)]) == 0
    body = etree.fromstring(parts(output)["word/document.xml"])
    cells = {"".join(p.itertext()): p for p in body.iter(f"{W}p")}
    replace_word(cells["plus de 50"], "50", "55")
    replace_word(cells["175\u202f000"], "175\u202f000", "175\u202f500")
    repack(output, {"word/document.xml": etree.tostring(body)})

    read = read_proofread(output, workspace)

    found = {(c.anchor, c.path): (c.before, c.after) for c in read.changes}
    assert found == {
        ("o69lpv", ("chiffres", 1, "valeur")): ("50", "55"),
        ("o69lpv", ("chiffres", 0, "valeur")): ("175000", "175500"),
    }
    assert read.unplaced == ()


def test_a_move_between_two_blocks_is_a_deletion_in_one_and_an_insertion_in_the_other(
    workspace_dir: Path, workspace: Workspace
) -> None:
    docx = export(workspace_dir)
    body = etree.fromstring(parts(docx)["word/document.xml"])
    source = block_paragraph(body, "84dt0x")
    moved = next(r for r in source.iter(f"{W}r") if "automatique" in "".join(r.itertext()))
    text = moved.find(f"{W}t")
    assert text is not None and text.text
    head, tail = text.text.split("automatique", 1)
    text.text = head
    moved.addnext(run(tail))
    moved.addnext(revision("moveFrom", run("automatique")))
    target = block_paragraph(body, "d7aez0")
    target.append(revision("moveTo", run(" automatique")))
    repack(docx, {"word/document.xml": etree.tostring(body)})
    data = workspace.store.load(CHAPTER).data["sections"][0]["blocs"]

    read = read_proofread(docx, workspace)

    changes = {c.anchor: c for c in read.changes}
    assert changes["84dt0x"].after == str(data[0]["texte"]).replace("automatique", "", 1)
    assert changes["d7aez0"].after == str(data[1]["texte"]) + " automatique"
