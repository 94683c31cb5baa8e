"""A list of 100 000 items (a pasted directory of logins) keeps the editor usable:
only a page of it is made at a time."""

from __future__ import annotations

from pathlib import Path

from authoring_tui.tui.forms.builder import LIST_PAGE
from authoring_tui.tui.screens.editor import EditorScreen
from authoring_tui.tui.widgets.fields import GroupBox, ListBox

from .helpers import dashboard_loaded, make_app, type_at_end, wait_for

COUNT = 100_000


async def test_a_list_of_100_000_logins_is_shown_a_page_at_a_time(workspace_dir: Path) -> None:
    chapter = workspace_dir / "chapters" / "v3-infrastructures.yaml"
    lines = chapter.read_text("utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("redacteurs:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith(" "))
    logins = ["redacteurs:", *(f"  - agent{n}" for n in range(COUNT))]
    chapter.write_text("\n".join([*lines[:start], *logins, *lines[end:]]) + "\n", "utf-8")
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(100, 32)) as pilot:
        await dashboard_loaded(pilot)
        app.screen.select_chapter("v3-infrastructures")  # type: ignore[attr-defined]
        await pilot.press("enter")
        # Reading and checking 100 000 items takes seconds (not a speed test:
        # a loaded CI machine gets all the time it needs).
        await wait_for(pilot, lambda: isinstance(app.screen, EditorScreen), timeout=600)
        editor = app.screen
        await wait_for(pilot, lambda: bool(editor.query(ListBox)), timeout=600)
        box = next(b for b in editor.query(ListBox) if b.spec.path == ("redacteurs",))
        assert len(box.query(GroupBox)) == LIST_PAGE
        await box.show_more()
        await pilot.pause()
        assert len(box.query(GroupBox)) == 2 * LIST_PAGE
        assert editor.session.data["redacteurs"][COUNT - 1] == f"agent{COUNT - 1}"
        # Typing goes on while the chapter is revalidated in a worker, on a copy.
        assert editor.session.large and editor.session.completeness.percent < 100.0
        await type_at_end(pilot, editor, ("chapeau",), "Un chapeau.")
        assert editor.session.data["chapeau"] == "Un chapeau."
        await wait_for(pilot, lambda: editor.session.completeness.percent == 100.0, 600)
        await wait_for(pilot, lambda: _idle(app), 600)
        assert editor.session.issues == []


def _idle(app: object) -> bool:
    workers = getattr(app, "workers", [])
    return not [w for w in workers if w.group == "validation" and w.is_running]
