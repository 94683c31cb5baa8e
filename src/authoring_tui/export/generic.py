"""The generic renderer: any value, rendered from the schema's titles.

Whatever schema a chapter follows, nothing in it is silently dropped. A field the
exporter has no dedicated renderer for is written from what the schema says about
it: strings marked ``"x-docx": "heading"`` become headings, long text
(``"x-widget": "textarea"``) a paragraph, other scalars « Titre : valeur », enum
values their French title (``x-enum-titles``), arrays of scalars a bullet list,
arrays of key figures (items with ``valeur`` and ``libelle``) the key-figures
table, arrays of blocks the block renderers, other objects their fields in turn.
Subtrees that are not text of the report (``"x-mots": false``: logins, comments,
status history) and discriminator constants are skipped, as the word count does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..core.completeness import is_empty
from ..core.schema import JsonObject, enum_title
from . import blocks, ooxml
from .context import ChapterContext, DataPath
from .ooxml import Element

NO_HEADINGS = -99
"""Level given inside blocks: a heading field there titles its box, not the plan."""


def ordered_names(ctx: ChapterContext, node: JsonObject, item: Mapping[str, Any]) -> list[str]:
    """Schema order first, then whatever the data holds beyond the schema."""
    known = list(ctx.schema.properties(node))
    return [n for n in known if n in item or ctx.required(node, n)] + [
        n for n in item if n not in known
    ]


def render_object(
    ctx: ChapterContext,
    node: JsonObject,
    item: Mapping[str, Any],
    path: DataPath,
    width: int,
    level: int,
    titled: bool = False,
) -> list[Element]:
    """Every field of ``item``; ``titled`` puts the schema's title of the object first."""
    elements: list[Element] = []
    if titled:
        title = ooxml.paragraph(ctx.style("generic_title"))
        ooxml.run(title, ctx.text(str(node.get("title") or item.get("type") or "Élément"), path))
        elements.append(title)
    for name in ordered_names(ctx, node, item):
        elements.extend(render_field(ctx, node, item, name, path, width, level))
    return elements


def render_field(
    ctx: ChapterContext,
    node: JsonObject,
    item: Mapping[str, Any],
    name: str,
    path: DataPath,
    width: int,
    level: int,
) -> list[Element]:
    sub = ctx.schema.properties(node).get(name, {})
    if sub.get("x-mots") is False or "const" in sub:
        return []
    value = item.get(name)
    here = (*path, name)
    if is_empty(value):
        if not ctx.required(node, name):
            return []
        p = ooxml.paragraph(_heading_style(ctx, level) if _is_heading(sub) else ctx.style("body"))
        ctx.gap(p, ctx.title_of(node, name))
        ctx.anchor(here, [p])
        return [p]
    label: str | None = ctx.title_of(node, name)
    if _has_heading(ctx, node) and _holds_figures(ctx, sub):
        label = None  # the object's heading titles its figures: « Population », not « Chiffres »
    elements = render_value(ctx, sub, value, here, width, level, label=label)
    ctx.anchor(here, elements)
    return elements


def render_value(
    ctx: ChapterContext,
    node: JsonObject,
    value: Any,
    path: DataPath,
    width: int,
    level: int,
    label: str | None = None,
) -> list[Element]:
    node = ctx.schema.resolve(node)
    if isinstance(value, Mapping):
        variant = ctx.schema.variant_for(node, value) if _is_union(node) else None
        if variant is not None:
            return blocks.render_block(ctx, node, value, path, width)
        heading = _has_heading(ctx, node)
        elements = [] if heading or label is None else [_title(ctx, label, path)]
        elements += render_object(ctx, node, value, path, width, level + 1)
        ctx.bookmark(value, path, elements)  # a block of a workspace's own shape
        return elements
    if isinstance(value, list):
        return _render_array(ctx, node, value, path, width, level, label)
    return [_scalar(ctx, node, value, path, level, label)]


def _render_array(
    ctx: ChapterContext,
    node: JsonObject,
    values: list[Any],
    path: DataPath,
    width: int,
    level: int,
    label: str | None,
) -> list[Element]:
    item = ctx.schema.items(node)
    elements = [] if label is None else [_title(ctx, label, path)]
    if _is_union(item):
        return elements + blocks.render_blocks(ctx, node, values, path, width)
    properties = ctx.schema.properties(item)
    if {"valeur", "libelle"} <= set(properties) and all(isinstance(v, Mapping) for v in values):
        return [*elements, blocks.figures_table(ctx, node, values, path, width), blocks.spacer(ctx)]
    if all(not isinstance(v, Mapping | list) for v in values):
        num_id = ctx.bullets.new_list()
        for index, value in enumerate(values):
            p = ooxml.paragraph(ctx.style("list_item"), numbering=(num_id, 0))
            ooxml.run(p, ctx.text(_display(item, value), (*path, index)))
            elements.append(p)
        return elements
    # Objects with their own heading field carry their title; the array's label
    # above them would only repeat the schema's plural (« Rubriques »).
    if _has_heading(ctx, item):
        elements = []
    for index, value in enumerate(values):
        elements.extend(render_value(ctx, item, value, (*path, index), width, level))
    return elements


def _scalar(
    ctx: ChapterContext, node: JsonObject, value: Any, path: DataPath, level: int, label: str | None
) -> Element:
    text = ctx.text(_display(node, value), path)
    if _is_heading(node):
        p = ooxml.paragraph(_heading_style(ctx, level))
        ooxml.run(p, text)
        return p
    p = ooxml.paragraph(ctx.style("generic_field"))
    if label is not None and node.get("x-widget") != "textarea":
        ooxml.run(p, ctx.text(f"{label} : ", path), style_id=ctx.style("generic_label"))
    ooxml.run(p, text)
    return p


def _title(ctx: ChapterContext, label: str, path: DataPath) -> Element:
    p = ooxml.paragraph(ctx.style("generic_title"))
    ooxml.run(p, ctx.text(label, path))
    return p


def _display(node: JsonObject, value: Any) -> Any:
    return enum_title(node, value) if "enum" in node else value


def _is_heading(node: JsonObject) -> bool:
    return node.get("x-docx") == "heading"


def _has_heading(ctx: ChapterContext, node: JsonObject) -> bool:
    return any(_is_heading(sub) for sub in ctx.schema.properties(node).values())


def _holds_figures(ctx: ChapterContext, node: JsonObject) -> bool:
    """Whether ``node`` is an array of key figures (items with ``valeur`` and ``libelle``)."""
    node = ctx.schema.resolve(node)
    if node.get("type") != "array":
        return False
    return {"valeur", "libelle"} <= set(ctx.schema.properties(ctx.schema.items(node)))


def _is_union(node: JsonObject) -> bool:
    return "oneOf" in node or "anyOf" in node


def _heading_style(ctx: ChapterContext, level: int) -> str:
    if level < 1:
        return ctx.style("generic_title")
    return ctx.style(f"heading{min(level, 6)}")
