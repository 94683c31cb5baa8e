"""Real Word bullet lists: one bullet definition, one numbering instance per list.

A ``liste`` block becomes paragraphs that point at a ``w:num``; nesting is the
paragraph's ``ilvl``. Each list block gets its own ``w:num`` (restarting its
levels), as the seed's lists restart, so merging or renumbering in Word never
runs two lists together. Bullets follow the seed: « ● », then « – », then « o ».
"""

from __future__ import annotations

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart

from . import ooxml
from .ooxml import Element

_BULLETS = ("●", "–", "o")
_INDENT = 360  # twentieths of a point per level
_HANGING = 284


class Bullets:
    """Allocates numbering instances of the export's bullet list definition."""

    def __init__(self, document: Document) -> None:
        self._numbering = _numbering_element(document)
        abstract_ids = [
            int(a.get(qn("w:abstractNumId"))) for a in self._numbering.findall(qn("w:abstractNum"))
        ]
        num_ids = [int(n.get(qn("w:numId"))) for n in self._numbering.findall(qn("w:num"))]
        self._abstract_id = max(abstract_ids, default=-1) + 1
        self._next_num = max(num_ids, default=0) + 1
        self._add_definition()

    def _add_definition(self) -> None:
        abstract = ooxml.new("abstractNum", abstractNumId=str(self._abstract_id))
        ooxml.sub(abstract, "multiLevelType", val="hybridMultilevel")
        for level in range(9):
            lvl = ooxml.sub(abstract, "lvl", ilvl=str(level))
            ooxml.sub(lvl, "start", val="1")
            ooxml.sub(lvl, "numFmt", val="bullet")
            ooxml.sub(lvl, "lvlText", val=_BULLETS[level % len(_BULLETS)])
            ooxml.sub(lvl, "lvlJc", val="left")
            ppr = ooxml.sub(lvl, "pPr")
            left = str(_INDENT * (level + 1) + _HANGING)
            ooxml.sub(ppr, "ind", left=left, hanging=str(_HANGING))
        # Every w:abstractNum must come before the first w:num (schema order).
        first_num = self._numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self._numbering.append(abstract)

    def new_list(self) -> int:
        """A fresh numbering instance for one list block; returns its ``numId``."""
        num_id = self._next_num
        self._next_num += 1
        num = ooxml.sub(self._numbering, "num", numId=str(num_id))
        ooxml.sub(num, "abstractNumId", val=str(self._abstract_id))
        override = ooxml.sub(num, "lvlOverride", ilvl="0")
        ooxml.sub(override, "startOverride", val="1")
        return num_id


def _numbering_element(document: Document) -> Element:
    """The document's ``w:numbering``, created when the template has none (python-docx
    cannot create one: a Word document without lists has no numbering part)."""
    try:
        part = document.part.part_related_by(RT.NUMBERING)
        if isinstance(part, XmlPart):
            return part.element
        raise KeyError(RT.NUMBERING)
    except KeyError:
        blob = f"<w:numbering {nsdecls('w')}/>".encode()
        part = NumberingPart.load(
            PackURI("/word/numbering.xml"), CT.WML_NUMBERING, blob, document.part.package
        )
        document.part.relate_to(part, RT.NUMBERING)
        return part.element


def is_list_paragraph(p: Element) -> bool:
    return p.find(f"{ooxml.w('pPr')}/{ooxml.w('numPr')}") is not None
