"""The chapter store: ``chapters/<id>.yaml`` loaded and saved without losing a word.

Loading keeps ruamel's round-trip objects, so a save writes back comments, key
order, quoting and the untouched fields byte for byte. Saving is atomic and
never overwrites what it did not see: the store remembers the hash of what it
loaded and refuses the save (``ChapterConflict``) if the file changed since;
the check and the rename happen under a per-chapter save lock, so two processes
cannot both pass the check. Each save keeps the previous version (``History``),
and unsaved work can be parked in a recovery file beside the chapter (or in the
user's own state folder when the workspace refuses it).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import hashlib
import os
import re
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platformdirs import user_state_path

from .errors import AuthoringError, ChapterFileError, InvalidChapterId
from .files import Folder
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
STALE_TEMPORARY_SECONDS = 3600.0
"""A save's temporary file older than this was left by a save that never ended."""

CHAPTER_ID = re.compile(r"[a-z0-9-]+")
APP_NAME = "authoring-tui"
"""The tool's name in the user's own folders (``platformdirs``)."""


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


class ChapterDeleted(ChapterConflict):
    """The file was deleted on disk since it was loaded; nothing was written."""

    def __init__(self, chapter: Chapter) -> None:
        super().__init__(chapter)
        self.message = (
            "le fichier a été supprimé sur le disque depuis son ouverture : rien n’a été "
            "recréé sans votre accord."
        )
        self.args = (self.message,)


