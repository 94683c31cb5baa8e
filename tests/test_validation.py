"""Every validation error of a chapter, in French, on a readable path."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from authoring_tui.core.errors import SchemaError
from authoring_tui.core.schema import SchemaSet
from authoring_tui.core.validation import validate
from authoring_tui.core.workspace import Workspace
from authoring_tui.core.yamlio import parse_yaml

BROKEN = """\
id: V2 Mobilité
titre: ""
statut: termine
chapeau: Un chapeau.
couleur: bleu
sections:
  - titre: Le métro
    blocs:
      - type: paragraphe
        texte: Un texte.
      - type: paragraphe
      - type: zoom
        territoire: pays-de-nulle-part
        blocs: []
      - type: chiffres_cles
        chiffres:
          - valeur: [1, 2]
            libelle: Rames
      - type: video
        url: https://example.org
"""


@pytest.fixture
def chapter_schema(sample_root: Path):  # type: ignore[no-untyped-def]
    schemas = SchemaSet(sample_root / "schema")
    return schemas.get(sample_root / "schema" / "chapitre.schema.json")


def test_every_error_is_reported_in_french_on_a_readable_path(chapter_schema) -> None:  # type: ignore[no-untyped-def]
    data = parse_yaml(BROKEN, Path("chapters/v2.yaml"))
    messages = [str(issue) for issue in validate(chapter_schema, data)]
    assert messages == [
        "Identifiant : le format n’est pas celui attendu.",
        "Titre : ce champ est obligatoire.",
        "DGA : ce champ est obligatoire.",
        "Statut : valeur « termine » inconnue ; valeurs possibles : « Brouillon », "
        "« À relire », « À reprendre », « Validé ».",
        "Section 1 › Bloc 2 (paragraphe) › Texte : ce champ est obligatoire.",
        "Section 1 › Bloc 3 (zoom territorial) › Territoire : valeur « pays-de-nulle-part » "
        "inconnue ; valeurs possibles : « Marseille Provence », « Pays d’Aix », "
        "« Pays Salonais », « Pays d’Aubagne et de l’Étoile », « Istres-Ouest Provence », "
        "« Pays de Martigues ».",
        "Section 1 › Bloc 3 (zoom territorial) › Contenu du zoom : la liste est vide : "
        "ajoutez au moins un élément.",
        "Section 1 › Bloc 4 (chiffres clés) › Chiffre 1 › Valeur : "
        "doit être un nombre ou un texte.",
        "Section 1 › Bloc 5 : type inconnu ; types possibles : Paragraphe (paragraphe), "
        "Liste à puces (liste), Chiffres clés (chiffres_cles), Tableau (tableau), "
        "Zoom territorial (zoom), Encadré (encadre), Citation (citation), Image (image).",
        # Fields the schema does not know come last, after the fields it knows.
        "couleur : champ inconnu du schéma : supprimez-le ou corrigez son nom.",
    ]


def test_no_english_reaches_the_user(chapter_schema) -> None:  # type: ignore[no-untyped-def]
    data = parse_yaml(BROKEN, Path("chapters/v2.yaml"))
    for issue in validate(chapter_schema, data):
        for english in ("is a required property", "is not valid", "should be", "does not match"):
            assert english not in issue.message


def test_issue_pointer_follows_the_contract(chapter_schema) -> None:  # type: ignore[no-untyped-def]
    data = parse_yaml(BROKEN, Path("chapters/v2.yaml"))
    pointers = [issue.pointer for issue in validate(chapter_schema, data)]
    assert "sections/0/blocs/1/texte" in pointers
    assert "sections/0/blocs/2/blocs" in pointers


def test_sample_chapters_other_than_the_unfinished_three_are_valid(workspace: Workspace) -> None:
    invalid = set()
    for chapter_id in workspace.report.chapter_ids:
        data = workspace.store.load(chapter_id, round_trip=False).data
        if validate(workspace.schema_for(chapter_id), data):
            invalid.add(chapter_id)
    assert invalid == {"v3-infrastructures", "vi2-ressources-humaines", "vi5-entretien-batiments"}


def test_both_schemas_pass_the_metaschema_and_cross_references(sample_root: Path) -> None:
    schemas = SchemaSet(sample_root / "schema")
    key_figures = schemas.get(sample_root / "schema" / "chiffres-cles.schema.json")
    # « statut » is a reference into chapitre.schema.json; its enum must come through.
    statut = key_figures.properties(key_figures.contents)["statut"]
    assert statut["enum"] == ["brouillon", "a_relire", "a_reprendre", "valide"]
    rubrique = key_figures.items(key_figures.properties(key_figures.contents)["rubriques"])
    chiffre = key_figures.items(key_figures.properties(rubrique)["chiffres"])
    assert chiffre["title"] == "Chiffre"


def test_every_property_of_the_schemas_has_a_french_title_and_description(
    sample_root: Path,
) -> None:
    import json

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                if "$ref" not in sub:
                    assert sub.get("title") and sub.get("description"), f"{where}/{name}"
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}/{index}")

    for path in (sample_root / "schema").glob("*.json"):
        walk(json.loads(path.read_text(encoding="utf-8")), path.name)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"type": "object",', "n’est pas du JSON valide"),
        ('{"type": "objet"}', "n’est pas un JSON Schema valide"),
        ("[1, 2]", "doit être un objet JSON"),
    ],
)
def test_a_broken_schema_is_a_clear_french_error(
    tmp_path: Path, content: str, expected: str
) -> None:
    path = tmp_path / "chapitre.schema.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        SchemaSet(tmp_path).get(path)
    assert expected in str(caught.value)
    assert str(path) in str(caught.value)


def test_a_reference_to_nothing_is_a_french_schema_error(tmp_path: Path) -> None:
    path = tmp_path / "chapitre.schema.json"
    path.write_text(
        '{"type": "object", "properties": {"titre": {"$ref": "#/$defs/absent"}}}', "utf-8"
    )
    schema = SchemaSet(tmp_path).get(path)
    with pytest.raises(SchemaError) as caught:
        validate(schema, {"titre": "Un titre"})
    assert "$defs/absent" in str(caught.value) and "ne mène à rien" in str(caught.value)
    assert str(path) in str(caught.value)


def test_a_broken_schema_is_refused_every_time_not_only_the_first(tmp_path: Path) -> None:
    (tmp_path / "a.schema.json").write_text('{"type": "texte"}', "utf-8")
    good = tmp_path / "b.schema.json"
    good.write_text('{"type": "object"}', "utf-8")
    schemas = SchemaSet(tmp_path)
    for _ in range(2):  # a half-loaded folder was once kept after the first failure
        with pytest.raises(SchemaError, match=r"a\.schema\.json"):
            schemas.get(good)


def test_the_union_shortcut_changes_no_verdict_and_no_error(
    sample_root: Path, workspace: Workspace
) -> None:
    """The discriminated-union shortcut must find exactly the errors jsonschema's
    own ``oneOf`` finds (it only skips alternatives that cannot match)."""
    broken = parse_yaml(BROKEN, sample_root / "x.yaml", round_trip=False)
    cases = [(c, workspace.store.load(c, round_trip=False).data)
             for c in workspace.report.chapter_ids]  # fmt: skip
    cases.append(("v2-mobilite", broken))

    def errors(shortcut: bool) -> list[list[tuple[tuple[str | int, ...], str]]]:
        found = []
        for chapter_id, data in cases:
            schema = Workspace.open(workspace.root).schema_for(chapter_id)
            schema.use_shortcut = shortcut
            found.append(sorted((tuple(e.absolute_path), str(e.validator))
                                for e in _leaves(schema.iter_errors(data))))  # fmt: skip
        return found

    with_shortcut, without = errors(True), errors(False)
    assert [bool(found) for found in with_shortcut] == [bool(found) for found in without]
    for fast, slow in zip(with_shortcut, without, strict=True):
        assert set(fast) <= set(slow)  # the named block type's errors, not the six others'
    assert sum(map(len, with_shortcut)) >= 10


def _leaves(errors: Any) -> Any:
    """The innermost errors: jsonschema's ``oneOf`` wraps them in its own."""
    for error in errors:
        if error.validator == "oneOf" and error.context:
            yield from _leaves(error.context)
        else:
            yield error


