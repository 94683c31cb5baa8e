"""The Word export of the whole sample, read back with python-docx.

One export of a private copy of the sample serves the module; each test reads
what a proofreader would check: plan, text, lists, boxes, comments, gaps.
"""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.document import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from authoring_tui.core import anchors
from authoring_tui.core.completeness import is_empty
from authoring_tui.core.schema import Schema
from authoring_tui.core.workspace import Workspace
from authoring_tui.export import ExportOptions, ExportResult, export_report
from authoring_tui.export.chapter import heading_text
from authoring_tui.export.typography import normalise_for_search, number

ROOT = Path(__file__).resolve().parents[1]
EDITION = datetime.date(2021, 4, 12)
_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"


def copy_sample(target: Path) -> Path:
    target.mkdir(parents=True)
    shutil.copy2(ROOT / "report.yaml", target / "report.yaml")
    shutil.copytree(ROOT / "schema", target / "schema")
    shutil.copytree(ROOT / "chapters", target / "chapters")
    shutil.copytree(ROOT / "medias", target / "medias")
    (target / "exports").mkdir()
    return target


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Workspace, ExportResult]:
    root = copy_sample(tmp_path_factory.mktemp("export") / "rapport")
    workspace = Workspace.open(root)
    result = export_report(workspace, ExportOptions(date=EDITION))
    return workspace, result


@pytest.fixture(scope="module")
def document(exported: tuple[Workspace, ExportResult]) -> Document:
    return docx.Document(str(exported[1].path))


def all_paragraphs(document: Document) -> Iterator[Paragraph]:
    """Every paragraph of the body, those in (nested) tables included, in order."""
    for p in document.element.body.iter(qn("w:p")):
        yield Paragraph(p, document._body)


def report_strings(schema: Schema, data: Any) -> Iterator[str]:
    """Every text value of a chapter that belongs to the report's text, as the word
    count sees it (no ids, statuses, logins, history or comments); numbers as the
    French reader sees them."""
    stack: list[tuple[Any, Any]] = [(schema.contents, data)]
    while stack:
        node, value = stack.pop()
        node = schema.resolve(node)
        if node.get("x-mots") is False:
            continue
        if "oneOf" in node:
            node = schema.variant_for(node, value) or {}
        if isinstance(value, str):
            if value.strip() and not any(k in node for k in ("enum", "const", "pattern")):
                yield value
        elif isinstance(value, int | float) and not isinstance(value, bool):
            yield number(value)
        elif isinstance(value, Mapping):
            properties = schema.properties(node)
            stack.extend((properties.get(k, {}), v) for k, v in value.items())
        elif isinstance(value, list):
            item = schema.items(node)
            stack.extend((item, v) for v in value)


def test_the_export_is_one_docx_in_exports_with_a_summary(
    exported: tuple[Workspace, ExportResult],
) -> None:
    workspace, result = exported
    assert result.path.parent == workspace.exports
    assert result.path.name.startswith("rapport-d-activite-2020_")
    assert result.chapters == 21
    assert result.comments == 4  # two open in v2-mobilite, two in vi3-finances-budget
    assert result.pages_estimate > 20
    assert result.warnings == []


