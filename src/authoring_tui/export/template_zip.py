"""A template's file and its zip, read within bounds.

The file is any .docx a colleague hands over: ``template_safety`` reads it through
the tool's one way to the disk, at a bounded size, and opens it as a zip whose
central directory must announce reasonable sizes (member count, part size,
compression ratio, no encryption); ``template_parts`` then reads each member with
``read_member``, which holds it to what was announced while decompressing.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from ..core.files import Folder, UnsafePath
from .template_messages import TemplateError, printable

MAX_MEMBERS = 200
MAX_PART = 5 * 1024 * 1024
"""The largest part, uncompressed (a rich styles.xml is some 400 KB)."""
MAX_TOTAL = 20 * 1024 * 1024
MAX_RATIO = 200
"""Deflate reaches ~1000:1 only on degenerate input; real parts stay below 40:1."""
_RATIO_FLOOR = 64 * 1024
MAX_FILE = MAX_TOTAL + 4 * 1024 * 1024
"""The template file itself: its compressed parts and the zip's own headers."""


def read_file(path: Path) -> bytes:
    """The whole file, through the tool's one way to the disk: a regular file (a
    FIFO would block: it is refused before it is read) of reasonable size. The
    template is a path the user typed, so the links on the way to it are theirs
    to choose: it is resolved first, then opened without following any link."""
    real = path.resolve()
    try:
        return Folder.at(real.parent).read_bytes(real.name, limit=MAX_FILE)
    except FileNotFoundError:
        raise TemplateError("le modèle indiqué n’existe pas.", path) from None
    except UnsafePath as error:
        raise TemplateError(error.message, path) from None


def open_zip(data: bytes, path: Path) -> zipfile.ZipFile:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise TemplateError(
            "le modèle n’est pas un document Word (.docx) lisible : il est protégé par mot de "
            "passe ou au format .doc ancien ; enregistrez-le en .docx sans mot de passe.",
            path,
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise TemplateError(
            "le modèle n’est pas un document Word (.docx) lisible : ce n’est pas une archive "
            "zip complète.",
            path,
        ) from None
    _check_sizes(archive.infolist(), path)
    return archive


def _check_sizes(infos: list[zipfile.ZipInfo], path: Path) -> None:
    """Sizes as the central directory announces them, before anything is
    decompressed (reading then holds each part to what was announced)."""
    if len(infos) > MAX_MEMBERS:
        raise TemplateError(
            f"le modèle contient {len(infos)} fichiers internes ; un modèle Word en a une "
            f"vingtaine (limite : {MAX_MEMBERS}).",
            path,
        )
    for info in infos:
        if info.file_size > MAX_PART:
            what = f"la partie {printable(info.filename)} une fois décompressée"
            raise _too_big(path, what, info.file_size, MAX_PART)
        ratio = info.file_size // max(info.compress_size, 1)
        if info.file_size > _RATIO_FLOOR and ratio > MAX_RATIO:
            raise TemplateError(
                f"la partie {printable(info.filename)} se décompresse en {ratio} fois sa taille "
                "stockée : c’est la marque d’une bombe de décompression.",
                path,
            )
        if info.flag_bits & 0x1:
            raise TemplateError(
                f"la partie {printable(info.filename)} est chiffrée : enregistrez le modèle "
                "sans mot de passe.",
                path,
            )
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL:
        raise _too_big(path, "le modèle une fois décompressé", total, MAX_TOTAL)


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, path: Path) -> bytes:
    """A part's bytes, never more than announced, never more than the limits."""
    try:
        with archive.open(info) as stream:
            data = stream.read(MAX_PART + 1)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError, zlib.error):
        raise TemplateError(
            f"la partie {printable(name)} est endommagée ou chiffrée : le modèle n’est "
            "pas un document Word (.docx) lisible.",
            path,
        ) from None
    except NotImplementedError:
        raise TemplateError(
            f"la partie {printable(name)} utilise une compression que l’outil ne lit pas ; "
            "enregistrez le modèle à nouveau depuis Word.",
            path,
        ) from None
    if len(data) > min(info.file_size, MAX_PART):
        raise _too_big(path, f"la partie {printable(name)}", len(data), MAX_PART)
    return data


def _too_big(path: Path, what: str, size: int, limit: int) -> TemplateError:
    return TemplateError(
        f"{what} fait {_megabytes(size)} ; la limite est de {_megabytes(limit)}.", path
    )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",").removesuffix(",0") + "\u00a0Mo"