def test_the_shortcut_needs_every_alternative_to_require_a_distinct_constant(
    tmp_path: Path,
) -> None:
    path = tmp_path / "chapitre.schema.json"
    alternatives = [
        {"properties": {"type": {"const": 1}}, "required": ["type"]},
        {"properties": {"type": {"const": True}}, "required": ["type"]},
    ]
    path.write_text(json.dumps({"oneOf": alternatives}), "utf-8")
    schema = SchemaSet(tmp_path).get(path)
    assert schema.discriminator(schema.contents["oneOf"]) is not None  # 1 ≠ true in JSON
    assert validate(schema, {"type": True}) == []
    del alternatives[1]["required"]  # not required: {"type": 1} matches both
    path.write_text(json.dumps({"oneOf": alternatives}), "utf-8")
    schema = SchemaSet(tmp_path).get(path)
    assert schema.discriminator(schema.contents["oneOf"]) is None
    reference = Draft202012Validator({"oneOf": alternatives})
    for instance in ({"type": 1}, {"type": True}, {}, {"type": 1.0}, {"type": "1"}):
        assert (validate(schema, instance) == []) == reference.is_valid(instance)


TABLE = """\
id: V2
titre: Mobilité
dga: DGA Mobilité
statut: brouillon
chapeau: Un chapeau.
couleur: bleu
sections:
  - titre: Le métro
    blocs:
      - type: tableau
        colonnes: [Ligne, Rames, Fréquence, Remarque]
        lignes:
          - ["M1", "36", "3 min", ""]
          - ["M2", "36"]
          - []
          - ["", " ", "", ""]
          - ["M3", "12", "5 min", "nouvelle", "de trop"]
"""


