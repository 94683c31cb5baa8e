"""A user's Word template, reduced to what a template legitimately brings.

``--template`` takes any .docx a colleague hands over, and whatever it carries is
copied into the report everyone then opens: a remote ``attachedTemplate`` (Word
fetches it on opening), links to outside files, macros, ActiveX controls,
embedded objects. So python-docx never sees the file itself. The zip is read here
first, with bounds checked on its central directory *and* while decompressing;
only the parts a template is used for are kept (styles, numbering, theme, fonts,
settings, headers and footers with their PNG or JPEG images, document
properties), each XML part parsed by a parser that neither expands entities nor
touches the network, and reserialised; the relationships are rewritten to list
only what was kept. The result is a new .docx in memory, plus one French warning
per kind of thing that was left out.

Everything that makes a template unusable (not a zip, too big, malformed XML, a
``<!DOCTYPE``) is a ``TemplateError`` naming the file: nothing is written.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote

from lxml import etree

from ..core.errors import AuthoringError
from ..core.files import Folder, UnsafePath

MAX_MEMBERS = 200
MAX_PART = 5 * 1024 * 1024
"""The largest part, uncompressed (a rich styles.xml is some 400 KB)."""
MAX_TOTAL = 20 * 1024 * 1024
MAX_RATIO = 200
"""Deflate reaches ~1000:1 only on degenerate input; real parts stay below 40:1."""
_RATIO_FLOOR = 64 * 1024
MAX_FILE = MAX_TOTAL + 4 * 1024 * 1024
"""The template file itself: its compressed parts and the zip's own headers."""

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PR = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VML = "urn:schemas-microsoft-com:vml"
_O = "{urn:schemas-microsoft-com:office:office}"
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
    return f"{_R}/{name}"


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


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
        f"{_W}document",
        (
            *(_rt(name) for name in _words("styles numbering theme fontTable settings")),
            *(_rt(name) for name in _words("webSettings header footer footnotes endnotes")),
            _STYLES_WITH_EFFECTS,
        ),
    ),
    _rt("styles"): Kind("word/styles.xml", _WML + "styles+xml", f"{_W}styles"),
    _STYLES_WITH_EFFECTS: Kind(
        "word/stylesWithEffects.xml", "application/vnd.ms-word.stylesWithEffects+xml", f"{_W}styles"
    ),
    _rt("numbering"): Kind(
        "word/numbering.xml", _WML + "numbering+xml", f"{_W}numbering", _CONTENT
    ),
    _rt("theme"): Kind(
        "word/theme/theme1.xml",
        "application/vnd.openxmlformats-officedocument.theme+xml",
        "{http://schemas.openxmlformats.org/drawingml/2006/main}theme",
        _CONTENT,
    ),
    _rt("fontTable"): Kind("word/fontTable.xml", _WML + "fontTable+xml", f"{_W}fonts", (_FONT,)),
    _rt("settings"): Kind("word/settings.xml", _WML + "settings+xml", f"{_W}settings"),
    _rt("webSettings"): Kind("word/webSettings.xml", _WML + "webSettings+xml", f"{_W}webSettings"),
    _rt("header"): Kind("word/header{n}.xml", _WML + "header+xml", f"{_W}hdr", _CONTENT),
    _rt("footer"): Kind("word/footer{n}.xml", _WML + "footer+xml", f"{_W}ftr", _CONTENT),
    _rt("footnotes"): Kind(
        "word/footnotes.xml", _WML + "footnotes+xml", f"{_W}footnotes", _CONTENT
    ),
    _rt("endnotes"): Kind("word/endnotes.xml", _WML + "endnotes+xml", f"{_W}endnotes", _CONTENT),
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
_NOTES = {f"{_W}footnotes", f"{_W}endnotes"}
_STORIES = {f"{_W}hdr", f"{_W}ftr", *_NOTES}
"""Parts with text, hence with fields."""

# -- What is left out, in French ---------------------------------------------------

