"""Property tests: arbitrary Unicode and nesting never break validation or the store.

Hypothesis generates chapters whose strings hold anything UTF-8 can encode
(control characters, combining marks, right-to-left scripts, emoji, very long
runs); validation and completeness never raise, and what is saved loads back
equal.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from authoring_tui.core.completeness import completeness, word_count
from authoring_tui.core.schema import SchemaSet
from authoring_tui.core.store import Chapter, ChapterStore
from authoring_tui.core.validation import validate
from authoring_tui.core.yamlio import YamlDocument

from .conftest import ROOT

# Surrogates cannot be encoded in UTF-8: the only characters left out.
ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=60)
LONG_TEXT = st.builds(lambda s, n: s * n, ANY_TEXT.filter(bool), st.integers(20, 150))
TEXT = st.one_of(ANY_TEXT, ANY_TEXT, LONG_TEXT)

ELEMENT = st.deferred(
    lambda: st.fixed_dictionaries(
        {"texte": TEXT}, optional={"sous_elements": st.lists(ELEMENT, max_size=2)}
    )
)
PARAGRAPH = st.fixed_dictionaries({"type": st.just("paragraphe"), "texte": TEXT})
LIST = st.fixed_dictionaries(
    {"type": st.just("liste"), "elements": st.lists(ELEMENT, min_size=1, max_size=3)}
)
FIGURES = st.fixed_dictionaries(
    {
        "type": st.just("chiffres_cles"),
        "chiffres": st.lists(
            st.fixed_dictionaries(
                {
                    "valeur": st.one_of(
                        st.integers(-(10**12), 10**12),
                        st.floats(allow_nan=False, allow_infinity=False),
                        TEXT,
                    ),
                    "libelle": TEXT,
                },
                optional={"unite": TEXT},
            ),
            min_size=1,
            max_size=3,
        ),
    }
)
BLOCK = st.deferred(
    lambda: st.one_of(
        PARAGRAPH,
        LIST,
        FIGURES,
        st.fixed_dictionaries(
            {
                "type": st.just("encadre"),
                "titre": TEXT,
                "blocs": st.lists(BLOCK, min_size=1, max_size=2),
            }
        ),
    )
)
SECTION = st.deferred(
    lambda: st.fixed_dictionaries(
        {"titre": TEXT, "blocs": st.lists(BLOCK, max_size=3)},
        optional={"numero": TEXT, "sous_sections": st.lists(SECTION, max_size=2)},
    )
)
CHAPTER = st.fixed_dictionaries(
    {
        "id": st.just("hypothese"),
        "titre": TEXT,
        "dga": TEXT,
        "statut": st.sampled_from(["brouillon", "a_relire", "a_reprendre", "valide"]),
        "chapeau": TEXT,
        "sections": st.lists(SECTION, max_size=3),
    }
)

SCHEMA = SchemaSet(ROOT / "schema").get(ROOT / "schema" / "chapitre.schema.json")


def _plain(value: Any) -> Any:
    """ruamel's round-trip types as plain Python, to compare values."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    return value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CHAPTER)
def test_validation_and_completeness_never_raise(chapter: dict[str, Any]) -> None:
    issues = validate(SCHEMA, chapter)
    result = completeness(SCHEMA, chapter, issues)
    assert 0 <= result.filled <= result.total
    assert word_count(SCHEMA, chapter) >= 0
    for issue in issues:
        assert issue.message


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(CHAPTER)
def test_what_is_saved_loads_back_equal(tmp_path: Path, chapter: dict[str, Any]) -> None:
    folder = tmp_path / "chapters"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    store = ChapterStore(folder)
    path = store.path_for("hypothese")
    store.save(Chapter("hypothese", path, YamlDocument(chapter, ""), "", 0.0))
    for round_trip in (True, False):
        loaded = store.load("hypothese", round_trip=round_trip)
        assert _plain(loaded.data) == chapter
    again = store.load("hypothese")
    store.save(again)
    assert _plain(store.load("hypothese").data) == chapter
