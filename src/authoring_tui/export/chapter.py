"""One chapter as document elements: its heading, chapeau, sections, everything else.

The chapter's own fields are walked in schema order. The ones every chapter
schema shares get their dedicated rendering (heading from ``numero`` and
``titre``, the DGA line, the ``chapeau``, ``sections`` as headings and blocks);
any other field (the key-figures chapter's ``rubriques``, a field a workspace's
own schema adds) goes through the generic renderer. Fields that are not text of
the report (ids, status, logins, history, comments) are left out, by the same
schema rule as the word count.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..core.completeness import is_empty
from ..core.schema import JsonObject
from . import blocks, generic, levels, ooxml
from .context import ChapterContext, DataPath
from .ooxml import Element

CHAPTER_LEVEL = 2


def heading_text(numero: Any, titre: str, top: bool = False) -> str:
    """« V/1 Économie et emploi », « V/1.1 … »; a bare part or chapter number keeps
    the seed's slash: « I/ Avant-propos », « V/ Les différentes politiques publiques »."""
    numero = str(numero or "").strip()
    if not numero:
        return titre
    return f"{numero}/ {titre}" if top and "/" not in numero else f"{numero} {titre}"


def render_chapter(
    ctx: ChapterContext,
    fallback_title: str,
    placement: levels.Placement | None = None,
    page_break: bool = False,
) -> list[Element]:
    """The chapter at its place in the plan (default: a chapter under a part)."""
    data: Mapping[str, Any] = ctx.data if isinstance(ctx.data, Mapping) else {}
    if placement is None:
        placement = levels.Placement(False, CHAPTER_LEVEL, str(data.get("numero") or ""))
    level = placement.level
    root = ctx.schema.contents
    heading = _chapter_heading(ctx, root, data, fallback_title, placement)
    if page_break and level > levels.TOP:
        ooxml.sub(heading[0], "pageBreakBefore")  # after pStyle: schema order
    elements = [heading]
    dga = ooxml.paragraph(ctx.style("chapter_dga"))
    if ctx.data and ctx.fill(dga, root, data, "dga", ()):
        elements.append(dga)
    for name in generic.ordered_names(ctx, root, data):
        if name in ("numero", "titre", "dga") or _not_report_text(ctx, root, name):
            continue
        if name == "chapeau":
            elements.extend(_chapeau(ctx, root, data))
        elif name == "sections":
            title = data.get("titre") or fallback_title
            elements.extend(_sections(ctx, root, data.get(name), ("sections",), level, title))
        else:
            elements.extend(
                generic.render_field(ctx, root, data, name, (), blocks.TEXT_WIDTH, level)
            )
    return elements


def _chapter_heading(
    ctx: ChapterContext,
    root: JsonObject,
    data: Mapping[str, Any],
    fallback: str,
    placement: levels.Placement,
) -> Element:
    p = ooxml.paragraph(ctx.style(f"heading{placement.level}"))
    titre = data.get("titre")
    if is_empty(titre) and ctx.data:
        number = placement.numero
        if number:
            ooxml.run(p, ctx.text(number + " ", ("numero",)))
        ctx.gap(p, ctx.title_of(root, "titre"))
    else:
        ooxml.run(
            p,
            ctx.text(heading_text(placement.numero, str(titre or fallback), top=True), ("titre",)),
        )
    ctx.anchor((), [p])
    return p


def _chapeau(ctx: ChapterContext, root: JsonObject, data: Mapping[str, Any]) -> list[Element]:
    p = ooxml.paragraph(ctx.style("chapeau"))
    if not ctx.fill(p, root, data, "chapeau", ()):
        return []
    ctx.anchor(("chapeau",), [p])
    return [p]


def _not_report_text(ctx: ChapterContext, node: JsonObject, name: str) -> bool:
    """Codes and tool data: ids, enum statuses, logins, history, comments."""
    sub = ctx.schema.properties(node).get(name)
    if sub is None:
        return False  # a field beyond the schema: shown, never dropped
    if sub.get("x-mots") is False or sub.get("x-readonly"):
        return True
    return sub.get("type") == "string" and any(k in sub for k in ("enum", "const", "pattern"))


def _sections(
    ctx: ChapterContext,
    root: JsonObject,
    sections: Any,
    path: DataPath,
    chapter_level: int,
    chapter_title: Any,
) -> list[Element]:
    node = ctx.schema.properties(root).get("sections", {})
    if is_empty(sections):
        if not ctx.required(root, "sections"):
            return []
        p = ooxml.paragraph(ctx.style("body"))
        ctx.gap(p, ctx.title_of(root, "sections"))
        return [p]
    item = ctx.schema.items(node)
    elements: list[Element] = []
    for index, section in enumerate(sections if isinstance(sections, list) else []):
        here = (*path, index)
        elements.extend(_section(ctx, item, section, here, chapter_level + 1, chapter_title))
    return elements


def _section(
    ctx: ChapterContext,
    node: JsonObject,
    section: Any,
    path: DataPath,
    level: int,
    parent_title: Any = None,
) -> list[Element]:
    if not isinstance(section, Mapping):
        return generic.render_value(ctx, node, section, path, blocks.TEXT_WIDTH, level)
    if levels.repeats_parent(section, parent_title):
        return _section_body(ctx, node, section, path, level - 1, [])
    heading = ooxml.paragraph(ctx.style(f"heading{min(level, 6)}"))
    titre = section.get("titre")
    if is_empty(titre):
        number = str(section.get("numero") or "").strip()
        if number:
            ooxml.run(heading, ctx.text(number + " ", (*path, "numero")))
        ctx.gap(heading, ctx.title_of(node, "titre"))
    else:
        text = heading_text(section.get("numero"), str(titre))
        ooxml.run(heading, ctx.text(text, (*path, "titre")))
    ctx.anchor(path, [heading])
    return _section_body(ctx, node, section, path, level, [heading])


def _section_body(
    ctx: ChapterContext,
    node: JsonObject,
    section: Mapping[str, Any],
    path: DataPath,
    level: int,
    elements: list[Element],
) -> list[Element]:
    """A section's blocks, sub-sections and other fields after its heading (if any);
    ``level`` is the level its heading has or would have had."""
    properties = ctx.schema.properties(node)
    blocs = section.get("blocs")
    if is_empty(blocs) and ctx.required(node, "blocs"):
        p = ooxml.paragraph(ctx.style("body"))
        ctx.gap(p, ctx.title_of(node, "blocs"))
        elements.append(p)
    elements.extend(
        blocks.render_blocks(
            ctx, properties.get("blocs", {}), blocs, (*path, "blocs"), blocks.TEXT_WIDTH
        )
    )
    children = section.get("sous_sections")
    if isinstance(children, list):
        child_node = ctx.schema.items(properties.get("sous_sections", {}))
        for index, child in enumerate(children):
            here = (*path, "sous_sections", index)
            elements.extend(_section(ctx, child_node, child, here, level + 1, section.get("titre")))
    for name in section:
        if name not in ("numero", "titre", "blocs", "sous_sections"):
            elements.extend(
                generic.render_field(ctx, node, section, name, path, blocks.TEXT_WIDTH, level)
            )
    ctx.anchor(path, elements)  # a section without its heading: on its first block
    return elements
