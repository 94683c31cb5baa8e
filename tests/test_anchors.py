"""Block anchors: comments stay on their block when blocks move, in the file and in Word.

On copies of the sample: the core's migration, the session's structural edits,
the ``migrer`` command, and the Word export read back from its XML.
"""

from __future__ import annotations

import datetime
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from authoring_tui.cli.main import main
from authoring_tui.core import anchors
from authoring_tui.core.roles import PermissionDenied, identify
from authoring_tui.core.validation import validate
from authoring_tui.core.workspace import Workspace
from authoring_tui.tui.session import ChapterSession

from .conftest import snapshot_files

COMMENTED = "v2-mobilite"
V1_CHAPTER = Path(__file__).parent / "data" / "v1" / f"{COMMENTED}.yaml"
"""V/2 as the sample held it before contract v2: no anchors, comments on ``cible``."""
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# -- Reading the export back ------------------------------------------------------


def export(workspace_dir: Path, name: str) -> Path:
    output = workspace_dir / "exports" / name
    code = main(
        [
            "export",
            "--workspace",
            str(workspace_dir),
            "--chapter",
            COMMENTED,
            "--output",
            str(output),
        ]
    )
    assert code == 0
    return output


def anchored_texts(docx: Path) -> dict[str, str]:
    """Each Word comment's text → the text of the paragraphs its range covers."""
    with zipfile.ZipFile(docx) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        notes = etree.fromstring(package.read("word/comments.xml"))
    said = {
        c.get(f"{W}id"): "".join(t.text or "" for t in c.iter(f"{W}t"))
        for c in notes.iter(f"{W}comment")
    }
    covered: dict[str, list[Any]] = {}
    active: set[str] = set()
    paragraph = None
    for element in body.iter():
        if element.tag == f"{W}p":
            paragraph = element
        elif element.tag == f"{W}commentRangeStart":
            active.add(element.get(f"{W}id"))
        elif element.tag == f"{W}commentRangeEnd":
            active.discard(element.get(f"{W}id"))
        elif element.tag == f"{W}t":
            for number in active:
                if paragraph is not None and paragraph not in covered.setdefault(number, []):
                    covered[number].append(paragraph)
    return {
        said[number]: "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in found)
        for number, found in covered.items()
    }


