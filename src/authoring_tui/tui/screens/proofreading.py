"""« Relecture Word… » (W on the dashboard): a proofread export brought back.

First the file (the workspace's exports, newest first, or any path typed), read
in a worker; then, chapter by chapter, each correction as « avant → après »
with its changed words highlighted, each paragraph typed in Word and each
comment, all accepted to begin with. Space accepts or rejects one, A and N all
of its chapter; Ctrl+S writes what is accepted through the core's apply step
(``core.proofreading_import``), under each chapter's lock and with its history,
exactly as ``relecture --appliquer`` does.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from ...core.dates import spoken_moment
from ...core.diff import before_and_after
from ...core.errors import AuthoringError
from ...core.proofreading import NewParagraph, ProofreadDocument, TextChange, WordComment
from ...core.proofreading_import import (
    ChapterReview,
    Decision,
    ReviewedDocument,
    apply_review,
    review,
)
from ...core.roles import User
from ...core.workspace import Workspace
from .. import strings as S
from ..word_diff import quoted
from .base import DIALOGS_CSS, STYLES


@dataclass
class DocumentRead(Message):
    document: ReviewedDocument


@dataclass
class ReviewApplied(Message):
    text: str


class ProofreadingScreen(ModalScreen[bool]):
    """Dismisses with whether any chapter was written (the dashboard then reloads)."""

    CSS_PATH = [DIALOGS_CSS, STYLES / "proofreading.tcss"]

    BINDINGS = [
        Binding("escape", "close", S.KEY_CLOSE, id="proofread.close"),
        Binding("space", "toggle_decision", S.PROOFREAD_TOGGLE, id="proofread.toggle"),
        Binding("a", "accept_chapter", S.PROOFREAD_ACCEPT_ALL, id="proofread.accept_all"),
        Binding("n", "reject_chapter", S.PROOFREAD_REJECT_ALL, id="proofread.reject_all"),
        Binding("ctrl+s", "apply", S.PROOFREAD_APPLY, id="proofread.apply", priority=True),
    ]

    def __init__(self, workspace: Workspace, user: User) -> None:
        super().__init__(classes="dialog-screen", id="proofreading")
        self.workspace = workspace
        self.user = user
        self.document: ReviewedDocument | None = None
        self.rows: list[tuple[ChapterReview, Decision] | None] = []
        """What each line of the list is: a decision, or ``None`` for a heading."""
        self.rejected: set[Decision] = set()
        self.wrote = False
        self.read_back: ProofreadDocument | None = None
        """The document as read, sorted again against the chapters after a save."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog proofread-dialog") as box:
            box.border_title = S.PROOFREAD_TITLE
            yield Label(S.PROOFREAD_PICK, classes="field-label", id="proofread-pick")
            yield OptionList(id="proofread-files")
            yield Input(placeholder=S.PROOFREAD_PATH_PLACEHOLDER, id="proofread-path", compact=True)
            yield OptionList(id="proofread-items")
            yield Static("", id="proofread-result", markup=False)
            yield Label(S.PROOFREAD_HINT_FILE, classes="dialog-hint", id="proofread-hint")

    def on_mount(self) -> None:
        self.query_one("#proofread-items").display = False
        files = self.query_one("#proofread-files", OptionList)
        found = exported_documents(self.workspace)
        files.add_options([Option(self.file_line(path), id=str(path)) for path in found])
        if found:
            files.highlighted = 0
            files.focus()
        else:
            files.display = False
            self.show(S.PROOFREAD_NO_EXPORT)
            self.query_one("#proofread-path").focus()

    # The file

    def file_line(self, path: Path) -> Text:
        moment = datetime.datetime.fromtimestamp(self.workspace.files.lstat(path).st_mtime)
        return Text(S.PROOFREAD_FILE_LINE.format(name=path.name, moment=spoken_moment(moment)))

    @on(OptionList.OptionSelected, "#proofread-files")
    def _file_chosen(self, event: OptionList.OptionSelected) -> None:
        self.read(Path(str(event.option.id)))

    @on(Input.Submitted, "#proofread-path")
    def _path_typed(self, event: Input.Submitted) -> None:
        if event.value.strip():
            path = Path(event.value.strip()).expanduser()
            self.read(path if path.is_absolute() else self.workspace.root / path)

    def read(self, path: Path) -> None:
        self.show(S.PROOFREAD_READING.format(name=path.name))
        self.read_document(path)

    @work(thread=True, exclusive=True, group="proofread", exit_on_error=False)
    def read_document(self, path: Path) -> None:
        from ...export.proofread import read_proofread  # lxml: only when asked

        self.read_back = read_proofread(path, self.workspace)
        self.post_message(DocumentRead(review(self.workspace, self.read_back, self.user)))

    def on_document_read(self, message: DocumentRead) -> None:
        first_reading = self.document is None
        self.document = message.document
        self.rejected.clear()
        for widget in ("#proofread-files", "#proofread-path", "#proofread-pick"):
            self.query_one(widget).display = False
        items = self.query_one("#proofread-items", OptionList)
        items.display = True
        self.fill(items)
        if first_reading:
            self.show(outline(message.document))
        self.query_one("#proofread-hint", Label).update(S.PROOFREAD_HINT_REVIEW)
        items.focus()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.show(S.PROOFREAD_FAILED.format(error=event.worker.error))

    # The review

    def fill(self, items: OptionList) -> None:
        highlighted = items.highlighted
        items.clear_options()
        self.rows = []
        assert self.document is not None
        for chapter in self.document.chapters:
            items.add_option(Option(chapter_heading(chapter), disabled=True))
            self.rows.append(None)
            for decision in chapter.decisions():
                items.add_option(Option(self.line(chapter, decision)))
                self.rows.append((chapter, decision))
        first = next((i for i, row in enumerate(self.rows) if row is not None), None)
        items.highlighted = highlighted if highlighted is not None else first

    def line(self, chapter: ChapterReview, decision: Decision) -> Text:
        mark = S.PROOFREAD_REJECTED if decision in self.rejected else S.PROOFREAD_ACCEPTED
        text = Text(f"{mark} {chapter.place(decision)}", "bold")
        text.append(f" — {kind_of(chapter, decision)}\n", "")
        return text.append_text(details(decision))

    def current(self) -> tuple[ChapterReview, Decision] | None:
        index = self.query_one("#proofread-items", OptionList).highlighted
        return self.rows[index] if index is not None and index < len(self.rows) else None

    def action_toggle_decision(self) -> None:
        row = self.current()
        if row is not None:
            self.rejected.symmetric_difference_update({row[1]})
            self.refresh_lines()

    def action_accept_chapter(self) -> None:
        row = self.current()
        if row is not None:
            self.rejected.difference_update(row[0].decisions())
            self.refresh_lines()

    def action_reject_chapter(self) -> None:
        row = self.current()
        if row is not None:
            self.rejected.update(row[0].decisions())
            self.refresh_lines()

    def refresh_lines(self) -> None:
        items = self.query_one("#proofread-items", OptionList)
        for index, row in enumerate(self.rows):
            if row is not None:
                items.replace_option_prompt_at_index(index, self.line(*row))

    # Saving

    def action_apply(self) -> None:
        if self.document is not None:
            self.show(S.PROOFREAD_APPLYING)
            self.apply(self.document, frozenset(self.rejected))

    @work(thread=True, exclusive=True, group="proofread", exit_on_error=False)
    def apply(self, document: ReviewedDocument, rejected: frozenset[Decision]) -> None:
        lines: list[str] = []
        for chapter in document.chapters:
            accepted = [d for d in chapter.decisions() if d not in rejected]
            if not accepted:
                continue
            try:
                outcome = apply_review(self.workspace, chapter, self.user, accepted)
            except AuthoringError as error:  # shown, and the other chapters still go through
                lines.append(S.PROOFREAD_REFUSED.format(id=chapter.chapter_id, error=error))
                continue
            lines.append(
                S.PROOFREAD_CHAPTER_DONE.format(id=chapter.chapter_id, summary=outcome.summary())
            )
        self.post_message(ReviewApplied("\n".join(lines) or S.PROOFREAD_NOTHING))
        if self.read_back is not None:
            self.post_message(DocumentRead(review(self.workspace, self.read_back, self.user)))

    def on_review_applied(self, message: ReviewApplied) -> None:
        self.wrote = True
        self.rejected.clear()
        self.show(message.text)

    def show(self, text: str) -> None:
        self.query_one("#proofread-result", Static).update(Text(text))

    def action_close(self) -> None:
        self.dismiss(self.wrote)


