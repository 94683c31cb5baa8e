"""What a template legitimately brings, and the walk that keeps only that.

``KINDS`` says, by relationship type, what a kept part must be (its new name,
content type, root element) and which relationships it may keep in turn. The
``Builder`` walks the relationships from the package down (``template_parts``),
keeps what the kinds allow (XML parts cleaned by ``template_cleaning``, images
only as PNG or JPEG), records everything else in the ``Findings``
(``template_messages``), and writes the new .docx with content types and
relationships that list only what was kept.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from .template_cleaning import clean, drop_fields, forbidden_field, scrub_references
from .template_messages import (
    BY_RELATIONSHIP,
    EXTERNAL,
    FIELDS,
    IMAGES,
    MACRO_TYPE,
    OTHER,
    Findings,
    TemplateError,
    kind_by_name,
    printable,
)
from .template_parts import Package, Relationship
from .template_xml import CT, PR, R, W, unexpected_root, words

_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
MAIN_TYPE = _WML + "document.main+xml"
_MAIN_TYPES = {
    MAIN_TYPE: False,
    _WML + "template.main+xml": False,
    "application/vnd.ms-word.document.macroEnabled.main+xml": True,
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": True,
}  # content type → macro-enabled
_FONT_TYPE = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
_IMAGES = ((b"\x89PNG\r\n\x1a\n", "png", "image/png"), (b"\xff\xd8\xff", "jpeg", "image/jpeg"))


def _rt(name: str) -> str:
    return f"{R}/{name}"


_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


@dataclass(frozen=True)
class Kind:
    """What a kept part must be: its new name, type, root element, and the
    relationships it may keep (any other is dropped)."""

    name: str
    content_type: str
    root: str | None = None
    """Expected root element; ``None``: a binary part."""
    children: tuple[str, ...] = ()


_IMAGE, _FONT = _rt("image"), _rt("font")
_CONTENT = (_IMAGE,)
KINDS: dict[str, Kind] = {
    _rt("officeDocument"): Kind(
        "word/document.xml",
        MAIN_TYPE,
        f"{W}document",
        (
            *(_rt(name) for name in words("styles numbering theme fontTable settings")),
            *(_rt(name) for name in words("webSettings header footer footnotes endnotes")),
            _STYLES_WITH_EFFECTS,
        ),
    ),
    _rt("styles"): Kind("word/styles.xml", _WML + "styles+xml", f"{W}styles"),
    _STYLES_WITH_EFFECTS: Kind(
        "word/stylesWithEffects.xml", "application/vnd.ms-word.stylesWithEffects+xml", f"{W}styles"
    ),
    _rt("numbering"): Kind("word/numbering.xml", _WML + "numbering+xml", f"{W}numbering", _CONTENT),
    _rt("theme"): Kind(
        "word/theme/theme1.xml",
        "application/vnd.openxmlformats-officedocument.theme+xml",
        "{http://schemas.openxmlformats.org/drawingml/2006/main}theme",
        _CONTENT,
    ),
    _rt("fontTable"): Kind("word/fontTable.xml", _WML + "fontTable+xml", f"{W}fonts", (_FONT,)),
    _rt("settings"): Kind("word/settings.xml", _WML + "settings+xml", f"{W}settings"),
    _rt("webSettings"): Kind("word/webSettings.xml", _WML + "webSettings+xml", f"{W}webSettings"),
    _rt("header"): Kind("word/header{n}.xml", _WML + "header+xml", f"{W}hdr", _CONTENT),
    _rt("footer"): Kind("word/footer{n}.xml", _WML + "footer+xml", f"{W}ftr", _CONTENT),
    _rt("footnotes"): Kind("word/footnotes.xml", _WML + "footnotes+xml", f"{W}footnotes", _CONTENT),
    _rt("endnotes"): Kind("word/endnotes.xml", _WML + "endnotes+xml", f"{W}endnotes", _CONTENT),
    _IMAGE: Kind("word/media/image{n}.{ext}", "image/{ext}"),
    _FONT: Kind("word/fonts/font{n}.odttf", _FONT_TYPE),
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties": Kind(
        "docProps/core.xml",
        "application/vnd.openxmlformats-package.core-properties+xml",
        "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}coreProperties",
    ),
    _rt("extended-properties"): Kind(
        "docProps/app.xml",
        "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Properties",
    ),
    _rt("custom-properties"): Kind(
        "docProps/custom.xml",
        "application/vnd.openxmlformats-officedocument.custom-properties+xml",
        "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}Properties",
    ),
}
_PACKAGE_CHILDREN = (
    _rt("officeDocument"),
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
    _rt("extended-properties"),
    _rt("custom-properties"),
)
_QUIET = {"thumbnail", "printerSettings", "image"}
"""Relationships left out without a word: inert, and useless in a report (the
main document's images belong to its body, which is emptied anyway)."""
_NOTES = {f"{W}footnotes", f"{W}endnotes"}
_STORIES = {f"{W}hdr", f"{W}ftr", *_NOTES}
"""Parts with text, hence with fields."""


@dataclass
class _Part:
    name: str
    content_type: str
    data: bytes = b""
    rels: list[tuple[str, str, str]] = field(default_factory=list)
    """(id, type, target part name) of the kept relationships."""
    rel_type: str = ""
    """The relationship type it was kept as."""


class Builder:
    """Walks the relationships from the package down and keeps what the kinds allow."""

    def __init__(self, package: Package) -> None:
        self.package = package
        self.findings = Findings()
        self.parts: dict[str, _Part] = {}  # old name (lower case) → kept part
        self.seen: set[str] = set()  # old names judged, kept or not
        self.counters: dict[str, int] = {}
        self.package_rels: list[tuple[str, str, str]] = []

    def build(self) -> None:
        rels = self.package.relationships("")
        main = next((r for r in rels if r.type == _rt("officeDocument") and not r.external), None)
        if main is None or not self.package.has(main.target):
            raise TemplateError(
                "le modèle n’est pas un document Word (.docx) lisible : il n’a pas de "
                "document principal (word/document.xml).",
                self.package.path,
            )
        self._check_main_type(main.target)
        self.package_rels = self.keep_relationships(rels, _PACKAGE_CHILDREN)

    def _check_main_type(self, name: str) -> None:
        declared = self.package.declared_type(name)
        if declared not in _MAIN_TYPES:
            raise TemplateError(
                "le modèle n’est pas un document Word (.docx) lisible : son document principal "
                f"est de type « {printable(declared)} ».",
                self.package.path,
            )
        if _MAIN_TYPES[declared]:
            self.findings.add(MACRO_TYPE, declared)

    def keep_relationships(
        self, rels: list[Relationship], allowed: tuple[str, ...]
    ) -> list[tuple[str, str, str]]:
        """The relationships kept, with their targets' new names; the others are
        recorded as left out."""
        kept = []
        for rel in rels:
            target = None
            if rel.type in allowed and not rel.external and self.package.has(rel.target):
                target = self.keep(rel.type, rel.target)
            if target is None:
                self.drop(rel)
            else:
                kept.append((rel.id, rel.type, target))
        return kept

    def drop(self, rel: Relationship) -> None:
        if not rel.external:
            key = rel.target.lower()
            if key in self.seen or not self.package.has(rel.target):
                return  # judged already (or a broken link: nothing to carry over)
            self.seen.add(key)
        last = rel.type.rsplit("/", 1)[-1]
        kind = BY_RELATIONSHIP.get(last) or (EXTERNAL if rel.external else None)
        if kind is None and last in _QUIET:
            return
        self.findings.add(kind or kind_by_name(rel.target), rel.target)

    def keep(self, rel_type: str, old: str) -> str | None:
        """The new name of ``old`` once kept, or ``None`` when it is left out."""
        key = old.lower()
        if key in self.parts:  # a second relationship to it: only as the same kind
            return self.parts[key].name if self.parts[key].rel_type == rel_type else None
        if key in self.seen:
            return None
        self.seen.add(key)
        kind = KINDS[rel_type]
        if "{n}" not in kind.name and any(p.name == kind.name for p in self.parts.values()):
            self.findings.add(OTHER, self.package.name_of(old))  # a second styles part…
            return None
        part = self._binary(kind, old) if kind.root is None else self._xml(kind, old)
        if part is None:
            return None
        part.rel_type = rel_type
        self.parts[key] = part
        return part.name

    def _binary(self, kind: Kind, old: str) -> _Part | None:
        data = self.package.read(old)
        if kind.content_type == _FONT_TYPE:
            if self.package.declared_type(old) == _FONT_TYPE:
                return _Part(self._name(kind), _FONT_TYPE, data)
            self.findings.add(OTHER, self.package.name_of(old))
            return None
        for magic, extension, content_type in _IMAGES:
            if data.startswith(magic):
                return _Part(self._name(kind, extension), content_type, data)
        self.findings.add(IMAGES, self.package.name_of(old))
        return None

    def _xml(self, kind: Kind, old: str) -> _Part | None:
        root = self.package.xml(old)
        if root.tag != kind.root:
            raise unexpected_root(self.package.name_of(old), self.package.path)
        if not self._fields_allowed(root, old):
            return None
        clean(root, self.findings)
        rels = self.keep_relationships(self.package.relationships(old), kind.children)
        scrub_references(root, {rel_id for rel_id, _, _ in rels}, self.findings)
        data = etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)
        return _Part(self._name(kind), kind.content_type, data, rels)

    def _fields_allowed(self, root: etree._Element, old: str) -> bool:
        """A header or footer with a field that reads or runs something else is left
        out whole; notes (whose text the report never shows) just lose their fields."""
        if root.tag not in _STORIES:
            return True
        forbidden = forbidden_field(root)
        if forbidden is None:
            return True
        if root.tag in _NOTES:
            drop_fields(root)
            return True
        self.findings.add(FIELDS, f"{self.package.name_of(old)} (champ {forbidden})")
        return False

    def _name(self, kind: Kind, extension: str = "") -> str:
        if "{n}" not in kind.name:
            return kind.name
        number = self.counters[kind.name] = self.counters.get(kind.name, 0) + 1
        return kind.name.format(n=number, ext=extension)

    def account_for_the_rest(self) -> None:
        """Parts that no kept relationship reaches: listed as left out by their name."""
        for key, info in self.package.members.items():
            if key not in self.seen and not _is_bookkeeping(key):
                self.findings.add(kind_by_name(info.filename), info.filename)

    def write(self) -> bytes:
        parts = list(self.parts.values())
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
            archive.writestr("[Content_Types].xml", _content_types_xml(parts))
            archive.writestr("_rels/.rels", _rels_xml(self.package_rels, ""))
            for part in parts:
                archive.writestr(part.name, part.data)
                if part.rels:
                    folder, base = posixpath.split(part.name)
                    rels_name = posixpath.join(folder, "_rels", base + ".rels")
                    archive.writestr(rels_name, _rels_xml(part.rels, folder))
        return buffer.getvalue()


def _is_bookkeeping(key: str) -> bool:
    """The zip's own entries: relationship parts, content types, folders, thumbnails."""
    return (
        key == "[content_types].xml"
        or key.endswith("/")
        or key.endswith(".rels")
        or key.startswith("docprops/thumbnail")
    )


def _content_types_xml(parts: list[_Part]) -> bytes:
    root = etree.Element(f"{{{CT}}}Types", nsmap={None: CT})
    for extension, content_type in (
        ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
        ("xml", "application/xml"),
    ):
        etree.SubElement(root, f"{{{CT}}}Default", Extension=extension, ContentType=content_type)
    for part in parts:
        etree.SubElement(
            root, f"{{{CT}}}Override", PartName="/" + part.name, ContentType=part.content_type
        )
    data: bytes = etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)
    return data


def _rels_xml(rels: list[tuple[str, str, str]], folder: str) -> bytes:
    root = etree.Element(f"{{{PR}}}Relationships", nsmap={None: PR})
    for rel_id, rel_type, target in rels:
        relative = posixpath.relpath(target, folder) if folder else target
        etree.SubElement(root, f"{{{PR}}}Relationship", Id=rel_id, Type=rel_type, Target=relative)
    data: bytes = etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)
    return data