def test_headings_follow_the_plan_with_levels_and_numbers(
    exported: tuple[Workspace, ExportResult], document: Document
) -> None:
    workspace, _ = exported
    report = workspace.report
    expected: list[tuple[str, str]] = []
    for part in report.parties:
        for chapter_id in part.chapitres:
            data = workspace.store.load(chapter_id, round_trip=False).data
            title = heading_text(data.get("numero"), data["titre"], True)
            # « Préambule » groups numbered chapters silently; « VII » is printed once.
            top = bool(not part.numero and data.get("numero")) or data["titre"] == part.titre
            if not top and chapter_id == part.chapitres[0]:
                expected.append(("Heading 1", heading_text(part.numero, part.titre, top=True)))
            level = 1 if top else 2
            expected.append((f"Heading {level}", title))
            for section in data.get("sections", []):
                if section.get("titre") != data["titre"]:  # not the chapter's title again
                    expected.extend(_section_headings(section, level + 1))
            for rubrique in data.get("rubriques", []):
                expected.append((f"Heading {level + 1}", rubrique["titre"]))
    expected.append(("Heading 1", "État d’avancement"))
    expected.append(("Heading 2", "À faire"))  # the sample has gaps and open comments
    found = [
        (p.style.name, normalise_for_search(p.text))
        for p in document.paragraphs
        if p.style.name.startswith("Heading")
    ]
    wanted = [
        (style, normalise_for_search(text or "[À compléter : Titre]")) for style, text in expected
    ]
    assert found == wanted
    assert ("Heading 2", normalise_for_search("V/1 Économie et emploi")) in found
    assert document.paragraphs[0].style.name != "Heading 1"  # the cover comes first


def _section_headings(section: Mapping[str, Any], level: int) -> Iterator[tuple[str, str]]:
    title = section.get("titre") or ""
    yield f"Heading {level}", heading_text(section.get("numero"), title) if title else ""
    for child in section.get("sous_sections", []):
        yield from _section_headings(child, level + 1)


def test_every_text_value_of_every_chapter_is_in_the_document(
    exported: tuple[Workspace, ExportResult], document: Document
) -> None:
    workspace, _ = exported
    # A picture's alternative text is its drawing's description, not a paragraph.
    descriptions = [d.get("descr", "") for d in document.element.body.iter(_DOC_PR)]
    paragraphs = [p.text for p in all_paragraphs(document)]
    text = normalise_for_search("\n".join([*paragraphs, *descriptions]))
    missing = []
    checked = 0
    for chapter_id in workspace.report.chapter_ids:
        schema = workspace.schema_for(chapter_id)
        data = workspace.store.load(chapter_id, round_trip=False).data
        for value in report_strings(schema, data):
            checked += 1
            if normalise_for_search(value) not in text:
                missing.append((chapter_id, value[:60]))
    assert checked > 1500
    assert missing == []


def test_the_key_figures_chapter_of_another_schema_is_exported_whole(
    exported: tuple[Workspace, ExportResult], document: Document
) -> None:
    workspace, _ = exported
    data = workspace.store.load("chiffres-cles", round_trip=False).data
    assert "rubriques" in data and "sections" not in data
    tables = _tables_after_heading(document, "III/ Chiffres clés")
    values = {normalise_for_search(c.text) for t in tables for r in t.rows for c in r.cells}
    for rubrique in data["rubriques"]:
        for figure in rubrique["chiffres"]:
            value = normalise_for_search(number(figure["valeur"]))
            assert any(cell.endswith(value) for cell in values)  # after a « près de »
    assert normalise_for_search("1 873 700") in values  # Babel fr_FR grouping


def _tables_after_heading(document: Document, heading: str) -> list[Any]:
    body = document.element.body
    tables, inside = [], False
    for child in body:
        if child.tag == qn("w:p"):
            p = Paragraph(child, document._body)
            if p.style.name == "Heading 1":  # the chapter's own level in the plan
                inside = normalise_for_search(p.text) == normalise_for_search(heading)
        elif child.tag == qn("w:tbl") and inside:
            tables.append(docx.table.Table(child, document._body))
    return tables


def test_lists_are_word_numbering_with_a_numbering_instance_per_list(
    document: Document,
) -> None:
    items = [p for p in all_paragraphs(document) if p.style.name == "Liste — élément"]
    assert len(items) > 100
    num_ids = set()
    for p in items:
        num_pr = p._p.pPr.numPr
        assert num_pr is not None, p.text
        num_ids.add(num_pr.numId.val)
        assert not p.text.lstrip().startswith(("●", "-", "•"))  # no typed bullet
    assert max(p._p.pPr.numPr.ilvl.val for p in items) >= 1  # nested items
    numbering = document.part.numbering_part.element
    defined = {int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))}
    assert num_ids <= defined
    assert len(num_ids) >= 40  # one instance per list block of the sample


