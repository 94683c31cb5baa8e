"""Snapshots of every screen at 100×32, on a copy of the sample with frozen dates.

Regenerate after a deliberate change with ``pytest tests/tui/test_snapshots.py
--snapshot-update`` and review the SVGs in the diff.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import RadioSet

from authoring_tui.core.workspace import Workspace
from authoring_tui.tui.app import AuthoringApp
from authoring_tui.tui.screens.dialogs import ConfirmModal
from authoring_tui.tui.screens.editor import EditorScreen
from authoring_tui.tui.screens.export import ExportScreen
from authoring_tui.tui.screens.help import HelpScreen
from authoring_tui.tui.screens.proofreading import ProofreadingScreen
from authoring_tui.tui.screens.review import ReviewScreen
from authoring_tui.tui.widgets.table_grid import GridBox

from ..word_editing import proofread
from .helpers import dashboard_loaded, freeze_mtimes, make_app, open_in_editor, wait_for

SIZE = (100, 32)
AFTER_DEADLINE = datetime.date(2021, 4, 12)


@pytest.fixture
def frozen_workspace(workspace_dir: Path) -> Path:
    freeze_mtimes(workspace_dir)
    return workspace_dir


async def settle(pilot: Any) -> None:
    """Wait until two screenshots in a row agree (Markdown and focus styles land late)."""
    await pilot.wait_for_scheduled_animations()
    previous = None
    for _ in range(50):
        await pilot.pause(0.2)
        current = pilot.app.export_screenshot()
        if current == previous:
            return
        previous = current


def test_dashboard(snap_compare: Any, frozen_workspace: Path) -> None:
    async def run_before(pilot: Any) -> None:
        await dashboard_loaded(pilot)
        await settle(pilot)

    assert snap_compare(
        make_app(frozen_workspace, "mlegrand"), terminal_size=SIZE, run_before=run_before
    )


def test_dashboard_at_80_by_24_after_the_deadline(
    snap_compare: Any, frozen_workspace: Path
) -> None:
    """The smallest terminal: the keys F1 and Exporter, and the « Retard » column."""

    async def run_before(pilot: Any) -> None:
        await dashboard_loaded(pilot)
        await settle(pilot)

    app = AuthoringApp(Workspace.open(frozen_workspace), "mlegrand", today=AFTER_DEADLINE)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_editor_zoom_and_key_figures(snap_compare: Any, frozen_workspace: Path) -> None:
    """v3-infrastructures: section 1 holds a key-figures block and a zoom box."""

    async def run_before(pilot: Any) -> None:
        app = pilot.app
        await dashboard_loaded(pilot)
        app.screen.select_chapter("v3-infrastructures")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EditorScreen))
        await app.screen.show_path(("sections", 0, "blocs", 9))  # the key figures
        await settle(pilot)

    assert snap_compare(
        make_app(frozen_workspace, "fgarcia"), terminal_size=SIZE, run_before=run_before
    )


def test_editor_table_grid_at_80_by_24(snap_compare: Any, frozen_workspace: Path) -> None:
    """VI/3's five-column table in its grid: the header row pinned and marked, long
    cells cut with « … », the cursor on a cell, the grid's keys in the footer."""

    async def run_before(pilot: Any) -> None:
        editor = await open_in_editor(pilot, "vi3-finances-budget")
        form = await editor.show_path(("sections", 5, "blocs", 1))
        editor.set_focus(form.query_one(GridBox).focus_target())
        await pilot.press("down", "right", "right")
        await settle(pilot)

    app = make_app(frozen_workspace, "nfaure")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_review(snap_compare: Any, frozen_workspace: Path) -> None:
    async def run_before(pilot: Any) -> None:
        app = pilot.app
        await dashboard_loaded(pilot)
        app.screen.select_chapter("v2-mobilite")
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))
        await pilot.press("down")
        await settle(pilot)

    assert snap_compare(
        make_app(frozen_workspace, "mlegrand"), terminal_size=SIZE, run_before=run_before
    )


def test_export_dialog(snap_compare: Any, frozen_workspace: Path) -> None:
    async def run_before(pilot: Any) -> None:
        await dashboard_loaded(pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExportScreen))
        scope = pilot.app.screen.query_one(RadioSet)
        await wait_for(pilot, lambda: scope.has_focus)
        await pilot.pause(0.5)  # the focused set highlights its first button on the next refresh
        await settle(pilot)

    assert snap_compare(
        make_app(frozen_workspace, "mlegrand"), terminal_size=SIZE, run_before=run_before
    )


def test_help(snap_compare: Any, frozen_workspace: Path) -> None:
    async def run_before(pilot: Any) -> None:
        await dashboard_loaded(pilot)
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))
        await settle(pilot)

    assert snap_compare(
        make_app(frozen_workspace, "mlegrand"), terminal_size=SIZE, run_before=run_before
    )


def test_delete_dialog_buttons_at_80_by_24(snap_compare: Any, frozen_workspace: Path) -> None:
    """F7 on a filled block: « Annuler » has the focus; → moves it to « Supprimer »."""

    async def run_before(pilot: Any) -> None:
        app = pilot.app
        await dashboard_loaded(pilot)
        app.screen.select_chapter("v3-infrastructures")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EditorScreen))
        await app.screen.show_path(("sections", 0, "blocs", 0))
        await pilot.press("f7")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("right")
        await settle(pilot)

    assert snap_compare(
        make_app(frozen_workspace, "fgarcia"), terminal_size=(80, 24), run_before=run_before
    )


def test_proofreading_review_at_80_by_24(snap_compare: Any, frozen_workspace: Path) -> None:
    """« Relecture Word » (w): a proofread export of V/2, its correction and comment."""
    proofread(frozen_workspace)
    freeze_mtimes(frozen_workspace)

    async def run_before(pilot: Any) -> None:
        await dashboard_loaded(pilot)
        await pilot.press("w")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ProofreadingScreen))
        await pilot.press("enter")
        await wait_for(pilot, lambda: pilot.app.screen.document is not None)
        await settle(pilot)

    assert snap_compare(
        make_app(frozen_workspace, "mlegrand"), terminal_size=(80, 24), run_before=run_before
    )
