"""Completeness and word count of a chapter, walked along its schema.

The rule (data contract): completeness = required fields that hold a valid,
non-empty value, over all required fields, for the chapter as it stands, that is
the required properties of every object present, and the ``minItems`` slots of
required arrays. Every validation error that falls on no required field (an
unknown field, a bad optional value) counts as one more unfilled slot, so a
chapter is at 100 % exactly when it is complete and valid. Subtrees marked
``"x-completude": false`` in the schema (comments, status history) do not count.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .applicable import expand, item_nodes, property_nodes, required_names
from .schema import JsonObject, Schema
from .validation import Issue, Path

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@dataclass(frozen=True)
class Completeness:
    """Filled slots over total slots; ``percent`` is what everyone sees."""

    filled: int
    total: int

    @property
    def percent(self) -> float:
        return 100.0 if self.total == 0 else 100.0 * self.filled / self.total

    def __add__(self, other: Completeness) -> Completeness:
        return Completeness(self.filled + other.filled, self.total + other.total)


def completeness(schema: Schema, data: Any, issues: list[Issue]) -> Completeness:
    """Completeness of ``data`` given its validation ``issues`` (see module doc)."""
    walker = _SlotWalker(schema, issues)
    walker.walk([schema.contents], data, ())
    unattributed = sum(1 for issue in issues if issue.path not in walker.slot_paths)
    return Completeness(walker.filled, walker.total + unattributed)


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | Mapping):
        return len(value) == 0
    return False


class _SlotWalker:
    def __init__(self, schema: Schema, issues: list[Issue]) -> None:
        self.schema = schema
        self.blocking = {issue.path for issue in issues if issue.keyword != "minItems"}
        self.slot_paths: set[Path] = set()
        self.filled = 0
        self.total = 0

    def walk(self, nodes: list[Any], instance: Any, path: Path) -> None:
        stack = [(nodes, instance, path)]
        while stack:
            nodes, instance, path = stack.pop()
            applicable = expand(self.schema, nodes, instance)
            if _not_counted(applicable, "x-completude"):
                continue
            if isinstance(instance, Mapping):
                self._count_object(applicable, instance, path)
                children = instance.items()
                stack.extend(
                    (subs, value, (*path, name))
                    for name, value in children
                    if (subs := property_nodes(applicable, name))
                )
            elif isinstance(instance, list):
                stack.extend(
                    (subs, value, (*path, index))
                    for index, value in enumerate(instance)
                    if (subs := item_nodes(applicable, index))
                )

    def _count_object(
        self, applicable: list[JsonObject], instance: Mapping[str, Any], path: Path
    ) -> None:
        for name in required_names(applicable, instance):
            value = instance.get(name)
            slot = expand(self.schema, property_nodes(applicable, name), value)
            if not _not_counted(slot, "x-completude"):
                self._count_slot(slot, value, (*path, name))

    def _count_slot(self, slot: list[JsonObject], value: Any, path: Path) -> None:
        slots = _array_slots(slot)
        self.slot_paths.add(path)
        self.total += slots
        if path in self.blocking or is_empty(value):
            return
        self.filled += min(len(value), slots) if isinstance(value, list) else slots


def _array_slots(slot: list[JsonObject]) -> int:
    """A required list counts ``minItems`` slots (at least one); anything else one."""
    if not any(_allows_type(node, "array") for node in slot):
        return 1
    minimums = [node.get("minItems") for node in slot]
    return max([1, *(int(m) for m in minimums if isinstance(m, int | float))])


def _allows_type(node: JsonObject, name: str) -> bool:
    declared = node.get("type")
    return declared == name or (isinstance(declared, list) and name in declared)


def _not_counted(nodes: list[JsonObject], keyword: str) -> bool:
    return any(node.get(keyword) is False for node in nodes)


def word_count(schema: Schema, data: Any) -> int:
    """Words of running text: strings that are not codes, ids or enum values.

    Strings whose schema constrains them to a code (``enum``, ``const``,
    ``pattern``, ``format``) and subtrees marked ``"x-mots": false`` (logins,
    comments, status history) are not part of the report's text.
    """
    count = 0
    stack: list[tuple[list[Any], Any]] = [([schema.contents], data)]
    while stack:
        nodes, instance = stack.pop()
        applicable = expand(schema, nodes, instance)
        if _not_counted(applicable, "x-mots"):
            continue
        if isinstance(instance, str):
            if not any(key in node for node in applicable for key in _CODE_KEYWORDS):
                count += len(_WORD.findall(instance))
        elif isinstance(instance, Mapping):
            stack.extend((property_nodes(applicable, k), v) for k, v in instance.items())
        elif isinstance(instance, list):
            stack.extend((item_nodes(applicable, i), v) for i, v in enumerate(instance))
    return count


_CODE_KEYWORDS = ("enum", "const", "pattern", "format")
