"""The report as one document, built linearly in reading order.

The body is assembled by appending elements to ``w:body`` after taking its
``w:sectPr`` out, and putting the ``w:sectPr`` back at the end: each append is
constant time, so the build grows linearly with the report (python-docx's
``add_paragraph`` looks for the ``w:sectPr`` at every call, which is quadratic).
The front matter (cover and contents) depends on the whole report (completeness,
the list of headings), so it is made last and inserted at the top, once.
"""

from __future__ import annotations

import datetime
from typing import Any

from docx.document import Document

from ..core.report import Part
from ..core.workspace import Workspace
from . import appendix, fields, ooxml
from .chapter import heading_text, render_chapter
from .comments import add_comments, open_comments
from .context import ChapterContext, SchemaView
from .numbering import Bullets
from .ooxml import Element
from .typography import french, long_date, percent

WORDS_PER_PAGE = 450
_HEADING_LEVELS = 4


class ReportBuilder:
    def __init__(
        self,
        workspace: Workspace,
        document: Document,
        style_ids: dict[str, str],
        date: datetime.date,
    ) -> None:
        self.workspace = workspace
        self.document = document
        self.styles = style_ids
        self.date = date
        self.bullets = Bullets(document)
        self.body = document.element.body
        self.section_properties = self.body[-1]
        self.body.remove(self.section_properties)
        self._front_anchor = ooxml.new("p")  # where cover and contents will go
        self.body.append(self._front_anchor)
        self._heading_ids = {style_ids[f"heading{n}"]: n for n in range(1, _HEADING_LEVELS + 1)}
        self._part: Part | None = None
        self._views: dict[int, SchemaView] = {}
        self.rows: list[appendix.StatusRow] = []
        self.warnings: list[str] = []
        self.gaps = 0
        self.comments = 0
        self.characters = 0
        self.tables = 0

    def add_chapter(self, chapter_id: str, data: Any) -> None:
        """Append one chapter (``data`` is ``None`` for a chapter not started)."""
        report = self.workspace.report
        part = report.part_of(chapter_id)
        if part is not None and part is not self._part:
            self._part = part
            heading = ooxml.paragraph(self.styles["heading1"], page_break_before=True)
            ooxml.run(heading, french(heading_text(part.numero, part.titre, top=True)))
            self.body.append(heading)
        ctx = ChapterContext(
            chapter_id=chapter_id,
            schema=self._view(chapter_id),
            data=data if data is not None else {},
            styles=self.styles,
            bullets=self.bullets,
            warnings=self.warnings,
            record_anchors=bool(open_comments(data)),
        )
        fallback = report.planned(chapter_id, "titre") or chapter_id
        elements = render_chapter(ctx, fallback)
        for element in elements:
            self.body.append(element)
        self.comments += add_comments(self.document, ctx, report)
        self.gaps += ctx.gaps
        self.rows.append(
            appendix.measure(self.workspace, chapter_id, data, _plain_text(elements[0]))
        )
        self.characters += sum(_text_length(e) for e in elements)
        self.tables += sum(1 for e in elements if e.tag == _TBL)

    def _view(self, chapter_id: str) -> SchemaView:
        schema = self.workspace.schema_for(chapter_id)  # one object per schema file
        if id(schema) not in self._views:
            self._views[id(schema)] = SchemaView(schema)
        return self._views[id(schema)]

    def finish(self, with_appendix: bool) -> None:
        """Appendix, front matter, header and footer; the section properties last."""
        if with_appendix:
            for element in appendix.appendix(self.rows, self.styles):
                self.body.append(element)
        front = self._cover() + fields.table_of_contents(self._headings(), self.styles)
        for element in front:
            self._front_anchor.addprevious(element)
        self.body.remove(self._front_anchor)
        self.body.append(self.section_properties)
        title = french(self.workspace.report.titre)
        fields.header_and_footer(self.document, title, self.styles)

    @property
    def pages_estimate(self) -> int:
        """A rough page count: text at about 450 words a page, plus front matter."""
        words = self.characters / 6
        return 2 + int(words / WORDS_PER_PAGE) + len(self.rows) // 2 + self.tables // 3

    @property
    def working_draft(self) -> bool:
        return not all(row.validated for row in self.rows)

    def _cover(self) -> list[Element]:
        report = self.workspace.report
        organisation = ooxml.paragraph(self.styles["cover_organisation"])
        ooxml.run(organisation, french(report.organisation))
        title = ooxml.paragraph(self.styles["title"])
        ooxml.run(title, french(report.titre))
        year = ooxml.paragraph(self.styles["cover_year"])
        ooxml.run(year, str(report.annee))
        elements = [organisation, title, year]
        if self.working_draft:
            draft = ooxml.paragraph(self.styles["cover_draft"])
            line = (
                f"Version de travail du {long_date(self.date)} — complétude "
                f"{percent(appendix.total(self.rows).percent)}"
            )
            ooxml.run(draft, french(line))
            elements.append(draft)
        return elements

    def _headings(self) -> list[tuple[int, str]]:
        """(level, text) of every heading of the body, for the contents' cached view."""
        found = []
        for element in self.body:
            if element.tag != _P:
                continue
            style = element.find(_STYLE)
            level = self._heading_ids.get(style.get(_VAL)) if style is not None else None
            if level is not None:
                found.append((level, _plain_text(element)))
        return found


_P, _TBL, _T = ooxml.w("p"), ooxml.w("tbl"), ooxml.w("t")
_STYLE = f"{ooxml.w('pPr')}/{ooxml.w('pStyle')}"
_VAL = ooxml.w("val")


def _plain_text(element: Element) -> str:
    return "".join(t.text or "" for t in element.iter(_T))


def _text_length(element: Element) -> int:
    return sum(len(t.text or "") for t in element.iter(_T))
