"""The status workflow with intent: a message with « À reprendre », and a
validated chapter that nothing changes while it stays « Validé »."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from authoring_tui.cli.main import main
from authoring_tui.core.field_roles import validated_refusal
from authoring_tui.core.review import change_status, last_change
from authoring_tui.core.roles import PermissionDenied, allowed_statuses, identify
from authoring_tui.core.validation import validate
from authoring_tui.core.workspace import Workspace

from .conftest import snapshot_files

CHAPTER = "v3-infrastructures"
WRITER = "fgarcia"
NOW = datetime.datetime(2021, 3, 4, 9, 0, 0)
MESSAGE = "Merci de compléter la section 2."


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def validate_v3(workspace_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = ["--workspace", str(workspace_dir)]
    code, _, err = run(capsys, "statut", *ws, "--user", "mlegrand", CHAPTER, "valide")
    assert code == 0, err


def test_the_rework_message_is_written_on_the_history_line_and_read_back(
    workspace: Workspace,
) -> None:
    chapter = workspace.store.load(CHAPTER)
    change_status(chapter.data, "a_reprendre", identify(workspace.report, "mlegrand"), NOW, MESSAGE)
    workspace.store.save(chapter)
    text = chapter.path.read_text(encoding="utf-8")
    assert MESSAGE in text
    reread = workspace.store.load(CHAPTER, round_trip=False).data
    assert validate(workspace.schema_for(CHAPTER), reread) == validate(
        workspace.schema_for(CHAPTER), workspace.store.load(CHAPTER).data
    )
    line = last_change(reread, "a_reprendre")
    assert line is not None
    assert dict(line) == {
        "statut": "a_reprendre",
        "par": "mlegrand",
        "le": "2021-03-04T09:00:00",
        "message": MESSAGE,
    }


def test_the_schema_accepts_the_message_and_refuses_an_empty_one(workspace: Workspace) -> None:
    schema = workspace.schema_for(CHAPTER)
    data = workspace.store.load(CHAPTER, round_trip=False).data
    errors_before = {issue.path for issue in validate(schema, data)}
    line = {"statut": "a_reprendre", "par": "mlegrand", "le": "2021-03-04T09:00:00"}
    data["historique_statut"] = [{**line, "message": MESSAGE}]
    assert {issue.path for issue in validate(schema, data)} == errors_before
    data["historique_statut"] = [{**line, "message": ""}]
    new = {issue.path for issue in validate(schema, data)} - errors_before
    assert new == {("historique_statut", 0, "message")}


def test_the_key_figures_schema_shares_the_history_line(workspace: Workspace) -> None:
    schema = workspace.schema_for("chiffres-cles")
    data = workspace.store.load("chiffres-cles", round_trip=False).data
    line = {"statut": "a_reprendre", "par": "mlegrand", "le": "2021-03-04T09:00:00"}
    data["historique_statut"] = [{**line, "message": MESSAGE}]
    assert validate(schema, data) == []
    data["historique_statut"] = [{**line, "motif": MESSAGE}]
    assert validate(schema, data) != []


def test_a_writer_may_reopen_a_validated_chapter_and_nothing_else(workspace: Workspace) -> None:
    chapter = workspace.store.load(CHAPTER).data
    writer = identify(workspace.report, WRITER)
    chapter["statut"] = "valide"
    assert allowed_statuses(writer, chapter) == ["brouillon"]
    assert allowed_statuses(identify(workspace.report, "adurand"), chapter) == []
    change_status(chapter, "brouillon", writer, NOW)
    assert chapter["statut"] == "brouillon"
    assert dict(chapter["historique_statut"][-1]) == {
        "statut": "brouillon",
        "par": WRITER,
        "le": "2021-03-04T09:00:00",
    }
    assert allowed_statuses(writer, chapter) == ["a_relire"]


def test_a_validated_chapter_refuses_any_change_but_status_history_and_comments(
    workspace: Workspace,
) -> None:
    before = workspace.store.load(CHAPTER, round_trip=False).data
    before["statut"] = "valide"
    after = workspace.store.load(CHAPTER, round_trip=False).data
    after["statut"] = "valide"
    after["historique_statut"] = [{"statut": "valide", "par": "mlegrand", "le": "2021-03-04"}]
    after["commentaires"] = []
    assert validated_refusal(before, after) is None
    before["sections"][0]["blocs"][0].pop("ancre", None)  # a v1 block, without one
    after["sections"][0]["blocs"][0]["ancre"] = "k3v9qa"  # the anchors' migration
    assert validated_refusal(before, after) is None
    before["sections"][0]["blocs"][0]["ancre"] = "a1b2c3"  # but an anchor never changes
    assert validated_refusal(before, after) is not None
    del before["sections"][0]["blocs"][0]["ancre"]
    assert validated_refusal(before, after) is None
    after["chapeau"] = "Changé en douce."
    refused = validated_refusal(before, after, Path("chapters/v3.yaml"))
    assert refused is not None and "le chapitre est validé" in str(refused)
    assert "chapters/v3.yaml" in str(refused)
    after["statut"] = "brouillon"  # reopened in the same save: the status says it
    assert validated_refusal(before, after) is None
    before["statut"] = "a_relire"
    after["statut"] = "valide"
    assert validated_refusal(before, after) is None


def test_the_cli_refuses_a_restore_that_would_change_a_validated_chapter(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    store = Workspace.open(workspace_dir).store
    edited = store.load(CHAPTER)
    edited.data["chapeau"] = "Une version plus récente du chapeau."
    store.save(edited)  # version 2 (1 is the newest) keeps the chapeau as it was
    validate_v3(workspace_dir, capsys)
    chapters = workspace_dir / "chapters"
    before = snapshot_files(chapters)
    ws = ["--workspace", str(workspace_dir)]
    for user in (WRITER, "mlegrand"):
        code, _, err = run(capsys, "historique", *ws, "--user", user, CHAPTER, "--restaurer", "2")
        if user == WRITER:  # the content comes back, the status stays « Validé »: refused
            assert code == 2, err
            assert "le chapitre est validé" in err and "v3-infrastructures.yaml" in err
            assert "Traceback" not in err
            assert snapshot_files(chapters) == before
        else:  # the secrétariat's restore brings the earlier status back too: said by it
            assert code == 0, err
            data = Workspace.open(workspace_dir).store.load(CHAPTER).data
            assert data["statut"] == "brouillon"


def test_the_cli_reopens_a_validated_chapter_with_a_history_line(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    validate_v3(workspace_dir, capsys)
    ws = ["--workspace", str(workspace_dir)]
    code, out, err = run(capsys, "statut", *ws, "--user", WRITER, CHAPTER, "brouillon")
    assert code == 0, err
    assert "Validé → Brouillon" in out
    data = Workspace.open(workspace_dir).store.load(CHAPTER).data
    assert [(h["statut"], h["par"]) for h in data["historique_statut"]][-2:] == [
        ("valide", "mlegrand"),
        ("brouillon", WRITER),
    ]


def test_the_cli_sends_back_with_a_message(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    ws = ["--workspace", str(workspace_dir)]
    code, _, err = run(
        capsys, "statut", *ws, "--user", "mlegrand", CHAPTER, "a_reprendre", "--message", MESSAGE
    )
    assert code == 0, err
    data = Workspace.open(workspace_dir).store.load(CHAPTER).data
    line = last_change(data, "a_reprendre")
    assert line is not None and line["message"] == MESSAGE


def test_a_writer_cannot_send_back_even_with_a_message(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    before = snapshot_files(workspace_dir / "chapters")
    ws = ["--workspace", str(workspace_dir)]
    code, _, err = run(
        capsys, "statut", *ws, "--user", WRITER, CHAPTER, "a_reprendre", "--message", "Non."
    )
    assert code == 2 and "ne peut pas passer ce chapitre" in err
    assert snapshot_files(workspace_dir / "chapters") == before
    writer = identify(Workspace.open(workspace_dir).report, WRITER)
    with pytest.raises(PermissionDenied):
        change_status({"statut": "valide", "redacteurs": [WRITER]}, "a_relire", writer)
