"""« Historique » (F9 in the editor): the earlier versions of a chapter, each with
who saved it, when and its size, and what differs from the chapter as it is now.

The versions are the copies each save keeps under ``.historique/<id>/``
(``core/history.py``); the differences are named as validation names fields
(« Section 2 › Bloc 1 (paragraphe) › Texte », ``core/diff.py``). Choosing a
version to restore is confirmed here and done by the editor, as an undoable
change saved like any other (``EditorScreen.restore_version``); a user who may
not edit the chapter sees the versions and cannot restore them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...core.dates import spoken_moment
from ...core.diff import Difference, differences
from ...core.errors import AuthoringError
from ...core.history import Version
from ...core.patch import as_plain as plain
from ...core.roles import identify
from ...core.schema import enum_title
from ...core.validation import Path
from .. import strings as S
from ..forms.spec import node_at
from ..session import ChapterSession
from .base import DIALOGS_CSS, STYLES
from .dialogs import ConfirmModal

SHOWN_CHARACTERS = 60
"""A value longer than this is cut (« … ») in the list of differences."""
SHOWN_DIFFERENCES = 40
"""Differences listed for one version; the others are counted."""


def size_spoken_moment(size: int) -> str:
    return S.VERSION_SIZE.format(size=f"{size / 1024:.1f}".replace(".", ","))


CONTEXT_CHARACTERS = 20
"""Characters shown before the first one that differs, in a long text."""


def shown_pair(before: Any, after: Any) -> tuple[str, str]:
    """Both values as short lines, each from a little before where they start to
    differ (a long paragraph changed at its end shows its end)."""
    old, new = _line(before), _line(after)
    same = 0
    if old is not None and new is not None:
        while same < min(len(old), len(new)) and old[same] == new[same]:
            same += 1
    start = max(0, same - CONTEXT_CHARACTERS)
    return _quoted(old, start), _quoted(new, start)


def _line(value: Any) -> str | None:
    """The words of a value, a whole block's included, on one line."""
    return None if value is None else " · ".join(_words(value))


def _quoted(text: str | None, start: int) -> str:
    if text is None:
        return S.VERSION_ABSENT
    shown = ("…" if start else "") + text[start:]
    if len(shown) > SHOWN_CHARACTERS:
        shown = shown[: SHOWN_CHARACTERS - 1].rstrip() + "…"
    return f"« {shown} »"


def _words(value: Any) -> list[str]:
    if isinstance(value, Mapping):
        return [word for sub in value.values() for word in _words(sub)]
    if isinstance(value, list):
        return [word for sub in value for word in _words(sub)]
    return [" ".join(str(value).split())]


