"""Fields: the table of contents, and the header and footer with « N / total ».

The table of contents is a real ``TOC`` field over heading levels 1–4, so Word
rebuilds it (with page numbers) when it updates fields, which the settings ask
for on open. Its cached result is not left empty: it already lists the plan
(without page numbers), so a reader that never updates fields — LibreOffice
converting to PDF, pandoc, a previewer — still shows the contents.
"""

from __future__ import annotations

from docx.document import Document

from . import ooxml
from .ooxml import Element

TOC_LEVELS = 3  # parts, chapters, sections; sub-sections stay in the navigation pane
TOC_INSTRUCTION = f'TOC \\o "1-{TOC_LEVELS}" \\h \\z \\u'
TOC_TITLE = "Sommaire"
TOC_NOTE = (
    "Les numéros de page du sommaire s’affichent à la mise à jour des champs "
    "(Word la propose à l’ouverture ; sinon, touche F9)."
)


def table_of_contents(headings: list[tuple[int, str]], style_ids: dict[str, str]) -> list[Element]:
    """The « Sommaire » title and the TOC field, pre-filled with ``(level, text)``."""
    title = ooxml.paragraph(style_ids["toc_heading"], page_break_before=True)
    ooxml.run(title, TOC_TITLE)
    note = ooxml.paragraph(style_ids["toc_note"])
    ooxml.run(note, TOC_NOTE)
    entries = [
        ooxml.paragraph(style_ids[f"toc{level}"]) for level, _ in headings if level <= TOC_LEVELS
    ] or [ooxml.paragraph(style_ids["toc1"])]
    ooxml.field_begin(entries[0], TOC_INSTRUCTION)
    for p, (_, text) in zip(entries, (h for h in headings if h[0] <= TOC_LEVELS), strict=False):
        ooxml.run(p, text)
    ooxml.field_end(entries[-1])
    return [title, note, *entries]


def header_and_footer(document: Document, title: str, style_ids: dict[str, str]) -> None:
    """Report title in the header, « N / total » in the footer; none on the cover."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    for part in (section.first_page_header, section.first_page_footer):
        part.is_linked_to_previous = False
        _replace_content(part._element, ooxml.paragraph(None))
    section.header.is_linked_to_previous = False
    header = ooxml.paragraph(style_ids["header"])
    ooxml.run(header, title)
    _replace_content(section.header._element, header)
    section.footer.is_linked_to_previous = False
    footer = ooxml.paragraph(style_ids["footer"])
    ooxml.field(footer, "PAGE", "1")
    ooxml.run(footer, " / ")
    ooxml.field(footer, "NUMPAGES", "1")
    _replace_content(section.footer._element, footer)


def _replace_content(story: Element, p: Element) -> None:
    for child in list(story):
        story.remove(child)
    story.append(p)
