"""Dates and times as the user says them: « 3 mars 2021 à 10 h 12 », « 1er avril 2021 ».

Files keep ISO text (``2021-03-03T10:12:00``, or a date alone in files written
before times were recorded); every screen, message and the Word export show it
in words. Month names come from Babel's French locale data, imported on first use
so that the reading commands that never show a date do not pay for it.
"""

from __future__ import annotations

import datetime
from typing import Any

NBSP = "\u00a0"
DATE_LENGTH = len("2021-03-03")


def long_date(day: datetime.date) -> str:
    """« 12 avril 2021 », and « 1er avril 2021 » as French writes the first."""
    from babel.dates import format_date

    text = str(format_date(day, format="d MMMM y", locale="fr_FR"))
    return "1er" + text[1:] if day.day == 1 else text


def time_in_words(moment: datetime.datetime | datetime.time) -> str:
    """« 10 h 12 », « 9 h 00 » (non-breaking spaces: the hour never splits)."""
    return f"{moment.hour}{NBSP}h{NBSP}{moment.minute:02d}"


def moment_in_words(moment: datetime.datetime) -> str:
    """« 3 mars 2021 à 10 h 12 »."""
    return f"{long_date(moment.date())} à {time_in_words(moment)}"


def spoken_moment(value: Any) -> str:
    """A date or date-time as typed in a file, in words (« 3 mars 2021 » for a
    date alone); the text itself when it is neither (a file edited by hand: the
    schema's check reports it)."""
    if isinstance(value, datetime.datetime):
        return moment_in_words(value)
    if isinstance(value, datetime.date):
        return long_date(value)
    text = str(value or "")
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return text
    if len(text) <= DATE_LENGTH:
        return long_date(moment.date())
    return moment_in_words(moment)
