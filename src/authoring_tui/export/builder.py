"""The report as one document, built linearly in reading order.

Each chapter is rendered into detached ``w:p``/``w:tbl`` elements, its comments
are anchored and its headings noted, then it is serialised to bytes and its
elements are dropped: the document's tree only ever holds one chapter, so memory
does not grow with the report (at 50 times the sample, the whole tree took some
200 MB; its bytes take 20). The body keeps a marker where the chapters go;
``package`` writes the chapters' bytes there. The front matter (cover and
contents) depends on the whole report (completeness, the list of headings), so it
is made last and put before the marker. (python-docx's ``add_paragraph`` looks for
the ``w:sectPr`` at every call, which is quadratic: it is not used.)
"""

from __future__ import annotations

import datetime
import itertools
import zlib
from collections.abc import Iterator, Mapping
from typing import Any

from docx.document import Document
from lxml import etree

from ..core.completeness import Completeness
from ..core.dates import long_date
from ..core.report import Part
from ..core.status import ChapterStatus
from ..core.workspace import Workspace
from . import appendix, fields, levels, ooxml
from .chapter import heading_text, render_chapter
from .comments import add_comments, open_comments
from .context import ChapterContext, SchemaView
from .numbering import Bullets
from .ooxml import Element
from .pictures import Pictures
from .typography import french, percent

