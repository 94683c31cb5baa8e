"""A cache of chapter measurements, keyed by the bytes of the chapter and its schemas.

Measuring a chapter (parse, validate, completeness, words) is the slow part of
``status``, of the dashboard and of the export's appendix; between two runs most
chapters have not changed. The cache lives in ``.cache/statut.json`` (git-ignored);
an entry is used only when the chapter file, every schema file and the tool's
version are byte for byte what they were when it was measured. A cache that
cannot be read is ignored, one that cannot be written is skipped: it never
changes a result, only how fast it comes.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from .. import __version__
from .errors import AuthoringError
from .files import Folder

CACHE_FILE = Path(".cache") / "statut.json"
FORMAT = 1


MAX_CACHE_BYTES = 32 * 1024 * 1024
"""Far above the cache of a hundred chapters; a larger file is not ours: ignored."""


class StatusCache:
    def __init__(
        self, path: Path, schemas_digest: str, entries: dict[str, Any], files: Folder
    ) -> None:
        self.files = files
        self.path = path
        self.schemas_digest = schemas_digest
        self.entries = entries
        self.changed = False

    @classmethod
    def open(cls, root: Path) -> StatusCache:
        files = Folder.at(root)
        digest = hashlib.sha256(f"{FORMAT}:{__version__}".encode())
        for schema in files.files("schema", ".json"):
            digest.update(schema.name.encode() + b"\0" + _read(files, schema) + b"\0")
        path = root / CACHE_FILE
        try:
            stored = json.loads(_read(files, path))
            entries = stored["chapitres"] if stored.get("format") == FORMAT else {}
        except (ValueError, KeyError, TypeError, AttributeError):
            entries = {}
        entries = entries if isinstance(entries, dict) else {}
        return cls(path, digest.hexdigest(), entries, files)

    def key(self, chapter_digest: str, schema: str) -> str:
        """``chapter_digest``: the SHA-256 of the chapter file's bytes."""
        return f"{chapter_digest}:{self.schemas_digest}:{schema}"

    def get(self, chapter_id: str, key: str) -> dict[str, Any] | None:
        entry = self.entries.get(chapter_id)
        if isinstance(entry, dict) and entry.get("key") == key:
            return entry
        return None

    def put(self, chapter_id: str, key: str, entry: dict[str, Any]) -> None:
        self.entries[chapter_id] = {**entry, "key": key}
        self.changed = True

    def adopt(self, chapter_id: str, entry: dict[str, Any]) -> None:
        """Take an entry made by ``put`` in another process (a worker of the export)."""
        self.entries[chapter_id] = entry
        self.changed = True

    def save(self) -> None:
        if self.changed:
            _write(self.files, self.path, {"format": FORMAT, "chapitres": self.entries})
            self.changed = False


class KnownValid:
    """Digests of files already checked and found valid, in ``.cache/valides.json``.

    Checking a schema against the draft 2020-12 metaschema, or ``report.yaml``
    against its schema, is needed only when the file changed; remembering the
    digests of valid files lets a command that finds everything in the status cache
    start without importing jsonschema at all. Like ``StatusCache``, it only makes
    things faster: unreadable, it is ignored; unwritable, skipped.
    """

    FILE = Path(".cache") / "valides.json"

    def __init__(self, path: Path, digests: set[str], files: Folder | None = None) -> None:
        self.path = path
        self.files = files or Folder.at(path.parent.parent)
        self.digests = digests
        self.changed = False

    @classmethod
    def open(cls, root: Path) -> KnownValid:
        files = Folder.at(root)
        path = root / cls.FILE
        try:
            stored = json.loads(_read(files, path))
            digests = (
                {str(d) for d in stored["valides"]} if stored.get("format") == FORMAT else set()
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            digests = set()
        return cls(path, digests, files)

    @staticmethod
    def digest(kind: str, *contents: bytes) -> str:
        digest = hashlib.sha256(f"{FORMAT}:{__version__}:{kind}".encode())
        for part in contents:
            digest.update(b"\0" + part)
        return digest.hexdigest()

    def __contains__(self, digest: str) -> bool:
        return digest in self.digests

    def add(self, digest: str) -> None:
        if digest not in self.digests:
            self.digests.add(digest)
            self.changed = True

    def save(self) -> None:
        if self.changed:
            _write(self.files, self.path, {"format": FORMAT, "valides": sorted(self.digests)})
            self.changed = False


def _read(files: Folder, path: Path) -> bytes:
    """A cache file's bytes; what cannot be read safely reads as nothing (``b""``)."""
    try:
        return files.read_bytes(path, MAX_CACHE_BYTES)
    except (OSError, AuthoringError):
        return b""


def _write(files: Folder, path: Path, contents: dict[str, Any]) -> None:
    try:
        files.ensure_folder(path.parent)
        files.write_atomic(path, json.dumps(contents, ensure_ascii=False).encode("utf-8"))
    except (OSError, AuthoringError):
        pass  # a read-only shared folder, a link where .cache should be: measure again
