"""Locks that do not block the team, in the application: two apps on one copy of
the workspace. The holder leaves unsaved edits and goes idle; the secrétariat
takes the lock over; the holder's screen says so and goes read-only, its edits
parked in its own recovery copy, offered to it (and to nobody else) next time."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from authoring_tui.core.roles import identify
from authoring_tui.core.workspace import Workspace
from authoring_tui.tui.screens.dialogs import ConfirmModal
from authoring_tui.tui.screens.editor import EditorScreen
from authoring_tui.tui.session import ChapterSession

from .helpers import dashboard_loaded, make_app, open_in_editor, type_at_end, wait_for

SIZE = (100, 32)
CHAPTER = "v2-mobilite"
TYPED = " Tapé puis laissé là."


def make_idle(root: Path, minutes: int) -> None:
    """The holder typed nothing for ``minutes``: its last activity, in the lock
    file, is moved back (what the clock would do)."""
    info_path = root / ".verrous" / f"{CHAPTER}.json"
    info = json.loads(info_path.read_text(encoding="utf-8"))
    past = datetime.datetime.now() - datetime.timedelta(minutes=minutes)
    info["activite"] = past.replace(microsecond=0).isoformat()
    info_path.write_text(json.dumps(info), encoding="utf-8")


async def open_with_question(pilot: Any, chapter_id: str) -> tuple[EditorScreen, ConfirmModal]:
    """Open a chapter whose opening asks something first (takeover, recovery)."""
    app = pilot.app
    await dashboard_loaded(pilot)
    app.screen.select_chapter(chapter_id)
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
    editor = app.screen_stack[-2]
    assert isinstance(editor, EditorScreen)
    return editor, app.screen


async def test_the_secretariat_takes_an_idle_lock_and_the_holder_keeps_its_edits(
    workspace_dir: Path,
) -> None:
    chapter = workspace_dir / "chapters" / f"{CHAPTER}.yaml"
    recovery = workspace_dir / "chapters" / f".{CHAPTER}.recuperation.adurand.yaml"
    holder_app = make_app(workspace_dir, "adurand")
    secretariat_app = make_app(workspace_dir, "mlegrand")
    async with holder_app.run_test(size=SIZE) as holder:
        mine = await open_in_editor(holder, CHAPTER)
        await type_at_end(holder, mine, ("chapeau",), TYPED)
        await wait_for(holder, lambda: mine.session.dirty)
        make_idle(workspace_dir, 42)

        async with secretariat_app.run_test(size=SIZE) as taker:
            theirs, question = await open_with_question(taker, CHAPTER)
            assert "Reprendre le verrou d’Alice Durand (inactif" in question.question
            assert "inactif depuis 42\u00a0min" in question.question
            await taker.click("#take")
            await wait_for(taker, lambda: theirs.session.editable)

            await wait_for(holder, lambda: isinstance(holder_app.screen, ConfirmModal))
            said = holder_app.screen.question  # type: ignore[attr-defined]
            assert said.startswith("Le verrou a été repris par Marion Legrand (mlegrand) à ")
            assert "vous seront proposées à votre prochaine ouverture" in said
            assert not mine.session.editable
            assert TYPED.strip() in recovery.read_text(encoding="utf-8")
            await holder.press("enter")
            await holder.press("ctrl+s")  # refused: read-only now
            await holder.pause()
            assert TYPED.strip() not in chapter.read_text(encoding="utf-8")

            theirs.session.set_value(("titre",), "Mobilité (relu)")
            theirs.session.save()  # the secrétariat's work, newer than the copy
            taker.app.close_session()  # type: ignore[attr-defined]
        holder_app.close_session()
    assert TYPED.strip() not in chapter.read_text(encoding="utf-8")
    assert recovery.exists()

    again = make_app(workspace_dir, "mlegrand")  # not offered someone else's edits
    async with again.run_test(size=SIZE) as pilot:
        editor = await open_in_editor(pilot, CHAPTER)
        assert editor.session.editable and not editor.session.pending_recovery()
        await pilot.pause()
        assert isinstance(again.screen, EditorScreen)
        again.close_session()

    back = make_app(workspace_dir, "adurand")
    async with back.run_test(size=SIZE) as pilot:
        editor, question = await open_with_question(pilot, CHAPTER)
        assert "pas été enregistrées" in question.question
        await pilot.click("#restore")
        await wait_for(pilot, lambda: editor.session.dirty)
        assert editor.session.data["chapeau"].endswith(TYPED)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not editor.session.dirty)
        back.close_session()
    assert TYPED.strip() in chapter.read_text(encoding="utf-8")
    assert not recovery.exists()


async def test_a_busy_holder_is_not_offered_for_takeover(workspace_dir: Path) -> None:
    holder_app = make_app(workspace_dir, "adurand")
    secretariat_app = make_app(workspace_dir, "mlegrand")
    async with holder_app.run_test(size=SIZE) as holder:
        await open_in_editor(holder, CHAPTER)
        async with secretariat_app.run_test(size=SIZE) as taker:
            editor = await open_in_editor(taker, CHAPTER)
            await taker.pause()
            assert isinstance(secretariat_app.screen, EditorScreen)  # no question: read-only
            assert not editor.session.editable
            assert editor.session.lock_error is not None
            assert not editor.session.lock_error.takeable
        holder_app.close_session()


def test_the_session_records_activity_at_most_every_thirty_seconds(workspace_dir: Path) -> None:
    workspace = Workspace.open(workspace_dir)
    session = ChapterSession(workspace, CHAPTER, identify(workspace.report, "adurand"))
    info_path = workspace_dir / ".verrous" / f"{CHAPTER}.json"

    def activity() -> str:
        return str(json.loads(info_path.read_text(encoding="utf-8"))["activite"])

    try:
        start = datetime.datetime(2021, 3, 4, 10, 0, 0)
        session.record_activity(start)
        assert activity() == "2021-03-04T10:00:00"
        session.record_activity(start + datetime.timedelta(seconds=29))
        assert activity() == "2021-03-04T10:00:00"
        session.record_activity(start + datetime.timedelta(seconds=30))
        assert activity() == "2021-03-04T10:00:30"
    finally:
        session.close()
    assert not info_path.exists()
