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
from difflib import SequenceMatcher

from .typography import plain

_SPACE = re.compile(r"\s+")


def same_text(source: str, exported: str) -> bool:
    """Whether ``exported`` shows ``source`` (whatever the export's spacing)."""
    return key(source) == key(exported)


def key(text: str) -> str:
    return _SPACE.sub("", plain(text))


def restored(source: str, before: str, after: str) -> str:
    """``after`` in the conventions of ``source``, which ``before`` showed."""
    shown, edited = plain(before), plain(after)
    to_source = _positions(shown, source)
    parts: list[str] = []
    matcher = SequenceMatcher(None, shown, edited, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(source[to_source[i1] : to_source[i2]])
        else:
            parts.append(edited[j1:j2])
    return "".join(parts)


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
