"""Field-by-field differences between two versions of a chapter.

Shown when a save meets a conflict: « Section 2 › Bloc 1 (paragraphe) › Texte :
mine … / theirs … », so the user can decide which version to keep.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .schema import Schema
from .validation import Path, describe_path


@dataclass(frozen=True)
class Difference:
    path: Path
    chemin: str
    mine: Any
    """``None`` when the field is only in theirs."""
    theirs: Any
    """``None`` when the field is only in mine."""


def differences(schema: Schema, mine: Any, theirs: Any) -> list[Difference]:
    return [
        Difference(path, describe_path(schema, mine if _has(mine, path) else theirs, path), a, b)
        for path, a, b in _walk(mine, theirs, ())
    ]


def _walk(mine: Any, theirs: Any, path: Path) -> Iterator[tuple[Path, Any, Any]]:
    if isinstance(mine, Mapping) and isinstance(theirs, Mapping):
        keys = list(mine) + [key for key in theirs if key not in mine]
        for key in keys:
            yield from _walk(mine.get(key), theirs.get(key), (*path, key))
    elif isinstance(mine, list) and isinstance(theirs, list):
        for index in range(max(len(mine), len(theirs))):
            a = mine[index] if index < len(mine) else None
            b = theirs[index] if index < len(theirs) else None
            yield from _walk(a, b, (*path, index))
    elif mine != theirs:
        yield path, mine, theirs


def _has(data: Any, path: Path) -> bool:
    node = data
    for part in path:
        present = (
            part < len(node)
            if isinstance(node, list) and isinstance(part, int)
            else isinstance(node, Mapping) and part in node
        )
        if not present:
            return False
        node = node[part]
    return True
