"""Review: the secrétariat comments and validates; a contributor is refused."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from authoring_tui.core.yamlio import read_yaml
from authoring_tui.tui.screens.dialogs import ConfirmModal, ErrorModal, TextPromptModal
from authoring_tui.tui.screens.review import ReviewScreen
from authoring_tui.tui.widgets.block_view import BlockView

from .helpers import dashboard_loaded, make_app, wait_for


def load(path: Path) -> Any:
    """The file as the tool reads it: dates are the text written (``2021-03-20``)."""
    return read_yaml(path, round_trip=False).data


async def open_review(pilot: Any, chapter_id: str) -> ReviewScreen:
    app = pilot.app
    await dashboard_loaded(pilot)
    app.screen.select_chapter(chapter_id)
    await pilot.press("r")
    await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))
    await pilot.pause()
    return app.screen  # type: ignore[no-any-return]


async def test_secretariat_comments_a_block_and_the_comment_is_in_the_yaml(
    workspace_dir: Path,
) -> None:
    chapter = workspace_dir / "chapters" / "v3-infrastructures.yaml"
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(100, 32)) as pilot:
        review = await open_review(pilot, "v3-infrastructures")
        await pilot.press("down", "down")  # root → section 1 → its first paragraph
        assert isinstance(review.focused, BlockView)
        assert review.focused.entry.path == ("sections", 0, "blocs", 0)
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPromptModal))
        await pilot.press(*"Chiffre à vérifier.")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is review)
    data = load(chapter)
    comment = data["commentaires"][0]
    assert re.fullmatch(r"2021-03-20T\d\d:\d\d:\d\d", comment.pop("date"))
    assert comment == {
        "bloc": data["sections"][0]["blocs"][0]["ancre"],
        "auteur": "mlegrand",
        "texte": "Chiffre à vérifier.",
        "resolu": False,
    }


async def test_secretariat_validates_and_the_history_records_it(workspace_dir: Path) -> None:
    chapter = workspace_dir / "chapters" / "v2-mobilite.yaml"
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(100, 32)) as pilot:
        review = await open_review(pilot, "v2-mobilite")
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.click("#validate")
        await wait_for(pilot, lambda: review.session.statut == "valide")
        await pilot.pause()
        assert "Validé" in str(review.query_one("#history").render())
    data = load(chapter)
    assert data["statut"] == "valide"
    assert data["historique_statut"][-1]["statut"] == "valide"
    assert data["historique_statut"][-1]["par"] == "mlegrand"


async def test_a_contributor_cannot_validate(workspace_dir: Path) -> None:
    chapter = workspace_dir / "chapters" / "v2-mobilite.yaml"
    before = chapter.read_bytes()
    app = make_app(workspace_dir, "adurand")
    async with app.run_test(size=(100, 32)) as pilot:
        await open_review(pilot, "v2-mobilite")
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, ErrorModal))
        message = app.screen.message  # type: ignore[attr-defined]
        assert "ne peut pas passer ce chapitre" in message
        assert "Validé" in message
    assert chapter.read_bytes() == before
