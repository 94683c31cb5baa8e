"""Chapter locks: one editor per chapter, and everyone else told who it is.

A lock is two things in ``.verrous/`` at the workspace root:

- ``<id>.lock``, held with an OS file lock (``filelock``): the kernel releases it
  when the process ends, crash or not, so a dead editor never blocks anyone on
  the same machine;
- ``<id>.json``, who holds it (login, name, host, pid, since), for the message
  « Verrouillé par Alice Durand (adurand) depuis 14 h 02 ».

On a shared folder, OS locks may not cross machines; the JSON file does. A lock
file written by another host is respected until it is older than
``verrou_expiration_heures`` (report.yaml, default 12); after that the
secrétariat may break it, after confirmation.
"""

from __future__ import annotations

import datetime
import json
import os
import socket
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from .errors import AuthoringError
from .files import Folder
from .roles import Role, User
from .store import check_chapter_id, prepare_lock_file

LOCK_FOLDER = ".verrous"
DEFAULT_EXPIRY_HOURS = 12.0
HOLDER_RETRIES = 10
HOLDER_WAIT_SECONDS = 0.025
MAX_INFO_BYTES = 64 * 1024
"""A holder file is a hundred bytes; anything larger is not ours."""


@dataclass(frozen=True)
class LockInfo:
    login: str
    nom: str
    host: str
    pid: int
    since: str

    @property
    def since_time(self) -> datetime.datetime:
        return datetime.datetime.fromisoformat(self.since)

    def describe(self) -> str:
        """« Verrouillé par Alice Durand (adurand) depuis 14 h 02 » (and the day if not today)."""
        if not self.login:
            return "Verrouillé par un autre processus"
        since = self.since_time
        moment = f"{since.hour} h {since.minute:02d}"
        if since.date() != datetime.date.today():
            moment = f"le {since:%d/%m/%Y} à {moment}"
        else:
            moment = f"depuis {moment}"
        who = f"{self.nom} ({self.login})" if self.nom != self.login else self.login
        where = "" if self.host == socket.gethostname() else f" sur {self.host}"
        return f"Verrouillé par {who}{where} {moment}"


class ChapterLocked(AuthoringError):
    """Somebody else edits the chapter; it opens read-only."""

    def __init__(self, info: LockInfo, path: Path, breakable: bool) -> None:
        hint = " Le secrétariat de rédaction peut forcer ce verrou." if breakable else ""
        super().__init__(f"{info.describe()} : le chapitre s’ouvre en lecture seule.{hint}", path)
        self.info = info
        self.breakable = breakable


class ChapterLock:
    """The lock on one chapter, held by this process until ``release``."""

    def __init__(self, root: Path, chapter_id: str, expiry_hours: float) -> None:
        self.chapter_id = check_chapter_id(chapter_id)
        self.files = Folder.at(root)
        folder = root / LOCK_FOLDER
        self.os_lock_path = folder / f"{chapter_id}.lock"
        self.info_path = folder / f"{chapter_id}.json"
        self.expiry = datetime.timedelta(hours=expiry_hours)
        from filelock import FileLock  # imported when a lock is wanted: a slow import

        self._os_lock = FileLock(self.os_lock_path, timeout=0, thread_local=False)
        self.held = False

    def acquire(self, user: User, force: bool = False) -> None:
        """Take the lock or raise ``ChapterLocked``; ``force`` breaks an expired foreign lock."""
        from filelock import Timeout

        prepare_lock_file(self.files, self.os_lock_path)
        try:
            self._os_lock.acquire()
        except Timeout:
            raise self._locked_error(user) from None
        info = self.holder()
        in_use = info is not None and self._is_foreign_and_alive(info)
        if in_use and not (force and info is not None and self._breakable(info, user)):
            self._os_lock.release()
            raise self._locked_error(user)
        self._write_info(user)
        self.held = True

    def release(self) -> None:
        if not self.held:
            return
        info = self.holder()
        if info is not None and info.pid == os.getpid() and info.host == socket.gethostname():
            self.files.remove(self.info_path)
        self._os_lock.release()
        self.held = False

    def holder(self) -> LockInfo | None:
        try:
            data = json.loads(self.files.read_bytes(self.info_path, MAX_INFO_BYTES))
            return LockInfo(**{key: data[key] for key in LockInfo.__dataclass_fields__})
        except (OSError, AuthoringError, ValueError, KeyError, TypeError):
            return None

    def _holder_once_written(self) -> LockInfo | None:
        """Who holds the lock: its holder writes its name just after taking the OS
        lock, so a refusal in between waits for it a little (a quarter second)."""
        for _ in range(HOLDER_RETRIES):
            info = self.holder()
            if info is not None:
                return info
            time.sleep(HOLDER_WAIT_SECONDS)
        return self.holder()

    def _is_foreign_and_alive(self, info: LockInfo) -> bool:
        """A lock file we hold the OS lock for, yet that may still be in use.

        On this host, holding the OS lock proves its writer is gone (the kernel
        freed it), so the file is stale and taken over. From another host we
        cannot see their OS lock: the file counts until it expires.
        """
        return info.host != socket.gethostname()

    def _breakable(self, info: LockInfo, user: User) -> bool:
        expired = datetime.datetime.now() - info.since_time > self.expiry
        return expired and user.role is Role.SECRETARIAT

    def _locked_error(self, user: User) -> ChapterLocked:
        info = self._holder_once_written() or LockInfo(
            "", "", "", 0, datetime.datetime.now().replace(microsecond=0).isoformat()
        )
        breakable = info.host != socket.gethostname() and self._breakable(info, user)
        return ChapterLocked(info, self.info_path, breakable)

    def _write_info(self, user: User) -> None:
        info = LockInfo(
            login=user.login,
            nom=user.nom,
            host=socket.gethostname(),
            pid=os.getpid(),
            since=datetime.datetime.now().replace(microsecond=0).isoformat(),
        )
        text = json.dumps(asdict(info), ensure_ascii=False) + "\n"
        self.files.write_atomic(self.info_path, text.encode("utf-8"))


def expiry_hours(setting: object) -> float:
    """Hours after which a foreign lock may be broken (report.yaml's schema checks the type)."""
    return float(setting) if isinstance(setting, int | float) else DEFAULT_EXPIRY_HOURS
