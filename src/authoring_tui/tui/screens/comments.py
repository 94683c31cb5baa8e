"""The list of a chapter's proofreading comments, to read and mark resolved.

The editor shows it to contributors (the change is saved with Ctrl+S, like any
edit); the review screen to the secrétariat (saved at once).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ...core.errors import AuthoringError
from ...core.validation import describe_path
from .. import strings as S
from ..session import ChapterSession
from .base import DIALOGS_CSS


def comment_target(session: ChapterSession, cible: str) -> str:
    """« Section 1 › Bloc 3 (paragraphe) » for ``sections/0/blocs/2``."""
    if not cible:
        return S.ROOT_TARGET
    path = tuple(int(p) if p.isdigit() else p for p in cible.split("/"))
    return describe_path(session.schema, session.data, path) or cible


class CommentsModal(ModalScreen[None]):
    """Every comment, open ones marked ○, resolved ones ✓; Enter toggles."""

    CSS_PATH = DIALOGS_CSS

    BINDINGS = [Binding("escape", "close", S.KEY_CLOSE, id="comments.close")]

    def __init__(self, session: ChapterSession, save: bool) -> None:
        super().__init__(classes="dialog-screen")
        self.session = session
        self.save = save

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog choice-dialog") as box:
            box.border_title = S.COMMENTS_TITLE
            yield OptionList(id="comments")
            yield Label(S.COMMENTS_HINT, classes="dialog-hint")

    def on_mount(self) -> None:
        self.fill()
        self.query_one(OptionList).focus()

    def fill(self) -> None:
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        comments = self.session.data.get("commentaires") or []
        if not comments:
            options.add_option(Option(S.COMMENTS_EMPTY, id="none", disabled=True))
        for index, comment in enumerate(comments):
            options.add_option(Option(Text(self.line(comment)), id=str(index)))
        if highlighted is not None and comments:
            options.highlighted = min(highlighted, len(comments) - 1)

    def line(self, comment: Any) -> str:
        return S.COMMENT_LINE.format(
            mark=S.COMMENT_RESOLVED if comment.get("resolu") else S.COMMENT_OPEN,
            date=comment.get("date", ""),
            auteur=comment.get("auteur", ""),
            cible=comment_target(self.session, str(comment.get("cible", ""))),
            texte=comment.get("texte", ""),
        )

    @on(OptionList.OptionSelected)
    def _toggle(self, event: OptionList.OptionSelected) -> None:
        if event.option.id in (None, "none"):
            return
        index = int(event.option.id)
        comment = self.session.data["commentaires"][index]
        resolved = not comment.get("resolu", False)
        try:
            self.session.set_comment_resolved(index, resolved, save=self.save)
        except AuthoringError as error:
            self.app.show_error(error)  # type: ignore[attr-defined]
            return
        self.notify(S.COMMENT_RESOLVED_NOTICE if resolved else S.COMMENT_REOPENED_NOTICE)
        self.fill()

    def action_close(self) -> None:
        self.dismiss(None)
