"""What makes a YAML file unfit to read, found before and after parsing, said in French.

Chapters are edited by hand and may come from anywhere. ``yamlio`` decodes a file
here (UTF-8 with or without BOM; UTF-16 and stray bytes refused on their line);
the readers (``yaml_readers``) ask whether a text may nest too deep for libyaml,
refuse aliases and absurd nesting in what they parsed, and translate the parser's
English problems into French with their line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .errors import ChapterFileError

MAX_DEPTH = 64
"""Deeper than any chapter the schema allows in practice; deeper input is refused."""

UNREADABLE_VALUE = "unreadable value"
"""The readers' own problem for a number Python cannot build (see ``_PROBLEMS``)."""
UTF8_BOM = b"\xef\xbb\xbf"


def decode(raw: bytes, path: Path) -> tuple[str, bool]:
    """The text and whether it opened with a BOM (written back if so); a file saved
    in another encoding is refused on the line of its first bad byte."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ChapterFileError(
            "le fichier est encodé en UTF-16 ; enregistrez-le en UTF-8.", path, 1, 1
        )
    bom = raw.startswith(UTF8_BOM)
    if bom:
        raw = raw[len(UTF8_BOM) :]
    try:
        return raw.decode("utf-8"), bom
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ChapterFileError(
            "le fichier n’est pas encodé en UTF-8 "
            f"(octet 0x{raw[exc.start]:02X} invalide) ; enregistrez-le en UTF-8.",
            path,
            line,
            column,
        ) from None


_BRACKET = re.compile(r"[\[\]{}]")
_DEEP_INDENT = re.compile(rf"^[ \t]{{{4 * MAX_DEPTH},}}\S", re.MULTILINE)
_DEEP_DASHES = re.compile(rf"(?:-[ \t]+){{{MAX_DEPTH},}}")


def deeply_nested(text: str) -> bool:
    """Whether the text may nest deeper than ``MAX_DEPTH`` (never a false « no »).

    libyaml's composer recurses in C: a few hundred thousand ``[`` crash the
    process instead of raising. Text that may be that deep is read by the pure
    Python parser instead, whose recursion ends in a clean ``RecursionError``.
    Counting brackets ignores quoting, so it can only over-count.
    """
    depth = 0
    for match in _BRACKET.finditer(text):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        if depth > MAX_DEPTH:
            return True
    return bool(_DEEP_INDENT.search(text) or _DEEP_DASHES.search(text))


def check_shape(data: Any, path: Path) -> None:
    """Refuse aliases (shared nodes) and absurd nesting, walking each node once.

    A YAML alias makes two places hold the same object; chapters never need that,
    and a handful of nested aliases (an « alias bomb ») expands to billions of
    nodes for whoever walks the data next. The walk is iterative, so deep input
    cannot break the recursion limit here.
    """
    seen: set[int] = set()
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if not isinstance(node, dict | list):
            continue
        if id(node) in seen:
            line = _node_line(node)
            raise ChapterFileError(
                "les alias YAML (« *nom » renvoyant à « &nom ») ne sont pas acceptés : "
                "recopiez le contenu à chaque endroit.",
                path,
                line,
            )
        seen.add(id(node))
        if depth > MAX_DEPTH:
            raise ChapterFileError(
                f"le fichier est imbriqué sur plus de {MAX_DEPTH} niveaux.", path, _node_line(node)
            )
        children = node.values() if isinstance(node, dict) else node
        stack.extend((child, depth + 1) for child in children)


def _node_line(node: Any) -> int | None:
    lc = getattr(node, "lc", None)
    return lc.line + 1 if lc is not None and lc.line is not None else None


def line_column(text: str, position: int) -> tuple[int, int]:
    """Line and column (from 1) of a character the reader refuses, which it names
    only by its position in the text."""
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return line, column


_PROBLEMS = {
    UNREADABLE_VALUE: "valeur illisible ; mettez-la entre guillemets si c’est un texte",
    "found duplicate key": "clé en double",
    "mapping values are not allowed here": "« : » inattendu ; mettez le texte entre guillemets",
    "could not find expected ':'": "« : » attendu",
    "found character '\\t' that cannot start any token": (
        "tabulation interdite ; utilisez des espaces"
    ),
    "found undefined alias": "alias inconnu",
    "expected <block end>, but found": "indentation incohérente",
    "found unexpected end of stream": "fin de fichier inattendue (guillemet non fermé ?)",
    "did not find expected key": "clé attendue ; vérifiez l’indentation",
    "did not find expected '-' indicator": "élément de liste « - » attendu",
    "found unknown escape character": "séquence d’échappement inconnue",
    "expected ',' or ']'": (
        "« , » ou « ] » attendu : un « [ » n’est pas fermé, ou le texte est à mettre entre "
        "guillemets"
    ),
    "expected ',' or '}'": (
        "« , » ou « } » attendu : un « { » n’est pas fermé, ou le texte est à mettre entre "
        "guillemets"
    ),
}


def translate_problem(problem: str) -> str:
    """The parser's problem in French; one not known yet is quoted as it came."""
    for english, french in _PROBLEMS.items():
        if problem.startswith(english):
            return french
    return f"« {problem} »"
