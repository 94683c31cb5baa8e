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
    walker.walk(schema.contents, data, ())
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

    def walk(self, node: JsonObject, instance: Any, path: Path) -> None:
        node = self.schema.resolve(node)
        if node.get("x-completude") is False:
            return
        if "oneOf" in node or "anyOf" in node:
            variant = self.schema.variant_for(node, instance)
            if variant is None:
                return
            node = variant
        if isinstance(instance, Mapping):
            self._walk_object(node, instance, path)
        elif isinstance(instance, list):
            item = self.schema.items(node)
            for index, child in enumerate(instance):
                self.walk(item, child, (*path, index))

    def _walk_object(self, node: JsonObject, instance: Mapping[str, Any], path: Path) -> None:
        properties = self.schema.properties(node)
        for name in node.get("required", []):
            sub = properties.get(name, {})
            if sub.get("x-completude") is False:
                continue
            self._count_slot(sub, instance.get(name), (*path, name))
        for name, value in instance.items():
            if name in properties:
                self.walk(properties[name], value, (*path, name))

    def _count_slot(self, node: JsonObject, value: Any, path: Path) -> None:
        slots = max(1, int(node.get("minItems", 0))) if node.get("type") == "array" else 1
        self.slot_paths.add(path)
        self.total += slots
        if path in self.blocking or is_empty(value):
            return
        self.filled += min(len(value), slots) if isinstance(value, list) else slots


def word_count(schema: Schema, data: Any) -> int:
    """Words of running text: strings that are not codes, ids or enum values.

    Strings whose schema constrains them to a code (``enum``, ``const``,
    ``pattern``, ``format``) and subtrees marked ``"x-mots": false`` (logins,
    comments, status history) are not part of the report's text.
    """
    count = 0
    stack: list[tuple[JsonObject, Any]] = [(schema.contents, data)]
    while stack:
        node, instance = stack.pop()
        node = schema.resolve(node)
        if node.get("x-mots") is False:
            continue
        if "oneOf" in node or "anyOf" in node:
            node = schema.variant_for(node, instance) or {}
        if isinstance(instance, str):
            if not any(key in node for key in ("enum", "const", "pattern", "format")):
                count += len(_WORD.findall(instance))
        elif isinstance(instance, Mapping):
            properties = schema.properties(node)
            stack.extend((properties.get(k, {}), v) for k, v in instance.items())
        elif isinstance(instance, list):
            item = schema.items(node)
            stack.extend((item, v) for v in instance)
    return count
