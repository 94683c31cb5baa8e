"""« Monter · Descendre · Supprimer » of a list item: one bar, by keyboard and by mouse."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from authoring_tui.tui.screens.dialogs import ConfirmModal
from authoring_tui.tui.screens.editor import EditorScreen
from authoring_tui.tui.widgets.item_actions import ItemActions

from .helpers import make_app, open_in_editor, wait_for

BLOCK = ("sections", 0, "blocs", 9)  # V/3's key figures: seven « chiffres »
FIGURES = (*BLOCK, "chiffres")


def bar_of(editor: EditorScreen, path: tuple[Any, ...]) -> ItemActions:
    return next(bar for bar in editor.query(ItemActions) if bar.path == path)


def labels(editor: EditorScreen) -> list[str]:
    return [figure["libelle"] for figure in editor.session.get(FIGURES)]


async def test_the_keys_move_and_remove_the_item_holding_the_cursor(workspace_dir: Path) -> None:
    """Ctrl+↓ / Ctrl+↑ move the key figure whose field has the focus (the bar is
    no Tab stop); F7 removes it, after asking."""
    app = make_app(workspace_dir, "fgarcia")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v3-infrastructures")
        form = await editor.show_path(BLOCK)
        first, second = labels(editor)[:2]
        target = form.box_for((*FIGURES, 0, "libelle")).focus_target()
        assert target is not None
        target.focus()
        await pilot.press("ctrl+down")
        await wait_for(pilot, lambda: labels(editor)[:2] == [second, first])
        assert editor.session.dirty
        await pilot.pause()
        await pilot.press("ctrl+up")  # the moved figure's field kept the focus
        await wait_for(pilot, lambda: labels(editor)[:2] == [first, second])
        await pilot.press("f7")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.click("#yes")
        await wait_for(pilot, lambda: labels(editor)[0] == second)


async def test_tab_goes_from_field_to_field_never_onto_an_item_s_bar(workspace_dir: Path) -> None:
    app = make_app(workspace_dir, "fgarcia")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v3-infrastructures")
        form = await editor.show_path(BLOCK)
        target = form.box_for((*FIGURES, 0, "valeur")).focus_target()
        assert target is not None
        target.focus()
        for _ in range(12):
            await pilot.press("tab")
            assert not isinstance(app.focused, ItemActions)


async def test_a_click_on_remove_asks_then_removes_the_item(workspace_dir: Path) -> None:
    app = make_app(workspace_dir, "fgarcia")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v3-infrastructures")
        await editor.show_path(BLOCK)
        before = labels(editor)
        bar = bar_of(editor, (*FIGURES, 1))
        bar.scroll_visible(animate=False)
        await pilot.pause()
        remove_at = next(x for x in range(bar.size.width) if bar.action_at(x) == 2)
        await pilot.click(bar, offset=(bar.gutter.left + remove_at, 0))
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.click("#yes")
        await wait_for(pilot, lambda: labels(editor) == before[:1] + before[2:])
        assert app.screen is editor
