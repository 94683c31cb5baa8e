"""The grid editor of a table (a schema node marked ``"x-widget": "grille"``).

This first part is the grid's state: the column headers and the rows, kept
rectangular whatever the user does (every row has one cell per column), so the
widget that draws it and the session that saves it never see a ragged table.
Grid coordinates put the headers on row 0 and the table's rows below, as a
spreadsheet user sees them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

HEADER_ROW = 0


@dataclass
class TableState:
    """``colonnes`` and ``lignes`` of a table, always one cell per column."""

    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)

    @classmethod
    def from_block(cls, columns: object, rows: object) -> TableState:
        """The grid of a block as read from YAML, short rows padded with ""."""
        heads = [str(cell) for cell in columns] if isinstance(columns, list) else []
        lines = (
            [[str(cell) for cell in row] for row in rows if isinstance(row, list)]
            if isinstance(rows, list)
            else []
        )
        state = cls(heads or [""], lines)
        state._square()
        return state

    @property
    def height(self) -> int:
        """Rows of the grid, headers included."""
        return len(self.rows) + 1

    @property
    def width(self) -> int:
        return len(self.columns)

    def cell(self, row: int, column: int) -> str:
        return self.columns[column] if row == HEADER_ROW else self.rows[row - 1][column]

    def set_cell(self, row: int, column: int, text: str) -> None:
        """Write one cell, growing the table when the cell lies beyond it."""
        self._grow_to(row, column)
        if row == HEADER_ROW:
            self.columns[column] = text
        else:
            self.rows[row - 1][column] = text

    def paste(self, row: int, column: int, text: str) -> None:
        """Tab-separated text (from a spreadsheet) written from the cell on:
        lines become rows, tabs cells; the table grows as needed."""
        lines = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n").split("\n")
        for down, line in enumerate(lines):
            for across, cell in enumerate(line.split("\t")):
                self.set_cell(row + down, column + across, cell)

    def add_row(self, after: int) -> None:
        """An empty row below grid row ``after`` (below the headers for 0)."""
        self.rows.insert(after, [""] * self.width)

    def add_column(self, after: int) -> None:
        """An empty column right of column ``after``, a cell in every row."""
        for line in self._lines():
            line.insert(after + 1, "")

    def remove_row(self, row: int) -> None:
        """Remove a table row; the headers stay."""
        if row != HEADER_ROW:
            del self.rows[row - 1]

    def remove_column(self, column: int) -> None:
        """Remove a column from the headers and every row; the last one stays."""
        if self.width > 1:
            for line in self._lines():
                del line[column]

    def row_is_empty(self, row: int) -> bool:
        """Whether removing the row loses nothing (no confirmation needed)."""
        return not any(cell.strip() for cell in self._lines()[row])

    def column_is_empty(self, column: int) -> bool:
        return not any(line[column].strip() for line in self._lines())

    def _lines(self) -> list[list[str]]:
        return [self.columns, *self.rows]

    def _grow_to(self, row: int, column: int) -> None:
        while self.width <= column:
            self.add_column(self.width - 1)
        while self.height <= row:
            self.add_row(len(self.rows))

    def _square(self) -> None:
        widest = max([self.width, *(len(line) for line in self.rows)])
        for line in self._lines():
            line.extend([""] * (widest - len(line)))
