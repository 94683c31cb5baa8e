"""Field-by-field differences between two versions of a chapter.

Shown when a save meets a conflict: « Section 2 › Bloc 1 (paragraphe) › Texte :
mine … / theirs … », so the user can decide which version to keep.
"""

from __future__ import annotations

import difflib
import re
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


# -- Word by word -----------------------------------------------------------------

WordPiece = tuple[str, str]
"""``("=", text)`` kept, ``("-", text)`` removed, ``("+", text)`` added."""


def word_changes(before: str, after: str, context: int = 6) -> list[WordPiece]:
    """What changed between two texts, word by word, for a person to read: the
    changed words with ``context`` words around each change, the rest elided
    as « … »."""
    old, new = _WORDS.findall(before), _WORDS.findall(after)
    pieces: list[WordPiece] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    codes = matcher.get_opcodes()
    for number, (tag, i1, i2, j1, j2) in enumerate(codes):
        if tag == "equal":
            pieces.append(("=", _kept(old[i1:i2], context, number == 0, number == len(codes) - 1)))
            continue
        if i2 > i1:
            pieces.append(("-", "".join(old[i1:i2])))
        if j2 > j1:
            pieces.append(("+", "".join(new[j1:j2])))
    return pieces


_WORDS = re.compile(r"\s*\S+|\s+$")


def _kept(words: list[str], context: int, first: bool, last: bool) -> str:
    """An unchanged stretch, cut to ``context`` words beside the changes."""
    head = [] if first else words[:context]
    tail = [] if last else words[-context:]
    if (first and last) or len(words) <= len(head) + len(tail) + 1:
        return "".join(words)
    cut = "".join(head) + " …" if head else "…"
    return cut + (" " + "".join(tail).lstrip() if tail else "")


def before_and_after(before: str, after: str) -> tuple[list[WordPiece], list[WordPiece]]:
    """``word_changes`` as the two texts to show side by side: the old one with
    its removed words, the new one with its added words."""
    pieces = word_changes(before, after)
    return [p for p in pieces if p[0] != "+"], [p for p in pieces if p[0] != "-"]
