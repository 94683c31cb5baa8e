"""Column widths sized to what the columns hold, and which columns hold numbers.

Tables are laid out with fixed widths (``tblLayout fixed``: every reader draws
them the same). Equal widths broke words in narrow columns (« représentation/s »)
while wide ones stayed half empty, so each column gets at least its longest word
and the rest of the width goes where the text is longest. Widths are estimated
from character counts at the style's size (Arial's average advance is about
0.55 em, 0.6 em in bold): the estimate only has to be in proportion.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

CELL_MARGINS = 340
"""Left and right cell margins of the table styles (170 + 170 twentieths)."""
BODY_CHAR = 120
"""Width of an average character of 10.5 pt text, in twentieths of a point."""
HEADER_RATIO = 115
"""A header's bold characters are wider (per cent)."""

_NUMBER = re.compile(r"[+\-−–~≈<>]?\s?\d[\d\s\u00a0\u202f,.]*(?:\s?[^\s\d]{1,3})?")
_DASHES = frozenset({"", "-", "–", "—"})


def text_width(text: str, char: int = BODY_CHAR) -> int:
    """The width ``text`` takes on one line, with its cell's margins."""
    return len(text) * char + CELL_MARGINS


def longest_word(text: str) -> str:
    """The longest piece a line cannot break: no-break spaces glue « 1 192 239 tonnes »."""
    return max(re.split(r"[ \t\n-]+", str(text)), key=len)


def fit(columns: Sequence[Sequence[str]], width: int, char: int = BODY_CHAR) -> list[int]:
    """Widths for columns holding ``columns`` (each the texts of one column):
    each at least its longest word, the remaining width shared in proportion to
    how much more each column's longest text needs. The sum is always ``width``."""
    least = [_widest(column, char, longest_word) for column in columns]
    whole = [_widest(column, char, str) for column in columns]
    if sum(least) >= width:
        return _share(least, width)
    wants = [w - m for w, m in zip(whole, least, strict=True)]
    spare = width - sum(least)
    if sum(wants) <= spare:
        extra = [w + spare // len(columns) for w in wants]  # all on one line: share the rest
    else:
        extra = [spare * w // max(sum(wants), 1) for w in wants]
    return _share([m + e for m, e in zip(least, extra, strict=True)], width)


def _widest(column: Sequence[str], char: int, piece: Any) -> int:
    """The widest of a column's texts (or pieces): its first, the header, is bold."""
    widths = [text_width(piece(t), char) for t in column]
    if widths:
        widths[0] = text_width(piece(column[0]), char * HEADER_RATIO // 100)
    return max(widths, default=CELL_MARGINS)


def _share(widths: list[int], width: int) -> list[int]:
    """``widths`` scaled to add up to ``width`` exactly (the last column takes the rest)."""
    total = sum(widths) or 1
    scaled = [max(1, w * width // total) for w in widths]
    scaled[-1] = width - sum(scaled[:-1])
    return scaled


def is_number(text: str) -> bool:
    """« 22 617 », « 2,4 M€ », « +28 % », « 368,6 »: a cell a reader compares by column."""
    return bool(_NUMBER.fullmatch(str(text).strip()))


def numeric(column: Sequence[str]) -> bool:
    """A column of numbers (dashes for « none » allowed), at least one of them."""
    values = [str(t).strip() for t in column]
    figures = [v for v in values if v not in _DASHES]
    return bool(figures) and all(is_number(v) for v in figures)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def refit(tbl: Any, width: int) -> Any:
    """A table already built, its grid and cell widths sized to what its cells hold
    (for tables made row by row, such as the appendix's « Statut » and « Complétude »)."""
    rows = [
        ["".join(t.text or "" for t in tc.iter(f"{_W}t")) for tc in tr.findall(f"{_W}tc")]
        for tr in tbl.findall(f"{_W}tr")
    ]
    count = max((len(r) for r in rows), default=0)
    if count == 0:
        return tbl
    widths = fit([[r[i] if i < len(r) else "" for r in rows] for i in range(count)], width)
    for col, value in zip(tbl.iter(f"{_W}gridCol"), widths, strict=False):
        col.set(f"{_W}w", str(value))
    for tr in tbl.findall(f"{_W}tr"):
        for tc, value in zip(tr.findall(f"{_W}tc"), widths, strict=False):
            tc.find(f"{_W}tcPr/{_W}tcW").set(f"{_W}w", str(value))
    return tbl
