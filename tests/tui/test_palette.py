"""The command palette answers in French, also when nothing matches."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandList, CommandPalette

from authoring_tui.tui import strings as S

from .helpers import dashboard_loaded, make_app, wait_for


def prompts(app: object) -> list[str]:
    options = app.screen.query_one(CommandList)  # type: ignore[attr-defined]
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_a_search_with_no_match_says_so_in_french(workspace_dir: Path) -> None:
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(100, 32)) as pilot:
        await dashboard_loaded(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"zzqx")
        expected = S.PALETTE_NO_MATCH.format(query="zzqx")
        await wait_for(pilot, lambda: any(expected in p for p in prompts(app)))
        await pilot.pause(1.0)  # Textual's own notice would come after half a second
        assert not any("No matches" in p for p in prompts(app)), prompts(app)
        await pilot.press("backspace", "backspace", "backspace", "backspace", *"mobilit")
        await wait_for(pilot, lambda: any("Mobilité" in p for p in prompts(app)))
        assert not any(expected in p for p in prompts(app))
