"""Dialogs in the smallest terminal the app supports (80×24): every button fits."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button

from authoring_tui.tui import strings as S
from authoring_tui.tui.screens.dialogs import ConfirmModal

from .helpers import dashboard_loaded, make_app

ANSWER_SETS = {
    "unsaved": [
        ("save", S.UNSAVED_SAVE, "primary"),
        ("discard", S.UNSAVED_DISCARD, "error"),
        ("cancel", S.CANCEL, "default"),
    ],
    "conflict": [
        ("keep", S.CONFLICT_KEEP, "primary"),
        ("reload", S.CONFLICT_RELOAD, "error"),
        ("cancel", S.CANCEL, "default"),
    ],
}


@pytest.mark.parametrize("answers", ANSWER_SETS.values(), ids=list(ANSWER_SETS))
async def test_three_answers_fit_in_80_columns(
    workspace_dir: Path, answers: list[tuple[str, str, str]]
) -> None:
    app = make_app(workspace_dir, "fgarcia")
    async with app.run_test(size=(80, 24)) as pilot:
        await dashboard_loaded(pilot)
        app.push_screen(ConfirmModal("Titre", "Une question ?", answers))
        await pilot.pause()
        dialog = app.screen.query_one(".dialog").content_region
        for button in app.screen.query(Button):
            inside = button.region.x >= dialog.x and button.region.right <= dialog.right
            assert inside, f"« {button.label} » sort du dialogue"
            assert button.size.width >= len(str(button.label)) + 2  # the whole label shows
