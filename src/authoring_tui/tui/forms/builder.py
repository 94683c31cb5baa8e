"""Field specs → Textual widgets, for the one outline node the user selected.

Only the selected node's form is ever mounted (a 1 000-block chapter never has
1 000 forms). Nested objects become bordered groups, lists get their items, each
with its « Monter · Descendre · Supprimer » bar, and an « Ajouter » button,
alternatives a chooser of their French titles.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from textual.widget import Widget
from textual.widgets import Select

from ...core.schema import Schema
from .. import strings as S
from ..widgets.fields import (
    FieldCheckbox,
    FieldInput,
    FieldRow,
    FieldSelect,
    FieldTextArea,
    GroupBox,
    ItemButton,
    ListBox,
    ReadOnlyRow,
    TypeSelect,
)
from ..widgets.item_actions import ItemActions
from .spec import FieldSpec, Kind, fields_of, item_spec, variant_title

NUMBER_CHARACTERS = r"[-+0-9 ,.eE\u202f\u00a0]*"
GROUP_INDENT = 4
"""Columns a nested group's border and padding take (both sides)."""


def groups_around(path: tuple[Any, ...]) -> int:
    """How many bordered groups hold the field at ``path`` (relative to its form): one
    per list item, one per nested object."""
    pairs = itertools.pairwise(path)
    groups = sum(1 for part, after in pairs if isinstance(part, int) or isinstance(after, str))
    return groups + (1 if path and isinstance(path[-1], int) else 0)


def number_text(value: Any) -> str:
    """A number as a French reader writes it (decimal comma)."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    return str(value)


def parse_number(text: str, integer: bool = False) -> int | float | None:
    """« 12,5 », « 1 873 700 » or « 2.1 » as a number; ``None`` when it is not one."""
    cleaned = text.replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
    cleaned = cleaned.replace(",", ".")
    try:
        if integer or cleaned.lstrip("+-").isdigit():
            return int(cleaned)
        return float(cleaned)
    except ValueError:
        return None


class FormBuilder:
    """Builds the widgets of a form from field specs and the chapter's current data."""

    def __init__(
        self,
        schema: Schema,
        get: Callable[[Any], Any],
        editable: bool,
        width: int = 60,
        base: int = 0,
    ) -> None:
        self.schema = schema
        self.get = get
        self.editable = editable
        self.width = width
        """Columns of the form (the height of a long text depends on them)."""
        self.base = base
        """Length of the form's own path: its fields' paths are longer."""
        self._ids = itertools.count(1)

    def _id(self) -> str:
        return f"field-{next(self._ids)}"

    def build(self, specs: list[FieldSpec]) -> list[Widget]:
        return [widget for spec in specs for widget in self.widgets_for(spec)]

    def widgets_for(self, spec: FieldSpec, captioned: bool = True) -> list[Widget]:
        """The widgets editing ``spec``: a simple value's row, then its editing widget;
        ``captioned=False`` leaves the row out (a list item: its frame bears its title
        and shows its errors)."""
        value = self.get(spec.path)
        kind = spec.kind
        disabled = not self.editable
        if spec.readonly or kind is Kind.UNSUPPORTED:
            text = "" if value is None else str(value)
            return [ReadOnlyRow(spec, text or S.UNSUPPORTED_FIELD, self._id())]
        if kind in (Kind.TEXT, Kind.NUMBER_OR_TEXT):
            text = number_text(value) if isinstance(value, int | float) else str(value or "")
            limit = spec.node.get("maxLength", 0) if kind is Kind.TEXT else 0
            editor: Widget = FieldInput(spec, text, max_length=limit, disabled=disabled)
        elif kind in (Kind.NUMBER, Kind.INTEGER):
            editor = FieldInput(
                spec,
                number_text(value),
                restrict=NUMBER_CHARACTERS,
                disabled=disabled,
            )
        elif kind is Kind.TEXTAREA:
            width = self.width - GROUP_INDENT * groups_around(spec.path[self.base :])
            editor = FieldTextArea(spec, str(value or ""), width, read_only=disabled)
        elif kind is Kind.ENUM:
            options = spec.options
            legal = value in [v for _, v in options]
            editor = FieldSelect(
                spec, options, value if legal else Select.NULL, disabled=disabled, compact=True
            )
        elif kind is Kind.BOOLEAN:
            editor = FieldCheckbox(spec, bool(value), disabled=disabled)
        elif kind in (Kind.OBJECT, Kind.CHOICE):
            return [GroupBox(spec, self.object_children(spec, value), self._id())]
        elif kind is Kind.ARRAY:
            return [self.list_box(spec, value if isinstance(value, list) else [])]
        else:
            return [ReadOnlyRow(spec, S.UNSUPPORTED_FIELD, self._id())]
        if not captioned:
            editor.add_class("field-editor", update=False)
            return [editor]
        return [FieldRow(spec, editor, self._id()), editor]

    def object_children(self, spec: FieldSpec, value: Any) -> list[Widget]:
        children: list[Widget] = []
        if spec.kind is Kind.CHOICE:
            chooser = self.type_chooser(spec, value)
            if chooser is not None:
                children.append(chooser)
        children.extend(self.build(fields_of(self.schema, spec.node, value, spec.path)))
        return children

    def type_chooser(self, spec: FieldSpec, value: Any) -> Widget | None:
        """The « Type » select of an alternative, or None when the data matches none."""
        variants = self.schema.variants(spec.node)
        chosen = self.schema.variant_for(spec.node, value)
        if chosen is None:
            return None
        index = next(i for i, v in enumerate(variants) if v is chosen or v == chosen)
        options = [(variant_title(self.schema, v), i) for i, v in enumerate(variants)]
        return TypeSelect(
            spec.path,
            options,
            index,
            disabled=not self.editable,
            classes="type-select",
            compact=True,
        )

    def list_box(self, spec: FieldSpec, items: list[Any]) -> Widget:
        boxes = [self.item_box(spec, index, value) for index, value in enumerate(items)]
        add = None
        if self.editable:
            title = self.schema.items(spec.node).get("title")
            label = S.ADD_ITEM.format(title=title) if title else S.ADD_ANY
            add = ItemButton(label, "add", spec.path, classes="add")
        return ListBox(spec, boxes, self._id(), add)

    def item_box(self, array: FieldSpec, index: int, value: Any) -> Widget:
        spec = item_spec(self.schema, array, index)
        actions = ItemActions(spec.path) if self.editable else None
        if spec.kind in (Kind.OBJECT, Kind.CHOICE):
            children = self.object_children(spec, value)
        else:
            children = self.widgets_for(spec, captioned=False)
        return GroupBox(spec, children, self._id(), actions=actions)
