"""Where a value sits in its YAML file, so that an error names its line.

Only the round-trip reader knows lines (``lc`` on its mappings and lists), and it
is several times slower than the fast reader that status and validation use: a
file is read again that way only when it has an error to place.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def line_of(data: Any, path: Sequence[str | int]) -> int | None:
    """The 1-based line of the value at ``path`` in round-trip ``data``.

    A field's line is its key's (where the user sees ``texte:``), a list item's is
    its dash's. When the path leads past what the file holds (a required field
    that is missing), the line is that of the nearest part that exists: the
    object where the field should be added. ``None`` for data without lines.
    """
    line = _root_line(data)
    node = data
    for part in path:
        position = _position(node, part)
        if position is None:
            break
        line = position + 1
        node = node[part]
    return line


def _root_line(data: Any) -> int | None:
    lc = getattr(data, "lc", None)
    return None if lc is None or lc.line is None else lc.line + 1


def _position(node: Any, part: str | int) -> int | None:
    """The 0-based line of ``node[part]``, if the file holds it."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        if isinstance(node, list):
            if not isinstance(part, int) or not 0 <= part < len(node):
                return None
            line = lc.item(part)[0]
        elif isinstance(node, dict):
            if part not in node:
                return None
            line = lc.key(part)[0]
        else:
            return None
    except (KeyError, IndexError, TypeError):
        return None  # an item the program added: ruamel knows no line for it
    return line if isinstance(line, int) else None
