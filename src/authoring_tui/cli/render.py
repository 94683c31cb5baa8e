"""How the CLI shows things: rich tables for people, plain JSON for scripts."""

from __future__ import annotations

import datetime
import json
import math
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..core.status import ChapterStatus, ReportStatus

NBSP = "\u00a0"


def percent(value: float) -> str:
    """Whole percent, rounded down: « 100 % » only for what is really complete."""
    return f"{math.floor(value)}{NBSP}%"


def french_date(value: datetime.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def french_datetime(value: datetime.datetime | None) -> str:
    return value.strftime("%d/%m/%Y %H:%M") if value else "—"


WIDE = 130
"""Below this terminal width the DGA and « Modifié » columns are left out."""


def status_table(report: ReportStatus, today: datetime.date, width: int) -> Table:
    wide = width >= WIDE
    table = Table(
        title=Text(f"{report.titre} — {report.organisation}"),  # file text, never markup
        caption=f"Complétude du rapport : {percent(report.completeness.percent)}",
        expand=False,
    )
    table.add_column("N°", no_wrap=True)
    table.add_column("Titre", ratio=3, overflow="fold")
    if wide:
        table.add_column("DGA", ratio=2, overflow="fold")
    table.add_column("Statut", no_wrap=True)
    table.add_column("Compl.", justify="right", no_wrap=True)
    table.add_column("Err.", justify="right", no_wrap=True)
    table.add_column("Mots", justify="right", no_wrap=True)
    table.add_column("Échéance", no_wrap=True)
    if wide:
        table.add_column("Modifié", no_wrap=True)
    for chapter in report.chapters:
        table.add_row(*_row(chapter, today, wide))
    table.add_section()
    total_errors = sum(len(c.issues) + (1 if c.error else 0) for c in report.chapters)
    total: list[Text | str] = [
        "",
        Text(f"Total : {len(report.chapters)} chapitres", style="bold"),
        *([""] if wide else []),
        "",
        Text(percent(report.completeness.percent), style="bold"),
        str(total_errors),
        thousands(sum(chapter.mots for chapter in report.chapters)),
        "",
        *([""] if wide else []),
    ]
    table.add_row(*total)
    return table


def count_of(number: int, one: str, many: str) -> str:
    """« 1 chapitre », « 3 chapitres » (French: 0 and 1 take the singular)."""
    return f"{number} {one if number < 2 else many}"


def thousands(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


def _row(chapter: ChapterStatus, today: datetime.date, wide: bool) -> list[Text | str]:
    days = chapter.days_left(today)
    late = days is not None and days < 0 and not chapter.complete
    deadline = Text(french_date(chapter.echeance), style="bold red" if late else "")
    errors = len(chapter.issues) + (1 if chapter.error else 0)
    # Text, not str: what the chapter files say is shown as typed, never as markup.
    row: list[Text | str] = [Text(chapter.numero), Text(chapter.titre)]
    if wide:
        row.append(Text(chapter.dga))
    row += [
        Text(chapter.statut_titre),
        percent(chapter.completeness.percent),
        Text(str(errors), style="red" if errors else "green"),
        thousands(chapter.mots),
        deadline,
    ]
    if wide:
        row.append(french_datetime(chapter.modifie))
    return row


def status_json(report: ReportStatus, root: Path) -> dict[str, Any]:
    """``erreur`` (file, line, French message) only on a chapter that cannot be read."""
    return {
        "report": {
            "titre": report.titre,
            "annee": report.annee,
            "completude": round(report.completeness.percent, 1),
        },
        "chapitres": [
            {
                "id": chapter.id,
                "numero": chapter.numero,
                "titre": chapter.titre,
                "dga": chapter.dga,
                "statut": chapter.statut,
                "completude": round(chapter.completeness.percent, 1),
                "erreurs": len(chapter.issues) + (1 if chapter.error else 0),
                "mots": chapter.mots,
                "echeance": chapter.echeance.isoformat() if chapter.echeance else None,
                "modifie": (
                    chapter.modifie.isoformat(timespec="seconds") if chapter.modifie else None
                ),
                **({"erreur": chapter.error_text(root)} if chapter.error else {}),
            }
            for chapter in report.chapters
        ],
    }


def print_json(console: Console, data: Any) -> None:
    console.out(json.dumps(data, ensure_ascii=False, indent=2), highlight=False)
