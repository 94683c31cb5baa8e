"""The table grid: its state (always rectangular, grown by typing and pasting),
and the grid in the editor, driven with the keyboard and saved."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from textual import events
from textual.pilot import Pilot
from textual.widgets import Static

from authoring_tui.core.schema import Schema
from authoring_tui.tui import strings as S
from authoring_tui.tui.forms.spec import edits_as_grid, fields_of, form_fields, variant_title
from authoring_tui.tui.screens.dialogs import ChoiceModal, ConfirmModal
from authoring_tui.tui.screens.editor import EditorScreen
from authoring_tui.tui.widgets.table_grid import (
    CellEdit,
    GridBox,
    TableGrid,
    TableState,
    column_widths,
)

from .helpers import lines_changed, make_app, open_in_editor, wait_for

Path_ = tuple[Any, ...]


def test_a_short_row_read_from_yaml_is_padded() -> None:
    state = TableState.from_block(["A", "B", "C"], [["1"], ["1", "2", "3"]])
    assert state.rows == [["1", "", ""], ["1", "2", "3"]]
    # A number as written, an empty cell (YAML's null) empty.
    state = TableState.from_block(["A", None], [[2019, None]])
    assert (state.columns, state.rows) == (["A", ""], [["2019", ""]])


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


def test_a_cell_is_written_from_the_end_of_its_text() -> None:
    edit = CellEdit(1, 2, "22 617", in_text=True)
    assert (edit.text, edit.cursor) == ("22 617", 6)
    edit.insert("0")
    edit.move(2)
    edit.delete(-1)
    edit.delete(1)
    assert (edit.text, edit.cursor) == ("2617" + "0", 1)
    edit.move(99)
    edit.delete(1)  # nothing after the end
    assert (edit.text, edit.cursor) == ("26170", 5)
    shown = edit.shown(4)  # a narrow line shows the cursor's end of the text
    assert shown.plain == "170 " and shown.spans[0].start == 3


def test_columns_are_narrowed_widest_first_to_fit() -> None:
    state = TableState.from_block(["Nature", "Montant sollicité"], [["Investissement", "338"]])
    assert column_widths(state, 100) == [14, 17]
    assert column_widths(state, 24) == [10, 10]  # 20 columns of text and 4 of padding
    assert column_widths(state, 5) == [4, 4]  # never below 4: the grid scrolls then


# The grid in the editor, driven like a contributor


def current_grid(editor: EditorScreen) -> TableGrid:
    """The grid of the form shown now (an undo makes the form again)."""
    return editor.query_one(GridBox).grid


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


SUBSCRIBERS = ("sections", 1, "blocs", 1)
"""VI/7's table « Évolution du nombre d’abonnés »: 3 rows, 4 columns, flow style."""
VI7 = "vi7-communication-relations-exterieures"


@contextlib.asynccontextmanager
async def vi7_table(
    workspace_dir: Path, user: str = "ycolin", size: tuple[int, int] = (100, 32)
) -> AsyncIterator[tuple[Pilot[Any], EditorScreen, TableGrid]]:
    """The app on VI/7, its table « Évolution du nombre d’abonnés » focused."""
    app = make_app(workspace_dir, user)
    async with app.run_test(size=size) as pilot:
        editor = await open_in_editor(pilot, VI7)
        yield pilot, editor, await focused_grid(pilot, editor, SUBSCRIBERS)


async def test_rows_and_columns_are_added_and_removed_after_a_confirmation(
    workspace_dir: Path,
) -> None:
    async with vi7_table(workspace_dir) as (pilot, editor, grid):
        lines = (*SUBSCRIBERS, "lignes")

        # An empty row and an empty column go without a question.
        await pilot.press("down", "ctrl+n")
        assert editor.session.get(lines)[1] == ["", "", "", ""]
        await pilot.press("ctrl+k")
        assert editor.session.get((*SUBSCRIBERS, "colonnes"))[1] == ""
        assert all(len(row) == 5 for row in editor.session.get(lines))
        await pilot.press("ctrl+e", "ctrl+d")
        assert not isinstance(pilot.app.screen, ConfirmModal)
        assert editor.session.get(lines) == SUBSCRIBERS_ROWS

        # A row with text asks first; « Annuler » has the focus: Entrée keeps it.
        assert grid.cursor == (2, 1)  # where the removed row was: on Twitter
        await pilot.press("up")
        await pilot.press("ctrl+d")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConfirmModal))
        assert "Facebook" in str(pilot.app.screen.query_one("#question", Static).render())
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, EditorScreen))
        assert editor.session.get(lines) == SUBSCRIBERS_ROWS
        await pilot.press("ctrl+d")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConfirmModal))
        await pilot.press("left", "enter")  # « Supprimer »
        await wait_for(pilot, lambda: len(editor.session.get(lines)) == 2)
        assert editor.session.get(lines)[0][0] == "Twitter"

        # So does a column with text; its header names it.
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConfirmModal))
        question = str(pilot.app.screen.query_one("#question", Static).render())
        assert S.GRID_QUOTED.format(text="Janvier 2020") in question
        await pilot.press("left", "enter")
        await wait_for(pilot, lambda: grid.state.width == 3)
        assert editor.session.get((*SUBSCRIBERS, "colonnes")) == [
            "Réseau",
            "Janvier 2021",
            "Évolution sur un an",
        ]
        assert editor.session.get(lines)[0] == ["Twitter", f"8{NNBSP}786", f"+82{NBSP}%"]

        # The header row stays.
        await pilot.press("up", "ctrl+d")
        assert not isinstance(pilot.app.screen, ConfirmModal)
        assert grid.state.height == 3


