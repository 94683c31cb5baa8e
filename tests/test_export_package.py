"""The package of the Word export: its own properties, no leftovers, parts valid
against the ECMA-376 transitional schemas, and the navigation it offers."""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from authoring_tui import __version__
from authoring_tui.cli.main import main
from authoring_tui.core.fingerprint import content_digest
from authoring_tui.core.workspace import Workspace
from authoring_tui.export.builder import DeflatedXml

XSD = Path(__file__).parent / "data" / "ooxml-xsd"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"


def export(workspace_dir: Path, name: str, *extra: str) -> Path:
    target = workspace_dir / "exports" / name
    code = main(
        [
            "export",
            "--workspace",
            str(workspace_dir),
            "--date",
            "2021-04-12",
            "-o",
            str(target),
            *list(extra),
        ]
    )
    assert code == 0
    return target


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    from tests.conftest import ROOT  # the sample, exported once for the module

    return zipfile.ZipFile(_export_sample(ROOT, tmp_path_factory.mktemp("export")))


def _export_sample(root: Path, folder: Path) -> Path:
    target = folder / "rapport.docx"
    assert (
        main(["export", "--workspace", str(root), "--date", "2021-04-12", "-o", str(target)]) == 0
    )
    return target


def without_ignorable(data: bytes) -> etree._ElementTree:
    """Markup-compatibility processing: what a consumer that knows none of the
    ``mc:Ignorable`` namespaces sees (those elements and attributes removed)."""
    root = etree.fromstring(data, etree.XMLParser(huge_tree=True))
    prefixes = (root.get(f"{{{MC}}}Ignorable") or "").split()
    ignorable = {root.nsmap[p] for p in prefixes if p in root.nsmap} | {MC}
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).namespace in ignorable:
            element.getparent().remove(element)
            continue
        for name in list(element.attrib):
            if etree.QName(name).namespace in ignorable:
                del element.attrib[name]
    return etree.ElementTree(root)


@pytest.fixture(scope="module")
def wml() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD / "wml.xsd")))


@pytest.mark.parametrize("part", ["styles", "settings", "numbering", "document"])
def test_parts_are_valid_against_the_transitional_schema(
    package: zipfile.ZipFile, wml: etree.XMLSchema, part: str
) -> None:
    tree = without_ignorable(package.read(f"word/{part}.xml"))
    valid = wml.validate(tree)
    assert valid, [f"{e.line}: {e.message}" for e in wml.error_log][:5]


def test_the_schema_check_catches_an_element_out_of_order(
    package: zipfile.ZipFile, wml: etree.XMLSchema
) -> None:
    """The validation is real: qFormat before uiPriority (the old bug) is refused."""
    data = package.read("word/styles.xml").replace(
        b'<w:uiPriority w:val="1"/><w:qFormat/>', b'<w:qFormat/><w:uiPriority w:val="1"/>', 1
    )
    assert not wml.validate(without_ignorable(data))


def test_app_properties_are_ours_and_valid(package: zipfile.ZipFile) -> None:
    data = package.read("docProps/app.xml")
    schema = etree.XMLSchema(etree.parse(str(XSD / "shared-documentPropertiesExtended.xsd")))
    assert schema.validate(etree.fromstring(data))
    text = data.decode()
    assert f"<Application>authoring-tui {__version__}</Application>" in text
    for leftover in ("Microsoft", "Normal.dotm", "<Pages>", "<Words>"):
        assert leftover not in text


def test_no_leftover_parts(package: zipfile.ZipFile) -> None:
    names = package.namelist()
    assert not [n for n in names if n.startswith("customXml/")]
    assert "docProps/thumbnail.jpeg" not in names
    assert b"customXml" not in package.read("word/_rels/document.xml.rels")


