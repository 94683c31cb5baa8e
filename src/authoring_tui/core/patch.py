"""Make a round-trip document hold a target tree, touching only what differs.

A merged save is written over the version on disk: loaded in round trip, it is
changed in place until its plain value is the merged tree. Untouched mappings,
lists and scalars stay the very ruamel objects read from the file, so their
comments, key order, quoting and folded text are written back as they were.
The store's hash check then holds; if the file changed yet again meanwhile, the
merge is made again with that version (``save_merged``).
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

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
    return document if same(document, target) else as_round_trip(target)


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


def as_round_trip(value: Any) -> Any:
    """Plain dicts and lists as ruamel's objects, so they dump in block style;
    a text of several lines as a literal block, as the editor writes it."""
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
    return value


def as_plain(value: Any) -> Any:
    """Plain dicts and lists (scalars kept as read), which later edits leave alone."""
    if isinstance(value, Mapping):
        return {key: as_plain(sub) for key, sub in value.items()}
    if isinstance(value, list):
        return [as_plain(sub) for sub in value]
    return value
