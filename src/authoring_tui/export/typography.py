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
from numbers import Number

from babel import Locale
from babel.numbers import format_decimal

NBSP = "\u00a0"
NNBSP = "\u202f"
LOCALE = Locale.parse("fr_FR")  # parsed once: Babel re-parses a locale string per call

_SPACES = "[ \u00a0\u202f\t]"
# An existing space before « ; : ! ? » becomes non-breaking; a missing one is added
# after a word or a closing sign, but only when the sign ends a phrase (so that
# « https:// » and « 10:30 » stay as they are).
_BEFORE_HIGH_PUNCT = re.compile(rf"{_SPACES}+([;:!?])")
_MISSING_BEFORE_PUNCT = re.compile(r"(?<=[\w»)\]%€])([;:!?])(?=\s|$)")
_AFTER_OPENING_QUOTE = re.compile(rf"«{_SPACES}*")
_BEFORE_CLOSING_QUOTE = re.compile(rf"{_SPACES}*»")
# « 1 873 700 »: the spaces between digit groups become narrow non-breaking spaces.
_THOUSANDS = re.compile(rf"(?<![\d,.])(\d{{1,3}})((?:{_SPACES}\d{{3}})+)(?![\d])")
_GROUP_SPACE = re.compile(_SPACES)
# « 1,71 M€ », « 60 % »: the unit stays on the number's line.
_UNIT = re.compile(rf"(?<=\d){_SPACES}+(?=(?:Md|Mds|M|k)?€|%)")
_HIGH_PUNCT = re.compile("[;:!?]").search
_DIGIT = re.compile(r"\d").search
# Characters XML 1.0 cannot carry at all.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def french(text: str) -> str:
    """``text`` with French non-breaking spaces where typography wants them."""
    if not text:
        return text
    # Each rule runs only on text holding its sign: most strings need one or two.
    if _HIGH_PUNCT(text):
        text = _BEFORE_HIGH_PUNCT.sub(NBSP + r"\1", text)
        text = _MISSING_BEFORE_PUNCT.sub(NBSP + r"\1", text)
    if "«" in text or "»" in text:
        text = _AFTER_OPENING_QUOTE.sub("«" + NBSP, text)
        text = _BEFORE_CLOSING_QUOTE.sub(NBSP + "»", text)
    if _DIGIT(text):
        text = _THOUSANDS.sub(_narrow_groups, text)
        if "€" in text or "%" in text:
            text = _UNIT.sub(NBSP, text)
    return text


def _narrow_groups(match: re.Match[str]) -> str:
    return match.group(1) + _GROUP_SPACE.sub(NNBSP, match.group(2))


def number(value: Number | float | int) -> str:
    """A number as a French reader writes it: « 1 873 700 », « 2,1 ».

    Babel's decimal arithmetic gives up on some extreme floats (1e25: found by
    the property tests); those keep Python's notation with a decimal comma.
    """
    try:
        return str(format_decimal(value, locale=LOCALE))
    except (ArithmeticError, ValueError):
        return repr(value).replace(".", ",")


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def percent(value: float) -> str:
    return f"{int(value)}{NBSP}%"


def strip_xml_illegal(text: str) -> tuple[str, int]:
    """``text`` without the characters XML cannot hold, and how many were removed."""
    cleaned, removed = _XML_ILLEGAL.subn("", text)
    return cleaned, removed


def normalise_for_search(text: str) -> str:
    """Text with every kind of space removed: how tests compare source and output."""
    return re.sub(r"[\s\u00a0\u202f]+", "", text)
