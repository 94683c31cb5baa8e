"""A workspace with its own schema gets its own form, and can be filled through it alone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Select

from authoring_tui.cli.main import main
from authoring_tui.core.validation import validate
from authoring_tui.core.workspace import Workspace
from authoring_tui.tui import strings as S
from authoring_tui.tui.screens.dialogs import ChoiceModal
from authoring_tui.tui.screens.editor import EditorScreen
from authoring_tui.tui.widgets.fields import (
    FieldBox,
    FieldInput,
    FieldSelect,
    FieldTextArea,
    GroupBox,
    ItemButton,
    ReadOnlyRow,
)
from authoring_tui.tui.widgets.node_form import NodeForm

from .helpers import make_app, open_in_editor, wait_for

DATA = Path(__file__).parent / "data" / "projet"


def field(editor: EditorScreen, path: tuple[Any, ...]) -> Any:
    for widget in editor.query("FieldInput, FieldTextArea, FieldSelect"):
        if widget.spec.path == path:  # type: ignore[attr-defined]
            return widget
    raise AssertionError(f"no field for {path}")


async def type_into(pilot: Pilot[Any], widget: FieldInput | FieldTextArea, text: str) -> None:
    widget.focus()
    await pilot.press(*text)


async def choose(pilot: Pilot[Any], select: FieldSelect, downs: int) -> None:
    """Open the select with Enter and pick the option ``downs`` lines below the prompt."""
    select.focus()
    await pilot.press("enter")
    await pilot.press(*["down"] * downs, "enter")
    await pilot.pause()


async def test_a_custom_schema_is_filled_to_100_percent_through_the_form(tmp_path: Path) -> None:
    root = tmp_path / "projet"
    shutil.copytree(DATA, root)
    app = make_app(root, "testeur")
    async with app.run_test(size=(100, 40)) as pilot:
        editor = await open_in_editor(pilot, "fiche-a")
        assert editor.session.completeness.percent < 50
        await type_into(pilot, field(editor, ("titre",)), "Réseau d'eau")
        await choose(pilot, field(editor, ("categorie",)), 2)
        await type_into(pilot, field(editor, ("budget",)), "1 500,5")
        await type_into(pilot, field(editor, ("responsable", "nom")), "Inès")
        await type_into(pilot, field(editor, ("responsable", "effectif")), "4")
        await type_into(pilot, field(editor, ("marche", "titulaire")), "SEM")
        add_lot = next(b for b in editor.query(ItemButton) if b.path == ("marche", "lots"))
        add_lot.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: editor.session.get(("marche", "lots")) == [{"nom": ""}])
        await type_into(pilot, field(editor, ("marche", "lots", 0, "nom")), "Lot 1")
        await type_into(pilot, field(editor, ("marche", "lots", 0, "quantite")), "3")
        # The list of alternatives (« Note » or « Mesure ») is an outline list: F6 adds to it.
        editor.query_one("#outline").focus()
        await pilot.press("f6")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceModal))
        await pilot.press("down", "enter")  # « Mesure »
        await wait_for(pilot, lambda: editor.session.get(("actions", 0, "type")) == "mesure")
        await wait_for(
            pilot, lambda: app.screen is editor and editor.current.path == ("actions", 0)
        )
        await type_into(pilot, field(editor, ("actions", 0, "valeur")), "12,5")
        await choose(pilot, field(editor, ("actions", 0, "unite")), 1)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not editor.session.dirty)
        assert editor.session.issues == []
        assert editor.session.completeness.percent == 100
        assert field(editor, ("actions", 0, "unite")).value is not Select.NULL
    workspace = Workspace.open(root)
    data = workspace.store.load("fiche-a", round_trip=False).data
    assert validate(workspace.schema_for("fiche-a"), data) == []
    assert data["budget"] == 1500.5
    assert data["categorie"] == "eau"
    assert data["responsable"] == {"nom": "Inès", "effectif": 4}
    assert data["marche"] == {"titulaire": "SEM", "lots": [{"nom": "Lot 1", "quantite": 3}]}
    assert data["actions"] == [{"type": "mesure", "valeur": 12.5, "unite": "km"}]


# A small hand-written schema: what the form does with what it cannot simply edit.

ESSAI = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Fiche d’essai",
    "type": "object",
    "required": ["titre"],
    "properties": {
        "id": {"title": "Identifiant", "type": "string", "readOnly": True},
        "titre": {"title": "Titre", "type": "string", "minLength": 3},
        "sigle": {"title": "Sigle", "type": "string", "maxLength": 5},
        "code": {"title": "Code", "type": "string", "pattern": "^[A-Z]{3}$"},
        "echeance": {"title": "Échéance", "type": "string", "format": "date"},
        "budget": {"title": "Budget", "type": "number", "minimum": 0, "maximum": 1000},
        "interdit": False,
        "sous_fiche": {"$ref": "#", "title": "Sous-fiche"},
    },
}


BROKEN = {"ailleurs": {"title": "Ailleurs", "$ref": "#/$defs/absent"}}
"""A property whose reference leads nowhere."""


def essai_workspace(root: Path, data: dict[str, Any], more: dict[str, Any] | None = None) -> Path:
    """A workspace whose one chapter, « essai », follows ``ESSAI`` (with ``more``
    properties)."""
    schema = {**ESSAI, "properties": {**ESSAI["properties"], **(more or {})}}  # type: ignore[dict-item]
    (root / "schema").mkdir(parents=True)
    (root / "chapters").mkdir()
    (root / "schema" / "essai.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    (root / "chapters" / "essai.yaml").write_text(json.dumps(data), encoding="utf-8")
    (root / "report.yaml").write_text(
        "organisation: Essai\ntitre: Essai\nannee: 2021\n"
        "parties:\n  - id: p\n    titre: Partie\n    chapitres: [essai]\n"
        "chapitres:\n  essai:\n    schema: schema/essai.schema.json\n"
        "equipe:\n  secretariat: [chef]\n",
        encoding="utf-8",
    )
    return root


def box_at(editor: EditorScreen, path: tuple[Any, ...]) -> FieldBox:
    return editor.query_one(NodeForm).boxes()[path]


def editors_of(editor: EditorScreen, path: tuple[Any, ...]) -> list[Any]:
    widgets = editor.query("FieldInput, FieldTextArea, FieldSelect, FieldCheckbox")
    return [w for w in widgets if w.spec.path == path]  # type: ignore[attr-defined]


async def test_a_read_only_field_shows_its_value_and_cannot_be_edited(tmp_path: Path) -> None:
    root = essai_workspace(tmp_path / "essai", {"id": "essai-1", "titre": "Essai"})
    app = make_app(root, "chef")
    async with app.run_test(size=(100, 40)) as pilot:
        editor = await open_in_editor(pilot, "essai")
        row = box_at(editor, ("id",))
        assert isinstance(row, ReadOnlyRow)
        assert "essai-1" in str(row.render())
        assert row.focus_target() is None
        assert editors_of(editor, ("id",)) == []
        assert editors_of(editor, ("titre",))  # the rest of the form is editable


async def test_a_false_property_is_shown_read_only_with_why(tmp_path: Path) -> None:
    root = essai_workspace(tmp_path / "essai", {"titre": "Essai", "interdit": 12})
    app = make_app(root, "chef")
    async with app.run_test(size=(100, 40)) as pilot:
        editor = await open_in_editor(pilot, "essai")
        forbidden = box_at(editor, ("interdit",))
        assert isinstance(forbidden, ReadOnlyRow)
        assert forbidden.reason == S.WHY_NOTHING_ALLOWED
        text = str(forbidden.render())
        assert "12" in text and S.READ_ONLY_BECAUSE.format(reason=S.WHY_NOTHING_ALLOWED) in text
        assert editors_of(editor, ("interdit",)) == []


async def test_a_reference_leading_nowhere_spoils_only_its_field(tmp_path: Path) -> None:
    root = essai_workspace(tmp_path / "essai", {"titre": "Essai"}, BROKEN)
    app = make_app(root, "chef")
    async with app.run_test(size=(100, 40)) as pilot:
        editor = await open_in_editor(pilot, "essai")
        broken = box_at(editor, ("ailleurs",))
        assert isinstance(broken, ReadOnlyRow)
        assert "#/$defs/absent" in broken.reason and "ne mène à rien" in broken.reason
        assert S.READ_ONLY_BECAUSE.format(reason=broken.reason) in str(broken.render())
        editors_of(editor, ("titre",))[0].focus()
        await pilot.press("end", *" bis")
        await wait_for(pilot, lambda: editor.session.get(("titre",)) == "Essai bis")
        # A field the chapter does not hold yet is written in schema order, beside it.
        code = editors_of(editor, ("code",))[0]
        code.focus()
        code.insert_text_at_cursor("ABC")  # at once, as pasted: « A », « AB » break its pattern
        await wait_for(pilot, lambda: editor.session.get(("code",)) == "ABC")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not editor.session.dirty)
        assert list(editor.session.data) == ["titre", "code"]
        assert isinstance(box_at(editor, ("sous_fiche",)), GroupBox)


async def test_a_recursive_reference_opens_one_level_at_a_time(tmp_path: Path) -> None:
    root = essai_workspace(tmp_path / "essai", {"titre": "Racine"})
    app = make_app(root, "chef")
    async with app.run_test(size=(100, 40)) as pilot:
        editor = await open_in_editor(pilot, "essai")
        child = box_at(editor, ("sous_fiche",))
        assert isinstance(child, GroupBox) and child.folded
        assert editors_of(editor, ("sous_fiche", "titre")) == []
        unfold = child.query_one(Button)
        assert str(unfold.label) == S.UNFOLD
        unfold.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: editors_of(editor, ("sous_fiche", "titre")) != [])
        grandchild = box_at(editor, ("sous_fiche", "sous_fiche"))
        assert isinstance(grandchild, GroupBox) and grandchild.folded
        assert editors_of(editor, ("sous_fiche", "sous_fiche", "titre")) == []
        await type_into(pilot, editors_of(editor, ("sous_fiche", "titre"))[0], "Fi")
        await wait_for(pilot, lambda: editor.session.get(("sous_fiche", "titre")) == "Fi")
        # Too short for its minLength: the core's message shows on the unfolded field.
        sub_title = box_at(editor, ("sous_fiche", "titre"))
        await wait_for(pilot, lambda: sub_title.has_class("-invalid"))
        assert error_text(sub_title) == "au moins 3 caractères (actuellement 2)."


TYPED_WRONG = {
    ("titre",): "ab",
    ("sigle",): "abcdefgh",
    ("code",): "abc",
    ("echeance",): "2021-02-30",
    ("budget",): "-5",
}


async def test_values_typed_wrong_show_the_messages_of_validate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = essai_workspace(tmp_path / "essai", {"titre": "Essai"})
    app = make_app(root, "chef")
    async with app.run_test(size=(100, 40)) as pilot:
        editor = await open_in_editor(pilot, "essai")
        for path, text in TYPED_WRONG.items():
            widget = editors_of(editor, path)[0]
            widget.focus()
            await pilot.press("end", "ctrl+u", *text)
        await wait_for(pilot, lambda: {i.path for i in editor.session.issues} >= set(TYPED_WRONG))
        await pilot.pause()
        shown = {path: error_text(box_at(editor, path)) for path in TYPED_WRONG}
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not editor.session.dirty)
    capsys.readouterr()
    assert main(["validate", "--json", "--workspace", str(root)]) == 1
    report = json.loads(capsys.readouterr().out)
    expected: dict[str, list[str]] = {}
    for error in report[0]["erreurs"]:
        expected.setdefault(error["pointeur"], []).append(error["message"])
    for path, text in shown.items():
        pointer = "/".join(str(part) for part in path)
        assert text == "\n".join(expected[pointer]), pointer
    assert expected["sigle"] == ["5 caractères au plus (actuellement 8)."]


def error_text(box: FieldBox) -> str:
    label = box.error_label()
    return str(label.render()) if label.display else ""
