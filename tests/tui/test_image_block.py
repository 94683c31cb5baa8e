"""An image block in the editor: its picture is chosen among the pictures of
``medias/`` (each shown with its pixel size and weight), its alternative text is
typed, and the saved chapter holds both."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from textual.widgets import OptionList, Select

from authoring_tui.tui.widgets.fields import FieldTextArea
from authoring_tui.tui.widgets.media_picker import MediaPicker

from .helpers import make_app, open_in_editor, wait_for

CHAPTER = "vi3-finances-budget"
BLOCK = ("sections", 1, "blocs", 3)
NNBSP = "\u202f"


def empty_image_block(root: Path) -> Path:
    """The sample chapter with its image block as a new one is: no picture, no text."""
    chapter = root / "chapters" / f"{CHAPTER}.yaml"
    yaml = YAML()
    data = yaml.load(chapter.read_text("utf-8"))
    block = data["sections"][1]["blocs"][3]
    assert block["type"] == "image"
    block["fichier"] = ""
    block["texte_alternatif"] = ""
    del block["legende"], block["credit"]
    with chapter.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    return chapter


def saved_block(chapter: Path) -> Any:
    return YAML(typ="safe").load(chapter.read_text("utf-8"))["sections"][1]["blocs"][3]


async def test_choose_a_picture_describe_it_and_save(workspace_dir: Path) -> None:
    chapter = empty_image_block(workspace_dir)
    app = make_app(workspace_dir, "nfaure")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_in_editor(pilot, CHAPTER)
        await editor.show_path(BLOCK)
        picker = editor.query_one(MediaPicker)
        assert picker.value is Select.NULL
        picker.focus()
        await pilot.press("enter")
        shown = picker.query_one(OptionList)
        labels = [str(shown.get_option_at_index(i).prompt) for i in range(shown.option_count)]
        assert labels[1:] == [
            f"medias/{name} — PNG, 1{NNBSP}200 × 630 pixels, {size} Ko"
            for name, size in (
                ("budget-2020-sections.png", 35),
                ("eau-assainissement-abonnes.png", 30),
                ("foret-dessertes.png", 36),
            )
        ]
        await pilot.press("down", "down", "down", "enter")
        await wait_for(pilot, lambda: picker.value == "medias/foret-dessertes.png")
        area = next(
            a for a in editor.query(FieldTextArea) if a.spec.path == (*BLOCK, "texte_alternatif")
        )
        area.focus()
        await pilot.press(*"Des pistes en forêt.")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not editor.session.dirty)
        assert editor.session.issues_under(BLOCK) == []
    block = saved_block(chapter)
    assert block["fichier"] == "medias/foret-dessertes.png"
    assert block["texte_alternatif"] == "Des pistes en forêt."
    assert block["ancre"] == "im4b7q"


async def test_a_missing_picture_is_shown_with_why_and_as_an_error(workspace_dir: Path) -> None:
    (workspace_dir / "medias" / "budget-2020-sections.png").unlink()
    app = make_app(workspace_dir, "nfaure")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_in_editor(pilot, CHAPTER)
        await editor.show_path(BLOCK)
        picker = editor.query_one(MediaPicker)
        assert picker.value == "medias/budget-2020-sections.png"
        issues = editor.session.issues_under(BLOCK)
        assert [i.path for i in issues] == [(*BLOCK, "fichier")]
        assert "introuvable" in issues[0].message
        assert editor.session.completeness.percent < 100
