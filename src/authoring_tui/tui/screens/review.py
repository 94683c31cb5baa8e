"""Relecture: the chapter laid out for reading, its comments, its status and history.

The secrétariat moves from block to block (↑/↓), comments the one under the
cursor, lists and resolves comments, and sends the chapter back (« À reprendre »)
or validates it. Every status change goes through the core's ``change_status``,
which refuses what the user's role does not allow and appends the history line.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, Static

from ...core import review
from ...core.dates import spoken_moment
from ...core.status import STATUS_TITLES
from .. import strings as S
from ..forms.outline import OutlineShape, build_outline, flatten
from ..forms.spec import Kind, field_kind, node_at
from ..session import ChapterSession
from ..widgets.block_view import BlockView, render_entry
from ..widgets.chapter_bar import ChapterBar
from ..widgets.footer import AppFooter
from ..widgets.header import AppHeader
from ..wording import counted
from .base import REVIEW_CSS, BaseScreen, authoring_app, reports_errors
from .comments import CommentsModal, comment_target, open_comment_counts
from .dialogs import ConfirmModal, TextPromptModal


class ReviewScreen(BaseScreen):
    """Read, comment, and decide on one chapter."""

    CSS_PATH = REVIEW_CSS

    BINDINGS = [
        Binding("c", "comment", S.KEY_COMMENT, id="review.comment", tooltip=S.TOOLTIP_COMMENT),
        Binding("f4", "comments", S.KEY_COMMENTS, id="review.comments", tooltip=S.TOOLTIP_COMMENTS),
        Binding(
            "p",
            "set_status('a_reprendre')",
            S.KEY_TO_REWORK,
            id="review.rework",
            tooltip=S.TOOLTIP_TO_REWORK,
        ),
        Binding(
            "v",
            "set_status('valide')",
            S.KEY_VALIDATE,
            id="review.validate",
            tooltip=S.TOOLTIP_VALIDATE,
        ),
        Binding("o", "edit", S.KEY_EDIT, id="review.edit", tooltip=S.TOOLTIP_EDIT),
        Binding("up", "focus_block(-1)", show=False, priority=True),
        Binding("down", "focus_block(1)", show=False, priority=True),
        Binding("escape", "back", S.KEY_BACK, id="review.back", tooltip=S.TOOLTIP_BACK),
    ]

    def __init__(self, session: ChapterSession) -> None:
        super().__init__(id="review")
        self.session = session
        self.jump_to: tuple[Any, ...] | None = None
        """The block to show at the next drawing (a comment chosen in the list)."""

    def compose(self) -> ComposeResult:
        app = authoring_app(self)
        yield AppHeader(f"{S.REVIEW_TITLE} · {self.session.title()}", app.user, app.user.role.title)
        yield ChapterBar(id="chapter-bar")
        with Horizontal(id="review-body"):
            yield VerticalScroll(id="review-doc")
            with Vertical(id="review-side"):
                yield Label(S.HISTORY_TITLE, classes="side-title")
                yield Static("", id="history", markup=False)
        yield AppFooter()

    def on_mount(self) -> None:
        self.draw()
        self.call_after_refresh(authoring_app(self).collector.resume_soon)

    def draw(self) -> None:
        """(Re)draw the document, the bar and the history (after a comment or a status)."""
        session = self.session
        schema = session.schema
        theme = self.app.theme_variables
        doc = self.query_one("#review-doc", VerticalScroll)
        focused = self.focused.entry.path if isinstance(self.focused, BlockView) else ()
        if self.jump_to is not None:
            focused, self.jump_to = self.jump_to, None
        doc.remove_children()
        counts = self.comment_counts()
        views = []
        root = build_outline(OutlineShape(schema), session.data, session.title())
        for entry in flatten(root):
            value = session.get(entry.path)
            choice = None
            if entry.path:
                item = schema.items(node_at(schema, session.data, entry.path[:-1]))
                choice = item if field_kind(schema, item) is Kind.CHOICE else None
            renderable = render_entry(schema, entry, value, choice, theme)
            views.append(BlockView(entry, renderable, counts.get(entry.path, 0)))
        doc.mount_all(views)
        target = next((v for v in views if v.entry.path == focused), views[0])
        self.call_after_refresh(target.focus)
        self.call_after_refresh(doc.scroll_to_widget, target, animate=False)
        self.query_one(ChapterBar).show(session, theme)
        self.query_one("#history", Static).update(self.history_text())

    def comment_counts(self) -> dict[tuple[Any, ...], int]:
        """Open comments per block, found by anchor (wherever the block moved)."""
        return open_comment_counts(self.session)

    def history_text(self) -> Text:
        entries = self.session.data.get("historique_statut") or []
        if not entries:
            return Text(S.HISTORY_EMPTY, style="italic")
        lines = [
            S.HISTORY_LINE.format(
                le=spoken_moment(e.get("le", "")),
                statut=STATUS_TITLES.get(str(e.get("statut")), e.get("statut")),
                par=e.get("par", ""),
            )
            + (S.HISTORY_MESSAGE.format(message=e["message"]) if e.get("message") else "")
            for e in entries
        ]
        return Text("\n".join(lines))

    def current_block(self) -> BlockView | None:
        return self.focused if isinstance(self.focused, BlockView) else None

    def action_focus_block(self, delta: int) -> None:
        views = list(self.query(BlockView))
        current = self.current_block()
        index = views.index(current) + delta if current in views else 0
        if 0 <= index < len(views):
            views[index].focus()

    def action_comment(self) -> None:
        block = self.current_block()
        path = block.entry.path if block else ()

        @reports_errors
        def typed(screen: ReviewScreen, text: str | None) -> None:
            if text is None:
                return
            if not text.strip():
                screen.notify(S.COMMENT_EMPTY, severity="warning")
                return
            screen.session.add_comment(path, text.strip())
            screen.notify(S.COMMENT_ADDED)
            screen.draw()

        target = comment_target(self.session, path)
        self.app.push_screen(
            TextPromptModal(S.COMMENT_PROMPT.format(target=target), S.COMMENT_PLACEHOLDER),
            lambda text: typed(self, text),
        )

    def action_comments(self) -> None:
        """F4: the threads; Enter there comes back on the comment's block."""

        def closed(path: tuple[Any, ...] | None) -> None:
            self.jump_to = path
            self.draw()

        self.app.push_screen(CommentsModal(self.session, save=True), closed)

    @reports_errors
    def action_set_status(self, statut: str) -> None:
        """« À reprendre » asks for its message, « Validé » for a confirmation
        (explicit about open comments and errors); a change the role forbids is
        refused before any question."""
        review.check_status_change(self.session.data, statut, self.session.user)
        if statut == "a_reprendre":
            self.app.push_screen(
                TextPromptModal(S.REWORK_PROMPT, S.REWORK_PLACEHOLDER, required=S.REWORK_EMPTY),
                lambda message: self._apply_status(statut, message) if message else None,
            )
        elif statut == "valide":
            self._ask_validation()
        else:
            self._apply_status(statut)

    def _ask_validation(self) -> None:
        self.session.revalidate()
        problems = validation_problems(self.session)
        question = (
            S.VALIDATE_ANYWAY_QUESTION.format(problems=problems)
            if problems
            else S.VALIDATE_QUESTION.format(title=self.session.title())
        )
        confirm = S.VALIDATE_ANYWAY if problems else S.VALIDATE_CONFIRM
        self.app.push_screen(
            ConfirmModal(
                S.VALIDATE_TITLE,
                question,
                [("cancel", S.CANCEL, "default"), ("validate", confirm, "primary")],
                focus="cancel",
            ),
            lambda answer: self._apply_status("valide") if answer == "validate" else None,
        )

    @reports_errors
    def _apply_status(self, statut: str, message: str | None = None) -> None:
        self.session.change_status(statut, message=message)
        self.notify(S.STATUS_CHANGED.format(statut=STATUS_TITLES.get(statut, statut)), markup=False)
        self.draw()

    async def action_edit(self) -> None:
        await authoring_app(self).show_editor(self.session, switch=True)

    def action_back(self) -> None:
        self.app.pop_screen()


def validation_problems(session: ChapterSession) -> str:
    """« 2 commentaires ouverts et 1 erreur »: what validating would leave
    unresolved (empty when nothing)."""
    parts = []
    comments = len(review.open_comments(session.data))
    if comments:
        parts.append(counted(S.COMMENTS_OPEN, comments))
    if session.issues:
        parts.append(counted(S.ERRORS_OPEN, len(session.issues)))
    return S.PROBLEMS_JOIN.join(parts)
