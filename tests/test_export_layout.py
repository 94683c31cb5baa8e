"""The plan's levels and pages that hold together, read back from the sample's DOCX.

The sample is exported once through the real CLI; ``document.xml``, ``styles.xml``
and ``settings.xml`` are read back with lxml, as Word or LibreOffice would see them.
"""

from __future__ import annotations

import datetime
import itertools
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from authoring_tui.cli.main import main
from authoring_tui.core.workspace import Workspace
from authoring_tui.export import ExportOptions, export_report

ROOT = Path(__file__).resolve().parents[1]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
Xml = Any  # an lxml element

LEVEL_ONE = [
    "I/ Avant-propos",
    "II/ Édito",
    "III/ Chiffres clés",
    "IV/ Les temps forts 2020",
    "V/ Les différentes politiques publiques",
    "VI/ Ressources",
    "VII/ Les assemblées",
    "Encadrés",
    "État d’avancement",
]


def copy_sample(target: Path) -> Path:
    target.mkdir(parents=True)
    shutil.copy2(ROOT / "report.yaml", target / "report.yaml")
    shutil.copytree(ROOT / "schema", target / "schema")
    shutil.copytree(ROOT / "chapters", target / "chapters")
    (target / "exports").mkdir()
    return target


@pytest.fixture(scope="module")
def parts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Xml]:
    """The XML parts of the sample exported by the CLI."""
    root = copy_sample(tmp_path_factory.mktemp("layout") / "rapport")
    target = root / "exports" / "rapport.docx"
    code = main(
        ["export", "--workspace", str(root), "--date", "2021-04-12", "--output", str(target)]
    )
    assert code == 0
    with zipfile.ZipFile(target) as package:
        return {
            name: etree.fromstring(package.read(f"word/{name}.xml"))
            for name in ("document", "styles", "settings")
        }


def text_of(p: Xml) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t"))


def style_of(p: Xml) -> str:
    found = p.find(f"{W}pPr/{W}pStyle")
    return "" if found is None else str(found.get(f"{W}val"))


def body_paragraphs(document: Xml) -> list[Xml]:
    """Paragraphs after the table of contents (the field's end), in reading order."""
    paragraphs = list(document.iter(f"{W}p"))
    ends = [
        i
        for i, p in enumerate(paragraphs)
        if p.find(f".//{W}fldChar[@{W}fldCharType='end']") is not None
    ]
    return paragraphs[ends[0] + 1 :]


def heading_level(p: Xml) -> int | None:
    match = re.fullmatch(r"Heading(\d)", style_of(p))
    return int(match.group(1)) if match else None


def style_property(styles: Xml, style_id: str, tag: str) -> Xml | None:
    """A paragraph property of a style, following ``basedOn`` as Word does."""
    while style_id:
        style = styles.find(f"{W}style[@{W}styleId='{style_id}']")
        if style is None:
            return None
        found = style.find(f"{W}pPr/{W}{tag}")
        if found is not None:
            return found
        based = style.find(f"{W}basedOn")
        style_id = "" if based is None else str(based.get(f"{W}val"))
    return None


def on(element: Xml | None) -> bool:
    return element is not None and element.get(f"{W}val") not in ("0", "false", "off")


# Point 1: the plan's levels.


def test_parts_i_to_vii_are_level_one_in_plan_order_without_an_invented_preamble(
    parts: dict[str, Xml],
) -> None:
    body = body_paragraphs(parts["document"])
    assert [text_of(p) for p in body if heading_level(p) == 1] == LEVEL_ONE
    assert not any(text_of(p) == "Préambule" for p in parts["document"].iter(f"{W}p"))
    level_two = [text_of(p) for p in body if heading_level(p) == 2]
    assert (
        "V/1 Économie et emploi" in level_two
        and "VI/8 Inspection générale des services" in level_two
    )
    assert "Le projet métropolitain" in level_two  # under « Encadrés »


def test_no_heading_is_printed_twice_in_a_row(parts: dict[str, Xml]) -> None:
    titles = ("ZoomTitre", "EncadreTitre", "ChiffresClesTitre")
    shown = [
        " ".join(text_of(p).casefold().split())
        for p in body_paragraphs(parts["document"])
        if heading_level(p) or style_of(p) in titles
    ]
    assert len(shown) > 200
    repeated = [a for a, b in itertools.pairwise(shown) if a == b]
    assert repeated == []
    for once in ("vii/ les assemblées", "le projet métropolitain", "le conseil de développement"):
        assert shown.count(once) == 1


