"""A DGA's YAML comment shows above the form of what it precedes."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from .helpers import make_app, open_in_editor, wait_for


async def test_the_note_left_in_the_file_shows_on_the_chapter_s_form(workspace_dir: Path) -> None:
    app = make_app(workspace_dir, "oandre")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "vi5-entretien-batiments")
        await wait_for(pilot, lambda: bool(editor.query(".file-notes")))
        (notes,) = editor.query(".file-notes").results(Static)
        shown = str(notes.render())
        assert "Note laissée dans le fichier" in shown
        assert "À rédiger : section « Principales réalisations 2020 »" in shown
        await editor.show_path(("sections", 0))
        await pilot.pause()
        assert not editor.query(".file-notes"), "the note belongs to the chapter, not a section"