def test_custom_properties_carry_year_completeness_and_chapter_digests(
    package: zipfile.ZipFile, sample_root: Path
) -> None:
    data = package.read("docProps/custom.xml")
    schema = etree.XMLSchema(etree.parse(str(XSD / "shared-documentPropertiesCustom.xsd")))
    root = etree.fromstring(data)
    assert schema.validate(root)
    values = {p.get("name"): p[0].text for p in root.iter(f"{CUSTOM}property")}
    assert values["annee"] == "2020"
    assert values["extrait"] == "non"
    assert 90.0 < float(values["completude"]) < 100.0
    workspace = Workspace.open(sample_root)
    chapters = {k: v for k, v in values.items() if k.startswith("chapitre:")}
    assert len(chapters) == len(workspace.report.chapter_ids)
    data_of = workspace.store.load("v2-mobilite", round_trip=False).data
    assert chapters["chapitre:v2-mobilite"] == content_digest(data_of)
    pids = [int(p.get("pid")) for p in root.iter(f"{CUSTOM}property")]
    assert pids == list(range(2, 2 + len(pids)))


def test_digest_ignores_key_order_and_reads_dates_as_iso() -> None:
    a = {"titre": "Mobilité", "date": datetime.date(2021, 3, 3)}
    b = {"date": "2021-03-03", "titre": "Mobilité"}
    assert content_digest(a) == content_digest(b)
    assert content_digest(a) != content_digest({**b, "titre": "Mobilite"})


def test_running_head_uses_styleref_on_the_heading_styles(package: zipfile.ZipFile) -> None:
    header = package.read("word/header2.xml").decode()
    assert 'STYLEREF "heading 1"' in header
    assert 'STYLEREF "heading 2"' in header


def test_toc_note_is_inside_the_field_and_levels_are_two(package: zipfile.ZipFile) -> None:
    body = etree.fromstring(package.read("word/document.xml"), etree.XMLParser(huge_tree=True))
    paragraphs = list(body.iter(f"{W}p"))
    note = next(p for p in paragraphs if "mise à jour des champs" in "".join(p.itertext()))
    chars = [c.get(f"{W}fldCharType") for c in note.iter(f"{W}fldChar")]
    assert chars[:2] == ["begin", "separate"]  # the note is the field's cached result
    instruction = "".join(t.text or "" for t in note.iter(f"{W}instrText"))
    assert 'TOC \\o "1-2"' in instruction


def test_todo_list_points_at_bookmarks_with_pageref(package: zipfile.ZipFile) -> None:
    xml = package.read("word/document.xml").decode()
    refs = [part.split(" ")[0] for part in xml.split("PAGEREF ")[1:]]
    assert len(refs) == 8  # 4 gaps and 4 open comments in the sample
    for name in refs:
        assert f'w:name="{name}"' in xml
    assert "À faire" in xml


def test_an_extract_says_so_and_gives_both_completenesses(workspace_dir: Path) -> None:
    target = export(workspace_dir, "extrait.docx", "--chapter", "v2-mobilite")
    with zipfile.ZipFile(target) as package:
        xml = package.read("word/document.xml").decode()
        header = package.read("word/header2.xml").decode()
        custom = package.read("docProps/custom.xml").decode()
    assert "Extrait — 1 chapitre sur 21" in xml
    assert "Extrait — 1 chapitre sur 21" in header
    assert "Complétude de cet extrait" in xml and "complétude du rapport entier" in xml
    assert "completude_rapport" in custom and "chapitre:v2-mobilite" in custom
    assert "chapitre:v1-economie-emploi" not in custom


def test_toc_levels_from_the_option(workspace_dir: Path) -> None:
    target = export(workspace_dir, "trois.docx", "--sommaire-niveaux", "3")
    with zipfile.ZipFile(target) as package:
        assert 'TOC \\o "1-3"' in package.read("word/document.xml").decode()


def test_toc_levels_out_of_range_are_refused(workspace_dir: Path) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["export", "--workspace", str(workspace_dir), "--sommaire-niveaux", "7"])
    assert stopped.value.code == 2
    assert list((workspace_dir / "exports").iterdir()) == []


def test_the_chapters_xml_is_held_deflated_and_read_back_as_written() -> None:
    """The body waits for the front matter deflated (a tenth of its size at 50
    times the sample); what is read back is what was written, every time."""
    held = DeflatedXml()
    written = [
        f"<w:p><w:r><w:t>Paragraphe {n} — « été »</w:t></w:r></w:p>".encode() for n in range(5000)
    ]
    for piece in written:
        held.write(piece)
    assert b"".join(held.read()) == b"".join(written)
    assert b"".join(held.read()) == b"".join(written)
    assert held.deflated_size < len(b"".join(written)) // 10