def test_the_level_of_a_section_follows_its_chapter(parts: dict[str, Xml]) -> None:
    body = body_paragraphs(parts["document"])
    levels = [heading_level(p) for p in body if heading_level(p)]
    # No level is skipped going down: a level-1 chapter's sections are level 2.
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))
    texts = {text_of(p): heading_level(p) for p in body if heading_level(p)}
    assert texts["Une Métropole forte"] == 2  # a section of « II/ Édito »
    assert texts["V/1.1 Des actions significatives dans les filières stratégiques"] == 3


# Point 2: pages that hold together.


def test_no_table_row_splits_and_data_headers_repeat(parts: dict[str, Xml]) -> None:
    rows = list(parts["document"].iter(f"{W}tr"))
    assert len(rows) > 250
    splittable = [r for r in rows if r.find(f"{W}trPr/{W}cantSplit") is None]
    # No row at all: a box holding an inner box too long for one page gets one
    # row per row of the inner box, the inner frame open between them.
    assert [text_of(row)[:80] for row in splittable] == []
    for table in parts["document"].iter(f"{W}tbl"):
        if table.find(f"{W}tblPr/{W}tblStyle").get(f"{W}val") == "TableauDonnees":
            assert table.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None


def test_headings_box_titles_and_chapter_openings_keep_with_their_text(
    parts: dict[str, Xml],
) -> None:
    styles = parts["styles"]
    kept = ("ZoomTitre", "EncadreTitre", "ChapitreDGA", "Chapeau", "ChiffresClesTitre")
    checked = 0
    for p in body_paragraphs(parts["document"]):
        style = style_of(p)
        if heading_level(p) or style in kept:
            checked += 1
            own = p.find(f"{W}pPr/{W}keepNext")
            assert on(own) or on(style_property(styles, style, "keepNext")), text_of(p)
    assert checked > 250
    boxes = [
        p for p in parts["document"].iter(f"{W}p") if style_of(p) in ("ZoomTitre", "EncadreTitre")
    ]
    assert len(boxes) >= 19


def test_boxes_break_between_their_paragraphs_never_after_their_title(
    parts: dict[str, Xml],
) -> None:
    boxes = [
        t
        for t in parts["document"].iter(f"{W}tbl")
        if t.find(f"{W}tblPr/{W}tblStyle").get(f"{W}val") in ("ZoomCadre", "EncadreCadre")
        and t.find(f"{W}tblPr/{W}tblBorders/{W}top") is None  # not the rest of an opened box
    ]
    assert len(boxes) >= 19
    tallest = max(len(box.findall(f"{W}tr")) for box in boxes)
    assert tallest >= 8  # one row per paragraph: a tall box may break between them
    for box in boxes:
        first = box.find(f"{W}tr")
        title, *rest = [e for e in first.find(f"{W}tc") if e.tag in (f"{W}p", f"{W}tbl")]
        assert style_of(title) in ("ZoomTitre", "EncadreTitre"), text_of(title)
        assert rest and (rest[0].tag == f"{W}tbl" or text_of(rest[0])), text_of(title)
        if rest[0].tag == f"{W}p":  # kept by its row, not by keep-with-next
            holds_table = first.find(f"{W}tc/{W}tbl") is not None
            assert holds_table or first.find(f"{W}trPr/{W}cantSplit") is not None
            assert not on(title.find(f"{W}pPr/{W}keepNext")), text_of(title)


def test_a_long_inner_box_is_opened_into_rows_of_the_outer_box(parts: dict[str, Xml]) -> None:
    """Istres-Ouest Provence's culture zoom holds « Direction du patrimoine
    culturel », an inner box of three rows of key figures, too long for a page:
    each of its rows is a table of its own in a row of the zoom, the frame open
    (no border) where two pieces meet."""
    pieces = [
        t
        for t in parts["document"].iter(f"{W}tbl")
        if t.find(f"{W}tblPr/{W}tblBorders") is not None
    ]
    assert pieces, "the sample has such a box"
    for piece in pieces:
        assert len(piece.findall(f"{W}tr")) == 1
        borders = piece.find(f"{W}tblPr/{W}tblBorders")
        assert {b.get(f"{W}val") for b in borders} == {"nil"}
        assert piece.getparent().tag == f"{W}tc", "inside the outer box's row"
    first = next(p for p in pieces if "Direction du patrimoine culturel" in text_of(p))
    assert first.find(f"{W}tblPr/{W}tblBorders/{W}bottom") is not None
    assert first.find(f"{W}tblPr/{W}tblBorders/{W}top") is None


def test_parts_start_a_page_headings_are_not_hyphenated_and_body_text_has_no_widows(
    parts: dict[str, Xml],
) -> None:
    styles = parts["styles"]
    assert on(style_property(styles, "Heading1", "pageBreakBefore"))
    assert style_property(styles, "Heading2", "pageBreakBefore") is None  # chapters: an option
    for level in range(1, 7):
        assert on(style_property(styles, f"Heading{level}", "suppressAutoHyphens"))
    for body in ("BodyText", "ListeElement", "Chapeau", "TableauCellule"):
        assert on(style_property(styles, body, "widowControl"))


