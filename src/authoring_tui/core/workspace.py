"""A workspace: one folder holding one edition of the report.

``Workspace.open`` reads ``report.yaml``; chapters and schemas are read when asked,
each at most once per process for schemas (building a validator is the costly
part of validation).
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import AuthoringError, WorkspaceNotFound
from .files import Folder
from .history import DEFAULT_KEEP
from .locks import ChapterLock, expiry_hours
from .report import REPORT_FILE, Report, load_report
from .schema import Schema, SchemaSet
from .status_cache import KnownValid
from .store import ChapterStore

ENV_WORKSPACE = "AUTHORING_TUI_WORKSPACE"


class Workspace:
    def __init__(self, root: Path, report: Report, known_valid: KnownValid | None = None) -> None:
        self.root = root
        self.report = report
        self.known_valid = known_valid
        self.files = Folder.at(root)
        """The one way to the workspace's files (see ``files.py``)."""
        self.schemas = SchemaSet(root / "schema", known_valid, self.files)
        keep = int(report.setting("historique_versions", DEFAULT_KEEP))
        self.store = ChapterStore(root / "chapters", root, keep)

    @classmethod
    def open(cls, root: Path) -> Workspace:
        root = root.resolve()
        if not Folder.at(root).exists(REPORT_FILE):
            raise WorkspaceNotFound(
                f"aucun fichier {REPORT_FILE} dans ce dossier : ce n’est pas un espace de travail. "
                "Indiquez-en un avec --workspace DOSSIER, ou créez-en un avec "
                "« authoring-tui init DOSSIER ».",
                root,
            )
        known_valid = KnownValid.open(root)
        return cls(root, load_report(root, known_valid), known_valid)

    def schema_for(self, chapter_id: str) -> Schema:
        relative = self.report.schema_for(chapter_id)
        path = Path(os.path.normpath(self.root / relative))
        if not path.is_relative_to(self.root):
            raise AuthoringError(
                f"le schéma « {relative} » du chapitre « {chapter_id} » est hors de "
                "l’espace de travail.",
                self.report.path,
            )
        return self.schemas.get(path)

    def save_caches(self) -> None:
        """Remember the files found valid, once a command has succeeded: a command
        refused for bad input leaves the workspace exactly as it was."""
        if self.known_valid is not None:
            self.known_valid.save()

    def lock(self, chapter_id: str) -> ChapterLock:
        """The edit lock of a chapter (not taken yet: call ``acquire``)."""
        hours = expiry_hours(self.report.setting("verrou_expiration_heures", None))
        return ChapterLock(self.root, chapter_id, hours, self.report.lock_inactivity_minutes)

    @property
    def exports(self) -> Path:
        return self.root / "exports"


def find_workspace(explicit: Path | None) -> Path:
    """The workspace to use: ``--workspace``, else $AUTHORING_TUI_WORKSPACE, else ``.``."""
    if explicit is not None:
        return explicit
    from_env = os.environ.get(ENV_WORKSPACE)
    return Path(from_env) if from_env else Path.cwd()
