"""Fields: the table of contents, the running head and the footer with « N / total ».

The table of contents is a real ``TOC`` field over the first heading levels (two
by default: ``sommaire_niveaux`` in report.yaml or ``--sommaire-niveaux``), so
Word rebuilds it (with page numbers) when it updates fields, which the settings
ask for on open, and ``export --pdf`` has LibreOffice update it before printing.
Its cached result is not left empty: it already lists the plan (without page
numbers), so a reader that never updates fields — pandoc, a previewer — still
shows the contents. The note about page numbers is the first paragraph of that
cached result: the update replaces it with the real contents.

The running head shows the current level-1 and level-2 titles through
``STYLEREF`` fields on the heading styles' names as the template has them (for
an extract, after « Extrait — … »).
"""

from __future__ import annotations

from docx.document import Document

from . import ooxml
from .ooxml import Element

DEFAULT_TOC_LEVELS = 2  # parts and chapters; sections stay in the navigation pane
MAX_TOC_LEVELS = 4
TOC_TITLE = "Sommaire"
TOC_NOTE = (
    "Les numéros de page du sommaire s’affichent à la mise à jour des champs "
    "(Word la propose à l’ouverture ; sinon, touche F9)."
)


def toc_instruction(levels: int) -> str:
    return f'TOC \\o "1-{levels}" \\h \\z \\u'


def table_of_contents(
    headings: list[tuple[int, str]], style_ids: dict[str, str], levels: int = DEFAULT_TOC_LEVELS
) -> list[Element]:
    """The « Sommaire » title and the TOC field over ``levels`` heading levels,
    its result pre-filled with the note and the ``(level, text)`` entries."""
    title = ooxml.paragraph(style_ids["toc_heading"], page_break_before=True)
    ooxml.run(title, TOC_TITLE)
    note = ooxml.paragraph(style_ids["toc_note"])
    ooxml.field_begin(note, toc_instruction(levels))
    ooxml.run(note, TOC_NOTE)
    shown = [(level, text) for level, text in headings if level <= levels]
    entries = [ooxml.paragraph(style_ids[f"toc{level}"]) for level, _ in shown]
    for p, (_, text) in zip(entries, shown, strict=True):
        ooxml.run(p, text)
    ooxml.field_end(entries[-1] if entries else note)
    return [title, note, *entries]


def header_and_footer(
    document: Document, title: str, style_ids: dict[str, str], extract: str | None = None
) -> None:
    """The running head, « N / total » in the footer; none on the cover."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    for part in (section.first_page_header, section.first_page_footer):
        part.is_linked_to_previous = False
        _replace_content(part.part.element, ooxml.paragraph(None))
    section.header.is_linked_to_previous = False
    header = running_head(document, title, style_ids, extract)
    _replace_content(section.header.part.element, header)
    section.footer.is_linked_to_previous = False
    footer = ooxml.paragraph(style_ids["footer"])
    ooxml.field(footer, "PAGE", "1")
    ooxml.run(footer, " / ")
    ooxml.field(footer, "NUMPAGES", "1")
    _replace_content(section.footer.part.element, footer)


def running_head(
    document: Document, title: str, style_ids: dict[str, str], extract: str | None
) -> Element:
    """« [Extrait — … — ]<level-1 title> — <level-2 title> » through ``STYLEREF``
    fields; their cached results (the report's title, nothing) show until an update."""
    header = ooxml.paragraph(style_ids["header"])
    tabs = ooxml.sub(header.find(ooxml.w("pPr")), "tabs")
    ooxml.sub(tabs, "tab", val="right", pos=str(_text_width(document)))
    if extract is not None:
        ooxml.run(header, f"{extract} — ")
    ooxml.field(header, _styleref(document, style_ids["heading1"]), title)
    ooxml.run(header, "\t")
    ooxml.field(header, _styleref(document, style_ids["heading2"]))
    return header


def _text_width(document: Document) -> int:
    """The section's text width in twips: where the level-2 title ends."""
    section = document.sections[0]
    width = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
    return max(int(width / 635), 1)  # 635 EMU to the twip


def _styleref(document: Document, style_id: str) -> str:
    """``STYLEREF "<name>"``: Word and LibreOffice find the style by its name."""
    styles = document.styles.element
    for style in styles.findall(ooxml.w("style")):
        if style.get(ooxml.w("styleId")) == style_id:
            name = style.find(ooxml.w("name"))
            if name is not None and name.get(ooxml.w("val")):
                return f'STYLEREF "{name.get(ooxml.w("val"))}"'
    return f'STYLEREF "{style_id}"'


def _replace_content(story: Element, p: Element) -> None:
    for child in list(story):
        story.remove(child)
    story.append(p)
