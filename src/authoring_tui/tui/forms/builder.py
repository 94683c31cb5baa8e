"""Field specs → Textual widgets, for the one outline node the user selected.

Only the selected node's form is ever mounted (a 1 000-block chapter never has
1 000 forms). Nested objects become bordered groups, lists get their items, each
with its « Monter · Descendre · Supprimer » bar, and an « Ajouter » button,
alternatives a chooser of their French titles.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from textual.widget import Widget
from textual.widgets import Select

from ...core.files import Folder
from ...core.schema import JsonObject, Schema
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
    ListPages,
    ReadOnlyRow,
    TypeSelect,
)
from ..widgets.item_actions import ItemActions
from ..widgets.media_picker import MediaPicker
from ..widgets.table_grid import GridBox, TableGrid, TableState
from .nodes import items, properties, variant_for, variants
from .spec import (
    FieldSpec,
    Kind,
    edits_as_grid,
    field_kind,
    form_fields,
    item_spec,
    variant_title,
)

LIST_PAGE = 200
"""Items of a list made at once; more are made on request."""

NUMBER_CHARACTERS = r"[-+0-9 ,.eE\u202f\u00a0]*"
GROUP_INDENT = 4
"""Columns a nested group's border and padding take (both sides)."""
OPEN_DEPTH = 5
"""Groups around a group (the form's own node counted) beyond which it is built folded."""
Within = tuple[JsonObject, ...]
ANNOTATIONS = frozenset(
    {"title", "description", "$comment", "default", "examples", "readOnly", "writeOnly"}
)
"""Keywords that say nothing of what a value may be (``x-`` ones neither)."""


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
        number = float(cleaned)
    except ValueError:
        return None
    return number if math.isfinite(number) else None  # « inf », « nan », « 1e309 »