def test_french_hyphenation_is_on(parts: dict[str, Xml]) -> None:
    settings = parts["settings"]
    assert on(settings.find(f"{W}autoHyphenation"))
    names = [etree.QName(child).localname for child in settings]
    assert names.index("autoHyphenation") < names.index("updateFields")  # schema order
    lang = parts["styles"].find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang is not None and lang.get(f"{W}val") == "fr-FR"


def test_short_tables_are_kept_on_one_page(parts: dict[str, Xml]) -> None:
    for table in parts["document"].iter(f"{W}tbl"):
        rows = table.findall(f"{W}tr")
        if table.find(f"{W}tblPr/{W}tblStyle").get(f"{W}val") != "ChiffresClesTableau":
            continue
        for tr in rows[:-1]:
            first = tr.find(f"{W}tc/{W}p")
            assert on(first.find(f"{W}pPr/{W}keepNext")), text_of(tr)


def test_key_figure_columns_fit_their_longest_value_and_unit(parts: dict[str, Xml]) -> None:
    widths = set()
    for table in parts["document"].iter(f"{W}tbl"):
        if table.find(f"{W}tblPr/{W}tblStyle").get(f"{W}val") != "ChiffresClesTableau":
            continue
        grid = [int(c.get(f"{W}w")) for c in table.iter(f"{W}gridCol")]
        assert sum(grid) in (9070, 8670, 8270)  # the text width, inside a box, or two
        values = [value_of(tr.findall(f"{W}tc")[0]) for tr in table.findall(f"{W}tr")]
        longest = max(len(v) for v in values)
        assert grid[0] >= longest * 200  # at 20 pt, about 225 twentieths a character
        assert grid[2] >= sum(grid) * 40 // 100  # the label keeps a good part of the line
        widths.add(grid[0])
    assert len(widths) > 5  # sized to their content, not one fixed share


def value_of(cell: Xml) -> str:
    """A key figure's value without its « près de » (a smaller run of its own)."""
    return "".join(text_of(r) for r in cell.iter(f"{W}r") if r.find(f"{W}rPr/{W}rStyle") is None)


def test_columns_of_numbers_are_right_aligned_and_words_fit_their_column(
    parts: dict[str, Xml],
) -> None:
    tables = [
        t
        for t in parts["document"].iter(f"{W}tbl")
        if t.find(f"{W}tblPr/{W}tblStyle").get(f"{W}val") == "TableauDonnees"
        and "Facebook" in text_of(t)
        and "Janvier 2020" in text_of(t)
    ]
    assert len(tables) == 1
    for tr in tables[0].findall(f"{W}tr"):
        cells = tr.findall(f"{W}tc")
        aligned = [c.find(f"{W}p/{W}pPr/{W}jc") for c in cells]
        # « Janvier 2020 » holds a sentence for LinkedIn: that column stays left.
        assert aligned[0] is None and aligned[1] is None
        assert [a.get(f"{W}val") for a in aligned[2:4]] == ["right", "right"]
    grid = [int(c.get(f"{W}w")) for c in tables[0].iter(f"{W}gridCol")]
    assert grid[3] > 9070 // 8  # « Évolution sur un an » is not crushed


def test_chapters_may_start_a_page_as_an_option(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "rapport")
    target = tmp_path / "chapitres.docx"
    export_report(
        Workspace.open(root),
        ExportOptions(
            chapter_ids=["v1-economie-emploi", "v2-mobilite"],
            output=target,
            date=datetime.date(2021, 4, 12),
            chapitre_nouvelle_page=True,
        ),
    )
    with zipfile.ZipFile(target) as package:
        document = etree.fromstring(package.read("word/document.xml"))
    level_two = [p for p in document.iter(f"{W}p") if heading_level(p) == 2]
    chapters = [p for p in level_two if text_of(p).startswith("V/")]  # not the appendix's
    assert [text_of(p) for p in chapters] == ["V/1 Économie et emploi", "V/2 Mobilité"]
    assert all(p.find(f"{W}pPr/{W}pageBreakBefore") is not None for p in chapters)


def test_every_data_column_is_wider_than_its_longest_unbreakable_piece(
    parts: dict[str, Xml],
) -> None:
    """The appendix's « Brouillon », « Complétude » and the data tables' glued numbers
    (« 1 192 239 tonnes ») are never cut inside a narrow column."""
    checked = 0
    for table in parts["document"].iter(f"{W}tbl"):
        if table.find(f"{W}tblPr/{W}tblStyle").get(f"{W}val") != "TableauDonnees":
            continue
        grid = [int(c.get(f"{W}w")) for c in table.iter(f"{W}gridCol")]
        for tr in table.findall(f"{W}tr"):
            for width, tc in zip(grid, tr.findall(f"{W}tc"), strict=True):
                pieces = re.split(r"[ \t\n-]+", text_of(tc))
                assert width >= max(len(p) for p in pieces) * 100 + 340, text_of(tc)
                checked += 1
    assert checked > 100


