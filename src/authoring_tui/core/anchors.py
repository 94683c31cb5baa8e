"""Block anchors (``ancre``): how comments and the Word export find a block.

A comment used to address its block by position (``cible: sections/2/blocs/1``),
so moving a block above it moved the comment to another block. Contract v2 gives
every block a short identifier of its own, ``ancre`` (``[a-z0-9]{6}``), that never
changes when the block moves, is edited or changes type; comments say
``bloc: <ancre>``.

What a block is comes from the schema alone: an object whose applicable schema
(``applicable.expand``: references, the ``oneOf`` alternative its ``type`` names…)
declares a property ``ancre``. No ``sections``/``blocs`` walk is written here, so
a workspace's own schema gets anchors wherever it declares them.

``migrate`` brings a v1 chapter to v2 in place: anchors for the blocks that have
none (or a copied block's duplicate), then each comment's ``cible`` rewritten to
the ``bloc`` that encloses it.
"""

from __future__ import annotations

import re
import secrets
import string
from collections.abc import Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any, TypeGuard

from ruamel.yaml.comments import CommentedMap

from .applicable import expand, item_nodes, property_nodes
from .schema import Schema

ANCHOR_KEY = "ancre"
BLOCK_KEY = "bloc"
TARGET_KEY = "cible"
COMMENTS_KEY = "commentaires"
ANCHOR = re.compile(r"[a-z0-9]{6}")
_ALPHABET = string.ascii_lowercase + string.digits

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Block:
    """A block of a chapter: where it is now, and the object itself."""

    path: Path
    value: MutableMapping[str, Any]
    order: tuple[str, ...]
    """The block's properties in schema order, to put a new ``ancre`` in its place."""

    @property
    def anchor(self) -> str | None:
        found = self.value.get(ANCHOR_KEY)
        return found if is_anchor(found) else None


def is_anchor(value: Any) -> TypeGuard[str]:
    return isinstance(value, str) and ANCHOR.fullmatch(value) is not None


def new_anchor(taken: set[str]) -> str:
    """A fresh anchor, none of ``taken`` (36⁶ ≈ 2 billion: a retry is rare)."""
    while True:
        anchor = "".join(secrets.choice(_ALPHABET) for _ in range(6))
        if anchor not in taken:
            return anchor


# -- Finding blocks -------------------------------------------------------------


def blocks(schema: Schema, data: Any) -> list[Block]:
    """Every block of the chapter, in document order (an enclosing block before
    the blocks it holds)."""
    return list(_walk(schema, [schema.contents], data, ()))


def _walk(schema: Schema, nodes: list[Any], instance: Any, path: Path) -> Iterator[Block]:
    if not isinstance(instance, Mapping | list) or not nodes:
        return
    applicable = expand(schema, nodes, instance)
    if isinstance(instance, list):
        for index, item in enumerate(instance):
            if isinstance(item, dict | list):  # 100 000 logins: no walk into each
                yield from _walk(schema, item_nodes(applicable, index), item, (*path, index))
        return
    order = _declared_order(applicable)
    if ANCHOR_KEY in order and isinstance(instance, MutableMapping):
        yield Block(path, instance, order)
    for name, value in instance.items():
        if isinstance(value, dict | list):
            yield from _walk(schema, property_nodes(applicable, str(name)), value, (*path, name))


def _declared_order(applicable: list[Any]) -> tuple[str, ...]:
    names: list[str] = []
    for node in applicable:
        declared = node.get("properties") if isinstance(node, Mapping) else None
        if isinstance(declared, Mapping):
            names.extend(name for name in declared if name not in names)
    return tuple(names)


def find_block(schema: Schema, data: Any, anchor: str) -> Path | None:
    """Where the block with this anchor is now, or ``None`` (deleted)."""
    return next((block.path for block in blocks(schema, data) if block.anchor == anchor), None)


def anchor_paths(schema: Schema, data: Any) -> dict[str, Path]:
    """Every anchor of the chapter and its block's path (the first, if repeated)."""
    found: dict[str, Path] = {}
    for block in blocks(schema, data):
        if block.anchor is not None:
            found.setdefault(block.anchor, block.path)
    return found


def enclosing_block(found: list[Block], path: Path) -> Block | None:
    """The innermost block that holds ``path`` (itself included)."""
    holders = [block for block in found if path[: len(block.path)] == block.path]
    return max(holders, key=lambda block: len(block.path), default=None)


