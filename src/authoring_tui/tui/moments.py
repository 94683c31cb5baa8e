"""A moment in the user's words: « 4 mars 2021 à 9 h 00 » (history lines, locks)."""

from __future__ import annotations

import datetime

from . import strings as S


def moment_in_words(value: object) -> str:
    """A history line's ``le`` (ISO text, as typed in the file) in words; the text
    itself when it is not a date and time (a file edited by hand)."""
    try:
        moment = datetime.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    day = S.DAY_ONE if moment.day == 1 else str(moment.day)
    return S.MOMENT_IN_WORDS.format(
        day=day,
        month=S.MONTH_NAMES[moment.month - 1],
        year=moment.year,
        hour=moment.hour,
        minute=moment.minute,
    )


def counted(forms: tuple[str, str], count: int) -> str:
    """« 1 erreur », « 2 erreurs »: the singular or plural form of a count."""
    return forms[0] if count == 1 else forms[1].format(count=count)


def of_name(name: str) -> str:
    """« de Marion Legrand », « d’Alice Durand »: French elides before a vowel."""
    elided = name[:1].lower() in "aeiouyàâäéèêëîïôöùûü"
    return (S.OF_NAME_ELIDED if elided else S.OF_NAME).format(name=name)
