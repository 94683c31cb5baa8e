"""The export's typography undone: a proofread text keeps the YAML's conventions,
only the words the proofreader changed differ from the source (with the real
``export.typography.french``)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from authoring_tui.export.proofread.restore import restored
from authoring_tui.export.typography import french


@pytest.mark.parametrize(
    ("source", "old", "new"),
    [
        ("Le bilan : il est bon ; vraiment !", "bilan", "compte"),  # NBSP before : ; !
        ("Le « plan vélo » avance", "vélo", "piéton"),  # « » spacing
        ("Le plan 2020-2026 du Covid-19 avance", "plan", "programme"),  # U+2011
        ("Un budget de 1 873 700 euros cette année", "budget", "montant"),  # digit groups
        ("Un coût de 11,56 M€ HT pour la ville", "ville", "Métropole"),  # units
        ("Le 1er plan et la 2e tranche du projet", "projet", "chantier"),  # ordinals
        ("Un mot:la suite sans espace", "suite", "fin"),  # what the export adds
        ("Le plan 2020–2026 se poursuit", "plan", "programme"),  # word joiner after –
    ],
)
def test_each_rule_is_undone_around_a_changed_word(source: str, old: str, new: str) -> None:
    exported = french(source)
    assert restored(source, exported, exported.replace(old, new, 1)) == source.replace(old, new, 1)


WORDS = st.sampled_from(
    [
        "le",
        "plan",
        "vélo",
        ":",
        ";",
        "!",
        "?",
        "«",
        "»",
        "2020-2026",
        "2020–2026",
        "Covid-19",
        "1er",
        "2e",
        "1 873 700",
        "11,56",
        "M€",
        "HT",
        "km",
        "m²",
        "la",
        "Métropole",
        "l’essentiel",
    ]
)
NEW = st.text(alphabet="abcdéèà", min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(WORDS, min_size=1, max_size=12),
    at=st.integers(0, 11),
    new=NEW,
    kind=st.sampled_from(["replace", "insert", "delete"]),
)
def test_a_random_word_edit_comes_back_exactly(
    words: list[str], at: int, new: str, kind: str
) -> None:
    marked = [*words[: at % len(words)], "cible", *words[at % len(words) :]]
    source = " ".join(marked)
    edit = {"replace": new, "insert": f"cible {new}", "delete": ""}[kind]
    expected = (
        re.sub(r" ?\bcible\b", "", source, count=1)
        if kind == "delete"
        else (source.replace("cible", edit, 1))
    )
    exported = french(source)
    edited = (
        re.sub(r"[ \u00a0\u202f]?\bcible\b", "", exported, count=1)
        if kind == "delete"
        else exported.replace("cible", edit, 1)
    )
    assert restored(source, exported, edited) == expected
