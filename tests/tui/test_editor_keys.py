"""Keys that do what they say: focus keeps the text, Enter opens without folding,
moving a block keeps the outline's focus, ←/→ go between dialog buttons."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, TextArea

from authoring_tui.tui.screens.dialogs import ChoiceModal, ConfirmModal
from authoring_tui.tui.widgets.fields import FieldInput
from authoring_tui.tui.widgets.outline_tree import OutlineTree

from .helpers import make_app, open_in_editor, wait_for

SECTION = ("sections", 0)
FIRST_BLOCK = ("sections", 0, "blocs", 0)


async def test_focusing_a_filled_input_keeps_its_text_with_the_cursor_at_the_end(
    workspace_dir: Path,
) -> None:
    app = make_app(workspace_dir, "fgarcia")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v3-infrastructures")
        await editor.show_path(SECTION)
        field = next(f for f in editor.query(FieldInput) if f.value and not f.disabled)
        before = field.value
        field.focus()
        await pilot.pause()
        assert field.selection.is_empty
        assert field.cursor_position == len(before)
        await pilot.press("x")
        assert field.value == before + "x"


async def test_enter_on_a_section_opens_it_without_folding_it(workspace_dir: Path) -> None:
    app = make_app(workspace_dir, "fgarcia")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v3-infrastructures")
        tree = editor.query_one(OutlineTree)
        node = tree.node_for(SECTION)
        assert node is not None and node.is_expanded and node.children
        tree.focus()
        tree.move_cursor(node)
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: editor.current is not None and editor.current.path == SECTION)
        assert node.is_expanded
        tree.focus()
        await pilot.press("space")  # folding is Space's job
        await wait_for(pilot, lambda: not node.is_expanded)


async def test_moving_a_block_from_the_outline_keeps_the_focus_there(
    workspace_dir: Path,
) -> None:
    app = make_app(workspace_dir, "fgarcia")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v3-infrastructures")
        first = editor.session.get(FIRST_BLOCK)
        tree = editor.query_one(OutlineTree)
        await editor.show_path(FIRST_BLOCK)
        tree.focus()
        await pilot.pause()
        await pilot.press("ctrl+down")
        await wait_for(pilot, lambda: editor.session.get(("sections", 0, "blocs", 1)) == first)
        await pilot.pause()
        assert tree.has_focus
        await pilot.press("ctrl+down")  # the next key acts on the outline again
        await wait_for(pilot, lambda: editor.session.get(("sections", 0, "blocs", 2)) == first)


async def test_arrows_move_between_the_buttons_of_a_confirmation(workspace_dir: Path) -> None:
    app = make_app(workspace_dir, "fgarcia")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v3-infrastructures")
        await editor.show_path(FIRST_BLOCK)
        editor.query_one(OutlineTree).focus()
        await pilot.press("f7")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))

        def focused() -> str | None:
            return app.focused.id if isinstance(app.focused, Button) else None

        assert focused() == "no"  # « Annuler » first: deleting is never the default
        await pilot.press("left")
        assert focused() == "yes"
        await pilot.press("right")
        assert focused() == "no"
        await pilot.press("right")  # round the end
        assert focused() == "yes"
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ConfirmModal))
        assert editor.session.get(FIRST_BLOCK) is not None


async def test_a_new_block_s_first_field_is_focused_empty(workspace_dir: Path) -> None:
    """F6, Entrée (« Bloc dans … »), Entrée (« Paragraphe »): the Enter that chose the
    type writes no blank line into the new paragraph."""
    app = make_app(workspace_dir, "fgarcia")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v3-infrastructures")
        count = len(editor.session.data["sections"][0]["blocs"])
        await editor.show_path(SECTION)
        await pilot.press("f6")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceModal))
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: isinstance(app.screen, ChoiceModal) and "type" in app.screen.title_text
        )
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(editor.session.data["sections"][0]["blocs"]) > count)
        await pilot.pause(0.3)
        new = editor.session.data["sections"][0]["blocs"][count]
        assert new["type"] == "paragraphe"
        assert new.get("texte", "") == ""
        assert isinstance(app.focused, TextArea) and app.focused.text == ""
