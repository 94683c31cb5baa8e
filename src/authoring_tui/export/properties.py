"""The package's own document properties: ``docProps/app.xml`` and ``docProps/custom.xml``.

python-docx's blank document carries the identity of the file it was made from
(« Microsoft Macintosh Word », ``Normal.dotm``, one page, no word): a reader of
the properties would believe Word wrote an empty document. The export replaces
that part with its own (the application and its version; no page or word count,
which only a layout engine knows), and adds custom properties for what the
report's readers and tools need without opening the body:

- ``annee``: the report's year;
- ``completude``: the export's completeness in per cent, and, for an extract
  (``--chapter``, ``--statut``), ``completude_rapport``: the whole report's;
- ``extrait``: « oui » or « non »;
- ``chapitre:<id>``: for every exported chapter, the sha256 of its canonical
  content (``core.fingerprint``), so that the Word round trip knows which version
  of each chapter the document was made from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from .. import __version__
from .ooxml import Element

APPLICATION = "authoring-tui"
APP_URI = "/docProps/app.xml"
CUSTOM_URI = "/docProps/custom.xml"
_EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
"""The format id every custom property of an OOXML package carries."""
CHAPTER_PREFIX = "chapitre:"


@dataclass(frozen=True)
class ExportFacts:
    """What the custom properties say about one export."""

    year: int
    completeness: float
    report_completeness: float | None
    """The whole report's, for an extract; ``None`` for a full export."""
    digests: Sequence[tuple[str, str]]
    """(chapter id, content digest) of the exported chapters, in plan order."""


def set_package_properties(document: Document, facts: ExportFacts) -> None:
    """Replace the template's ``app.xml`` and write ``custom.xml``."""
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype in (RT.EXTENDED_PROPERTIES, RT.CUSTOM_PROPERTIES):
            package.rels.pop(rel_id)
    app = Part(PackURI(APP_URI), CT.OFC_EXTENDED_PROPERTIES, app_xml(), package)
    custom = Part(PackURI(CUSTOM_URI), CT.OFC_CUSTOM_PROPERTIES, custom_xml(facts), package)
    package.relate_to(app, RT.EXTENDED_PROPERTIES)
    package.relate_to(custom, RT.CUSTOM_PROPERTIES)


def app_xml() -> bytes:
    """The application and its version; security 0, the rest left unsaid."""
    root = etree.Element(f"{{{_EXTENDED}}}Properties", nsmap={None: _EXTENDED, "vt": _VT})
    etree.SubElement(root, f"{{{_EXTENDED}}}Application").text = f"{APPLICATION} {__version__}"
    etree.SubElement(root, f"{{{_EXTENDED}}}DocSecurity").text = "0"
    return _bytes(root)


def custom_xml(facts: ExportFacts) -> bytes:
    root = etree.Element(f"{{{_CUSTOM}}}Properties", nsmap={None: _CUSTOM, "vt": _VT})
    values: list[tuple[str, str, str]] = [
        ("annee", "i4", str(facts.year)),
        ("completude", "r8", _percent(facts.completeness)),
        ("extrait", "lpwstr", "non" if facts.report_completeness is None else "oui"),
    ]
    if facts.report_completeness is not None:
        values.append(("completude_rapport", "r8", _percent(facts.report_completeness)))
    values.extend((f"{CHAPTER_PREFIX}{cid}", "lpwstr", digest) for cid, digest in facts.digests)
    for pid, (name, kind, text) in enumerate(values, start=2):  # pid 0 and 1 are reserved
        prop = etree.SubElement(
            root, f"{{{_CUSTOM}}}property", fmtid=_FMTID, pid=str(pid), name=name
        )
        etree.SubElement(prop, f"{{{_VT}}}{kind}").text = text
    return _bytes(root)


def _percent(value: float) -> str:
    return f"{value:.1f}"


def _bytes(root: Element) -> bytes:
    data: bytes = etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)
    return data
