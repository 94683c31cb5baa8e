"""What the form shows for a piece of chapter data, read from its JSON Schema alone.

The editor never names a block type or a field: it asks this module what kind of
field a schema node is (short text, long text, number, enum, group, list, choice
between alternatives), what its French label and help are, and what a new, empty
value looks like. A workspace that brings its own schema gets its own form.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

from ...core.completeness import is_empty
from ...core.field_roles import SECRETARIAT
from ...core.schema import JsonObject, Schema, enum_title
from .. import strings as S
from .nodes import BrokenNode, discriminators, items, properties, resolve, variant_for, variants

Path = tuple[str | int, ...]

LONG_TEXT = 300
"""A string whose ``maxLength`` is above this gets a text area, not a one-line input."""
SKELETON_DEPTH = 8
"""Levels of required objects a new value is given; a schema that requires itself
(``"$ref": "#"`` among its required fields) would otherwise never end."""
SCALARS = (str, int, float, bool, type(None))
HIDDEN = "hidden"
MEDIA = "media"
"""``"x-widget": "media"``: a path under ``medias/``, chosen among the workspace's pictures."""
"""``"x-widget": "hidden"``: a value the tool writes (a block's ``ancre``), not shown."""
GRID = "grille"
"""``"x-widget": "grille"`` on a list of rows: edited as a grid, whose header row
is the sibling list its ``x-largeur`` names (a table's ``colonnes``)."""
WIDTH_OF = "x-largeur"


class Kind(Enum):
    TEXT = "text"
    TEXTAREA = "textarea"
    NUMBER = "number"
    INTEGER = "integer"
    NUMBER_OR_TEXT = "number_or_text"
    ENUM = "enum"
    BOOLEAN = "boolean"
    CONST = "const"
    MEDIA = "media"
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
    Kind.MEDIA,
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
    reason: str = ""
    """Why the form cannot edit this field (French), when it cannot."""
    role: str = ""
    """Who may change the field (the schema's ``x-role``, see ``core/field_roles.py``)."""

    @property
    def hidden(self) -> bool:
        """Written by the tool, never by hand (``"x-widget": "hidden"``: a block's
        ``ancre``): the form leaves it out, the value stays in the data."""
        return is_hidden(self.node)

    @property
    def grid_headers(self) -> str | None:
        """The sibling field holding the column headers when this list of rows is
        edited as a grid (``"x-widget": "grille"``), else ``None``."""
        return grid_headers(self.node)

    def reserved_for(self, secretariat: bool) -> bool:
        """Whether the schema leaves this field to the secrétariat and the user is
        not of it: the form shows it read-only (a save would be refused anyway)."""
        return self.role == SECRETARIAT and not secretariat

    @property
    def options(self) -> list[tuple[str, Any]]:
        """(French title, value) of an enum, in schema order."""
        return [(enum_title(self.node, value), value) for value in self.node.get("enum", [])]


def is_hidden(node: JsonObject) -> bool:
    return node.get("x-widget") == HIDDEN


def grid_headers(node: JsonObject) -> str | None:
    headers = node.get(WIDTH_OF)
    grid = node.get("x-widget") == GRID and types_of(node) == {"array"}
    return headers if grid and isinstance(headers, str) else None


def types_of(node: JsonObject) -> set[str]:
    declared = node.get("type")
    if isinstance(declared, str):
        return {declared}
    return set(declared) if isinstance(declared, list) else set()


TYPE_KINDS = {
    frozenset({"string"}): Kind.TEXT,
    frozenset({"number"}): Kind.NUMBER,
    frozenset({"integer"}): Kind.INTEGER,
    frozenset({"number", "string"}): Kind.NUMBER_OR_TEXT,
    frozenset({"integer", "string"}): Kind.NUMBER_OR_TEXT,
    frozenset({"boolean"}): Kind.BOOLEAN,
    frozenset({"array"}): Kind.ARRAY,
    frozenset({"object"}): Kind.OBJECT,
}


def field_kind(schema: Schema, node: Any) -> Kind:
    """The widget family a schema node calls for."""
    return classify(schema, node)[0]


def classify(schema: Schema, node: Any) -> tuple[Kind, str]:
    """The widget family a schema node calls for and, when the form has none for
    it (``Kind.UNSUPPORTED``), why, in French, for the read-only field that shows it."""
    node = resolve(schema, node)
    if isinstance(node, BrokenNode):
        return Kind.UNSUPPORTED, node.reason
    if "const" in node:
        return Kind.CONST, S.WHY_CONST.format(value=shown_json(node["const"]))
    if node.get("not") in ({}, True):
        return Kind.UNSUPPORTED, S.WHY_NOTHING_ALLOWED
    if "enum" in node:
        return _enum_kind(node)
    if "oneOf" in node or "anyOf" in node:
        return _choice_kind(node)
    if "prefixItems" in node:
        return Kind.UNSUPPORTED, S.WHY_PREFIX_ITEMS
    types = types_of(node)
    if types:
        return _typed_kind(node, types)
    if "items" in node:
        return Kind.ARRAY, ""
    if "properties" in node:
        return Kind.OBJECT, ""
    return Kind.UNSUPPORTED, _why_untyped(node)


