"""The Textual application: who uses it, on which workspace, and how errors surface.

``run_app`` is what ``authoring-tui`` runs with no subcommand. The app itself is
small: it knows the workspace, the user and « today », pushes the screens, and
owns the single error path (``show_error``). Screens other than the dashboard
are imported when first opened, to keep start-up short.
"""

from __future__ import annotations

import asyncio
import datetime
import gc
import os
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen

from ..core.errors import AuthoringError
from ..core.roles import identify
from ..core.workspace import Workspace
from . import strings as S
from .commands import AppCommands
from .screens.base import STYLES
from .screens.dashboard import DashboardScreen

if TYPE_CHECKING:
    from .screens.editor import EditorScreen
    from .session import ChapterSession

EXIT_AFTER_LOAD = "AUTHORING_TUI_EXIT_AFTER_LOAD"
"""For the benchmark: ``shown`` quits (headless) once the dashboard is first drawn,
``loaded`` once it has measured every chapter; the app then prints when (the
wall clock's seconds) the stage was reached, since the process's own ending
is no part of what a user waits for."""

COLLECTOR_PAUSE_MAX = 2.0
COLLECTOR_SETTLE = 0.3


class AuthoringApp(App[int]):
    """The report's authoring application."""

    CSS_PATH = [STYLES / "app.tcss", STYLES / "dashboard.tcss"]
    """The other screens' styles are read when each is first shown (``screens/base.py``)."""
    TITLE = S.APP_TITLE
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    """Each screen's class by width: ``-narrow`` below 100 columns (styles/app.tcss)."""
    COMMANDS = {AppCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", S.KEY_QUIT, id="app.quit", tooltip=S.TOOLTIP_QUIT, priority=True),
        Binding("f1", "help", S.KEY_HELP, id="app.help", tooltip=S.TOOLTIP_HELP),
        Binding(
            "ctrl+p",
            "command_palette",
            S.KEY_PALETTE,
            id="app.palette",
            tooltip=S.TOOLTIP_PALETTE,
            priority=True,
        ),
    ]

    def __init__(
        self,
        workspace: Workspace,
        user_login: str | None = None,
        today: datetime.date | None = None,
        exit_after_load: str = "",
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.user = identify(workspace.report, user_login)
        self.today = today or datetime.date.today()
        self.exit_after_load = exit_after_load
        self.stage_reached_at: float | None = None
        self.session: ChapterSession | None = None
        """The chapter open in the editor or review screen (it holds the edit lock)."""
        self._editor: EditorScreen | None = None
        """The editor screen, made once and kept between chapters (``make_editor``)."""
        self._editor_lock = asyncio.Lock()

    def stage_reached(self) -> None:
        """The benchmark's stage (``EXIT_AFTER_LOAD``) is drawn: note when, and quit."""
        self.stage_reached_at = time.time()
        self.exit(0)

    def get_default_screen(self) -> Screen[Any]:
        return DashboardScreen()

    @staticmethod
    def keep_long_lived() -> None:
        """Take what exists now (modules, styles, the dashboard) out of the garbage collector.

        These objects live as long as the application; without this, every full
        collection walks them again, and opening a chapter (hundreds of thousands
        of short-lived objects while parsing and mounting) triggers several.
        """
        gc.freeze()

    def pause_collector(self) -> None:
        """No collector pauses until the chapter being opened is drawn.

        Reference counting still frees almost everything at once; only cycles wait
        for the collector's next pass, once the screen is up (Textual does the same
        while scrolling). The collector comes back after ``COLLECTOR_PAUSE_MAX``
        seconds whatever happens (a chapter that fails to open).
        """
        gc.disable()
        self.set_timer(COLLECTOR_PAUSE_MAX, self.resume_collector)

    def resume_collector(self) -> None:
        gc.enable()

    def resume_collector_soon(self) -> None:
        """The collector comes back a moment after the chapter's first frame.

        Its first pass walks every object the opening made (13 ms for v5,
        measured); right after the first frame it would hold back the frame
        that follows it (Textual lays a new form out twice).
        """
        self.set_timer(COLLECTOR_SETTLE, self.resume_collector)

    def on_unmount(self) -> None:
        # Several apps in one process (tests): leave the collector as it was.
        self.resume_collector()
        gc.unfreeze()

    # The one error path

    def show_error(self, error: BaseException) -> None:
        """Show any failure as a French dialog; ``AuthoringError`` says what to do."""
        if isinstance(error, AuthoringError):
            message = str(error)
        else:
            self.log.error(repr(error))
            message = S.UNEXPECTED_ERROR.format(error=type(error).__name__)
        from .screens.dialogs import ErrorModal  # text areas and lists: not for the dashboard

        self.push_screen(ErrorModal(message))

    # Screens

    async def open_session(self, session: ChapterSession, review: bool) -> None:
        if self.session is not None and self.session is not session:
            self.session.close()
        self.session = session
        if review:
            from .screens.review import ReviewScreen

            self.push_screen(ReviewScreen(session))
        else:
            await self.show_editor(session)

    @property
    def editor_ready(self) -> bool:
        """The editor screen is made, and no chapter is being handed to it."""
        return self._editor is not None and not self._editor_lock.locked()

    @property
    def editor_busy(self) -> bool:
        """The editor is being made, or a chapter handed to it, right now."""
        return self._editor_lock.locked()

    @property
    def quitting(self) -> bool:
        """Told to quit (Textual mounts nothing from then on), or shutting down."""
        return self.return_code is not None or not self.is_running

    async def make_editor(self) -> None:
        """While the user reads the dashboard (and nothing covers it): make the editor.

        Called through the app's queue (``call_later``): keys pressed meanwhile
        wait there, and reach the dashboard once it is back on top.
        """
        async with self._editor_lock:
            if self._editor is None and len(self.screen_stack) == 1 and not self.quitting:
                try:
                    await self._make_editor()
                except Exception:
                    # Told to quit from outside meanwhile (a signal, a test's end),
                    # the app left the screen half made: nothing to keep.
                    if not self.quitting:
                        raise

    async def _make_editor(self) -> EditorScreen:
        """Make the editor screen, hidden, with the form's widget types warmed up.

        It is pushed and popped in one batch, so nothing of it is drawn: Textual
        composes, styles and lays it out at the terminal's size then, and the
        first chapter opened costs what the next ones do.
        """
        from .screens.editor import EditorScreen

        editor = self._editor = EditorScreen()
        self.install_screen(editor, "editor")
        with self.batch_update():
            await self.push_screen(editor)
            await editor.warm_up()
            await self.pop_screen()
        return editor

    async def show_editor(self, session: ChapterSession, switch: bool = False) -> None:
        """Push (or switch to) the editor on ``session``.

        The editor, hidden, is handed the session first, so only the outline and
        the form are mounted (it is made now if the dashboard had not made it).
        """
        async with self._editor_lock:
            editor = self._editor or await self._make_editor()
            await editor.open_session(session)
            if switch:
                self.switch_screen(editor)
            else:
                self.push_screen(editor)
            await editor.show_session()
        editor.start_session()

    def close_session(self) -> None:
        """Back on the dashboard, or quitting: release the chapter's lock."""
        if self.session is not None:
            self.session.close()
            self.session = None

    def release_editor(self) -> None:
        """Back on the dashboard: the hidden editor lets go of the chapter's form."""
        if self._editor is not None and self._editor not in self.screen_stack:
            self._editor.release_chapter()

    def get_screen_stack_bottom(self) -> DashboardScreen:
        return self.screen_stack[0]  # type: ignore[return-value]

    def go_to_chapter(self, chapter_id: str) -> None:
        """From anywhere: back to the dashboard (asking about unsaved changes), then open."""
        from .screens.editor import EditorScreen

        editors = [s for s in self.screen_stack if isinstance(s, EditorScreen)]
        if editors and editors[-1].session.dirty:
            editors[-1].confirm_leave(then=lambda: self._open_from_dashboard(chapter_id))
            return
        self._open_from_dashboard(chapter_id)

    def _open_from_dashboard(self, chapter_id: str) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        dashboard = self.get_screen_stack_bottom()
        dashboard.select_chapter(chapter_id)
        dashboard.action_open_chapter()

    def open_export(self) -> None:
        from .screens.export import ExportScreen

        self.push_screen(ExportScreen())

    def open_proofreading(self) -> None:
        """« Relecture Word… »; the dashboard reloads the statuses of what it wrote."""
        from .screens.proofreading import ProofreadingScreen

        def closed(wrote: bool | None) -> None:
            if wrote:
                self.get_screen_stack_bottom().load_statuses()

        self.push_screen(ProofreadingScreen(self.workspace, self.user), closed)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_command_palette(self) -> None:
        if not isinstance(self.screen, CommandPalette):
            self.push_screen(
                CommandPalette(placeholder=S.COMMAND_PALETTE_PLACEHOLDER, id="--command-palette")
            )

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """French commands only (Textual's own are in English); see ``ScreenCommands``."""
        return ()

    def action_help_quit(self) -> None:
        """Ctrl+C (Textual's reflex catcher, in English otherwise): how to quit, in French."""
        self.notify(S.QUIT_HINT, title=S.QUIT_HINT_TITLE, markup=False)

    async def action_quit(self) -> None:
        """Quit, asking first when a chapter has unsaved changes."""
        from .screens.editor import EditorScreen

        editors = [s for s in self.screen_stack if isinstance(s, EditorScreen)]
        if editors and editors[-1].session.dirty:
            editors[-1].confirm_leave(then=lambda: self.exit(0))
            return
        self.exit(0)


def run_app(workspace: Workspace, user_login: str | None) -> int:
    """Run the application until the user quits; returns the exit code."""
    exit_after_load = os.environ.get(EXIT_AFTER_LOAD, "")
    app = AuthoringApp(workspace, user_login, exit_after_load=exit_after_load)
    app.keep_long_lived()
    try:
        result = app.run(headless=bool(exit_after_load))
    finally:
        app.close_session()
    if app.stage_reached_at is not None:
        print(f"{EXIT_AFTER_LOAD}={app.stage_reached_at:.6f}")
    return int(result or 0)