MACROS = "macros (VBA)"
ACTIVEX = "contrôles ActiveX"
EMBEDDED = "objets incorporés (OLE)"
CUSTOM_XML = "données XML personnalisées (customXml)"
EXTERNAL = "liens vers des fichiers ou adresses extérieurs"
ATTACHED = "modèle attaché (attachedTemplate)"
MAIL_MERGE = "source de publipostage"
COMMENTS = "commentaires"
GLOSSARY = "glossaire (blocs de construction)"
PROTECTION = "protection du document"
FIELDS = "en-têtes, pieds de page ou notes avec un champ qui lit ou exécute autre chose"
IMAGES = "images dans un autre format que PNG ou JPEG"
MACRO_TYPE = "type « document à macros » (remplacé par un document Word ordinaire)"
OTHER = "autres parties inattendues"
_ORDER = (
    *(ATTACHED, EXTERNAL, MACROS, MACRO_TYPE, ACTIVEX, EMBEDDED, CUSTOM_XML),
    *(MAIL_MERGE, FIELDS, PROTECTION, COMMENTS, GLOSSARY, IMAGES, OTHER),
)
"""The order of the warnings: what Word would have fetched or run first."""
_BY_RELATIONSHIP = {
    name: kind
    for kind, names in (
        (ATTACHED, "attachedTemplate"),
        (MACROS, "vbaProject wordVbaData keyMapCustomizations attachedToolbars"),
        (ACTIVEX, "control activeXControlBinary"),
        (EMBEDDED, "oleObject package"),
        (CUSTOM_XML, "customXml"),
        (MAIL_MERGE, "mailMergeSource mailMergeHeaderSource recipientData"),
        (COMMENTS, "comments commentsExtended commentsIds commentsExtensible people"),
        (GLOSSARY, "glossaryDocument"),
    )
    for name in names.split()
}
"""The kind of a relationship left out, by the last word of its type."""
_MACRO_PARTS = r"(^|/)(vbaProject\.bin|vbaData\.xml|customizations\.xml|attachedToolbars\.bin)$"
_BY_NAME = (
    (re.compile(_MACRO_PARTS, re.I), MACROS),
    (re.compile(r"(^|/)activeX/", re.I), ACTIVEX),
    (re.compile(r"(^|/)embeddings/", re.I), EMBEDDED),
    (re.compile(r"^customXml/", re.I), CUSTOM_XML),
    (re.compile(r"(^|/)glossary/", re.I), GLOSSARY),
    (re.compile(r"(^|/)(comments\w*|people)\.xml$", re.I), COMMENTS),
)
_SHOWN = 5


class TemplateError(AuthoringError):
    """A template that cannot be used safely; the export stops before writing."""


@dataclass
class Findings:
    """What was left out, by kind, in the order met; one warning per kind."""

    items: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, item: str) -> None:
        found = self.items.setdefault(kind, [])
        shown = _printable(item)
        if shown not in found:
            found.append(shown)

    def warnings(self, template: Path) -> list[str]:
        return [
            f"modèle « {_printable(template.name)} » : non repris dans le rapport — "
            f"{kind} : {_listing(items)}."
            for kind in _ORDER
            if (items := self.items.get(kind))
        ]


def _listing(items: list[str]) -> str:
    shown = ", ".join(items[:_SHOWN])
    rest = len(items) - _SHOWN
    return shown + (f" et {rest} autre(s)" if rest > 0 else "")


def _printable(text: str) -> str:
    """Part names and addresses come from the file: control characters (bidi
    overrides included) are shown percent-encoded, and long ones cut, so a message
    cannot disguise itself or drive the terminal. (Markup is the printer's
    business: the CLI escapes, the TUI shows plain text.)"""
    shown = "".join(c if c.isprintable() else quote(c) for c in text)
    return shown if len(shown) <= 80 else shown[:79] + "…"


