"""XML parts of a template, parsed so that they can neither expand nor fetch anything.

A template's parts are XML the user did not write: ``parse_part`` refuses any
document type (a Word part never declares one, an XML attack always does) and
parses without entities, DTD or network. ``template_parts`` reads every part
through it; the namespaces here name what the other ``template_*`` modules look
for in the parsed trees.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from .template_messages import TemplateError, printable

# Relationships, package relationships, content types, WordprocessingML.
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def words(text: str) -> tuple[str, ...]:
    """Lists of element, relationship or field names, written as one line of words."""
    return tuple(text.split())


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
            f"la partie {printable(name)} n’est pas du XML bien formé{at}.", path
        ) from None
    if root.getroottree().docinfo.doctype or next(root.iter(etree.Entity), None) is not None:
        raise _doctype(name, path)
    return root


_DOCTYPE_MARKS = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))


def _doctype(name: str, path: Path) -> TemplateError:
    return TemplateError(
        f"la partie {printable(name)} déclare un type de document (<!DOCTYPE>, entités XML) : "
        "un modèle Word n’en contient jamais, il est refusé.",
        path,
    )


def unexpected_root(name: str, path: Path) -> TemplateError:
    return TemplateError(
        f"la partie {printable(name)} n’a pas le contenu attendu : le modèle n’est pas un "
        "document Word (.docx) lisible.",
        path,
    )