def _enum_kind(node: JsonObject) -> tuple[Kind, str]:
    values = node["enum"]
    if isinstance(values, list) and all(isinstance(value, SCALARS) for value in values):
        return Kind.ENUM, ""
    return Kind.UNSUPPORTED, S.WHY_COMPOUND_ENUM


def _choice_kind(node: JsonObject) -> tuple[Kind, str]:
    """Alternatives are edited as groups of fields, one chosen by its discriminator:
    only alternatives that are objects can be (read as written: no reference followed,
    this runs for every block of the outline)."""
    keyword = "oneOf" if "oneOf" in node else "anyOf"
    alternatives = node[keyword]
    if isinstance(alternatives, list) and all(map(_looks_like_object, alternatives)):
        return Kind.CHOICE, ""
    return Kind.UNSUPPORTED, S.WHY_CHOICE.format(keyword=keyword)


def _looks_like_object(node: Any) -> bool:
    if not isinstance(node, Mapping):
        return False
    return "$ref" in node or "properties" in node or types_of(node) == {"object"}


def _typed_kind(node: JsonObject, types: set[str]) -> tuple[Kind, str]:
    kind = TYPE_KINDS.get(frozenset(types))
    if kind is Kind.TEXT and node.get("x-widget") == MEDIA:
        return Kind.MEDIA, ""
    if kind is Kind.TEXT and (node.get("x-widget") == "textarea" or _long(node)):
        return Kind.TEXTAREA, ""
    if kind is not None:
        return kind, ""
    if types == {"null"}:
        return Kind.UNSUPPORTED, S.WHY_NULL
    names = ", ".join(S.TYPE_NAMES.get(name, name) for name in sorted(types))
    return Kind.UNSUPPORTED, S.WHY_TYPES.format(types=names)


def _long(node: JsonObject) -> bool:
    limit = node.get("maxLength", 0)
    return isinstance(limit, int | float) and limit > LONG_TEXT


