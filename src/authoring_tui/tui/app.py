"""The Textual application: who uses it, on which workspace, and how errors surface.

``run_app`` is what ``authoring-tui`` runs with no subcommand. The app itself is
small: it knows the workspace, the user and « today », pushes the screens, and
owns the single error path (``show_error``). Screens other than the dashboard
are imported when first opened, to keep start-up short.
"""

from __future__ import annotations

import datetime
import gc
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
from .report_state import ReportState
from .screens.base import STYLES
from .screens.dashboard import DashboardScreen
from .startup import Collector, EditorPreparation

if TYPE_CHECKING:
    from .session import ChapterSession


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
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.user = identify(workspace.report, user_login)
        self.today = today or datetime.date.today()
        self.session: ChapterSession | None = None
        """The chapter open in the editor or review screen (it holds the edit lock)."""
        self.report_state = ReportState()
        """Every chapter's status, shown and refreshed by the dashboard."""
        self.collector = Collector(self)
        self.editor_preparation = EditorPreparation(self)

    def get_default_screen(self) -> Screen[Any]:
        return DashboardScreen()

    def on_unmount(self) -> None:
        # Several apps in one process (tests): leave the collector as it was.
        self.collector.resume()
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
        return self.editor_preparation.ready

    @property
    def editor_busy(self) -> bool:
        """The editor is being made, or a chapter handed to it, right now."""
        return self.editor_preparation.busy

    @property
    def quitting(self) -> bool:
        """Told to quit (Textual mounts nothing from then on), or shutting down."""
        return self.return_code is not None or not self.is_running

    async def make_editor(self) -> None:
        """While the user reads the dashboard (and nothing covers it): make the editor
        (``startup.EditorPreparation``). Called through the app's queue."""
        await self.editor_preparation.make_when_idle(lambda: self.quitting)

    async def show_editor(self, session: ChapterSession, switch: bool = False) -> None:
        """Push (or switch to) the editor on ``session``.

        The editor, hidden, is handed the session first, so only the outline and
        the form are mounted (it is made now if the dashboard had not made it).
        """
        preparation = self.editor_preparation
        async with preparation.lock:
            editor = preparation.editor or await preparation.make()
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
        editor = self.editor_preparation.editor
        if editor is not None and editor not in self.screen_stack:
            editor.release_chapter()

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
    app = AuthoringApp(workspace, user_login)
    app.collector.keep_long_lived()
    try:
        result = app.run()
    finally:
        app.close_session()
    return int(result or 0)
