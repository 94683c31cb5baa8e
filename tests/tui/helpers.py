"""Shared steps of the TUI tests: start the app, wait, open a chapter, read the YAML."""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from authoring_tui.core.workspace import Workspace
from authoring_tui.tui.app import AuthoringApp
from authoring_tui.tui.screens.editor import EditorScreen
from authoring_tui.tui.widgets.fields import FieldTextArea

TODAY = datetime.date(2021, 3, 20)
FIXED_MTIME = datetime.datetime(2021, 3, 15, 9, 30).timestamp()


def make_app(root: Path, user: str) -> AuthoringApp:
    """The real app on a workspace folder, with a fixed « today »."""
    return AuthoringApp(Workspace.open(root), user, today=TODAY)


def freeze_mtimes(root: Path) -> None:
    """Same « modifié » dates on every run (snapshots)."""
    for path in (root / "chapters").glob("*.yaml"):
        os.utime(path, (FIXED_MTIME, FIXED_MTIME))


async def wait_for(pilot: Pilot[Any], condition: Callable[[], object], timeout: float = 60) -> None:
    """Let the app run until ``condition()`` holds (workers, timers, mounts)."""
    waited = 0.0
    while not condition():
        if waited > timeout:
            raise AssertionError("the application did not reach the expected state")
        await pilot.pause(0.05)
        waited += 0.05


async def dashboard_loaded(pilot: Pilot[Any]) -> None:
    app: Any = pilot.app
    await wait_for(pilot, lambda: app.screen_stack[0].loaded)
    await pilot.pause()


async def open_in_editor(pilot: Pilot[Any], chapter_id: str) -> EditorScreen:
    """From the dashboard: put the cursor on the chapter's row and press Enter."""
    app: Any = pilot.app
    await dashboard_loaded(pilot)
    app.screen.select_chapter(chapter_id)
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, EditorScreen))
    await pilot.pause()
    return app.screen  # type: ignore[no-any-return]


async def type_at_end(
    pilot: Pilot[Any], editor: EditorScreen, path: tuple[Any, ...], text: str
) -> None:
    """Show the text field at ``path`` and type ``text`` at its end, key by key."""
    await editor.show_path(path)
    area = editor.query_one(FieldTextArea)
    area.focus()
    area.move_cursor(area.document.end)
    await pilot.press(*text)


def lines_changed(before: str, after: str) -> list[int]:
    """Line numbers (0-based, in ``before``) that a diff replaces or deletes."""
    import difflib

    changed: list[int] = []
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(), autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            changed.extend(range(i1, max(i2, i1 + 1)))
    return changed