def shown_json(value: Any) -> str:
    """A schema's value as its author wrote it (JSON), text without quotes."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _why_untyped(node: JsonObject) -> str:
    if "not" in node:
        return S.WHY_NOT
    if "if" in node:
        return S.WHY_CONDITIONAL
    return S.WHY_UNTYPED


def object_node(schema: Schema, node: Any, instance: Any) -> JsonObject:
    """The object schema that applies to ``instance``: the chosen alternative of a ``oneOf``."""
    resolved: JsonObject = resolve(schema, node)
    if "oneOf" in resolved or "anyOf" in resolved:
        chosen: JsonObject | None = variant_for(schema, resolved, instance)
        return chosen or {}
    return resolved


def node_at(schema: Schema, data: Any, path: Path) -> JsonObject:
    """The resolved schema node of the value at ``path`` (alternatives not applied)."""
    node: JsonObject = schema.contents
    instance = data
    for part in path:
        node = object_node(schema, node, instance)
        if isinstance(part, int):
            node = items(schema, node)
            instance = instance[part] if _has_index(instance, part) else None
        else:
            node = properties(schema, node).get(part, {})
            instance = instance.get(part) if isinstance(instance, Mapping) else None
    return resolve(schema, node)


def _has_index(instance: Any, index: int) -> bool:
    return isinstance(instance, list) and 0 <= index < len(instance)


def fields_of(
    schema: Schema, node: JsonObject, instance: Any, path: Path, skip: set[str] | None = None
) -> list[FieldSpec]:
    """The fields of an object node in schema order, ``const`` discriminators left out."""
    node = object_node(schema, node, instance)
    required = required_of(node)
    specs = []
    for name, sub in properties(schema, node).items():
        spec = field_spec(schema, sub, (*path, name), name in required, str(name))
        if spec.kind is Kind.CONST or spec.hidden or (skip and name in skip):
            continue
        specs.append(spec)
    return specs


def form_fields(
    schema: Schema, node: JsonObject, instance: Any, path: Path, skip: set[str] | None = None
) -> list[FieldSpec]:
    """The fields the form shows for an object node: ``fields_of`` but for the
    header lists that a sibling grid edits as its first row (not shown twice)."""
    specs = fields_of(schema, node, instance, path, skip)
    in_grids = {spec.grid_headers for spec in specs if edits_as_grid(spec, instance)}
    return [spec for spec in specs if spec.path[-1] not in in_grids]


def edits_as_grid(spec: FieldSpec, table: Any) -> bool:
    """Whether the field ``spec`` of the object ``table`` is edited as a grid: it
    is marked so, its headers are a list of texts and its rows lists of texts
    (or absent). A value of another shape is left to the generic form, which
    shows it as it is: the grid never overwrites what it cannot show."""
    headers = spec.grid_headers
    if spec.kind is not Kind.ARRAY or headers is None or not isinstance(table, Mapping):
        return False
    columns, rows = table.get(headers), table.get(spec.path[-1])
    if rows is not None and not isinstance(rows, list):
        return False
    return (columns is None or _cells(columns)) and all(_cells(row) for row in rows or [])


def _cells(line: Any) -> bool:
    return isinstance(line, list) and all(isinstance(cell, SCALARS) for cell in line)


def required_of(node: JsonObject) -> set[str]:
    required = node.get("required")
    return (
        {name for name in required if isinstance(name, str)}
        if isinstance(required, list)
        else set()
    )


def field_spec(schema: Schema, node: Any, path: Path, required: bool, name: str) -> FieldSpec:
    node = resolve(schema, node)
    kind, reason = classify(schema, node)
    return FieldSpec(
        path=path,
        kind=kind,
        node=node,
        title=str(node.get("title", name)),
        description=str(node.get("description", "")),
        required=required,
        readonly=bool(node.get("x-readonly") or node.get("readOnly")),
        reason=reason,
        role=str(node.get("x-role") or ""),
    )


def item_spec(schema: Schema, array: FieldSpec, index: int) -> FieldSpec:
    item = items(schema, array.node)
    title = str(item.get("title", S.ITEM))
    spec = field_spec(schema, item, (*array.path, index), True, title)
    return replace(spec, title=f"{title} {index + 1}")


def variant_title(schema: Schema, variant: JsonObject) -> str:
    title = variant.get("title")
    if title:
        return str(title)
    return "/".join(str(v) for v in discriminators(schema, variant).values()) or "?"


def skeleton(schema: Schema, node: Any, depth: int = SKELETON_DEPTH) -> Any:
    """A new value for ``node`` holding its constants and required fields, empty.

    An alternative of a ``oneOf`` brings its discriminator (``type: zoom``); a
    required list with ``minItems`` gets that many empty items so the form shows
    where to write; an enum with a ``default`` starts there. ``depth`` bounds the
    levels of required objects (a schema may require itself).
    """
    node = resolve(schema, node)
    if "const" in node:
        return node["const"]
    if "default" in node:
        return node["default"]
    kind = field_kind(schema, node)
    if depth <= 0 and kind in (Kind.OBJECT, Kind.CHOICE, Kind.ARRAY):
        return None
    if kind is Kind.CHOICE:
        alternatives = variants(schema, node)
        return skeleton(schema, alternatives[0], depth - 1) if alternatives else {}
    if kind is Kind.OBJECT:
        return _object_skeleton(schema, node, depth)
    if kind is Kind.ARRAY:
        item = items(schema, node)
        count = node.get("minItems", 0)
        return [skeleton(schema, item, depth - 1) for _ in range(int(count))]
    if kind in (Kind.TEXT, Kind.TEXTAREA, Kind.NUMBER_OR_TEXT, Kind.MEDIA):
        return ""
    if kind is Kind.BOOLEAN:
        return False
    return None


def _object_skeleton(schema: Schema, node: JsonObject, depth: int) -> dict[str, Any]:
    required = required_of(node)
    values = {
        name: skeleton(schema, sub, depth - 1)
        for name, sub in properties(schema, node).items()
        if name in required
    }
    # An enum without default or a number has no honest empty value: left unset.
    return {name: value for name, value in values.items() if value is not None}


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
    current = variant_for(schema, choice, instance) or {}
    old_fields = properties(schema, current)
    new_fields = properties(schema, target)
    value: dict[str, Any] = dict(skeleton(schema, target))
    constants = discriminators(schema, target)
    kept, dropped, loses_text = [], [], False
    for name, old_value in instance.items():
        if name in constants:
            continue
        title = str(old_fields.get(name, {}).get("title", name))
        if name in new_fields and is_hidden(new_fields[name]):
            value[name] = old_value  # the block's anchor: comments keep following it
        elif name in new_fields and field_kind(schema, new_fields[name]) == field_kind(
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
    required = required_of(node)
    texts = [
        name
        for name, sub in properties(schema, node).items()
        if field_kind(schema, sub) in (Kind.TEXT, Kind.TEXTAREA) and not is_hidden(sub)
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
