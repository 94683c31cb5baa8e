"""One outline node drawn for reading, close to how the Word export lays it out.

Drawn from the schema, never from block names: text fields as headings or
paragraphs, lists of flat objects as figure tables, lists of nested items as
bulleted lists, lists of rows as tables, containers (zoom boxes, encadrés) as
framed panels. Missing required values show where the export will show a gap.
Every value and title is a ``Text``: shown as typed, never read as rich markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from ...core.completeness import is_empty
from ...core.schema import JsonObject, Schema
from .. import strings as S
from ..forms.builder import number_text
from ..forms.nodes import items as items_of
from ..forms.nodes import properties, variant_for
from ..forms.outline import MANAGED_KEYS, OutlineEntry
from ..forms.spec import SCALAR_KINDS, FieldSpec, Kind, field_kind, fields_of, variant_title


class BlockView(Static, can_focus=True):
    """A focusable rendering of one outline entry; the review screen comments on it."""

    def __init__(self, entry: OutlineEntry, renderable: RenderableType, comments: int) -> None:
        classes = f"block-view depth-{min(entry.depth, 4)}"
        if comments:
            note = Text(S.COMMENTS_ON_BLOCK.format(count=comments), style="bold reverse")
            renderable = Group(note, renderable)
        super().__init__(renderable, classes=classes)
        self.entry = entry


def render_entry(
    schema: Schema,
    entry: OutlineEntry,
    value: Any,
    choice: JsonObject | None,
    theme: Mapping[str, str],
) -> RenderableType:
    skip = set(entry.node_lists) | (set(MANAGED_KEYS) if not entry.path else set())
    specs = [
        s
        for s in fields_of(schema, entry.node, value, entry.path, skip)
        if not s.readonly and s.node.get("x-mots") is not False  # logins are not report text
    ]
    parts: list[RenderableType] = []
    heading = choice is None  # the root and sections: their short texts make the heading
    heading_words: list[str] = []
    for spec in specs:
        field_value = value.get(spec.path[-1]) if isinstance(value, Mapping) else None
        if is_empty(field_value):
            if spec.required:
                parts.append(
                    Text(
                        S.MISSING.format(title=spec.title),
                        style=f"reverse {theme.get('warning', '')}",
                    )
                )
            continue
        if heading and spec.kind is Kind.TEXT and not parts:
            heading_words.append(str(field_value))
            continue
        parts.append(render_field(schema, spec, field_value, heading, theme))
    if heading_words:
        style = f"bold underline {theme.get('primary', '')}" if entry.path else "bold reverse"
        parts.insert(0, Text(" ".join(heading_words), style=style))
    body = Group(*parts)
    if choice is not None:
        variant = variant_for(schema, choice, value)
        title = variant_title(schema, variant) if variant else ""
        if entry.node_lists:  # a container of blocks: a framed box, its blocks follow
            return Panel(
                body, title=Text(title), title_align="left", border_style=theme.get("accent", "")
            )
        return Group(Text(title, style=f"italic {theme.get('foreground-muted', '')}"), body)
    return body


def render_field(
    schema: Schema, spec: FieldSpec, value: Any, heading: bool, theme: Mapping[str, str]
) -> RenderableType:
    kind = spec.kind
    if kind is Kind.TEXT:
        style = f"bold {theme.get('primary', '')}" if heading else "bold"
        return Text(str(value), style=style)
    if kind is Kind.TEXTAREA:
        return Text(str(value) + "\n")
    if kind is Kind.ENUM:
        from ...core.schema import enum_title

        return Text(
            S.LABELLED_VALUE.format(title=spec.title, value=enum_title(spec.node, value)),
            style="italic",
        )
    if kind in SCALAR_KINDS:
        return Text(S.LABELLED_VALUE.format(title=spec.title, value=scalar(value)))
    if kind is Kind.ARRAY and isinstance(value, list):
        return render_list(schema, spec.node, value)
    if kind is Kind.OBJECT and isinstance(value, Mapping):
        lines = [
            S.FIELD_VALUE.format(title=sub.title, value=scalar(value.get(sub.path[-1])))
            for sub in fields_of(schema, spec.node, value, spec.path)
            if not is_empty(value.get(sub.path[-1]))
        ]
        return Text("\n".join(lines))
    return Text(str(value))


def render_list(schema: Schema, node: JsonObject, items: list[Any]) -> RenderableType:
    item = items_of(schema, node)
    kind = field_kind(schema, item)
    if kind is Kind.OBJECT:
        declared = properties(schema, item)
        flat = all(field_kind(schema, sub) in SCALAR_KINDS for sub in declared.values())
        if flat:
            return figure_table(schema, declared, items)
        return bullets(schema, item, items, 0)
    if kind is Kind.ARRAY:
        table = Table(show_header=False, expand=False)
        for row in items:
            table.add_row(*[Text(scalar(cell)) for cell in (row or [])])
        return table
    return Text("\n".join(S.BULLET + scalar(v) for v in items))


def figure_table(schema: Schema, properties: dict[str, JsonObject], items: list[Any]) -> Table:
    """Key figures and their like: one column per field that some item fills."""
    used = [
        n
        for n in properties
        if any(isinstance(i, Mapping) and not is_empty(i.get(n)) for i in items)
    ]
    table = Table(expand=False)
    for name in used:
        table.add_column(Text(str(properties[name].get("title", name))))
    for value in items:
        if isinstance(value, Mapping):
            table.add_row(*[Text(scalar(value.get(name))) for name in used])
    return table


def bullets(schema: Schema, item: JsonObject, items: list[Any], depth: int) -> Text:
    """Nested lists: each item's text, its nested lists indented below it."""
    text = Text()
    declared = properties(schema, item)
    for value in items:
        if not isinstance(value, Mapping):
            continue
        for name, sub in declared.items():
            sub_value = value.get(name)
            if field_kind(schema, sub) in SCALAR_KINDS and not is_empty(sub_value):
                mark = S.BULLET if depth == 0 else S.SUB_BULLET
                text.append("  " * depth + mark + scalar(sub_value) + "\n")
            elif field_kind(schema, sub) is Kind.ARRAY and isinstance(sub_value, list):
                text.append_text(bullets(schema, items_of(schema, sub), sub_value, depth + 1))
    return text


def scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number_text(value)
    return str(value)
