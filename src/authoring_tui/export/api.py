"""``export_report``: the one entry point of the Word export, for the CLI and the TUI.

It selects the chapters (``--chapter``, ``--statut``), builds the document chapter
by chapter (calling ``progress`` as it goes, for the TUI's progress bar), and
writes it atomically. Every failure the user can act on is an ``AuthoringError``
in French; problems that do not stop the export (control characters dropped) are
returned as ``warnings``.
"""

from __future__ import annotations

import datetime
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.completeness import Completeness
from ..core.errors import AuthoringError
from ..core.files import Folder
from ..core.status import NOT_STARTED, STATUS_TITLES, UNREADABLE, ChapterStatus, chapter_status
from ..core.status_cache import StatusCache
from ..core.workspace import Workspace
from . import appendix
from .builder import ReportBuilder
from .fields import DEFAULT_TOC_LEVELS, MAX_TOC_LEVELS
from .package import raise_exists, set_core_properties, write_docx
from .pdf import PdfUnavailable, pdf_path, write_pdf
from .properties import ExportFacts, set_package_properties
from .reading import read_chapters
from .template import open_template

Progress = Callable[[int, int], None]


@dataclass
class ExportOptions:
    chapter_ids: list[str] | None = None
    """None: every chapter of the plan."""
    statuts: list[str] | None = None
    """Keep only the chapters with these statuses (``non_commence`` included)."""
    template: Path | None = None
    """A .docx whose styles are used."""
    output: Path | None = None
    """Default: ``exports/<report-slug>_<date-time>.docx``."""
    date: datetime.date | None = None
    """The edition date: cover line, document properties, zip times (reproducible)."""
    force: bool = False
    """Overwrite an existing output file."""
    annexe: bool = True
    """Add the « État d'avancement » appendix."""
    workers: int | None = None
    """Processes that read chapters ahead: ``None`` decides, ``0`` reads in-process."""
    chapitre_nouvelle_page: bool = False
    """Start each chapter under a part on a new page (parts always do, by their style)."""
    toc_levels: int | None = None
    """Heading levels of the table of contents; ``None``: report.yaml's
    ``sommaire_niveaux``, else 2."""
    pdf: bool = False
    """Also write the PDF beside the DOCX (LibreOffice), fields updated."""


@dataclass
class ExportResult:
    path: Path
    chapters: int
    pages_estimate: int
    gaps: int
    comments: int
    warnings: list[str] = field(default_factory=list)
    pdf: Path | None = None
    """The PDF written beside the DOCX, when asked and LibreOffice could."""


def export_report(
    workspace: Workspace, options: ExportOptions, progress: Progress | None = None
) -> ExportResult:
    """Write the consolidated DOCX of ``workspace`` as ``options`` say."""
    ids = _chapter_ids(workspace, options.chapter_ids)
    statuts = _statuses(options.statuts)
    date = options.date or datetime.date.today()
    target = _target(workspace, options)
    if target.exists() and not options.force:
        raise_exists(target)  # before any work, not after it
    if options.pdf and pdf_path(target).exists() and not options.force:
        raise_exists(pdf_path(target))
    document, style_ids, template_warnings = open_template(options.template)
    builder = ReportBuilder(workspace, document, style_ids, date)
    builder.warnings.extend(template_warnings)
    builder.chapter_page_break = options.chapitre_nouvelle_page
    builder.toc_levels = _toc_levels(workspace, options.toc_levels)
    cache = StatusCache.open(workspace.root)
    exported = 0
    statuses: dict[str, ChapterStatus] = {}
    digests: list[tuple[str, str]] = []
    for done, read in enumerate(read_chapters(workspace, ids, cache, options.workers), start=1):
        data = None if read.chapter is None else read.chapter.data
        statut = _statut(read.status, data)
        chosen = statuts is None or statut in statuts
        statuses[read.id] = read.status
        if chosen:
            builder.add_chapter(read.id, data, read.status)
            digests.append((read.id, read.digest))
            exported += 1
        if read.status.error is not None:
            builder.warnings.append(_unreadable(workspace, read.status, chosen))
        if progress is not None:
            progress(done, len(ids))
    if exported == 0:
        raise AuthoringError("aucun chapitre ne correspond à la sélection : rien à exporter.")
    extract = len(digests) < len(workspace.report.chapter_ids)
    if extract:
        builder.extract = extract_label(len(digests), len(workspace.report.chapter_ids), statuts)
        builder.report_completeness = _report_completeness(workspace, statuses, cache)
    builder.finish(with_appendix=options.annexe)
    report = workspace.report
    set_package_properties(
        document,
        ExportFacts(
            year=report.annee,
            completeness=appendix.total(builder.rows).percent,
            report_completeness=(
                builder.report_completeness.percent if builder.report_completeness else None
            ),
            digests=digests,
        ),
    )
    set_core_properties(
        document,
        title=report.titre,
        subject=f"{report.titre} — {report.organisation}",
        author=report.organisation,
        date=date,
    )
    chapters = builder.chapters_xml.read()
    write_docx(document, target, date, options.force, chapters, _folder(workspace, target))
    cache.save()
    pdf = _pdf(target, _folder(workspace, target), builder.warnings) if options.pdf else None
    return ExportResult(
        path=target,
        chapters=exported,
        pages_estimate=builder.pages_estimate,
        gaps=builder.gaps,
        comments=builder.comments,
        warnings=builder.warnings,
        pdf=pdf,
    )


