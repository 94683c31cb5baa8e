"""« Historique » (F9): earlier versions with who and when, the fields that differ,
and a restore that is an ordinary save, undoable, within the user's role."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from textual.widgets import Button, OptionList, Static

from authoring_tui.cli.main import main
from authoring_tui.tui.screens.dialogs import ConfirmModal
from authoring_tui.tui.screens.history import HistoryScreen

from .helpers import make_app, open_in_editor, type_at_end, wait_for

TEXTE = ("sections", 0, "blocs", 0, "texte")
MOMENT = re.compile(r"\b\d{1,2}(er)? [a-zéû]+ \d{4} à \d{1,2}\u00a0h\u00a0\d{2}\b")


def chapter_file(workspace_dir: Path) -> Path:
    return workspace_dir / "chapters" / "v2-mobilite.yaml"


def saved(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def lines(app: Any) -> list[str]:
    options = app.screen.query_one("#versions", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def diff_text(app: Any) -> str:
    return str(app.screen.query_one("#version-diff-text", Static).render())


async def open_history(pilot: Any) -> HistoryScreen:
    await pilot.press("f9")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, HistoryScreen))
    await pilot.pause()
    return pilot.app.screen  # type: ignore[no-any-return]


async def test_two_saves_listed_compared_and_one_restored(workspace_dir: Path) -> None:
    path = chapter_file(workspace_dir)
    original = path.read_bytes()
    app = make_app(workspace_dir, "adurand")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v2-mobilite")
        for added in (" Un.", " Deux."):
            await type_at_end(pilot, editor, TEXTE[:-1], added)
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert not editor.session.dirty

        await open_history(pilot)

        first, second = lines(app)
        assert first.startswith("n° 1 · ") and "par Alice Durand (adurand)" in first
        assert second.startswith("n° 2 · ") and second.endswith("par inconnu")
        assert MOMENT.search(first) and re.search(r"\d+,\d\u00a0Ko", first)
        shown = diff_text(app)  # n° 1 is highlighted: one field differs
        assert "(1)" in shown and "Section 1 › Bloc 1 (paragraphe) › Texte" in shown
        assert "Un. »" in shown and "Un. Deux. »" in shown

        await pilot.press("down")
        await pilot.pause()
        assert "Section 1 › Bloc 1 (paragraphe) › Texte" in diff_text(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        assert isinstance(app.focused, Button) and app.focused.id == "no"
        await pilot.click("#yes")
        await wait_for(pilot, lambda: app.screen is editor)
        await pilot.pause()

        assert path.read_bytes() == original
        assert len(editor.session.workspace.store.history.versions("v2-mobilite")) == 3
        assert not editor.session.dirty
        assert not editor.session.get(TEXTE).endswith("Deux.")

        await pilot.press("ctrl+z")  # the restore is one change, undone
        await pilot.pause()
        assert editor.session.get(TEXTE).endswith("Un. Deux.")
        assert editor.session.dirty


async def test_a_writer_restores_the_content_never_a_reserved_field(workspace_dir: Path) -> None:
    path = chapter_file(workspace_dir)
    before = saved(path)
    ws = ["-w", str(workspace_dir)]
    assert main(["statut", *ws, "-u", "mlegrand", "v2-mobilite", "a_reprendre"]) == 0
    app = make_app(workspace_dir, "adurand")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v2-mobilite")
        await open_history(pilot)
        assert "Statut\n  version n° 1 : « À relire »\n  actuel : « À reprendre »" in diff_text(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.click("#yes")
        await wait_for(pilot, lambda: app.screen is editor)
        await pilot.pause()
        assert not editor.session.dirty

    after = saved(path)
    assert after["statut"] == "a_reprendre"  # the secrétariat's status stays
    assert after["historique_statut"][-1]["par"] == "mlegrand"
    assert after["sections"] == before["sections"]  # the content is the version's
    assert len(after["historique_statut"]) == len(before.get("historique_statut", [])) + 1


async def test_a_reader_sees_the_versions_and_cannot_restore(workspace_dir: Path) -> None:
    path = chapter_file(workspace_dir)
    ws = ["-w", str(workspace_dir)]
    assert main(["statut", *ws, "-u", "mlegrand", "v2-mobilite", "a_reprendre"]) == 0
    current = path.read_bytes()
    app = make_app(workspace_dir, "fgarcia")  # not a writer of V/2
    async with app.run_test(size=(100, 32)) as pilot:
        await open_in_editor(pilot, "v2-mobilite")
        screen = await open_history(pilot)
        assert len(lines(app)) == 1 and lines(app)[0].endswith("par inconnu")
        assert not screen.query("#restore")

        await pilot.press("enter")
        await pilot.pause()

        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HistoryScreen)
    assert path.read_bytes() == current