def test_zoom_and_key_figures_blocks_are_tables_with_their_styles(
    exported: tuple[Workspace, ExportResult], document: Document
) -> None:
    workspace, _ = exported
    counts = {"zoom": 0, "chiffres_cles": 0}
    for chapter_id in workspace.report.chapter_ids:
        data = workspace.store.load(chapter_id, round_trip=False).data
        for block in _blocks(data.get("sections", [])):
            if block["type"] in counts:
                counts[block["type"]] += 1
    tables = list(document.element.body.iter(qn("w:tbl")))
    styles = [t.tblPr.find(qn("w:tblStyle")).get(qn("w:val")) for t in tables]
    assert styles.count("ZoomCadre") == counts["zoom"] > 0
    assert styles.count("ChiffresClesTableau") >= counts["chiffres_cles"] > 0
    titles = [p.text for p in all_paragraphs(document) if p.style.name == "Zoom — titre"]
    assert any(t.startswith("Zoom Pays d’Aix") for t in titles)  # the schema's French title
    values = [p for p in all_paragraphs(document) if p.style.name == "Chiffre clé — valeur"]
    assert values and all(p._p.getparent().tag == qn("w:tc") for p in values)


def _blocks(sections: list[Any]) -> Iterator[Mapping[str, Any]]:
    for section in sections:
        stack = list(section.get("blocs", []))
        while stack:
            block = stack.pop()
            yield block
            stack.extend(block.get("blocs", []))
        yield from _blocks(section.get("sous_sections", []))


def test_every_open_comment_is_a_word_comment_on_its_target(
    exported: tuple[Workspace, ExportResult], document: Document
) -> None:
    workspace, _ = exported
    comments = {c.comment_id: c for c in document.comments}
    anchored: dict[int, str] = {}
    for p in all_paragraphs(document):
        for start in p._p.findall(qn("w:commentRangeStart")):
            anchored[int(start.get(qn("w:id")))] = normalise_for_search(p.text)
    expected = []
    for chapter_id in ("v2-mobilite", "vi3-finances-budget"):
        data = workspace.store.load(chapter_id, round_trip=False).data
        for comment in data["commentaires"]:
            if comment.get("resolu"):
                continue
            target: Any = data
            schema = workspace.schema_for(chapter_id)
            for part in anchors.find_block(schema, data, comment["bloc"]) or ():
                target = target[part]
            expected.append((comment, target.get("texte") or target.get("titre")))
    assert len(comments) == len(expected) == 4
    for comment, target_text in expected:
        wanted = normalise_for_search(comment["texte"])
        word = next(c for c in comments.values() if normalise_for_search(c.text) == wanted)
        assert word.author in ("Marion Legrand", "Sophie Bernard")
        assert word.timestamp is not None
        assert word.timestamp.date() == datetime.date.fromisoformat(str(comment["date"]))
        assert normalise_for_search(target_text)[:80] in anchored[word.comment_id]
    resolved = "Harmoniser la ponctuation de la liste des équipements (points-virgules)."
    assert all(
        normalise_for_search(c.text) != normalise_for_search(resolved) for c in comments.values()
    )


def test_each_empty_required_field_is_a_highlighted_placeholder(
    exported: tuple[Workspace, ExportResult], document: Document
) -> None:
    workspace, result = exported
    expected = []
    for chapter_id in workspace.report.chapter_ids:
        schema = workspace.schema_for(chapter_id)
        data = workspace.store.load(chapter_id, round_trip=False).data
        expected.extend(_empty_required(schema, schema.contents, data))
    placeholders = [
        r
        for p in all_paragraphs(document)
        if not p.style.name.startswith("toc")  # the contents repeat headings, unhighlighted
        for r in p.runs
        if r.text.startswith("[À compléter")
    ]
    assert sorted(normalise_for_search(r.text) for r in placeholders) == sorted(
        normalise_for_search(f"[À compléter : {title}]") for title in expected
    )
    assert result.gaps == len(expected) > 0
    assert all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in placeholders)
    # At its place: v3-infrastructures's empty chapeau right under the chapter heading.
    paragraphs = list(document.paragraphs)
    index = next(
        i
        for i, p in enumerate(paragraphs)
        if p.style.name == "Heading 2" and p.text.startswith("V/3 ")
    )
    assert paragraphs[index + 2].style.name == "Chapeau"
    assert "Chapeau" in paragraphs[index + 2].text and "À compléter" in paragraphs[index + 2].text


