"""The dashboard with a bare-date title, an impossible date and an unreadable chapter."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from authoring_tui.tui.screens.dialogs import ErrorModal

from ..test_typed_values import BARE_DATE, IMPOSSIBLE_DATE, UNREADABLE, spoil
from .helpers import dashboard_loaded, make_app, wait_for


def cell(table: DataTable[object], row: str, column: str) -> str:
    return str(table.get_cell(row, column))


async def test_the_dashboard_lists_every_chapter_and_says_why_one_is_unreadable(
    workspace_dir: Path,
) -> None:
    spoil(workspace_dir)
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(140, 40)) as pilot:
        await dashboard_loaded(pilot)
        table = app.screen.query_one("#chapters", DataTable)
        chapters = [str(key.value) for key in table.rows if not str(key.value).startswith("part:")]
        assert len(chapters) == 21
        assert cell(table, BARE_DATE, "titre") == "2021-03-31"
        assert cell(table, IMPOSSIBLE_DATE, "erreurs") == "1"
        assert cell(table, UNREADABLE, "statut") == "Illisible"
        assert cell(table, UNREADABLE, "erreurs") == "1"
        unreadable = app.screen.statuses[UNREADABLE]  # type: ignore[attr-defined]
        assert unreadable.completeness.filled == 0 and unreadable.completeness.total > 0
        assert "100" not in cell(table, UNREADABLE, "completude")

        app.screen.select_chapter(UNREADABLE)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ErrorModal))
        message = app.screen.message  # type: ignore[attr-defined]
        assert f"chapters/{UNREADABLE}.yaml, ligne 6" in message
        assert "le YAML est mal formé" in message
