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

An idle holder does not block the team: the JSON file records the holder's last
activity (``activite``, refreshed while they type), and after
``verrou_inactivite_minutes`` (default 30) the secrétariat may take the lock
over, even from a live process on this host whose OS lock it cannot take. The
JSON file is then the lock: the taker rewrites it with its own name
(``repris: true``) and the holder, which checks it before every save and every
few seconds, finds another name there and stops editing. Each read-modify-write
of the JSON file, and each save, runs under a short OS lock of its own
(``<id>.info.lock``), so a takeover falls either before a save (refused) or
after it (the taker reads the saved file). See docs/securite.md.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import secrets
import socket
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from .errors import AuthoringError
from .files import Folder
from .roles import Role, User
from .store import check_chapter_id, prepare_lock_file

LOCK_FOLDER = ".verrous"
DEFAULT_EXPIRY_HOURS = 12.0
DEFAULT_INACTIVITY_MINUTES = 30
INFO_LOCK_SECONDS = 5.0
"""How long a read-modify-write of the holder file waits for another one (a
save included: saving a large chapter takes well under a second)."""
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
    activite: str = ""
    """The holder's last keystroke (ISO local time); ``since`` when absent."""
    jeton: str = ""
    """Which lock object wrote it: two editors of one process differ by it."""
    repris: bool = False
    """Taken over from a live holder: the OS lock is not the taker's, the file is."""

    @property
    def since_time(self) -> datetime.datetime:
        return datetime.datetime.fromisoformat(self.since)

    @property
    def activity_time(self) -> datetime.datetime:
        return datetime.datetime.fromisoformat(self.activite or self.since)

    def idle_minutes(self, now: datetime.datetime | None = None) -> int:
        """Whole minutes since the holder's last activity."""
        idle = (now or datetime.datetime.now()) - self.activity_time
        return max(0, int(idle.total_seconds() // 60))

    @property
    def who(self) -> str:
        return f"{self.nom} ({self.login})" if self.nom != self.login else self.login

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
        who = self.who
        where = "" if self.host == socket.gethostname() else f" sur {self.host}"
        return f"Verrouillé par {who}{where} {moment}"


class ChapterLocked(AuthoringError):
    """Somebody else edits the chapter; it opens read-only.

    ``breakable``: an expired lock of another host the secrétariat may force;
    ``takeable``: an idle holder the secrétariat may take the lock over from.
    """

    def __init__(self, info: LockInfo, path: Path, breakable: bool, takeable: bool = False) -> None:
        hint = " Le secrétariat de rédaction peut forcer ce verrou." if breakable else ""
        super().__init__(f"{info.describe()} : le chapitre s’ouvre en lecture seule.{hint}", path)
        self.info = info
        self.breakable = breakable
        self.takeable = takeable


class LockTakenOver(AuthoringError):
    """The secrétariat took this editor's lock over: its saves are refused from
    now on (they would overwrite the taker's work)."""

    def __init__(self, taker: LockInfo, path: Path) -> None:
        moment = taker.since_time
        super().__init__(
            f"le verrou a été repris par {taker.who} à {moment.hour} h {moment.minute:02d} : "
            "enregistrement refusé, rien n’a été écrit.",
            path,
        )
        self.taker = taker


class ChapterLock:
    """The lock on one chapter, held by this process until ``release``."""

    def __init__(
        self,
        root: Path,
        chapter_id: str,
        expiry_hours: float,
        inactivity_minutes: float = DEFAULT_INACTIVITY_MINUTES,
    ) -> None:
        self.chapter_id = check_chapter_id(chapter_id)
        self.files = Folder.at(root)
        folder = root / LOCK_FOLDER
        self.os_lock_path = folder / f"{chapter_id}.lock"
        self.info_path = folder / f"{chapter_id}.json"
        self.info_lock_path = folder / f"{chapter_id}.info.lock"
        self.expiry = datetime.timedelta(hours=expiry_hours)
        self.inactivity = datetime.timedelta(minutes=inactivity_minutes)
        from filelock import FileLock  # imported when a lock is wanted: a slow import

        self._os_lock = FileLock(self.os_lock_path, timeout=0, thread_local=False)
        self._info_lock = FileLock(
            self.info_lock_path, timeout=INFO_LOCK_SECONDS, thread_local=False
        )
        self.token = secrets.token_hex(8)
        self.held = False
        self.os_held = False
        """Whether this object holds the OS lock (not after a takeover)."""
        self.user: User | None = None

    def acquire(
        self,
        user: User,
        force: bool = False,
        take_over: bool = False,
        now: datetime.datetime | None = None,
    ) -> None:
        """Take the lock or raise ``ChapterLocked``; ``force`` breaks an expired
        foreign lock, ``take_over`` takes an idle holder's (the secrétariat's)."""
        from filelock import Timeout

        prepare_lock_file(self.files, self.os_lock_path)
        try:
            self._os_lock.acquire()
        except Timeout:
            self._take_over_live(user, take_over, now)
            return
        info = self.holder()
        in_use = info is not None and self._is_foreign_and_alive(info)
        allowed = info is not None and (
            (force and self._breakable(info, user)) or (take_over and self._idle(info, user, now))
        )
        if in_use and not allowed:
            self._os_lock.release()
            raise self._locked_error(user, now)
        self._write_info(user, now)
        self.held = self.os_held = True
        self.user = user

    def _take_over_live(self, user: User, take_over: bool, now: datetime.datetime | None) -> None:
        """A live process of this host holds the OS lock: only an idle holder's
        lock is taken, by rewriting the holder file under the info lock."""
        if not take_over:
            raise self._locked_error(user, now)
        with self._info_guard():
            info = self.holder()
            if info is None or not self._idle(info, user, now):
                raise self._locked_error(user, now)
            self._write_info(user, now, repris=True)
        self.held = True
        self.user = user

    def release(self) -> None:
        """Let go; the holder file goes only if it still names this lock (after a
        takeover it is the taker's)."""
        if not self.held:
            return
        with contextlib.suppress(AuthoringError, OSError):
            self._remove_own_info()
        if self.os_held:
            self._os_lock.release()
        self.held = self.os_held = False

    def _remove_own_info(self) -> None:
        info = self.holder()
        if info is not None and self._is_mine(info):
            self.files.remove(self.info_path)

    def _is_mine(self, info: LockInfo) -> bool:
        if info.jeton:
            return info.jeton == self.token
        return info.pid == os.getpid() and info.host == socket.gethostname()

    # Activity and takeover, seen from the holder

    def taken_by(self) -> LockInfo | None:
        """Who took this lock over, or ``None`` while it is still ours."""
        if not self.held:
            return None
        info = self.holder()
        return info if info is not None and not self._is_mine(info) else None

    def record_activity(self, now: datetime.datetime | None = None) -> bool:
        """Record activity now (a keystroke); ``False`` if the lock was taken over."""
        if not self.held:
            return False
        with self._info_guard():
            info = self.holder()
            if info is not None and not self._is_mine(info):
                return False
            moment = (now or datetime.datetime.now()).replace(microsecond=0)
            base = info or self._info_for_self(self.user)
            self._write(replace(base, activite=moment.isoformat()))
        return True

    @contextlib.contextmanager
    def still_held(self) -> Iterator[None]:
        """Run a save only while the holder file names this lock, and keep any
        takeover waiting until it is done; ``LockTakenOver`` otherwise."""
        with self._info_guard():
            taker = self.taken_by()
            if taker is not None:
                raise LockTakenOver(taker, self.info_path)
            yield

    @contextlib.contextmanager
    def _info_guard(self) -> Iterator[None]:
        from filelock import Timeout

        prepare_lock_file(self.files, self.info_lock_path)
        try:
            with self._info_lock:
                yield
        except Timeout:
            raise AuthoringError(
                "le fichier du verrou est occupé depuis plusieurs secondes ; réessayez.",
                self.info_path,
            ) from None

    def holder(self) -> LockInfo | None:
        try:
            data = json.loads(self.files.read_bytes(self.info_path, MAX_INFO_BYTES))
            known = {f.name for f in fields(LockInfo)}
            info = LockInfo(**{key: value for key, value in data.items() if key in known})
        except (OSError, AuthoringError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return info if _well_formed(info) else None

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
        freed it), so the file is stale and taken over; unless the file was
        written by a takeover, which holds no OS lock: it counts while its
        process lives. From another host we cannot see their OS lock: the file
        counts until it expires.
        """
        if info.host != socket.gethostname():
            return True
        return info.repris and _process_alive(info.pid)

    def _breakable(self, info: LockInfo, user: User) -> bool:
        expired = datetime.datetime.now() - info.since_time > self.expiry
        return expired and user.role is Role.SECRETARIAT

    def _idle(self, info: LockInfo, user: User, now: datetime.datetime | None) -> bool:
        """The holder typed nothing for ``verrou_inactivite_minutes``: the
        secrétariat may take over."""
        idle = (now or datetime.datetime.now()) - info.activity_time
        return user.role is Role.SECRETARIAT and idle >= self.inactivity and bool(info.login)

    def _locked_error(self, user: User, now: datetime.datetime | None = None) -> ChapterLocked:
        info = self._holder_once_written() or LockInfo(
            "", "", "", 0, datetime.datetime.now().replace(microsecond=0).isoformat()
        )
        breakable = info.host != socket.gethostname() and self._breakable(info, user)
        return ChapterLocked(info, self.info_path, breakable, self._idle(info, user, now))

    def _info_for_self(self, user: User | None = None) -> LockInfo:
        moment = datetime.datetime.now().replace(microsecond=0).isoformat()
        login, nom = (user.login, user.nom) if user else ("", "")
        return LockInfo(login, nom, socket.gethostname(), os.getpid(), moment, moment, self.token)

    def _write_info(
        self, user: User, now: datetime.datetime | None = None, repris: bool = False
    ) -> None:
        moment = (now or datetime.datetime.now()).replace(microsecond=0).isoformat()
        info = replace(self._info_for_self(user), since=moment, activite=moment, repris=repris)
        self._write(info)

    def _write(self, info: LockInfo) -> None:
        text = json.dumps(asdict(info), ensure_ascii=False) + "\n"
        self.files.write_atomic(self.info_path, text.encode("utf-8"))


def _well_formed(info: LockInfo) -> bool:
    """A holder file a colleague's editor wrote, not something else: the types
    it must have (its times are read when shown)."""
    texts = (info.login, info.nom, info.host, info.since, info.activite, info.jeton)
    if not all(isinstance(text, str) for text in texts):
        return False
    if not isinstance(info.pid, int) or not isinstance(info.repris, bool):
        return False
    try:
        info.activity_time  # noqa: B018  (raises on a time that is not one)
    except ValueError:
        return False
    return True


def _process_alive(pid: int) -> bool:
    """Whether a process of this host still runs (a recycled id counts as alive:
    the lock then waits for its idle delay, it is never lost)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def expiry_hours(setting: object) -> float:
    """Hours after which a foreign lock may be broken (report.yaml's schema checks the type)."""
    return float(setting) if isinstance(setting, int | float) else DEFAULT_EXPIRY_HOURS
