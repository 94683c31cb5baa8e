"""Small builders of WordprocessingML elements, used instead of python-docx's API.

python-docx's ``document.add_paragraph`` inserts each paragraph before the body's
``w:sectPr``, which means a scan of the body per paragraph: quadratic in the
document's length (110 s for 50 times the sample). The exporter builds detached
``w:p``/``w:tbl`` elements with these helpers and appends them in reading order,
which is linear. Elements are made with python-docx's parser so that they are its
``CT_*`` classes and its API (comments, read-back) works on them.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from docx.oxml.ns import qn
from docx.oxml.parser import oxml_parser
from lxml import etree

from .typography import NBHYPHEN, superscripts

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
HIGHLIGHT = "yellow"

Element = Any  # an lxml element of python-docx's oxml classes


class _QualifiedNames(dict[str, str]):
    """``"p"`` → ``"{…/main}p"``, each made once: the exporter asks millions of times."""

    def __missing__(self, tag: str) -> str:
        name = self[tag] = f"{{{W_NS}}}{tag}"
        return name


_QNAMES = _QualifiedNames()


def w(tag: str) -> str:
    return _QNAMES[tag]


_NSMAP = {"w": W_NS}
_W_DECLARATION = f' xmlns:w="{W_NS}"'.encode()


def new(tag: str, **attrs: str) -> Element:
    element = oxml_parser.makeelement(w(tag), nsmap=_NSMAP)
    for key, value in attrs.items():
        element.set(w(key), value)
    return element


def sub(parent: Element, tag: str, **attrs: str) -> Element:
    """A child element; its attributes are set one by one, which lxml does in half
    the time of an attribute mapping given at creation (the export's hottest call)."""
    element = etree.SubElement(parent, _QNAMES[tag])
    for key, value in attrs.items():
        element.set(_QNAMES[key], value)
    return element


def paragraph(
    style_id: str | None,
    *,
    page_break_before: bool = False,
    numbering: tuple[int, int] | None = None,
) -> Element:
    """A ``w:p`` with its style and, for list items, ``(numId, ilvl)``."""
    return copy.copy(_paragraph(style_id, page_break_before, numbering))


@functools.lru_cache(maxsize=1024)
def _paragraph(
    style_id: str | None, page_break_before: bool, numbering: tuple[int, int] | None
) -> Element:
    """The prototype of a paragraph, copied for each new one: lxml copies a small
    tree in C several times faster than Python builds it element by element.
    Never changed: only its copies are."""
    p = new("p")
    if style_id or page_break_before or numbering:
        ppr = sub(p, "pPr")
        if style_id:
            sub(ppr, "pStyle", val=style_id)
        if page_break_before:
            sub(ppr, "pageBreakBefore")
        if numbering:
            num_pr = sub(ppr, "numPr")
            sub(num_pr, "ilvl", val=str(numbering[1]))
            sub(num_pr, "numId", val=str(numbering[0]))
    return p


def style_of(element: Element) -> str | None:
    """The style id of a paragraph (``None`` for none, or for a table)."""
    properties = element.find(_QNAMES["pPr"])
    style = None if properties is None else properties.find(_QNAMES["pStyle"])
    return None if style is None else style.get(_QNAMES["val"])


def keep_with_next(p: Element) -> None:
    """Keep-with-next on a paragraph."""
    properties = p.find(w("pPr"))
    if properties is None:
        properties = new("pPr")
        p.insert(0, properties)
    keep_properties_with_next(properties)


def keep_properties_with_next(properties: Element) -> None:
    """Keep-with-next in a paragraph's ``w:pPr``, in its place (after the style)."""
    if properties.find(w("keepNext")) is None:
        first = properties[0] if len(properties) else None
        styled = first is not None and first.tag == w("pStyle")
        properties.insert(1 if styled else 0, new("keepNext"))


def run(
    p: Element,
    text: str,
    *,
    style_id: str | None = None,
    highlight: bool = False,
    bold: bool = False,
) -> Element:
    """Append ``text`` as ``w:r`` runs (tabs and line breaks as Word elements, an
    ordinal's letters as a superscript run of their own); return the last run."""
    pieces = superscripts(text) if text else [(text, False)]
    r = None
    for piece, superscript in pieces:
        r = _run(p, piece, style_id, highlight, bold, superscript)
    return r


def _run(
    p: Element, text: str, style_id: str | None, highlight: bool, bold: bool, superscript: bool
) -> Element:
    plain = "\n" not in text and "\t" not in text and NBHYPHEN not in text
    r = copy.copy(_run_prototype(style_id, highlight, bold, superscript, plain))
    p.append(r)
    if plain:
        _set_text(r[-1], text)
        return r
    for index, line in enumerate(text.split("\n")):
        if index:
            sub(r, "br")
        for position, piece in enumerate(line.split("\t")):
            if position:
                sub(r, "tab")
            if piece:
                _text(r, piece)
    return r


@functools.lru_cache(maxsize=64)
def _run_prototype(
    style_id: str | None, highlight: bool, bold: bool, superscript: bool, with_text: bool
) -> Element:
    """A run's properties (and its empty ``w:t`` for text of one piece), copied
    for each run as paragraphs are."""
    r = new("r")
    if style_id or highlight or bold or superscript:
        rpr = sub(r, "rPr")
        if style_id:
            sub(rpr, "rStyle", val=style_id)
        if bold:
            sub(rpr, "b")
        if highlight:
            sub(rpr, "highlight", val=HIGHLIGHT)
        if superscript:
            sub(rpr, "vertAlign", val="superscript")
    if with_text:
        sub(r, "t")
    return r


def _text(r: Element, text: str) -> None:
    """A ``w:t``; a non-breaking hyphen (U+2011, which Arial lacks) is written as
    Word's own ``w:noBreakHyphen``, drawn with the font's hyphen."""
    if NBHYPHEN in text:
        for index, piece in enumerate(text.split(NBHYPHEN)):
            if index:
                sub(r, "noBreakHyphen")
            if piece:
                _text(r, piece)
        return
    _set_text(sub(r, "t"), text)


def _set_text(t: Element, text: str) -> None:
    t.text = text
    if text[:1].isspace() or text[-1:].isspace():
        t.set(XML_SPACE, "preserve")


def page_break() -> Element:
    p = new("p")
    sub(sub(p, "r"), "br", type="page")
    return p


def field(p: Element, instruction: str, result: str = "", style_id: str | None = None) -> None:
    """A complex field (``PAGE``, ``NUMPAGES``…) with a cached result."""
    _field_char(p, "begin", style_id)
    instr = sub(_run_with_style(p, style_id), "instrText")
    instr.text = f" {instruction} "
    instr.set(XML_SPACE, "preserve")
    _field_char(p, "separate", style_id)
    if result:
        run(p, result, style_id=style_id)
    _field_char(p, "end", style_id)


def field_begin(p: Element, instruction: str) -> None:
    """Open a field whose result spans several paragraphs (the table of contents)."""
    _field_char(p, "begin", None, dirty=True)
    instr = sub(sub(p, "r"), "instrText")
    instr.text = f" {instruction} "
    instr.set(XML_SPACE, "preserve")
    _field_char(p, "separate", None)


def field_end(p: Element) -> None:
    _field_char(p, "end", None)


def _field_char(p: Element, kind: str, style_id: str | None, dirty: bool = False) -> None:
    char = sub(_run_with_style(p, style_id), "fldChar", fldCharType=kind)
    if dirty:
        # Word recomputes a dirty field when the document opens.
        char.set(qn("w:dirty"), "true")


def _run_with_style(p: Element, style_id: str | None) -> Element:
    r = sub(p, "r")
    if style_id:
        sub(sub(r, "rPr"), "rStyle", val=style_id)
    return r


def table(style_id: str, columns: list[int], *, header: bool = False) -> Element:
    """A ``w:tbl`` with its style and grid (widths in twentieths of a point)."""
    return copy.copy(_table(style_id, tuple(columns), header))


@functools.lru_cache(maxsize=1024)
def _table(style_id: str, columns: tuple[int, ...], header: bool) -> Element:
    tbl = new("tbl")
    tbl_pr = sub(tbl, "tblPr")
    sub(tbl_pr, "tblStyle", val=style_id)
    sub(tbl_pr, "tblW", w=str(sum(columns)), type="dxa")
    sub(tbl_pr, "tblLayout", type="fixed")
    look = {"val": "04A0" if header else "0000", "firstRow": "1" if header else "0"}
    sub(tbl_pr, "tblLook", **look, lastRow="0", firstColumn="0", lastColumn="0", noHBand="0")
    grid = sub(tbl, "tblGrid")
    for width in columns:
        sub(grid, "gridCol", w=str(width))
    return tbl


def row(tbl: Element, *, header: bool = False, may_split: bool = False) -> Element:
    """A row that never splits across pages (« 800 à » / « 1 000 »); a header row is
    repeated at the top of each page the table runs onto. A row holding a tall
    nested table (an inner box, a long table) may split between the nested rows,
    which themselves never split: otherwise it would jump whole to the next page."""
    tr = copy.copy(_row(header, may_split))
    tbl.append(tr)
    return tr


@functools.lru_cache(maxsize=8)
def _row(header: bool, may_split: bool) -> Element:
    tr = new("tr")
    tr_pr = sub(tr, "trPr")
    if not may_split:
        sub(tr_pr, "cantSplit")
    if header:
        sub(tr_pr, "tblHeader")
    return tr


def cell(tr: Element, width: int) -> Element:
    tc = copy.copy(_cell(width))
    tr.append(tc)
    return tc


@functools.lru_cache(maxsize=1024)
def _cell(width: int) -> Element:
    tc = new("tc")
    sub(sub(tc, "tcPr"), "tcW", w=str(width), type="dxa")
    return tc


def cell_paragraph(
    tr: Element, width: int, style_id: str, *, centred: bool = False, right: bool = False
) -> Element:
    """A new cell of ``tr`` holding one styled paragraph (centred vertically in
    its cell, aligned right): that paragraph, to write into."""
    tc = copy.copy(_cell_paragraph(width, style_id, centred, right))
    tr.append(tc)
    return tc[-1]


@functools.lru_cache(maxsize=1024)
def _cell_paragraph(width: int, style_id: str, centred: bool, right: bool) -> Element:
    tc = copy.copy(_cell(width))
    if centred:
        sub(tc[0], "vAlign", val="center")
    p = sub(tc, "p")
    ppr = sub(p, "pPr")
    sub(ppr, "pStyle", val=style_id)
    if right:
        sub(ppr, "jc", val="right")
    return tc


def close_cell(tc: Element) -> None:
    """A cell must hold a paragraph and end with one (after a nested table too)."""
    last = tc[-1] if len(tc) else None
    if last is None or last.tag != w("p"):
        tc.append(new("p"))


def serialise(element: Element) -> bytes:
    """A body element as the bytes ``document.xml`` holds, without the ``w``
    namespace declaration that the document's root already makes."""
    data: bytes = etree.tostring(element, encoding="UTF-8", xml_declaration=False)
    end = data.index(b">")
    return data[:end].replace(_W_DECLARATION, b"", 1) + data[end:]
