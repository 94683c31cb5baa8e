"""The machine's reference for start-up: an empty Textual app, timed as the real one is.

The issue's targets were set where an empty Textual app starts in about 0.35 s; the
benchmark prints this figure beside the app's so a slow host can be told apart from
a slow app. It prints when (wall clock) its first frame was drawn, then quits.
"""

from __future__ import annotations

import time

from textual.app import App, ComposeResult
from textual.widgets import Static


class EmptyApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("")

    def on_mount(self) -> None:
        self.call_after_refresh(self.drawn)

    def drawn(self) -> None:
        self.drawn_at = time.time()
        self.exit()


if __name__ == "__main__":
    app = EmptyApp()
    app.run(headless=True)
    print(f"drawn={app.drawn_at:.6f}")
