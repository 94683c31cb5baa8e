"""A correction shown as « avant » → « après », word by word, as Rich text.

Shared by the « Relecture Word » screen and the ``relecture`` command (which
may import it: it needs Rich only, not Textual).
"""

from __future__ import annotations

from rich.text import Text

from ..core.diff import WordPiece, before_and_after

WORD_STYLES = {"=": "", "-": "strike red", "+": "bold green"}
"""Kept, removed and added words (plain text where the output has no colour)."""


def before_after(before: str, after: str) -> Text:
    old, new = before_and_after(before, after)
    return quoted(old) + Text(" → ") + quoted(new)


def quoted(pieces: list[WordPiece]) -> Text:
    words = Text.assemble(*((text, WORD_STYLES[kind]) for kind, text in pieces))
    return Text("«\u00a0") + words + Text("\u00a0»")
