"""Who saved each earlier version: the store's author log in ``.historique/<id>/``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from authoring_tui.cli.main import main
from authoring_tui.core import history as history_module
from authoring_tui.core.store import ChapterConflict
from authoring_tui.core.workspace import Workspace

LOG = Path(".historique") / "edito" / "auteurs.json"


def save_with(workspace: Workspace, chapeau: str, login: str | None) -> None:
    chapter = workspace.store.load("edito")
    chapter.data["chapeau"] = chapeau
    workspace.store.save(chapter, login=login)


def test_each_version_names_who_saved_it(workspace: Workspace) -> None:
    save_with(workspace, "Première reprise.", "crossi")
    save_with(workspace, "Deuxième reprise.", "mlegrand")

    versions = workspace.store.history.versions("edito")

    # n° 1 is what crossi wrote (replaced by mlegrand's save); n° 2 the sample's
    # own file, which no save of the tool wrote.
    assert [v.author for v in versions] == ["crossi", None]
    assert versions[0].written_at is not None and versions[0].when <= versions[0].saved_at
    assert versions[1].written_at is None and versions[1].when == versions[1].saved_at
    assert workspace.store.history.load(versions[0])["chapeau"] == "Première reprise."


def test_a_save_without_a_login_notes_no_one(workspace: Workspace) -> None:
    save_with(workspace, "Sans nom.", None)
    save_with(workspace, "Encore.", "crossi")

    assert [v.author for v in workspace.store.history.versions("edito")] == [None, None]


def test_a_refused_save_notes_nothing(workspace: Workspace, workspace_dir: Path) -> None:
    chapter = workspace.store.load("edito")
    save_with(workspace, "Pendant ce temps.", "mlegrand")
    log = (workspace_dir / LOG).read_bytes()
    chapter.data["chapeau"] = "Trop tard."

    with pytest.raises(ChapterConflict):
        workspace.store.save(chapter, login="crossi")

    assert (workspace_dir / LOG).read_bytes() == log
    assert [entry["par"] for entry in json.loads(log).values()] == ["mlegrand"]


def test_the_log_is_bounded(
    workspace: Workspace, workspace_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history_module, "AUTHORS_KEPT", 3)
    workspace.store.history.keep = 2  # the log covers at least the kept versions
    for number in range(6):
        save_with(workspace, f"Version {number}.", f"auteur{number}")

    log = json.loads((workspace_dir / LOG).read_bytes())
    assert [entry["par"] for entry in log.values()] == ["auteur3", "auteur4", "auteur5"]
    assert [v.author for v in workspace.store.history.versions("edito")] == [
        "auteur4",
        "auteur3",
    ]


def test_an_unreadable_log_is_ignored_then_written_again(
    workspace: Workspace, workspace_dir: Path
) -> None:
    save_with(workspace, "Première reprise.", "crossi")
    (workspace_dir / LOG).write_text("{pas du json", encoding="utf-8")

    assert [v.author for v in workspace.store.history.versions("edito")] == [None]
    save_with(workspace, "Deuxième reprise.", "mlegrand")  # the save still succeeds

    log = json.loads((workspace_dir / LOG).read_bytes())
    assert [entry["par"] for entry in log.values()] == ["mlegrand"]


def test_the_cli_lists_who_saved_each_version(
    workspace_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = ["-w", str(workspace_dir)]
    assert main(["statut", *ws, "-u", "mlegrand", "edito", "a_reprendre"]) == 0
    assert main(["statut", *ws, "-u", "sbernard", "edito", "valide"]) == 0
    capsys.readouterr()

    assert main(["historique", *ws, "edito"]) == 0

    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.startswith("│")]
    assert "mlegrand" in rows[0] and "inconnu" in rows[1]