def parse_target(cible: Any) -> Path:
    """A v1 ``cible`` (``sections/0/blocs/2``) as a path."""
    parts = [part for part in str(cible or "").strip("/").split("/") if part]
    return tuple(int(part) if part.isdigit() else part for part in parts)


# -- Giving anchors and migrating comments --------------------------------------


def assign_anchors(schema: Schema, data: Any) -> bool:
    """An anchor for every block that has none, and a new one for a block whose
    anchor an earlier block already has (a block copied in the file: the first
    in reading order keeps it, with its comments); returns whether any changed."""
    found = blocks(schema, data)
    taken = {block.anchor for block in found if block.anchor is not None}
    seen: set[str] = set()
    changed = False
    for block in found:
        anchor = block.anchor
        if anchor is None or anchor in seen:
            anchor = new_anchor(taken)
            taken.add(anchor)
            put_anchor(block.value, anchor, block.order)
            changed = True
        seen.add(anchor)
    return changed


def put_anchor(block: MutableMapping[str, Any], anchor: str, order: tuple[str, ...]) -> None:
    """``block["ancre"] = anchor``, a new key going where the schema orders it
    (after ``type``), so the file reads the same in every chapter."""
    if ANCHOR_KEY in block or not isinstance(block, CommentedMap):
        block[ANCHOR_KEY] = anchor
        return
    before = order[: order.index(ANCHOR_KEY)] if ANCHOR_KEY in order else order
    position = sum(1 for key in block if key in before)
    block.insert(position, ANCHOR_KEY, anchor)


def renew_inserted(schema: Schema, data: Any, path: Path) -> None:
    """Anchors for the value just inserted at ``path`` and the blocks it holds:
    one carried over from a block still in the chapter (a copy) is replaced,
    wherever the copy went; a block the chapter no longer has keeps its own."""
    found = blocks(schema, data)
    inside = [block for block in found if block.path[: len(path)] == path]
    elsewhere = {b.anchor for b in found if b.path[: len(path)] != path and b.anchor}
    taken = elsewhere | {block.anchor for block in inside if block.anchor}
    seen: set[str] = set()
    for block in inside:
        anchor = block.anchor
        if anchor is None or anchor in elsewhere or anchor in seen:
            anchor = new_anchor(taken)
            taken.add(anchor)
            put_anchor(block.value, anchor, block.order)
        seen.add(anchor)


def keep_anchor(schema: Schema, data: Any, path: Path, previous: Any) -> None:
    """Give the block now at ``path`` the anchor of the value it replaced (a block
    whose type changed stays the same block for its comments)."""
    anchor = previous.get(ANCHOR_KEY) if isinstance(previous, Mapping) else None
    if not is_anchor(anchor):
        return
    block = next((b for b in blocks(schema, data) if b.path == path), None)
    if block is not None and block.anchor is None:
        put_anchor(block.value, str(anchor), block.order)


def migrate_comments(schema: Schema, data: Any) -> bool:
    """Rewrite each v1 comment (``cible``, no ``bloc``) to the anchor of the block
    that encloses its target; returns whether any changed.

    Run before any block moves: a ``cible`` is a position in the file as written.
    A target that is not inside a block (a section, the chapter itself, a place
    that no longer exists) keeps its ``cible``: there is no block to follow, and
    the export and the app still read it.
    """
    comments = data.get(COMMENTS_KEY) if isinstance(data, Mapping) else None
    if not isinstance(comments, list):
        return False
    found = blocks(schema, data)
    changed = False
    for comment in comments:
        if not isinstance(comment, MutableMapping) or comment.get(BLOCK_KEY):
            continue
        if TARGET_KEY not in comment:
            continue
        block = enclosing_block(found, parse_target(comment[TARGET_KEY]))
        if block is None or block.anchor is None:
            continue
        _retarget(comment, block.anchor)
        changed = True
    return changed


def _retarget(comment: MutableMapping[str, Any], anchor: str) -> None:
    """``cible`` replaced by ``bloc`` at the same place in the comment."""
    if isinstance(comment, CommentedMap):
        position = list(comment).index(TARGET_KEY)
        del comment[TARGET_KEY]
        comment.insert(position, BLOCK_KEY, anchor)
    else:
        del comment[TARGET_KEY]
        comment[BLOCK_KEY] = anchor


def migrate(schema: Schema, data: Any) -> bool:
    """Bring a chapter to contract v2 in place (anchors, then comments on anchors);
    returns whether anything changed. Running it again changes nothing."""
    if not isinstance(data, MutableMapping):
        return False
    anchored = assign_anchors(schema, data)
    return migrate_comments(schema, data) or anchored
