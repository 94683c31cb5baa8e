"""The one way to the disk: every file the tool reads or writes goes through here.

Everyone who works on a report can write its folder, the tool's own state folders
included (``.historique/``, ``.verrous/``, ``.cache/``, recovery copies). So the
tool never trusts a name: a ``Folder`` walks from its root one component at a time
with ``O_NOFOLLOW``/``O_DIRECTORY`` (``openat`` semantics, through ``dir_fd``), so
no link, anywhere on the way, is ever followed, even if it appears between a
check and a use; it opens only regular files (a FIFO or a device is refused
before it can block: ``O_NONBLOCK``), reads at most a bounded number of bytes,
and writes by creating a new file next to the target and renaming it over.

What breaks a rule is a French ``UnsafePath`` naming the file; the caller's
``AuthoringError`` handling shows it like any other bad input.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from .errors import AuthoringError

DEFAULT_LIMIT = 8 * 1024 * 1024
"""The largest file read whole unless the caller says otherwise (a chapter is 10–60 KB)."""

_UMASK = os.umask(0o022)
os.umask(_UMASK)

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class UnsafePath(AuthoringError):
    """A path the tool refuses to use: outside its folder, a link, not a regular file."""


class DiskRefused(AuthoringError):
    """The disk said no (full, read-only, permissions): nothing was changed.

    ``reason`` is a short French sentence the TUI shows as it is.
    """

    def __init__(self, reason: str, path: Path, error: OSError) -> None:
        super().__init__(reason, path)
        self.reason = reason
        self.errno = error.errno


@dataclass(frozen=True)
class Folder:
    """A folder the tool owns (a workspace, an export folder): every path handled
    through it is relative to ``root`` and stays below it."""

    root: Path

    @classmethod
    def at(cls, root: Path) -> Folder:
        return cls(Path(os.path.abspath(root)))

    # -- Naming -----------------------------------------------------------------

    def relative(self, path: Path | str) -> PurePosixPath:
        """``path`` below the root, refused when it leaves it (``..``, absolute
        elsewhere)."""
        candidate = Path(path)
        if candidate.is_absolute():
            try:
                candidate = Path(os.path.abspath(candidate)).relative_to(self.root)
            except ValueError:
                raise UnsafePath(
                    "ce fichier est hors de l’espace de travail : l’outil ne le lit ni ne l’écrit.",
                    path,
                ) from None
        parts = PurePosixPath(*candidate.parts)
        if ".." in parts.parts:
            raise UnsafePath("ce chemin sort de l’espace de travail.", path)
        return parts

    def path(self, relative: Path | str) -> Path:
        return self.root.joinpath(*self.relative(relative).parts)

    # -- Reading ----------------------------------------------------------------

    def read_bytes(self, path: Path | str, limit: int = DEFAULT_LIMIT) -> bytes:
        """The bytes of a regular file below the root, at most ``limit`` of them."""
        with self._open_file(path, os.O_RDONLY) as fd:
            size = os.fstat(fd).st_size
            if size > limit:
                raise UnsafePath(_too_big(size, limit), self.path(path))
            chunks, total = [], 0
            while True:
                chunk = os.read(fd, min(1 << 20, limit + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
                if total > limit:  # it grew while being read
                    raise UnsafePath(_too_big(total, limit), self.path(path))
            return b"".join(chunks)

    def exists(self, path: Path | str) -> bool:
        """Whether a regular file is there (a link or a FIFO is not a file here)."""
        try:
            info = self.lstat(path)
        except FileNotFoundError:
            return False
        return stat.S_ISREG(info.st_mode)

    def lstat(self, path: Path | str) -> os.stat_result:
        relative = self.relative(path)
        with self._open_parent(relative, create=False) as fd:
            return os.stat(relative.name, dir_fd=fd, follow_symlinks=False)

    def files(self, folder: Path | str, suffix: str = "") -> list[Path]:
        """The regular files of a folder (links and others left out), sorted by name;
        no folder, no files."""
        try:
            with (
                self._open_folder(self.relative(folder), create=False) as fd,
                os.scandir(fd) as entries,
            ):
                names = [e.name for e in entries if e.is_file(follow_symlinks=False)]
        except FileNotFoundError:
            return []
        base = self.path(folder)
        return [base / name for name in sorted(names) if name.endswith(suffix)]

    def folders(self, folder: Path | str) -> list[str]:
        """The names of the real folders in a folder (links left out), sorted."""
        try:
            with (
                self._open_folder(self.relative(folder), create=False) as fd,
                os.scandir(fd) as entries,
            ):
                return sorted(e.name for e in entries if e.is_dir(follow_symlinks=False))
        except FileNotFoundError:
            return []

    # -- Writing ----------------------------------------------------------------

    def write_atomic(self, path: Path | str, data: bytes) -> None:
        """Replace (or create) a file so that a crash leaves the old or the new one."""
        self.write_with(path, lambda handle: handle.write(data))

    def write_with(
        self, path: Path | str, produce: Callable[[BinaryIO], object], replace: bool = True
    ) -> None:
        """Write a file from what ``produce`` writes to a binary handle, atomically.

        The data go to a new file in the same folder, created exclusively and
        without following links, flushed and fsynced, then renamed over the
        target; the folder is fsynced so the rename survives a power cut. An
        existing target keeps its permissions; it must be a regular file. With
        ``replace=False`` an existing target is never replaced (``FileExistsError``),
        even one that appears meanwhile: the new file is hard-linked into place.
        """
        relative = self.relative(path)
        with self._guard(relative), self._open_parent(relative, create=True) as folder:
            mode = self._replaced_mode(folder, relative)
            temporary = f".{relative.name}.{secrets.token_hex(4)}.tmp"
            fd = os.open(
                temporary,
                os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC,
                0o600,
                dir_fd=folder,
            )
            try:
                with os.fdopen(fd, "wb") as handle:
                    produce(handle)
                    handle.flush()
                    os.fsync(handle.fileno())
                    os.fchmod(handle.fileno(), mode)
                if replace:
                    os.replace(temporary, relative.name, src_dir_fd=folder, dst_dir_fd=folder)
                else:
                    os.link(temporary, relative.name, src_dir_fd=folder, dst_dir_fd=folder)
            finally:
                with contextlib.suppress(OSError):
                    os.unlink(temporary, dir_fd=folder)
            with contextlib.suppress(OSError):
                os.fsync(folder)

    def create_exclusive(self, path: Path | str, data: bytes) -> bool:
        """Create a file that must not exist yet (a lock's holder file); ``False``
        when it already exists."""
        relative = self.relative(path)
        with self._guard(relative), self._open_parent(relative, create=True) as folder:
            try:
                fd = os.open(
                    relative.name,
                    os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC,
                    0o666 & ~_UMASK,
                    dir_fd=folder,
                )
            except FileExistsError:
                return False
            try:
                _write_all(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
            return True

    def remove(self, path: Path | str) -> bool:
        """Remove a file (a link is removed itself, never what it points to)."""
        relative = self.relative(path)
        with self._guard(relative):
            try:
                with self._open_parent(relative, create=False) as folder:
                    info = os.stat(relative.name, dir_fd=folder, follow_symlinks=False)
                    if stat.S_ISDIR(info.st_mode):
                        raise UnsafePath("c’est un dossier, pas un fichier.", self.path(path))
                    os.unlink(relative.name, dir_fd=folder)
                    return True
            except FileNotFoundError:
                return False

    def ensure_folder(self, folder: Path | str, private: bool = False) -> Path:
        """Create a folder (and its parents) below the root; each must be a real
        folder, not a link to one. ``private``: new folders are the user's alone
        (0700: a recovery copy in the user's state folder is nobody else's)."""
        relative = self.relative(folder)
        mode = 0o700 if private else 0o777
        with self._guard(relative), self._open_folder(relative, create=True, mode=mode):
            return self.path(folder)

    # -- Descriptors ------------------------------------------------------------

    @contextlib.contextmanager
    def _open_file(self, path: Path | str, flags: int) -> Iterator[int]:
        relative = self.relative(path)
        guarded = self._guard(relative, writing=flags != os.O_RDONLY)
        with guarded, self._open_parent(relative, create=False) as folder:
            try:
                fd = os.open(relative.name, flags | _NOFOLLOW | _NONBLOCK | _CLOEXEC, dir_fd=folder)
            except OSError as error:
                if error.errno == errno.ELOOP:
                    raise UnsafePath(_LINK, self.path(path)) from None
                raise
            try:
                if not stat.S_ISREG(os.fstat(fd).st_mode):
                    raise UnsafePath(_NOT_REGULAR, self.path(path))
                yield fd
            finally:
                os.close(fd)

    @contextlib.contextmanager
    def _open_parent(self, relative: PurePosixPath, create: bool) -> Iterator[int]:
        with self._open_folder(relative.parent, create) as fd:
            yield fd

    @contextlib.contextmanager
    def _open_folder(
        self, relative: PurePosixPath, create: bool, mode: int = 0o777
    ) -> Iterator[int]:
        """A descriptor of a folder below the root, reached one component at a
        time without following any link."""
        fd = os.open(self.root, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
        try:
            for part in relative.parts if str(relative) != "." else ():
                inner = self._enter(fd, part, create, relative, mode)
                os.close(fd)
                fd = inner
            yield fd
        finally:
            os.close(fd)

    def _enter(self, fd: int, part: str, create: bool, relative: PurePosixPath, mode: int) -> int:
        if create:
            with contextlib.suppress(FileExistsError):
                os.mkdir(part, mode, dir_fd=fd)
        try:
            return os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=fd)
        except OSError as error:
            if error.errno in (errno.ELOOP, errno.ENOTDIR):
                raise UnsafePath(_FOLDER_LINK, self.root.joinpath(*relative.parts)) from None
            raise

    def _replaced_mode(self, folder: int, relative: PurePosixPath) -> int:
        try:
            info = os.stat(relative.name, dir_fd=folder, follow_symlinks=False)
        except FileNotFoundError:
            return 0o666 & ~_UMASK
        if stat.S_ISLNK(info.st_mode):
            raise UnsafePath(_LINK, self.root.joinpath(*relative.parts))
        if not stat.S_ISREG(info.st_mode):
            raise UnsafePath(_NOT_REGULAR, self.root.joinpath(*relative.parts))
        return info.st_mode & 0o7777

    @contextlib.contextmanager
    def _guard(self, relative: PurePosixPath, writing: bool = True) -> Iterator[None]:
        """Turn the disk's refusals into French ``DiskRefused`` errors."""
        try:
            yield
        except OSError as error:
            if isinstance(error, FileNotFoundError | FileExistsError):
                raise
            where = self.root.joinpath(*relative.parts)
            reason = disk_reason(error, where, self.root) if writing else _read_reason(error)
            raise DiskRefused(reason, where, error) from None


def disk_reason(error: OSError, path: Path, root: Path) -> str:
    """The French sentence for what the disk refused."""
    folder = path.parent
    try:
        shown = f"{folder.relative_to(root)}/" if folder != root else "de l’espace de travail"
    except ValueError:
        shown = str(folder)
    if error.errno == errno.ENOSPC:
        return "le disque est plein : libérez de la place puis réessayez."
    if error.errno == errno.EDQUOT:
        return "votre quota d’espace disque est atteint : libérez de la place puis réessayez."
    if error.errno == errno.EROFS:
        return "le disque est en lecture seule."
    if error.errno in (errno.EACCES, errno.EPERM):
        if folder == root:
            return "le dossier de l’espace de travail est en lecture seule pour vous."
        return f"le dossier {shown} est en lecture seule pour vous."
    return f"le disque a refusé l’opération ({error.strerror})."


def _read_reason(error: OSError) -> str:
    if error.errno in (errno.EACCES, errno.EPERM):
        return "lecture refusée (droits d’accès)."
    if error.errno == errno.EISDIR:
        return "c’est un dossier, pas un fichier."
    return f"lecture impossible ({error.strerror})."


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _too_big(size: int, limit: int) -> str:
    return (
        f"le fichier est trop volumineux ({_size(size)}) : l’outil ne lit pas plus de "
        f"{_size(limit)}."
    )


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.0f} Mo"
    return f"{max(1, count // 1024)} Ko"


_LINK = "c’est un lien symbolique : l’outil ne suit aucun lien dans ses dossiers."
_FOLDER_LINK = (
    "un dossier de ce chemin est un lien symbolique (ou n’est pas un dossier) : "
    "l’outil ne suit aucun lien dans ses dossiers."
)
_NOT_REGULAR = "ce n’est pas un fichier ordinaire (tube, périphérique ou dossier) : refusé."


@contextlib.contextmanager
def scratch_folder(prefix: str) -> Iterator[Folder]:
    """A new private (0700) folder in the system's temporary space, for files that
    are the tool's own while it works (LibreOffice's profile, a copy to convert),
    removed with its contents afterwards, whatever happens."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield Folder.at(path)
    finally:
        shutil.rmtree(path, ignore_errors=True)
