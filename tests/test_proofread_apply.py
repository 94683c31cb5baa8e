"""Planning a proofread Word file against the real sample chapter V/2."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from authoring_tui.cli.main import main
from authoring_tui.core.anchors import anchor_paths
from authoring_tui.core.proofreading import TextChange, WordComment, WordReply, comment_key
from authoring_tui.core.proofreading_apply import (
    Authorship,
    apply_changes,
    merge_comment,
    plan_changes,
    proposal_comment,
)
from authoring_tui.core.schema import Schema
from authoring_tui.core.workspace import Workspace
from authoring_tui.export.proofread import read_proofread

CHAPTER = "v2-mobilite"


def first_paragraph(workspace: Workspace) -> tuple[Schema, Any, str, str]:
    schema = workspace.schema_for(CHAPTER)
    data = workspace.store.load(CHAPTER).data
    anchor = next(iter(anchor_paths(schema, data)))
    return schema, data, anchor, str(data["sections"][0]["blocs"][0]["texte"])


def authors(workspace: Workspace, user: str = "sbernard") -> Authorship:
    return Authorship(workspace.report.contributeurs, user, "2021-03-07T09:00:00")


def test_a_change_on_the_text_as_exported_is_applicable(workspace: Workspace) -> None:
    schema, data, anchor, text = first_paragraph(workspace)
    change = TextChange(CHAPTER, anchor, ("texte",), text, text.replace("métro", "Métro"))
    plan = plan_changes(schema, data, CHAPTER, [change])
    assert [placed.path for placed in plan.applicable] == [("sections", 0, "blocs", 0, "texte")]
    assert plan.proposed == [] and plan.missing == []


def test_a_change_on_text_edited_since_the_export_is_only_proposed(
    workspace: Workspace,
) -> None:
    schema, data, anchor, text = first_paragraph(workspace)
    change = TextChange(CHAPTER, anchor, ("texte",), text + " (ancien)", text + " (corrigé)")
    plan = plan_changes(schema, data, CHAPTER, [change])
    assert plan.proposed == [change] and plan.applicable == []


def test_a_change_the_chapter_already_holds_is_done(workspace: Workspace) -> None:
    schema, data, anchor, text = first_paragraph(workspace)
    change = TextChange(CHAPTER, anchor, ("texte",), text + " (ancien)", text)
    plan = plan_changes(schema, data, CHAPTER, [change])
    assert plan.done == [change] and plan.proposed == [] and plan.applicable == []


def test_a_change_whose_block_or_field_is_gone_is_missing(workspace: Workspace) -> None:
    schema, data, anchor, text = first_paragraph(workspace)
    gone = TextChange(CHAPTER, "zzzzzz", ("texte",), text, "x")
    no_field = TextChange(CHAPTER, anchor, ("elements", 0, "texte"), text, "x")
    other = TextChange("v1-economie-emploi", anchor, ("texte",), text, "x")
    plan = plan_changes(schema, data, CHAPTER, [gone, no_field, other])
    assert plan.missing == [gone, no_field] and plan.applicable == []


def test_a_change_outside_any_block_is_placed_from_the_root(workspace: Workspace) -> None:
    schema = workspace.schema_for(CHAPTER)
    data = workspace.store.load(CHAPTER).data
    title = str(data["sections"][0]["titre"])
    change = TextChange(CHAPTER, None, ("sections", 0, "titre"), title, title + " !")
    plan = plan_changes(schema, data, CHAPTER, [change])
    assert [placed.path for placed in plan.applicable] == [("sections", 0, "titre")]


def test_a_word_comment_by_a_team_member_arrives_under_their_login(
    workspace: Workspace,
) -> None:
    _, data, anchor, _ = first_paragraph(workspace)
    comments: list[Any] = list(data.get("commentaires") or [])
    count = len(comments)
    word = WordComment(CHAPTER, anchor, "Marion Legrand", "2021-03-05", "Ajouter un chiffre.")
    merge_comment(comments, word, authors(workspace))
    assert comments[count:] == [
        {
            "auteur": "mlegrand",
            "bloc": anchor,
            "date": "2021-03-05",
            "texte": "Ajouter un chiffre.",
            "resolu": False,
        }
    ]
    stranger = WordComment(CHAPTER, None, "Relecteur externe", None, "Coquille ?")
    merge_comment(comments, stranger, authors(workspace))
    assert comments[-1]["auteur"] == "sbernard", "the login of who brings the file back"
    assert comments[-1]["texte"] == "De Relecteur externe, dans Word — Coquille ?"
    assert "bloc" not in comments[-1] and comments[-1]["date"] == "2021-03-07T09:00:00"


def test_an_exported_comment_coming_back_gains_replies_and_resolution_only(
    workspace: Workspace,
) -> None:
    data = workspace.store.load(CHAPTER).data
    comments: list[Any] = list(data["commentaires"])
    exported = comments[0]
    reply = WordReply("Alice Durand", "2021-03-06", "C’est corrigé.")
    back = WordComment(
        CHAPTER,
        exported.get("bloc"),
        str(exported["auteur"]),
        str(exported.get("date")),
        str(exported["texte"]),
        resolved=True,
        replies=(reply,),
        origin=comment_key(exported),
    )
    merge_comment(comments, back, authors(workspace))
    merge_comment(comments, back, authors(workspace))  # a second import adds nothing
    assert len(comments) == len(data["commentaires"])
    assert exported["resolu"] is True
    assert exported["reponses"][-1] == {
        "auteur": "adurand",
        "date": "2021-03-06",
        "texte": "C’est corrigé.",
    }
    assert [r["texte"] for r in exported["reponses"]].count("C’est corrigé.") == 1


def test_applying_a_change_rewrites_only_that_fields_lines(workspace: Workspace) -> None:
    schema, _, anchor, text = first_paragraph(workspace)
    chapter = workspace.store.load(CHAPTER)
    before = chapter.path.read_text(encoding="utf-8").splitlines()
    change = TextChange(CHAPTER, anchor, ("texte",), text, text.replace("métro", "Métro", 1))
    plan = plan_changes(schema, chapter.data, CHAPTER, [change])
    apply_changes(chapter.data, plan.applicable)
    workspace.store.save(chapter, "mlegrand")
    after = chapter.path.read_text(encoding="utf-8").splitlines()
    changed = [line for line in difflib.ndiff(before, after) if line[:1] in "+-"]
    assert len(changed) == 2 and "Métro" in changed[1]
    reloaded = workspace.store.load(CHAPTER).data["sections"][0]["blocs"][0]["texte"]
    assert str(reloaded) == change.after


def test_a_proposed_change_becomes_a_comment_on_its_block(workspace: Workspace) -> None:
    schema, data, anchor, _ = first_paragraph(workspace)
    change = TextChange(CHAPTER, anchor, ("texte",), "ancien", "Nouveau texte.", "Alice Durand")
    comment = proposal_comment(change, authors(workspace, "mlegrand"))
    assert comment == {
        "auteur": "adurand",
        "bloc": anchor,
        "date": "2021-03-07T09:00:00",
        "texte": "Correction proposée\u00a0: Nouveau texte.",
        "resolu": False,
    }
    anonymous = TextChange(CHAPTER, None, ("chapeau",), "a", "b")
    by_user = proposal_comment(anonymous, authors(workspace, "mlegrand"))
    assert by_user["auteur"] == "mlegrand" and "bloc" not in by_user
    assert plan_changes(schema, data, CHAPTER, [change]).proposed == [change]


def test_an_untouched_export_read_back_changes_nothing(workspace_dir: Path) -> None:
    output = workspace_dir / "exports" / "relu.docx"
    args = ["export", "--workspace", str(workspace_dir), "--chapter", CHAPTER]
    assert main([*args, "--output", str(output)]) == 0
    workspace = Workspace.open(workspace_dir)
    document = read_proofread(output, workspace)
    assert document.comments and all(c.origin for c in document.comments)
    data = workspace.store.load(CHAPTER).data
    comments: list[Any] = list(data["commentaires"])
    for comment in document.comments:
        merge_comment(comments, comment, authors(workspace))
    assert comments == list(data["commentaires"])  # exported comments matched, not doubled
    plan = plan_changes(workspace.schema_for(CHAPTER), data, CHAPTER, document.changes)
    assert plan.applicable == [] and plan.proposed == [] and plan.missing == []
