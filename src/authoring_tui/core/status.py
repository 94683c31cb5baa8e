"""The state of every chapter and of the whole report, as the dashboard shows it.

One ``ChapterStatus`` per chapter of the plan, in reading order: status,
completeness, errors, words, deadline, last modification. A chapter whose file
does not exist yet is « non commencé » at 0 %; one whose file cannot be read is
« illisible », carries the error (file, line) and is at 0 % too, never stopping
the other chapters. The CLI's ``status`` and ``validate``, the export's appendix
and the TUI's dashboard all read this.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import media, review
from .completeness import Completeness, completeness, word_count
from .errors import AuthoringError, ChapterFileError
from .report import Part
from .schema import Schema
from .status_cache import StatusCache
from .store import Chapter
from .validation import Issue, validate
from .workspace import Workspace
from .yamlio import digest_bytes

NOT_STARTED = "non_commence"
UNREADABLE = "illisible"

STATUS_TITLES = {
    **review.STATUS_TITLES,
    NOT_STARTED: "Non commencé",
    UNREADABLE: "Illisible",
}


@dataclass
class ChapterStatus:
    id: str
    part: Part | None
    numero: str
    titre: str
    dga: str
    statut: str
    completeness: Completeness
    issues: list[Issue] = field(default_factory=list)
    mots: int = 0
    echeance: datetime.date | None = None
    modifie: datetime.datetime | None = None
    error: AuthoringError | None = None
    redacteurs: tuple[str, ...] = ()
    pictures: dict[str, str] = field(default_factory=dict)
    """The pictures the chapter names and their files' identity when measured."""

    def error_text(self, root: Path) -> str:
        """The error as the user reads it: « chapters/x.yaml, ligne 3 : … », the
        file relative to the workspace ``root``; empty when there is none."""
        if self.error is None:
            return ""
        error = self.error
        path = error.path
        if path is not None and path.is_absolute() and path.is_relative_to(root):
            path = path.relative_to(root)
        return str(AuthoringError(error.message, path, error.line, error.column))

    @property
    def statut_titre(self) -> str:
        return STATUS_TITLES.get(self.statut, self.statut)

    def days_left(self, today: datetime.date) -> int | None:
        return (self.echeance - today).days if self.echeance else None

    @property
    def complete(self) -> bool:
        return self.error is None and not self.issues and self.completeness.percent >= 100.0


@dataclass
class ReportStatus:
    titre: str
    annee: int
    organisation: str
    chapters: list[ChapterStatus]

    @property
    def completeness(self) -> Completeness:
        """Weighted by required fields: the sum of slots over all chapters."""
        total = Completeness(0, 0)
        for chapter in self.chapters:
            total = total + chapter.completeness
        return total


def planned_status(workspace: Workspace, chapter_id: str) -> ChapterStatus:
    """What the plan alone says of a chapter, before its file is read."""
    report = workspace.report
    return ChapterStatus(
        id=chapter_id,
        part=report.part_of(chapter_id),
        numero=report.planned(chapter_id, "numero"),
        titre=report.planned(chapter_id, "titre") or chapter_id,
        dga=report.planned(chapter_id, "dga"),
        statut=NOT_STARTED,
        completeness=Completeness(0, 0),
        echeance=report.deadline_for(chapter_id),
    )


def chapter_status(
    workspace: Workspace,
    chapter_id: str,
    cache: StatusCache | None = None,
    chapter: Chapter | None = None,
) -> ChapterStatus:
    """Measure a chapter (from ``cache`` when its bytes were measured before).

    ``chapter``: the chapter already read by the caller (the export), so that its
    file is not read twice.
    """
    base = planned_status(workspace, chapter_id)
    try:
        schema = workspace.schema_for(chapter_id)
        if chapter is None and not workspace.store.exists(chapter_id):
            base.completeness = empty_completeness(schema)
            return base
        if cache is None:
            chapter = chapter or workspace.store.load(chapter_id, round_trip=False)
            return _measure(base, chapter, workspace)
        return _measure_cached(base, workspace, cache, chapter)
    except AuthoringError as error:
        return _unreadable(base, workspace, error)
    except OSError as error:  # the file went away or changed hands while being measured
        path = workspace.store.path_for(chapter_id)
        message = f"lecture impossible ({error.strerror or error})."
        return _unreadable(base, workspace, ChapterFileError(message, path))


def empty_completeness(schema: Schema) -> Completeness:
    """A chapter with nothing written: every root required field is an empty slot."""
    return completeness(schema, {}, validate(schema, {}))


