"""Reading and writing YAML files safely, in ruamel.yaml's round-trip mode.

Contributors and the secrétariat read chapters in git diffs and edit them by hand,
so a save must keep comments, key order, quoting and the exact text of every field
it did not change: the ``%YAML`` header and the version it sets, the spelling of
every value (``no``, ``010``, ``1:20``, ``~``), each line's own ending. What cannot
be written back so is refused rather than rewritten. Reading refuses anything that
could hurt the process (alias bombs, absurd nesting, huge files) before a single
byte is written anywhere.

This module is what the store, the report, the sample workspace and the status
use; it reads and writes the bytes and leaves each step to its own module:
``yaml_checks`` (decoding, shapes refused, French parser messages),
``yaml_readers`` (libyaml and the round-trip reader, made to agree),
``yaml_spelling`` (values kept as typed, ruamel's writer fixed to keep them),
``yaml_header`` (the ``%YAML`` header) and ``yaml_writer`` (a save that writes
what it says or nothing).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import AuthoringError, ChapterFileError
from .files import Folder
from .yaml_checks import MAX_DEPTH, decode
from .yaml_header import read_header
from .yaml_readers import NonFiniteNumber, new_yaml, parse_yaml
from .yaml_spelling import TaggedText, TimestampText
from .yaml_writer import check_reads_back, refuse_non_finite, serialise, with_line_endings

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "NonFiniteNumber",
    "TaggedText",
    "TimestampText",
    "YamlDocument",
    "atomic_write_text",
    "digest_bytes",
    "dump_yaml",
    "new_yaml",
    "parse_yaml",
    "read_bytes",
    "read_yaml",
]

MAX_FILE_BYTES = 8 * 1024 * 1024
"""A real chapter is 10–60 KB; anything above this is a mistake, not a chapter."""


@dataclass
class YamlDocument:
    """A parsed YAML file and what is needed to write it back the same way."""

    data: Any
    text: str
    newline: str = "\n"
    bom: bool = False
    digest: str = ""
    """SHA-256 of the bytes the file held when read (to notice changes on disk)."""
    round_trip: bool = True
    """Whether ``data`` holds ruamel's round-trip objects (only those may be saved)."""
    path: Path | None = None
    """The file it was read from, named when a save is refused."""
    line_endings: tuple[str, ...] = ()
    """Each line's own ending when the file mixes LF and CRLF (else empty, and
    ``newline`` is every line's; for a mixed file, the most frequent one)."""


def read_yaml(path: Path, round_trip: bool = True, files: Folder | None = None) -> YamlDocument:
    """Read ``path`` as a YAML mapping, or raise a French ``ChapterFileError``.

    ``round_trip=False`` reads with libyaml into plain dicts, about eight times
    faster: enough for status, validation and export, which never write back.
    ``files``: the folder the file must stay in (default: its own folder).
    """
    raw = read_bytes(path, files)
    text, bom = decode(raw, path)
    newline, endings = _newlines(text)
    if newline != "\n" or endings:
        text = text.replace("\r\n", "\n")
    data = parse_yaml(text, path, round_trip)
    return YamlDocument(data, text, newline, bom, digest_bytes(raw), round_trip, path, endings)


def _newlines(text: str) -> tuple[str, tuple[str, ...]]:
    """The file's newline and, when it mixes LF and CRLF, each line's own."""
    crlf = text.count("\r\n")
    if crlf == 0:
        return "\n", ()
    lf = text.count("\n") - crlf
    if lf == 0:
        return "\r\n", ()
    lines = text.split("\n")[:-1]
    endings = tuple("\r\n" if line.endswith("\r") else "\n" for line in lines)
    return ("\r\n" if crlf >= lf else "\n"), endings


def read_bytes(path: Path, files: Folder | None = None) -> bytes:
    """A file's bytes, refused in French when missing, unreadable, too large, a link
    or not a regular file (``files``: the folder it must stay in, default its own)."""
    try:
        return (files or Folder.at(path.parent)).read_bytes(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise ChapterFileError("le fichier n’existe pas.", path) from None
    except AuthoringError as error:
        raise ChapterFileError(error.message, path) from None


def digest_bytes(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def dump_yaml(document: YamlDocument) -> str:
    """Serialise a document as its file held it, or refuse with an ``AuthoringError``.

    Same header and YAML version, same spelling of every value it did not change,
    same line endings, same BOM. A number that is not finite is refused, and so is
    any value the written text would read back otherwise: a save writes what it
    says or nothing.
    """
    if not document.round_trip:
        raise ValueError("a document read without round trip cannot be written back")
    refuse_non_finite(document.data, document.path)
    header = read_header(document.text)
    text = serialise(document.data, header)
    check_reads_back(document.data, text, header.version, document.path)
    written = with_line_endings(text, document.text, document.newline, document.line_endings)
    return ("\ufeff" if document.bom else "") + written


def atomic_write_text(path: Path, text: str, files: Folder | None = None) -> None:
    """Replace ``path`` with ``text`` so that a crash leaves the old or the new file
    (``Folder.write_atomic``; ``files``: the folder it must stay in, default its own)."""
    (files or Folder.at(path.parent)).write_atomic(path, text.encode("utf-8"))