class HistoryScreen(ModalScreen[int | None]):
    """The versions, newest first; the highlighted one's differences below.
    Dismisses with the number of the version to restore (confirmed), or ``None``."""

    CSS_PATH = [DIALOGS_CSS, STYLES / "history.tcss"]

    BINDINGS = [Binding("escape", "close", S.KEY_CLOSE, id="versions.close")]

    def __init__(self, session: ChapterSession) -> None:
        super().__init__(classes="dialog-screen")
        self.session = session
        self.versions: list[Version] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog history-dialog") as box:
            box.border_title = Text(S.VERSIONS_TITLE.format(title=self.session.title()))
            yield OptionList(id="versions")
            with VerticalScroll(id="version-diff"):
                yield Static("", id="version-diff-text", markup=False)
            hint = S.VERSIONS_HINT if self.session.editable else S.VERSIONS_HINT_READ_ONLY
            yield Label(hint, classes="dialog-hint", markup=False)
            with Horizontal(classes="dialog-buttons"):
                if self.session.editable:
                    yield Button(S.RESTORE, id="restore", variant="warning")
                yield Button(S.KEY_CLOSE, id="close")

    def on_mount(self) -> None:
        try:
            self.versions = self.session.workspace.store.history.versions(self.session.id)
        except AuthoringError as error:
            self.show_text(S.VERSION_UNREADABLE.format(error=error))
        options = self.query_one("#versions", OptionList)
        options.add_options([Option(self.line(v), id=str(v.number)) for v in self.versions])
        if not self.versions:
            self.show_text(S.VERSIONS_EMPTY)
            self.query("#restore").set(disabled=True)
        else:
            options.highlighted = 0
        options.focus()

    def line(self, version: Version) -> Text:
        author = S.VERSION_AUTHOR_UNKNOWN
        if version.author:
            author = identify(self.session.workspace.report, version.author).label
        return Text(
            S.VERSION_LINE.format(
                number=version.number,
                moment=spoken_moment(version.when),
                size=size_spoken_moment(version.size),
                author=author,
            )
        )

    # The differences of the highlighted version

    @on(OptionList.OptionHighlighted, "#versions")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_differences(self.chosen(event.option))

    def chosen(self, option: Option) -> Version:
        return self.versions[int(option.id or 1) - 1]

    def show_differences(self, version: Version) -> None:
        try:
            old = self.session.workspace.store.history.load(version)
        except AuthoringError as error:
            self.show_text(S.VERSION_UNREADABLE.format(error=error))
            return
        current = plain(self.session.data)
        found = [
            dataclasses.replace(
                difference,
                mine=self.titled(old, difference.path, difference.mine),
                theirs=self.titled(current, difference.path, difference.theirs),
            )
            for difference in differences(self.session.schema, old, current)
        ]
        self.show_text(describe(found, version.number))

    def titled(self, data: Any, path: Path, value: Any) -> Any:
        """A coded value by its French title (« À relire », not « a_relire »)."""
        if not isinstance(value, str):
            return value
        return enum_title(node_at(self.session.schema, data, path), value)

    def show_text(self, text: str) -> None:
        self.query_one("#version-diff-text", Static).update(Text(text))
        self.query_one("#version-diff", VerticalScroll).scroll_home(animate=False)

    # Restoring (the editor does it, once confirmed)

    @on(OptionList.OptionSelected, "#versions")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.ask_restore(self.chosen(event.option))

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        highlighted = self.query_one("#versions", OptionList).highlighted
        if event.button.id == "restore" and highlighted is not None and self.versions:
            self.ask_restore(self.versions[highlighted])
        elif event.button.id == "close":
            self.dismiss(None)

    def ask_restore(self, version: Version) -> None:
        if not self.session.editable:
            self.notify(S.READ_ONLY_NOTICE, severity="warning")
            return
        question = S.RESTORE_QUESTION.format(
            number=version.number, moment=spoken_moment(version.when)
        )
        if self.session.dirty:
            question += S.RESTORE_UNSAVED
        answers = [("yes", S.RESTORE, "warning"), ("no", S.CANCEL, "default")]

        def answered(answer: str | None) -> None:
            if answer == "yes":
                self.dismiss(version.number)

        self.app.push_screen(ConfirmModal(S.RESTORE_TITLE, question, answers, focus="no"), answered)

    def action_close(self) -> None:
        self.dismiss(None)


def describe(found: list[Difference], number: int) -> str:
    """The differences, one field a paragraph: its French path, then both values."""
    if not found:
        return S.VERSION_SAME
    parts = [S.VERSION_DIFF_HEAD.format(number=number, count=len(found))]
    for difference in found[:SHOWN_DIFFERENCES]:
        before, after = shown_pair(difference.mine, difference.theirs)
        field = S.VERSION_DIFF_FIELD.format(
            chemin=difference.chemin, number=number, before=before, after=after
        )
        parts.append(field)
    if len(found) > SHOWN_DIFFERENCES:
        parts.append(S.VERSION_DIFF_MORE.format(count=len(found) - SHOWN_DIFFERENCES))
    return "\n\n".join(parts)
