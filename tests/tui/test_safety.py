"""Many hands in the application: locks, conflicts, and recovery after a kill."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from authoring_tui.core.workspace import Workspace
from authoring_tui.tui.screens.dialogs import ConfirmModal
from authoring_tui.tui.screens.editor import EditorScreen

from ..test_many_hands import HOLD_LOCK
from .helpers import dashboard_loaded, make_app, open_in_editor, type_at_end, wait_for

TYPED = " Texte tapé avant la panne."

# A contributor types in the editor, the autosave parks it, then the process is killed.
TYPE_AND_WAIT = f"""
import asyncio, sys
from pathlib import Path
from authoring_tui.tui import strings
strings.AUTOSAVE_SECONDS = 0.3
from tests.tui.helpers import make_app, open_in_editor, type_at_end, wait_for

async def main():
    root = Path(sys.argv[1])
    app = make_app(root, "adurand")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v2-mobilite")
        await type_at_end(pilot, editor, ("sections", 0, "blocs", 0), {TYPED!r})
        recovery = root / "chapters" / ".v2-mobilite.recuperation.adurand.yaml"
        # Autosave parks what the form has applied; wait until it holds all of it.
        typed = lambda: recovery.exists() and {TYPED.strip()!r} in recovery.read_text("utf-8")
        await wait_for(pilot, typed, timeout=60)
        print("tapé", flush=True)
        await asyncio.sleep(3600)

asyncio.run(main())
"""


async def test_killed_with_unsaved_edits_then_restored_from_the_recovery_file(
    workspace_dir: Path,
) -> None:
    chapter = workspace_dir / "chapters" / "v2-mobilite.yaml"
    before = chapter.read_bytes()
    root = Path(__file__).resolve().parents[2]
    child = subprocess.Popen(
        [sys.executable, "-c", TYPE_AND_WAIT, str(workspace_dir)],
        cwd=root,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "tapé"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert chapter.read_bytes() == before  # nothing saved: only the recovery file

    app = make_app(workspace_dir, "adurand")
    async with app.run_test(size=(100, 32)) as pilot:
        await dashboard_loaded(pilot)
        app.screen.select_chapter("v2-mobilite")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal), timeout=60)
        editor = app.screen_stack[-2]
        assert isinstance(editor, EditorScreen)
        assert "pas été enregistrées" in app.screen.question  # type: ignore[attr-defined]
        await pilot.click("#restore")
        await wait_for(pilot, lambda: editor.session.dirty, timeout=60)
        texte = editor.session.data["sections"][0]["blocs"][0]["texte"]
        assert texte.endswith(TYPED)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not editor.session.dirty, timeout=60)
    assert TYPED.strip() in chapter.read_text(encoding="utf-8")
    assert not (workspace_dir / "chapters" / ".v2-mobilite.recuperation.adurand.yaml").exists()


async def test_a_chapter_locked_by_another_process_opens_read_only(workspace_dir: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(workspace_dir), "v2-mobilite", "tmoreau"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    chapter = workspace_dir / "chapters" / "v2-mobilite.yaml"
    before = chapter.read_bytes()
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "verrou pris"
        app = make_app(workspace_dir, "adurand")
        async with app.run_test(size=(100, 32)) as pilot:
            editor = await open_in_editor(pilot, "v2-mobilite")
            assert not editor.session.editable
            notices = [n.message for n in app._notifications]
            assert any("Verrouillé par Thomas Moreau (tmoreau)" in n for n in notices), notices
            await pilot.press("ctrl+s")
            await pilot.pause()
    finally:
        holder.kill()
        holder.wait()
    assert chapter.read_bytes() == before


async def test_editor_lock_is_released_when_back_on_the_dashboard(workspace_dir: Path) -> None:
    app = make_app(workspace_dir, "adurand")
    lock_info = workspace_dir / ".verrous" / "v2-mobilite.json"
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v2-mobilite")
        assert editor.session.editable and lock_info.exists()
        await pilot.press("escape")
        await wait_for(pilot, lambda: not lock_info.exists(), timeout=60)


async def test_a_save_that_meets_another_save_merges_both(workspace_dir: Path) -> None:
    """Issue 15: a change on disk to another field is merged, without a question
    (this test expected the conflict dialog before the merge existed)."""
    app = make_app(workspace_dir, "adurand")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v2-mobilite")
        other = Workspace.open(workspace_dir)  # someone else, in another editor
        theirs = other.store.load("v2-mobilite")
        theirs.data["titre"] = "Mobilité et déplacements"
        other.store.save(theirs)
        await type_at_end(pilot, editor, ("sections", 0, "blocs", 0), " Ma phrase.")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not editor.session.dirty, timeout=60)
        assert app.screen is editor
        assert editor.session.data["titre"] == "Mobilité et déplacements"
    assert not list((workspace_dir / "chapters").glob("v2-mobilite.conflit-*.yaml"))
    on_disk = (workspace_dir / "chapters" / "v2-mobilite.yaml").read_text(encoding="utf-8")
    assert "Mobilité et déplacements" in on_disk and "Ma phrase." in on_disk


async def test_a_save_that_cannot_be_merged_keeps_mine_aside(workspace_dir: Path) -> None:
    """The last resort: the disk's version does not read (a hand edit broke it), so
    nothing can be merged; mine is kept in a conflict copy, never lost."""
    app = make_app(workspace_dir, "adurand")
    path = workspace_dir / "chapters" / "v2-mobilite.yaml"
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v2-mobilite")
        await type_at_end(pilot, editor, ("sections", 0, "blocs", 0), " Ma phrase.")
        path.write_text(path.read_text(encoding="utf-8") + "titre: [pas fermé\n", "utf-8")
        broken = path.read_bytes()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal), timeout=60)
        question = app.screen.question  # type: ignore[attr-defined]
        assert "rien n’a été écrasé" in question and "ne peut pas être lue" in question
        assert path.read_bytes() == broken
        await pilot.click("#keep")
        await wait_for(pilot, lambda: not editor.session.dirty, timeout=60)
    kept = list((workspace_dir / "chapters").glob("v2-mobilite.conflit-adurand-*.yaml"))
    assert len(kept) == 1 and "Ma phrase." in kept[0].read_text(encoding="utf-8")
    assert path.read_bytes() == broken
