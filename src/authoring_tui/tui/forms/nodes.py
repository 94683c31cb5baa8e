"""The schema as the form reads it: one subschema at a time, never all or nothing.

The core raises ``SchemaError`` for a reference that leads nowhere or loops.
Asked for an object's properties, it raises for the whole object when one of
them is such a reference; the form must still show the others. Here each
subschema that cannot be read becomes a ``BrokenNode`` standing where it was
met, carrying the core's French reason: the field shows read-only with it, and
everything around it is built as usual.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...core.errors import SchemaError
from ...core.schema import JsonObject, Schema

MAX_MERGED = 16
"""``allOf`` levels read for properties when they must be read one by one; the
core itself refuses loops, this only bounds the slow path."""


class BrokenNode(dict[str, Any]):
    """A subschema the core could not read. Empty, so that whatever walks it sees
    nothing (no property, no item); ``reason`` is the core's French message."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


def resolve(schema: Schema, node: Any) -> JsonObject:
    try:
        return schema.resolve(node)
    except SchemaError as error:
        return BrokenNode(error.message)


def properties(schema: Schema, node: Any) -> dict[str, JsonObject]:
    """An object's properties, resolved; those the core cannot read are broken nodes."""
    node = resolve(schema, node)
    try:
        return schema.properties(node)
    except SchemaError:
        return _one_by_one(schema, node, MAX_MERGED)


def _one_by_one(schema: Schema, node: JsonObject, levels: int) -> dict[str, JsonObject]:
    """The properties of ``node`` and of its ``allOf`` members, each resolved alone
    (its own first, as the core orders them)."""
    found: dict[str, JsonObject] = {}
    declared = node.get("properties")
    if isinstance(declared, Mapping):
        found = {name: resolve(schema, sub) for name, sub in declared.items()}
    members = node.get("allOf")
    if levels and isinstance(members, list):
        for member in members:
            inner = _one_by_one(schema, resolve(schema, member), levels - 1)
            for name, sub in inner.items():
                found.setdefault(name, sub)
    return found


def items(schema: Schema, node: Any) -> JsonObject:
    """The schema of a list's items (``{}`` when the list says nothing of them)."""
    try:
        return schema.items(node)
    except SchemaError as error:
        return BrokenNode(error.message)


def variants(schema: Schema, node: Any) -> list[JsonObject]:
    """The alternatives of a ``oneOf``/``anyOf``, each resolved alone."""
    try:
        return schema.variants(node)
    except SchemaError:
        node = resolve(schema, node)
        alternatives = node.get("oneOf") or node.get("anyOf")
        return [resolve(schema, alt) for alt in alternatives or []]


def variant_for(schema: Schema, node: Any, instance: Any) -> JsonObject | None:
    """The alternative ``instance`` names by its discriminator, if the core can tell."""
    try:
        return schema.variant_for(node, instance)
    except SchemaError:
        return None


def discriminators(schema: Schema, node: Any) -> dict[str, Any]:
    """The ``const`` properties that name an alternative (``{"type": "zoom"}``)."""
    return {name: sub["const"] for name, sub in properties(schema, node).items() if "const" in sub}
