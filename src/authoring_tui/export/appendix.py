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


def appendix(rows: list[StatusRow], style_ids: dict[str, str]) -> list[Element]:
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
    ooxml.run(summary, french(f"Complétude d’ensemble : {percent(total(rows).percent)}."))
    columns.refit(tbl, sum(_WIDTHS))  # « Brouillon », « Complétude » unbroken
    return [heading, tbl, spacer, summary]


def _cell(tr: Element, width: int, text: str, style_id: str) -> None:
    p = ooxml.sub(ooxml.cell(tr, width), "p")
    ooxml.sub(ooxml.sub(p, "pPr"), "pStyle", val=style_id)
    ooxml.run(p, text)
