"""The dashboard's table of chapters, one row per chapter in plan order."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from .. import strings as S


class ChapterTable(DataTable[Any]):
    """A ``DataTable`` on which Enter asks to open the chapter under the cursor.

    ``DataTable`` binds Enter itself, hidden from the footer: while the table had
    the focus (nearly always), the footer did not show the dashboard's « Ouvrir »
    key. This binding is the screen's own (same key, action, label and help), so
    the footer shows it whatever has the focus, and is not rebuilt when the
    table takes the focus.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_chapter", S.KEY_OPEN, tooltip=S.TOOLTIP_OPEN),
    ]

    class OpenRequested(Message):
        """Enter on a row: the screen opens the chapter under the cursor."""

    def action_open_chapter(self) -> None:
        self.post_message(self.OpenRequested())
