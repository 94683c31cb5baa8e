"""The key bar: the screen's main keys at 80 columns, compact below 120, clickable."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from authoring_tui.tui import strings as S
from authoring_tui.tui.screens.help import HelpScreen
from authoring_tui.tui.widgets.footer import AppFooter

from .helpers import dashboard_loaded, make_app, open_in_editor, wait_for


def footer_of(app: App[object]) -> AppFooter:
    return app.screen.query_one(AppFooter)


def shown(app: App[object]) -> list[str]:
    """The descriptions of the keys drawn on the bar, in order."""
    footer = footer_of(app)
    footer.render()  # the spans are those of the last drawing at the bar's width
    return [span.key.description for span in footer.spans]


async def test_the_dashboard_shows_help_and_export_at_80_columns(workspace_dir: Path) -> None:
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(80, 24)) as pilot:
        await dashboard_loaded(pilot)
        keys = shown(app)
        assert {S.KEY_HELP, S.KEY_EXPORT, S.KEY_OPEN, S.KEY_REVIEW} <= set(keys), keys
        bar = str(footer_of(app).render())
        assert len(bar) <= 80, bar
        assert footer_of(app).has_class("-compact")


async def test_a_wide_terminal_shows_every_key_with_padding(workspace_dir: Path) -> None:
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(160, 40)) as pilot:
        await dashboard_loaded(pilot)
        keys = shown(app)
        assert not footer_of(app).has_class("-compact")
        assert {S.KEY_QUIT, S.KEY_PALETTE, S.KEY_BY_DGA, S.KEY_BY_STATUS} <= set(keys), keys
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        narrow = shown(app)
        assert footer_of(app).has_class("-compact")
        assert S.KEY_HELP in narrow and len(narrow) < len(keys)


async def test_the_editor_keeps_its_main_keys_at_80_columns(workspace_dir: Path) -> None:
    app = make_app(workspace_dir, "fgarcia")
    async with app.run_test(size=(80, 24)) as pilot:
        await dashboard_loaded(pilot)
        await open_in_editor(pilot, "v3-infrastructures")
        keys = shown(app)
        expected = {S.KEY_SAVE, S.KEY_HELP, S.KEY_ADD, S.KEY_REMOVE, S.KEY_OUTLINE}
        assert expected <= set(keys), keys


async def test_clicking_a_key_presses_it(workspace_dir: Path) -> None:
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(100, 32)) as pilot:
        await dashboard_loaded(pilot)
        footer = footer_of(app)
        shown(app)
        help_span = next(s for s in footer.spans if s.key.description == S.KEY_HELP)
        await pilot.click(AppFooter, offset=(help_span.start + 1, 0))
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))


async def test_the_dashboard_footer_shows_open_while_the_table_has_the_focus(
    workspace_dir: Path,
) -> None:
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(100, 32)) as pilot:
        await dashboard_loaded(pilot)
        assert app.focused is app.screen.query_one("#chapters")
        keys = shown(app)
        assert S.KEY_OPEN in keys and S.KEY_EXPORT in keys
        await pilot.press("enter")  # the key the footer shows opens the chapter
        await pilot.pause(0.5)
        assert app.screen.id == "editor"