@dataclass(frozen=True)
class CleanTemplate:
    data: bytes
    """The rebuilt .docx, for python-docx."""
    warnings: list[str]


def sanitise_template(path: Path) -> CleanTemplate:
    """The template at ``path`` rebuilt from its legitimate parts, and what was left out."""
    archive = _open_zip(_read_file(path), path)
    package = _Package(archive, path)
    builder = _Builder(package)
    builder.build()
    builder.account_for_the_rest()
    return CleanTemplate(builder.write(), builder.findings.warnings(path))


# -- The file and its zip ------------------------------------------------------------


def _read_file(path: Path) -> bytes:
    """The whole file, through the tool's one way to the disk: a regular file (a
    FIFO would block: it is refused before it is read) of reasonable size. The
    template is a path the user typed, so the links on the way to it are theirs
    to choose: it is resolved first, then opened without following any link."""
    real = path.resolve()
    try:
        return Folder.at(real.parent).read_bytes(real.name, limit=MAX_FILE)
    except FileNotFoundError:
        raise TemplateError("le modèle indiqué n’existe pas.", path) from None
    except UnsafePath as error:
        raise TemplateError(error.message, path) from None


def _open_zip(data: bytes, path: Path) -> zipfile.ZipFile:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise TemplateError(
            "le modèle n’est pas un document Word (.docx) lisible : il est protégé par mot de "
            "passe ou au format .doc ancien ; enregistrez-le en .docx sans mot de passe.",
            path,
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise TemplateError(
            "le modèle n’est pas un document Word (.docx) lisible : ce n’est pas une archive "
            "zip complète.",
            path,
        ) from None
    _check_sizes(archive.infolist(), path)
    return archive


def _check_sizes(infos: list[zipfile.ZipInfo], path: Path) -> None:
    """Sizes as the central directory announces them, before anything is
    decompressed (reading then holds each part to what was announced)."""
    if len(infos) > MAX_MEMBERS:
        raise TemplateError(
            f"le modèle contient {len(infos)} fichiers internes ; un modèle Word en a une "
            f"vingtaine (limite : {MAX_MEMBERS}).",
            path,
        )
    for info in infos:
        if info.file_size > MAX_PART:
            what = f"la partie {_printable(info.filename)} une fois décompressée"
            raise _too_big(path, what, info.file_size, MAX_PART)
        ratio = info.file_size // max(info.compress_size, 1)
        if info.file_size > _RATIO_FLOOR and ratio > MAX_RATIO:
            raise TemplateError(
                f"la partie {_printable(info.filename)} se décompresse en {ratio} fois sa taille "
                "stockée : c’est la marque d’une bombe de décompression.",
                path,
            )
        if info.flag_bits & 0x1:
            raise TemplateError(
                f"la partie {_printable(info.filename)} est chiffrée : enregistrez le modèle "
                "sans mot de passe.",
                path,
            )
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL:
        raise _too_big(path, "le modèle une fois décompressé", total, MAX_TOTAL)


def _too_big(path: Path, what: str, size: int, limit: int) -> TemplateError:
    return TemplateError(
        f"{what} fait {_megabytes(size)} ; la limite est de {_megabytes(limit)}.", path
    )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",").removesuffix(",0") + "\u00a0Mo"


# -- The package: its parts, relationships and declared types ----------------------


@dataclass(frozen=True)
class Relationship:
    id: str
    type: str
    target: str
    external: bool