def _unreadable(base: ChapterStatus, workspace: Workspace, error: AuthoringError) -> ChapterStatus:
    """« illisible » at 0 %, its slots counted as those of a chapter not started.

    Counted as empty, not left out: a chapter that breaks must lower the report's
    total, not vanish from it (or, worse, show 100 %). A schema that cannot be
    read, or that requires nothing, still counts the chapter as one empty slot.
    """
    base.statut = UNREADABLE
    base.error = error
    try:
        slots = empty_completeness(workspace.schema_for(base.id)).total
    except AuthoringError:
        slots = 0
    base.completeness = Completeness(0, max(slots, 1))
    return base


def _measure_cached(
    base: ChapterStatus, workspace: Workspace, cache: StatusCache, chapter: Chapter | None
) -> ChapterStatus:
    if chapter is None:
        digest = digest_bytes(workspace.store.read_bytes(base.id))
        mtime = workspace.store.path_for(base.id).stat().st_mtime
    else:
        digest, mtime = chapter.disk_hash, chapter.mtime
    key = cache.key(digest, workspace.report.schema_for(base.id))
    entry = cache.get(base.id, key)
    if entry is not None and not _pictures_unchanged(workspace, entry):
        entry = None
    if entry is None:
        measured = _measure(
            base, chapter or workspace.store.load(base.id, round_trip=False), workspace
        )
        cache.put(base.id, key, _to_entry(measured))
        return measured
    base.issues = [
        Issue(tuple(i["path"]), i["chemin"], i["message"], i["keyword"]) for i in entry["issues"]
    ]
    base.completeness = Completeness(entry["filled"], entry["total"])
    base.mots = entry["mots"]
    base.numero, base.titre, base.dga = entry["numero"], entry["titre"], entry["dga"]
    base.statut = entry["statut"]
    base.redacteurs = tuple(entry["redacteurs"])
    base.modifie = datetime.datetime.fromtimestamp(mtime)
    return base


def _pictures_unchanged(workspace: Workspace, entry: dict[str, Any]) -> bool:
    """Whether the pictures a cached measurement checked are still the same files
    (a chapter's errors depend on its pictures too: one added to ``medias/``
    mends an error without a byte of the chapter changing)."""
    pictures = entry.get("medias", {})
    if not isinstance(pictures, dict) or not pictures:
        return True
    return media.stamps(workspace.files, list(pictures)) == list(pictures.values())


def _to_entry(status: ChapterStatus) -> dict[str, Any]:
    return {
        "medias": status.pictures,
        "issues": [
            {"path": list(i.path), "chemin": i.chemin, "message": i.message, "keyword": i.keyword}
            for i in status.issues
        ],
        "filled": status.completeness.filled,
        "total": status.completeness.total,
        "mots": status.mots,
        "numero": status.numero,
        "titre": status.titre,
        "dga": status.dga,
        "statut": status.statut,
        "redacteurs": list(status.redacteurs),
    }


def _measure(base: ChapterStatus, chapter: Chapter, workspace: Workspace) -> ChapterStatus:
    schema = workspace.schema_for(chapter.id)
    data = chapter.data
    issues = validate(schema, data, workspace.files)
    pictures = media.referenced(schema, data)
    base.pictures = dict(zip(pictures, media.stamps(workspace.files, pictures), strict=True))
    base.issues = issues
    base.completeness = completeness(schema, data, issues)
    base.mots = word_count(schema, data)
    base.numero = str(data.get("numero") or base.numero)
    base.titre = str(data.get("titre") or base.titre)
    base.dga = str(data.get("dga") or base.dga)
    base.statut = str(data.get("statut") or "brouillon")
    base.modifie = datetime.datetime.fromtimestamp(chapter.mtime)
    redacteurs = data.get("redacteurs") or []
    base.redacteurs = tuple(str(r) for r in redacteurs) if isinstance(redacteurs, list) else ()
    return base


def report_status(workspace: Workspace, chapter_ids: list[str] | None = None) -> ReportStatus:
    """Every chapter's status, measuring only the chapters changed since last time."""
    ids = chapter_ids if chapter_ids is not None else workspace.report.chapter_ids
    report = workspace.report
    cache = StatusCache.open(workspace.root)
    chapters = [chapter_status(workspace, chapter_id, cache) for chapter_id in ids]
    cache.save()
    return ReportStatus(
        titre=report.titre,
        annee=report.annee,
        organisation=report.organisation,
        chapters=chapters,
    )
