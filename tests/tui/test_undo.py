"""Ctrl+Z / Ctrl+Y in the editor: typed text, removed, moved and retyped blocks come
back, with their ``ancre`` and the comments addressed to them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from textual import events
from textual.widgets import Button

from authoring_tui.core.undo import UndoHistory
from authoring_tui.tui.forms.spec import node_at, variant_title
from authoring_tui.tui.screens.dialogs import ChoiceModal, ConfirmModal
from authoring_tui.tui.screens.editor import EditorScreen
from authoring_tui.tui.widgets.fields import FieldTextArea, TypeSelect
from authoring_tui.tui.widgets.item_actions import ItemActions
from authoring_tui.tui.widgets.outline_tree import OutlineTree

from .helpers import make_app, open_in_editor, type_at_end, wait_for

CHAPTER = """\
# Chapitre V/2 — Mobilité
id: v2-mobilite
numero: V/2
titre: Mobilité
dga: DGA Mobilité
redacteurs: [adurand, tmoreau]
statut: brouillon
chapeau: Un chapeau.
sections:
  - titre: Le métro
    blocs:
      - type: paragraphe
        ancre: abc123
        texte: Premier paragraphe.   # à relire
      - type: paragraphe
        ancre: def456
        texte: Deuxième paragraphe.
      - type: paragraphe
        ancre: ghi789
        texte: Troisième paragraphe.
commentaires:
  - bloc: abc123
    auteur: mlegrand
    date: 2021-03-02
    texte: Chiffre à vérifier.
    resolu: false