class _Package:
    """The template's zip as OPC parts: bounded reads, hardened XML."""

    def __init__(self, archive: zipfile.ZipFile, path: Path) -> None:
        self.archive = archive
        self.path = path
        self.members: dict[str, zipfile.ZipInfo] = {}
        for info in archive.infolist():
            key = info.filename.lower()
            if key in self.members:
                raise TemplateError(
                    f"le modèle contient deux fois la partie {_printable(info.filename)}.", path
                )
            self.members[key] = info
        self.types = self._content_types()

    def name_of(self, key: str) -> str:
        return self.members[key.lower()].filename

    def has(self, name: str) -> bool:
        return name.lower() in self.members

    def read(self, name: str) -> bytes:
        """A part's bytes, never more than announced, never more than the limits."""
        info = self.members[name.lower()]
        try:
            with self.archive.open(info) as stream:
                data = stream.read(MAX_PART + 1)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError, zlib.error):
            raise TemplateError(
                f"la partie {_printable(name)} est endommagée ou chiffrée : le modèle n’est "
                "pas un document Word (.docx) lisible.",
                self.path,
            ) from None
        except NotImplementedError:
            raise TemplateError(
                f"la partie {_printable(name)} utilise une compression que l’outil ne lit pas ; "
                "enregistrez le modèle à nouveau depuis Word.",
                self.path,
            ) from None
        if len(data) > min(info.file_size, MAX_PART):
            raise _too_big(self.path, f"la partie {_printable(name)}", len(data), MAX_PART)
        return data

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
        if root.tag != f"{{{_PR}}}Relationships":
            raise _unexpected_root(rels_name, self.path)
        return [
            self._relationship(element, folder)
            for element in root
            if element.tag == f"{{{_PR}}}Relationship"
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
        if root.tag != f"{{{_CT}}}Types":
            raise _unexpected_root("[Content_Types].xml", self.path)
        overrides, defaults = {}, {}
        for element in root:
            if element.tag == f"{{{_CT}}}Override":
                part = element.get("PartName", "").lstrip("/").lower()
                overrides[unquote(part)] = element.get("ContentType", "")
            elif element.tag == f"{{{_CT}}}Default":
                defaults[element.get("Extension", "").lower()] = element.get("ContentType", "")
        return overrides, defaults


def parse_part(data: bytes, name: str, path: Path) -> etree._Element:
    """One XML part, parsed without entities, DTD or network, and refused if it
    declares a document type at all: a Word part never does, an attack always does."""
    if any(mark in data for mark in _DOCTYPE_MARKS):
        raise _doctype(name, path)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError) as error:
        where = getattr(error, "position", None)
        at = f" (ligne {where[0]}, colonne {where[1]})" if where else ""
        raise TemplateError(
            f"la partie {_printable(name)} n’est pas du XML bien formé{at}.", path
        ) from None
    if root.getroottree().docinfo.doctype or next(root.iter(etree.Entity), None) is not None:
        raise _doctype(name, path)
    return root


_DOCTYPE_MARKS = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))


def _doctype(name: str, path: Path) -> TemplateError:
    return TemplateError(
        f"la partie {_printable(name)} déclare un type de document (<!DOCTYPE>, entités XML) : "
        "un modèle Word n’en contient jamais, il est refusé.",
        path,
    )


def _unexpected_root(name: str, path: Path) -> TemplateError:
    return TemplateError(
        f"la partie {_printable(name)} n’a pas le contenu attendu : le modèle n’est pas un "
        "document Word (.docx) lisible.",
        path,
    )


# -- The clean package ----------------------------------------------------------------


@dataclass
class _Part:
    name: str
    content_type: str
    data: bytes = b""
    rels: list[tuple[str, str, str]] = field(default_factory=list)
    """(id, type, target part name) of the kept relationships."""
    rel_type: str = ""
    """The relationship type it was kept as."""


