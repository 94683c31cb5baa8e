"""The header line: the screen's title whole at 80 columns, the user's name and
role shortened with an ellipsis, and only where they do not fit."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from .helpers import dashboard_loaded, make_app


def header_parts(app: object) -> tuple[Static, Static]:
    screen = app.screen  # type: ignore[attr-defined]
    return screen.query_one("#app-header-title", Static), screen.query_one(
        "#app-header-user", Static
    )


def fits(part: Static) -> bool:
    """Whether the whole text shows (no ellipsis): its width holds every cell."""
    return part.content_size.width >= len(str(part.content))


async def test_the_dashboard_title_shows_whole_at_80_columns(workspace_dir: Path) -> None:
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(80, 24)) as pilot:
        await dashboard_loaded(pilot)
        title, user = header_parts(app)
        assert fits(title), str(title.content)
        assert not fits(user)  # the long role gives way, with an ellipsis

        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        title, user = header_parts(app)
        assert fits(title) and fits(user)
