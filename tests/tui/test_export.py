"""Export from the dialog: the real exporter runs in a worker and the DOCX appears."""

from __future__ import annotations

import zipfile
from pathlib import Path

from textual.widgets import Static

from authoring_tui.tui.screens.export import ExportScreen

from .helpers import dashboard_loaded, make_app, wait_for


async def test_export_dialog_produces_the_docx(workspace_dir: Path) -> None:
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(100, 32)) as pilot:
        await dashboard_loaded(pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        dialog = app.screen
        await pilot.click("#export-output")
        await pilot.press(*"exports/essai.docx")
        await pilot.press("ctrl+s")
        result = dialog.query_one("#export-result", Static)
        await wait_for(pilot, lambda: "Document produit" in str(result.render()), timeout=120)
    output = workspace_dir / "exports" / "essai.docx"
    assert output.is_file()
    with zipfile.ZipFile(output) as docx:
        assert "word/document.xml" in docx.namelist()
        assert "Mobilité" in docx.read("word/document.xml").decode("utf-8")
