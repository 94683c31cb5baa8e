"""The grid editor of a table (a schema node marked ``"x-widget": "grille"``).

A table is edited as a spreadsheet user expects: the column headers are the
first row (pinned, styled as a header), the table's rows below; arrows move,
Tab and Maj+Tab go from cell to cell (Tab on the last cell leaves the grid, so
the form's Tab chain goes on), Entrée or a typed character writes in the cell,
Ctrl+N / Ctrl+K add a row / a column, Ctrl+D / Ctrl+E remove one (after a
confirmation when it holds text), and text pasted from a spreadsheet (tabs
between cells, a line per row) fills the table from the cell on.

``TableState`` is the grid's data, kept rectangular whatever the user does
(every row has one cell per column), so the widget that draws it and the
session that saves it never see a ragged table. Grid coordinates put the
headers on row 0 and the table's rows below, as a spreadsheet user sees them.

``TableGrid`` owns its state, is given it when made, and posts ``Changed`` after
every change; the editor writes the whole table into the chapter then (one
undo step; a run of typing in one cell is one). A cell is written on a line
below the grid while the cells keep the focus (``CellTable``: every key is
taken in the order typed). ``GridBox`` is the form's field: the label, the
help, the grid and its errors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable, Static

from .. import strings as S
from ..forms.spec import FieldSpec, Path
from ..screens.dialogs import ConfirmModal
from .fields import FieldBox, FieldCaption, label_text

HEADER_ROW = 0
CELL_WIDTHS = (4, 24)
"""Fewest and most columns a cell is drawn in: longer text ends with « … » in
the grid (it is whole on the line where it is written)."""
CELL_PADDING = 2
"""Columns around each cell's text (the table's padding, one on each side)."""
GRID_FRAME = 1
"""Columns of the grid's left border (``table_grid.tcss``)."""
SHOWN_ROWS = 12
"""Rows of the grid shown at most (``max-height`` in ``table_grid.tcss``); a
longer table scrolls, and its scrollbar takes columns from the cells."""
SCROLLBAR_COLUMNS = 1


def cell_text(value: object) -> str:
    """A cell as text: a number read from the file as written, an empty cell empty."""
    return "" if value is None else str(value)


@dataclass
class TableState:
    """``colonnes`` and ``lignes`` of a table, always one cell per column."""

    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)

    @classmethod
    def from_block(cls, columns: object, rows: object) -> TableState:
        """The grid of a block as read from YAML, short rows padded with ""."""
        heads = [cell_text(cell) for cell in columns] if isinstance(columns, list) else []
        lines = (
            [[cell_text(cell) for cell in row] for row in rows if isinstance(row, list)]
            if isinstance(rows, list)
            else []
        )
        return cls(heads or [""], lines)

    def __post_init__(self) -> None:
        self._square()

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


def column_widths(state: TableState, room: int) -> list[int]:
    """Each column's width: its longest cell, bounded by ``CELL_WIDTHS``, the
    widest narrowed first until the grid fits in ``room`` columns; a table that
    still does not fit scrolls sideways."""
    low, high = CELL_WIDTHS
    widths = [
        min(high, max(low, *(cell_len(state.cell(row, column)) for row in range(state.height))))
        for column in range(state.width)
    ]
    budget = room - CELL_PADDING * state.width
    while sum(widths) > budget:
        widest = max(range(len(widths)), key=widths.__getitem__)
        if widths[widest] <= low:
            break
        widths[widest] -= 1
    return widths


def row_label(row: int) -> str:
    """The number a row is shown with: the validation's « Ligne 3 » is row 3."""
    return "" if row == HEADER_ROW else str(row)


def column_name(state: TableState, column: int) -> str:
    header = " ".join(state.columns[column].split())
    return S.GRID_QUOTED.format(text=header) if header else str(column + 1)


