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
from .files import Folder

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
    def __init__(self, folder: Path, keep: int = DEFAULT_KEEP, files: Folder | None = None) -> None:
        self.folder = folder
        self.keep = keep
        self.files = files or Folder.at(folder.parent)

    def remember(self, chapter_id: str, previous: bytes) -> Path | None:
        """Keep ``previous`` (the bytes a save is about to replace); the copy's path."""
        if self.keep <= 0:
            return None
        target = self.files.ensure_folder(self.folder / chapter_id)
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        kept = target / f"{stamp}.yaml"
        self.files.write_atomic(kept, previous)
        return kept

    def prune(self, chapter_id: str) -> None:
        """Remove the versions beyond the last N (after the save succeeded)."""
        for old in self._files(chapter_id)[max(self.keep, 0) :]:
            self.files.remove(old)

    def versions(self, chapter_id: str) -> list[Version]:
        versions = []
        for number, path in enumerate(self._files(chapter_id), start=1):
            info = self.files.lstat(path)
            versions.append(Version(number, path, _stamp_time(path, info.st_mtime), info.st_size))
        return versions

    def version(self, chapter_id: str, number: int) -> Version:
        versions = self.versions(chapter_id)
        if not 1 <= number <= len(versions):
            raise AuthoringError(
                f"pas de version n° {number} pour le chapitre « {chapter_id} » "
                f"({len(versions)} version(s) conservée(s))."
            )
        return versions[number - 1]

    def _files(self, chapter_id: str) -> list[Path]:
        """The kept versions, newest first: regular files only (a link a colleague
        put there is neither listed, nor restored, nor removed through)."""
        return sorted(self.files.files(self.folder / chapter_id, ".yaml"), reverse=True)


def _stamp_time(path: Path, mtime: float) -> datetime.datetime:
    try:
        return datetime.datetime.strptime(path.stem, "%Y%m%d-%H%M%S-%f")
    except ValueError:
        return datetime.datetime.fromtimestamp(mtime)
