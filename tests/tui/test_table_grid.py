"""The table grid's state: always rectangular, grown by typing and pasting."""

from __future__ import annotations

from authoring_tui.tui.widgets.table_grid import TableState


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
