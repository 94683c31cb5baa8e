"""The « État d'avancement » appendix and the completeness the cover announces.

Each exported chapter's status is the core's ``chapter_status`` of the data the
export already loaded (from the status cache when the chapter's bytes were
measured before), so the figures match the dashboard and ``status``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ..core.completeness import Completeness
from ..core.dates import long_date
from ..core.status import STATUS_TITLES, ChapterStatus
from . import columns, ooxml
from .blocks import keep_together
from .ooxml import Element
from .typography import french, percent

TITLE = "État d’avancement"
COLUMNS = ("Chapitre", "DGA", "Statut", "Complétude", "Échéance")
_WIDTHS = (2900, 2300, 1100, 1350, 1420)


@dataclass(frozen=True)
class StatusRow:
    chapter: str
    dga: str
    statut: str
    completeness: Completeness
    echeance: datetime.date | None

    @property
    def validated(self) -> bool:
        return self.statut == "valide" and self.completeness.percent >= 100.0


def row(status: ChapterStatus, heading: str) -> StatusRow:
    """A chapter's line of the appendix, titled as its heading shows it."""
    return StatusRow(heading, status.dga, status.statut, status.completeness, status.echeance)


def total(rows: list[StatusRow]) -> Completeness:
    result = Completeness(0, 0)
    for row in rows:
        result = result + row.completeness
    return result


@dataclass(frozen=True)
class TodoItem:
    """A gap or an open comment: its chapter, what it is, the bookmark on it."""

    chapter: str
    what: str
    bookmark: str


def appendix(
    rows: list[StatusRow], style_ids: dict[str, str], report: Completeness | None = None
) -> list[Element]:
    """The status table and the completeness; ``report``: the whole report's, when
    the document is an extract (its own figure alone would read as the report's)."""
    heading = ooxml.paragraph(style_ids["heading1"], page_break_before=True)
    ooxml.run(heading, TITLE)
    tbl = ooxml.table(style_ids["table_grid"], list(_WIDTHS), header=True)
    tr = ooxml.row(tbl, header=True)
    for title, width in zip(COLUMNS, _WIDTHS, strict=True):
        _cell(tr, width, title, style_ids["table_header"])
    for row in rows:
        tr = ooxml.row(tbl)
        values = (
            row.chapter,
            row.dga,
            STATUS_TITLES.get(row.statut, row.statut),
            percent(row.completeness.percent),
            long_date(row.echeance) if row.echeance else "—",
        )
        for value, width in zip(values, _WIDTHS, strict=True):
            _cell(tr, width, french(value), style_ids["table_cell"])
    spacer = ooxml.paragraph(style_ids["spacer"])
    summary = ooxml.paragraph(style_ids["body"])
    ooxml.run(summary, french(_completeness_line(total(rows), report)))
    columns.refit(tbl, sum(_WIDTHS))  # « Brouillon », « Complétude » unbroken
    return [heading, keep_together(tbl), spacer, summary]


def _completeness_line(extract: Completeness, report: Completeness | None) -> str:
    if report is None:
        return f"Complétude d’ensemble : {percent(extract.percent)}."
    return (
        f"Complétude de cet extrait : {percent(extract.percent)} ; "
        f"complétude du rapport entier : {percent(report.percent)}."
    )


TODO_TITLE = "À faire"
TODO_COLUMNS = ("Chapitre", "À compléter ou commentaire ouvert", "Page")
_TODO_WIDTHS = (2900, 5270, 900)


def todo_list(items: list[TodoItem], style_ids: dict[str, str]) -> list[Element]:
    """Every « À compléter » and open comment, with its chapter and a ``PAGEREF``
    to the bookmark on it (its page once fields are updated); nothing when none."""
    if not items:
        return []
    heading = ooxml.paragraph(style_ids["heading2"])
    ooxml.run(heading, TODO_TITLE)
    tbl = ooxml.table(style_ids["table_grid"], list(_TODO_WIDTHS), header=True)
    tr = ooxml.row(tbl, header=True)
    for title, width in zip(TODO_COLUMNS, _TODO_WIDTHS, strict=True):
        _cell(tr, width, title, style_ids["table_header"])
    for item in items:
        tr = ooxml.row(tbl)
        _cell(tr, _TODO_WIDTHS[0], french(item.chapter), style_ids["table_cell"])
        _cell(tr, _TODO_WIDTHS[1], french(item.what), style_ids["table_cell"])
        page = _cell(tr, _TODO_WIDTHS[2], "", style_ids["table_cell"])
        ooxml.field(page, f"PAGEREF {item.bookmark} \\h", "?")
    return [ooxml.paragraph(style_ids["spacer"]), heading, keep_together(tbl)]


def _cell(tr: Element, width: int, text: str, style_id: str) -> Element:
    p = ooxml.cell_paragraph(tr, width, style_id)
    if text:
        ooxml.run(p, text)
    return p