def bookmarks(docx: Path) -> list[str]:
    with zipfile.ZipFile(docx) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    starts = [b.get(f"{W}id") for b in body.iter(f"{W}bookmarkStart")]
    ends = [b.get(f"{W}id") for b in body.iter(f"{W}bookmarkEnd")]
    assert sorted(starts) == sorted(ends) and len(set(starts)) == len(starts)
    return [b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")]


def swap_blocks_in_text(text: str, section: int, first: int) -> str:
    """Swap blocks ``first`` and ``first + 1`` of a section, editing the YAML text
    as someone would in an editor (cut the lines of one block, paste them below)."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if line.startswith("  - numero:")]
    start, end = starts[section], starts[section + 1]
    heads = [i for i in range(start, end) if lines[i].startswith("      - type:")]
    a, b = heads[first], heads[first + 1]
    c = heads[first + 2] if first + 2 < len(heads) else end
    swapped = lines[:a] + lines[b:c] + lines[a:b] + lines[c:]
    return "\n".join(swapped)


# -- The core ------------------------------------------------------------------------


def test_every_block_of_every_sample_chapter_has_a_unique_anchor(workspace: Workspace) -> None:
    for chapter_id in workspace.report.chapter_ids:
        schema = workspace.schema_for(chapter_id)
        data = workspace.store.load(chapter_id, round_trip=False).data
        found = anchors.blocks(schema, data)
        names = [block.anchor for block in found]
        assert found and None not in names and len(set(names)) == len(names), chapter_id
        assert not anchors.migrate(schema, workspace.store.load(chapter_id).data)


def test_blocks_are_found_from_the_schema_nested_ones_too(workspace: Workspace) -> None:
    schema = workspace.schema_for("v1-economie-emploi")
    data = workspace.store.load("v1-economie-emploi", round_trip=False).data
    paths = [block.path for block in anchors.blocks(schema, data)]
    assert any(len(path) > 4 and path[-2] == "blocs" for path in paths)  # inside a zoom
    key_figures = workspace.schema_for("chiffres-cles")
    rubriques = workspace.store.load("chiffres-cles", round_trip=False).data["rubriques"]
    found = anchors.blocks(key_figures, {"rubriques": rubriques})
    assert [b.path for b in found] == [("rubriques", i) for i in range(len(rubriques))]


def test_a_v1_chapter_is_migrated_comments_on_the_block_that_held_their_target(
    workspace_dir: Path,
) -> None:
    shutil.copy(V1_CHAPTER, workspace_dir / "chapters" / f"{COMMENTED}.yaml")
    workspace = Workspace.open(workspace_dir)
    schema = workspace.schema_for(COMMENTED)
    chapter = workspace.store.load(COMMENTED)
    data = chapter.data
    data["commentaires"].append({"cible": "sections/1", "auteur": "mlegrand", "texte": "x"})
    data["commentaires"].append(
        {"cible": "sections/1/blocs/1/elements/2/texte", "auteur": "mlegrand", "texte": "y"}
    )
    assert anchors.migrate(schema, data)
    comments = data["commentaires"]
    block = data["sections"][2]["blocs"][1]
    assert comments[1]["bloc"] == block["ancre"] and "cible" not in comments[1]
    assert list(block)[:2] == ["type", "ancre"]  # where the schema puts it
    assert comments[3] == {"cible": "sections/1", "auteur": "mlegrand", "texte": "x"}
    assert comments[4]["bloc"] == data["sections"][1]["blocs"][1]["ancre"]  # its enclosing block
    assert anchors.find_block(schema, data, block["ancre"]) == ("sections", 2, "blocs", 1)
    assert not anchors.migrate(schema, data)


def test_a_copied_block_gets_a_new_anchor_the_first_keeps_its_own(workspace: Workspace) -> None:
    schema = workspace.schema_for(COMMENTED)
    data = workspace.store.load(COMMENTED).data
    blocs = data["sections"][0]["blocs"]
    original = blocs[0]["ancre"]
    blocs.append(dict(blocs[0]))
    assert anchors.assign_anchors(schema, data)
    assert blocs[0]["ancre"] == original
    assert anchors.is_anchor(blocs[-1]["ancre"]) and blocs[-1]["ancre"] != original


# -- The editor's session ---------------------------------------------------------


def open_session(workspace_dir: Path, chapter_id: str, login: str) -> ChapterSession:
    workspace = Workspace.open(workspace_dir)
    session = ChapterSession(
        workspace, chapter_id, identify(workspace.report, login), datetime.date(2021, 3, 20)
    )
    session.ensure_round_trip()
    return session


def test_a_new_block_has_an_anchor_at_once_and_keeps_it_when_its_type_changes(
    workspace_dir: Path,
) -> None:
    session = open_session(workspace_dir, COMMENTED, "adurand")
    try:
        path = session.insert_item(("sections", 0, "blocs"), 1, {"type": "paragraphe", "texte": ""})
        anchor = session.get((*path, "ancre"))
        assert anchors.is_anchor(anchor)
        session.replace(path, {"type": "citation", "texte": "Mot.", "auteur": "Moi"})
        assert session.get((*path, "ancre")) == anchor
        copied = session.insert_item(("sections", 0, "blocs"), 0, dict(session.get(path)))
        assert session.get((*copied, "ancre")) != anchor  # a copy is another block
        assert session.get((*path[:-1], 2, "ancre")) == anchor
    finally:
        session.close()


def test_a_writer_saves_a_v1_chapter_which_gets_anchors_and_bloc(workspace_dir: Path) -> None:
    """The secrétariat's comments are rewritten by the tool, not by the writer:
    the role check accepts it."""
    shutil.copy(V1_CHAPTER, workspace_dir / "chapters" / f"{COMMENTED}.yaml")
    session = open_session(workspace_dir, COMMENTED, "adurand")
    try:
        session.move_item(("sections", 2, "blocs", 1), -1)  # « 320 M€ » goes up
        session.set_value(("chapeau",), "Un chapeau neuf.")
        session.save()
    finally:
        session.close()
    workspace = Workspace.open(workspace_dir)
    data = workspace.store.load(COMMENTED).data
    schema = workspace.schema_for(COMMENTED)
    assert validate(schema, data) == []
    comments = data["commentaires"]
    assert all("bloc" in c and "cible" not in c for c in comments)
    moved = anchors.find_block(schema, data, comments[1]["bloc"])
    assert moved == ("sections", 2, "blocs", 0)
    assert "320" in data["sections"][2]["blocs"][0]["texte"]


def test_a_writer_replies_to_the_secretariat_but_cannot_rewrite_its_reply(
    workspace_dir: Path,
) -> None:
    session = open_session(workspace_dir, COMMENTED, "mlegrand")
    try:
        session.reply(0, "Je confirme auprès de la DGA.")
    finally:
        session.close()
    session = open_session(workspace_dir, COMMENTED, "adurand")
    try:
        session.reply(0, "Confirmé : 2023.")
        thread = session.get(("commentaires", 0, "reponses"))
        assert [r["auteur"] for r in thread] == ["mlegrand", "adurand"]
        assert re.fullmatch(r"2021-03-20T\d\d:\d\d:\d\d", thread[1]["date"])
        session.set_value(("commentaires", 0, "reponses", 0, "texte"), "Autre chose.")
        with pytest.raises(PermissionDenied, match="mlegrand"):
            session.save()
    finally:
        session.close()
    saved = Workspace.open(workspace_dir).store.load(COMMENTED).data["commentaires"][0]
    assert [r["texte"] for r in saved["reponses"]] == [
        "Je confirme auprès de la DGA.",
        "Confirmé : 2023.",
    ]


# -- The migrer command -----------------------------------------------------------


def test_migrer_brings_a_v1_workspace_to_v2_and_says_so(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    shutil.copy(V1_CHAPTER, workspace_dir / "chapters" / f"{COMMENTED}.yaml")
    assert main(["migrer", "--workspace", str(workspace_dir), "--user", "mlegrand"]) == 0
    out = capsys.readouterr().out
    done = "Chapitre «\u00a0v2-mobilite\u00a0»\u00a0: 26 ancres ajoutées\u00a0; 3 commentaires"
    assert done in out
    assert "Chapitre «\u00a0edito\u00a0»\u00a0: déjà au format v2, inchangé." in out
    text = (workspace_dir / "chapters" / f"{COMMENTED}.yaml").read_text(encoding="utf-8")
    assert "cible:" not in text and text.count("ancre:") == 26
    assert main(["migrer", "--workspace", str(workspace_dir)]) == 0
    assert "26 ancres" not in capsys.readouterr().out


def test_migrer_names_a_bad_file_leaves_it_alone_and_exits_2(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    shutil.copy(V1_CHAPTER, workspace_dir / "chapters" / f"{COMMENTED}.yaml")
    broken = workspace_dir / "chapters" / "edito.yaml"
    broken.write_text("id: edito\ntitre: [pas fermé\n", encoding="utf-8")
    before = snapshot_files(workspace_dir / "chapters")["edito.yaml"]
    assert main(["migrer", "--workspace", str(workspace_dir)]) == 2
    captured = capsys.readouterr()
    assert "edito.yaml" in captured.err and "ligne" in captured.err
    assert "Traceback" not in captured.err
    assert broken.read_bytes() == before
    assert "ancres ajoutées" in captured.out  # the other chapters were migrated


# -- The Word export --------------------------------------------------------------


def test_comments_stay_on_their_paragraphs_when_blocks_are_swapped_in_the_file(
    workspace_dir: Path,
) -> None:
    before = anchored_texts(export(workspace_dir, "avant.docx"))
    assert len(before) == 2 and any("320" in text for text in before.values())
    path = workspace_dir / "chapters" / f"{COMMENTED}.yaml"
    text = path.read_text(encoding="utf-8")
    swapped = swap_blocks_in_text(text, 2, 0)
    assert swapped != text
    path.write_text(swapped, encoding="utf-8")
    data = Workspace.open(workspace_dir).store.load(COMMENTED, round_trip=False).data
    assert "320" in data["sections"][2]["blocs"][0]["texte"]  # it did move
    after = anchored_texts(export(workspace_dir, "apres.docx"))
    assert after == before


def test_every_block_is_a_bookmark_named_after_its_anchor(workspace: Workspace) -> None:
    docx = export(workspace.root, "signets.docx")
    schema = workspace.schema_for(COMMENTED)
    data = workspace.store.load(COMMENTED, round_trip=False).data
    blocks = [name for name in bookmarks(docx) if not name.startswith("afaire_")]  # « À faire »
    assert blocks == [block.anchor for block in anchors.blocks(schema, data)]


def test_a_comment_on_a_deleted_block_stays_on_the_chapter_marked(
    workspace_dir: Path,
) -> None:
    session = open_session(workspace_dir, COMMENTED, "adurand")
    try:
        session.remove_item(("sections", 2, "blocs", 1))  # « 320 M€ », commented
        session.save()
    finally:
        session.close()
    texts = anchored_texts(export(workspace_dir, "supprime.docx"))
    deleted = next(t for t in texts if "320" in t)
    assert deleted.startswith("[bloc supprimé] Préciser")
    assert texts[deleted] == "V/2 Mobilité"  # the chapter's heading


def test_replies_follow_the_comment_in_word_and_v1_targets_still_anchor(
    workspace_dir: Path,
) -> None:
    shutil.copy(V1_CHAPTER, workspace_dir / "chapters" / f"{COMMENTED}.yaml")
    path = workspace_dir / "chapters" / f"{COMMENTED}.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("    texte: Préciser si"))
    reply = ["    reponses:", "      - auteur: adurand", "        date: 2021-03-24T10:12:00"]
    lines[at + 1 : at + 1] = [*reply, "        texte: Hors taxes."]
    text = "\n".join(lines)
    path.write_text(text, encoding="utf-8")
    texts = anchored_texts(export(workspace_dir, "v1.docx"))
    thread = next(t for t in texts if "320" in t)
    assert thread.endswith(
        "— Réponse de Alice Durand, le 24 mars 2021 à 10\u00a0h\u00a012\u00a0: Hors taxes."
    )
    assert "320" in texts[thread]  # v1 cible: the same block as before


def test_a_new_workspace_from_the_sample_is_v2(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path / "neuf"), "--sample"]) == 0
    workspace = Workspace.open(tmp_path / "neuf")
    data = workspace.store.load(COMMENTED, round_trip=False).data
    schema = workspace.schema_for(COMMENTED)
    assert all(block.anchor for block in anchors.blocks(schema, data))
    assert all(anchors.find_block(schema, data, c["bloc"]) for c in data["commentaires"])


def test_a_cli_status_change_migrates_a_v1_chapter_on_its_way(workspace_dir: Path) -> None:
    shutil.copy(V1_CHAPTER, workspace_dir / "chapters" / f"{COMMENTED}.yaml")
    ws = ["--workspace", str(workspace_dir), "--user", "mlegrand"]
    assert main(["statut", *ws, COMMENTED, "a_reprendre"]) == 0
    workspace = Workspace.open(workspace_dir)
    data = workspace.store.load(COMMENTED, round_trip=False).data
    schema = workspace.schema_for(COMMENTED)
    assert data["statut"] == "a_reprendre"
    assert all(block.anchor for block in anchors.blocks(schema, data))
    price = anchors.find_block(schema, data, data["commentaires"][1]["bloc"])
    assert price == ("sections", 2, "blocs", 1)
    assert validate(schema, data) == []


@pytest.mark.parametrize(
    ("date", "valid"),
    [
        ("2021-03-03", True),
        ("2021-03-03T10:12:00", True),
        ("2021-03-03T10:12", True),
        ("2021-02-30", False),
        ("2021-03-03T25:00:00", False),
        ("3 mars 2021", False),
    ],
)
def test_a_comment_or_reply_date_is_a_date_or_a_local_date_time(
    workspace: Workspace, date: str, valid: bool
) -> None:
    schema = workspace.schema_for(COMMENTED)
    data = workspace.store.load(COMMENTED, round_trip=False).data
    comment = data["commentaires"][0]
    comment["date"] = date
    comment["reponses"] = [{"auteur": "adurand", "date": date, "texte": "Vu."}]
    pointers = {issue.pointer for issue in validate(schema, data)}
    wrong = {"commentaires/0/date", "commentaires/0/reponses/0/date"}
    assert (pointers & wrong == set()) is valid
    assert valid or wrong <= pointers
