"""The template: the document whose styles, page and theme the export takes.

As with pandoc's reference document, only the template's *styles and page set-up*
are used; its body is emptied. A user's template is first rebuilt from its
legitimate parts by ``template_safety`` (no macro, no outside link, no embedded
object reaches the report), and python-docx reads only that rebuilt copy.
Without ``--template`` the export starts from the shipped default: python-docx's
blank document, turned A4, French and sober by the definitions of ``styles.py``.
``authoring-tui template DIR`` writes that default out (with one sample paragraph
per style) for the communication team to restyle.
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

from ..core.errors import AuthoringError
from ..core.files import Folder
from . import ooxml
from .ooxml import Element, sub
from .package import write_docx
from .styles import FONT, LANGUAGE, STYLES, ensure_styles
from .template_safety import sanitise_template

TEMPLATE_NAME = "modele-rapport.docx"
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
# Elements that follow w:updateFields in w:settings (schema order).
_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)


def open_template(path: Path | None) -> tuple[Document, dict[str, str], list[str]]:
    """The document to build in, emptied, with every export style; key → style id;
    and the French warnings about what a user's template carried that was left out."""
    document, warnings = (_default_document(), []) if path is None else _read_template(path)
    _empty_body(document)
    style_ids = ensure_styles(document, force=path is None)
    set_language(document)
    _prepare_settings(document)
    return document, style_ids, warnings


def _default_document() -> Document:
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(25))
    section.header_distance = section.footer_distance = Mm(12)
    set_default_font(document)
    _drop_leftovers(document)
    return document


def _drop_leftovers(document: Document) -> None:
    """python-docx's blank document carries a thumbnail of another document, a
    Word 2010 copy of its styles that would contradict ours, and an empty
    bibliography in ``customXml/``, which a user's template would lose anyway
    (``template_safety``): all three are dropped."""
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rel_id)
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype in (_STYLES_WITH_EFFECTS, RT.CUSTOM_XML):
            document.part.rels.pop(rel_id)


def _read_template(path: Path) -> tuple[Document, list[str]]:
    """The user's template, rebuilt from its legitimate parts before python-docx
    reads it, and what was left out."""
    clean = sanitise_template(path)
    try:
        return docx.Document(io.BytesIO(clean.data)), clean.warnings
    except (KeyError, ValueError):  # parts that python-docx itself cannot make sense of
        raise AuthoringError(
            "le modèle n’est pas un document Word (.docx) lisible.", path
        ) from None


def _empty_body(document: Document) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _prepare_settings(document: Document) -> None:
    """Fields updated on open (table of contents, page count); French proofing and
    hyphenation."""
    settings = document.settings.element
    _hyphenate(settings)
    for tag in ("proofState", "updateFields"):
        for old in settings.findall(qn(f"w:{tag}")):
            settings.remove(old)  # a « clean » proof state would skip the spell-check
    update = ooxml.new("updateFields", val="true")
    follower = next((child for child in settings if _local(child) in _AFTER_UPDATE_FIELDS), None)
    if follower is not None:
        follower.addprevious(update)
    else:
        settings.append(update)
    zoom = settings.find(qn("w:zoom"))
    if zoom is not None and zoom.get(qn("w:percent")) is None:
        zoom.set(qn("w:percent"), "100")  # required by the schema (python-docx's has none)
    font_lang = settings.find(qn("w:themeFontLang"))
    if font_lang is not None:
        font_lang.set(qn("w:val"), "fr-FR")
    decimal = settings.find(qn("w:decimalSymbol"))
    if decimal is not None:
        decimal.set(qn("w:val"), ",")
        separator = settings.find(qn("w:listSeparator"))
        if separator is not None:
            separator.set(qn("w:val"), ";")


_AFTER_HYPHENATION = (
    "showEnvelope",
    "summaryLength",
    "clickAndTypeStyle",
    "defaultTableStyle",
    "evenAndOddHeaders",
    "bookFoldRevPrinting",
    "bookFoldPrinting",
    "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing",
    "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery",
    "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin",
    "doNotShadeFormData",
    "noPunctuationKerning",
    "characterSpacingControl",
    "printTwoOnOne",
    "strictFirstAndLastChars",
    "noLineBreaksAfter",
    "noLineBreaksBefore",
    "savePreviewPicture",
    "doNotValidateAgainstSchema",
    "saveInvalidXml",
    "ignoreMixedContent",
    "alwaysShowPlaceholderText",
    "doNotDemarcateInvalidXml",
    "saveXmlDataOnly",
    "useXSLTWhenSaving",
    "saveThroughXslt",
    "showXMLTags",
    "alwaysMergeEmptyNamespace",
    "updateFields",
    *_AFTER_UPDATE_FIELDS,
)
"""Elements that follow the hyphenation settings in ``w:settings`` (schema order)."""
_HYPHENATION = (("autoHyphenation", "true"), ("consecutiveHyphenLimit", "2"))


