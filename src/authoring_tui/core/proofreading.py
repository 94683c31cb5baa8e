"""What a proofread Word file brings back, as plain data.

The Word round trip has two halves that never meet directly: the DOCX reader
(in ``export/``, which knows OOXML) turns a document edited in Word or
LibreOffice into a :class:`ProofreadDocument`; the core compares it with the
chapters as they stand and applies what can be applied through the store. This
module is the contract between them: frozen values, no I/O, no OOXML.

A number field (a key figure's ``valeur``) is given as its YAML text (« 1412 »,
« 2.5 »): the reader turns the French figure a proofreader typed (« 1 500 »,
« 2,5 ») into it, and applying it writes a number again.

Places are given the way the chapters give them: a block by its ``ancre``
(contract v2), a field by its path *relative to that block* (``("texte",)``,
``("elements", 0, "texte")``, ``("lignes", 2, 1)``), or relative to the
chapter's root when the field is outside any block (``anchor is None``:
``("chapeau",)``, ``("sections", 0, "titre")``). Texts are in the YAML's own
conventions (the export's typography undone: ordinary spaces, no U+2011, no
superscript runs), so that comparing and applying them is comparing strings.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class TextChange:
    """A field's text as exported and as the proofreader left it (tracked
    changes accepted); ``before`` is what the chapter held at export time."""

    chapter_id: str
    anchor: str | None
    path: FieldPath
    before: str
    after: str
    author: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class FormattingChange:
    """A formatting-only revision (``w:rPrChange``, ``w:pPrChange``): reported,
    never applied, since the chapters hold no formatting."""

    chapter_id: str
    anchor: str | None
    description: str
    author: str | None = None


@dataclass(frozen=True)
class NewParagraph:
    """Text typed in Word outside any block: it becomes a new ``paragraphe``
    block right after the block ``after_anchor`` (at the start of the chapter's
    first section when ``None``), flagged by a comment for the DGA to check."""

    chapter_id: str
    after_anchor: str | None
    text: str
    author: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class WordReply:
    author: str
    date: str | None
    text: str


@dataclass(frozen=True)
class WordComment:
    """A comment read from the document, on the block ``anchor`` (the chapter
    when ``None``). ``origin`` is :func:`comment_key` of the chapter comment it
    was exported from, ``None`` for a comment made in Word."""

    chapter_id: str
    anchor: str | None
    author: str
    date: str | None
    text: str
    resolved: bool = False
    replies: tuple[WordReply, ...] = ()
    origin: str | None = None


@dataclass(frozen=True)
class Unplaced:
    """Something read that could not be tied to a chapter, block or field, with
    the French reason shown to the user."""

    description: str
    reason: str


@dataclass(frozen=True)
class ProofreadDocument:
    """Everything a proofread DOCX carries back, chapter by chapter.

    ``exported_digests`` maps each exported chapter id to the
    :func:`core.fingerprint.content_digest` of its data at export time (the
    ``chapitre:<id>`` custom properties of the package)."""

    source: str
    exported_digests: Mapping[str, str]
    changes: tuple[TextChange, ...] = ()
    comments: tuple[WordComment, ...] = ()
    new_paragraphs: tuple[NewParagraph, ...] = ()
    formatting: tuple[FormattingChange, ...] = ()
    unplaced: tuple[Unplaced, ...] = field(default=())

    def chapter_ids(self) -> list[str]:
        """The chapters the document touches, in the order they were exported."""
        return list(self.exported_digests)


def comment_key(comment: Mapping[str, Any]) -> str:
    """A short, stable identity of a chapter comment (its author, date and the
    start of its text), so that a comment exported to Word and coming back is
    matched with the one it came from instead of being added twice."""
    parts = [str(comment.get(key) or "") for key in ("auteur", "date")]
    parts.append(str(comment.get("texte") or "")[:200])
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def number_text(value: int | float) -> str:
    """A number field as its YAML text (« 1412 », « 2.5 »)."""
    return str(value)


def as_field_text(value: Any) -> Any:
    """A field's value as the changes give it: numbers as their YAML text."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number_text(value)
    return value


def number_from_text(text: str) -> int | float | None:
    """The number a YAML text says (« 1500 » → 1500, « 2.5 » → 2.5), or ``None``."""
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None
