"""Pictures of the report (``medias/``): found from the schema, checked on the disk.

A schema marks a string that names a picture with ``"x-media": "image"`` (the
``fichier`` of an ``image`` block); nothing here names a block type. The schema's
``pattern`` already keeps such a path under ``medias/``; this module checks what
the schema cannot: that the file is there, is a regular file reached without any
link (through ``Folder``), is a PNG or a JPEG by its first bytes, whatever its
name says, and weighs at most 20 MB. Each problem is a validation ``Issue`` at
the field's path, in French, so completeness counts the field as not filled.

Pictures are read whole (bounded) once per change of the file: what was learnt
is kept by the file's identity (size, time, inode), so revalidating a chapter at
every keystroke costs one ``lstat`` per picture.
"""

from __future__ import annotations

import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from .applicable import expand, item_nodes, property_nodes
from .errors import AuthoringError
from .files import Folder
from .schema import Schema
from .validation import Issue, Path, describe_path

MEDIA_KEY = "x-media"
MEDIA_FOLDER = "medias"
MAX_BYTES = 20 * 1024 * 1024
"""The largest picture accepted: a printed report's photo is a few megabytes."""
SUFFIXES = (".png", ".jpg", ".jpeg")
KEYWORD = "media"
"""The ``Issue.keyword`` of a picture's problem (the schema's own are its keywords)."""

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"


class MediaProblem(AuthoringError):
    """A picture that cannot be used; ``message`` says why, in French."""


@dataclass(frozen=True)
class Picture:
    """What the form and the export need to know of a picture file."""

    path: str
    kind: str
    """« PNG » or « JPEG »."""
    width: int
    height: int
    """In pixels; 0 when the header does not say (a JPEG without a frame header)."""
    size: int
    """In bytes."""

    def describe(self) -> str:
        """« PNG, 1 600 × 900 pixels, 48 Ko », as the form shows it."""
        pixels = f"{_grouped(self.width)} × {_grouped(self.height)} pixels, " if self.width else ""
        return f"{self.kind}, {pixels}{size_in_words(self.size)}"


def size_in_words(count: int) -> str:
    """« 48 Ko », « 2,4 Mo »: a file size as a French reader says it."""
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} Mo".replace(".", ",")
    if count >= 1024:
        return f"{count // 1024} Ko"
    return f"{count} octets"


def _grouped(number: int) -> str:
    return f"{number:,}".replace(",", "\u202f")


# -- Finding the pictures a chapter names --------------------------------------


def media_fields(schema: Schema, data: Any) -> Iterator[tuple[Path, Any]]:
    """(path, value) of every text whose schema says it names a picture.

    Containers are walked with every subschema that applies (``expand``); a text
    leaf, most of a chapter, is judged from its schema node alone when that node
    applies nothing conditionally (kept per node), which makes this walk a
    fraction of a validation's cost.
    """
    stack: list[tuple[list[Any], Any, Path]] = [([schema.contents], data, ())]
    while stack:
        nodes, instance, path = stack.pop()
        applicable = expand(schema, nodes, instance)
        if isinstance(instance, Mapping):
            children: Iterator[tuple[str | int, Any, list[Any]]] = (
                (name, value, property_nodes(applicable, name)) for name, value in instance.items()
            )
        elif isinstance(instance, list):
            children = (
                (index, value, item_nodes(applicable, index))
                for index, value in enumerate(instance)
            )
        else:
            continue
        for key, value, subs in children:
            if not subs:
                continue
            if isinstance(value, str):
                if _names_picture(schema, subs, value):
                    yield (*path, key), value
            elif isinstance(value, Mapping | list):
                stack.append((subs, value, (*path, key)))


_CONDITIONAL = ("oneOf", "anyOf", "if", "dependentSchemas")
_static: dict[int, tuple[Any, bool | None]] = {}


def _names_picture(schema: Schema, nodes: list[Any], value: str) -> bool:
    flags = [_static_flag(schema, node) for node in nodes]
    if any(flag is None for flag in flags):
        return any(MEDIA_KEY in node for node in expand(schema, nodes, value))
    return any(flags)


def _static_flag(schema: Schema, node: Any) -> bool | None:
    """Whether ``node`` marks a picture whatever the text (``None``: it depends on
    the text, through a conditional subschema)."""
    cached = _static.get(id(node))
    if cached is not None and cached[0] is node:
        return cached[1]
    applied = expand(schema, [node], "")
    flag: bool | None = any(MEDIA_KEY in sub for sub in applied)
    if any(key in sub for sub in applied for key in _CONDITIONAL):
        flag = None
    if len(_static) > 4096:
        _static.clear()
    _static[id(node)] = (node, flag)
    return flag


def referenced(schema: Schema, data: Any) -> list[str]:
    """The picture paths a chapter names (texts only), in no particular order."""
    return sorted({v for _, v in media_fields(schema, data) if isinstance(v, str) and v})


# -- Checking one picture --------------------------------------------------------

_known: dict[tuple[str, str, str], Picture] = {}


def inspect(files: Folder, relative: str) -> Picture:
    """The picture at ``relative`` (below the workspace), or ``MediaProblem``."""
    name = str(PurePosixPath(relative))
    info = _checked_entry(files, name)
    key = (str(files.root), name, stamp(info))
    picture = _known.get(key)
    if picture is None:
        picture = _picture(name, _read(files, name))
        if len(_known) > 256:
            _known.clear()
        _known[key] = picture
    return picture


