"""A proofread text put back into the YAML's conventions, word for word.

The exported text differs from the field's source only by the export's
typography (non-breaking spaces, U+2011, a space added before « : »). The
proofreader's edit is the difference between the paragraph with its revisions
rejected and accepted; the result keeps the source's own characters wherever
the proofreader left the text alone, and takes the new characters (typography
undone) only where the text was changed: only the changed words differ.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from difflib import SequenceMatcher

from .typography import plain

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\s*\S+|\s+$")


def same_text(source: str, exported: str) -> bool:
    """Whether ``exported`` shows ``source`` (whatever the export's spacing)."""
    return key(source) == key(exported)


def key(text: str) -> str:
    return _SPACE.sub("", plain(text))


def restored(source: str, before: str, after: str) -> str:
    """``after`` in the conventions of ``source``, which ``before`` showed.

    The edit is found word by word, each word with the spaces before it (the
    export's non-breaking spaces belong to the sign that follows them: « : »,
    « » », « M€ »), then character by character inside a changed stretch."""
    shown, edited = plain(before), plain(after)
    to_source = _positions(shown, source)
    return _merge(source, shown, edited, to_source, _words)


def _merge(
    source: str,
    shown: str,
    edited: str,
    to_source: list[int],
    split: Callable[[str], list[str]] | None,
) -> str:
    old, new = (split(shown), split(edited)) if split else (list(shown), list(edited))
    starts = _starts(old)
    new_starts = _starts(new)
    parts: list[str] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a, b = starts[i1], starts[i2]
        stretch = edited[new_starts[j1] : new_starts[j2]]
        if tag == "equal":
            parts.append(source[to_source[a] : to_source[b]])
        elif tag == "replace" and split is not None:
            local = source[to_source[a] : to_source[b]]
            inner = [at - to_source[a] for at in to_source[a : b + 1]]
            parts.append(_merge(local, shown[a:b], stretch, inner, None))
        else:
            parts.append(stretch)
    return "".join(parts)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _starts(pieces: list[str]) -> list[int]:
    found = [0]
    for piece in pieces:
        found.append(found[-1] + len(piece))
    return found


def _positions(shown: str, source: str) -> list[int]:
    """For each position in ``shown``, the position in ``source`` it stands for;
    characters the export added map to where they were added, characters it
    removed stay with the text that follows them."""
    found: list[int | None] = [None] * (len(shown) + 1)
    matcher = SequenceMatcher(None, shown, source, autojunk=False)
    for tag, i1, i2, j1, _ in matcher.get_opcodes():
        for index in range(i1, i2 + (tag == "insert")):
            if found[index] is None:
                found[index] = j1 + (index - i1 if tag == "equal" else 0)
    found[len(shown)] = len(source) if found[len(shown)] is None else found[len(shown)]
    return [len(source) if at is None else at for at in found]
