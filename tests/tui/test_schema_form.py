"""A workspace with its own schema gets its own form, and can be filled through it alone."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Select

from authoring_tui.core.validation import validate
from authoring_tui.core.workspace import Workspace
from authoring_tui.tui.screens.dialogs import ChoiceModal
from authoring_tui.tui.screens.editor import EditorScreen
from authoring_tui.tui.widgets.fields import FieldInput, FieldSelect, FieldTextArea, ItemButton

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
