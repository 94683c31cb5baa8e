"""The export's typography undone, so that texts compare with the YAML's.

The export (``export/typography.py``) turns spaces before « ; : ! ? », inside
« », between digit groups and before units into non-breaking ones (U+00A0,
U+202F), hyphens in compounds into U+2011, and sets ordinals' letters in
superscript runs (the letters themselves are unchanged, so joining the runs
gives « 1er » back). Contributors type ordinary spaces and hyphens.
"""

from __future__ import annotations

_PLAIN = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2011": "-", "\u2060": None})
"""No-break spaces and hyphens back to ordinary ones; the word joiner that keeps
a range « 2020–2021 » on one line removed."""


def plain(text: str) -> str:
    """``text`` as a contributor would have typed it."""
    return text.translate(_PLAIN)
