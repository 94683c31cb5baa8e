"""A table's header and rows written into the chapter the way the sample writes them.

The grid editor hands over whole lists of cells. Put in as new lists, every
row would be written as a block sequence (one line per cell) and the cells
nobody touched would lose their quoting. Here the lists read from the file are
changed in place: an untouched cell stays the very ruamel object read, a list
keeps its flow or block style, and a new row is a flow sequence of
double-quoted cells, as the sample has them::

    lignes:
      - ["2019/2020", "16 ont suivi la formation", "11 réussites"]
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from .patch import as_round_trip


def write_cells(current: Any, cells: list[str]) -> CommentedSeq:
    """``cells`` written over the list ``current`` (kept, changed in place) or,
    when there is none or it is empty (no style of its own to keep: a new
    block's first row), into a new flow sequence."""
    seq = current if isinstance(current, CommentedSeq) and current else _flow_sequence()
    flow = bool(seq.fa.flow_style(False))
    for index, text in enumerate(cells):
        if index >= len(seq):
            seq.append(_cell(text, flow))
        elif seq[index] != text or not isinstance(seq[index], str):
            seq[index] = _cell(text, flow, seq[index])
    del seq[len(cells) :]
    return seq


def write_rows(current: Any, rows: list[list[str]]) -> CommentedSeq:
    """Each row written over the row read at its place, new rows as flow sequences."""
    seq = current if isinstance(current, CommentedSeq) else CommentedSeq()
    for index, row in enumerate(rows):
        if index < len(seq):
            seq[index] = write_cells(seq[index], row)
        else:
            seq.append(write_cells(None, row))
    del seq[len(rows) :]
    return seq


def _flow_sequence() -> CommentedSeq:
    seq = CommentedSeq()
    seq.fa.set_flow_style()
    return seq


def _cell(text: str, flow: bool, previous: Any = None) -> Any:
    """A cell of a flow sequence is double-quoted (the sample's style, and no
    « , » or « : » in it can break the row); one of a block sequence is written
    like any other text (folded when long)."""
    return DoubleQuotedScalarString(text) if flow else as_round_trip(text, previous)
