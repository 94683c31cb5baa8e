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


async def test_the_bar_moves_an_item_with_the_keyboard(workspace_dir: Path) -> None:
    app = make_app(workspace_dir, "fgarcia")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v3-infrastructures")
        await editor.show_path(BLOCK)
        first, second = labels(editor)[:2]
        bar_of(editor, (*FIGURES, 0)).focus()
        await pilot.press("right", "enter")  # « Descendre »
        await wait_for(pilot, lambda: labels(editor)[:2] == [second, first])
        assert editor.session.dirty
        # The moved item's bar is focused again: « Monter » puts it back.
        await wait_for(pilot, lambda: isinstance(app.focused, ItemActions))
        await pilot.press("left", "enter")
        await wait_for(pilot, lambda: labels(editor)[:2] == [first, second])


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
