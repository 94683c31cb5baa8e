"""A chapter opens from the fast read; every change goes to the round-trip document."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from ruamel.yaml.comments import CommentedMap

from authoring_tui.core.roles import identify
from authoring_tui.core.store import ChapterConflict
from authoring_tui.core.workspace import Workspace
from authoring_tui.tui.session import ChapterSession

from .helpers import TODAY, lines_changed

CHAPTER = "v2-mobilite"


def open_session(root: Path, login: str = "adurand") -> ChapterSession:
    workspace = Workspace.open(root)
    return ChapterSession(workspace, CHAPTER, identify(workspace.report, login), TODAY)


def test_opens_from_the_fast_read_and_edits_the_round_trip_document(workspace_dir: Path) -> None:
    chapter = workspace_dir / "chapters" / f"{CHAPTER}.yaml"
    before = chapter.read_text(encoding="utf-8")
    session = open_session(workspace_dir)
    try:
        assert not session.round_trip  # drawn from plain objects, validated already
        assert session.issues == [] and session.completeness.percent == 100
        assert session.set_value(("titre",), "Mobilité et transports")
        assert session.round_trip and isinstance(session.data, CommentedMap)
        session.save()
    finally:
        session.close()
    after = chapter.read_text(encoding="utf-8")
    assert lines_changed(before, after) == [before.splitlines().index("titre: Mobilité")]


def test_a_parse_started_in_a_worker_is_the_one_the_first_edit_uses(workspace_dir: Path) -> None:
    session = open_session(workspace_dir)
    try:
        worker = threading.Thread(target=session.parse_round_trip)
        worker.start()
        session.set_value(("titre",), "Mobilité urbaine")  # waits for the worker if needed
        worker.join()
        parsed = session.data
        session.parse_round_trip()  # nothing more to do
        session.set_value(("titre",), "Mobilité urbaine et rurale")
        assert session.data is parsed and session.data["titre"] == "Mobilité urbaine et rurale"
    finally:
        session.close()


def test_a_file_changed_before_the_first_edit_is_a_conflict_not_a_silent_overwrite(
    workspace_dir: Path,
) -> None:
    session = open_session(workspace_dir)
    try:
        other = Workspace.open(workspace_dir)  # someone else saves meanwhile
        theirs = other.store.load(CHAPTER)
        theirs.data["titre"] = "Mobilité et déplacements"
        other.store.save(theirs)
        session.set_value(("chapeau",), "Mon chapeau.")
        # What the user edits is what the editor showed, not what the file now holds.
        assert session.data["titre"] == "Mobilité"
        session.set_value(("titre",), "Ma mobilité")
        # Both changed the title: merging asks (a conflict), nothing is written.
        with pytest.raises(ChapterConflict):
            session.save()
    finally:
        session.close()
    on_disk = (workspace_dir / "chapters" / f"{CHAPTER}.yaml").read_text(encoding="utf-8")
    assert "Mobilité et déplacements" in on_disk and "Mon chapeau." not in on_disk


def test_unsaved_work_is_parked_from_the_round_trip_document(workspace_dir: Path) -> None:
    session = open_session(workspace_dir)
    try:
        session.set_value(("chapeau",), "Parqué.")
        assert session.autosave()
        recovery = workspace_dir / "chapters" / f".{CHAPTER}.recuperation.adurand.yaml"
        assert "Parqué." in recovery.read_text(encoding="utf-8")
    finally:
        session.close()
