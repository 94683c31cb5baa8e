"""Workspace schemas behave as JSON Schema 2020-12 says, in the cases the tool
once got wrong: nested ``$id``, relative root ``$id``, ``$ref`` as data, boolean
subschemas, formats, files that declare ``$schema``, and completeness wherever a
requirement comes from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from authoring_tui.core.completeness import completeness, word_count
from authoring_tui.core.errors import SchemaError
from authoring_tui.core.schema import Schema, SchemaSet
from authoring_tui.core.validation import validate


def schema_in(folder: Path, contents: Any, name: str = "chapitre.schema.json") -> Schema:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(contents), "utf-8")
    return SchemaSet(folder).get(folder / name)


def messages(schema: Schema, data: Any) -> list[str]:
    return [str(issue) for issue in validate(schema, data)]


def test_a_nested_id_changes_the_base_of_the_references_below_it(tmp_path: Path) -> None:
    schema = schema_in(
        tmp_path,
        {
            "$id": "https://exemple.fr/racine.json",
            "properties": {"n": {"$ref": "https://exemple.fr/autre/sous.json#/$defs/entier"}},
            "$defs": {
                "sous": {
                    "$id": "autre/sous.json",
                    "$defs": {"entier": {"type": "integer"}, "texte": {"type": "string"}},
                    "properties": {"t": {"$ref": "#/$defs/texte"}},
                },
                "entier": {"type": "string"},  # the wrong $defs a rewritten $ref once reached
            },
        },
    )
    assert validate(schema, {"n": 3}) == []
    assert messages(schema, {"n": "trois"}) == ["n : doit être un nombre entier."]


def test_a_relative_root_id_is_resolved_against_the_file(tmp_path: Path) -> None:
    schema_in(tmp_path, {"$id": "commun.schema.json", "$defs": {"t": {"type": "string"}}},
              "commun.schema.json")  # fmt: skip
    schema = schema_in(
        tmp_path,
        {
            "$id": "chapitre.schema.json",
            "properties": {"t": {"$ref": "commun.schema.json#/$defs/t"}},
        },
    )
    assert validate(schema, {"t": "texte"}) == []
    assert messages(schema, {"t": 1}) == ["t : doit être un texte."]


def test_a_ref_key_inside_const_or_enum_data_is_data(tmp_path: Path) -> None:
    schema = schema_in(tmp_path, {"properties": {"c": {"const": {"$ref": "#/ailleurs"}}}})
    assert validate(schema, {"c": {"$ref": "#/ailleurs"}}) == []
    assert validate(schema, {"c": {"$ref": "#/autre"}}) != []


def test_boolean_subschemas_validate_and_walk(tmp_path: Path) -> None:
    schema = schema_in(
        tmp_path,
        {"properties": {"oui": True, "non": False}, "required": ["oui"], "items": False},
    )
    assert messages(schema, {"oui": 1, "non": 2}) == ["non : aucune valeur n’est permise ici."]
    nested = schema_in(tmp_path / "imbrique", {"properties": {"g": {"properties": {"non": False}}}})
    assert [i.path for i in validate(nested, {"g": {"non": 1, "oui": 2}})] == [("g", "non")]
    assert completeness(schema, {"oui": "x"}, []).percent == 100.0
    assert word_count(schema, {"oui": "deux mots", "non": "rien"}) == 3
    assert schema.properties(schema.contents)["non"] == {"not": {}}


def test_formats_are_checked_in_french(tmp_path: Path) -> None:
    schema = schema_in(
        tmp_path,
        {
            "properties": {
                "jour": {"title": "Jour", "format": "date"},
                "courriel": {"title": "Courriel", "format": "email"},
                "site": {"title": "Site", "format": "uri"},
                "moment": {"title": "Moment", "format": "date-time"},
            }
        },
    )
    good = {
        "jour": "2021-02-28",
        "courriel": "a@b.fr",
        "site": "https://www.ampmetropole.fr",
        "moment": "2021-03-01T10:12:00+01:00",
    }
    assert validate(schema, good) == []
    bad = {"jour": "2021-02-30", "courriel": "ab.fr", "site": "ampmetropole", "moment": "hier"}
    found = {issue.path[0]: issue.message for issue in validate(schema, bad)}
    assert set(found) == set(bad)
    assert "date réelle au format AAAA-MM-JJ" in found["jour"]
    assert "adresse électronique" in found["courriel"]


def test_the_shortcut_and_formats_apply_inside_a_file_that_declares_its_dialect(
    tmp_path: Path,
) -> None:
    """jsonschema switches to its stock class when a ``$ref`` enters a file whose
    ``$schema`` it knows; the file is registered without the default dialect's
    ``$schema`` so that the same validator goes on there."""
    alternatives = [
        {"properties": {"type": {"const": kind}, "texte": {"minLength": 1}},
         "required": ["type", "texte"]}
        for kind in ("a", "b", "c")
    ]  # fmt: skip
    schema_in(
        tmp_path,
        {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$defs": {"bloc": {"oneOf": alternatives}},
            "properties": {"jour": {"format": "date"}},
        },
        "blocs.schema.json",
    )
    inline = schema_in(
        tmp_path / "inline",
        {"properties": {"bloc": {"oneOf": alternatives}, "jour": {"format": "date"}}},
    )
    referenced = schema_in(
        tmp_path,
        {
            "properties": {
                "bloc": {"$ref": "blocs.schema.json#/$defs/bloc"},
                "jour": {"$ref": "blocs.schema.json#/properties/jour"},
            }
        },
    )
    data = {"bloc": {"type": "b", "texte": ""}, "jour": "2021-02-30"}
    expected = messages(inline, data)
    assert len(expected) == 2  # the named block type's error only, and the date
    assert messages(referenced, data) == expected


def test_completeness_counts_requirements_from_every_applicator(tmp_path: Path) -> None:
    schema = schema_in(
        tmp_path,
        {
            "$defs": {"base": {"required": ["a"], "properties": {"a": {"type": "string"}}}},
            "$ref": "#/$defs/base",
            "allOf": [{"required": ["b"]}],
            "if": {"properties": {"genre": {"const": "encadre"}}, "required": ["genre"]},
            "then": {"required": ["titre"]},
            "dependentRequired": {"legende": ["credit"]},
            "properties": {"genre": {"type": "string"}},
        },
    )

    def figures(data: dict[str, Any]) -> tuple[int, int]:
        result = completeness(schema, data, validate(schema, data))
        return result.filled, result.total

    assert figures({"a": "x", "b": "y"}) == (2, 2)
    assert figures({"a": "x", "b": "y", "genre": "encadre"}) == (2, 3)
    assert figures({"a": "x", "b": "y", "genre": "encadre", "titre": "T"}) == (3, 3)
    assert figures({"a": "x", "b": "y", "legende": "L"}) == (2, 3)
    assert figures({"a": "", "b": "y"}) == (1, 2)


def test_a_recursive_reference_to_the_root_is_walked_as_deep_as_the_data(
    tmp_path: Path,
) -> None:
    schema = schema_in(
        tmp_path,
        {"required": ["nom"], "properties": {"nom": {"type": "string"},
                                             "enfants": {"items": {"$ref": "#"}}}},
    )  # fmt: skip
    tree = {"nom": "a", "enfants": [{"nom": "b", "enfants": [{"nom": ""}]}]}
    result = completeness(schema, tree, validate(schema, tree))
    assert (result.filled, result.total) == (2, 3)


@pytest.mark.parametrize(
    ("contents", "expected"),
    [
        ({"properties": {"x": {"$ref": "#/$defs/absent"}}}, "ne mène à rien"),
        ({"$defs": {"a": {"$ref": "#/$defs/a"}}, "properties": {"x": {"$ref": "#/$defs/a"}}},
         "boucle"),
    ],
)  # fmt: skip
def test_references_to_nothing_or_in_a_loop_are_french_schema_errors(
    tmp_path: Path, contents: dict[str, Any], expected: str
) -> None:
    schema = schema_in(tmp_path, contents)
    for action in (
        lambda: validate(schema, {"x": 1}),
        lambda: schema.properties(schema.contents)["x"],
    ):
        with pytest.raises(SchemaError) as caught:
            action()
        assert expected in str(caught.value)
        assert "chapitre.schema.json" in str(caught.value)


def test_an_error_is_named_even_beside_a_reference_that_leads_nowhere(tmp_path: Path) -> None:
    schema = schema_in(
        tmp_path,
        {"properties": {"titre": {"title": "Titre", "type": "string"},
                        "cassé": {"$ref": "#/$defs/absent"}}},
    )  # fmt: skip
    assert messages(schema, {"titre": 3}) == ["Titre\u00a0: doit être un texte."]
