"""Earlier versions of each chapter, kept under ``.historique/<id>/`` at each save.

A save first copies the file it is about to replace; only the last N copies
(``historique_versions`` in report.yaml, default 20) are kept. Restoring a
version is an ordinary save, so the version it replaces is kept in turn.

A version does not say who wrote it, so each save notes its author in
``.historique/<id>/auteurs.json``: the login that wrote each content and when,
keyed by the SHA-256 of its bytes (a version is the content some save wrote
before the next one replaced it: its copy's name says when it was replaced).
The log is bounded, and only a help: unreadable, it is ignored (the versions
show « inconnu »); unwritable, the save still succeeds.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import AuthoringError
from .files import Folder
from .yaml_readers import parse_yaml

HISTORY_FOLDER = ".historique"
DEFAULT_KEEP = 20
AUTHORS_FILE = "auteurs.json"
AUTHORS_KEPT = 200
"""Contents whose author is remembered, the newest (at least the kept versions)."""
AUTHORS_MAX_BYTES = 256 * 1024
VERSION_MAX_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class Version:
    number: int
    """1 is the most recent earlier version."""
    path: Path
    saved_at: datetime.datetime
    size: int
    author: str | None = None
    """The login that saved this content, when the author log knows it."""
    written_at: datetime.datetime | None = None
    """When that save was (the log again); ``saved_at`` is when it was replaced."""

    @property
    def when(self) -> datetime.datetime:
        """When this content was saved, as well as is known."""
        return self.written_at or self.saved_at


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
        authors = self.authors(chapter_id)
        for number, path in enumerate(self._files(chapter_id), start=1):
            info = self.files.lstat(path)
            saved_at = _stamp_time(path, info.st_mtime)
            author, written_at = _entry(authors.get(self._digest(path) or "") if authors else None)
            versions.append(Version(number, path, saved_at, info.st_size, author, written_at))
        return versions

    def load(self, version: Version) -> Any:
        """A version's data (plain values, to compare with the chapter);
        ``AuthoringError`` in French when it cannot be read."""
        raw = self.files.read_bytes(version.path, VERSION_MAX_BYTES)
        text = raw.decode("utf-8", "replace").removeprefix("\ufeff").replace("\r\n", "\n")
        return parse_yaml(text, version.path, round_trip=False)

    # Who wrote each content (see the module's docstring)

    def note_author(self, chapter_id: str, content: bytes, login: str) -> None:
        """Remember that ``login`` wrote ``content`` now (after a successful save)."""
        authors = self.authors(chapter_id)
        digest = hashlib.sha256(content).hexdigest()
        authors.pop(digest, None)  # the newest last: the oldest go first
        now = datetime.datetime.now().isoformat(timespec="seconds")
        authors[digest] = {"par": login, "le": now}
        kept = dict(list(authors.items())[-max(AUTHORS_KEPT, self.keep + 1) :])
        target = self.files.ensure_folder(self.folder / chapter_id)
        text = json.dumps(kept, ensure_ascii=False, indent=0)
        self.files.write_atomic(target / AUTHORS_FILE, text.encode("utf-8"))

    def authors(self, chapter_id: str) -> dict[str, Any]:
        """The author log, digest → {"par": login, "le": ISO time}; empty when
        absent or unreadable."""
        path = self.folder / chapter_id / AUTHORS_FILE
        with contextlib.suppress(AuthoringError, OSError, ValueError):
            if self.files.exists(path):
                loaded = json.loads(self.files.read_bytes(path, AUTHORS_MAX_BYTES))
                if isinstance(loaded, dict):
                    return {str(k): v for k, v in loaded.items() if isinstance(v, dict)}
        return {}

    def _digest(self, path: Path) -> str | None:
        with contextlib.suppress(AuthoringError, OSError):
            return hashlib.sha256(self.files.read_bytes(path, VERSION_MAX_BYTES)).hexdigest()
        return None

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


def _entry(entry: Any) -> tuple[str | None, datetime.datetime | None]:
    """Who and when from one line of the author log (either may be unknown)."""
    if not isinstance(entry, dict) or not isinstance(entry.get("par"), str):
        return None, None
    try:
        return entry["par"], datetime.datetime.fromisoformat(str(entry.get("le")))
    except ValueError:
        return entry["par"], None


def _stamp_time(path: Path, mtime: float) -> datetime.datetime:
    try:
        return datetime.datetime.strptime(path.stem, "%Y%m%d-%H%M%S-%f")
    except ValueError:
        return datetime.datetime.fromtimestamp(mtime)
