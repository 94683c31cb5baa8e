"""The chapter store: ``chapters/<id>.yaml`` loaded and saved without losing a word.

Loading keeps ruamel's round-trip objects, so a save writes back comments, key
order, quoting and the untouched fields byte for byte. Saving is atomic and
never overwrites what it did not see: the store remembers the hash of what it
loaded and refuses the save (``ChapterConflict``) if the file changed since;
the check and the rename happen under a per-chapter save lock, so two processes
cannot both pass the check. Each save keeps the previous version (``History``),
and unsaved work can be parked in a recovery file beside the chapter.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import AuthoringError, ChapterFileError, InvalidChapterId
from .history import History
from .yamlio import (
    YamlDocument,
    atomic_write_text,
    digest_bytes,
    dump_yaml,
    parse_yaml,
    read_bytes,
    read_yaml,
)

SAVE_LOCK_SECONDS = 15.0

CHAPTER_ID = re.compile(r"[a-z0-9-]+")


@dataclass
class Chapter:
    """One chapter file as loaded: its data and what it looked like on disk."""

    id: str
    path: Path
    document: YamlDocument
    disk_hash: str
    mtime: float

    @property
    def data(self) -> Any:
        return self.document.data


def check_chapter_id(chapter_id: str) -> str:
    """Refuse any id that is not ``[a-z0-9-]+`` before a file is touched."""
    if not isinstance(chapter_id, str) or not CHAPTER_ID.fullmatch(chapter_id):
        raise InvalidChapterId(
            f"identifiant de chapitre « {chapter_id} » refusé : seuls les lettres minuscules "
            "sans accent, les chiffres et les tirets sont permis."
        )
    return chapter_id


class ChapterConflict(AuthoringError):
    """The file changed on disk since it was loaded; nothing was written."""

    def __init__(self, chapter: Chapter) -> None:
        super().__init__(
            "le fichier a été modifié sur le disque depuis son ouverture (par quelqu’un "
            "d’autre, un autre éditeur ou une mise à jour) : rien n’a été écrasé.",
            chapter.path,
        )
        self.chapter = chapter


class ChapterStore:
    """Reads and writes the chapter files of one workspace folder."""

    def __init__(self, folder: Path, root: Path | None = None, history_keep: int = 20) -> None:
        self.folder = folder
        state = root if root is not None else folder.parent
        self.history = History(state / ".historique", history_keep)
        self.lock_folder = state / ".verrous"

    def path_for(self, chapter_id: str) -> Path:
        return self.folder / f"{check_chapter_id(chapter_id)}.yaml"

    def exists(self, chapter_id: str) -> bool:
        return self.path_for(chapter_id).is_file()

    def load(self, chapter_id: str, round_trip: bool = True) -> Chapter:
        """Read a chapter; ``round_trip=False`` is faster but the result cannot be saved."""
        path = self.path_for(chapter_id)
        self._refuse_escape(path)
        document = read_yaml(path, round_trip)
        return Chapter(chapter_id, path, document, document.digest, path.stat().st_mtime)

    def round_trip(self, chapter: Chapter) -> Chapter:
        """The savable twin of a chapter read with ``round_trip=False``.

        Parsed from the very text that was read (not the file again): the data is
        what the reader saw, and the hash stays the one read, so a file changed on
        disk since is still a conflict on save.
        """
        if chapter.document.round_trip:
            return chapter
        data = parse_yaml(chapter.document.text, chapter.path, round_trip=True)
        document = dataclasses.replace(chapter.document, data=data, round_trip=True)
        return dataclasses.replace(chapter, document=document)

    def read_bytes(self, chapter_id: str) -> bytes:
        """The chapter file's bytes, with the same refusals as ``load``."""
        path = self.path_for(chapter_id)
        self._refuse_escape(path)
        return read_bytes(path)

    def save(self, chapter: Chapter) -> None:
        """Write the chapter atomically, unless the file changed since it was loaded.

        Raises ``ChapterConflict`` (nothing written) when someone else saved first;
        the caller then offers to reload theirs or to keep a conflict copy.
        """
        self._refuse_escape(chapter.path)
        text = dump_yaml(chapter.document)
        with self._save_lock(chapter):
            previous = _read_or_none(chapter.path)
            if previous is not None and digest_bytes(previous) != chapter.disk_hash:
                raise ChapterConflict(chapter)
            if previous is not None:
                self.history.remember(chapter.id, previous)
            atomic_write_text(chapter.path, text)
        chapter.disk_hash = digest_bytes(text.encode("utf-8"))
        chapter.mtime = chapter.path.stat().st_mtime
        self.recovery_path(chapter.id).unlink(missing_ok=True)

    def keep_conflict_copy(self, chapter: Chapter, login: str) -> Path:
        """Write my version beside theirs: ``<id>.conflit-<login>-<date-heure>.yaml``."""
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        base = f"{chapter.id}.conflit-{login}-{stamp}"
        path = self.folder / f"{base}.yaml"
        counter = 1
        while path.exists():
            counter += 1
            path = self.folder / f"{base}-{counter}.yaml"
        atomic_write_text(path, dump_yaml(chapter.document))
        return path

    def recovery_path(self, chapter_id: str) -> Path:
        return self.folder / f".{check_chapter_id(chapter_id)}.recuperation.yaml"

    def write_recovery(self, chapter: Chapter) -> None:
        """Park unsaved work beside the chapter (atomically); the chapter is untouched."""
        atomic_write_text(self.recovery_path(chapter.id), dump_yaml(chapter.document))

    def pending_recovery(self, chapter_id: str) -> Path | None:
        """The recovery file, if there is one newer than the chapter itself."""
        recovery = self.recovery_path(chapter_id)
        if not recovery.is_file():
            return None
        chapter = self.path_for(chapter_id)
        if chapter.exists() and chapter.stat().st_mtime > recovery.stat().st_mtime:
            return None
        return recovery

    def restore_recovery(self, chapter: Chapter) -> None:
        """Put the recovered text into ``chapter`` (loaded from disk); save to keep it."""
        recovered = read_yaml(self.recovery_path(chapter.id))
        chapter.document.data = recovered.data

    def discard_recovery(self, chapter_id: str) -> None:
        self.recovery_path(chapter_id).unlink(missing_ok=True)

    def restore_version(self, chapter: Chapter, number: int) -> None:
        """Replace ``chapter``'s content with an earlier version (then ``save``)."""
        version = self.history.version(chapter.id, number)
        text = version.path.read_text(encoding="utf-8").replace("\r\n", "\n")
        chapter.document.data = parse_yaml(text, version.path)

    def create(self, chapter_id: str, text: str) -> Path:
        """Write a new chapter file from YAML text; never over an existing one."""
        path = self.path_for(chapter_id)
        if path.exists() or path.is_symlink():
            raise ChapterFileError("le chapitre existe déjà.", path)
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, text)
        return path

    def changed_on_disk(self, chapter: Chapter) -> bool:
        try:
            return digest_bytes(chapter.path.read_bytes()) != chapter.disk_hash
        except FileNotFoundError:
            return True

    @contextlib.contextmanager
    def _save_lock(self, chapter: Chapter) -> Iterator[None]:
        """Serialise check-and-write of one chapter across processes."""
        self.lock_folder.mkdir(parents=True, exist_ok=True)
        from filelock import FileLock, Timeout  # only when writing: a slow import

        path = self.lock_folder / f"{chapter.id}.save.lock"
        lock = FileLock(path, timeout=SAVE_LOCK_SECONDS, thread_local=False)
        try:
            lock.acquire()
        except Timeout:
            raise AuthoringError(
                "un autre enregistrement de ce chapitre ne se termine pas ; réessayez.",
                chapter.path,
            ) from None
        try:
            yield
        finally:
            lock.release()

    def _refuse_escape(self, path: Path) -> None:
        """A chapter file that is a link to somewhere outside ``chapters/`` is refused."""
        if path.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(self.folder.resolve()):
                raise ChapterFileError(
                    f"le fichier est un lien vers « {target} », hors du dossier des chapitres : "
                    "il n’est ni lu ni modifié.",
                    path,
                )


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
