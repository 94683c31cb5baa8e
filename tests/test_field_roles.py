"""The tool enforces each field's role (``x-role``): a writer's save never changes
what only the secrétariat may, nor someone else's comment; a writer's restore
keeps the current status, history and comments."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

from authoring_tui.cli.main import main
from authoring_tui.core.field_roles import forbidden_changes
from authoring_tui.core.roles import PermissionDenied, identify
from authoring_tui.core.schema import SchemaSet
from authoring_tui.core.workspace import Workspace
from authoring_tui.tui.session import ChapterSession
from authoring_tui.tui.widgets.fields import FieldBox, FieldInput, ListBox, ReadOnlyRow

from .tui.helpers import make_app, open_in_editor

KEPT = "Les champs administratifs (statut, historique…) et les commentaires actuels sont conservés."
NOW = datetime.datetime(2021, 3, 25, 14, 2)
WRITTEN = "v3-infrastructures"
"""Written by fgarcia; a « brouillon » without comments."""
COMMENTED = "v2-mobilite"
"""Written by adurand and tmoreau; three comments of the secrétariat."""


def open_session(root: Path, chapter_id: str, login: str) -> ChapterSession:
    workspace = Workspace.open(root)
    return ChapterSession(workspace, chapter_id, identify(workspace.report, login))


def chapter_bytes(root: Path, chapter_id: str) -> bytes:
    return (root / "chapters" / f"{chapter_id}.yaml").read_bytes()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- The schema marks the administrative fields ---------------------------------


@pytest.mark.parametrize("schema_file", ["chapitre.schema.json", "chiffres-cles.schema.json"])
def test_both_schemas_reserve_the_administrative_fields_to_the_secretariat(
    sample_root: Path, schema_file: str
) -> None:
    schema = SchemaSet(sample_root / "schema").get(sample_root / "schema" / schema_file)
    properties = schema.properties(schema.contents)
    reserved = {name for name, sub in properties.items() if sub.get("x-role") == "secretariat"}
    assert reserved == {"id", "numero", "dga", "redacteurs", "statut", "historique_statut"}
    assert properties["statut"]["title"] == "Statut"  # titles kept beside the reference
    comment = schema.properties(schema.items(properties["commentaires"]))
    assert comment["auteur"]["x-role"] == "auteur"
    assert "x-role" not in comment["resolu"]  # the comment's author's, like the rest of it


# -- A writer's save in the editor's session -------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("statut", "valide"),
        ("redacteurs", ["fgarcia", "adurand"]),
        ("dga", "DGA Mobilité"),
        ("numero", "V/9"),
        ("id", "v9-infrastructures"),
    ],
)
def test_a_writers_save_changing_an_administrative_field_is_refused(
    workspace_dir: Path, field: str, value: Any
) -> None:
    before = chapter_bytes(workspace_dir, WRITTEN)
    session = open_session(workspace_dir, WRITTEN, "fgarcia")
    try:
        assert session.editable
        session.set_value(("titre",), "Infrastructures et travaux")
        session.set_value((field,), value)
        with pytest.raises(PermissionDenied) as refused:
            session.save()
    finally:
        session.close()
    message = str(refused.value)
    assert f"{WRITTEN}.yaml" in message and "rien n’a été écrit" in message
    assert "seul le secrétariat de rédaction peut modifier ce champ" in message
    assert "Titre" not in message  # the title is the writer's to change
    assert chapter_bytes(workspace_dir, WRITTEN) == before
    assert not (workspace_dir / ".historique" / WRITTEN).exists()


def test_the_secretariat_saves_the_same_changes(workspace_dir: Path) -> None:
    session = open_session(workspace_dir, WRITTEN, "mlegrand")
    try:
        session.set_value(("statut",), "valide")
        session.set_value(("redacteurs",), ["fgarcia", "adurand"])
        session.set_value(("dga",), "DGA Mobilité")
        session.set_value(("numero",), "V/9")
        session.save()
    finally:
        session.close()
    saved = Workspace.open(workspace_dir).store.load(WRITTEN).data
    assert saved["statut"] == "valide" and saved["numero"] == "V/9"
    assert list(saved["redacteurs"]) == ["fgarcia", "adurand"]
    assert saved["dga"] == "DGA Mobilité"


def test_a_writer_submits_for_review_and_goes_on_saving(workspace_dir: Path) -> None:
    session = open_session(workspace_dir, WRITTEN, "fgarcia")
    try:
        session.set_value(("titre",), "Infrastructures et travaux")
        session.change_status("a_relire", NOW)
        session.set_value(("chapeau",), "Un chapeau revu après l’envoi.")
        session.save()  # the status the workflow set is no change of the writer's
    finally:
        session.close()
    saved = Workspace.open(workspace_dir).store.load(WRITTEN).data
    assert saved["statut"] == "a_relire" and saved["titre"] == "Infrastructures et travaux"
    assert [dict(line) for line in saved["historique_statut"]] == [
        {"statut": "a_relire", "par": "fgarcia", "le": "2021-03-25T14:02:00"}
    ]
    assert saved["chapeau"] == "Un chapeau revu après l’envoi."


def test_a_forbidden_edit_is_not_carried_along_by_a_submission(workspace_dir: Path) -> None:
    before = chapter_bytes(workspace_dir, WRITTEN)
    session = open_session(workspace_dir, WRITTEN, "fgarcia")
    try:
        session.set_value(("redacteurs",), ["fgarcia", "pgiraud"])
        with pytest.raises(PermissionDenied) as refused:
            session.change_status("a_relire", NOW)
        assert session.data["statut"] == "brouillon"  # refused before the status moved
    finally:
        session.close()
    assert "Rédacteurs" in str(refused.value)
    assert chapter_bytes(workspace_dir, WRITTEN) == before


def test_a_writer_may_not_change_or_delete_someone_elses_comment(workspace_dir: Path) -> None:
    before = chapter_bytes(workspace_dir, COMMENTED)
    session = open_session(workspace_dir, COMMENTED, "adurand")
    try:
        session.set_value(("commentaires", 1, "texte"), "Tout est HT.")
        with pytest.raises(PermissionDenied) as changed:
            session.save()
        session.reload()
        session.remove_item(("commentaires", 0))
        with pytest.raises(PermissionDenied) as deleted:
            session.save()
        session.reload()
        session.insert_item(("commentaires",), 3, _comment("sbernard", "Au nom d’une autre."))
        with pytest.raises(PermissionDenied) as impersonated:
            session.save()
    finally:
        session.close()
    assert "Commentaire 2 (de sbernard)\u00a0: modifié" in str(changed.value)
    assert "Commentaire 1 (de mlegrand)\u00a0: supprimé" in str(deleted.value)
    assert "Commentaire 4\u00a0: écrit au nom de «\u00a0sbernard\u00a0»" in str(impersonated.value)
    assert chapter_bytes(workspace_dir, COMMENTED) == before


def test_a_writer_resolves_only_their_own_comments(workspace_dir: Path) -> None:
    before = chapter_bytes(workspace_dir, COMMENTED)
    session = open_session(workspace_dir, COMMENTED, "adurand")
    try:
        with pytest.raises(PermissionDenied):
            session.set_comment_resolved(0, True)  # the secrétariat's remark: not theirs
        session.set_value(("commentaires", 0, "resolu"), True)  # nor through the form
        with pytest.raises(PermissionDenied):
            session.save()
        session.set_value(("commentaires", 0, "resolu"), False)
        assert chapter_bytes(workspace_dir, COMMENTED) == before
        session.insert_item(("commentaires",), 0, _comment("adurand", "Note pour moi."))
        session.save()
        session.set_value(("commentaires", 0, "texte"), "Note pour moi, revue.")
        session.save()
        session.remove_item(("commentaires", 0))
        session.save()
    finally:
        session.close()
    saved = Workspace.open(workspace_dir).store.load(COMMENTED).data["commentaires"]
    assert [(c["auteur"], c["resolu"]) for c in saved][:2] == [
        ("mlegrand", False),
        ("sbernard", False),
    ]


def test_the_secretariat_edits_and_deletes_anyones_comment(workspace_dir: Path) -> None:
    session = open_session(workspace_dir, COMMENTED, "mlegrand")
    try:
        session.set_value(("commentaires", 1, "texte"), "Préciser HT ou TTC.")
        session.remove_item(("commentaires", 0))
        session.save()
    finally:
        session.close()
    saved = Workspace.open(workspace_dir).store.load(COMMENTED).data["commentaires"]
    assert saved[0]["texte"] == "Préciser HT ou TTC." and saved[0]["auteur"] == "sbernard"


def _comment(author: str, text: str) -> dict[str, Any]:
    return {"cible": "sections/0", "auteur": author, "date": "2021-03-26", "texte": text}


# -- The check reads x-role, whatever the fields are called ----------------------


def test_the_check_reads_the_schema_not_field_names(tmp_path: Path, workspace: Workspace) -> None:
    folder = tmp_path / "schema"
    folder.mkdir()
    (folder / "note.schema.json").write_text(
        json.dumps(
            {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "type": "object",
                "properties": {
                    "responsable": {"$ref": "#/$defs/nom", "x-role": "secretariat"},
                    "statut": {"type": "string"},
                    "parties": {
                        "type": "array",
                        "items": {
                            "title": "Partie",
                            "type": "object",
                            "properties": {"visa": {"type": "string", "x-role": "secretariat"}},
                        },
                    },
                    "avis": {
                        "type": "array",
                        "items": {
                            "title": "Avis",
                            "type": "object",
                            "properties": {
                                "signataire": {"type": "string", "x-role": "auteur"},
                                "texte": {"type": "string"},
                                "lu": {"type": "boolean", "x-role": "redacteur"},
                            },
                        },
                    },
                },
                "$defs": {"nom": {"title": "Responsable", "type": "string"}},
            }
        ),
        encoding="utf-8",
    )
    schema = SchemaSet(folder).get(folder / "note.schema.json")
    writer = identify(workspace.report, "fgarcia")
    secretariat = identify(workspace.report, "mlegrand")
    before = {
        "responsable": "A",
        "statut": "brouillon",
        "parties": [{"visa": "ok"}],
        "avis": [{"signataire": "mlegrand", "texte": "Relu.", "lu": False}],
    }
    after = json.loads(json.dumps(before))
    after["statut"] = "valide"  # no x-role here: anyone who edits may change it
    after["avis"][0]["lu"] = True
    assert forbidden_changes(schema, before, after, writer) == []
    after["responsable"] = "B"
    after["parties"][0]["visa"] = "refusé"
    after["avis"][0]["texte"] = "Pas relu."
    changes = forbidden_changes(schema, before, after, writer)
    assert changes == [
        "Responsable\u00a0: seul le secrétariat de rédaction peut modifier ce champ "
        "(«\u00a0A\u00a0» → «\u00a0B\u00a0»).",
        "Partie 1 › visa\u00a0: seul le secrétariat de rédaction peut modifier ce champ "
        "(«\u00a0ok\u00a0» → «\u00a0refusé\u00a0»).",
        "Avis 1 (de mlegrand)\u00a0: modifié\u00a0; seuls son auteur et le secrétariat de "
        "rédaction le peuvent.",
    ]
    assert forbidden_changes(schema, before, after, secretariat) == []


# -- historique --restaurer --------------------------------------------------------


def test_a_writers_restore_keeps_the_status_the_history_and_the_comments(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    ws = ["--workspace", str(workspace_dir)]
    original = Workspace.open(workspace_dir).store.load(COMMENTED).data
    session = open_session(workspace_dir, COMMENTED, "adurand")
    try:
        session.set_value(("chapeau",), "Un chapeau que l’on regrettera.")
        session.save()
    finally:
        session.close()
    assert run(capsys, "statut", *ws, "--user", "mlegrand", COMMENTED, "a_reprendre")[0] == 0
    session = open_session(workspace_dir, COMMENTED, "mlegrand")
    try:
        session.add_comment(("sections", 1), "Reprendre le chapeau.")
    finally:
        session.close()
    workspace = Workspace.open(workspace_dir)
    current = workspace.store.load(COMMENTED).data
    versions = workspace.store.history.versions(COMMENTED)
    first = next(v.number for v in versions if v.path.read_bytes() == _sample_chapter(COMMENTED))
    code, out, err = run(
        capsys, "historique", *ws, "--user", "adurand", COMMENTED, "--restaurer", str(first)
    )
    assert code == 0, err
    assert KEPT in out
    restored = Workspace.open(workspace_dir).store.load(COMMENTED).data
    assert restored["chapeau"] == original["chapeau"]  # the content is back
    assert restored["statut"] == "a_reprendre"
    assert restored["historique_statut"] == current["historique_statut"]
    assert restored["historique_statut"][-1]["statut"] == "a_reprendre"
    assert len(restored["historique_statut"]) == len(original["historique_statut"]) + 1
    assert restored["commentaires"] == current["commentaires"]
    assert restored["commentaires"][-1]["texte"] == "Reprendre le chapeau."


def test_the_secretariat_restores_everything(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    ws = ["--workspace", str(workspace_dir)]
    assert run(capsys, "statut", *ws, "--user", "fgarcia", WRITTEN, "a_relire")[0] == 0
    assert run(capsys, "statut", *ws, "--user", "mlegrand", WRITTEN, "a_reprendre")[0] == 0
    versions = Workspace.open(workspace_dir).store.history.versions(WRITTEN)
    first = next(v.number for v in versions if v.path.read_bytes() == _sample_chapter(WRITTEN))
    code, out, _ = run(
        capsys, "historique", *ws, "--user", "mlegrand", WRITTEN, "--restaurer", str(first)
    )
    assert code == 0 and "champs administratifs" not in out
    assert chapter_bytes(workspace_dir, WRITTEN) == _sample_chapter(WRITTEN)


def _sample_chapter(chapter_id: str) -> bytes:
    root = Path(__file__).resolve().parents[1]
    return (root / "chapters" / f"{chapter_id}.yaml").read_bytes()


# -- The editor ---------------------------------------------------------------------


async def test_the_editor_shows_administrative_fields_read_only_to_a_writer(
    workspace_dir: Path,
) -> None:
    app = make_app(workspace_dir, "fgarcia")  # a writer of the chapter (report.yaml)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_in_editor(pilot, WRITTEN)
        assert editor.session.editable
        read_only = {row.spec.path for row in editor.query(ReadOnlyRow)}
        assert {("id",), ("numero",), ("dga",), ("redacteurs",)} <= read_only
        editors = {widget.spec.path: widget for widget in editor.query(FieldInput)}
        assert ("titre",) in editors and not editors[("titre",)].disabled
        shown = {box.spec.path for box in editor.query(FieldBox)}
        assert ("statut",) not in shown  # the status moves by « Soumettre » only
        rows = {row.spec.path: row for row in editor.query(ReadOnlyRow)}
        shown_redacteurs = str(rows[("redacteurs",)].render())
        assert "fgarcia" in shown_redacteurs
        assert "réservé au secrétariat de rédaction" in shown_redacteurs


async def test_the_editor_lets_the_secretariat_edit_them(workspace_dir: Path) -> None:
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_in_editor(pilot, WRITTEN)
        read_only = {row.spec.path for row in editor.query(ReadOnlyRow)}
        assert read_only == {("id",)}  # « x-readonly »: the file's name, for everyone
        editors = {widget.spec.path: widget for widget in editor.query(FieldInput)}
        assert not editors[("dga",)].disabled and not editors[("numero",)].disabled
        assert ("redacteurs",) in {box.spec.path for box in editor.query(ListBox)}