def test_table_rows_need_one_cell_per_column_and_a_filled_cell(chapter_schema) -> None:  # type: ignore[no-untyped-def]
    data = parse_yaml(TABLE, Path("chapters/v2.yaml"))
    messages = [str(issue) for issue in validate(chapter_schema, data)]
    where = "Section 1 › Bloc 1 (tableau) › "
    assert [m for m in messages if m.startswith(where)] == [
        where + "Ligne 2\u00a0: 2 cellules pour 4 colonnes.",
        where + "Ligne 3\u00a0: la ligne est vide\u00a0: remplissez au moins une cellule.",
        where + "Ligne 4\u00a0: la ligne est vide\u00a0: remplissez au moins une cellule.",
        where + "Ligne 5\u00a0: 5 cellules pour 4 colonnes.",
    ]


def test_even_filled_table_rows_are_valid(chapter_schema) -> None:  # type: ignore[no-untyped-def]
    even = TABLE.split('          - ["M2"')[0]
    data = parse_yaml(even, Path("chapters/v2.yaml"))
    assert [
        str(issue) for issue in validate(chapter_schema, data) if "tableau" in issue.chemin
    ] == []


def test_an_empty_table_row_is_not_counted_as_filled(chapter_schema) -> None:  # type: ignore[no-untyped-def]
    from authoring_tui.core.completeness import completeness

    def unfilled(text: str) -> int:
        data = parse_yaml(text, Path("chapters/v2.yaml"))
        result = completeness(chapter_schema, data, validate(chapter_schema, data))
        return result.total - result.filled

    even = TABLE.split('          - ["M2"')[0]
    assert unfilled(even + "          - []\n") == unfilled(even) + 1
    assert unfilled(even + '          - ["", "", "", ""]\n') == unfilled(even) + 1