NNBSP, NBSP = "\u202f", "\u00a0"
"""The sample's figures are typeset: « 22 617 » holds a narrow no-break space."""
SUBSCRIBERS_ROWS = [
    ["Facebook", f"22{NNBSP}617", f"28{NNBSP}829", f"+28{NBSP}%"],
    ["Twitter", f"4{NNBSP}834", f"8{NNBSP}786", f"+82{NBSP}%"],
    ["LinkedIn", "compte ouvert en avril 2020, pendant le confinement", f"14{NNBSP}943", "–"],
]


async def test_typing_adds_to_the_cell_escape_puts_it_back_and_undo_takes_it_away(
    workspace_dir: Path,
) -> None:
    chapter = workspace_dir / "chapters" / f"{VI7}.yaml"
    before = chapter.read_text(encoding="utf-8")
    async with vi7_table(workspace_dir, size=(80, 24)) as (pilot, editor, grid):
        cell = (*SUBSCRIBERS, "lignes", 0, 1)

        # A typed character starts writing at the end of the cell's text.
        await pilot.press("down", "right", "0")
        assert grid.edit is not None and grid.cells.has_focus
        assert (grid.edit.text, grid.edit.cursor) == (f"22{NNBSP}6170", 7)
        assert editor.session.get(cell) == f"22{NNBSP}6170"  # in the chapter at once
        await pilot.press("escape")
        assert not grid.editing and grid.cells.has_focus
        assert editor.session.get(cell) == f"22{NNBSP}617"
        assert isinstance(pilot.app.screen, EditorScreen)  # Échap cancelled; it did not leave

        # Entrée writes in the cell with its whole text; a run of typing is one undo step.
        await pilot.press("enter", "backspace", "8", "enter")
        assert editor.session.get(cell) == f"22{NNBSP}618"
        await pilot.press("up", "up", "z", "enter")  # and a header
        await pilot.press("ctrl+z")
        header = (*SUBSCRIBERS, "colonnes", 1)
        await wait_for(pilot, lambda: editor.session.get(header) == "Janvier 2020")
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: editor.session.get(cell) == f"22{NNBSP}617")
        assert current_grid(editor).cursor == (1, 1)  # the grid shows the cell undone
        await pilot.press("ctrl+y")
        await wait_for(pilot, lambda: editor.session.get(cell) == f"22{NNBSP}618")
        await pilot.press("ctrl+y")
        await wait_for(pilot, lambda: editor.session.get(header) == "Janvier 2020z")
        assert current_grid(editor).cursor == (0, 1)
        await pilot.press("ctrl+z")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not editor.session.dirty)
    after = chapter.read_text(encoding="utf-8")
    row = f'          - ["Facebook", "22{NNBSP}618", "28{NNBSP}829", "+28{NBSP}%"]'
    assert lines_changed(before, after) == [after.splitlines().index(row)]  # that row alone


async def test_tab_goes_cell_to_cell_then_leaves_the_grid(workspace_dir: Path) -> None:
    async with vi7_table(workspace_dir) as (pilot, _, grid):
        await pilot.press("tab", "tab", "tab", "tab")
        assert grid.cursor == (1, 0)
        await pilot.press("shift+tab")
        assert grid.cursor == (0, 3)
        grid.move_to(3, 3)
        await pilot.press("tab")
        assert not grid.cells.has_focus and grid.cursor == (3, 3)
        grid.cells.focus()
        grid.move_to(0, 0)
        await pilot.press("shift+tab")
        assert not grid.cells.has_focus


async def test_a_reader_moves_in_the_grid_but_changes_nothing(workspace_dir: Path) -> None:
    # adurand writes V/2 and reads VI/7.
    async with vi7_table(workspace_dir, "adurand") as (pilot, editor, grid):
        await pilot.press("down", "x", "enter", "ctrl+n", "ctrl+d")
        pilot.app.post_message(events.Paste("a\tb"))
        await pilot.pause()
        assert grid.cursor == (1, 0) and not grid.editing
        assert editor.session.get((*SUBSCRIBERS, "lignes")) == SUBSCRIBERS_ROWS
        assert not editor.session.dirty
        shown = {active.binding.id for active in editor.active_bindings.values()}
        assert not {"grid.add_row", "grid.remove_row"} & shown  # nor in the footer