def _hyphenate(settings: Element) -> None:
    """French hyphenation on (justified text without it leaves loose lines), at most
    two hyphenated lines in a row; headings opt out in their styles."""
    for tag, _ in _HYPHENATION:
        for old in settings.findall(qn(f"w:{tag}")):
            settings.remove(old)
    follower = next(
        (
            child
            for child in settings
            if _local(child) in (*_AFTER_HYPHENATION, "hyphenationZone", "doNotHyphenateCaps")
        ),
        None,
    )
    for tag, value in _HYPHENATION:
        element = ooxml.new(tag, val=value)
        if follower is not None:
            follower.addprevious(element)
        else:
            settings.append(element)


def _local(element: Element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def write_template(folder: Path, force: bool = False) -> Path:
    """Write the default template into ``folder``; refuse to replace one unless forced."""
    if folder.exists() and not folder.is_dir():
        raise AuthoringError("ce n’est pas un dossier.", folder)
    _make_folder(folder)
    target = folder / TEMPLATE_NAME
    document, style_ids, _ = open_template(None)
    _add_style_samples(document, style_ids)
    write_docx(document, target, datetime.date(2021, 1, 1), force=force)
    return target


def _make_folder(folder: Path) -> None:
    """The folder the user named, created with its missing parents through the
    safe file layer (from the deepest folder that exists: the path is theirs)."""
    existing = folder.absolute()
    while not existing.exists():
        existing = existing.parent
    Folder.at(existing).ensure_folder(folder.absolute().relative_to(existing))


def _add_style_samples(document: Document, style_ids: dict[str, str]) -> None:
    """One paragraph per paragraph style, named after it, to restyle in Word."""
    body = document.element.body
    section = body[-1]
    for spec in STYLES:
        if spec.kind != "paragraph":
            continue
        p = ooxml.paragraph(style_ids[spec.key])
        ooxml.run(p, f"{spec.name} : exemple de texte dans ce style.")
        section.addprevious(p)


def set_language(document: Document) -> None:
    """fr-FR on the document defaults and on every style, so Word checks French."""
    styles_element = document.styles.element
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = parse_xml(f"<w:docDefaults {nsdecls('w')}/>")
        styles_element.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = sub(defaults, "rPrDefault")
        defaults.insert(0, rpr_default)
    _set_lang(_child(rpr_default, "rPr"))
    for style in styles_element.findall(qn("w:style")):
        if style.get(qn("w:type")) in ("paragraph", "character", "table"):
            _set_lang(_style_rpr(style))


def set_default_font(document: Document) -> None:
    """Sober defaults for the shipped template: Arial 10.5 pt, modest spacing."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr_default = _child(defaults, "rPrDefault")
    for old in rpr_default.findall(qn("w:rPr")):
        rpr_default.remove(old)
    fonts = f'w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"'
    rpr_default.append(
        parse_xml(
            f'<w:rPr {nsdecls("w")}><w:rFonts {fonts}/><w:sz w:val="21"/><w:szCs w:val="21"/>'
            f'<w:lang w:val="{LANGUAGE}"/></w:rPr>'
        )
    )
    ppr = _child(_child(defaults, "pPrDefault"), "pPr")
    for old in ppr.findall(qn("w:spacing")):
        ppr.remove(old)
    sub(ppr, "spacing", after="120", line="264", lineRule="auto")


def _child(parent: Element, tag: str) -> Element:
    found = parent.find(qn(f"w:{tag}"))
    return found if found is not None else sub(parent, tag)


def _style_rpr(style: Element) -> Element:
    rpr = style.find(qn("w:rPr"))
    if rpr is None:
        rpr = parse_xml(f"<w:rPr {nsdecls('w')}/>")
        # rPr comes after pPr and before tblPr in a style (schema order).
        anchor = style.find(qn("w:tblPr"))
        if anchor is None:
            anchor = style.find(qn("w:tblStylePr"))
        if anchor is not None:
            anchor.addprevious(rpr)
        else:
            style.append(rpr)
    return rpr


def _set_lang(rpr: Element) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = sub(rpr, "lang")
    lang.set(qn("w:val"), LANGUAGE)
