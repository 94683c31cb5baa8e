"""The units a number keeps on its line: « 1 412 km », « 168 tonnes », « 2,1 Md€ ».

One list for the whole export. Measurement units come from Babel's CLDR data for
``fr_FR`` (the symbol and the singular and plural names, with the space CLDR puts
before each: a narrow no-break space before a symbol, a no-break space before a
word); currencies and the magnitudes French writes after a number are added by
hand, since CLDR has no « unit » for them.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from babel import Locale
from babel.units import format_unit

NBSP = "\u00a0"
NNBSP = "\u202f"
LOCALE = Locale.parse("fr_FR")

CLDR_UNITS = (
    "length-kilometer",
    "length-meter",
    "length-centimeter",
    "area-square-kilometer",
    "area-square-meter",
    "area-hectare",
    "volume-cubic-meter",
    "volume-liter",
    "volume-hectoliter",
    "mass-tonne",
    "mass-kilogram",
    "energy-kilowatt-hour",
    "power-kilowatt",
    "power-megawatt",
    "speed-kilometer-per-hour",
    "temperature-celsius",
    "duration-hour",
    "duration-minute",
)
"""CLDR unit ids whose French symbol and names follow a number in the report."""

OTHER_UNITS = {
    "%": NBSP,
    "€": NBSP,
    "k€": NBSP,
    "M€": NBSP,
    "Md€": NBSP,
    "Mds€": NBSP,
    "euro": NBSP,
    "euros": NBSP,
    "million": NBSP,
    "millions": NBSP,
    "milliard": NBSP,
    "milliards": NBSP,
    "GWh": NNBSP,
    "MWh": NNBSP,
}
"""Currencies and magnitudes (« 1,82 million »), absent from CLDR's units."""

_FORMS: tuple[tuple[int, Literal["short", "long"]], ...] = ((2, "short"), (1, "long"), (2, "long"))
"""The symbol (« km »), the singular and the plural name (« kilomètre », « kilomètres »)."""
_RISKY = frozenset({"l", "j", "m.", "min"})
"""Symbols too short or too common to be recognised after a number in prose."""


@cache
def unit_spaces() -> dict[str, str]:
    """Every unit of the list → the space that goes between a number and it."""
    found = dict(OTHER_UNITS)
    for unit in CLDR_UNITS:
        for count, length in _FORMS:
            text = str(format_unit(count, unit, length=length, locale=LOCALE))
            name = text.removeprefix(str(count)).lstrip(" " + NBSP + NNBSP)
            if name and name not in _RISKY:
                found.setdefault(name, NNBSP if length == "short" else NBSP)
    return found


@cache
def unit_pattern() -> re.Pattern[str]:
    """A digit, the spaces after it, and a unit of the list ending there (the digit
    first, not a look-behind: the engine skips ahead to digits)."""
    names = sorted(unit_spaces(), key=len, reverse=True)
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(rf"(\d)[ \u00a0\u202f\t]+({alternatives})(?![\w’'])")


def keep_units(text: str) -> str:
    """``text`` with the space between each number and its unit made non-breaking."""
    spaces = unit_spaces()
    return unit_pattern().sub(lambda m: m.group(1) + spaces[m.group(2)] + m.group(2), text)