@dataclass
class CellEdit:
    """A cell being written in: where, its text before, its text now, the cursor."""

    row: int
    column: int
    before: str
    in_text: bool = True
    """← and → move in the text (writing opened with Entrée or a click), rather
    than to the next cell (opened by typing), as in a spreadsheet."""
    text: str = field(init=False)
    cursor: int = field(init=False)

    def __post_init__(self) -> None:
        self.text, self.cursor = self.before, len(self.before)

    def insert(self, typed: str) -> None:
        self.text = self.text[: self.cursor] + typed + self.text[self.cursor :]
        self.cursor += len(typed)

    def delete(self, step: int) -> None:
        """Backspace (-1) or Suppr (1): the character before or after the cursor."""
        start, end = (self.cursor - 1, self.cursor) if step < 0 else (self.cursor, self.cursor + 1)
        if start >= 0 and end <= len(self.text):
            self.text = self.text[:start] + self.text[end:]
            self.cursor = start

    def move(self, place: int) -> None:
        self.cursor = max(0, min(place, len(self.text)))

    def shown(self, width: int) -> Text:
        """The text as the line below the grid shows it in ``width`` columns:
        the part around the cursor, the cursor in reverse video."""
        start = max(0, min(self.cursor - width // 2, len(self.text) + 1 - width))
        window = (self.text + " ")[start : start + width]
        line = Text(window, no_wrap=True, overflow="crop")
        line.stylize("reverse", self.cursor - start, self.cursor - start + 1)
        return line


MOVES = {"up": (-1, 0), "down": (1, 0), "left": (0, -1), "right": (0, 1)}
SHAPE_KEYS = ("ctrl+n", "ctrl+k", "ctrl+d", "ctrl+e")
"""Add a row, a column; remove a row, a column (``TableGrid.shape_actions``)."""
NEXT_CELL = {"tab": 1, "shift+tab": -1}


class CellTable(DataTable[Text]):
    """The grid's cells, which keep the focus while a cell is written in.

    Every key of the grid is handled here, in the order typed. Textual resolves a
    key's bindings only once it has bubbled up to the app, after the keys typed
    behind it were already handled where they landed: « Bus », Tab, « 12 » typed
    fast would write « 12 » in the first cell. The grid's own bindings are
    there for the footer and the help; the keys themselves never reach them.
    """

    def on_key(self, event: events.Key) -> None:
        grid = self.parent
        if isinstance(grid, TableGrid) and grid.take_key(event):
            event.stop()
            event.prevent_default()


class TableGrid(Vertical):
    """A table's cells to move in and write in, as in a spreadsheet."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+n",
            "add_row",
            S.KEY_GRID_ADD_ROW,
            id="grid.add_row",
            tooltip=S.TOOLTIP_GRID_ADD_ROW,
        ),
        Binding(
            "ctrl+k",
            "add_column",
            S.KEY_GRID_ADD_COLUMN,
            id="grid.add_column",
            tooltip=S.TOOLTIP_GRID_ADD_COLUMN,
        ),
        Binding(
            "ctrl+d",
            "remove_row",
            S.KEY_GRID_REMOVE_ROW,
            id="grid.remove_row",
            tooltip=S.TOOLTIP_GRID_REMOVE_ROW,
        ),
        Binding(
            "ctrl+e",
            "remove_column",
            S.KEY_GRID_REMOVE_COLUMN,
            id="grid.remove_column",
            tooltip=S.TOOLTIP_GRID_REMOVE_COLUMN,
        ),
    ]

    class Changed(Message):
        """The table changed; ``cell``: the (row, column) being typed in, ``None``
        for a change of its shape or a paste."""

        def __init__(self, grid: TableGrid, cell: tuple[int, int] | None) -> None:
            super().__init__()
            self.grid = grid
            self.cell = cell

        @property
        def control(self) -> TableGrid:
            return self.grid

    def __init__(
        self, state: TableState, editable: bool = True, width: int = 60, **kwargs: Any
    ) -> None:
        """``width``: the columns the grid will get (its first drawing fits them)."""
        super().__init__(**kwargs)
        self.add_class("table-grid", update=False)
        self.state = state
        self.editable = editable
        self._room = width
        self.edit: CellEdit | None = None
        """The cell being written in, if one is."""

    def compose(self) -> ComposeResult:
        yield CellTable(show_header=False, fixed_rows=1, cursor_type="cell", classes="grid-cells")
        if self.editable:
            yield Static(S.GRID_HINT, classes="grid-hint", markup=False)
            yield Static("", classes="grid-input", markup=False)

    @property
    def cells(self) -> CellTable:
        return self.query_one(CellTable)

    @property
    def cursor(self) -> tuple[int, int]:
        row, column = self.cells.cursor_coordinate
        return row, column

    @property
    def editing(self) -> bool:
        return self.edit is not None

    def on_mount(self) -> None:
        self.fill()

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._room:
            self._room = event.size.width
            self.fill()
            self.show_edit()

    # Drawing

    def fill(self) -> None:
        """Draw the whole state again, the cursor where it was (after a change of
        the table's shape, a paste, a confirmed cell)."""
        table = self.cells
        row, column = self.cursor
        table.clear(columns=True)
        for width in column_widths(self.state, self._room - self.frame()):
            table.add_column("", width=width)
        for line in range(self.state.height):
            table.add_row(*self.row_texts(line), label=row_label(line))
        self.move_to(row, column)

    def frame(self) -> int:
        """Columns of the grid that are not cells: the border, the row numbers,
        the scrollbar of a long table."""
        labels = len(row_label(self.state.height - 1)) + CELL_PADDING
        scrollbar = SCROLLBAR_COLUMNS if self.state.height > SHOWN_ROWS else 0
        return GRID_FRAME + labels + scrollbar

    def row_texts(self, row: int) -> list[Text]:
        style = "bold" if row == HEADER_ROW else ""
        return [
            Text(self.state.cell(row, column), style=style, no_wrap=True, overflow="ellipsis")
            for column in range(self.state.width)
        ]

    def move_to(self, row: int, column: int) -> None:
        row = max(0, min(row, self.state.height - 1))
        column = max(0, min(column, self.state.width - 1))
        self.cells.move_cursor(row=row, column=column)

    def changed(self, cell: tuple[int, int] | None = None) -> None:
        self.post_message(self.Changed(self, cell))

    # Keys (see ``CellTable``)

    def take_key(self, event: events.Key) -> bool:
        """Act on a key typed on the cells; whether it was the grid's."""
        character = event.character if event.is_printable else None
        if self.edit is not None:
            return self.edit_key(self.edit, event.key, character)
        return self.grid_key(event.key, character)

    def grid_key(self, key: str, character: str | None) -> bool:
        """Moving, writing, changing the table's shape; other keys are the screen's."""
        row, column = self.cursor
        if key in MOVES:
            down, across = MOVES[key]
            self.move_to(row + down, column + across)
        elif key in NEXT_CELL:
            self.next_cell(NEXT_CELL[key])
        elif key in SHAPE_KEYS and self.editable:
            self.shape_actions()[key]()
        elif key == "enter" or character is not None:
            self.start_edit(character or "")
        else:
            return False
        return True

    def edit_key(self, edit: CellEdit, key: str, character: str | None) -> bool:
        """Writing in a cell: the text's own keys, then the keys that leave it
        (Entrée, Échap, Tab, ↑ ↓ and the table's shape keys)."""
        cursor = edit.cursor
        texts = {
            "left": lambda: edit.move(cursor - 1),
            "right": lambda: edit.move(cursor + 1),
            "home": lambda: edit.move(0),
            "end": lambda: edit.move(len(edit.text)),
            "backspace": lambda: edit.delete(-1),
            "delete": lambda: edit.delete(1),
        }
        if character is not None:
            edit.insert(character)
        elif key in texts and (edit.in_text or key not in MOVES):
            texts[key]()
        elif key == "escape":
            self.cancel_edit()
            return True
        elif key == "enter" or key in (*MOVES, *NEXT_CELL, *SHAPE_KEYS):
            self.confirm_edit()
            return key == "enter" or self.grid_key(key, None)
        else:
            return False
        self.write(edit.row, edit.column, edit.text)
        self.show_edit()
        return True

    def shape_actions(self) -> dict[str, Callable[[], None]]:
        return dict(
            zip(
                SHAPE_KEYS,
                (
                    self.action_add_row,
                    self.action_add_column,
                    self.action_remove_row,
                    self.action_remove_column,
                ),
                strict=True,
            )
        )

    def next_cell(self, step: int) -> None:
        """Tab / Maj+Tab: the next or previous cell, row after row; from the last
        (or the first) cell, the form's next (or previous) field."""
        row, column = self.cursor
        index = row * self.state.width + column + step
        if 0 <= index < self.state.height * self.state.width:
            self.move_to(*divmod(index, self.state.width))
        elif step > 0:
            self.screen.focus_next()
        else:
            self.screen.focus_previous()

    # Writing in a cell

    @on(DataTable.CellSelected)
    def _cell_selected(self, event: DataTable.CellSelected) -> None:
        """A click on a cell: write in it."""
        event.stop()
        if self.edit is None:
            self.start_edit()

    def start_edit(self, typed: str = "") -> None:
        """Show the cell's whole text in the line below the grid, cursor at the
        end, ``typed`` added there (nothing is replaced, nothing lost)."""
        if not self.editable:
            return
        row, column = self.cursor
        self.edit = CellEdit(row, column, self.state.cell(row, column), in_text=not typed)
        self.set_class(True, "-editing")
        self.hint(self.editing_hint(row, column))
        if typed:
            self.edit.insert(typed)
            self.write(row, column, self.edit.text)
        self.show_edit()
        self.call_after_refresh(self.scroll_visible, animate=False)  # the line, once shown

    def show_edit(self) -> None:
        if self.edit is not None:
            line = self.query_one(".grid-input", Static)
            line.update(self.edit.shown(line.size.width or self._room))

    def hint(self, text: str) -> None:
        self.query_one(".grid-hint", Static).update(text)

    def editing_hint(self, row: int, column: int) -> str:
        name = column_name(self.state, column)
        if row == HEADER_ROW:
            return S.GRID_EDITING_HEADER.format(column=str(column + 1))
        return S.GRID_EDITING_CELL.format(row=row, column=name)

    def write(self, row: int, column: int, text: str) -> None:
        """Each key typed goes into the table at once: nothing typed waits for
        Entrée to be kept (a save, an undo, leaving the chapter see it)."""
        if self.state.cell(row, column) == text:
            return
        self.state.set_cell(row, column, text)
        self.cells.update_cell_at(Coordinate(row, column), self.row_texts(row)[column])
        self.changed((row, column))

    def cancel_edit(self) -> None:
        """Échap: the cell gets its text back."""
        if self.edit is not None:
            self.write(self.edit.row, self.edit.column, self.edit.before)
        self.confirm_edit()

    def confirm_edit(self) -> None:
        """Close the line below the grid (its text is in the table already)."""
        if self.edit is None:
            return
        self.edit = None
        self.set_class(False, "-editing")
        self.hint(S.GRID_HINT)
        self.fill()  # the column may be wider now

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # A class, not ``:focus-within``: Textual does not restyle the children then.
        self.add_class("-focused")

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """Focus gone elsewhere (a click, Ctrl+O) while writing: the text stays."""
        self.remove_class("-focused")
        self.confirm_edit()

    # Pasting from a spreadsheet

    def on_paste(self, event: events.Paste) -> None:
        """Tab-separated text pasted on the grid fills it from the cell on (lines
        become rows, tabs cells), the table growing as needed. While a cell is
        written in, its first line goes into the cell."""
        if not self.editable or not event.text:
            return
        event.stop()
        if self.edit is not None:
            first = event.text.splitlines()[0] if event.text.strip("\r\n") else ""
            self.edit.insert(first.replace("\t", " "))
            self.write(self.edit.row, self.edit.column, self.edit.text)
            self.show_edit()
            return
        row, column = self.cursor
        self.state.paste(row, column, event.text)
        self.fill()
        self.changed()

    # Rows and columns

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The table's shape changes only in an editable grid (its keys hidden otherwise)."""
        return self.editable or not action.endswith(("_row", "_column"))

    def action_add_row(self) -> None:
        row, column = self.cursor
        self.state.add_row(row)
        self.fill()
        self.move_to(row + 1, column)
        self.changed()

    def action_add_column(self) -> None:
        row, column = self.cursor
        self.state.add_column(column)
        self.fill()
        self.move_to(row, column + 1)
        self.changed()

    def action_remove_row(self) -> None:
        row, _ = self.cursor
        if row == HEADER_ROW:
            self.notify(S.GRID_KEEP_HEADERS)
            return
        if self.state.row_is_empty(row):
            self.remove_row(row)
            return
        filled = [cell for cell in self.state.rows[row - 1] if cell.strip()]
        cells = ", ".join(S.GRID_QUOTED.format(text=cell) for cell in filled)
        question = S.GRID_REMOVE_ROW_QUESTION.format(row=row, cells=cells)
        self.confirm(S.GRID_REMOVE_ROW_TITLE, question, lambda: self.remove_row(row))

    def remove_row(self, row: int) -> None:
        self.state.remove_row(row)
        self.fill()
        self.changed()

    def action_remove_column(self) -> None:
        _, column = self.cursor
        if self.state.width == 1:
            self.notify(S.GRID_KEEP_ONE_COLUMN)
            return
        if self.state.column_is_empty(column):
            self.remove_column(column)
            return
        header = self.state.columns[column].strip() or S.GRID_UNTITLED_COLUMN
        question = S.GRID_REMOVE_COLUMN_QUESTION.format(column=header)
        self.confirm(S.GRID_REMOVE_COLUMN_TITLE, question, lambda: self.remove_column(column))

    def remove_column(self, column: int) -> None:
        self.state.remove_column(column)
        self.fill()
        self.changed()

    def confirm(self, title: str, question: str, remove: Callable[[], None]) -> None:
        """Ask before removing text (« Annuler » focused: Entrée keeps it)."""

        def answered(answer: str | None) -> None:
            if answer == "yes":
                remove()

        answers = [("yes", S.REMOVE_ITEM, "error"), ("no", S.CANCEL, "default")]
        self.app.push_screen(ConfirmModal(title, question, answers, focus="no"), answered)


class GridBox(Vertical, FieldBox):
    """The form's field for a list of rows edited as a grid: its label and help,
    the grid, and its errors (« Ligne 3 : … »)."""

    def __init__(self, spec: FieldSpec, grid: TableGrid, row_id: str) -> None:
        super().__init__(spec=spec, id=row_id, classes="field-grid")
        self.grid = grid

    @property
    def headers(self) -> Path:
        """Where the header row lives: the sibling the schema's ``x-largeur`` names."""
        return (*self.spec.path[:-1], str(self.spec.grid_headers))

    def compose(self) -> ComposeResult:
        yield FieldCaption(label_text(self.spec), self.spec.description)
        yield self.grid

    def cell_path(self, cell: tuple[int, int] | None) -> Path | None:
        """Where a grid cell is, for the undo step that remembers it: the rows'
        path, the row's index in them (-1: the header row), the column."""
        if cell is None:
            return None
        row, column = cell
        return (*self.spec.path, row - 1, column)

    def show_cell(self, path: Path) -> None:
        """Put the cursor on the cell at ``path`` (see ``cell_path``), if it is one."""
        place = path[len(self.spec.path) :]
        if len(place) == 2 and all(isinstance(part, int) for part in place):
            self.grid.move_to(int(place[0]) + 1, int(place[1]))

    def focus_target(self) -> Widget | None:
        return self.grid.cells

    def show_errors(self, messages: list[str]) -> None:
        super().show_errors([self.within_table(message) for message in messages])

    def within_table(self, message: str) -> str:
        """A row's error as the grid numbers it (« Ligne 3 : … »), without the
        path to the table that the form gives it (« Section 1 › Bloc 3 › … »)."""
        items = self.spec.node.get("items")
        title = items.get("title") if isinstance(items, dict) else None
        marker = f" › {title} "
        if not title or marker not in message:
            return message
        return message[message.rindex(marker) + len(" › ") :]
