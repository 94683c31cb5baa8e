"""What the form shows for a piece of chapter data, read from its JSON Schema alone.

The editor never names a block type or a field: it asks this module what kind of
field a schema node is (short text, long text, number, enum, group, list, choice
between alternatives), what its French label and help are, and what a new, empty
value looks like. A workspace that brings its own schema gets its own form.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from ...core.completeness import is_empty
from ...core.schema import JsonObject, Schema, discriminators, enum_title

Path = tuple[str | int, ...]

LONG_TEXT = 300
"""A string whose ``maxLength`` is above this gets a text area, not a one-line input."""


class Kind(Enum):
    TEXT = "text"
    TEXTAREA = "textarea"
    NUMBER = "number"
    INTEGER = "integer"
    NUMBER_OR_TEXT = "number_or_text"
    ENUM = "enum"
    BOOLEAN = "boolean"
    CONST = "const"
    OBJECT = "object"
    ARRAY = "array"
    CHOICE = "choice"
    UNSUPPORTED = "unsupported"


SCALAR_KINDS = {
    Kind.TEXT,
    Kind.TEXTAREA,
    Kind.NUMBER,
    Kind.INTEGER,
    Kind.NUMBER_OR_TEXT,
    Kind.ENUM,
    Kind.BOOLEAN,
}


@dataclass(frozen=True)
class FieldSpec:
    """One field of the form: where its value lives and how to edit it."""

    path: Path
    kind: Kind
    node: JsonObject
    title: str
    description: str
    required: bool
    readonly: bool

    @property
    def options(self) -> list[tuple[str, Any]]:
        """(French title, value) of an enum, in schema order."""
        return [(enum_title(self.node, value), value) for value in self.node.get("enum", [])]


def types_of(node: JsonObject) -> set[str]:
    declared = node.get("type")
    if isinstance(declared, str):
        return {declared}
    return set(declared) if isinstance(declared, list) else set()


def field_kind(schema: Schema, node: JsonObject) -> Kind:
    """The widget family a (resolved) schema node calls for."""
    node = schema.resolve(node)
    types = types_of(node)
    if "const" in node:
        return Kind.CONST
    if "enum" in node:
        return Kind.ENUM
    if "oneOf" in node or "anyOf" in node:
        return Kind.CHOICE
    if types == {"number", "string"} or types == {"integer", "string"}:
        return Kind.NUMBER_OR_TEXT
    if types == {"string"}:
        long_text = node.get("x-widget") == "textarea" or node.get("maxLength", 0) > LONG_TEXT
        return Kind.TEXTAREA if long_text else Kind.TEXT
    if types == {"number"}:
        return Kind.NUMBER
    if types == {"integer"}:
        return Kind.INTEGER
    if types == {"boolean"}:
        return Kind.BOOLEAN
    if types == {"array"} or "items" in node:
        return Kind.ARRAY
    if types == {"object"} or "properties" in node:
        return Kind.OBJECT
    return Kind.UNSUPPORTED


def object_node(schema: Schema, node: JsonObject, instance: Any) -> JsonObject:
    """The object schema that applies to ``instance``: the chosen alternative of a ``oneOf``."""
    node = schema.resolve(node)
    if "oneOf" in node or "anyOf" in node:
        return schema.variant_for(node, instance) or {}
    return node


def node_at(schema: Schema, data: Any, path: Path) -> JsonObject:
    """The resolved schema node of the value at ``path`` (alternatives not applied)."""
    node: JsonObject = schema.contents
    instance = data
    for part in path:
        node = object_node(schema, node, instance)
        if isinstance(part, int):
            node = schema.items(node)
            instance = instance[part] if isinstance(instance, list) else None
        else:
            node = schema.properties(node).get(part, {})
            instance = instance.get(part) if isinstance(instance, Mapping) else None
    return schema.resolve(node)


def fields_of(
    schema: Schema, node: JsonObject, instance: Any, path: Path, skip: set[str] | None = None
) -> list[FieldSpec]:
    """The fields of an object node in schema order, ``const`` discriminators left out."""
    node = object_node(schema, node, instance)
    required = set(node.get("required", []))
    specs = []
    for name, sub in schema.properties(node).items():
        kind = field_kind(schema, sub)
        if kind is Kind.CONST or (skip and name in skip):
            continue
        specs.append(field_spec(schema, sub, (*path, name), name in required, str(name)))
    return specs


def field_spec(
    schema: Schema, node: JsonObject, path: Path, required: bool, name: str
) -> FieldSpec:
    node = schema.resolve(node)
    return FieldSpec(
        path=path,
        kind=field_kind(schema, node),
        node=node,
        title=str(node.get("title", name)),
        description=str(node.get("description", "")),
        required=required,
        readonly=bool(node.get("x-readonly", False)),
    )


def item_spec(schema: Schema, array: FieldSpec, index: int) -> FieldSpec:
    item = schema.items(array.node)
    title = str(item.get("title", "Élément"))
    spec = field_spec(schema, item, (*array.path, index), True, title)
    return FieldSpec(
        spec.path, spec.kind, spec.node, f"{title} {index + 1}", spec.description, True, False
    )


def variant_title(schema: Schema, variant: JsonObject) -> str:
    title = variant.get("title")
    if title:
        return str(title)
    return "/".join(str(v) for v in discriminators(schema, variant).values()) or "?"


def skeleton(schema: Schema, node: JsonObject) -> Any:
    """A new value for ``node`` holding its constants and required fields, empty.

    An alternative of a ``oneOf`` brings its discriminator (``type: zoom``); a
    required list with ``minItems`` gets that many empty items so the form shows
    where to write; an enum with a ``default`` starts there.
    """
    node = schema.resolve(node)
    if "const" in node:
        return node["const"]
    if "default" in node:
        return node["default"]
    kind = field_kind(schema, node)
    if kind is Kind.CHOICE:
        variants = schema.variants(node)
        return skeleton(schema, variants[0]) if variants else {}
    if kind is Kind.OBJECT:
        required = node.get("required", [])
        values = {
            name: skeleton(schema, sub)
            for name, sub in schema.properties(node).items()
            if name in required
        }
        # An enum without default or a number has no honest empty value: left unset.
        return {name: value for name, value in values.items() if value is not None}
    if kind is Kind.ARRAY:
        item = schema.items(node)
        return [skeleton(schema, item) for _ in range(int(node.get("minItems", 0)))]
    if kind in (Kind.TEXT, Kind.TEXTAREA, Kind.NUMBER_OR_TEXT):
        return ""
    if kind is Kind.BOOLEAN:
        return False
    return None


@dataclass(frozen=True)
class TypeChange:
    """What switching an alternative keeps and drops (by French field titles)."""

    value: dict[str, Any]
    kept: list[str]
    dropped: list[str]
    loses_text: bool


def change_variant(
    schema: Schema, choice: JsonObject, instance: Mapping[str, Any], target: JsonObject
) -> TypeChange:
    """The instance rewritten as alternative ``target``: shared fields kept, others dropped."""
    current = schema.variant_for(choice, instance) or {}
    old_fields = schema.properties(current)
    new_fields = schema.properties(target)
    value: dict[str, Any] = dict(skeleton(schema, target))
    constants = discriminators(schema, target)
    kept, dropped, loses_text = [], [], False
    for name, old_value in instance.items():
        if name in constants:
            continue
        title = str(old_fields.get(name, {}).get("title", name))
        if name in new_fields and field_kind(schema, new_fields[name]) == field_kind(
            schema, old_fields.get(name, {})
        ):
            value[name] = old_value
            kept.append(title)
        else:
            dropped.append(title)
            loses_text = loses_text or not is_empty(old_value)
    ordered = {name: value[name] for name in new_fields if name in value}
    return TypeChange(ordered, kept, dropped, loses_text)


def text_fields(schema: Schema, node: JsonObject) -> list[str]:
    """An object's text fields, required ones first (a title says more than a number)."""
    required = node.get("required", [])
    texts = [
        name
        for name, sub in schema.properties(node).items()
        if field_kind(schema, sub) in (Kind.TEXT, Kind.TEXTAREA)
    ]
    texts.sort(key=lambda name: name not in required)
    return texts


def words_of(instance: Any, texts: list[str], limit: int = 40) -> str:
    """The first running text of an item (the first non-blank of ``texts``, see
    ``text_fields``, or the item itself when it is a text), to label it in the outline."""
    if isinstance(instance, str):
        text = instance
    elif isinstance(instance, Mapping):
        values = [instance.get(name) for name in texts]
        text = next((v for v in values if isinstance(v, str) and v.strip()), "")
    else:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