WORDS_PER_PAGE = 450
_HEADING_LEVELS = 4
BODY_MARKER = "authoring-tui:chapitres"
"""The XML comment of the body where ``package`` writes the chapters' bytes."""


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
        self._marker = etree.Comment(BODY_MARKER)  # cover and contents go before it
        self.body.append(self._marker)
        self._heading_ids = {style_ids[f"heading{n}"]: n for n in range(1, _HEADING_LEVELS + 1)}
        self._part: Part | None = None
        self._part_shown = False
        self.chapter_page_break = False
        """Whether a chapter below a part starts a new page (parts always may, by
        their heading style's ``pageBreakBefore``)."""
        self._views: dict[int, SchemaView] = {}
        self.chapters_xml = DeflatedXml()
        """The chapters' serialised elements, in reading order."""
        self.headings: list[tuple[int, str]] = []
        self.rows: list[appendix.StatusRow] = []
        self.warnings: list[str] = []
        self.gaps = 0
        self.comments = 0
        self.characters = 0
        self.tables = 0
        self.bookmark_ids = itertools.count(1)
        """One ``w:id`` per block bookmark, unique in the whole document."""
        self.pictures = Pictures(document, workspace.files)
        """The report's pictures: each file read once, its image part shared."""
        self.todo: list[appendix.TodoItem] = []
        self.extract: str | None = None
        """« Extrait — … » for a filtered export (cover, running head); ``None`` otherwise."""
        self.report_completeness: Completeness | None = None
        """The whole report's completeness, for an extract."""
        self.toc_levels = fields.DEFAULT_TOC_LEVELS

    def add_chapter(self, chapter_id: str, data: Any, status: ChapterStatus) -> None:
        """Append one chapter (``data`` is ``None`` for a chapter not started)."""
        report = self.workspace.report
        part = report.part_of(chapter_id)
        if part is not self._part:
            self._part, self._part_shown = part, False
        placement = levels.place(part, self._part_shown, data if isinstance(data, Mapping) else {})
        if part is not None and placement.part_heading:
            self._part_shown = True
            heading = ooxml.paragraph(self.styles["heading1"])
            ooxml.run(heading, french(heading_text(part.numero, part.titre, top=True)))
            self._keep([heading])
        ctx = ChapterContext(
            chapter_id=chapter_id,
            schema=self._view(chapter_id),
            data=data if data is not None else {},
            styles=self.styles,
            bullets=self.bullets,
            warnings=self.warnings,
            record_anchors=bool(open_comments(data)),
            bookmark_ids=self.bookmark_ids,
            pictures=self.pictures,
        )
        fallback = report.planned(chapter_id, "titre") or chapter_id
        elements = render_chapter(ctx, fallback, placement, self.chapter_page_break)
        self.comments += add_comments(self.document, ctx, report)
        self.gaps += ctx.gaps
        self.rows.append(appendix.row(status, _plain_text(elements[0])))
        chapter_title = self.rows[-1].chapter
        self.todo.extend(appendix.TodoItem(chapter_title, *item) for item in ctx.todo)
        self.characters += sum(_text_length(e) for e in elements)
        self.tables += sum(1 for e in elements if e.tag == _TBL)
        self._keep(elements)

    def _keep(self, elements: list[Element]) -> None:
        """Note the headings of finished elements and keep only their bytes."""
        self.headings.extend(self._headings_of(elements))
        for element in elements:
            self.chapters_xml.write(ooxml.serialise(element))

    def _view(self, chapter_id: str) -> SchemaView:
        schema = self.workspace.schema_for(chapter_id)  # one object per schema file
        if id(schema) not in self._views:
            self._views[id(schema)] = SchemaView(schema)
        return self._views[id(schema)]

    def finish(self, with_appendix: bool) -> None:
        """Appendix, front matter, header and footer; the section properties last."""
        if with_appendix:
            elements = appendix.appendix(self.rows, self.styles, self.report_completeness)
            elements += appendix.todo_list(self.todo, self.styles)
            self.headings.extend(self._headings_of(elements))
            self.body.extend(elements)
        front = self._cover() + fields.table_of_contents(
            self.headings, self.styles, self.toc_levels
        )
        for element in front:
            self._marker.addprevious(element)
        self.body.append(self.section_properties)
        title = french(self.workspace.report.titre)
        fields.header_and_footer(self.document, title, self.styles, self.extract)

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
        elements = [organisation, title]
        if str(report.annee) not in report.titre:  # « Rapport d’activité 2020 » says it
            year = ooxml.paragraph(self.styles["cover_year"])
            ooxml.run(year, str(report.annee))
            elements.append(year)
        if self.extract is not None:
            extract = ooxml.paragraph(self.styles["cover_draft"])
            ooxml.run(extract, french(self.extract))
            elements.append(extract)
        if self.working_draft:
            draft = ooxml.paragraph(self.styles["cover_draft"])
            line = (
                f"Version de travail du {long_date(self.date)} — complétude "
                f"{percent(appendix.total(self.rows).percent)}"
            )
            ooxml.run(draft, french(line))
            elements.append(draft)
        return elements

    def _headings_of(self, elements: list[Element]) -> list[tuple[int, str]]:
        """(level, text) of the headings among ``elements``, for the contents' view."""
        found = []
        for element in elements:
            if element.tag != _P:
                continue
            level = self._heading_ids.get(ooxml.style_of(element) or "")
            if level is not None:
                found.append((level, _plain_text(element)))
        return found


class DeflatedXml:
    """The chapters' XML, deflated as it is written, until the front matter is
    known: at 50 times the sample, 21 MB of text held in memory become 2.5 MB,
    for some 0.1 s of zlib at its fastest level."""

    def __init__(self) -> None:
        self._deflater = zlib.compressobj(1)
        self._pieces: list[bytes] = []
        self._finished = False

    def write(self, data: bytes) -> None:
        self._pieces.append(self._deflater.compress(data))

    @property
    def deflated_size(self) -> int:
        """Bytes held (what has been deflated so far)."""
        return sum(map(len, self._pieces))

    def read(self) -> Iterator[bytes]:
        """The XML written, in pieces (no more can be written once it is read)."""
        if not self._finished:
            self._pieces.append(self._deflater.flush())
            self._finished = True
        inflater = zlib.decompressobj()
        for piece in self._pieces:
            yield inflater.decompress(piece)
        yield inflater.flush()


_P, _TBL, _T = ooxml.w("p"), ooxml.w("tbl"), ooxml.w("t")


def _plain_text(element: Element) -> str:
    return "".join(t.text or "" for t in element.iter(_T))


def _text_length(element: Element) -> int:
    return sum(len(t.text or "") for t in element.iter(_T))
