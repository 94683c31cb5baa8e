"""What makes the application start, and open its first chapter, fast: in one place.

Each measure says what it buys, as ``make bench`` measured it (start to
dashboard within 2.3 × an empty Textual app, the largest chapter opened in
under 300 ms, a keystroke under 50 ms: see ``docs/performance.md``). Any other
start-up code is ordinary application code. One more measure lives where it
acts: screens other than the dashboard, and the exporter, are imported when
first opened (``app.py``, ``screens/dashboard.py``), so start-up does not pay
for python-docx, lxml or the editor's widgets.

- :class:`Collector`: objects alive for the whole session are taken out of the
  garbage collector once the dashboard is filled, and its passes wait while a
  chapter is being opened. Parsing and mounting a chapter makes hundreds of
  thousands of short-lived objects, which otherwise trigger several full
  passes over everything the application holds (13 ms for v5, measured).
- :func:`warm_up_first_opening`: while the user reads the dashboard, import the
  editor and the lock library, and validate the biggest chapter of each schema
  (its validator and lookups are built on first use): the first chapter opened
  costs what the next ones do.
- :class:`EditorPreparation`: the editor screen is made once, hidden, behind the
  dashboard, with one widget of each type its forms use mounted and removed
  (Textual works out a widget type's CSS on first mount, about 40 ms), and
  kept between chapters: opening one only mounts its outline and form.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable
from contextlib import suppress
from importlib import import_module
from typing import TYPE_CHECKING, Any

from textual.app import App

from ..core.errors import AuthoringError
from ..core.schema import Schema
from ..core.workspace import Workspace

if TYPE_CHECKING:
    from .screens.editor import EditorScreen

COLLECTOR_PAUSE_MAX = 2.0
"""Seconds after which the collector comes back, whatever happens (an opening that fails)."""
COLLECTOR_SETTLE = 0.3
"""Seconds after a chapter's first frame before the collector comes back (Textual lays
a new form out twice: a pass right after the first frame would delay the second)."""


class Collector:
    """The garbage collector's schedule around what the user waits for."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app

    @staticmethod
    def keep_long_lived() -> None:
        """Take what exists now (modules, styles, the dashboard) out of the collector."""
        gc.freeze()

    def pause(self) -> None:
        """No collector passes until the chapter being opened is drawn (reference
        counting still frees almost everything at once; only cycles wait)."""
        gc.disable()
        self.app.set_timer(COLLECTOR_PAUSE_MAX, self.resume)

    def resume(self) -> None:
        gc.enable()

    def resume_soon(self) -> None:
        self.app.set_timer(COLLECTOR_SETTLE, self.resume)


def warm_up_first_opening(workspace: Workspace, chapter_ids: list[str]) -> None:
    """Pay now, in a worker, what the first chapter opened would pay for."""
    import_module("filelock")
    import_module("authoring_tui.tui.screens.editor")
    from ..core.validation import validate

    store = workspace.store
    biggest: dict[int, tuple[int, str, Schema]] = {}
    for chapter_id in chapter_ids:
        try:
            schema = workspace.schema_for(chapter_id)
            size = store.path_for(chapter_id).stat().st_size
        except (AuthoringError, OSError):
            continue  # the dashboard shows it; opening the chapter will say why
        if size > biggest.get(id(schema), (-1,))[0]:
            biggest[id(schema)] = (size, chapter_id, schema)
    for _, chapter_id, schema in biggest.values():
        with suppress(AuthoringError):
            validate(schema, store.load(chapter_id, round_trip=False).data)


class EditorPreparation:
    """The one editor screen, made hidden behind the dashboard and kept."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.editor: EditorScreen | None = None
        self.lock = asyncio.Lock()
        """Held while the editor is being made or handed a chapter."""

    @property
    def ready(self) -> bool:
        """The editor is made, and no chapter is being handed to it."""
        return self.editor is not None and not self.lock.locked()

    @property
    def busy(self) -> bool:
        return self.lock.locked()

    async def make_when_idle(self, quitting: Callable[[], bool]) -> None:
        """Make the editor if nothing covers the dashboard (keys pressed meanwhile
        wait in the app's queue and reach the dashboard once it is back on top)."""
        async with self.lock:
            if self.editor is None and len(self.app.screen_stack) == 1 and not quitting():
                try:
                    await self.make()
                except Exception:
                    # Told to quit from outside meanwhile (a signal, a test's end),
                    # the app left the screen half made: nothing to keep.
                    if not quitting():
                        raise

    async def make(self) -> EditorScreen:
        """Pushed and popped in one batch, so nothing of it is drawn: Textual
        composes, styles and lays it out at the terminal's size then."""
        from .screens.editor import EditorScreen

        editor = self.editor = EditorScreen()
        self.app.install_screen(editor, "editor")
        with self.app.batch_update():
            await self.app.push_screen(editor)
            await editor.warm_up()
            await self.app.pop_screen()
        return editor
