"""The export dialog: scope, template and output, then the exporter in a worker.

The exporter (python-docx) is imported inside the worker, so neither start-up nor
this dialog pays for it; progress comes back from the worker thread through
``call_from_thread``. Until the exporter exists, the dialog says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, ProgressBar, RadioButton, RadioSet, Static
from textual.worker import Worker, WorkerState

from ...core.errors import AuthoringError
from .. import strings as S
from .base import DIALOGS_CSS, authoring_app

SCOPES = (("all", S.SCOPE_ALL), ("mine", S.SCOPE_MINE), ("valid", S.SCOPE_VALID))


@dataclass
class ExportFinished(Message):
    """The exporter's summary, as French text for the dialog."""

    text: str


class ExportUnavailable(AuthoringError):
    """The exporter is not part of this installation (yet)."""


class ExportScreen(ModalScreen[None]):
    """Choose what to export, run it, show where the file is."""

    CSS_PATH = DIALOGS_CSS

    BINDINGS = [
        Binding("escape", "close", S.KEY_CLOSE, id="export.close"),
        Binding("ctrl+s", "run_export", S.EXPORT_RUN, id="export.run", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen", id="export")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog export-dialog") as box:
            box.border_title = S.EXPORT_TITLE
            yield Label(S.EXPORT_SCOPE, classes="field-label")
            with RadioSet(id="export-scope"):
                for index, (scope, label) in enumerate(SCOPES):
                    yield RadioButton(label, value=index == 0, id=f"scope-{scope}")
            yield Label(S.EXPORT_TEMPLATE, classes="field-label")
            yield Input(
                placeholder=S.EXPORT_TEMPLATE_PLACEHOLDER, id="export-template", compact=True
            )
            yield Label(S.EXPORT_OUTPUT, classes="field-label")
            yield Input(placeholder=S.EXPORT_OUTPUT_PLACEHOLDER, id="export-output", compact=True)
            yield ProgressBar(total=1, show_eta=False, id="export-progress")
            yield Static("", id="export-result", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(S.EXPORT_RUN, id="export-run", variant="primary", compact=True)
                yield Button(S.KEY_CLOSE, id="export-close", compact=True)

    def on_mount(self) -> None:
        self.query_one("#export-progress").display = False
        self.query_one(RadioSet).focus()

    def scope(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return str(pressed.id).removeprefix("scope-") if pressed is not None else "all"

    @on(Button.Pressed, "#export-run")
    def action_run_export(self) -> None:
        self.query_one("#export-run", Button).disabled = True
        self.query_one("#export-progress").display = True
        self.query_one("#export-result", Static).update("")
        self.run_export(
            self.scope(),
            self.query_one("#export-template", Input).value.strip(),
            self.query_one("#export-output", Input).value.strip(),
        )

    @on(Button.Pressed, "#export-close")
    def action_close(self) -> None:
        self.dismiss(None)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def run_export(self, scope: str, template: str, output: str) -> None:
        app = authoring_app(self)
        try:
            from ...export import ExportOptions, export_report
        except ImportError:
            raise ExportUnavailable(S.EXPORT_UNAVAILABLE) from None
        workspace = app.workspace
        options = ExportOptions(
            chapter_ids=self.chapter_ids(scope),
            statuts=["valide"] if scope == "valid" else None,
            template=self.resolve(template) if template else None,
            output=self.resolve(output) if output else None,
        )
        if options.template is not None and not options.template.is_file():
            raise AuthoringError(S.EXPORT_TEMPLATE_MISSING.format(path=options.template))
        result = export_report(workspace, options, progress=self.progress_from_thread)
        text = S.EXPORT_DONE.format(
            path=result.path,
            chapters=result.chapters,
            pages=result.pages_estimate,
            gaps=result.gaps,
            comments=result.comments,
        )
        if result.warnings:
            text += "\n" + S.EXPORT_WARNINGS + "\n" + "\n".join(f"– {w}" for w in result.warnings)
        self.post_message(ExportFinished(text))

    def chapter_ids(self, scope: str) -> list[str] | None:
        if scope != "mine":
            return None
        app = authoring_app(self)
        mine = [status.id for status in app.report_state.written_by(app.user.login)]
        if not mine:
            raise AuthoringError(S.EXPORT_NO_MINE)
        return mine

    def resolve(self, text: str) -> Path:
        path = Path(text).expanduser()
        app = authoring_app(self)
        return path if path.is_absolute() else app.workspace.root / path

    def progress_from_thread(self, done: int, total: int) -> None:
        self.app.call_from_thread(self.show_progress, done, total)

    def show_progress(self, done: int, total: int) -> None:
        self.query_one("#export-progress", ProgressBar).update(total=total, progress=done)
        self.query_one("#export-result", Static).update(
            S.EXPORT_RUNNING.format(done=done, total=total)
        )

    def on_export_finished(self, message: ExportFinished) -> None:
        self.query_one("#export-result", Static).update(message.text)
        self.query_one("#export-run", Button).disabled = False
        self.query_one("#export-close", Button).focus()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.query_one("#export-run", Button).disabled = False
            self.query_one("#export-progress").display = False
            error = event.worker.error
            if isinstance(error, ExportUnavailable):
                self.query_one("#export-result", Static).update(error.message)
            else:
                authoring_app(self).show_error(error)
