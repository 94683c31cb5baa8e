"""The key bar: compact below 120 columns, from its first frame and after a resize."""

from __future__ import annotations

from pathlib import Path

from textual.widgets._footer import FooterKey

from authoring_tui.tui import strings as S
from authoring_tui.tui.widgets.footer import AppFooter

from .helpers import dashboard_loaded, make_app


def compact_keys(app: object) -> dict[str, bool]:
    """Each shown key's description → whether it is drawn compact."""
    footer = app.screen.query_one(AppFooter)  # type: ignore[attr-defined]
    keys = footer.query(FooterKey)
    assert keys, "the footer shows keys"
    return {k.description: k.compact and k.has_class("-compact") for k in keys}


async def test_the_footer_is_compact_in_a_narrow_terminal_only(workspace_dir: Path) -> None:
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(80, 24)) as pilot:
        await dashboard_loaded(pilot)
        assert all(compact_keys(app).values())

        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        keys = compact_keys(app)
        palette = keys.pop(S.KEY_PALETTE)  # Textual draws the palette's key compact always
        assert palette and not any(keys.values())


async def test_a_wide_terminal_has_a_wide_footer_from_the_start(workspace_dir: Path) -> None:
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(120, 30)) as pilot:
        await dashboard_loaded(pilot)
        keys = compact_keys(app)
        assert keys.pop(S.KEY_PALETTE) and not any(keys.values())


async def test_the_dashboard_footer_shows_open_while_the_table_has_the_focus(
    workspace_dir: Path,
) -> None:
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(100, 32)) as pilot:
        await dashboard_loaded(pilot)
        assert app.focused is app.screen.query_one("#chapters")
        keys = compact_keys(app)
        assert S.KEY_OPEN in keys and S.KEY_EXPORT in keys
        await pilot.press("enter")  # the key the footer shows opens the chapter
        await pilot.pause(0.5)
        assert app.screen.id == "editor"
