"""French agreement of the editor's notices with the item they name."""

from __future__ import annotations

import pytest

from authoring_tui.tui import strings as S
from authoring_tui.tui.wording import agreed


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Section 2", "«\u00a0Section 2\u00a0» ajoutée."),
        ("Sous-section 1", "«\u00a0Sous-section 1\u00a0» ajoutée."),
        (
            "Liste à puces · Principaux équipements",
            "«\u00a0Liste à puces · Principaux équipements\u00a0» ajoutée.",
        ),
        ("Ligne 3", "«\u00a0Ligne 3\u00a0» ajoutée."),
        ("Paragraphe · La stratégie", "«\u00a0Paragraphe · La stratégie\u00a0» ajouté."),
        (
            "Encadré · Le projet métropolitain",
            "«\u00a0Encadré · Le projet métropolitain\u00a0» ajouté.",
        ),
        ("Zoom territorial · Pays d’Aix", "«\u00a0Zoom territorial · Pays d’Aix\u00a0» ajouté."),
    ],
)
def test_added_agrees_with_the_noun(label: str, expected: str) -> None:
    assert agreed(S.ADDED, label) == expected


def test_removed_agrees_too() -> None:
    assert (
        agreed(S.REMOVED, "Citation · « Agir »") == "«\u00a0Citation · « Agir »\u00a0» supprimée."
    )
    assert agreed(S.REMOVED, "Tableau 1") == "«\u00a0Tableau 1\u00a0» supprimé."
