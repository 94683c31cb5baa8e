"""The text fields of a block, by path relative to the block.

A paragraph inside a block's bookmark shows one of them; which one is found by
its text (the exported text is the field's, typography aside). Inner blocks
(a zoom's) have their own bookmark and are left to it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ...core.anchors import is_anchor
from ...core.proofreading import FieldPath
from ..typography import is_number, number

_NOT_SHOWN = {"ancre", "type", "commentaires", "statut"}


def text_fields(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Each field with the text the export shows (a number as a French reader
    writes it, « 1 412 »)."""
    if isinstance(value, str):
        yield path, value
    elif is_number(value):
        yield path, number(value)
    elif isinstance(value, Mapping):
        for name, inner in value.items():
            if name in _NOT_SHOWN or (path and _is_block(inner)):
                continue
            yield from text_fields(inner, (*path, str(name)))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            if not _is_block(inner):
                yield from text_fields(inner, (*path, index))


def _is_block(value: Any) -> bool:
    return isinstance(value, Mapping) and is_anchor(value.get("ancre"))