class ChapterStore:
    """Reads and writes the chapter files of one workspace folder."""

    def __init__(self, folder: Path, root: Path | None = None, history_keep: int = 20) -> None:
        self.folder = folder
        state = root if root is not None else folder.parent
        self.files = Folder.at(state)
        """Every file of the store is read and written through it: inside the
        workspace, never through a link."""
        self.history = History(state / ".historique", history_keep, self.files)
        self.lock_folder = state / ".verrous"

    def path_for(self, chapter_id: str) -> Path:
        return self.folder / f"{check_chapter_id(chapter_id)}.yaml"

    def exists(self, chapter_id: str) -> bool:
        """Whether the chapter has a file (a link or a FIFO there counts as one, so
        that reading it gives its French refusal)."""
        try:
            self.files.lstat(self.path_for(chapter_id))
        except FileNotFoundError:
            return False
        return True

    def load(self, chapter_id: str, round_trip: bool = True) -> Chapter:
        """Read a chapter; ``round_trip=False`` is faster but the result cannot be saved."""
        path = self.path_for(chapter_id)
        document = read_yaml(path, round_trip, self.files)
        return Chapter(chapter_id, path, document, document.digest, self._mtime(path))

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
        return read_bytes(self.path_for(chapter_id), self.files)

    def save(self, chapter: Chapter, login: str | None = None) -> None:
        """Write the chapter atomically, unless the file changed since it was loaded.

        Raises ``ChapterConflict`` (nothing written) when someone else saved first;
        the caller then offers to reload theirs or to keep a conflict copy. The
        saver's recovery copies (``login``'s and those without one) go.
        ``login``: who saves, noted in the history's author log.
        """
        text = dump_yaml(chapter.document)
        self._remove_stale_temporaries(chapter.path)
        with self._save_lock(chapter):
            previous = self._read_or_none(chapter.path)
            if previous is None and chapter.disk_hash:
                raise ChapterDeleted(chapter)  # it was there when loaded
            if previous is not None and digest_bytes(previous) != chapter.disk_hash:
                raise ChapterConflict(chapter)
            kept = None if previous is None else self.history.remember(chapter.id, previous)
            try:
                atomic_write_text(chapter.path, text, self.files)
            except BaseException:
                if kept is not None:  # nothing changed at all: the history copy goes too
                    with contextlib.suppress(AuthoringError, OSError):
                        self.files.remove(kept)
                raise
            self.history.prune(chapter.id)
            if login:
                self._note_author(chapter.id, text, login)
        chapter.disk_hash = digest_bytes(text.encode("utf-8"))
        chapter.mtime = self._mtime(chapter.path)
        self._forget_recovery(chapter.id, login)

    def _note_author(self, chapter_id: str, text: str, login: str) -> None:
        """The save succeeded: a log that cannot be written does not undo it."""
        with contextlib.suppress(AuthoringError, OSError):
            self.history.note_author(chapter_id, text.encode("utf-8"), login)

    def recreate(self, chapter: Chapter) -> None:
        """Write the chapter again after its file was deleted while it was open
        (``ChapterDeleted``), by the user's explicit choice.

        Only while the file is still absent: the new file is written aside and
        linked into place, never over one that came back meanwhile (that is a
        ``ChapterConflict``, nothing written).
        """
        data = dump_yaml(chapter.document).encode("utf-8")
        with self._save_lock(chapter):
            try:
                self.files.write_with(
                    chapter.path, lambda handle: handle.write(data), replace=False
                )
            except FileExistsError:
                raise ChapterConflict(chapter) from None
        chapter.disk_hash = digest_bytes(data)
        chapter.mtime = self._mtime(chapter.path)
        self._forget_recovery(chapter.id)

    def keep_conflict_copy(self, chapter: Chapter, login: str) -> Path:
        """Write my version beside theirs: ``<id>.conflit-<login>-<date-heure>.yaml``."""
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        base = f"{chapter.id}.conflit-{login}-{stamp}"
        text = dump_yaml(chapter.document).encode("utf-8")
        path = self.folder / f"{base}.yaml"
        counter = 1
        while not self.files.create_exclusive(path, text):
            counter += 1
            path = self.folder / f"{base}-{counter}.yaml"
        return path

    # Recovery copies: unsaved work parked in the workspace, or, when the workspace
    # refuses it (read-only folder, full disk), in the user's own state folder.
    # With a login, each user has their own copy (``.<id>.recuperation.<login>.yaml``):
    # the edits of a holder whose lock the secrétariat took over are offered to
    # that holder, never to the secrétariat. The copy without a login (the name
    # used before) is still read, and offered only while newer than the chapter.

    def recovery_path(self, chapter_id: str, login: str | None = None) -> Path:
        owner = f".{_login_part(login)}" if login else ""
        return self.folder / f".{check_chapter_id(chapter_id)}.recuperation{owner}.yaml"

    def user_recovery_path(self, chapter_id: str, login: str | None = None) -> Path:
        """Where the copy goes when the workspace refuses it: one folder per
        workspace (a short hash of its real path) in the user's state folder."""
        folder = user_recovery_folder() / workspace_key(self.files.root)
        owner = f".{_login_part(login)}" if login else ""
        return folder / f"{check_chapter_id(chapter_id)}{owner}.yaml"

    def write_recovery(self, chapter: Chapter, login: str | None = None) -> Path:
        """Park unsaved work (atomically) and say where; the chapter is untouched.

        Beside the chapter when the workspace accepts it, else in the user's own
        state folder, so a read-only folder or a full disk loses nothing typed.
        When both refuse, the workspace's refusal is raised.
        """
        data = dump_yaml(chapter.document).encode("utf-8")
        path = self.recovery_path(chapter.id, login)
        try:
            self.files.write_atomic(path, data)
        except AuthoringError as refused:
            try:
                return self._write_user_recovery(chapter.id, data, login)
            except (AuthoringError, OSError):
                raise refused from None
        return path

    def pending_recovery(self, chapter_id: str, login: str | None = None) -> Path | None:
        """The newest recovery copy to offer (workspace or user folder): the
        user's own whatever the chapter's age (someone may have saved since the
        lock was taken from them), a copy without a login if newer than the
        chapter itself."""
        newest = self._newest_recovery(chapter_id, login)
        if newest is None:
            return None
        files, path = newest
        if login and path in _own_copies(self, chapter_id, login):
            return path
        chapter = self.path_for(chapter_id)
        if self.files.exists(chapter) and self._mtime(chapter) > files.lstat(path).st_mtime:
            return None
        return path

    def restore_recovery(self, chapter: Chapter, login: str | None = None) -> None:
        """Put the newest recovered text into ``chapter`` (loaded from disk); save to
        keep it."""
        files, path = self._newest_recovery(chapter.id, login) or (
            self.files,
            self.recovery_path(chapter.id, login),  # none: its read says so in French
        )
        chapter.document.data = read_yaml(path, True, files).data

    def discard_recovery(self, chapter_id: str, login: str | None = None) -> None:
        """Remove the copies (the user's own and those without a login); the user
        folder's are removed even when the workspace refuses to let go of its
        copy (then the refusal is raised)."""
        logins = [None, login] if login else [None]
        try:
            for owner in logins:
                self.files.remove(self.recovery_path(chapter_id, owner))
        finally:
            state = user_state_folder(create=False)
            for owner in logins:
                state.remove(self.user_recovery_path(chapter_id, owner))

    def _write_user_recovery(self, chapter_id: str, data: bytes, login: str | None) -> Path:
        path = self.user_recovery_path(chapter_id, login)
        files = user_state_folder(create=True)
        files.ensure_folder(path.parent)
        files.write_atomic(path, data)
        return path

    def _forget_recovery(self, chapter_id: str, login: str | None = None) -> None:
        """After a successful write: the copies are older than the chapter now (so
        never offered); one that cannot be removed must not make the save fail."""
        with contextlib.suppress(AuthoringError, OSError):
            self.discard_recovery(chapter_id, login)

    def _newest_recovery(
        self, chapter_id: str, login: str | None = None
    ) -> tuple[Folder, Path] | None:
        """The most recently written of the copies, with the folder it is read
        through (a tie goes to the workspace's, then to the user's own)."""
        state = user_state_folder(create=False)
        owners = [login, None] if login else [None]
        copies = [
            copy
            for owner in owners
            for copy in (
                (self.files, self.recovery_path(chapter_id, owner)),
                (state, self.user_recovery_path(chapter_id, owner)),
            )
        ]
        present = [(files, path) for files, path in copies if files.exists(path)]
        if not present:
            return None
        return max(present, key=lambda copy: copy[0].lstat(copy[1]).st_mtime)

    def restore_version(self, chapter: Chapter, number: int) -> None:
        """Replace ``chapter``'s content with an earlier version (then ``save``)."""
        version = self.history.version(chapter.id, number)
        text = read_bytes(version.path, self.files).decode("utf-8", "replace")
        chapter.document.data = parse_yaml(text.replace("\r\n", "\n"), version.path)

    def create(self, chapter_id: str, text: str) -> Path:
        """Write a new chapter file from YAML text; never over an existing one."""
        path = self.path_for(chapter_id)
        if not self.files.create_exclusive(path, text.encode("utf-8")):
            raise ChapterFileError("le chapitre existe déjà.", path)
        return path

    def changed_on_disk(self, chapter: Chapter) -> bool:
        previous = self._read_or_none(chapter.path)
        return previous is None or digest_bytes(previous) != chapter.disk_hash

    @contextlib.contextmanager
    def _save_lock(self, chapter: Chapter) -> Iterator[None]:
        """Serialise check-and-write of one chapter across processes."""
        from filelock import FileLock, Timeout  # only when writing: a slow import

        path = self.lock_folder / f"{chapter.id}.save.lock"
        prepare_lock_file(self.files, path)
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

    def _remove_stale_temporaries(self, path: Path) -> None:
        """Temporary files of saves interrupted more than an hour ago (a crash, a
        power cut) beside ``path``: a save in progress elsewhere is younger."""
        limit = time.time() - STALE_TEMPORARY_SECONDS
        for candidate in self.files.files(path.parent, ".tmp"):
            if not candidate.name.startswith(f".{path.name}."):
                continue
            with contextlib.suppress(AuthoringError, OSError):
                if self.files.lstat(candidate).st_mtime < limit:
                    self.files.remove(candidate)

    def _mtime(self, path: Path) -> float:
        return self.files.lstat(path).st_mtime

    def _read_or_none(self, path: Path) -> bytes | None:
        try:
            self.files.lstat(path)
        except FileNotFoundError:
            return None
        return read_bytes(path, self.files)


