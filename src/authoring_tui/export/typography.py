"""French typography, applied to text on its way into the DOCX (never to the YAML).

Contributors type ordinary spaces; a printed French report wants non-breaking
ones where a line must not break: before « ; : ! ? », inside « », between the
groups of a number, between an amount and « M€ ». Numbers stored as numbers
(``valeur: 1873700``) are formatted with Babel's ``fr_FR`` rules rather than
hand-written ones. Text that XML cannot carry (C0 control characters, lone
surrogates) is removed here too, and the caller is told how many characters went.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from typing import TypeGuard

from babel import Locale
from babel.numbers import format_decimal, get_group_symbol, get_minus_sign_symbol

from .units import keep_units

NBSP = "\u00a0"
NNBSP = "\u202f"
LOCALE = Locale.parse("fr_FR")  # parsed once: Babel re-parses a locale string per call

_SPACES = "[ \u00a0\u202f\t]"
_SPACE_CHARACTERS = " \u00a0\u202f\t"
# (Each pattern starts with a character, not a look-behind nor an optional part:
# the engine then skips ahead to it instead of trying every position; the export
# calls them per run. tests/test_export_typography.py holds each rule's plain
# form and checks that these give the same text.)
# An existing space before « ; : ! ? » becomes non-breaking; a missing one is added
# after a word or a closing sign, but only when the sign ends a phrase (so that
# « https:// » and « 10:30 » stay as they are).
_BEFORE_HIGH_PUNCT = re.compile(rf"{_SPACES}+([;:!?])")
_MISSING_BEFORE_PUNCT = re.compile(r"([;:!?])(?=\s|$)(?<=[\w»)\]%€][;:!?])")
_AFTER_OPENING_QUOTE = re.compile(rf"«{_SPACES}*")
# « 1 873 700 »: the spaces between digit groups become narrow non-breaking spaces
# (the first digit must not follow a digit, a comma or a point).
_THOUSANDS = re.compile(rf"(\d(?<![\d,.]\d)\d{{0,2}})((?:{_SPACES}\d{{3}})+)(?![\d])")
_GROUP_SPACE = re.compile(_SPACES)
# « Covid-19 », « 2020-2026 », « 4-Septembre »: compounds a line must not break.
NBHYPHEN = "\u2011"
_UNBREAKABLE_HYPHEN = re.compile(r"-(?:(?=\d)(?<=[^\W_]-)|(?=[A-ZÀ-Ý])(?<=\d-))")
# Ordinals: « 1er », « 1re », « 2e », « IIe », « XLe », « XXIe », and the faulty but
# common « 1ère »: the letters are set superscript. A Roman numeral of one letter
# only when it cannot be a word (« Le », « Ce », « Me » stay as they are).
_ORDINAL = re.compile(r"(\d+|[IVXLCDM]{2,}|[IVX])(ers?|è?res?|èmes?|es?|nde?s?)(?![\w’'])")
_WORD_BEFORE = re.compile(r"[\w’'\-\u2011]")
_MAYBE_ORDINAL = re.compile(r"[\dIVX][eèrn]|[IVXLCDM]{2}[eèrn]").search  # most runs have none
_HIGH_PUNCT = re.compile("[;:!?]").search
# « 2020–2021 »: a line may break after an en dash; a word joiner after it keeps
# a range of numbers on one line.
_NUMBER_RANGE_DASH = re.compile(r"–(?=\d)(?<=\d–)")
WORD_JOINER = "\u2060"
_DIGIT = re.compile(r"\d").search
# Characters XML 1.0 cannot carry at all.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def french(text: str) -> str:
    """``text`` with French non-breaking spaces where typography wants them."""
    if not text:
        return text
    # Each rule runs only on text holding its sign: most strings need one or two.
    # Quotes first: the space they add can end a phrase before « : » (stable on a rerun).
    if "«" in text or "»" in text:
        text = _AFTER_OPENING_QUOTE.sub("«" + NBSP, text)
        text = _before_closing_quotes(text)
    if _HIGH_PUNCT(text):
        text = _BEFORE_HIGH_PUNCT.sub(NBSP + r"\1", text)
        text = _MISSING_BEFORE_PUNCT.sub(NBSP + r"\1", text)
    if _DIGIT(text):
        text = _THOUSANDS.sub(_narrow_groups, text)
        text = keep_units(text)
        if "-" in text:
            text = _UNBREAKABLE_HYPHEN.sub(NBHYPHEN, text)
        if "–" in text:
            text = _NUMBER_RANGE_DASH.sub("–" + WORD_JOINER, text)
    return text


def _before_closing_quotes(text: str) -> str:
    """The spaces before each « » », if any, made one no-break space."""
    *quoted, rest = text.split("»")
    return "".join(piece.rstrip(_SPACE_CHARACTERS) + NBSP + "»" for piece in quoted) + rest


def superscripts(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into pieces, each with whether it is set superscript: the
    letters of its ordinals (« 1 », « er »). One piece when there is none."""
    if not _MAYBE_ORDINAL(text):
        return [(text, False)]
    pieces: list[tuple[str, bool]] = []
    start = 0
    for match in _ORDINAL.finditer(text):
        if match.start() and _WORD_BEFORE.match(text, match.start() - 1):
            continue  # inside a word or a number: « A4e », « 3e5 » is not an ordinal
        pieces.append((text[start : match.end(1)], False))
        pieces.append((match.group(2), True))
        start = match.end()
    if not pieces:
        return [(text, False)]
    if start < len(text):
        pieces.append((text[start:], False))
    return [piece for piece in pieces if piece[0]]


def _narrow_groups(match: re.Match[str]) -> str:
    return match.group(1) + _GROUP_SPACE.sub(NNBSP, match.group(2))


_LARGE = 10**18
"""Integers up to this are grouped here; beyond, Babel decides (and may give up)."""


def number(value: Decimal | float) -> str:
    """A number as a French reader writes it: « 1 873 700 », « 2,1 ».

    An integer is grouped by threes with the locale's group sign, as Babel's
    ``fr_FR`` pattern does (a property test compares them) in a fraction of its
    time: key figures are mostly integers, and Babel formatting them took a tenth
    of a large export. Babel's decimal arithmetic gives up on some extreme floats
    (1e25: found by the property tests); those keep Python's notation with a
    decimal comma.
    """
    if isinstance(value, int) and -_LARGE < value < _LARGE:
        group, minus = _integer_signs()
        grouped = f"{abs(value):,}".replace(",", group)
        return minus + grouped if value < 0 else grouped
    try:
        return str(format_decimal(value, locale=LOCALE))
    except (ArithmeticError, ValueError):
        return repr(value).replace(".", ",")


@cache
def _integer_signs() -> tuple[str, str]:
    """The locale's group and minus signs, read when first needed: reading them
    loads Babel's locale data, which importing this module need not."""
    return get_group_symbol(LOCALE), get_minus_sign_symbol(LOCALE)


def is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def percent(value: float) -> str:
    return f"{int(value)}{NBSP}%"


def strip_xml_illegal(text: str) -> tuple[str, int]:
    """``text`` without the characters XML cannot hold, and how many were removed."""
    cleaned, removed = _XML_ILLEGAL.subn("", text)
    return cleaned, removed


def normalise_for_search(text: str) -> str:
    """Text with every kind of space removed and non-breaking hyphens as hyphens:
    how tests compare source and output."""
    return re.sub(r"[\s\u00a0\u202f\u2060]+", "", text).replace(NBHYPHEN, "-")
