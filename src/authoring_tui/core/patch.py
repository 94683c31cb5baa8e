"""Make a round-trip document hold a target tree, touching only what differs.

A merged save is written over the version on disk: loaded in round trip, it is
changed in place until its plain value is the merged tree. Untouched mappings,
lists and scalars stay the very ruamel objects read from the file, so their
comments, key order, quoting and folded text are written back as they were.
The store's hash check then holds; if the file changed yet again meanwhile, the
merge is made again with that version (``save_merged``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, MutableMapping
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from .merge import ANCHOR, MergeResult, Side, anchored, merge, same
from .store import Chapter, ChapterConflict, ChapterDeleted, ChapterStore
from .validation import Path

MERGE_ATTEMPTS = 3
"""A merged save retries when the file changed yet again while merging."""


class MergeConflicts(ChapterConflict):
    """Both sides changed the same fields: the user chooses (nothing written)."""

    def __init__(self, chapter: Chapter, result: MergeResult) -> None:
        super().__init__(chapter)
        self.result = result


def save_merged(
    store: ChapterStore,
    chapter_id: str,
    base: Any,
    mine: Any,
    choices: Mapping[Path, Side] | None = None,
    login: str | None = None,
) -> tuple[Chapter, MergeResult]:
    """Merge base → mine (plain trees) with base → the version on disk, and save the
    result over the latter's round trip; returns the chapter as written.

    ``MergeConflicts`` when both changed the same fields (and ``choices`` does
    not settle them), ``ChapterDeleted`` when the file is gone, ``ChapterConflict``
    when it keeps changing: nothing written then. ``login``: who saves (the
    history's author log).
    """
    for _ in range(MERGE_ATTEMPTS):
        theirs = store.load(chapter_id, round_trip=True)
        result = merge(base, mine, as_plain(theirs.data), choices)
        if not result.clean:
            raise MergeConflicts(theirs, result)
        theirs.document.data = apply(theirs.data, result.merged)
        try:
            store.save(theirs, login=login)
        except ChapterDeleted:
            raise
        except ChapterConflict:
            continue  # saved again meanwhile: merge with that one
        return theirs, result
    raise ChapterConflict(theirs)


def apply(document: Any, target: Any) -> Any:
    """``document`` changed in place to equal ``target`` where it can (objects and
    lists); returns the value to put where ``document`` was."""
    if isinstance(document, MutableMapping) and isinstance(target, Mapping):
        _apply_mapping(document, target)
        return document
    if isinstance(document, list) and isinstance(target, list):
        _apply_list(document, target)
        return document
    return document if same(document, target) else as_round_trip(target, document)


def _apply_mapping(document: MutableMapping[str, Any], target: Mapping[str, Any]) -> None:
    for key in [key for key in document if key not in target]:
        del document[key]
    for position, (key, value) in enumerate(target.items()):
        if key in document:
            if not same(document[key], value):
                document[key] = apply(document[key], value)
        else:
            _insert_after_predecessor(document, list(target)[:position], key, as_round_trip(value))


def _insert_after_predecessor(
    document: MutableMapping[str, Any], before: list[str], key: str, value: Any
) -> None:
    """A new key goes after the nearest key that precedes it in the target."""
    present = [name for name in before if name in document]
    position = list(document).index(present[-1]) + 1 if present else 0
    if isinstance(document, CommentedMap):
        document.insert(position, key, value)
    else:
        document[key] = value


def _apply_list(document: list[Any], target: list[Any]) -> None:
    if document and anchored(document) and anchored(target):
        _apply_anchored(document, target)
        return
    for index, value in enumerate(target[: len(document)]):
        if not same(document[index], value):
            document[index] = apply(document[index], value)
    del document[len(target) :]
    document.extend(as_round_trip(value) for value in target[len(document) :])


def _apply_anchored(document: list[Any], target: list[Any]) -> None:
    """Blocks by anchor: a kept block stays the same node (moved if it must),
    deleted ones go, new ones come in at their place."""
    wanted = {item[ANCHOR] for item in target}
    for index in reversed(range(len(document))):
        if document[index][ANCHOR] not in wanted:
            del document[index]
    for index, value in enumerate(target):
        anchors = [item[ANCHOR] for item in document]
        if index < len(document) and anchors[index] == value[ANCHOR]:
            node = document[index]
        elif value[ANCHOR] in anchors:
            node = document.pop(anchors.index(value[ANCHOR]))
            document.insert(index, node)
        else:
            document.insert(index, as_round_trip(value))
            continue
        if not same(node, value):
            document[index] = apply(node, value)


def as_round_trip(value: Any, previous: Any = None) -> Any:
    """Plain dicts and lists as ruamel's objects, so they dump in block style;
    a text of several lines as a literal block, as the editor writes it; a long
    text of one line folded like the sample's (see :func:`folded`), at the folds
    of the ``previous`` text it replaces where they still fit."""
    if isinstance(value, Mapping) and not isinstance(value, CommentedMap):
        result = CommentedMap()
        for key, sub in value.items():
            result[key] = as_round_trip(sub)
        return result
    if isinstance(value, list) and not isinstance(value, CommentedSeq):
        seq = CommentedSeq()
        seq.extend(as_round_trip(sub) for sub in value)
        return seq
    if type(value) is str and "\n" in value:
        return LiteralScalarString(value)
    if type(value) is str:
        return folded(value, previous)
    return value


FOLD_WIDTH = 88
"""Characters of text per line in a folded scalar: the sample's chapters are
folded at about 88 columns of content, so that a one-word change is a one- or
two-line change of the file."""
_UNFOLDABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]| {2}|^\s|\s$")


def folded(text: str, previous: Any = None) -> str:
    """``text`` as a folded block (``>-``) broken at spaces every
    :data:`FOLD_WIDTH` characters, or as it is when it is short or folding could
    change it (line breaks, tabs, doubled or edge spaces: a folded scalar reads
    each line break back as one space, so only single spaces may be folds).

    When it replaces a folded ``previous`` text, that text's folds before and
    after the edit are kept and only the lines around the edit are folded anew,
    so that a one-word change is a one- or two-line change of the file."""
    if len(text) <= FOLD_WIDTH or _UNFOLDABLE.search(text):
        return text
    old_folds = getattr(previous, "fold_pos", None) if isinstance(previous, str) else None
    if old_folds:
        positions = _refold(str(previous), list(old_folds), text)
    else:
        positions = _fold_positions(text)
    if not positions:
        return text
    scalar = FoldedScalarString(text)
    scalar.fold_pos = positions
    result: str = scalar  # a ``str`` that ruamel writes folded
    return result


def _refold(old: str, old_folds: list[int], new: str) -> list[int]:
    """The folds of ``old`` outside the edited span, moved into ``new``; every
    line still longer than the width is folded again."""
    prefix = _shared_start(old, new)
    suffix = _shared_start(old[prefix:][::-1], new[prefix:][::-1])
    shift = len(new) - len(old)
    kept = [p for p in old_folds if p < prefix]
    kept += [p + shift for p in old_folds if p >= len(old) - suffix]
    allowed = _candidates(new)
    kept = [p for p in kept if p in allowed]
    positions: list[int] = []
    start = 0
    for end in [*kept, len(new)]:
        if end - start > FOLD_WIDTH:
            positions.extend(start + p for p in _fold_positions(new[start:end]))
        if end < len(new):
            positions.append(end)
        start = end + 1
    return positions


def _shared_start(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` share at their start."""
    return next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )


def _candidates(text: str) -> set[int]:
    """Where a fold may go: a space between two non-spaces (the only kind ruamel
    keeps, since a no-break space counts as white space)."""
    return {
        index
        for index in range(1, len(text) - 1)
        if text[index] == " " and not text[index - 1].isspace() and not text[index + 1].isspace()
    }


def _fold_positions(text: str) -> list[int]:
    """Greedy: each line takes as many words as fit; a word longer than the
    width stands on its own line."""
    candidates = sorted(_candidates(text))
    positions: list[int] = []
    start = 0
    previous = None
    for index in candidates:
        if index - start > FOLD_WIDTH and previous is not None:
            positions.append(previous)
            start = previous + 1
        previous = index
    if len(text) - start > FOLD_WIDTH and previous is not None and previous > start:
        positions.append(previous)
    return positions


def as_plain(value: Any) -> Any:
    """Plain dicts and lists (scalars kept as read), which later edits leave alone."""
    if isinstance(value, Mapping):
        return {key: as_plain(sub) for key, sub in value.items()}
    if isinstance(value, list):
        return [as_plain(sub) for sub in value]
    return value