class FormBuilder:
    """Builds the widgets of a form from field specs and the chapter's current data.

    Nested groups are built with their form, except a group whose schema is one
    of the groups around it (a recursive ``"$ref": "#"``: a tree) or that sits
    deeper than ``OPEN_DEPTH``: it is built folded, and its fields are made when
    the user unfolds it, one level at a time.
    """

    def __init__(
        self,
        schema: Schema,
        get: Callable[[Any], Any],
        editable: bool,
        width: int = 60,
        base: int = 0,
        secretariat: bool = False,
        files: Folder | None = None,
    ) -> None:
        self.schema = schema
        self.files = files
        """The workspace, where a picture field finds the pictures of ``medias/``."""
        self.get = get
        self.editable = editable
        self.secretariat = secretariat
        """The user is of the secrétariat: the fields reserved to it are editable."""
        self.width = width
        """Columns of the form (the height of a long text depends on them)."""
        self.base = base
        """Length of the form's own path: its fields' paths are longer."""
        self._ids = itertools.count(1)

    def _id(self) -> str:
        return f"field-{next(self._ids)}"

    def build(self, specs: list[FieldSpec], within: Within = ()) -> list[Widget]:
        """The widgets of ``specs``; ``within``: the schema nodes of the form and of
        the groups around these fields, outermost first."""
        return [widget for spec in specs for widget in self.widgets_for(spec, within=within)]

    def widgets_for(
        self, spec: FieldSpec, captioned: bool = True, within: Within = ()
    ) -> list[Widget]:
        """The widgets editing ``spec``: a simple value's row, then its editing widget;
        ``captioned=False`` leaves the row out (a list item: its frame bears its title
        and shows its errors)."""
        value = self.get(spec.path)
        reason = self.read_only_reason(spec, value)
        if reason is not None or spec.readonly:
            return [ReadOnlyRow(spec, shown_value(value), reason or "", self._id())]
        if spec.kind in (Kind.OBJECT, Kind.CHOICE):
            return [self.group_box(spec, value, within)]
        if edits_as_grid(spec, self.get(spec.path[:-1])):
            return [self.grid_box(spec, value)]
        if spec.kind is Kind.ARRAY:
            return [self.list_box(spec, value if isinstance(value, list) else [], within)]
        editor = self.editor_for(spec, value)
        if not captioned:
            editor.add_class("field-editor", update=False)
            return [editor]
        return [FieldRow(spec, editor, self._id()), editor]

    def read_only_reason(self, spec: FieldSpec, value: Any) -> str | None:
        """Why the form shows ``spec`` without a widget to edit it, if it does."""
        if spec.reserved_for(self.secretariat):
            return S.WHY_RESERVED
        if spec.kind is Kind.UNSUPPORTED or spec.kind is Kind.CONST:
            return spec.reason
        if not value_fits(spec.kind, value):
            return S.WHY_OTHER_SHAPE.format(expected=S.SHAPE_NAMES[shape_of(spec.kind)])
        if spec.kind is Kind.CHOICE and variant_for(self.schema, spec.node, value) is None:
            return S.WHY_NO_VARIANT
        if spec.kind is Kind.OBJECT and not properties(self.schema, spec.node):
            return S.WHY_FREE_OBJECT
        return None

    def editor_for(self, spec: FieldSpec, value: Any) -> Widget:
        """The editing widget of a simple value.

        It checks nothing itself: what the user types goes into the chapter, which
        the core validates, and the core's French message shows under the field
        (a number that does not read as one is the only exception: it is not
        written, see the editor).
        """
        disabled = not self.editable
        kind = spec.kind
        if kind in (Kind.TEXT, Kind.NUMBER_OR_TEXT):
            text = number_text(value) if isinstance(value, int | float) else str(value or "")
            return FieldInput(spec, text, disabled=disabled)
        if kind in (Kind.NUMBER, Kind.INTEGER):
            text = number_text(value)
            return FieldInput(spec, text, restrict=NUMBER_CHARACTERS, disabled=disabled)
        if kind is Kind.TEXTAREA:
            width = self.width - GROUP_INDENT * groups_around(spec.path[self.base :])
            return FieldTextArea(spec, str(value or ""), width, read_only=disabled)
        if kind is Kind.MEDIA:
            return MediaPicker(spec, self.files, value, disabled=disabled, compact=True)
        if kind is Kind.ENUM:
            options = spec.options
            legal = any(same_value(v, value) for _, v in options)
            selected = value if legal else Select.NULL
            return FieldSelect(spec, options, selected, disabled=disabled, compact=True)
        return FieldCheckbox(spec, bool(value), disabled=disabled)

    def grid_box(self, spec: FieldSpec, rows: Any) -> Widget:
        """A list of rows edited as a grid, its header row the sibling list the
        schema names (``"x-widget": "grille"``)."""
        headers = self.get((*spec.path[:-1], spec.grid_headers))
        width = self.width - GROUP_INDENT * groups_around(spec.path[self.base :])
        grid = TableGrid(TableState.from_block(headers, rows), self.editable, width)
        return GridBox(spec, grid, self._id())

    def group_box(self, spec: FieldSpec, value: Any, within: Within) -> Widget:
        """A nested object or alternative, folded when it repeats a group around it."""
        inner = (*within, spec.node)
        if folds(spec.node, within):
            unfold = partial(self.object_children, spec, inner)
            return GroupBox(spec, [], self._id(), unfold=unfold)
        return GroupBox(spec, self.object_children(spec, inner), self._id())

    def object_children(self, spec: FieldSpec, within: Within = ()) -> list[Widget]:
        """The fields of a group (with its « Type » chooser for an alternative), for
        the value the chapter holds now."""
        value = self.get(spec.path)
        children: list[Widget] = []
        if spec.kind is Kind.CHOICE:
            chooser = self.type_chooser(spec, value)
            if chooser is not None:
                children.append(chooser)
        specs = form_fields(self.schema, spec.node, value, spec.path)
        children.extend(self.build(specs, within or (spec.node,)))
        return children

    def type_chooser(self, spec: FieldSpec, value: Any) -> Widget | None:
        """The « Type » select of an alternative, or None when the data matches none."""
        alternatives = variants(self.schema, spec.node)
        chosen = variant_for(self.schema, spec.node, value)
        if chosen is None:
            return None
        index = next((i for i, v in enumerate(alternatives) if v is chosen or v == chosen), None)
        if index is None:
            return None
        options = [(variant_title(self.schema, v), i) for i, v in enumerate(alternatives)]
        return TypeSelect(
            spec.path,
            options,
            index,
            disabled=not self.editable,
            classes="type-select",
            compact=True,
        )

    def list_box(self, spec: FieldSpec, values: list[Any], within: Within = ()) -> Widget:
        """A list's first ``LIST_PAGE`` items; the next ones are made a page at a time
        when asked (a list of 100 000 logins must not make 100 000 widgets)."""
        shown = min(len(values), LIST_PAGE)
        boxes = [self.item_box(spec, index, within) for index in range(shown)]

        def page(start: int) -> list[Widget]:
            end = min(len(values), start + LIST_PAGE)
            return [self.item_box(spec, index, within) for index in range(start, end)]

        add = None
        item = items(self.schema, spec.node)
        if self.editable and field_kind(self.schema, item) is not Kind.UNSUPPORTED:
            title = item.get("title")
            label = S.ADD_ITEM.format(title=title) if title else S.ADD_ANY
            add = ItemButton(label, "add", spec.path, classes="add")
        return ListBox(spec, boxes, self._id(), add, ListPages(page, shown, len(values)))

    def item_box(self, array: FieldSpec, index: int, within: Within = ()) -> Widget:
        spec = item_spec(self.schema, array, index)
        actions = ItemActions(spec.path) if self.editable else None
        group = spec.kind in (Kind.OBJECT, Kind.CHOICE) and not spec.readonly
        if not group or self.read_only_reason(spec, self.get(spec.path)) is not None:
            children = self.widgets_for(spec, captioned=False, within=within)
            return GroupBox(spec, children, self._id(), actions=actions)
        inner = (*within, spec.node)
        if folds(spec.node, within):
            unfold = partial(self.object_children, spec, inner)
            return GroupBox(spec, [], self._id(), actions=actions, unfold=unfold)
        return GroupBox(spec, self.object_children(spec, inner), self._id(), actions=actions)


