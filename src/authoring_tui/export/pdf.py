"""``export --pdf``: the PDF beside the DOCX, made by LibreOffice with its fields updated.

A DOCX's table of contents has its page numbers only once a word processor has
updated its fields; LibreOffice's plain ``--convert-to pdf`` does not. So the PDF
is made through UNO: ``lo_script.py``, run by a Python that has LibreOffice's
``uno`` module, opens the document hidden, updates every index and field, and
stores the PDF. Everything LibreOffice touches is the tool's own, in a private
temporary folder (``scratch_folder``): its profile (never the user's, which a
running LibreOffice may hold) and the copy it converts. That copy has no
comments: LibreOffice 7.4 crashes when it opens, through UNO, a python-docx
file that has some (and a PDF for reading carries none anyway).

Without LibreOffice, the DOCX is written all the same and the export warns, in
French, how to install it: the PDF is a convenience, the DOCX the deliverable
(the CLI's exit code stays 0, the warning is printed).
"""

from __future__ import annotations

import io
import os
import secrets
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from shutil import which

from lxml import etree

from ..core.errors import AuthoringError
from ..core.files import Folder, scratch_folder
from .ooxml import Element

INSTALL = (
    "PDF non écrit\u00a0: LibreOffice (soffice) est introuvable\u00a0; installez-le, par exemple "
    "«\u00a0apt-get install libreoffice-writer-nogui\u00a0» (Debian, Ubuntu), puis relancez "
    "l’export avec --pdf. Le fichier Word est écrit."
)
_UNO_PYTHONS = ("/usr/lib/libreoffice/program/python", "/usr/bin/python3")
"""Pythons that have LibreOffice's ``uno`` module (its own, then Debian's python3-uno)."""
TIMEOUT_SECONDS = 600
MAX_DOCX = 1024 * 1024 * 1024
_OUTCOMES = {
    3: "LibreOffice n’a pas pu démarrer",
    4: "LibreOffice n’a pas répondu à temps",
    5: "le module Python «\u00a0uno\u00a0» de LibreOffice manque (paquet python3-uno)",
    6: "LibreOffice n’a pas pu convertir le document",
}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_COMMENT_MARKS = (f"{_W}commentRangeStart", f"{_W}commentRangeEnd")
_COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"


class PdfUnavailable(AuthoringError):
    """The PDF could not be made; the DOCX is there (a warning, not a failure)."""


def pdf_path(docx: Path) -> Path:
    return docx.with_suffix(".pdf")


def write_pdf(docx: Path, files: Folder | None = None) -> Path:
    """Convert ``docx`` into the PDF beside it (replacing an older one); its path."""
    soffice = which("soffice") or which("libreoffice")
    if soffice is None:
        raise PdfUnavailable(INSTALL)
    output = files or Folder.at(docx.parent)
    data = without_comments(_read(output, docx))
    target = pdf_path(docx)
    with scratch_folder("authoring-tui-pdf-") as scratch:
        source = scratch.path("rapport.docx")
        scratch.write_atomic("rapport.docx", data)
        profile = scratch.ensure_folder("profil", private=True)
        produced = scratch.path("rapport.pdf")
        _run(soffice, profile, source, produced)
        if not scratch.exists("rapport.pdf"):
            raise PdfUnavailable(f"PDF non écrit\u00a0: {_OUTCOMES[6]}.")
        output.write_atomic(target, _read(scratch, produced))
    return target


def _read(files: Folder, path: Path) -> bytes:
    return files.read_bytes(path, limit=MAX_DOCX)


def _run(soffice: str, profile: Path, source: Path, produced: Path) -> None:
    python = _uno_python()
    script = Path(__file__).with_name("lo_script.py")
    pipe = f"authoring-tui-{os.getpid()}-{secrets.token_hex(4)}"
    command = [python, str(script), soffice, str(profile), str(source), str(produced), pipe]
    try:
        result = subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise PdfUnavailable(f"PDF non écrit\u00a0: {_OUTCOMES[4]}.") from None
    if result.returncode != 0:
        reason = _OUTCOMES.get(result.returncode, _OUTCOMES[6])
        raise PdfUnavailable(f"PDF non écrit\u00a0: {reason} (code {result.returncode}).")


def _uno_python() -> str:
    """``AUTHORING_TUI_UNO_PYTHON``, else the first Python known to carry ``uno``."""
    chosen = os.environ.get("AUTHORING_TUI_UNO_PYTHON")
    if chosen:
        return chosen
    found = next((p for p in _UNO_PYTHONS if Path(p).is_file()), None)
    return found or which("python3") or "python3"


def without_comments(docx: bytes) -> bytes:
    """The package with its comments part, their relationship, content type and
    marks in the body removed (the text they were on stays)."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if Path(info.filename).name.startswith("comments"):
                continue
            target.writestr(info, _cleaned(info.filename, source.read(info)))
    return output.getvalue()


def _cleaned(name: str, data: bytes) -> bytes:
    if name == "word/document.xml":
        return _strip(data, _is_comment_mark)
    if name == "word/_rels/document.xml.rels":
        return _strip(data, lambda e: e.get("Type") == _COMMENTS_REL)
    if name == "[Content_Types].xml":
        return _strip(data, lambda e: Path(e.get("PartName") or "").name.startswith("comments"))
    return data


def _is_comment_mark(element: Element) -> bool:
    if element.tag in _COMMENT_MARKS:
        return True
    return element.tag == f"{_W}r" and element.find(f"{_W}commentReference") is not None


def _strip(data: bytes, unwanted: Callable[[Element], bool]) -> bytes:
    root = etree.fromstring(data, etree.XMLParser(huge_tree=True, resolve_entities=False))
    for element in [e for e in root.iter() if unwanted(e)]:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    cleaned: bytes = etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)
    return cleaned
