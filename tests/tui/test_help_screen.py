"""F1 help reads to its last section with the keyboard alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Markdown

from authoring_tui.tui.screens.help import HelpScreen

from .helpers import dashboard_loaded, make_app, wait_for


@pytest.mark.parametrize("size", [(80, 24), (100, 32)])
async def test_help_scrolls_with_the_keyboard_to_its_last_section(
    workspace_dir: Path, size: tuple[int, int]
) -> None:
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=size) as pilot:
        await dashboard_loaded(pilot)
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = app.screen.query_one("#help-text", Markdown)
        await wait_for(pilot, lambda: text.max_scroll_y > 0)
        assert text.scroll_y == 0
        await pilot.press("down", "down")
        await wait_for(pilot, lambda: text.scroll_y == 2)
        await pilot.press("pagedown")
        await wait_for(pilot, lambda: text.scroll_y > 2 + size[1] // 2)
        await pilot.press("end")
        await wait_for(pilot, lambda: text.scroll_y == text.max_scroll_y)
        await pilot.press("home")
        await wait_for(pilot, lambda: text.scroll_y == 0)
