"""A template's zip seen as Word sees it: parts, declared types and relationships.

``Package`` names each member once (case-insensitively, as Word does), reads the
declared content types, and resolves each part's relationships to the names of
the parts they reach, or marks them external. Every read is bounded
(``template_zip``) and every XML part hardened (``template_xml``);
``template_builder`` walks the relationships from here.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from .template_messages import TemplateError, printable
from .template_xml import CT, PR, parse_part, unexpected_root
from .template_zip import read_member


@dataclass(frozen=True)
class Relationship:
    id: str
    type: str
    target: str
    external: bool


class Package:
    """The template's zip as OPC parts: bounded reads, hardened XML."""

    def __init__(self, archive: zipfile.ZipFile, path: Path) -> None:
        self.archive = archive
        self.path = path
        self.members: dict[str, zipfile.ZipInfo] = {}
        for info in archive.infolist():
            key = info.filename.lower()
            if key in self.members:
                raise TemplateError(
                    f"le modèle contient deux fois la partie {printable(info.filename)}.", path
                )
            self.members[key] = info
        self.types = self._content_types()

    def name_of(self, key: str) -> str:
        return self.members[key.lower()].filename

    def has(self, name: str) -> bool:
        return name.lower() in self.members

    def read(self, name: str) -> bytes:
        """A part's bytes, held to the zip's bounds (``read_member``)."""
        return read_member(self.archive, self.members[name.lower()], name, self.path)

    def xml(self, name: str) -> etree._Element:
        return parse_part(self.read(name), name, self.path)

    def relationships(self, source: str) -> list[Relationship]:
        """The relationships of ``source`` ("" for the package), targets resolved
        to part names; none when it has no relationship part."""
        folder, base = posixpath.split(source)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels_name):
            return []
        root = self.xml(rels_name)
        if root.tag != f"{{{PR}}}Relationships":
            raise unexpected_root(rels_name, self.path)
        return [
            self._relationship(element, folder)
            for element in root
            if element.tag == f"{{{PR}}}Relationship"
        ]

    def _relationship(self, element: etree._Element, folder: str) -> Relationship:
        target = element.get("Target", "")
        external = element.get("TargetMode") == "External"
        if not external:
            target = posixpath.normpath(posixpath.join("/" + folder, unquote(target))).lstrip("/")
        return Relationship(element.get("Id", ""), element.get("Type", ""), target, external)

    def declared_type(self, name: str) -> str:
        overrides, defaults = self.types
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        return overrides.get(name.lower(), defaults.get(extension, ""))

    def _content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        if not self.has("[Content_Types].xml"):
            raise TemplateError(
                "le modèle n’est pas un document Word (.docx) lisible : il lui manque "
                "[Content_Types].xml.",
                self.path,
            )
        root = self.xml("[Content_Types].xml")
        if root.tag != f"{{{CT}}}Types":
            raise unexpected_root("[Content_Types].xml", self.path)
        overrides, defaults = {}, {}
        for element in root:
            if element.tag == f"{{{CT}}}Override":
                part = element.get("PartName", "").lstrip("/").lower()
                overrides[unquote(part)] = element.get("ContentType", "")
            elif element.tag == f"{{{CT}}}Default":
                defaults[element.get("Extension", "").lower()] = element.get("ContentType", "")
        return overrides, defaults
