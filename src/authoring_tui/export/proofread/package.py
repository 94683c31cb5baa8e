"""The proofread DOCX's parts, read within bounds and parsed without entities.

The file is one a proofreader hands back, anywhere on the disk: it is read the
way a user's template is (``template_zip``: through ``Folder``, a regular file of
bounded size, no link at its end; a zip whose announced sizes are reasonable),
and its XML parts are parsed without DTD, entities or network (no XXE).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ...core.errors import AuthoringError
from ..ooxml import Element
from ..template_messages import TemplateError
from ..template_zip import open_zip, read_file, read_member

DOCUMENT = "word/document.xml"
CUSTOM = "docProps/custom.xml"
COMMENTS = "word/comments.xml"
COMMENTS_EXTENDED = "word/commentsExtended.xml"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@dataclass(frozen=True)
class ProofreadPackage:
    """The parts the reader needs; absent optional parts are ``None``."""

    source: Path
    document: Element
    custom: Element | None
    comments: Element | None
    comments_extended: Element | None


def read_package(source: Path | bytes, name: str = "document.docx") -> ProofreadPackage:
    """The parts of the DOCX at ``source`` (a path, or its bytes already read)."""
    path = Path(name) if isinstance(source, bytes) else source
    try:
        data = source if isinstance(source, bytes) else read_file(source)
        archive = open_zip(data, path)
        parts = {part: _part(archive, part, path) for part in _PARTS}
    except TemplateError as error:
        raise AuthoringError(_as_document(error.message), path) from None
    document = parts[DOCUMENT]
    if document is None:
        raise AuthoringError(
            "le fichier n’est pas un document Word (.docx) : il n’a pas de corps "
            "(word/document.xml).",
            path,
        )
    return ProofreadPackage(
        path, document, parts[CUSTOM], parts[COMMENTS], parts[COMMENTS_EXTENDED]
    )


_PARTS = (DOCUMENT, CUSTOM, COMMENTS, COMMENTS_EXTENDED)


def _part(archive: zipfile.ZipFile, name: str, path: Path) -> Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    data = read_member(archive, info, name, path)
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        raise AuthoringError(
            f"la partie {name} du document est du XML illisible (ligne {error.lineno}).", path
        ) from None


def _as_document(message: str) -> str:
    """The template reader's messages speak of « le modèle »: here it is the document."""
    return message.replace("le modèle", "le document").replace("Le modèle", "Le document")
