"""Counts and names in French sentences: « 2 erreurs », « d’Alice Durand »."""

from __future__ import annotations

from . import strings as S


def counted(forms: tuple[str, str], count: int) -> str:
    """« 1 erreur », « 2 erreurs »: the singular or plural form of a count."""
    return forms[0] if count == 1 else forms[1].format(count=count)


def of_name(name: str) -> str:
    """« de Marion Legrand », « d’Alice Durand »: French elides before a vowel."""
    elided = name[:1].lower() in "aeiouyàâäéèêëîïôöùûü"
    return (S.OF_NAME_ELIDED if elided else S.OF_NAME).format(name=name)


def agreed(forms: tuple[str, str], label: str) -> str:
    """« « Paragraphe 2 » ajouté. », « « Section 2 » ajoutée. »: the participle
    agrees with the item's noun, the first word of its label."""
    noun = label.split(maxsplit=1)[0].split("-")[-1].capitalize() if label.strip() else ""
    feminine = noun in S.FEMININE_NOUNS
    return forms[1 if feminine else 0].format(label=label)
