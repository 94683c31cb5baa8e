"""The ``image`` block: an inline picture with its caption, credit and alternative text.

The picture is scaled to the text width (half of it for ``largeur: demi``),
never taller than ``MAX_HEIGHT`` so that a portrait photo still fits a page with
its caption. Its description for readers who do not see it (``texte_alternatif``)
goes where Word and LibreOffice look for it: the drawing's ``wp:docPr/@descr``.

The file is read through the workspace's ``Folder`` (no link followed, bounded
at 20 MB) and checked like validation does (``core/media.py``); each file is
read once per export and its part shared by every block that shows it. A
picture that cannot be used never fails the export: its place holds a
highlighted « [Image manquante : medias/x.png] » and the export warns.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any

from docx.document import Document
from docx.opc.part import XmlPart
from docx.oxml.shape import CT_Inline
from docx.shared import Emu

from ..core.completeness import is_empty
from ..core.files import Folder
from ..core.media import MediaProblem, read_picture_bytes
from ..core.schema import JsonObject
from ..core.validation import describe_path
from . import ooxml
from .context import NBSP, ChapterContext, DataPath
from .ooxml import Element

EMU_PER_TWIP = 635
MAX_HEIGHT = 9000
"""Twips (about 16 cm): two thirds of an A4 page's text height."""
HALF = "demi"
DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
HANDLED = frozenset({"type", "fichier", "texte_alternatif", "legende", "credit", "largeur"})


class Pictures:
    """The pictures of one export: the document's image parts and drawing ids."""

    def __init__(self, document: Document, files: Folder) -> None:
        self.part = document.part
        self.files = files
        self._loaded: dict[str, tuple[str, int, int] | MediaProblem] = {}
        self._ids = itertools.count(_first_free_id(document))
        self.count = 0

    def load(self, relative: str) -> tuple[str, int, int]:
        """(relationship id, pixel width, pixel height) of a picture, read once."""
        found = self._loaded.get(relative)
        if found is None:
            found = self._read(relative)
            self._loaded[relative] = found
        if isinstance(found, MediaProblem):
            raise found
        return found

    def _read(self, relative: str) -> tuple[str, int, int] | MediaProblem:
        try:
            _, data = read_picture_bytes(self.files, relative)
            rid, image = self.part.get_or_add_image(io.BytesIO(data))
        except MediaProblem as problem:
            return problem
        except Exception as error:  # a header python-docx cannot read: still no failure
            return MediaProblem(f"{relative} : image illisible ({type(error).__name__}).")
        return rid, max(int(image.px_width), 1), max(int(image.px_height), 1)

    def drawing(self, relative: str, description: str, width: int) -> Element:
        """A ``w:r`` holding the picture as an inline drawing ``width`` twips wide
        at most (less when it would be taller than ``MAX_HEIGHT``)."""
        rid, px_width, px_height = self.load(relative)
        height = width * px_height // px_width
        if height > MAX_HEIGHT:
            width, height = width * MAX_HEIGHT // height, MAX_HEIGHT
        shape_id = next(self._ids)
        name = PurePosixPath(relative).name
        inline = CT_Inline.new_pic_inline(
            shape_id, rid, name, Emu(width * EMU_PER_TWIP), Emu(height * EMU_PER_TWIP)
        )
        inline.docPr.set("descr", description)
        run = ooxml.new("r")
        ooxml.sub(run, "drawing").append(inline)
        self.count += 1
        return run


def _first_free_id(document: Document) -> int:
    """Drawing ids are unique across the package: a template's header may already
    hold a logo, whose ``wp:docPr`` id must not be given again."""
    used = [
        int(value)
        for part in document.part.package.iter_parts()
        if isinstance(part, XmlPart)
        for doc_pr in part.element.iter(DOC_PR)
        if (value := doc_pr.get("id", "")).isdigit()
    ]
    return max(used, default=0) + 1


def image(
    ctx: ChapterContext, node: JsonObject, block: Mapping[str, Any], path: DataPath, width: int
) -> list[Element]:
    """The picture's paragraph, then its caption and its credit when given."""
    p = ooxml.paragraph(ctx.style("picture"))
    relative = block.get("fichier")
    if is_empty(relative) or not isinstance(relative, str):
        ctx.gap(p, ctx.title_of(node, "fichier"))
    else:
        _picture(ctx, p, block, relative, (*path, "fichier"), width)
    elements = [p]
    caption = ooxml.paragraph(ctx.style("caption"))
    if ctx.fill(caption, node, block, "legende", path):
        elements.append(caption)
    if is_empty(block.get("texte_alternatif")) and ctx.required(node, "texte_alternatif"):
        note = ooxml.paragraph(ctx.style("caption"))
        ctx.gap(note, ctx.title_of(node, "texte_alternatif"))
        elements.append(note)
    if not is_empty(block.get("credit")):
        credit = ooxml.paragraph(ctx.style("picture_credit"))
        ooxml.run(credit, ctx.text(credit_line(str(block["credit"])), (*path, "credit")))
        elements.append(credit)
    for earlier in elements[:-1]:
        ooxml.keep_with_next(earlier)  # the picture stays with its caption and credit
    return elements


def credit_line(credit: str) -> str:
    """« © Métropole… » stays as written; any other source reads « Crédit : … »."""
    text = credit.strip()
    if text.startswith("©") or text.lower().startswith(("crédit", "credit")):
        return text
    return f"Crédit{NBSP}: {text}"


def _picture(
    ctx: ChapterContext,
    p: Element,
    block: Mapping[str, Any],
    relative: str,
    path: DataPath,
    width: int,
) -> None:
    pictures: Pictures | None = ctx.pictures
    target = width // 2 if block.get("largeur") == HALF else width
    description = ctx.text(block.get("texte_alternatif") or "", (*path[:-1], "texte_alternatif"))
    try:
        if pictures is None:
            raise MediaProblem(f"{relative} : aucune image n’est lue pour cet export.")
        p.append(pictures.drawing(relative, description, target))
    except MediaProblem as problem:
        ooxml.run(
            p, f"[Image manquante{NBSP}: {relative}]", style_id=ctx.style("gap"), highlight=True
        )
        where = describe_path(ctx.schema.core, ctx.data, path)
        ctx.warnings.append(
            f"Chapitre « {ctx.chapter_id} », {where} : image non insérée — {problem.message}"
        )