"""

BLOCS = ("sections", 0, "blocs")


def write_chapter(workspace_dir: Path) -> Path:
    """V/2 with anchored blocks (data contract v2): the schema of this branch may
    not know ``ancre`` and ``bloc`` yet; the tests check what comes back, not validity."""
    path = workspace_dir / "chapters" / "v2-mobilite.yaml"
    path.write_text(CHAPTER, encoding="utf-8")
    return path


def anchors(editor: EditorScreen) -> list[str]:
    return [str(block["ancre"]) for block in editor.session.get(BLOCS)]


def saved(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


async def select_block(pilot: Any, editor: EditorScreen, index: int) -> None:
    await editor.show_path((*BLOCS, index))
    editor.query_one(OutlineTree).focus()
    await pilot.pause()


async def test_typing_then_ctrl_z_puts_the_old_text_back(workspace_dir: Path) -> None:
    path = write_chapter(workspace_dir)
    app = make_app(workspace_dir, "adurand")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v2-mobilite")
        await type_at_end(pilot, editor, (*BLOCS, 1), " Sous réserve.")
        assert editor.session.get((*BLOCS, 1, "texte")).endswith("Sous réserve.")

        await pilot.press("ctrl+z")  # the whole run of typing is one step
        await pilot.pause()

        assert editor.session.get((*BLOCS, 1, "texte")) == "Deuxième paragraphe."
        assert not editor.session.dirty  # back to the file as it is on disk
        area = editor.query_one(FieldTextArea)
        assert area.text == "Deuxième paragraphe." and app.focused is area

        await pilot.press("ctrl+y")
        await pilot.pause()
        assert editor.session.get((*BLOCS, 1, "texte")).endswith("Sous réserve.")
        assert editor.query_one(FieldTextArea).text.endswith("Sous réserve.")
        assert editor.session.dirty
    assert path.read_text(encoding="utf-8") == CHAPTER


async def test_keys_typed_around_ctrl_z_are_neither_lost_nor_misplaced(
    workspace_dir: Path,
) -> None:
    write_chapter(workspace_dir)
    app = make_app(workspace_dir, "adurand")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v2-mobilite")
        editor.session.undo_history = UndoHistory(pause=0.0)  # each key a step of its own
        await type_at_end(pilot, editor, (*BLOCS, 1), " Vu")
        # A fast typist: the keys and Ctrl+Z arrive together, before the field has
        # handled the first ones and before the form is rebuilt.
        for key, character in (("z", "z"), ("ctrl+z", None), ("x", "x"), ("y", "y")):
            app.post_message(events.Key(key, character))
        await wait_for(pilot, lambda: editor.session.get((*BLOCS, 1, "texte")).endswith("y"))
        await pilot.pause()

        assert editor.session.get((*BLOCS, 1, "texte")) == "Deuxième paragraphe. Vuxy"
        assert editor.query_one(FieldTextArea).text == "Deuxième paragraphe. Vuxy"


async def test_a_deleted_block_comes_back_in_place_with_its_anchor_and_comment(
    workspace_dir: Path,
) -> None:
    path = write_chapter(workspace_dir)
    app = make_app(workspace_dir, "adurand")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v2-mobilite")
        await select_block(pilot, editor, 0)
        await pilot.press("f7")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        assert isinstance(app.focused, Button) and app.focused.id == "no"  # « Annuler »
        await pilot.press("enter")  # Enter right after F7 keeps the block
        await wait_for(pilot, lambda: app.screen is editor)
        assert anchors(editor) == ["abc123", "def456", "ghi789"]

        await pilot.press("f7")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.click("#yes")
        await wait_for(pilot, lambda: anchors(editor) == ["def456", "ghi789"])

        await pilot.press("ctrl+z")
        await pilot.pause()

        assert anchors(editor) == ["abc123", "def456", "ghi789"]
        assert editor.current is not None and editor.current.path == (*BLOCS, 0)
        tree = editor.query_one(OutlineTree)
        assert tree.cursor_node is not None and tree.cursor_node.data.path == (*BLOCS, 0)
        assert not editor.session.dirty

        await pilot.press("ctrl+y")  # removed again, then back for good
        await pilot.pause()
        assert anchors(editor) == ["def456", "ghi789"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert path.read_text(encoding="utf-8") == CHAPTER  # comment on the block, YAML comment
    data = saved(path)
    assert data["commentaires"][0]["bloc"] == data["sections"][0]["blocs"][0]["ancre"]


async def test_an_added_block_goes_away_and_comes_back(workspace_dir: Path) -> None:
    write_chapter(workspace_dir)
    app = make_app(workspace_dir, "adurand")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v2-mobilite")
        await select_block(pilot, editor, 0)
        await pilot.press("f6")  # a block after this one: which type?
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceModal))
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(editor.session.get(BLOCS)) == 4)
        added = dict(editor.session.get((*BLOCS, 1)))

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert anchors(editor) == ["abc123", "def456", "ghi789"]
        assert not editor.session.dirty

        await pilot.press("ctrl+y")
        await pilot.pause()
        assert dict(editor.session.get((*BLOCS, 1))) == added
        assert editor.current is not None and editor.current.path == (*BLOCS, 1)


async def test_a_moved_block_goes_back(workspace_dir: Path) -> None:
    write_chapter(workspace_dir)
    app = make_app(workspace_dir, "adurand")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v2-mobilite")
        await select_block(pilot, editor, 0)
        await pilot.press("ctrl+down", "ctrl+down")
        await pilot.pause()
        assert anchors(editor) == ["def456", "ghi789", "abc123"]

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert anchors(editor) == ["def456", "abc123", "ghi789"]
        assert editor.current is not None and editor.current.path == (*BLOCS, 1)  # the block
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert anchors(editor) == ["abc123", "def456", "ghi789"]
        assert editor.current is not None and editor.current.path == (*BLOCS, 0)

        await pilot.press("ctrl+z")  # nothing more to undo
        await pilot.pause()
        assert anchors(editor) == ["abc123", "def456", "ghi789"]


async def test_a_type_change_is_undone(workspace_dir: Path) -> None:
    write_chapter(workspace_dir)
    app = make_app(workspace_dir, "adurand")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v2-mobilite")
        await select_block(pilot, editor, 2)
        schema = editor.session.schema
        choice = node_at(schema, editor.session.data, (*BLOCS, 2))
        titles = [variant_title(schema, v) for v in schema.variants(choice)]
        editor.query_one(TypeSelect).value = titles.index("Citation")
        await pilot.pause()
        if isinstance(app.screen, ConfirmModal):  # a field the citation has not goes
            await pilot.click("#yes")
        await wait_for(pilot, lambda: editor.session.get((*BLOCS, 2, "type")) == "citation")

        await pilot.press("ctrl+z")
        await pilot.pause()

        block = editor.session.get((*BLOCS, 2))
        assert dict(block) == {
            "type": "paragraphe",
            "ancre": "ghi789",
            "texte": "Troisième paragraphe.",
        }
        assert editor.query_one(TypeSelect).value == titles.index("Paragraphe")


async def test_undo_after_a_save_makes_the_chapter_dirty_again(workspace_dir: Path) -> None:
    path = write_chapter(workspace_dir)
    app = make_app(workspace_dir, "adurand")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v2-mobilite")
        await type_at_end(pilot, editor, (*BLOCS, 0), " Vu.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not editor.session.dirty

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert editor.session.dirty
        assert editor.session.get((*BLOCS, 0, "texte")) == "Premier paragraphe."
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert not editor.session.dirty  # what is on disk again
    assert saved(path)["sections"][0]["blocs"][0]["texte"] == "Premier paragraphe. Vu."


async def test_a_reader_has_nothing_to_undo(workspace_dir: Path) -> None:
    path = write_chapter(workspace_dir)
    app = make_app(workspace_dir, "fgarcia")  # not a writer of V/2
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v2-mobilite")
        await select_block(pilot, editor, 0)
        await pilot.press("ctrl+z", "ctrl+y")
        await pilot.pause()
        assert anchors(editor) == ["abc123", "def456", "ghi789"]
        assert not editor.session.dirty
    assert path.read_text(encoding="utf-8") == CHAPTER


async def test_an_item_removed_from_a_list_in_the_form_comes_back(workspace_dir: Path) -> None:
    figures = ("sections", 0, "blocs", 9, "chiffres")  # V/3's key figures
    app = make_app(workspace_dir, "fgarcia")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v3-infrastructures")
        await editor.show_path(figures[:-1])
        before = [dict(figure) for figure in editor.session.get(figures)]
        bar = next(bar for bar in editor.query(ItemActions) if bar.path == (*figures, 1))
        bar.scroll_visible(animate=False)
        await pilot.pause()
        remove_at = next(x for x in range(bar.size.width) if bar.action_at(x) == 2)
        await pilot.click(bar, offset=(bar.gutter.left + remove_at, 0))
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.click("#yes")
        await wait_for(pilot, lambda: len(editor.session.get(figures)) == len(before) - 1)

        await pilot.press("ctrl+z")
        await pilot.pause()

        assert [dict(figure) for figure in editor.session.get(figures)] == before
        assert not editor.session.dirty
