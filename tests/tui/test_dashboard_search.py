"""The dashboard's search: accents and case ignored, the whole report searched,
and what the other filters would have hidden said, not dropped silently."""

from __future__ import annotations

import datetime
from pathlib import Path

from textual.widgets import DataTable

from authoring_tui.core.workspace import Workspace
from authoring_tui.tui import strings as S
from authoring_tui.tui.app import AuthoringApp
from authoring_tui.tui.screens.dashboard import search_key

from .helpers import dashboard_loaded, make_app, wait_for
from .test_markup import screen_text


def shown_rows(app: object) -> dict[str, str]:
    """Each row's key → the text of its title column."""
    table = app.screen.query_one("#chapters", DataTable)  # type: ignore[attr-defined]
    return {str(key.value): str(table.get_row(key)[1]) for key in table.rows}


def test_search_key_drops_accents_case_and_spaces() -> None:
    assert search_key("  Économie et EMPLOI ") == "economie et emploi"
    assert search_key("Île-de-France, cœur") == "ile-de-france, cœur"


async def test_a_writer_finds_another_dga_s_chapter_without_its_accents(
    workspace_dir: Path,
) -> None:
    app = make_app(workspace_dir, "fgarcia")  # « Mes chapitres »: V/3 only
    async with app.run_test(size=(100, 32)) as pilot:
        await dashboard_loaded(pilot)
        assert [k for k in shown_rows(app) if not k.startswith("part:")] == ["v3-infrastructures"]

        await pilot.press("slash", *"economie")
        await wait_for(pilot, lambda: "part:search" in shown_rows(app))
        rows = shown_rows(app)
        assert "v1-economie-emploi" in rows and rows["v1-economie-emploi"] == "Économie et emploi"
        assert "v3-infrastructures" not in rows
        beyond = S.SEARCH_BEYOND_FILTERS[0]
        assert rows["part:search"] == beyond  # one match outside « Mes chapitres »

        await pilot.press("enter")  # back to the table, on the first chapter found
        table = app.screen.query_one("#chapters", DataTable)
        await wait_for(pilot, lambda: table.has_focus)
        assert str(list(table.rows)[table.cursor_row].value) == "v1-economie-emploi"


async def test_search_by_number_and_dga_and_nothing_found(workspace_dir: Path) -> None:
    app = make_app(workspace_dir, "mlegrand")  # the whole report: nothing hidden
    async with app.run_test(size=(100, 32)) as pilot:
        await dashboard_loaded(pilot)
        await pilot.press("slash", *"vi/3")
        await pilot.pause()
        rows = shown_rows(app)
        assert [k for k in rows if not k.startswith("part:")] == ["vi3-finances-budget"]
        assert "part:search" not in rows

        search = app.screen.query_one("#filter-search")
        search.value = "dga mobilite"  # type: ignore[attr-defined]
        await pilot.pause()
        assert "v2-mobilite" in shown_rows(app)

        search.value = "zzz introuvable"  # type: ignore[attr-defined]
        await pilot.pause()
        assert list(shown_rows(app).values()) == [S.NO_SEARCH_MATCH]


async def test_ctrl_c_says_how_to_quit_in_french(workspace_dir: Path) -> None:
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await dashboard_loaded(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause(0.3)
        shown = " ".join(screen_text(pilot).split())
        assert S.QUIT_HINT_TITLE.replace("\xa0", " ") in shown
        assert "Appuyez sur Ctrl+Q" in shown and "Press" not in shown
        assert app.is_running  # Ctrl+C does not quit


async def test_late_chapters_show_their_days_late_in_their_own_column(
    workspace_dir: Path,
) -> None:
    after_deadline = datetime.date(2021, 4, 12)  # most chapters are due on 31 March
    app = AuthoringApp(Workspace.open(workspace_dir), "mlegrand", today=after_deadline)
    async with app.run_test(size=(100, 32)) as pilot:
        await dashboard_loaded(pilot)
        table = app.screen.query_one("#chapters", DataTable)
        screen = app.screen
        await wait_for(pilot, lambda: len(screen.measured) == len(screen.statuses))
        today = app.today
        open_ = [s for s in screen.statuses.values() if s.statut != "valide" and s.echeance]
        late = [s for s in open_ if s.echeance < today]
        assert late and len(late) < len(screen.statuses)
        for status in late:
            days = (today - status.echeance).days
            assert str(table.get_cell(status.id, "retard")) == f"+{days}\u00a0j"
        on_time = [s for s in screen.statuses.values() if s not in late]
        assert all(str(table.get_cell(s.id, "retard")) == "" for s in on_time)
        # the column is on screen at 100 columns: its left edge is inside the table
        lateness = [c.key.value for c in table.ordered_columns].index("retard")
        left = sum(c.get_render_width(table) for c in table.ordered_columns[:lateness])
        assert left + 7 <= table.size.width
