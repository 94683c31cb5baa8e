"""F1: the French help (``help.md``) followed by every key, read from the bindings.

The key tables are generated from the screens' ``BINDINGS``, so help, footer and
command palette can never disagree.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown

from ...core.files import Folder
from .. import strings as S
from ..widgets.footer import AppFooter
from .base import DIALOGS_CSS

HELP_FILE = Path(__file__).resolve().parents[1] / "help.md"


def key_name(binding: Binding) -> str:
    if binding.key_display:
        return binding.key_display
    names = {"escape": "Échap", "enter": "Entrée", "slash": "/", "up": "↑", "down": "↓"}
    keys = []
    for key in binding.key.split(","):
        parts = [
            names.get(p, p.upper() if p.startswith("f") and p[1:].isdigit() else p)
            for p in key.split("+")
        ]
        keys.append("+".join(p.capitalize() if p in ("ctrl", "shift", "alt") else p for p in parts))
    return ", ".join(keys)


def keys_markdown() -> str:
    """One table per screen: key, action, what it does."""
    from ..app import AuthoringApp
    from .dashboard import DashboardScreen
    from .editor import EditorScreen
    from .review import ReviewScreen

    sections = []
    for name, owner in (
        ("application", AuthoringApp),
        ("dashboard", DashboardScreen),
        ("editor", EditorScreen),
        ("review", ReviewScreen),
    ):
        rows = [
            S.HELP_KEY_ROW.format(key=key_name(b), description=b.description, tooltip=b.tooltip)
            for b in owner.BINDINGS
            if isinstance(b, Binding) and b.description
        ]
        sections.append(
            S.HELP_KEYS_SCREEN.format(screen=S.SCREEN_NAMES[name])
            + "\n\n"
            + S.HELP_KEY_HEAD
            + "\n"
            + "\n".join(rows)
        )
    return f"## {S.HELP_KEYS_TITLE}\n\n" + "\n\n".join(sections)


class HelpScreen(ModalScreen[None]):
    """The help, over the screen it was opened from."""

    CSS_PATH = DIALOGS_CSS

    BINDINGS = [
        Binding("escape,f1,q", "close", S.KEY_CLOSE, id="help.close"),
        *(
            Binding(key, f"scroll('{how}')", show=False)
            for key, how in (
                ("up", "up"),
                ("down", "down"),
                ("pageup", "page_up"),
                ("pagedown,space", "page_down"),
                ("home", "home"),
                ("end", "end"),
            )
        ),
    ]

    def __init__(self, origin: Screen[Any] | None = None) -> None:
        super().__init__(classes="dialog-screen", id="help")
        self.origin = origin

    def compose(self) -> ComposeResult:
        guide = Folder.at(HELP_FILE.parent).read_bytes(HELP_FILE).decode("utf-8")
        text = guide + "\n\n" + keys_markdown()
        with Vertical(classes="dialog help-dialog") as box:
            box.border_title = S.HELP_TITLE
            yield Markdown(text, id="help-text")
        yield AppFooter()

    def on_mount(self) -> None:
        self.query_one("#help-text").focus()

    def action_scroll(self, how: str) -> None:
        """The guide is read with the keyboard alone: arrows, pages, start, end."""
        text = self.query_one("#help-text", Markdown)
        moves = {
            "up": text.scroll_up,
            "down": text.scroll_down,
            "page_up": text.scroll_page_up,
            "page_down": text.scroll_page_down,
            "home": text.scroll_home,
            "end": text.scroll_end,
        }
        moves[how](animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