async def test_an_empty_row_is_an_error_shown_under_the_grid_until_undone(
    workspace_dir: Path,
) -> None:
    async with vi7_table(workspace_dir) as (pilot, editor, _):
        assert not editor.session.issues_under(SUBSCRIBERS)
        await pilot.press("ctrl+n")
        box = editor.query_one(GridBox)
        await wait_for(pilot, lambda: box.has_class("-invalid"))
        shown = str(box.error_label().render())
        assert shown.startswith("Ligne 1") and "la ligne est vide" in shown  # no « Section 2 › »
        assert [issue.path for issue in editor.session.issues_under(SUBSCRIBERS)] == [
            (*SUBSCRIBERS, "lignes", 0)
        ]
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: not editor.session.issues_under(SUBSCRIBERS))


GRID_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "entetes": {"type": "array", "items": {"type": "string"}},
        "donnees": {
            "type": "array",
            "x-widget": "grille",
            "x-largeur": "entetes",
            "items": {"type": "array", "items": {"type": "string"}},
        },
        "sans_entetes": {
            "type": "array",
            "x-widget": "grille",
            "items": {"type": "array", "items": {"type": "string"}},
        },
    },
}
"""Headers ``entetes``, rows ``donnees`` in a grid; ``sans_entetes`` names no headers."""


def test_any_schema_may_ask_for_a_grid_on_a_list_of_rows(tmp_path: Path) -> None:
    """Nothing names « tableau » in the form: a list of rows marked ``grille`` whose
    ``x-largeur`` names its header list is a grid, and that list is not shown apart."""
    schema = Schema.standalone(tmp_path / "grille.schema.json", GRID_SCHEMA)
    specs = form_fields(schema, schema.contents, {}, ())
    assert [spec.path for spec in specs] == [("donnees",), ("sans_entetes",)]
    assert [spec.grid_headers for spec in specs] == ["entetes", None]
    # Elsewhere (the review screen) the header list is a field as any other.
    assert fields_of(schema, schema.contents, {}, ())[0].path == ("entetes",)


@pytest.mark.parametrize(
    ("table", "grid"),
    [
        ({}, True),
        ({"entetes": ["A"], "donnees": [["1", 2, None]]}, True),
        ({"entetes": "A, B", "donnees": [["1"]]}, False),
        ({"entetes": ["A"], "donnees": [["1"], "2"]}, False),
        ({"entetes": ["A"], "donnees": [[["1"]]]}, False),
        ({"entetes": ["A"], "donnees": "1"}, False),
    ],
)
def test_a_table_of_another_shape_is_left_to_the_generic_form(
    tmp_path: Path, table: dict[str, Any], grid: bool
) -> None:
    """The grid never overwrites what it cannot show: headers that are not a list,
    a row that is not a list of texts."""
    schema = Schema.standalone(tmp_path / "grille.schema.json", GRID_SCHEMA)
    rows = fields_of(schema, schema.contents, table, ())[1]
    assert edits_as_grid(rows, table) is grid
    shown = [spec.path for spec in form_fields(schema, schema.contents, table, ())]
    assert shown[-2:] == [("donnees",), ("sans_entetes",)]
    assert (("entetes",) in shown) is not grid


async def test_arrows_after_typing_go_to_the_next_cell_after_entree_they_move_in_the_text(
    workspace_dir: Path,
) -> None:
    async with vi7_table(workspace_dir) as (pilot, editor, grid):
        lines = (*SUBSCRIBERS, "lignes")
        await pilot.press("down", "x", "right")  # typed: → goes on to the next cell
        assert grid.edit is None and grid.cursor == (1, 1)
        assert editor.session.get((*lines, 0, 0)) == "Facebookx"
        await pilot.press("enter", "left", "left", "y", "enter")  # Entrée: → ← in the text
        assert editor.session.get((*lines, 0, 1)) == f"22{NNBSP}6y17"
        assert grid.cursor == (1, 1)


async def test_keys_typed_faster_than_the_screen_are_taken_in_order(workspace_dir: Path) -> None:
    """Keys sent all at once (a fast typist, a script) land where they were typed:
    none is taken by the cell the previous ones left."""
    async with vi7_table(workspace_dir) as (pilot, editor, grid):
        keys = ["down", *"Bus", "tab", *"12", "down", *"7", "escape", "up", "ctrl+n", *"Tram"]
        for key in keys:
            character = key if len(key) == 1 else None
            pilot.app.post_message(events.Key(key, character))
        await wait_for(pilot, lambda: grid.edit is not None and grid.edit.text == "Tram")
        lines = editor.session.get((*SUBSCRIBERS, "lignes"))
        assert lines[0][:2] == ["FacebookBus", f"22{NNBSP}61712"]
        assert lines[1] == ["", "Tram", "", ""]  # the new row, under the cursor's
        assert lines[2][1] == f"4{NNBSP}834"  # « 7 » typed there, then Échap