def read_picture_bytes(files: Folder, relative: str) -> tuple[Picture, bytes]:
    """The picture and its bytes (for the export), checked as ``inspect`` does,
    the file read once."""
    name = str(PurePosixPath(relative))
    _checked_entry(files, name)
    data = _read(files, name)
    return _picture(name, data), data


def _checked_entry(files: Folder, name: str) -> Any:
    """The file's ``lstat``, once it is known to be a plain file of at most 20 MB."""
    info = _lstat(files, name)
    if info is None:
        raise MediaProblem(f"le fichier {name} est introuvable dans l’espace de travail.")
    if stat.S_ISLNK(info.st_mode):
        raise MediaProblem(
            f"{name} est un lien symbolique : l’outil ne suit aucun lien ; "
            "copiez l’image elle-même dans le dossier medias/."
        )
    if not stat.S_ISREG(info.st_mode):
        raise MediaProblem(f"{name} n’est pas un fichier ordinaire (dossier, tube…).")
    if info.st_size > MAX_BYTES:
        raise MediaProblem(
            f"{name} pèse {size_in_words(info.st_size)} : une image ne doit pas dépasser "
            f"{size_in_words(MAX_BYTES)} (réduisez-la ou compressez-la)."
        )
    return info


def _lstat(files: Folder, name: str) -> Any:
    try:
        return files.lstat(name)
    except FileNotFoundError:
        return None
    except (AuthoringError, OSError) as error:
        raise MediaProblem(f"{name} : {_reason(error)}") from None


def _read(files: Folder, name: str) -> bytes:
    try:
        return files.read_bytes(name, limit=MAX_BYTES)
    except FileNotFoundError:
        raise MediaProblem(f"le fichier {name} est introuvable dans l’espace de travail.") from None
    except (AuthoringError, OSError) as error:
        raise MediaProblem(f"{name} : {_reason(error)}") from None


def _picture(name: str, data: bytes) -> Picture:
    """What the first bytes say: PNG or JPEG and the size in pixels, or refused."""
    if data.startswith(_PNG):
        width, height = _png_size(data)
        return Picture(name, "PNG", width, height, len(data))
    if data.startswith(_JPEG):
        width, height = _jpeg_size(data)
        return Picture(name, "JPEG", width, height, len(data))
    raise MediaProblem(
        f"{name} n’est pas une image PNG ou JPEG (son contenu n’en est pas une, "
        "quel que soit son nom) : enregistrez-la dans l’un de ces formats."
    )


def _reason(error: BaseException) -> str:
    if isinstance(error, AuthoringError):
        return error.message
    if isinstance(error, OSError):
        return f"lecture impossible ({error.strerror or error})."
    return str(error)


def stamp(info: Any) -> str:
    """A file's identity for caches: kind, size, modification time, inode."""
    return f"{info.st_mode}:{info.st_size}:{info.st_mtime_ns}:{info.st_ino}"


def stamps(files: Folder, paths: list[str]) -> list[str]:
    """The identity of each path now (« absent » when there is nothing there):
    a measurement that depends on pictures is valid while these are unchanged."""
    result = []
    for path in paths:
        try:
            result.append(stamp(files.lstat(path)))
        except (AuthoringError, OSError):
            result.append("absent")
    return result


def _png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, right after the signature."""
    if len(data) >= 24 and data[12:16] == b"IHDR":
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return 0, 0


_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})


def _jpeg_size(data: bytes) -> tuple[int, int]:
    """Width and height from the first frame header (SOFn), walking the segments."""
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            return 0, 0
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            position += 2
            continue
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        if marker in _SOF and position + 9 <= len(data):
            height = int.from_bytes(data[position + 5 : position + 7], "big")
            width = int.from_bytes(data[position + 7 : position + 9], "big")
            return width, height
        if marker == 0xDA or length < 2:  # start of scan: no frame header before it
            return 0, 0
        position += 2 + length
    return 0, 0


# -- Validation ------------------------------------------------------------------


def media_issues(
    schema: Schema, data: Any, files: Folder, skip: frozenset[Path] = frozenset()
) -> list[Issue]:
    """A validation issue for each picture field whose file cannot be used.

    ``skip``: paths that already have an issue of the schema (a path outside
    ``medias/``, an empty value): one message per field is enough.
    """
    issues = []
    for path, value in media_fields(schema, data):
        if path in skip or not isinstance(value, str) or not value.strip():
            continue
        try:
            inspect(files, value)
        except MediaProblem as problem:
            chemin = describe_path(schema, data, path)
            issues.append(Issue(path=path, chemin=chemin, message=problem.message, keyword=KEYWORD))
    return issues


# -- The pictures of a workspace, for a picker -----------------------------------


def list_pictures(files: Folder, folder: str = MEDIA_FOLDER, depth: int = 3) -> list[str]:
    """Every PNG or JPEG (by its name) under ``medias/``, as ``medias/…`` paths,
    sorted; folders and links that are not plain are left out."""
    found: list[str] = []
    for path in files.files(folder):
        if path.suffix.lower() in SUFFIXES and not path.name.startswith("."):
            found.append(f"{folder}/{path.name}")
    if depth > 0:
        for name in files.folders(folder):
            if not name.startswith("."):
                found.extend(list_pictures(files, f"{folder}/{name}", depth - 1))
    return sorted(found)