def _login_part(login: str | None) -> str:
    """A login as a file-name part: as typed when made of letters, digits, dot,
    dash and underscore (the schema's logins), else a short hash of it."""
    if login and re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9._-]*", login):
        return login
    return "u" + hashlib.sha256(str(login).encode("utf-8")).hexdigest()[:12]


def _own_copies(store: ChapterStore, chapter_id: str, login: str) -> set[Path]:
    return {store.recovery_path(chapter_id, login), store.user_recovery_path(chapter_id, login)}


def user_state_root() -> Path:
    """The tool's folder in the user's own state folder (``$XDG_STATE_HOME`` on
    Linux), asked each time so that it follows the environment."""
    return Path(os.path.abspath(user_state_path(APP_NAME)))


def user_state_folder(create: bool) -> Folder:
    """The user's state folder as a ``Folder``; made (below its nearest existing
    parent, no link on the way) when ``create``."""
    root = user_state_root()
    if create:
        existing = next(parent for parent in root.parents if os.path.isdir(parent))
        Folder.at(existing).ensure_folder(root.relative_to(existing), private=True)
    return Folder.at(root)


def user_recovery_folder() -> Path:
    return user_state_root() / "recuperation"


def workspace_key(root: Path) -> str:
    """A short, stable name for a workspace: the copies of two reports never mix,
    whatever path they are opened by."""
    return hashlib.sha256(os.fsencode(os.path.realpath(root))).hexdigest()[:16]


def prepare_lock_file(files: Folder, path: Path) -> None:
    """Make the lock's folder (a real folder) and refuse a lock file that is a link
    or not a regular file: ``filelock`` opens the name it is given, and would
    follow a link a colleague put there."""
    files.ensure_folder(path.parent)
    try:
        info = files.lstat(path)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(info.st_mode):
        files.remove(path)  # ours to remove: a link goes, never what it points to
