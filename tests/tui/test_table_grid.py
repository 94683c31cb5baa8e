"""The table grid: its state (always rectangular, grown by typing and pasting),
and the grid in the editor, driven with the keyboard and saved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from textual import events
from textual.pilot import Pilot

from authoring_tui.tui.forms.spec import variant_title
from authoring_tui.tui.screens.dialogs import ChoiceModal
from authoring_tui.tui.screens.editor import EditorScreen
from authoring_tui.tui.widgets.table_grid import GridBox, TableGrid, TableState

from .helpers import make_app, open_in_editor, wait_for

Path_ = tuple[Any, ...]


def test_a_short_row_read_from_yaml_is_padded() -> None:
    state = TableState.from_block(["A", "B", "C"], [["1"], ["1", "2", "3"]])
    assert state.rows == [["1", "", ""], ["1", "2", "3"]]


def test_pasting_tab_separated_rows_grows_the_table() -> None:
    state = TableState.from_block(["Année", "Stagiaires"], [["2019", "16"]])
    state.paste(1, 1, "16\tréussi\n13\n12\ten cours\tnote\r\n")
    assert state.columns == ["Année", "Stagiaires", "", ""]
    assert state.rows == [
        ["2019", "16", "réussi", ""],
        ["", "13", "", ""],
        ["", "12", "en cours", "note"],
    ]


def test_adding_and_removing_rows_and_columns_keeps_one_cell_per_column() -> None:
    state = TableState.from_block(["A", "B"], [["1", "2"]])
    state.add_column(0)
    state.add_row(1)
    assert state.columns == ["A", "", "B"]
    assert state.rows == [["1", "", "2"], ["", "", ""]]
    assert state.row_is_empty(2) and state.column_is_empty(1)
    assert not state.row_is_empty(1) and not state.column_is_empty(0)
    state.remove_column(1)
    state.remove_row(2)
    state.remove_row(0)
    assert (state.columns, state.rows) == (["A", "B"], [["1", "2"]])


# The grid in the editor, driven like a contributor


def chapter_data(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


async def focused_grid(pilot: Pilot[Any], editor: EditorScreen, block: Path_) -> TableGrid:
    """Show the block's form and put the focus on its grid, as Tab would."""
    form = await editor.show_path(block)
    box = form.query_one(GridBox)
    target = box.focus_target()
    assert target is not None
    editor.set_focus(target)
    await pilot.pause()
    return box.grid


async def type_cell(pilot: Pilot[Any], text: str) -> None:
    """Type a cell's text on the grid (the first key starts writing), then Entrée."""
    await pilot.press(*[KEY_NAMES.get(character, character) for character in text], "enter")


KEY_NAMES = {" ": "space", "%": "percent_sign", "-": "minus", "+": "plus"}


async def add_table_block(pilot: Pilot[Any], editor: EditorScreen) -> Path_:
    """F6 on the first section, « Bloc », type « Tableau »: the new block's path."""
    app = pilot.app
    blocks = editor.session.get(("sections", 0, "blocs"))
    count = len(blocks)
    await editor.show_path(("sections", 0))
    await pilot.press("f6")
    await wait_for(pilot, lambda: isinstance(app.screen, ChoiceModal))
    await pilot.press("enter")
    await wait_for(
        pilot, lambda: isinstance(app.screen, ChoiceModal) and "type" in app.screen.title_text
    )
    titles = [variant_title(editor.session.schema, v) for v in variants_of_blocks(editor)]
    await pilot.press(*["down"] * titles.index("Tableau"), "enter")
    await wait_for(
        pilot,
        lambda: (
            isinstance(app.screen, EditorScreen)
            and len(editor.session.get(("sections", 0, "blocs"))) == count + 1
        ),
    )
    await pilot.pause()
    return ("sections", 0, "blocs", count)


def variants_of_blocks(editor: EditorScreen) -> list[Any]:
    schema = editor.session.schema
    section = schema.items(schema.properties(schema.contents)["sections"])
    return schema.variants(schema.items(schema.properties(section)["blocs"]))


async def test_a_table_filled_with_arrows_typing_and_a_paste_is_saved_as_typed(
    workspace_dir: Path,
) -> None:
    """The issue's « Done when »: a 3 × 4 table filled in the grid at 80×24 with
    arrows and typing, two rows pasted from a spreadsheet, saved."""
    chapter = workspace_dir / "chapters" / "v2-mobilite.yaml"
    app = make_app(workspace_dir, "adurand")
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_in_editor(pilot, "v2-mobilite")
        block = await add_table_block(pilot, editor)
        grid = await focused_grid(pilot, editor, block)
        await pilot.press("ctrl+k", "ctrl+k", "ctrl+k", "left", "left", "left")
        for header in ("Mode", "2019", "2020", "Évolution"):
            await type_cell(pilot, header)
            await pilot.press("right")
        await pilot.press("down", "left", "left", "left")
        for row, cells in enumerate(
            [("Bus", "12", "10", "-17 %"), ("Tram", "5", "6", "+20 %")], start=1
        ):
            for cell in cells:
                await type_cell(pilot, cell)
                await pilot.press("right")
            await pilot.press("ctrl+n", "left", "left", "left")
            assert grid.cursor == (row + 1, 0)
        await type_cell(pilot, "Métro")
        await pilot.press("tab")
        await type_cell(pilot, "20")
        await pilot.press("tab")
        await type_cell(pilot, "18")
        await pilot.press("down")  # row 3 is the last one: ↓ stays on it
        assert grid.cursor == (3, 2)
        await pilot.press("ctrl+n", "left", "left")
        app.post_message(events.Paste("Vélo\t3\t4\t+33 %\r\nMarche\t\t1\n"))
        await pilot.pause()
        await wait_for(pilot, lambda: grid.state.height == 6)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not editor.session.dirty)
    table = chapter_data(chapter)["sections"][0]["blocs"][block[-1]]
    assert table["colonnes"] == ["Mode", "2019", "2020", "Évolution"]
    assert table["lignes"] == [
        ["Bus", "12", "10", "-17 %"],
        ["Tram", "5", "6", "+20 %"],
        ["Métro", "20", "18", ""],
        ["Vélo", "3", "4", "+33 %"],
        ["Marche", "", "1", ""],
    ]
    # Rows are written as the sample writes them: one flow sequence per row.
    assert '      - ["Bus", "12", "10", "-17 %"]' in chapter.read_text(encoding="utf-8")
