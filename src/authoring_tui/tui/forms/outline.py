"""The outline of a chapter: which parts of the data are nodes of the tree.

A list becomes outline nodes (rather than a list inside the form) when its items
are containers: alternatives of a ``oneOf`` (blocks), or objects that hold such
lists themselves (sections holding blocks). At the chapter's root every list of
objects is a node list. Everything else (key figures, list items, table rows)
is edited inline in the form of its node. This is decided from the schema, so a
workspace's own schema gets its own outline.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ...core.schema import JsonObject, Schema
from .. import strings as S
from .nodes import items, properties, resolve
from .spec import Kind, Path, field_kind, object_node, text_fields, variant_title, words_of

MANAGED_KEYS = frozenset({"statut", "historique_statut", "commentaires"})
"""Keys of the data contract that the tool writes itself (status changes with their
history, proofreading comments): shown by the header, the comments and review
screens, never as free form fields."""
CONTAINER_DEPTH = 8
"""Levels of nested lists looked into to tell whether an item is a container; a
schema that holds itself (``"$ref": "#"``) has no bottom."""


@dataclass
class OutlineEntry:
    """One node of the outline: an object of the chapter and where it sits."""

    path: Path
    depth: int
    label: str
    node: JsonObject
    children: list[OutlineEntry] = field(default_factory=list)
    node_lists: list[str] = field(default_factory=list)
    """Names of this object's lists whose items are outline nodes."""


class OutlineShape:
    """Caches, per schema, which lists are node lists."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        # Keyed by id(); the node is kept in the value so its id is never reused.
        self._container: dict[int, tuple[JsonObject, bool]] = {}
        self._texts: dict[int, tuple[JsonObject, list[str]]] = {}
        self._node_lists: dict[tuple[int, bool], tuple[JsonObject, list[str]]] = {}

    def text_fields(self, node: JsonObject) -> list[str]:
        """``text_fields`` of an object node, worked out once per node."""
        key = id(node)
        if key not in self._texts:
            self._texts[key] = (node, text_fields(self.schema, node))
        return self._texts[key][1]

    def node_lists(self, node: JsonObject, root: bool = False) -> list[str]:
        """The names of ``node``'s lists whose items are outline nodes, worked out once."""
        key = (id(node), root)
        if key not in self._node_lists:
            self._node_lists[key] = (node, self._find_node_lists(node, root))
        return list(self._node_lists[key][1])

    def _find_node_lists(self, node: JsonObject, root: bool) -> list[str]:
        names = []
        for name, sub in properties(self.schema, node).items():
            if name in MANAGED_KEYS or field_kind(self.schema, sub) is not Kind.ARRAY:
                continue
            item = items(self.schema, sub)
            item_kind = field_kind(self.schema, item)
            if self.is_container(item) or (root and item_kind in (Kind.OBJECT, Kind.CHOICE)):
                names.append(name)
        return names

    def is_container(self, item: JsonObject, seen: frozenset[int] = frozenset()) -> bool:
        """Whether ``item`` holds a list of alternatives, itself or in its lists' items."""
        key = id(item)
        if key in self._container:
            return self._container[key][1]
        if key in seen or len(seen) >= CONTAINER_DEPTH:
            return False
        kind = field_kind(self.schema, item)
        result = kind is Kind.CHOICE
        if kind is Kind.OBJECT:
            result = any(
                self._holds_container(sub, seen | {key})
                for sub in properties(self.schema, item).values()
            )
        self._container[key] = (item, result)
        return result

    def _holds_container(self, sub: JsonObject, seen: frozenset[int]) -> bool:
        if field_kind(self.schema, sub) is not Kind.ARRAY:
            return False
        inner = items(self.schema, sub)
        return field_kind(self.schema, inner) is Kind.CHOICE or self.is_container(inner, seen)


def build_outline(shape: OutlineShape, data: Any, root_label: str) -> OutlineEntry:
    """The whole outline, from the chapter root down."""
    schema = shape.schema
    root = OutlineEntry((), 0, root_label, resolve(schema, schema.contents))
    root.node_lists = shape.node_lists(root.node, root=True)
    _add_children(shape, root, data)
    return root


def _add_children(shape: OutlineShape, parent: OutlineEntry, instance: Any) -> None:
    schema = shape.schema
    if not isinstance(instance, Mapping):
        return
    declared = properties(schema, parent.node)
    for name in parent.node_lists:
        values = instance.get(name)
        if not isinstance(values, list):
            continue
        item_node = items(schema, declared[name])
        for index, value in enumerate(values):
            path = (*parent.path, name, index)
            node = object_node(schema, item_node, value)  # the block's type, looked up once
            texts = shape.text_fields(node) if node and isinstance(value, Mapping) else []
            label = label_of(schema, item_node, node, value, index, texts)
            entry = OutlineEntry(path, parent.depth + 1, label, node)
            entry.node_lists = shape.node_lists(node) if node else []
            parent.children.append(entry)
            _add_children(shape, entry, value)


def item_label(schema: Schema, item_node: JsonObject, value: Any, index: int) -> str:
    """« Paragraphe · Dès 2023, le métro… » or « Section 2 · Le renouvellement… »."""
    item_node = resolve(schema, item_node)
    node = object_node(schema, item_node, value)
    texts = text_fields(schema, node) if node and isinstance(value, Mapping) else []
    return label_of(schema, item_node, node, value, index, texts)


def label_of(
    schema: Schema,
    item_node: JsonObject,
    node: JsonObject,
    value: Any,
    index: int,
    texts: list[str],
) -> str:
    """``item_label`` once the item's object node (its alternative) and texts are known."""
    if field_kind(schema, item_node) is Kind.CHOICE:
        head = variant_title(schema, node) if node else str(item_node.get("title", "?"))
    else:
        head = f"{item_node.get('title', S.ITEM)} {index + 1}"
    words = words_of(value, texts)
    return f"{head} · {words}" if words else head


def flatten(entry: OutlineEntry) -> list[OutlineEntry]:
    """Every entry in document order."""
    result = [entry]
    for child in entry.children:
        result.extend(flatten(child))
    return result


def owner_of(entries: list[OutlineEntry], path: Path) -> OutlineEntry:
    """The deepest outline entry whose object holds ``path``."""
    best = entries[0]
    for entry in entries:
        if path[: len(entry.path)] == entry.path and len(entry.path) >= len(best.path):
            best = entry
    return best
