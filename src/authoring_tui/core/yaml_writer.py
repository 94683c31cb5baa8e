"""Writing a round-trip document back as its file held it, or refusing to.

``yamlio.dump_yaml`` runs these steps in order: refuse a number that is not
finite, serialise under the file's own header and in its YAML version, read the
text back as the tools will and refuse it unless it holds the same data, then give
every line the file's line ending (in a mixed file, each line its own).
"""

from __future__ import annotations

import difflib
import io
import math
import re
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

from ruamel.yaml.scalarbool import ScalarBoolean

from .errors import AuthoringError, ChapterFileError
from .lines import line_of
from .yaml_header import VERSIONS, Header
from .yaml_readers import new_yaml, parse_yaml
from .yaml_spelling import typed


def refuse_non_finite(data: Any, path: Path | None) -> None:
    """A number typed or computed as infinite or « not a number » is never written:
    ruamel would write « .inf », which no reader of the report can use."""
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack:
        node, where = stack.pop()
        if isinstance(node, float) and not math.isfinite(node):
            raise AuthoringError(
                f"la valeur « {_shown(node)} » ({_field(where)}) n’est pas un nombre fini : "
                "écrivez un nombre ordinaire. Rien n’a été enregistré.",
                path,
                line_of(data, where),
            )
        if isinstance(node, dict):
            for key, value in node.items():
                stack.extend([(key, (*where, key)), (value, (*where, key))])
        elif isinstance(node, list):
            stack.extend(((item, (*where, index)) for index, item in enumerate(node)))


_WRITTEN_HEADER = re.compile(r"\A(?:%[^\n]*\n)*---\n")


def serialise(data: Any, header: Header) -> str:
    """ruamel's text in the file's YAML version, under the file's own header."""
    yaml = new_yaml()
    if header.version in VERSIONS:
        yaml.version = header.version
    if header.typed is not None:
        yaml.explicit_start = True
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    text = buffer.getvalue()
    written = _WRITTEN_HEADER.match(text) if header.typed is not None else None
    if header.typed is None or written is None:
        return text
    body = text[written.end() :]
    if header.marker_comment:
        first, _, rest = body.partition("\n")
        if first.strip() == header.marker_comment:
            body = rest
    return header.typed + "\n" + body


def check_reads_back(
    data: Any, text: str, version: tuple[int, int] | None, path: Path | None
) -> None:
    """Read ``text`` as the tools will and refuse it unless it holds the data.

    This is the guarantee behind the spellings and the header: should ruamel write
    a value in a way the file's YAML version reads otherwise, nothing is saved.
    """
    try:
        written = parse_yaml(text, path or Path("chapitre.yaml"), round_trip=False)
    except ChapterFileError as error:
        raise AuthoringError(
            f"le texte à enregistrer ne se relirait pas ({error.message.rstrip('.')}). "
            "Rien n’a été enregistré.",
            path,
        ) from None
    found = _difference(data, written)
    if found is None:
        return
    where, before, after = found
    reread = "ne la contiendrait plus" if after is _MISSING else f"la lirait « {_shown(after)} »"
    if before is _MISSING:
        before, reread = after, "la contiendrait en trop"
    value = f"la valeur « {_shown(before)} » ({_field(where)})"
    if version is None:
        problem = f"{value} ne peut pas être écrite à l’identique"
    else:
        problem = (
            f"ce fichier est en YAML {version[0]}.{version[1]} et {value} ne peut pas être "
            "réécrite à l’identique"
        )
    raise AuthoringError(
        f"{problem} : le fichier enregistré {reread}. Rien n’a été enregistré.",
        path,
        line_of(data, where),
    )


_MISSING = object()


def _difference(before: Any, after: Any, where: tuple[Any, ...] = ()) -> Any:
    """The first place where ``after`` does not hold what ``before`` does, as
    ``(path, value before, value after)``; ``None`` when they hold the same."""
    if isinstance(before, dict) and isinstance(after, dict):
        theirs = {typed(key): key for key in after}
        for key, value in before.items():
            their_key = theirs.pop(typed(key), _MISSING)
            if their_key is _MISSING:
                return (*where, key), value, _MISSING
            found = _difference(value, after[their_key], (*where, key))
            if found is not None:
                return found
        for key in theirs.values():
            return (*where, key), _MISSING, after[key]
        return None
    if isinstance(before, list | tuple) and isinstance(after, list | tuple):
        for index, (mine, their) in enumerate(zip(before, after, strict=False)):
            found = _difference(mine, their, (*where, index))
            if found is not None:
                return found
        if len(before) != len(after):
            index = min(len(before), len(after))
            return (
                (*where, index),
                before[index] if index < len(before) else _MISSING,
                after[index] if index < len(after) else _MISSING,
            )
        return None
    return None if typed(before) == typed(after) else (where, before, after)


def _shown(value: Any) -> str:
    """A value as YAML spells it, short enough for a message."""
    if value is None:
        return "null"
    if isinstance(value, bool | ScalarBoolean):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else ("-.inf" if value < 0 else ".inf")
    if isinstance(value, dict | AbstractSet):
        return "{…}"
    if isinstance(value, list | tuple):
        return "[…]"
    text = str(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _field(where: tuple[Any, ...]) -> str:
    return "champ " + "/".join(str(part) for part in where) if where else "racine du fichier"


def with_line_endings(text: str, read: str, newline: str, line_endings: tuple[str, ...]) -> str:
    """``text`` (LF) with the line endings of the file that was ``read`` (see
    ``YamlDocument``: its ``newline`` and, in a mixed file, its ``line_endings``).

    In a file that mixes LF and CRLF, each line found unchanged keeps its own
    ending; a changed or new line takes the ending of the line before it (of the
    line after it at the top, else the file's most frequent one).
    """
    if not line_endings:
        return text if newline == "\n" else text.replace("\n", newline)
    old, new = read.split("\n"), text.split("\n")
    endings: list[str | None] = [None] * (len(new) - 1)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            mine, theirs = block.a + offset, block.b + offset
            if mine < len(line_endings) and theirs < len(endings):
                endings[theirs] = line_endings[mine]
    filled = _fill_from_neighbours(endings, newline)
    return "".join(line + ending for line, ending in zip(new, filled, strict=False)) + new[-1]


def _fill_from_neighbours(endings: list[str | None], default: str) -> list[str]:
    following = next((ending for ending in endings if ending is not None), default)
    filled: list[str] = []
    for ending in endings:
        filled.append(ending if ending is not None else (filled[-1] if filled else following))
    return filled