class _Builder:
    """Walks the relationships from the package down and keeps what the kinds allow."""

    def __init__(self, package: _Package) -> None:
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
                f"est de type « {_printable(declared)} ».",
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
        kind = _BY_RELATIONSHIP.get(last) or (EXTERNAL if rel.external else None)
        if kind is None and last in _QUIET:
            return
        self.findings.add(kind or _kind_by_name(rel.target), rel.target)

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
            raise _unexpected_root(self.package.name_of(old), self.package.path)
        if not self._fields_allowed(root, old):
            return None
        _CLEANERS.get(root.tag, _no_cleaning)(root, self.findings)
        rels = self.keep_relationships(self.package.relationships(old), kind.children)
        _scrub_references(root, {rel_id for rel_id, _, _ in rels}, self.findings)
        data = etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)
        return _Part(self._name(kind), kind.content_type, data, rels)

    def _fields_allowed(self, root: etree._Element, old: str) -> bool:
        """A header or footer with a field that reads or runs something else is left
        out whole; notes (whose text the report never shows) just lose their fields."""
        if root.tag not in _STORIES:
            return True
        forbidden = _forbidden_field(root)
        if forbidden is None:
            return True
        if root.tag in _NOTES:
            _drop_fields(root)
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
                self.findings.add(_kind_by_name(info.filename), info.filename)

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


def _kind_by_name(name: str) -> str:
    return next((kind for pattern, kind in _BY_NAME if pattern.search(name)), OTHER)


def _is_bookkeeping(key: str) -> bool:
    """The zip's own entries: relationship parts, content types, folders, thumbnails."""
    return (
        key == "[content_types].xml"
        or key.endswith("/")
        or key.endswith(".rels")
        or key.startswith("docprops/thumbnail")
    )


def _content_types_xml(parts: list[_Part]) -> bytes:
    root = etree.Element(f"{{{_CT}}}Types", nsmap={None: _CT})
    for extension, content_type in (
        ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
        ("xml", "application/xml"),
    ):
        etree.SubElement(root, f"{{{_CT}}}Default", Extension=extension, ContentType=content_type)
    for part in parts:
        etree.SubElement(
            root, f"{{{_CT}}}Override", PartName="/" + part.name, ContentType=part.content_type
        )
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)


def _rels_xml(rels: list[tuple[str, str, str]], folder: str) -> bytes:
    root = etree.Element(f"{{{_PR}}}Relationships", nsmap={None: _PR})
    for rel_id, rel_type, target in rels:
        relative = posixpath.relpath(target, folder) if folder else target
        etree.SubElement(root, f"{{{_PR}}}Relationship", Id=rel_id, Type=rel_type, Target=relative)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)


# -- Inside the kept XML -----------------------------------------------------------

_SETTINGS_DROPPED = {
    "attachedTemplate": ATTACHED,
    "mailMerge": MAIL_MERGE,
    "documentProtection": PROTECTION,
    "writeProtection": PROTECTION,
}
_SETTINGS_QUIET = ("linkStyles",)  # « update styles from the attached template »: gone with it


def _clean_settings(root: etree._Element, findings: Findings) -> None:
    for name, kind in _SETTINGS_DROPPED.items():
        for element in root.findall(f"{_W}{name}"):
            root.remove(element)
            findings.add(kind, f"w:{name}")
    for name in _SETTINGS_QUIET:
        for element in root.findall(f"{_W}{name}"):
            root.remove(element)


def _clean_web_settings(root: etree._Element, findings: Findings) -> None:
    """A frameset pulls other documents (often remote) into the window."""
    for element in root.findall(f"{_W}frameset"):
        root.remove(element)
        findings.add(EXTERNAL, "w:frameset")


def _clean_document(root: etree._Element, findings: Findings) -> None:
    """Only the page set-up of the main document is used: its body is emptied here,
    so nothing it held (objects, controls, links) is even looked at again."""
    for child in list(root):
        if child.tag not in (f"{_W}body", f"{_W}background"):
            root.remove(child)
    body = root.find(f"{_W}body")
    if body is None:
        body = etree.SubElement(root, f"{_W}body")
    section = body[-1] if len(body) and body[-1].tag == f"{_W}sectPr" else None
    for child in list(body):
        if child is not section:
            body.remove(child)
    if section is None:
        etree.SubElement(body, f"{_W}sectPr")


def _no_cleaning(root: etree._Element, findings: Findings) -> None:
    return None


_CLEANERS: dict[str, Callable[[etree._Element, Findings], None]] = {
    f"{_W}settings": _clean_settings,
    f"{_W}webSettings": _clean_web_settings,
    f"{_W}document": _clean_document,
}

