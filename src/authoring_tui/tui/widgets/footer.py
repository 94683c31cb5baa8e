"""The key bar at the bottom of every screen: the screen's keys in French, the
most important first when the terminal is too narrow for all of them.

One widget drawn as one line of text, from Textual's public binding API
(``Screen.active_bindings`` and ``bindings_updated_signal``), rather than
Textual's ``Footer``, which mounts a widget per key and recomposes them on every
focus change, and whose key widget lives in a private module. At 80 columns
the keys that do not fit are left out by priority (``PRIORITY``), so F1, the
screen's main action and its essential keys stay visible; every key is also in
F1 help and in the command palette.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

from .. import strings as S

COMPACT_BELOW = 120
"""Below this width keys are drawn without padding, so more of them fit."""

PRIORITY = (
    "app.help",
    "editor.save",
    "grid.add_row",
    "grid.add_column",
    "grid.remove_row",
    "grid.remove_column",
    "dashboard.open",
    "dashboard.export",
    "dashboard.search",
    "proofread.toggle",
    "proofread.apply",
    "review.comment",
    "review.to_rework",
    "review.validate",
    "editor.add",
    "editor.remove",
    "editor.outline",
    "editor.comments",
    "review.comments",
    "dashboard.review",
    "dashboard.mine",
    "dashboard.all",
    "editor.submit",
    "editor.next_error",
    "editor.errors",
    "editor.undo",
    "editor.redo",
    "editor.move_up",
    "editor.move_down",
)
"""Binding ids, most important first: when the width is short, the keys at the
end of this list (and then those not in it) are left out first."""


@dataclass(frozen=True)
class ShownKey:
    key: str
    display: str
    description: str
    tooltip: str
    enabled: bool
    rank: int


@dataclass(frozen=True)
class KeySpan:
    """Where a key is drawn on the bar, for clicks and tooltips."""

    start: int
    end: int
    key: ShownKey


class AppFooter(Widget):
    """The screen's keys on one line; a click on a key presses it."""

    COMPONENT_CLASSES = {"app-footer--key", "app-footer--description"}

    def __init__(self) -> None:
        super().__init__()
        self.spans: list[KeySpan] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < COMPACT_BELOW, "-compact")
        self.refresh()

    def shown_keys(self) -> list[ShownKey]:
        """The screen's keys to show, one per action, in the screen's order."""
        keys: list[ShownKey] = []
        actions: set[str] = set()
        for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items():
            palette = key == self.app.COMMAND_PALETTE_BINDING
            if not (binding.show or palette) or binding.action in actions:
                continue
            actions.add(binding.action)
            keys.append(self.shown_key(binding, enabled, tooltip, palette))
        return keys

    def shown_key(self, binding: Binding, enabled: bool, tooltip: str, palette: bool) -> ShownKey:
        description = S.KEY_PALETTE if palette else binding.description
        return ShownKey(
            key=binding.key,
            display=self.app.get_key_display(binding),
            description=S.TEXTUAL_KEYS.get(description, description),
            tooltip=tooltip or binding.tooltip,
            enabled=enabled,
            rank=PRIORITY.index(binding.id) if binding.id in PRIORITY else len(PRIORITY),
        )

    def fitting(self, keys: list[ShownKey], width: int, padding: int) -> list[ShownKey]:
        """The keys that fit in ``width``, taken by priority until one does not fit
        (a short key further down the list is not slipped in: « Rétablir » without
        « Annuler » would puzzle), shown in the screen's order."""
        chosen: set[int] = set()
        used = 0
        for index in sorted(range(len(keys)), key=lambda i: (keys[i].rank, i)):
            used += self.label_width(keys[index], padding)
            if used > width:
                break
            chosen.add(index)
        return [key for index, key in enumerate(keys) if index in chosen]

    @staticmethod
    def label_width(key: ShownKey, padding: int) -> int:
        return len(key.display) + len(key.description) + 2 + padding

    def render(self) -> Text:
        padding = 0 if self.has_class("-compact") else 1
        keys = self.fitting(self.shown_keys(), self.size.width, padding)
        key_style = self.get_component_rich_style("app-footer--key")
        description_style = self.get_component_rich_style("app-footer--description")
        text = Text(no_wrap=True, overflow="crop")
        self.spans = []
        for key in keys:
            start = len(text)
            shade = Style() if key.enabled else Style(dim=True)
            pad = " " * padding
            text.append(f"{pad}{key.display}{pad}", key_style + shade)
            text.append(f"{'' if padding else ' '}{key.description} ", description_style + shade)
            self.spans.append(KeySpan(start, len(text), key))
        return text

    def key_at(self, x: int) -> ShownKey | None:
        return next((span.key for span in self.spans if span.start <= x < span.end), None)

    def on_click(self, event: events.Click) -> None:
        key = self.key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self.key_at(event.x)
        self.tooltip = key.tooltip if key and key.tooltip else None
