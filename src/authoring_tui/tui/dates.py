"""Dates as the user says them: « 3 mars 2021 à 10 h 12 », « 3 mars 2021 ».

Comments and replies are dated in the file as ISO text (``2021-03-03T10:12:00``,
or a date alone in files written before times were recorded); the screens show
them in words, month names from Babel's French locale data.
"""

from __future__ import annotations

import datetime
from typing import Any

from babel.dates import format_date

DATE_LENGTH = len("2021-03-03")


def spoken_moment(value: Any) -> str:
    """« 3 mars 2021 à 10 h 12 » (« 3 mars 2021 » for a date alone); the text as
    typed when it is no date (the schema's check reports it)."""
    text = str(value or "")
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return text
    day = format_date(moment.date(), format="d MMMM y", locale="fr_FR")
    if len(text) <= DATE_LENGTH:
        return day
    return f"{day} à {moment.hour}\u00a0h\u00a0{moment.minute:02d}"
