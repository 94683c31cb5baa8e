"""One renderer per block type of the chapter schema, each with its own styles.

A renderer turns one block (a mapping) into detached ``w:p``/``w:tbl`` elements.
Fields a renderer does not know (a block carrying more than its schema says) are
not lost: they are written after the block by the generic renderer, and a block
whose ``type`` no renderer knows is rendered generically from the schema.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable, Mapping
from typing import Any

from ..core.completeness import is_empty
from ..core.schema import JsonObject, enum_title
from . import columns, generic, ooxml, pictures
from .context import ChapterContext, DataPath
from .ooxml import Element
from .styles import STYLES
from .typography import french, is_number, number

_P, _TBL, _TR, _PPR = ooxml.w("p"), ooxml.w("tbl"), ooxml.w("tr"), ooxml.w("pPr")
TEXT_WIDTH = 9070  # A4 minus 2 × 25 mm margins, in twentieths of a point
BOX_PADDING = 400

Renderer = Callable[[ChapterContext, JsonObject, Mapping[str, Any], DataPath, int], list[Element]]


def render_blocks(
    ctx: ChapterContext, node: JsonObject, blocks: Any, path: DataPath, width: int
) -> list[Element]:
    """Every block of a ``blocs`` array, in order; an empty required array is a gap."""
    item_node = ctx.schema.items(node)
    elements: list[Element] = []
    for index, block in enumerate(blocks if isinstance(blocks, list) else []):
        for element in render_block(ctx, item_node, block, (*path, index), width):
            elements.append(element)
            if element.tag == _TBL:
                elements.append(spacer(ctx))
    return elements


def spacer(ctx: ChapterContext) -> Element:
    """A small paragraph after each table: two adjacent tables would merge into one."""
    return ooxml.paragraph(ctx.style("spacer"))


def render_block(
    ctx: ChapterContext, union: JsonObject, block: Any, path: DataPath, width: int
) -> list[Element]:
    if not isinstance(block, Mapping):
        return generic.render_value(ctx, union, block, path, width, generic.NO_HEADINGS)
    variant = ctx.schema.variant_for(union, block) or ctx.schema.resolve(union)
    renderer = RENDERERS.get(str(block.get("type")))
    if renderer is None:
        elements = generic.render_object(
            ctx, variant, block, path, width, generic.NO_HEADINGS, titled=True
        )
    else:
        elements = renderer(ctx, variant, block, path, width)
        handled = HANDLED[str(block.get("type"))]
        extra = [name for name in block if name not in handled]
        for name in extra:
            elements.extend(
                generic.render_field(ctx, variant, block, name, path, width, generic.NO_HEADINGS)
            )
    ctx.anchor(path, elements)
    ctx.bookmark(block, path, elements)
    return elements


def paragraphe(
    ctx: ChapterContext, node: JsonObject, block: Mapping[str, Any], path: DataPath, width: int
) -> list[Element]:
    p = ooxml.paragraph(ctx.style("body"))
    ctx.fill(p, node, block, "texte", path)
    return [p]


def liste(
    ctx: ChapterContext, node: JsonObject, block: Mapping[str, Any], path: DataPath, width: int
) -> list[Element]:
    elements = _optional_title(ctx, node, block, path, "list_title")
    items = block.get("elements")
    if is_empty(items):
        return [*elements, _gap_paragraph(ctx, node, "elements", "list_item")]
    num_id = ctx.bullets.new_list()
    item_node = ctx.schema.items(ctx.schema.properties(node).get("elements", {}))
    _list_items(ctx, item_node, items, (*path, "elements"), num_id, 0, elements)
    return elements


def _list_items(
    ctx: ChapterContext,
    node: JsonObject,
    items: Any,
    path: DataPath,
    num_id: int,
    level: int,
    out: list[Element],
) -> None:
    for index, item in enumerate(items if isinstance(items, list) else []):
        here = (*path, index)
        p = ooxml.paragraph(ctx.style("list_item"), numbering=(num_id, min(level, 8)))
        if isinstance(item, Mapping):
            ctx.fill(p, node, item, "texte", here)
        else:
            ooxml.run(p, ctx.text(item, here))
        out.append(p)
        ctx.anchor(here, [p])
        children = item.get("sous_elements") if isinstance(item, Mapping) else None
        if children:
            ooxml.keep_with_next(p)  # « 4 films tournés… : » with its first film
            child_node = ctx.schema.items(ctx.schema.properties(node).get("sous_elements", {}))
            _list_items(ctx, child_node, children, (*here, "sous_elements"), num_id, level + 1, out)


def chiffres_cles(
    ctx: ChapterContext, node: JsonObject, block: Mapping[str, Any], path: DataPath, width: int
) -> list[Element]:
    elements = _optional_title(ctx, node, block, path, "figures_title")
    figures_node = ctx.schema.properties(node).get("chiffres", {})
    figures = block.get("chiffres")
    if is_empty(figures) or not isinstance(figures, list):
        return [*elements, _gap_paragraph(ctx, node, "chiffres", "body")]
    elements.append(figures_table(ctx, figures_node, figures, (*path, "chiffres"), width))
    return elements


def figures_table(
    ctx: ChapterContext, node: JsonObject, figures: list[Any], path: DataPath, width: int
) -> Element:
    """Key figures as a table: the value large (after its « près de »), its unit,
    what it measures (and any other precision); the value and unit columns as wide
    as their longest entry, the label taking the rest."""
    item_node = ctx.schema.items(node)
    figures = [f if isinstance(f, Mapping) else {"valeur": f} for f in figures]
    widths = _figure_columns(figures, width)
    tbl = ooxml.table(ctx.style("figures_table"), widths)
    for index, figure in enumerate(figures):
        here = (*path, index)
        tr = ooxml.row(tbl)
        qualifier = figure_qualifier(figure)
        for key, style, column in (
            ("valeur", "figure_value", 0),
            ("unite", "figure_unit", 1),
            ("libelle", "figure_label", 2),
        ):
            p = ooxml.cell_paragraph(tr, widths[column], ctx.style(style), centred=True)
            if key == "valeur" and qualifier:
                text = ctx.text(qualifier, (*here, "precision")) + " "
                ooxml.run(p, text, style_id=ctx.style("figure_qualifier"))
            ctx.fill(p, item_node, figure, key, here)
        tc = p.getparent()
        if not is_empty(figure.get("precision")) and not qualifier:
            note = ooxml.paragraph(ctx.style("figure_note"))
            ooxml.run(note, ctx.text(figure["precision"], (*here, "precision")))
            tc.append(note)
        for name in figure:
            if name not in ("valeur", "unite", "libelle", "precision"):
                for element in generic.render_field(
                    ctx, item_node, figure, name, here, width, generic.NO_HEADINGS
                ):
                    tc.append(element)
        ooxml.close_cell(tc)
    return keep_together(tbl)


KEEP_TOGETHER_ROWS = 15
"""Tables up to this many rows are kept on one page (longer ones run on, header repeated)."""


def keep_together(tbl: Element) -> Element:
    """Every paragraph of every row but the last keeps with the next: Word and
    LibreOffice then move a short table whole to the next page rather than leave
    its first rows alone at a page foot. A longer table runs on, but keeps its
    first two rows together and its last two: no row alone at a page's foot or
    top (the appendix's last row stood alone on the last page)."""
    rows = tbl.findall(_TR)
    kept = rows[:-1] if len(rows) <= KEEP_TOGETHER_ROWS else [*rows[:2], rows[-2]]
    for properties in (ppr for tr in kept for ppr in tr.iter(_PPR)):
        ooxml.keep_properties_with_next(properties)  # (a cell's closing paragraph has none)
    return tbl


def tableau(
    ctx: ChapterContext, node: JsonObject, block: Mapping[str, Any], path: DataPath, width: int
) -> list[Element]:
    elements = _optional_title(ctx, node, block, path, "table_title")
    given = block.get("colonnes")
    headers: list[Any] = given if isinstance(given, list) else []
    rows = [r for r in block.get("lignes") or [] if isinstance(r, list)]
    count = max([len(headers), *(len(r) for r in rows)], default=0)
    if count == 0:
        return [*elements, _gap_paragraph(ctx, node, "colonnes", "body")]
    texts = [[_cell_text(r, i) for r in [headers, *rows]] for i in range(count)]
    widths = columns.fit(texts, width)
    right = [columns.numeric(column[1:]) for column in texts]
    tbl = ooxml.table(ctx.style("table_grid"), widths, header=True)
    tr = ooxml.row(tbl, header=True)
    for index in range(count):
        p = _table_paragraph(ctx, tr, widths[index], "table_header", right[index])
        if index < len(headers):
            ooxml.run(p, ctx.text(headers[index], (*path, "colonnes", index)))
    for row_index, cells in enumerate(rows):
        tr = ooxml.row(tbl)
        for index in range(count):
            p = _table_paragraph(ctx, tr, widths[index], "table_cell", right[index])
            if index < len(cells):
                ooxml.run(p, ctx.text(cells[index], (*path, "lignes", row_index, index)))
    if not rows:
        elements.append(tbl)
        return [*elements, _gap_paragraph(ctx, node, "lignes", "body")]
    return [*elements, keep_together(tbl)]


def _cell_text(cells: list[Any], index: int) -> str:
    value = cells[index] if index < len(cells) else ""
    return number(value) if is_number(value) else french(str(value if value is not None else ""))


def _table_paragraph(
    ctx: ChapterContext, tr: Element, width: int, style: str, right: bool
) -> Element:
    """The paragraph of a new cell; a column of numbers is aligned right."""
    return ooxml.cell_paragraph(tr, width, ctx.style(style), right=right)


_VALUE_CHAR, _UNIT_CHAR, _QUALIFIER_CHAR = 225, 125, 100
"""Average character widths of a key figure's value (20 pt bold), unit and « près de »."""
_APPROXIMATIONS = (
    "près de",
    "plus de",
    "moins de",
    "environ",
    "presque",
    "quelque",
    "au moins",
    "au plus",
    "jusqu’à",
    "autour de",
    "de l’ordre de",
    "pas moins de",
    "près d’",
    "plus d’",
    "moins d’",
    "quasiment",
)


def figure_qualifier(figure: Mapping[str, Any]) -> str | None:
    """The precision that reads before the value (« près de » 60 %), or None when it
    is a note (« exercice 2020 »). « plus de 50 % » for the value 50 % is « plus de »."""
    precision = figure.get("precision")
    if not isinstance(precision, str):
        return None
    said = " ".join(precision.replace("'", "’").split())
    value = figure.get("valeur")
    shown = number(value) if is_number(value) else str(value or "")
    for words in _APPROXIMATIONS:
        if said.casefold() == words:
            return said
        rest = said[len(words) :].strip() if said.casefold().startswith(words + " ") else None
        if rest is not None and _same(rest, shown, figure.get("unite")):
            return said[: len(words)]
    return None


def _same(rest: str, value: str, unit: Any) -> bool:
    """Whether ``rest`` only says the value again (with or without its unit)."""
    squeeze = "".join
    said = squeeze(rest.split()).replace("\u202f", "").replace("\u00a0", "")
    value = squeeze(value.split()).replace("\u202f", "").replace("\u00a0", "")
    return said in (value, value + squeeze(str(unit or "").split()))


def _figure_columns(figures: list[Mapping[str, Any]], width: int) -> list[int]:
    """Value and unit columns as wide as their longest entry (within bounds)."""
    values, units = [0], [0]
    for figure in figures:
        value = figure.get("valeur")
        shown = number(value) if is_number(value) else str(value or "")
        qualifier = figure_qualifier(figure)
        extra = (len(qualifier) + 1) * _QUALIFIER_CHAR if qualifier else 0
        values.append(len(shown) * _VALUE_CHAR + extra)
        units.append(len(str(figure.get("unite") or "")) * _UNIT_CHAR)
    value = min(max(values) + columns.CELL_MARGINS + 60, width * 35 // 100)
    unit = min(max(units) + columns.CELL_MARGINS + 60, width * 24 // 100)
    longest_unit = max(
        (columns.text_width(columns.longest_word(str(f.get("unite") or "")), _UNIT_CHAR))
        for f in figures
    )
    unit = max(unit, longest_unit)
    return [value, unit, width - value - unit]


def zoom(
    ctx: ChapterContext, node: JsonObject, block: Mapping[str, Any], path: DataPath, width: int
) -> list[Element]:
    """A shaded, bordered box titled « Zoom <territoire> — <titre> »."""
    title = ooxml.paragraph(ctx.style("zoom_title"))
    territory_node = ctx.schema.properties(node).get("territoire", {})
    territory = block.get("territoire")
    if is_empty(territory):
        ooxml.run(title, "Zoom ")
        ctx.gap(title, ctx.title_of(node, "territoire"))
    else:
        name = enum_title(territory_node, territory)
        ooxml.run(title, "Zoom " + ctx.text(name, (*path, "territoire")))
    if not is_empty(block.get("titre")):
        ooxml.run(title, " — " + ctx.text(block["titre"], (*path, "titre")))
    return [_box(ctx, "zoom_frame", title, node, block, path, width)]


def encadre(
    ctx: ChapterContext, node: JsonObject, block: Mapping[str, Any], path: DataPath, width: int
) -> list[Element]:
    title = ooxml.paragraph(ctx.style("box_title"))
    ctx.fill(title, node, block, "titre", path)
    return [_box(ctx, "box_frame", title, node, block, path, width)]


def _box(
    ctx: ChapterContext,
    style: str,
    title: Element,
    node: JsonObject,
    block: Mapping[str, Any],
    path: DataPath,
    width: int,
) -> Element:
    """A framed, shaded table with one row per element of the box (its title
    with the first one), so that a tall box breaks across pages between its
    paragraphs: every row still never splits (« cantSplit ») and the title
    never stays alone at the foot of a page, whatever the reader honours."""
    tbl = ooxml.table(ctx.style(style), [width])
    keep_with_next = {ctx.style(spec.key) for spec in STYLES if "<w:keepNext/>" in spec.ppr}
    frames = {ctx.style("zoom_frame"), ctx.style("box_frame")}
    elements = _opened_frames([title, *_box_content(ctx, node, block, path, width)], frames)
    rows = _box_rows(ctx, elements, keep_with_next)
    for index, elements in enumerate(rows):
        may_split = any(_breaks_across_pages(e, frames) for e in elements)
        _release_kept_titles(elements, keep_with_next, may_split)
        tc = ooxml.cell(ooxml.row(tbl, may_split=may_split), width)
        _box_row_margins(tc, first=index == 0, last=index == len(rows) - 1)
        tc.extend(elements)
        ooxml.close_cell(tc)
    return tbl


def _box_content(
    ctx: ChapterContext, node: JsonObject, block: Mapping[str, Any], path: DataPath, width: int
) -> list[Element]:
    content = block.get("blocs")
    if is_empty(content):
        return [_gap_paragraph(ctx, node, "blocs", "body")]
    blocks_node = ctx.schema.properties(node).get("blocs", {})
    return render_blocks(ctx, blocks_node, content, (*path, "blocs"), width - BOX_PADDING)


def _box_rows(
    ctx: ChapterContext, elements: list[Element], keep_with_next: set[str]
) -> list[list[Element]]:
    """Group the box's elements into rows: an element joins the row before it
    when that row ends with a paragraph kept with the next one (the box's title,
    a list's or a table's title) or when it is the spacer after a nested table."""
    spacer_style = ctx.style("spacer")
    rows: list[list[Element]] = []
    for element in elements:
        joins = bool(rows) and (
            ooxml.style_of(rows[-1][-1]) in keep_with_next
            or ooxml.style_of(element) == spacer_style
        )
        if joins:
            rows[-1].append(element)
        else:
            rows.append([element])
    return rows


def _opened_frames(elements: list[Element], frames: set[str]) -> list[Element]:
    """An inner box too long for one page given as one table per row of its own,
    the frame open between them, so that the outer box breaks between those
    rows and every row of the document still never splits; a long inner box's
    row could otherwise only be left free to split, and LibreOffice cut lines
    at such a split."""
    opened: list[Element] = []
    for element in elements:
        if _is_frame(element, frames) and _breaks_across_pages(element, frames):
            opened.extend(_frame_pieces(element))
        else:
            opened.append(element)
    return opened


def _is_frame(element: Element, frames: set[str]) -> bool:
    if element.tag != _TBL:
        return False
    style = element.find(f"{ooxml.w('tblPr')}/{ooxml.w('tblStyle')}")
    return style is not None and style.get(ooxml.w("val")) in frames


def _frame_pieces(tbl: Element) -> list[Element]:
    rows = tbl.findall(_TR)
    pieces = []
    for index, tr in enumerate(rows):
        piece = ooxml.new("tbl")
        properties = copy.deepcopy(tbl.find(ooxml.w("tblPr")))
        piece.append(properties)
        piece.append(copy.deepcopy(tbl.find(ooxml.w("tblGrid"))))
        piece.append(tr)
        _open_frame(properties, top=index > 0, bottom=index < len(rows) - 1)
        pieces.append(piece)
    return pieces


def _open_frame(properties: Element, *, top: bool, bottom: bool) -> None:
    """No border between two pieces of one box (``tblBorders`` goes before
    ``tblLayout`` in the schema's order)."""
    if not (top or bottom):
        return
    borders = ooxml.new("tblBorders")
    for side, wanted in (("top", top), ("bottom", bottom)):
        if wanted:
            ooxml.sub(borders, side, val="nil")
    layout = properties.find(ooxml.w("tblLayout"))
    if layout is not None:
        layout.addprevious(borders)
    else:
        properties.append(borders)


def _breaks_across_pages(element: Element, frames: set[str]) -> bool:
    """Whether a nested table may break its box's row across pages: a table too
    long to be kept on one page, or an inner box of more paragraphs than that. A
    short one (key figures, a small data table) keeps its row whole, and so its
    title with its figures: LibreOffice ignores keep-with-next inside a table's
    cell and left « Festival Les Élancées » alone at a page foot; it also cut the
    last line of a short inner box whose row it split (« Garder le cap »)."""
    if element.tag != _TBL:
        return False
    if _is_frame(element, frames):
        rows = element.findall(_TR)
        if len(rows) == 1:  # a piece of an opened box: its own tables decide
            return any(_breaks_across_pages(inner, frames) for inner in rows[0].iter(_TBL))
        return sum(1 for _ in element.iter(_P)) > KEEP_TOGETHER_ROWS
    return len(element.findall(_TR)) > KEEP_TOGETHER_ROWS


def _release_kept_titles(row: list[Element], keep_with_next: set[str], may_split: bool) -> None:
    """A title that shares its row with what follows it is kept with it by the
    row: its own « keep with next » is turned off. LibreOffice keeps a row with
    the next one when the first paragraph of the row keeps with next, which tied
    a box's rows together and pushed them, whole, to the next page (page 21 of
    the sample ended half empty); it reads it on a table's first row as « keep
    the whole table with what follows ». A title right before a nested table in
    a row that may break keeps it, for the readers that honour it in a cell."""
    for element, following in itertools.pairwise(row):
        if ooxml.style_of(element) in keep_with_next and (following.tag != _TBL or not may_split):
            properties = element.find(_PPR)
            properties.insert(1, ooxml.new("keepNext", val="0"))


def _box_row_margins(tc: Element, *, first: bool, last: bool) -> None:
    """The frame's inner padding above the first row and below the last only:
    rows inside the box follow each other as paragraphs do."""
    if first and last:
        return
    margins = ooxml.sub(tc.find(ooxml.w("tcPr")), "tcMar")
    if not first:
        ooxml.sub(margins, "top", w="0", type="dxa")
    if not last:
        ooxml.sub(margins, "bottom", w="0", type="dxa")


def citation(
    ctx: ChapterContext, node: JsonObject, block: Mapping[str, Any], path: DataPath, width: int
) -> list[Element]:
    """The quoted text between guillemets, then its author and their function."""
    text = ooxml.paragraph(ctx.style("quote_text"))
    if is_empty(block.get("texte")):
        ctx.gap(text, ctx.title_of(node, "texte"))
    else:
        ooxml.run(text, ctx.text(f"« {block['texte']} »", (*path, "texte")))
    author = ooxml.paragraph(ctx.style("quote_author"))
    ctx.fill(author, node, block, "auteur", path)
    elements = [text, author]
    if not is_empty(block.get("fonction")):
        role = ooxml.paragraph(ctx.style("quote_role"))
        ooxml.run(role, ctx.text(block["fonction"], (*path, "fonction")))
        elements.append(role)
    return elements


def _optional_title(
    ctx: ChapterContext, node: JsonObject, block: Mapping[str, Any], path: DataPath, style: str
) -> list[Element]:
    p = ooxml.paragraph(ctx.style(style))
    return [p] if ctx.fill(p, node, block, "titre", path) else []


def _gap_paragraph(ctx: ChapterContext, node: JsonObject, name: str, style: str) -> Element:
    p = ooxml.paragraph(ctx.style(style))
    ctx.gap(p, ctx.title_of(node, name))
    return p


RENDERERS: dict[str, Renderer] = {
    "paragraphe": paragraphe,
    "liste": liste,
    "chiffres_cles": chiffres_cles,
    "tableau": tableau,
    "zoom": zoom,
    "encadre": encadre,
    "citation": citation,
    "image": pictures.image,
}
HANDLED: dict[str, frozenset[str]] = {
    "paragraphe": frozenset({"type", "texte"}),
    "liste": frozenset({"type", "titre", "elements"}),
    "chiffres_cles": frozenset({"type", "titre", "chiffres"}),
    "tableau": frozenset({"type", "titre", "colonnes", "lignes"}),
    "zoom": frozenset({"type", "territoire", "titre", "blocs"}),
    "encadre": frozenset({"type", "titre", "blocs"}),
    "citation": frozenset({"type", "texte", "auteur", "fonction"}),
    "image": pictures.HANDLED,
}