_REMOVED_WITH_REFERENCE = frozenset(
    _words("headerReference footerReference attachedTemplate control OLEObject altChunk subDoc")
    + _words("embedRegular embedBold embedItalic embedBoldItalic saveThroughXslt sourceFileName")
    + _words("contentPart chart relIds printerSettings dataSource headerSource src recipientData")
)
"""Elements that mean nothing without the part they point to: removed with it.
Elsewhere (an image's ``r:link``, a hyperlink's ``r:id``) only the attribute goes."""
_VML_ADDRESSES = ("src", f"{_O}href", f"{_O}althref")


def _scrub_references(root: etree._Element, kept: set[str], findings: Findings) -> None:
    """No reference may point to a relationship that was left out (Word would call
    the report damaged), and no VML shape may name an outside image by address."""
    doomed = []
    for element in root.iter(etree.Element):
        for attribute in [a for a in element.attrib if a.startswith(f"{{{_R}}}")]:
            if element.attrib[attribute] in kept:
                continue
            if etree.QName(element).localname in _REMOVED_WITH_REFERENCE:
                doomed.append(element)
                break
            del element.attrib[attribute]
        if etree.QName(element).namespace == _VML:
            for attribute in _VML_ADDRESSES:
                if element.get(attribute):
                    findings.add(EXTERNAL, element.attrib.pop(attribute))
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)


# -- Fields ---------------------------------------------------------------------------

SAFE_FIELDS = frozenset(
    _words("PAGE NUMPAGES SECTIONPAGES SECTION STYLEREF REF PAGEREF NOTEREF SEQ IF QUOTE")
    + _words("SYMBOL DATE TIME CREATEDATE SAVEDATE PRINTDATE EDITTIME TITLE SUBJECT AUTHOR")
    + _words("KEYWORDS COMMENTS LASTSAVEDBY FILENAME FILESIZE TEMPLATE DOCPROPERTY NUMWORDS")
    + _words("DOCVARIABLE NUMCHARS REVNUM USERNAME USERINITIALS USERADDRESS INFO HYPERLINK")
    + _words("COMPARE ADVANCE EQ LISTNUM")
)
"""What a header, a footer or a note legitimately computes; DDE, DDEAUTO, INCLUDETEXT,
INCLUDEPICTURE, LINK, IMPORT, DATABASE, MACROBUTTON, PRINT… read or run something
else, and Word updates fields on opening the report."""


def _forbidden_field(root: etree._Element) -> str | None:
    for instruction in _field_instructions(root):
        words = instruction.split()
        name = words[0].upper() if words else ""
        if name and not name.startswith("=") and name not in SAFE_FIELDS:
            return _printable(name[:20])
    return None


def _field_instructions(root: etree._Element) -> list[str]:
    """Each field's whole instruction, whether simple or spread over runs (a
    name split in two runs is one name; two fields side by side are two)."""
    done: list[str] = []
    pending: list[str] = []
    tags = (f"{_W}fldSimple", f"{_W}fldChar", f"{_W}instrText", f"{_W}delInstrText")
    for element in root.iter(*tags):
        if element.tag == f"{_W}fldSimple":
            done.append(element.get(f"{_W}instr", ""))
        elif element.tag == f"{_W}fldChar":
            if element.get(f"{_W}fldCharType") == "begin":
                pending.append("")
            elif element.get(f"{_W}fldCharType") == "end" and pending:
                done.append(pending.pop())
        elif pending:
            pending[-1] += element.text or ""
        else:
            done.append(element.text or "")
    return done + pending


def _drop_fields(root: etree._Element) -> None:
    """Notes keep their separators; every field in them goes."""
    tags = (f"{_W}fldSimple", f"{_W}fldChar", f"{_W}instrText", f"{_W}delInstrText")
    for element in list(root.iter(*tags)):
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