def folds(node: JsonObject, within: Within) -> bool:
    """Whether a group is built folded: it repeats a group around it, or it is deep."""
    if len(within) >= OPEN_DEPTH:
        return True
    return any(node is outer or same_schema(node, outer) for outer in within)


def same_schema(a: JsonObject, b: JsonObject) -> bool:
    """The same schema but for its annotations: ``{"$ref": "#", "title": "Sous-fiche"}``
    resolves to the root with another title, and is the root again."""
    return _constraints(a) == _constraints(b)


def _constraints(node: JsonObject) -> dict[str, Any]:
    return {k: v for k, v in node.items() if k not in ANNOTATIONS and not k.startswith("x-")}


def same_value(option: Any, value: Any) -> bool:
    """Equal as JSON values: ``true`` is not the option ``1``."""
    return bool(option == value) and isinstance(option, bool) == isinstance(value, bool)


def value_fits(kind: Kind, value: Any) -> bool:
    """Whether the chapter's value has the shape the field edits (absent fits all):
    a field never overwrites a list or a group the user cannot see."""
    if value is None:
        return True
    shape = shape_of(kind)
    if shape == "object":
        return isinstance(value, Mapping)
    if shape == "array":
        return isinstance(value, list)
    return not isinstance(value, Mapping | list)


def shape_of(kind: Kind) -> str:
    if kind in (Kind.OBJECT, Kind.CHOICE):
        return "object"
    return "array" if kind is Kind.ARRAY else "scalar"


def shown_value(value: Any) -> str:
    """A value shown read-only: text as it is, anything else as JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)
