"""The header that opens a YAML file: its ``%YAML`` version and the text as typed.

The readers (``yaml_readers``) refuse a version other than 1.1 and 1.2; the writer
(``yaml_writer``) writes a file back in its own version and under its own header,
which ruamel would otherwise rewrite (comments around the directives dropped, a
comment after « --- » moved to a line of its own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ChapterFileError

VERSIONS = ((1, 1), (1, 2))


@dataclass(frozen=True)
class Header:
    """What opens a file before its content: ``%`` directives and the « --- » line."""

    version: tuple[int, int] | None = None
    version_line: int = 0
    typed: str | None = None
    """The text up to the end of the « --- » line, as typed (None: nothing to keep)."""
    marker_comment: str = ""
    """A comment on the « --- » line, which ruamel moves to the next line."""


_YAML_DIRECTIVE = re.compile(r"%YAML[ \t]+(\d+)\.(\d+)")


def read_header(text: str) -> Header:
    """The directives, comments and « --- » line that open ``text``.

    ruamel drops the comments around the directives and moves a comment after
    « --- » to a line of its own: the header is written back from the text. A
    « --- » followed by content on its line is left to ruamel (version kept).
    """
    version, version_line, start, number = None, 0, 0, 1
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end]
        if line.startswith("---") and line[3:4] in ("", " ", "\t"):
            rest = line[3:].strip()
            typed_header = None if rest and not rest.startswith("#") else text[:end]
            return Header(version, version_line, typed_header, rest)
        directive = _YAML_DIRECTIVE.match(line)
        if directive:
            version, version_line = (int(directive[1]), int(directive[2])), number
        elif line.strip() and not line.lstrip().startswith("#") and not line.startswith("%"):
            break
        start, number = end + 1, number + 1
    return Header(version, version_line)


def check_version(header: Header, path: Path) -> None:
    """Refuse a version neither reader knows, rather than read it as another one."""
    if header.version is not None and header.version not in VERSIONS:
        major, minor = header.version
        raise ChapterFileError(
            f"le fichier se déclare en YAML {major}.{minor} : seules les versions 1.1 et 1.2 "
            "se lisent ; corrigez ou supprimez la ligne « %YAML ».",
            path,
            header.version_line,
        )