def exported_documents(workspace: Workspace) -> list[Path]:
    """The workspace's Word exports, newest first."""
    files = workspace.files.files(workspace.exports.relative_to(workspace.root), ".docx")
    return sorted(files, key=lambda path: workspace.files.lstat(path).st_mtime, reverse=True)


def outline(document: ReviewedDocument) -> str:
    lines = [S.PROOFREAD_SUMMARY.format(name=Path(document.source).name)]
    lines += [
        S.PROOFREAD_UNPLACED.format(what=u.description, why=u.reason) for u in document.unplaced
    ]
    lines += [S.PROOFREAD_MISSING_CHAPTER.format(id=c) for c in document.missing_chapters]
    return "\n".join(lines)


def chapter_heading(chapter: ChapterReview) -> Text:
    text = Text(chapter.title, "bold underline")
    notes = []
    if chapter.changed_since_export:
        notes.append(S.PROOFREAD_CHANGED_SINCE)
    if chapter.validated:
        notes.append(S.PROOFREAD_VALIDATED)
    if not chapter.decisions():
        notes.append(S.PROOFREAD_NOTHING_NEW)
    return text.append("".join(f" — {note}" for note in notes), "italic")


def kind_of(chapter: ChapterReview, decision: Decision) -> str:
    if isinstance(decision, TextChange):
        proposed = decision in chapter.plan.proposed or chapter.validated
        return S.PROOFREAD_KIND_PROPOSED if proposed else S.PROOFREAD_KIND_CHANGE
    if isinstance(decision, NewParagraph):
        return S.PROOFREAD_KIND_PARAGRAPH
    if decision in chapter.updated_comments:
        return S.PROOFREAD_KIND_REPLY.format(author=decision.author)
    return S.PROOFREAD_KIND_COMMENT.format(author=decision.author)


def details(decision: Decision) -> Text:
    if isinstance(decision, TextChange):
        old, new = before_and_after(decision.before, decision.after)
        return Text(S.PROOFREAD_BEFORE) + quoted(old) + Text("\n" + S.PROOFREAD_AFTER) + quoted(new)
    if isinstance(decision, NewParagraph):
        return Text(f"« {decision.text} »", "green")
    return comment_text(decision)


def comment_text(comment: WordComment) -> Text:
    text = Text(f"« {comment.text} »")
    if comment.resolved:
        text.append(f" ({S.PROOFREAD_RESOLVED})", "italic")
    for reply in comment.replies:
        text.append(f"\n  ↳ {reply.author} : « {reply.text} »")
    return text
