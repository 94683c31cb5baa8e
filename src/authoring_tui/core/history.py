"""Earlier versions of each chapter, kept under ``.historique/<id>/`` at each save.

A save first copies the file it is about to replace; only the last N copies
(``historique_versions`` in report.yaml, default 20) are kept. Restoring a
version is an ordinary save, so the version it replaces is kept in turn.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from .errors import AuthoringError
from .yamlio import atomic_write_text

HISTORY_FOLDER = ".historique"
DEFAULT_KEEP = 20


@dataclass(frozen=True)
class Version:
    number: int
    """1 is the most recent earlier version."""
    path: Path
    saved_at: datetime.datetime
    size: int


class History:
    def __init__(self, folder: Path, keep: int = DEFAULT_KEEP) -> None:
        self.folder = folder
        self.keep = keep

    def remember(self, chapter_id: str, previous: bytes) -> None:
        """Keep ``previous`` (the bytes a save is about to replace)."""
        if self.keep <= 0:
            return
        target = self.folder / chapter_id
        target.mkdir(parents=True, exist_ok=True)
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        atomic_write_text(target / f"{stamp}.yaml", previous.decode("utf-8", "surrogateescape"))
        for old in self._files(chapter_id)[self.keep :]:
            old.unlink(missing_ok=True)

    def versions(self, chapter_id: str) -> list[Version]:
        return [
            Version(number, path, _stamp_time(path), path.stat().st_size)
            for number, path in enumerate(self._files(chapter_id), start=1)
        ]

    def version(self, chapter_id: str, number: int) -> Version:
        versions = self.versions(chapter_id)
        if not 1 <= number <= len(versions):
            raise AuthoringError(
                f"pas de version n° {number} pour le chapitre « {chapter_id} » "
                f"({len(versions)} version(s) conservée(s))."
            )
        return versions[number - 1]

    def _files(self, chapter_id: str) -> list[Path]:
        folder = self.folder / chapter_id
        if not folder.is_dir():
            return []
        return sorted(folder.glob("*.yaml"), reverse=True)


def _stamp_time(path: Path) -> datetime.datetime:
    try:
        return datetime.datetime.strptime(path.stem, "%Y%m%d-%H%M%S-%f")
    except ValueError:
        return datetime.datetime.fromtimestamp(path.stat().st_mtime)
