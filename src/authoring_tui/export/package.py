"""Writing the .docx: reproducible bytes, document properties, atomic replacement.

python-docx's own ``save`` stamps every zip entry with the current time, so two
exports of the same workspace would differ. Here the parts are written in the
package's own (deterministic) order with the edition date as their time, and the
core properties carry that date too: the same workspace exported with the same
``--date`` gives the same bytes. The file goes to a temporary name in the target
folder and is then linked or renamed into place, so a crash never leaves half a
document, and an existing file is never replaced without ``force``.
"""

from __future__ import annotations

import datetime
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE, NAMESPACE
from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from docx.opc.part import XmlPart
from lxml import etree

from ..core.errors import AuthoringError
from ..core.files import Folder
from .builder import BODY_MARKER


def set_core_properties(
    document: Document, title: str, subject: str, author: str, date: datetime.date
) -> None:
    """Title, subject, author and language, with fixed dates and revision."""
    moment = datetime.datetime(date.year, date.month, date.day, tzinfo=datetime.UTC)
    properties = document.core_properties
    properties.title = title
    properties.subject = subject
    properties.author = author
    properties.last_modified_by = author
    properties.language = "fr-FR"
    properties.created = moment
    properties.modified = moment
    properties.revision = 1
    properties.comments = ""
    properties.keywords = ""


def write_package(
    document: Document, stream: IO[bytes], date: datetime.date, chapters: Iterable[bytes] = ()
) -> None:
    """The document as .docx into ``stream``: identical bytes for identical content.

    ``chapters``: the serialised body elements that go where the builder left its
    marker. XML parts are serialised straight into their zip entry, never as one
    string: at 50 times the sample, ``document.xml`` alone is some 20 MB of text.
    """
    package = document.part.package
    parts = list(package.iter_parts())
    for part in parts:
        part.before_marshal()
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:

        def entry(name: str) -> zipfile.ZipInfo:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            return info

        archive.writestr(entry(CONTENT_TYPES_URI.membername), content_types(parts))
        archive.writestr(entry(PACKAGE_URI.rels_uri.membername), package.rels.xml)
        for part in parts:
            name = part.partname.membername
            if part is document.part:
                with archive.open(entry(name), "w") as target:
                    _write_main_part(part.element, chapters, target)
            elif isinstance(part, XmlPart):
                with archive.open(entry(name), "w") as target:
                    etree.ElementTree(part.element).write(target, encoding="UTF-8", standalone=True)
            else:
                archive.writestr(entry(name), part.blob)
            if len(part.rels):
                archive.writestr(entry(part.partname.rels_uri.membername), part.rels.xml)


def _write_main_part(element: Any, chapters: Iterable[bytes], target: IO[bytes]) -> None:
    """``document.xml``: the skeleton's bytes with the chapters written at the marker."""
    skeleton = etree.tostring(element, encoding="UTF-8", xml_declaration=True, standalone=True)
    marker = f"<!--{BODY_MARKER}-->".encode()
    head, tail = skeleton.split(marker) if marker in skeleton else (skeleton, b"")
    target.write(head)
    for chunk in chapters:
        target.write(chunk)
    target.write(tail)


def write_docx(
    document: Document,
    target: Path,
    date: datetime.date,
    force: bool,
    chapters: Iterable[bytes] = (),
    files: Folder | None = None,
) -> None:
    """Write the document to ``target`` atomically; never over a file unless ``force``.

    ``files``: the folder the file must stay in (the workspace for its exports;
    by default the target's own folder, for a path the user chose).
    """
    folder = files or Folder.at(target.parent)
    if folder.exists(target) and not force:
        raise_exists(target)
    try:
        folder.write_with(
            target, lambda handle: write_package(document, handle, date, chapters), replace=force
        )
    except FileExistsError:
        raise_exists(target)


def raise_exists(target: Path) -> None:
    raise AuthoringError(
        "le fichier existe déjà ; choisissez un autre nom avec --output, "
        "ou ajoutez --force pour le remplacer.",
        target,
    )


def content_types(parts: Sequence[Any]) -> bytes:
    """``[Content_Types].xml``: the two defaults every package needs (relationships,
    plain XML) and one override per part, so that every part's type is stated
    whatever its extension (OPC allows either)."""
    namespace = NAMESPACE.OPC_CONTENT_TYPES
    types = etree.Element(f"{{{namespace}}}Types", nsmap={None: namespace})
    for extension, content_type in (
        ("rels", CONTENT_TYPE.OPC_RELATIONSHIPS),
        ("xml", CONTENT_TYPE.XML),
    ):
        etree.SubElement(
            types, f"{{{namespace}}}Default", Extension=extension, ContentType=content_type
        )
    for part in sorted(parts, key=lambda part: str(part.partname)):
        etree.SubElement(
            types,
            f"{{{namespace}}}Override",
            PartName=str(part.partname),
            ContentType=part.content_type,
        )
    data: bytes = etree.tostring(types, encoding="UTF-8", xml_declaration=True, standalone=True)
    return data
