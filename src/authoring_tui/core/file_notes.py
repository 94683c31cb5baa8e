"""The notes a DGA wrote in its chapter file as YAML comments (« # À rédiger : … »).

They are the DGA's words, kept by every save (ruamel's round trip): the editor
shows them beside the part of the chapter they precede, so that someone who
edits in the application and not in the file still reads them. A run of
full-line comments belongs to the first value that follows it in the file; a
run with nothing after it (the end of the file), to the whole chapter.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

FieldPath = tuple[str | int, ...]


def file_notes(text: str, data: Any) -> dict[FieldPath, list[str]]:
    """Each note (its lines, « # » removed) by the path it precedes.

    ``data`` is the round-trip document read from ``text`` (its values know their
    lines); with the plain reader's data, which has none, every note belongs to
    the chapter."""
    starts = sorted(_value_lines(data, ()), key=lambda pair: pair[0])
    notes: dict[FieldPath, list[str]] = {}
    for last_line, note in _comment_runs(text):
        following = next((path for line, path in starts if line > last_line), ())
        notes.setdefault(following, []).append(note)
    return notes


def _comment_runs(text: str) -> Iterator[tuple[int, str]]:
    """(0-based line of its last line, text) of each run of full-line comments
    (a line comment after a value is about that line, not a note)."""
    run: list[str] = []
    for number, line in enumerate(text.splitlines()):
        stripped = line.strip()
        if stripped.startswith("#"):
            run.append(stripped.lstrip("#").strip())
            continue
        if run:
            yield number - 1, _reflowed(run)
            run = []
    if run:
        yield len(text.splitlines()) - 1, _reflowed(run)


WRAPPED = 60
"""A comment line at least this long was wrapped by its writer: the next goes on."""


def _reflowed(lines: list[str]) -> str:
    """The comment's paragraphs: lines wrapped at the file's width joined again,
    short lines (a heading, a list) kept on their own."""
    paragraphs: list[str] = []
    for line in (part for part in lines if part):
        if paragraphs and len(paragraphs[-1].rsplit("\n", 1)[-1]) >= WRAPPED:
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
    return "\n".join(paragraphs)


def _value_lines(node: Any, path: FieldPath) -> Iterator[tuple[int, FieldPath]]:
    """(0-based line, path) of every key and list item read from the file (a value
    added since has no line)."""
    lines = getattr(node, "lc", None)
    if isinstance(node, Mapping):
        for key, value in node.items():
            here = (*path, str(key))
            yield from _line(lines, "key", key, here)
            yield from _value_lines(value, here)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            here = (*path, index)
            yield from _line(lines, "item", index, here)
            yield from _value_lines(value, here)


def _line(lines: Any, kind: str, at: Any, path: FieldPath) -> Iterator[tuple[int, FieldPath]]:
    if lines is None:
        return
    try:
        yield getattr(lines, kind)(at)[0], path
    except KeyError:
        return