def _pdf(target: Path, files: Folder | None, warnings: list[str]) -> Path | None:
    """The PDF beside the DOCX; without LibreOffice, a warning saying how to
    install it (the DOCX is written all the same)."""
    try:
        return write_pdf(target, files)
    except PdfUnavailable as error:
        warnings.append(error.message)
        return None


def extract_label(exported: int, planned: int, statuts: set[str] | None) -> str:
    """« Extrait — 3 chapitres sur 21 (statut : à relire) », for the cover and the head."""
    chapters = f"{exported} chapitre{'s' if exported > 1 else ''} sur {planned}"
    if not statuts:
        return f"Extrait — {chapters}"
    names = ", ".join(STATUS_TITLES.get(s, s).lower() for s in sorted(statuts))
    return f"Extrait — {chapters} (statut{'s' if len(statuts) > 1 else ''}\u00a0: {names})"


def _report_completeness(
    workspace: Workspace, read: dict[str, ChapterStatus], cache: StatusCache
) -> Completeness:
    """The whole report's completeness: the chapters read, the others measured
    through the status cache as ``status`` does."""
    result = Completeness(0, 0)
    for chapter_id in workspace.report.chapter_ids:
        status = read.get(chapter_id) or chapter_status(workspace, chapter_id, cache)
        result = result + status.completeness
    return result


def _toc_levels(workspace: Workspace, wanted: int | None) -> int:
    """The option, else report.yaml's ``sommaire_niveaux`` (the schema bounds it), else 2."""
    if wanted is not None:
        if not 1 <= wanted <= MAX_TOC_LEVELS:
            raise AuthoringError(
                f"le sommaire va de 1 à {MAX_TOC_LEVELS} niveaux de titres "
                f"(demandé\u00a0: {wanted}).",
            )
        return wanted
    value = workspace.report.setting("sommaire_niveaux", DEFAULT_TOC_LEVELS)
    return value if isinstance(value, int) and 1 <= value <= MAX_TOC_LEVELS else DEFAULT_TOC_LEVELS


def _statut(status: ChapterStatus, data: Any) -> str:
    if status.error is not None:
        return UNREADABLE  # never chosen by --statut: its real status is unknown
    if data is None:
        return NOT_STARTED
    return str(data.get("statut") or "brouillon")


def _unreadable(workspace: Workspace, status: ChapterStatus, exported: bool) -> str:
    """The warning for a chapter that cannot be read: what became of it, and why."""
    outcome = "exporté comme non commencé" if exported else "non exporté"
    return f"chapitre « {status.id} » illisible, {outcome} — {status.error_text(workspace.root)}"


def summary(result: ExportResult) -> str:
    """The one-line French summary the CLI prints (and the TUI may show)."""
    return (
        f"{result.chapters} chapitre(s), environ {result.pages_estimate} pages, "
        f"{result.gaps} champ(s) à compléter, {result.comments} commentaire(s) de relecture"
        + (f", {len(result.warnings)} avertissement(s)." if result.warnings else ".")
    )


def _chapter_ids(workspace: Workspace, wanted: list[str] | None) -> list[str]:
    plan = workspace.report.chapter_ids
    if not wanted:
        return plan
    for chapter_id in wanted:
        workspace.store.path_for(chapter_id)  # an id that is not [a-z0-9-]+ is refused here
    unknown = [chapter_id for chapter_id in wanted if chapter_id not in plan]
    if unknown:
        raise AuthoringError(
            f"chapitre(s) absent(s) du plan : {', '.join(unknown)}.", workspace.report.path
        )
    chosen = set(wanted)
    return [chapter_id for chapter_id in plan if chapter_id in chosen]  # plan order


def _statuses(wanted: list[str] | None) -> set[str] | None:
    if not wanted:
        return None
    allowed = [s for s in STATUS_TITLES if s != UNREADABLE]
    unknown = [s for s in wanted if s not in allowed]
    if unknown:
        raise AuthoringError(
            f"statut(s) inconnu(s) : {', '.join(unknown)} ; statuts possibles : "
            f"{', '.join(allowed)}."
        )
    return set(wanted)


def _target(workspace: Workspace, options: ExportOptions) -> Path:
    if options.output is not None:
        output = options.output
        if output.suffix.lower() != ".docx":
            raise AuthoringError("le fichier de sortie doit porter l’extension .docx.", output)
        if output.is_dir():
            raise AuthoringError("c’est un dossier : indiquez un nom de fichier .docx.", output)
        return output
    stamp = datetime.datetime.now().strftime("%Y-%m-%d_%H%M%S")
    return workspace.exports / f"{slug(workspace.report.titre)}_{stamp}.docx"


def _folder(workspace: Workspace, target: Path) -> Folder | None:
    """The workspace's files for an export inside it (``exports/``); for a path the
    user chose elsewhere with ``--output``, that file's own folder."""
    inside = Path(os.path.abspath(target)).is_relative_to(workspace.root)
    return workspace.files if inside else None


def slug(text: str) -> str:
    """« Rapport d’activité 2020 » → « rapport-d-activite-2020 ».

    The typographic apostrophe separates words as the straight one does (ASCII
    encoding would drop it and glue « d » to the next word).
    """
    text = text.replace("’", "'")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "rapport"
