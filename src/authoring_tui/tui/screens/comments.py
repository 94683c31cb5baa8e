"""The list of a chapter's proofreading comments: threads to read, answer, resolve.

The editor shows it to contributors (a change is saved with Ctrl+S, like any
edit); the review screen to the secrétariat (saved at once). It opens on the
first open comment; Enter closes it on that comment's block (the caller shows
the block: comments follow their block by its anchor, wherever it moved), Space
marks it resolved or open again, ``r`` answers it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ...core import anchors
from ...core.dates import spoken_moment
from ...core.errors import AuthoringError
from ...core.validation import describe_path
from .. import strings as S
from ..forms.spec import Path
from ..session import ChapterSession
from .base import DIALOGS_CSS, authoring_app
from .dialogs import TextPromptModal


def comment_paths(session: ChapterSession) -> list[Path | None]:
    """Where each comment of the chapter points now (``None``: its block was
    deleted), worked out in one walk of the chapter."""
    placed = anchors.anchor_paths(session.schema, session.data)
    found: list[Path | None] = []
    for comment in comments_of(session):
        anchor = comment.get("bloc")
        if anchor:
            found.append(placed.get(str(anchor)))
        else:
            found.append(anchors.parse_target(comment.get("cible")))
    return found


def comments_of(session: ChapterSession) -> list[Mapping[str, Any]]:
    """The chapter's comments (a stray value that is no comment reads as empty)."""
    comments = session.data.get("commentaires") if isinstance(session.data, Mapping) else None
    if not isinstance(comments, list):
        return []
    return [comment if isinstance(comment, Mapping) else {} for comment in comments]


def open_comment_counts(session: ChapterSession) -> dict[Path, int]:
    """Open comments per place (a block, a section); the chapter's own and those
    whose block was deleted count on the chapter (``()``)."""
    counts: dict[Path, int] = {}
    for comment, path in zip(comments_of(session), comment_paths(session), strict=True):
        if comment.get("resolu"):
            continue
        where = () if path is None else path
        counts[where] = counts.get(where, 0) + 1
    return counts


def comment_target(session: ChapterSession, path: Path | None) -> str:
    """« Section 1 › Bloc 3 (paragraphe) », « le chapitre » or « bloc supprimé »."""
    if path is None:
        return S.COMMENT_DELETED_BLOCK
    if not path:
        return S.ROOT_TARGET
    return describe_path(session.schema, session.data, path) or "/".join(map(str, path))


def person(session: ChapterSession, login: Any) -> str:
    """The name the report's team gives a login, else the login."""
    known = session.workspace.report.contributeurs.get(str(login or ""))
    return known.nom if known is not None else str(login or "")


class CommentsModal(ModalScreen[Path | None]):
    """Every comment with its thread, open ones marked ○, resolved ones ✓;
    dismissed with the path of the block to show (Enter), or ``None``."""

    CSS_PATH = DIALOGS_CSS

    BINDINGS = [
        Binding("escape", "close", S.KEY_CLOSE, id="comments.close"),
        Binding("space", "toggle_resolved", S.KEY_RESOLVE, id="comments.resolve"),
        Binding("r", "reply", S.KEY_REPLY, id="comments.reply"),
    ]

    def __init__(self, session: ChapterSession, save: bool) -> None:
        super().__init__(classes="dialog-screen")
        self.session = session
        self.save = save
        self.paths: list[Path | None] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog choice-dialog") as box:
            box.border_title = S.COMMENTS_TITLE
            yield OptionList(id="comments")
            yield Label(S.COMMENTS_HINT, classes="dialog-hint")

    def on_mount(self) -> None:
        self.fill()
        options = self.query_one(OptionList)
        first_open = next(
            (i for i, c in enumerate(self.comments) if not c.get("resolu", False)), None
        )
        if first_open is not None:
            options.highlighted = first_open
        elif self.comments:
            options.highlighted = 0
        options.focus()

    @property
    def comments(self) -> list[Mapping[str, Any]]:
        return comments_of(self.session)

    def fill(self) -> None:
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        comments = self.comments
        self.paths = comment_paths(self.session)
        if not comments:
            options.add_option(Option(S.COMMENTS_EMPTY, id="none", disabled=True))
        for index, (comment, path) in enumerate(zip(comments, self.paths, strict=True)):
            options.add_option(Option(self.thread(comment, path), id=str(index)))
        if highlighted is not None and comments:
            options.highlighted = min(highlighted, len(comments) - 1)

    def thread(self, comment: Any, path: Path | None) -> Text:
        """The comment and its replies, indented below it; every value as typed."""
        text = Text(
            S.COMMENT_LINE.format(
                mark=S.COMMENT_RESOLVED if comment.get("resolu") else S.COMMENT_OPEN,
                date=spoken_moment(comment.get("date")),
                auteur=person(self.session, comment.get("auteur")),
                cible=comment_target(self.session, path),
                texte=comment.get("texte", ""),
            )
        )
        answers = comment.get("reponses")
        for answer in answers if isinstance(answers, list) else []:
            if not isinstance(answer, Mapping):
                continue
            text.append(
                S.COMMENT_REPLY_LINE.format(
                    date=spoken_moment(answer.get("date")),
                    auteur=person(self.session, answer.get("auteur")),
                    texte=answer.get("texte", ""),
                ),
                style="italic",
            )
        return text

    def chosen(self) -> int | None:
        """The index of the highlighted comment, if any."""
        options = self.query_one(OptionList)
        if options.highlighted is None or not self.comments:
            return None
        return options.highlighted

    @on(OptionList.OptionSelected)
    def _jump(self, event: OptionList.OptionSelected) -> None:
        if event.option.id in (None, "none"):
            return
        path = self.paths[int(event.option.id)]
        if path is None:
            self.notify(S.COMMENT_NOWHERE, severity="warning")
            return
        self.dismiss(path)

    def action_toggle_resolved(self) -> None:
        index = self.chosen()
        if index is None:
            return
        resolved = not self.comments[index].get("resolu", False)
        try:
            self.session.set_comment_resolved(index, resolved, save=self.save)
        except AuthoringError as error:
            authoring_app(self).show_error(error)
            return
        self.notify(S.COMMENT_RESOLVED_NOTICE if resolved else S.COMMENT_REOPENED_NOTICE)
        self.fill()

    def action_reply(self) -> None:
        index = self.chosen()
        if index is None:
            return
        comment = self.comments[index]
        title = S.REPLY_PROMPT.format(
            auteur=person(self.session, comment.get("auteur")),
            texte=_shortened(str(comment.get("texte", ""))),
        )
        self.app.push_screen(
            TextPromptModal(title, S.REPLY_PLACEHOLDER), lambda text: self.replied(index, text)
        )

    def replied(self, index: int, text: str | None) -> None:
        if text is None:
            return
        if not text.strip():
            self.notify(S.REPLY_EMPTY, severity="warning")
            return
        try:
            self.session.reply(index, text.strip(), save=self.save)
        except AuthoringError as error:
            authoring_app(self).show_error(error)
            return
        self.notify(S.REPLY_ADDED if self.save else S.REPLY_ADDED_UNSAVED)
        self.fill()

    def action_close(self) -> None:
        self.dismiss(None)


def _shortened(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
