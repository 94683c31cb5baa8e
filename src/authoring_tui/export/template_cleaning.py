"""Inside the XML parts a template keeps: what is removed before the report gets them.

``template_builder`` hands each kept part here. Settings lose the attached
template, mail merge and protection; web settings their frameset; the main
document everything but its page set-up. References to relationships that were
left out go (with the element when it means nothing without them), and so do VML
addresses of outside images. Headers, footers and notes are checked for fields
that read or run something else (``forbidden_field``).
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from .template_messages import ATTACHED, EXTERNAL, MAIL_MERGE, PROTECTION, Findings, printable
from .template_xml import R, W, words

_VML = "urn:schemas-microsoft-com:vml"
_O = "{urn:schemas-microsoft-com:office:office}"


_SETTINGS_DROPPED = {
    "attachedTemplate": ATTACHED,
    "mailMerge": MAIL_MERGE,
    "documentProtection": PROTECTION,
    "writeProtection": PROTECTION,
}
_SETTINGS_QUIET = ("linkStyles",)  # « update styles from the attached template »: gone with it


def _clean_settings(root: etree._Element, findings: Findings) -> None:
    for name, kind in _SETTINGS_DROPPED.items():
        for element in root.findall(f"{W}{name}"):
            root.remove(element)
            findings.add(kind, f"w:{name}")
    for name in _SETTINGS_QUIET:
        for element in root.findall(f"{W}{name}"):
            root.remove(element)


def _clean_web_settings(root: etree._Element, findings: Findings) -> None:
    """A frameset pulls other documents (often remote) into the window."""
    for element in root.findall(f"{W}frameset"):
        root.remove(element)
        findings.add(EXTERNAL, "w:frameset")


def _clean_document(root: etree._Element, findings: Findings) -> None:
    """Only the page set-up of the main document is used: its body is emptied here,
    so nothing it held (objects, controls, links) is even looked at again."""
    for child in list(root):
        if child.tag not in (f"{W}body", f"{W}background"):
            root.remove(child)
    body = root.find(f"{W}body")
    if body is None:
        body = etree.SubElement(root, f"{W}body")
    section = body[-1] if len(body) and body[-1].tag == f"{W}sectPr" else None
    for child in list(body):
        if child is not section:
            body.remove(child)
    if section is None:
        etree.SubElement(body, f"{W}sectPr")


def _no_cleaning(root: etree._Element, findings: Findings) -> None:
    return None


_CLEANERS: dict[str, Callable[[etree._Element, Findings], None]] = {
    f"{W}settings": _clean_settings,
    f"{W}webSettings": _clean_web_settings,
    f"{W}document": _clean_document,
}


def clean(root: etree._Element, findings: Findings) -> None:
    """Remove from a kept part what its kind may not carry (see ``_CLEANERS``)."""
    _CLEANERS.get(root.tag, _no_cleaning)(root, findings)


_REMOVED_WITH_REFERENCE = frozenset(
    words("headerReference footerReference attachedTemplate control OLEObject altChunk subDoc")
    + words("embedRegular embedBold embedItalic embedBoldItalic saveThroughXslt sourceFileName")
    + words("contentPart chart relIds printerSettings dataSource headerSource src recipientData")
)
"""Elements that mean nothing without the part they point to: removed with it.
Elsewhere (an image's ``r:link``, a hyperlink's ``r:id``) only the attribute goes."""
_VML_ADDRESSES = ("src", f"{_O}href", f"{_O}althref")


def scrub_references(root: etree._Element, kept: set[str], findings: Findings) -> None:
    """No reference may point to a relationship that was left out (Word would call
    the report damaged), and no VML shape may name an outside image by address."""
    doomed = []
    for element in root.iter(etree.Element):
        for attribute in [a for a in element.attrib if a.startswith(f"{{{R}}}")]:
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


SAFE_FIELDS = frozenset(
    words("PAGE NUMPAGES SECTIONPAGES SECTION STYLEREF REF PAGEREF NOTEREF SEQ IF QUOTE")
    + words("SYMBOL DATE TIME CREATEDATE SAVEDATE PRINTDATE EDITTIME TITLE SUBJECT AUTHOR")
    + words("KEYWORDS COMMENTS LASTSAVEDBY FILENAME FILESIZE TEMPLATE DOCPROPERTY NUMWORDS")
    + words("DOCVARIABLE NUMCHARS REVNUM USERNAME USERINITIALS USERADDRESS INFO HYPERLINK")
    + words("COMPARE ADVANCE EQ LISTNUM")
)
"""What a header, a footer or a note legitimately computes; DDE, DDEAUTO, INCLUDETEXT,
INCLUDEPICTURE, LINK, IMPORT, DATABASE, MACROBUTTON, PRINT… read or run something
else, and Word updates fields on opening the report."""


def forbidden_field(root: etree._Element) -> str | None:
    for instruction in _field_instructions(root):
        words = instruction.split()
        name = words[0].upper() if words else ""
        if name and not name.startswith("=") and name not in SAFE_FIELDS:
            return printable(name[:20])
    return None


def _field_instructions(root: etree._Element) -> list[str]:
    """Each field's whole instruction, whether simple or spread over runs (a
    name split in two runs is one name; two fields side by side are two)."""
    done: list[str] = []
    pending: list[str] = []
    tags = (f"{W}fldSimple", f"{W}fldChar", f"{W}instrText", f"{W}delInstrText")
    for element in root.iter(*tags):
        if element.tag == f"{W}fldSimple":
            done.append(element.get(f"{W}instr", ""))
        elif element.tag == f"{W}fldChar":
            if element.get(f"{W}fldCharType") == "begin":
                pending.append("")
            elif element.get(f"{W}fldCharType") == "end" and pending:
                done.append(pending.pop())
        elif pending:
            pending[-1] += element.text or ""
        else:
            done.append(element.text or "")
    return done + pending


def drop_fields(root: etree._Element) -> None:
    """Notes keep their separators; every field in them goes."""
    tags = (f"{W}fldSimple", f"{W}fldChar", f"{W}instrText", f"{W}delInstrText")
    for element in list(root.iter(*tags)):
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
