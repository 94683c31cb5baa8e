"""``authoring-tui relecture``: a proofread export of V/2 brought back, on a copy of
the sample, through the real CLI (export, DOCX edited as Word saves it, read,
applied through the store)."""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from authoring_tui.cli.main import main
from authoring_tui.core.workspace import Workspace

from .conftest import snapshot_files
from .word_editing import (
    CHAPTER,
    COMMENT_BLOCK,
    W14,
    WORD_BLOCK,
    W,
    block_paragraph,
    comments_extended,
    export,
    parts,
    proofread,
    repack,
    replace_in_part_heading,
    replace_word,
    typed_after,
    word_comment,
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()  # what earlier steps (the export) printed
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def chapter_file(workspace_dir: Path) -> Path:
    return workspace_dir / "chapters" / f"{CHAPTER}.yaml"


def changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.ndiff(before.splitlines(), after.splitlines())
    return [line for line in diff if line[:1] in "+-"]


def relecture(workspace_dir: Path, docx: Path, *more: str) -> list[str]:
    return ["relecture", "--workspace", str(workspace_dir), str(docx), *more]


def test_without_apply_both_are_listed_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    docx = proofread(workspace_dir)
    before = snapshot_files(workspace_dir)

    code, out, _ = run(capsys, *relecture(workspace_dir, docx))

    assert code == 0
    assert "automatique" in out and "autonome" in out and " → " in out
    assert "Section 1 › Bloc 1 (paragraphe) › Texte" in out
    assert "Source du chiffre ?" in out and "Marion Legrand" in out
    assert "Rien n’a été écrit" in out
    assert snapshot_files(workspace_dir) == before


def test_apply_replaces_the_word_and_anchors_the_comment(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    docx = proofread(workspace_dir)
    before = chapter_file(workspace_dir).read_text(encoding="utf-8")

    code, out, _ = run(capsys, *relecture(workspace_dir, docx, "--appliquer", "--user", "mlegrand"))

    assert code == 0, out
    assert "1 correction appliquée, 1 commentaire ajouté" in out
    after = chapter_file(workspace_dir).read_text(encoding="utf-8")
    changed = changed_lines(before, after)
    word = [line for line in changed if "automatique" in line or "autonome" in line]
    assert len(word) == 2 and word[0].startswith("- ") and "autonome" in word[1]
    assert len(changed) <= 2 + 5, "the word's line and the new comment's lines only"
    data = Workspace.open(workspace_dir).store.load(CHAPTER).data
    assert "peu à peu autonome\u00a0: il gagnera" in data["sections"][0]["blocs"][0]["texte"]
    comment = data["commentaires"][-1]
    assert (comment["bloc"], comment["auteur"], comment["texte"]) == (
        COMMENT_BLOCK,
        "mlegrand",
        "Source du chiffre ?",
    )
    assert comment["resolu"] is False and str(comment["date"]) == "2026-11-20T10:12:00"
    history = Workspace.open(workspace_dir).store.history
    assert history.versions(CHAPTER), "the apply step keeps the previous version"
    assert_comment_anchored_on(export(workspace_dir, "apres.docx"), COMMENT_BLOCK, comment)


def assert_comment_anchored_on(docx: Path, anchor: str, comment: object) -> None:
    """In a new export, the comment's range is in the paragraph of block ``anchor``."""
    content = parts(docx)
    body = etree.fromstring(content["word/document.xml"])
    notes = etree.fromstring(content["word/comments.xml"])
    number = next(
        n.get(f"{W}id")
        for n in notes.iter(f"{W}comment")
        if "Source du chiffre" in "".join(n.itertext())
    )
    paragraph = block_paragraph(body, anchor)
    starts = [s.get(f"{W}id") for s in paragraph.iter(f"{W}commentRangeStart")]
    assert number in starts, comment


def test_a_paragraph_changed_since_the_export_becomes_a_proposal(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    docx = proofread(workspace_dir)
    path = chapter_file(workspace_dir)
    dga = path.read_text(encoding="utf-8").replace("et sera accessible à tous", "et accessible")
    path.write_text(dga, encoding="utf-8")

    code, out, _ = run(capsys, *relecture(workspace_dir, docx, "--appliquer", "--user", "mlegrand"))

    assert code == 0, out
    assert "1 correction proposée" in out
    data = Workspace.open(workspace_dir).store.load(CHAPTER).data
    text = str(data["sections"][0]["blocs"][0]["texte"])
    assert "automatique" in text and text.endswith("et accessible."), "the DGA's text stays"
    proposal = next(
        c for c in data["commentaires"] if c.get("bloc") == WORD_BLOCK and "proposée" in c["texte"]
    )
    assert proposal["texte"].startswith(
        "De Relectrice DGA, dans Word — Correction proposée\u00a0: "
    )
    assert "autonome" in proposal["texte"] and "sera accessible à tous" in proposal["texte"]


def test_bringing_the_same_file_back_twice_writes_nothing_the_second_time(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    docx = proofread(workspace_dir)
    argv = relecture(workspace_dir, docx, "--appliquer", "--user", "mlegrand")
    assert run(capsys, *argv)[0] == 0
    once = snapshot_files(workspace_dir / "chapters")

    code, out, _ = run(capsys, *argv)

    assert code == 0
    assert "Aucune correction ni commentaire nouveau" in out
    assert snapshot_files(workspace_dir / "chapters") == once


def test_exported_comments_answered_and_resolved_in_word_come_back_on_the_same_comment(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    docx = export(workspace_dir)
    content = parts(docx)
    notes = etree.fromstring(content["word/comments.xml"])
    first = next(notes.iter(f"{W}comment"))
    para = first.find(f"{W}p")
    assert para is not None
    para.set(f"{{{W14}}}paraId", "1A1A1A1A")
    reply = word_comment("900", "2B2B2B2B", "Confirmé avec la DGA : 2023.", "Alice Durand")
    notes.append(reply)
    body = etree.fromstring(content["word/document.xml"])
    start = next(
        s for s in body.iter(f"{W}commentRangeStart") if s.get(f"{W}id") == first.get(f"{W}id")
    )
    start.addnext(etree.Element(f"{W}commentRangeStart", {f"{W}id": "900"}))
    start.getparent().append(etree.Element(f"{W}commentRangeEnd", {f"{W}id": "900"}))
    extended = comments_extended(
        {"paraId": "1A1A1A1A", "done": "1"}, {"paraId": "2B2B2B2B", "paraIdParent": "1A1A1A1A"}
    )
    repack(
        docx,
        {
            "word/document.xml": etree.tostring(body),
            "word/comments.xml": etree.tostring(notes),
            "word/commentsExtended.xml": etree.tostring(extended),
        },
    )
    count = len(Workspace.open(workspace_dir).store.load(CHAPTER).data["commentaires"])

    code, out, _ = run(capsys, *relecture(workspace_dir, docx, "--appliquer", "--user", "mlegrand"))

    assert code == 0, out
    assert "1 commentaire mis à jour" in out
    comments = Workspace.open(workspace_dir).store.load(CHAPTER).data["commentaires"]
    assert len(comments) == count, "matched, not duplicated"
    answered = comments[0]
    assert answered["resolu"] is True
    assert [(r["auteur"], r["texte"]) for r in answered["reponses"]] == [
        ("adurand", "Confirmé avec la DGA : 2023.")
    ]


def test_a_paragraph_typed_in_word_becomes_a_flagged_block(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    docx = export(workspace_dir)
    body = etree.fromstring(parts(docx)["word/document.xml"])
    typed_after(body, WORD_BLOCK, "Le tramway sera prolongé vers le nord.")
    repack(docx, {"word/document.xml": etree.tostring(body)})

    code, out, _ = run(capsys, *relecture(workspace_dir, docx, "--appliquer", "--user", "mlegrand"))

    assert code == 0, out
    data = Workspace.open(workspace_dir).store.load(CHAPTER).data
    new = data["sections"][0]["blocs"][1]
    assert (new["type"], new["texte"]) == ("paragraphe", "Le tramway sera prolongé vers le nord.")
    assert len(str(new["ancre"])) == 6
    flag = data["commentaires"][-1]
    assert flag["bloc"] == new["ancre"] and "à vérifier" in flag["texte"]


def test_a_validated_chapter_gets_proposals_not_changes(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    docx = proofread(workspace_dir)
    ws = ["--workspace", str(workspace_dir), "--user", "mlegrand"]
    assert main(["statut", *ws, CHAPTER, "valide"]) == 0
    text_before = str(
        Workspace.open(workspace_dir).store.load(CHAPTER).data["sections"][0]["blocs"][0]["texte"]
    )

    code, out, _ = run(capsys, *relecture(workspace_dir, docx, "--appliquer", "--user", "mlegrand"))

    assert code == 0, out
    assert "Chapitre validé" in out and "1 correction proposée" in out
    data = Workspace.open(workspace_dir).store.load(CHAPTER).data
    assert data["statut"] == "valide"
    assert str(data["sections"][0]["blocs"][0]["texte"]) == text_before


def test_a_writer_of_another_chapter_is_refused_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    docx = proofread(workspace_dir)
    before = snapshot_files(workspace_dir / "chapters")

    code, out, _ = run(capsys, *relecture(workspace_dir, docx, "--appliquer", "--user", "fgarcia"))

    assert code == 2
    assert "non modifié" in out
    assert snapshot_files(workspace_dir / "chapters") == before


def test_json_lists_changes_and_comments_with_their_state(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    docx = proofread(workspace_dir)

    code, out, _ = run(capsys, *relecture(workspace_dir, docx, "--json"))

    assert code == 0
    read = json.loads(out)
    (chapter,) = read["chapitres"]
    (change,) = chapter["corrections"]
    assert (change["etat"], change["bloc"], change["champ"]) == ("applicable", WORD_BLOCK, "texte")
    assert "automatique" in change["avant"] and "autonome" in change["apres"]
    (comment,) = chapter["commentaires"]
    assert (comment["etat"], comment["bloc"], comment["texte"]) == (
        "nouveau",
        COMMENT_BLOCK,
        "Source du chiffre ?",
    )
    assert read["applique"] is None and read["non_rattaches"] == []


def test_a_file_that_is_not_an_export_is_refused_in_french(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    docx = workspace_dir / "exports" / "autre.docx"
    with zipfile.ZipFile(docx, "w") as package:
        package.writestr(
            "word/document.xml", f'<w:document xmlns:w="{W[1:-1]}"><w:body/></w:document>'
        )
    before = snapshot_files(workspace_dir / "chapters")

    code, _, err = run(capsys, *relecture(workspace_dir, docx, "--appliquer"))

    assert code == 2
    assert "autre.docx" in err and "n’a pas été produit par l’export" in err
    assert "Traceback" not in err
    assert snapshot_files(workspace_dir / "chapters") == before


def test_what_cannot_be_placed_is_listed_the_rest_applied_and_the_exit_code_is_1(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    docx = proofread(workspace_dir)
    replace_in_part_heading(docx, "différentes", "diverses")

    code, out, _ = run(capsys, *relecture(workspace_dir, docx, "--appliquer", "--user", "mlegrand"))

    assert code == 1
    assert "Non rattaché à un bloc" in out and "diverses" in out
    assert "1 correction appliquée" in out
    data = Workspace.open(workspace_dir).store.load(CHAPTER).data
    assert "autonome" in str(data["sections"][0]["blocs"][0]["texte"])


def test_a_section_title_corrected_in_word_is_applied(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    docx = export(workspace_dir)
    body = etree.fromstring(parts(docx)["word/document.xml"])
    heading = next(p for p in body.iter(f"{W}p") if "".join(p.itertext()).startswith("V/2.1 "))
    replace_word(heading, "précise", "confirme")
    repack(docx, {"word/document.xml": etree.tostring(body)})

    code, out, _ = run(capsys, *relecture(workspace_dir, docx, "--appliquer", "--user", "mlegrand"))

    assert code == 0, out
    assert "Section 1 › Titre" in out
    data = Workspace.open(workspace_dir).store.load(CHAPTER).data
    assert data["sections"][0]["titre"] == "Le renouvellement du métro se confirme"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_word_replaced_in_libreoffice_is_applied_through_the_command(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path, tmp_path: Path
) -> None:
    """Export V/2; in LibreOffice, with changes recorded, replace one word; bring
    it back and apply. (LibreOffice 7.4 headless crashes when a script inserts a
    comment, so the comments of the cycle are made with lxml above.)"""
    from authoring_tui.export.pdf import without_comments

    docx = export(workspace_dir)
    plain_copy = tmp_path / "sans-commentaires.docx"
    plain_copy.write_bytes(without_comments(docx.read_bytes()))  # LibreOffice 7.4 crashes on them
    edited = workspace_dir / "exports" / "relu-libreoffice.docx"
    script = Path(__file__).with_name("proofread_lo_edit.py")
    command = [
        "/usr/bin/python3",
        str(script),
        str(shutil.which("soffice")),
        str(tmp_path / "profil"),
        str(plain_copy),
        str(edited),
        f"relecture-{os.getpid()}",
        "automatique",
        "autonome",
    ]
    subprocess.run(command, check=True, timeout=240, capture_output=True)
    before = chapter_file(workspace_dir).read_text(encoding="utf-8")

    code, out, _ = run(capsys, *relecture(workspace_dir, edited))
    assert code == 0, out
    assert "autonome" in out
    assert chapter_file(workspace_dir).read_text(encoding="utf-8") == before

    code, out, _ = run(
        capsys, *relecture(workspace_dir, edited, "--appliquer", "--user", "mlegrand")
    )
    assert code == 0, out
    after = chapter_file(workspace_dir).read_text(encoding="utf-8")
    (removed, added) = changed_lines(before, after)
    assert "automatique" in removed and "autonome" in added


def test_a_key_figure_corrected_in_word_stays_a_number(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    """« 320 » M€ becomes « 1 320 » in Word (a French figure, a narrow space in the
    thousands): the YAML gets the number 1320, on that line only."""
    docx = export(workspace_dir)
    body = etree.fromstring(parts(docx)["word/document.xml"])
    value_cell = next(
        p
        for p in body.iter(f"{W}p")
        if "".join(p.itertext()) == "320" and p.getparent().tag == f"{W}tc"
    )
    replace_word(value_cell, "320", "1\u202f320")
    repack(docx, {"word/document.xml": etree.tostring(body)})
    before = chapter_file(workspace_dir).read_text(encoding="utf-8")

    code, out, _ = run(capsys, *relecture(workspace_dir, docx, "--appliquer", "--user", "mlegrand"))

    assert code == 0, out
    assert "1 correction appliquée" in out
    figure = Workspace.open(workspace_dir).store.load(CHAPTER).data["sections"][2]["blocs"][6]
    assert figure["ancre"] == "0r4wyg" and figure["chiffres"][0]["valeur"] == 1320
    changed = changed_lines(before, chapter_file(workspace_dir).read_text(encoding="utf-8"))
    assert changed == ["-           - valeur: 320", "+           - valeur: 1320"]