def _empty_required(schema: Schema, node: Any, value: Any) -> Iterator[str]:
    """French titles of the required fields that are empty, walked as completeness does."""
    node = schema.resolve(node)
    if node.get("x-completude") is False:
        return
    if "oneOf" in node:
        node = schema.variant_for(node, value) or {}
    if isinstance(value, Mapping):
        properties = schema.properties(node)
        for name in node.get("required", []):
            if is_empty(value.get(name)) and properties.get(name, {}).get("x-completude", True):
                yield str(properties.get(name, {}).get("title", name))
        for name, child in value.items():
            yield from _empty_required(schema, properties.get(name, {}), child)
    elif isinstance(value, list):
        item = schema.items(node)
        for child in value:
            yield from _empty_required(schema, item, child)


def test_page_set_up_header_footer_contents_and_language(document: Document) -> None:
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.header.paragraphs[0].text == "Rapport d’activité 2020\t"  # STYLEREF results
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    body_xml = document.element.body.xml
    assert 'TOC \\o "1-2"' in body_xml  # two levels by default
    settings = document.settings.element
    assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"
    for style in document.styles.element.findall(qn("w:style")):
        if style.get(qn("w:type")) in ("paragraph", "character"):
            lang = style.find(f"{qn('w:rPr')}/{qn('w:lang')}")
            assert lang is not None and lang.get(qn("w:val")) == "fr-FR", style.get(qn("w:styleId"))
    properties = document.core_properties
    assert properties.title == "Rapport d’activité 2020"
    assert properties.author == "Métropole Aix-Marseille-Provence"
    assert properties.language == "fr-FR"
    assert properties.created.date() == EDITION


def test_cover_announces_a_working_draft_with_its_completeness(document: Document) -> None:
    cover = [p.text for p in document.paragraphs[:3]]
    assert cover[0] == "Métropole Aix-Marseille-Provence"
    assert cover[1] == "Rapport d’activité 2020"  # the year is in the title: not repeated
    assert cover[2].startswith("Version de travail du 12 avril 2021 — complétude")
    assert cover[2].endswith("\u00a0%")


def test_french_typography_is_applied_without_touching_the_yaml(
    exported: tuple[Workspace, ExportResult], document: Document
) -> None:
    workspace, _ = exported
    assert (workspace.root / "chapters" / "v2-mobilite.yaml").read_bytes() == (
        ROOT / "chapters" / "v2-mobilite.yaml"
    ).read_bytes()
    text = "\n".join(p.text for p in all_paragraphs(document))
    assert "automatique\u00a0: il gagnera" in text
    assert "1,71\u00a0M€" in text
    assert "4\u202f404 interventions" in text
    assert " :" not in text.replace("\u00a0:", "")
    assert "« " not in text and " »" not in text


def test_appendix_lists_every_chapter_with_status_and_deadline(document: Document) -> None:
    # the last table but one: the « À faire » list follows
    table = docx.table.Table(document.element.body.findall(qn("w:tbl"))[-2], document._body)
    header = [c.text for c in table.rows[0].cells]
    assert header == ["Chapitre", "DGA", "Statut", "Complétude", "Échéance"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated header
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert len(rows) == 21
    mobility = next(r for r in rows if r[0].startswith("V/2 "))
    assert mobility[1:3] == ["DGA Mobilité", "À relire"]
    assert mobility[4] == "31 mars 2021"
