"""The key bar at the bottom of every screen, rebuilt only when its keys change,
in French, and compact below 120 columns so that more keys fit.

Textual's ``Footer`` recomposes (removes and mounts a widget per key) each time
the screen's bindings *may* have changed: every focus change. On opening a
screen that happens several times for the same keys, and each recompose costs
the styling and layout of a dozen widgets. This footer compares what it would
show with what it shows, and rebuilds only when they differ.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from .. import strings as S

COMPACT_BELOW = 120


class AppFooter(Footer):
    """A ``Footer`` that skips recomposing when the shown keys are unchanged."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._shown: tuple[Any, ...] | None = None

    def _keys_to_show(self) -> tuple[Any, ...]:
        """What ``Footer.compose`` reads: each shown binding, enabled or not, and its help."""
        shown = [
            (key, binding, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == self.app.COMMAND_PALETTE_BINDING
        ]
        return tuple(
            (key, b.key_display, b.action, b.description, b.group, enabled, tooltip)
            for key, b, enabled, tooltip in shown
        )

    def compose(self) -> ComposeResult:
        # Compact or not from the terminal's width now, and each key made so: a
        # key is born compact and bound to the footer's setting, so otherwise it
        # is restyled once or twice on its own when mounted (each recompose).
        compact = self.app.size.width < COMPACT_BELOW
        self.set_reactive(Footer.compact, compact)
        self.set_class(compact, "-compact", update=False)
        if not self._bindings_ready:
            # Textual's footer shows no key until the screen first reports its
            # bindings, then recomposes: two more layouts of a new screen. The
            # screen's bindings are known now; the focus may add keys later.
            self.set_reactive(Footer._bindings_ready, True)
            self._shown = self._keys_to_show()
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # Textual's own keys (a list's « Dismiss menu ») in French
                widget.description = S.TEXTUAL_KEYS.get(widget.description, widget.description)
                # The command palette's key is always compact (Textual binds the others).
                key_compact = compact or widget.has_class("-command-palette")
                widget.set_reactive(FooterKey.compact, key_compact)
                widget.set_class(key_compact, "-compact", update=False)
            yield widget

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW

    async def recompose(self) -> None:
        if not self.is_attached:
            return
        keys = self._keys_to_show() if self._bindings_ready else None
        if keys is not None and keys == self._shown:
            return
        self._shown = keys
        await super().recompose()
