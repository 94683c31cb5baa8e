"""Completeness as the data contract defines it, per chapter and for the report."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from authoring_tui.core.completeness import completeness, word_count
from authoring_tui.core.schema import Schema, SchemaSet
from authoring_tui.core.status import report_status
from authoring_tui.core.validation import validate
from authoring_tui.core.workspace import Workspace

COMPLETE: dict[str, Any] = {
    "id": "v2-mobilite",
    "numero": "V/2",
    "titre": "Mobilité",
    "dga": "DGA Mobilité",
    "statut": "a_relire",
    "chapeau": "Une année de travaux.",
    "sections": [
        {
            "titre": "Le métro",
            "blocs": [
                {"type": "paragraphe", "texte": "Des rames neuves."},
                {
                    "type": "zoom",
                    "territoire": "pays-d-aix",
                    "blocs": [{"type": "paragraphe", "texte": "Un pôle d'échanges."}],
                },
                {
                    "type": "chiffres_cles",
                    "chiffres": [{"valeur": 38, "libelle": "rames"}],
                },
            ],
        }
    ],
}

# Required fields, emptied one after the other: each one more must lower the figure.
REQUIRED_LEAVES = [
    ("chapeau",),
    ("sections", 0, "blocs", 0, "texte"),
    ("sections", 0, "blocs", 1, "blocs", 0, "texte"),
    ("sections", 0, "blocs", 2, "chiffres", 0, "libelle"),
    ("sections", 0, "titre"),
    ("dga",),
    ("titre",),
]


@pytest.fixture
def schema(sample_root: Path) -> Schema:
    return SchemaSet(sample_root / "schema").get(sample_root / "schema" / "chapitre.schema.json")


def _percent(schema: Schema, data: Any) -> float:
    return completeness(schema, data, validate(schema, data)).percent


def test_complete_chapter_is_100(schema: Schema) -> None:
    assert validate(schema, COMPLETE) == []
    assert _percent(schema, COMPLETE) == 100.0


def test_each_extra_missing_required_field_lowers_completeness(schema: Schema) -> None:
    data = copy.deepcopy(COMPLETE)
    previous = _percent(schema, data)
    for path in REQUIRED_LEAVES:
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        parent[path[-1]] = ""
        current = _percent(schema, data)
        assert current < previous, path
        previous = current


def test_removing_a_required_field_counts_like_emptying_it(schema: Schema) -> None:
    emptied = copy.deepcopy(COMPLETE)
    emptied["chapeau"] = "   "
    removed = copy.deepcopy(COMPLETE)
    del removed["chapeau"]
    assert _percent(schema, emptied) == _percent(schema, removed) < 100.0


def test_an_error_on_an_optional_field_keeps_the_chapter_below_100(schema: Schema) -> None:
    data = copy.deepcopy(COMPLETE)
    data["numero"] = "V/2" * 20  # longer than maxLength
    assert 0 < _percent(schema, data) < 100.0


def test_minitems_slots_count(schema: Schema) -> None:
    data = copy.deepcopy(COMPLETE)
    data["sections"] = []
    result = completeness(schema, data, validate(schema, data))
    assert result.filled < result.total


def test_report_completeness_is_weighted_by_required_fields(workspace: Workspace) -> None:
    report = report_status(workspace)
    filled = sum(chapter.completeness.filled for chapter in report.chapters)
    total = sum(chapter.completeness.total for chapter in report.chapters)
    assert report.completeness.percent == pytest.approx(100.0 * filled / total)
    unweighted = sum(c.completeness.percent for c in report.chapters) / len(report.chapters)
    assert report.completeness.percent != pytest.approx(unweighted)


def test_exactly_the_three_unfinished_sample_chapters_are_below_100(workspace: Workspace) -> None:
    below = {c.id for c in report_status(workspace).chapters if c.completeness.percent < 100.0}
    assert below == {"v3-infrastructures", "vi2-ressources-humaines", "vi5-entretien-batiments"}


def test_missing_chapter_is_not_started_at_zero(workspace: Workspace) -> None:
    workspace.store.path_for("vi8-inspection-generale-services").unlink()
    status = next(
        c for c in report_status(workspace).chapters if c.id == "vi8-inspection-generale-services"
    )
    assert status.statut == "non_commence"
    assert status.completeness.percent == 0.0
    assert status.completeness.total > 0


def test_word_count_counts_text_not_codes(schema: Schema) -> None:
    data = copy.deepcopy(COMPLETE)
    base = word_count(schema, data)
    # Chapter text: Mobilité, DGA Mobilité, Une année de travaux, Le métro, Des rames
    # neuves, Un pôle d'échanges, rames, V/2 → ids, statut, type, territoire excluded.
    assert base == 18
    data["commentaires"] = [
        {"cible": "", "auteur": "mlegrand", "date": "2021-03-02", "texte": "Trois mots ici."}
    ]
    assert word_count(schema, data) == base


def test_status_cache_gives_the_same_figures_and_follows_every_change(
    workspace: Workspace,
) -> None:
    fresh = report_status(workspace)
    cache_file = workspace.root / ".cache" / "statut.json"
    assert cache_file.exists()
    cached = report_status(workspace)
    assert [(c.id, c.completeness, c.issues, c.mots, c.statut) for c in cached.chapters] == [
        (c.id, c.completeness, c.issues, c.mots, c.statut) for c in fresh.chapters
    ]
    # A chapter edited by hand is measured again.
    path = workspace.store.path_for("v3-infrastructures")
    path.write_text(
        path.read_text(encoding="utf-8").replace('chapeau: ""', "chapeau: Écrit."), "utf-8"
    )
    after_edit = {c.id: c for c in report_status(workspace).chapters}
    assert after_edit["v3-infrastructures"].issues == []
    # A schema change invalidates every entry.
    schema_file = workspace.root / "schema" / "chapitre.schema.json"
    schema_file.write_text(
        schema_file.read_text(encoding="utf-8").replace('"maxLength": 200,', '"maxLength": 5,', 1),
        encoding="utf-8",
    )
    after_schema = Workspace.open(workspace.root)
    assert any(c.issues for c in report_status(after_schema).chapters if c.id == "edito")
    # A cache file that is garbage is ignored.
    cache_file.write_text("{pas du json", encoding="utf-8")
    assert report_status(after_schema).completeness.total > 0
