"""« Monter · Descendre · Supprimer » of a list item or an outline node, as one widget.

Three buttons in a row are four widgets, and every widget of a form costs its
styling, layout and drawing when the form opens: with two items, the actions
were a third of a chapter's first form. This bar is one widget, and no Tab
stop: Tab goes from field to field, and what a user typed on the bar was lost.
A click runs the action under the pointer; from the keyboard, the editor's
Ctrl+↑ / Ctrl+↓ and F7 act on the item holding the cursor (or the outline's
node). It can still be focused by a program (``focus()``): ← and → then choose
the action, Entrée or Espace runs it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from .. import strings as S
from ..forms.spec import Path

ACTIONS = (("up", S.MOVE_UP), ("down", S.MOVE_DOWN), ("remove", S.REMOVE_ITEM))
GAP = 1


class ItemActions(Widget, can_focus=False):
    """The actions on the item at ``path``; ``prefix`` is ``"node-"`` for an outline node."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "cursor(-1)", show=False),
        Binding("right", "cursor(1)", show=False),
        Binding("enter,space", "run", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "item-actions--action",
        "item-actions--danger",
        "item-actions--cursor",
    }

    cursor = reactive(0)

    class Chosen(Message):
        """An action was run: ``list_action`` is ``up``, ``down`` or ``remove`` (prefixed)."""

        def __init__(self, list_action: str, path: Path) -> None:
            super().__init__()
            self.list_action = list_action
            self.path = path

    def __init__(self, path: Path, prefix: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.path = path
        self.prefix = prefix

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        for index, (name, label) in enumerate(ACTIONS):
            component = "item-actions--danger" if name == "remove" else "item-actions--action"
            style = self.get_component_rich_style(component)
            if self.has_focus and index == self.cursor:
                style += self.get_component_rich_style("item-actions--cursor")
            if index:
                text.append(" " * GAP)
            text.append(f" {label} ", style=style)
        return text

    def action_at(self, x: int) -> int | None:
        """The index of the action drawn at column ``x``, if any."""
        start = 0
        for index, (_, label) in enumerate(ACTIONS):
            end = start + len(label) + 2
            if start <= x < end:
                return index
            start = end + GAP
        return None

    def action_cursor(self, delta: int) -> None:
        self.cursor = (self.cursor + delta) % len(ACTIONS)

    def action_run(self) -> None:
        name = ACTIONS[self.cursor][0]
        self.post_message(self.Chosen(self.prefix + name, self.path))

    def on_click(self, event: events.Click) -> None:
        index = self.action_at(event.x - self.gutter.left)
        if index is not None:
            event.stop()
            self.cursor = index
            self.action_run()

    def on_focus(self) -> None:
        self.refresh()  # the cursor is drawn only while focused

    def on_blur(self) -> None:
        self.refresh()
