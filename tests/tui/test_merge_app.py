"""A save that meets a change on disk, in the application: merged without a
question when the changes are disjoint, a side-by-side choice when both sides
changed the same field (issue 15, « Done when » 2)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from authoring_tui.core.workspace import Workspace
from authoring_tui.tui.screens.dialogs import ConfirmModal
from authoring_tui.tui.screens.editor import EditorScreen
from authoring_tui.tui.screens.merge import MergeScreen

from .helpers import dashboard_loaded, make_app, open_in_editor, type_at_end, wait_for
from .test_disk_refusals import screen_text

CHAPTER = "v3-infrastructures"
WRITER = "fgarcia"
SIZE = (100, 32)
TYPED = "Un chapeau tapé dans l éditeur."
ON_DISK_BEFORE = "des villes aux villages"
ON_DISK_AFTER = "des villes aux hameaux"


def chapter_file(root: Path) -> Path:
    return root / "chapters" / f"{CHAPTER}.yaml"


def edit_on_disk(root: Path, old: str, new: str) -> None:
    """Someone changes the file with a text editor while the chapter is open."""
    path = chapter_file(root)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def toast_text(pilot: Pilot[Any]) -> str:
    """The notices on screen: what follows a toast's left edge (▌), line by line."""
    lines = screen_text(pilot).splitlines()
    return " ".join(" ".join(line.split("▌", 1)[1].split()) for line in lines if "▌" in line)


def saved_data(root: Path) -> Any:
    return Workspace.open(root).store.load(CHAPTER).data


async def type_chapeau(pilot: Pilot[Any]) -> EditorScreen:
    editor = await open_in_editor(pilot, CHAPTER)
    assert editor.session.editable
    await type_at_end(pilot, editor, ("chapeau",), TYPED)
    await wait_for(pilot, lambda: editor.session.data["chapeau"] == TYPED)
    return editor


async def test_disjoint_changes_are_saved_together_without_a_question(
    workspace_dir: Path,
) -> None:
    app = make_app(workspace_dir, WRITER)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        editor = await type_chapeau(pilot)
        edit_on_disk(workspace_dir, ON_DISK_BEFORE, ON_DISK_AFTER)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not editor.session.dirty)
        await pilot.pause()
        assert app.screen is editor  # no dialog, no merge screen
        notice = toast_text(pilot)
        assert "Fusionné avec la version sur le disque : Section 1 › Bloc 1 (paragraphe)" in notice
        # The editor now shows the merged chapter: the disk's paragraph too.
        assert ON_DISK_AFTER in editor.session.data["sections"][0]["blocs"][0]["texte"]
    text = chapter_file(workspace_dir).read_text(encoding="utf-8")
    assert text.startswith("# Chapitre V/3 — Infrastructures\n# Rédigé par")  # comments kept
    assert ON_DISK_AFTER in text and TYPED in text
    data = saved_data(workspace_dir)
    assert data["chapeau"] == TYPED
    assert not list(chapter_file(workspace_dir).parent.glob(f"{CHAPTER}.conflit-*"))


@pytest.mark.parametrize(("choice", "expected"), [("mine", TYPED), ("theirs", "Leur chapeau.")])
async def test_the_same_field_changed_on_both_sides_is_chosen_side_by_side(
    workspace_dir: Path, choice: str, expected: str
) -> None:
    app = make_app(workspace_dir, WRITER)
    async with app.run_test(size=SIZE) as pilot:
        editor = await type_chapeau(pilot)
        path = chapter_file(workspace_dir)
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^chapeau: .*$", "chapeau: Leur chapeau.", text)
        path.write_text(text.replace(ON_DISK_BEFORE, ON_DISK_AFTER), encoding="utf-8")
        before = path.read_bytes()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, MergeScreen))
        screen = app.screen
        assert isinstance(screen, MergeScreen)
        assert path.read_bytes() == before  # nothing written before the choice
        [conflict] = screen.result.conflicts
        assert conflict.path == ("chapeau",)
        assert screen.result.describe_conflict(editor.session.schema, conflict) == "Chapeau"
        await pilot.press("ctrl+s")  # nothing chosen yet: the screen stays and says so
        await pilot.pause()
        assert app.screen is screen and path.read_bytes() == before
        await pilot.click(f"#{choice}-0")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is editor and not editor.session.dirty)
        assert editor.session.data["chapeau"] == expected
    data = saved_data(workspace_dir)
    assert data["chapeau"] == expected
    assert ON_DISK_AFTER in data["sections"][0]["blocs"][0]["texte"]  # merged meanwhile
    assert chapter_file(workspace_dir).read_text(encoding="utf-8").startswith("# Chapitre V/3")


async def test_cancelling_the_merge_leaves_the_editor_as_it_was(workspace_dir: Path) -> None:
    app = make_app(workspace_dir, WRITER)
    async with app.run_test(size=SIZE) as pilot:
        editor = await type_chapeau(pilot)
        edit_on_disk(workspace_dir, 'chapeau: ""', "chapeau: Leur chapeau.")
        before = chapter_file(workspace_dir).read_bytes()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, MergeScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is editor)
        assert editor.session.dirty and editor.session.data["chapeau"] == TYPED
        assert chapter_file(workspace_dir).read_bytes() == before
        # Later, the user keeps all of theirs with one key.
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, MergeScreen))
        await pilot.press("d", "ctrl+s")
        await wait_for(pilot, lambda: app.screen is editor and not editor.session.dirty)
    assert saved_data(workspace_dir)["chapeau"] == "Leur chapeau."


async def test_a_conflict_copy_is_offered_and_merged_back_field_by_field(
    workspace_dir: Path,
) -> None:
    """A copy kept as a last resort (here: the same chapter with another chapeau
    and another paragraph) is offered at opening; the user takes the copy's
    chapeau, keeps the chapter's paragraph; the save removes the copy."""
    chapters = workspace_dir / "chapters"
    text = chapter_file(workspace_dir).read_text(encoding="utf-8")
    text = re.sub(r"(?m)^chapeau: .*$", "chapeau: Le chapeau de la copie.", text)
    copy = chapters / f"{CHAPTER}.conflit-{WRITER}-20210320-101200.yaml"
    copy.write_text(text.replace(ON_DISK_BEFORE, ON_DISK_AFTER), encoding="utf-8")
    app = make_app(workspace_dir, WRITER)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_loaded(pilot)
        app.screen.select_chapter(CHAPTER)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        editor = app.screen_stack[-2]
        assert isinstance(editor, EditorScreen)
        assert copy.name in app.screen.question  # type: ignore[attr-defined]
        await pilot.click("#compare")
        await wait_for(pilot, lambda: isinstance(app.screen, MergeScreen))
        screen = app.screen
        assert isinstance(screen, MergeScreen)
        schema = editor.session.schema
        names = [screen.result.describe_conflict(schema, c) for c in screen.result.conflicts]
        assert names == ["Chapeau", "Section 1 › Bloc 1 (paragraphe) › Texte"]
        await pilot.click("#mine-0")  # the copy's chapeau
        await pilot.click("#theirs-1")  # the chapter's paragraph
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is editor and editor.session.dirty)
        assert editor.session.data["chapeau"] == "Le chapeau de la copie."
        assert copy.exists()  # until the chapter is saved
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not editor.session.dirty)
    data = saved_data(workspace_dir)
    assert data["chapeau"] == "Le chapeau de la copie."
    assert ON_DISK_BEFORE in data["sections"][0]["blocs"][0]["texte"]
    assert not copy.exists()
