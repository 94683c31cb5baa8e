"""« Relecture Word… » from the dashboard: a proofread export of V/2 read, one
correction refused, the rest saved through the real store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from authoring_tui.core.workspace import Workspace
from authoring_tui.tui.app import AuthoringApp
from authoring_tui.tui.screens.proofreading import ProofreadingScreen

from ..word_editing import CHAPTER, COMMENT_BLOCK, proofread
from .helpers import dashboard_loaded, make_app, wait_for


async def open_review(pilot: Pilot[Any], app: AuthoringApp) -> ProofreadingScreen:
    await dashboard_loaded(pilot)
    await pilot.press("w")
    await wait_for(pilot, lambda: isinstance(app.screen, ProofreadingScreen))
    screen = app.screen
    assert isinstance(screen, ProofreadingScreen)
    files = screen.query_one("#proofread-files", OptionList)
    assert "relu.docx" in str(files.get_option_at_index(0).prompt)
    await pilot.press("enter")
    await wait_for(pilot, lambda: screen.document is not None)
    return screen


async def test_a_refused_correction_is_not_written_the_comment_is(workspace_dir: Path) -> None:
    proofread(workspace_dir)
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_review(pilot, app)
        items = screen.query_one("#proofread-items", OptionList)
        shown = [str(items.get_option_at_index(i).prompt) for i in range(items.option_count)]
        assert "V/2 — Mobilité" in shown[0]
        assert "automatique" in shown[1] and "autonome" in shown[1]
        assert "Source du chiffre ?" in shown[2]
        assert items.highlighted == 1, "the first correction, not the chapter's heading"
        await pilot.press("space")
        assert str(items.get_option_at_index(1).prompt).startswith("[ ]")
        await pilot.press("ctrl+s")
        result = screen.query_one("#proofread-result", Static)
        await wait_for(pilot, lambda: "1 commentaire ajouté" in str(result.render()))
        await wait_for(pilot, lambda: items.option_count == 2, timeout=30)
        await pilot.press("escape")
    data = Workspace.open(workspace_dir).store.load(CHAPTER).data
    assert "automatique" in str(data["sections"][0]["blocs"][0]["texte"])
    comment = data["commentaires"][-1]
    assert (comment["bloc"], comment["texte"]) == (COMMENT_BLOCK, "Source du chiffre ?")


async def test_accepting_everything_replaces_the_word(workspace_dir: Path) -> None:
    proofread(workspace_dir)
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot, app)
        await pilot.press("n")
        await pilot.press("a")
        await pilot.press("ctrl+s")
        result = screen.query_one("#proofread-result", Static)
        await wait_for(pilot, lambda: "1 correction appliquée" in str(result.render()))
    text = Workspace.open(workspace_dir).store.load(CHAPTER).data["sections"][0]["blocs"][0]
    assert "peu à peu autonome" in str(text["texte"])