def box_tables(document: Xml) -> list[Xml]:
    return [
        t
        for t in document.iter(f"{W}tbl")
        if t.find(f"{W}tblPr/{W}tblStyle").get(f"{W}val") in ("ZoomCadre", "EncadreCadre")
    ]


def keeps_with_next(p: Xml, styles: Xml) -> bool:
    """Whether a paragraph keeps with the next: its own setting, else its style's."""
    own = p.find(f"{W}pPr/{W}keepNext")
    return on(own) if own is not None else on(style_property(styles, style_of(p), "keepNext"))


def test_a_box_row_of_key_figures_never_splits_and_does_not_hold_the_next_row(
    parts: dict[str, Xml],
) -> None:
    """Rendered, page 21 of the sample ended half empty and « Festival Les Élancées »
    stood alone at a page foot. LibreOffice keeps a table row with the next one when
    the first paragraph of its first cell keeps with next, and ignores keep-with-next
    inside a cell: so a box's row holding a short nested table (key figures, a data
    table) never splits, which keeps its title with its figures, and its first
    paragraph does not keep with next, which would tie the row to the following
    ones (« Le Plan local… » went to the next page with the Martigues box's DAEU
    table and paragraph). A short inner box keeps its row whole too: split, its
    last line was cut by the frame (« Garder le cap », page 60)."""
    document, styles = parts["document"], parts["styles"]
    boxes = box_tables(document)
    checked: list[str] = []
    for row in (tr for box in boxes for tr in box.findall(f"{W}tr")):
        nested = row.findall(f"{W}tc/{W}tbl")
        if not nested or any(tall(t, boxes) for t in nested):
            continue
        assert row.find(f"{W}trPr/{W}cantSplit") is not None, text_of(row)[:80]
        first = row.find(f"{W}tc/{W}p")
        assert first is not None and not keeps_with_next(first, styles), text_of(row)[:80]
        checked.append(text_of(row))
    assert len(checked) >= 20
    assert any(text.startswith("Le Plan local pour l’insertion") for text in checked)
    assert any(text.startswith("Festival Les Élancées") for text in checked)
    assert any(text.startswith("Garder le cap") for text in checked)


def tall(table: Xml, boxes: list[Xml]) -> bool:
    """A nested table that may break its row: more than 15 rows, or an inner box
    of more than 15 paragraphs."""
    if table in boxes:
        return sum(1 for _ in table.iter(f"{W}p")) > 15
    return len(table.findall(f"{W}tr")) > 15


def test_no_table_leaves_one_row_alone_on_a_page(parts: dict[str, Xml]) -> None:
    """Rendered, the last row of the appendix's « À faire » stood alone on the last
    page. Every table keeps its first two rows together and its last two (a short
    one is kept whole), the appendix's included."""
    checked = []
    for table in parts["document"].iter(f"{W}tbl"):
        style = table.find(f"{W}tblPr/{W}tblStyle").get(f"{W}val")
        rows = table.findall(f"{W}tr")
        if style not in ("TableauDonnees", "ChiffresClesTableau") or len(rows) < 3:
            continue
        kept = rows[:-1] if len(rows) <= 15 else [rows[0], rows[1], rows[-2]]
        for tr in kept:
            assert on(tr.find(f"{W}tc/{W}p/{W}pPr/{W}keepNext")), text_of(tr)[:80]
        checked.append(text_of(rows[0]))
    assert len(checked) > 40
    assert "ChapitreDGAStatutComplétudeÉchéance" in checked  # 22 rows
    assert "ChapitreÀ compléter ou commentaire ouvertPage" in checked


def test_a_list_item_keeps_with_its_first_sub_item(parts: dict[str, Xml]) -> None:
    """Rendered, « 4 films tournés sur le territoire métropolitain : » ended page 47
    and its films began page 48: an item that has sub-items keeps with the first."""
    items = [p for p in parts["document"].iter(f"{W}p") if style_of(p) == "ListeElement"]
    level = {id(p): int(p.find(f"{W}pPr/{W}numPr/{W}ilvl").get(f"{W}val")) for p in items}
    parents = [a for a, b in itertools.pairwise(items) if level[id(b)] > level[id(a)]]
    assert len(parents) > 10
    for p in parents:
        assert on(p.find(f"{W}pPr/{W}keepNext")), text_of(p)
    assert any(text_of(p).startswith("4 films tournés") for p in parents)
