"""What a chapter, a schema or a lock file says is shown as typed, never read as
rich markup: « [/i] » raises nothing, « [version courte] » keeps its brackets."""

from __future__ import annotations

import datetime
import html
import json
import re
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from authoring_tui.tui.screens.comments import CommentsModal
from authoring_tui.tui.screens.dialogs import ChoiceModal
from authoring_tui.tui.screens.editor import EditorScreen
from authoring_tui.tui.screens.review import ReviewScreen
from authoring_tui.tui.widgets.block_view import BlockView

from .helpers import dashboard_loaded, make_app, open_in_editor, wait_for

CHAPTER = "v2-mobilite"
WRITER = "adurand"
TITLE = "[/i]Édito [version courte] [bold]gras[/bold] [link=https://x.fr]lien[/link]"
NUMERO = "[/]V/2"
DGA = "DGA [/b][red]Mobilité[/red]"
COMMENT = "Voir [bold]ce[/bold] point [/] et [version 2]"
PARAGRAPH = "[/u]Un paragraphe [b]brut[/b] [link=https://x.fr]lien[/link]"
HISTORY_LOGIN = "[/b]adurand"
HISTORY_STATUS = "[b]fini[/b]"
HOLDER = "[red]X[/red] [/]"
FIGURE = "[/]deuxième [b]opération[/b]"
SIZE = (220, 60)


def hostile_workspace(root: Path) -> None:
    """The sample, with markup in the chapter's fields and in a lock holder's name."""
    path = root / "chapters" / f"{CHAPTER}.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in [
        ("titre: Mobilité\n", f"titre: {json.dumps(TITLE, ensure_ascii=False)}\n"),
        ("numero: V/2\n", f"numero: {json.dumps(NUMERO)}\n"),
        ("dga: DGA Mobilité\n", f"dga: {json.dumps(DGA, ensure_ascii=False)}\n"),
        (
            "{statut: a_relire, par: adurand,",
            f"{{statut: {json.dumps(HISTORY_STATUS)}, par: {json.dumps(HISTORY_LOGIN)},",
        ),
        (
            "libelle: deuxième opération, entre Gèze et la Rouvière\n",
            f"libelle: {json.dumps(FIGURE, ensure_ascii=False)}\n",
        ),
    ]:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    text, count = re.subn(
        r"texte: Préciser si les 320.*\n", f"texte: {json.dumps(COMMENT)}\n", text
    )
    assert count == 1
    first_paragraph = re.search(r"texte: >-\n( {10}.*\n)+", text)
    assert first_paragraph is not None
    text = text.replace(first_paragraph.group(0), f"texte: {json.dumps(PARAGRAPH)}\n", 1)
    path.write_text(text, encoding="utf-8")
    locks = root / ".verrous"
    locks.mkdir(exist_ok=True)
    holder = {
        "login": "jdoe",
        "nom": HOLDER,
        "host": "[b]autre-poste",
        "pid": 1,
        "since": datetime.datetime.now().replace(microsecond=0).isoformat(),
    }
    (locks / f"{CHAPTER}.json").write_text(json.dumps(holder), encoding="utf-8")


def screen_text(pilot: Pilot[Any]) -> str:
    """Every character on the terminal, line by line (from the app's screenshot)."""
    svg = pilot.app.export_screenshot()
    lines: dict[str, list[str]] = {}
    for y, content in re.findall(r'<text [^>]*y="([0-9.]+)"[^>]*>([^<]*)</text>', svg):
        lines.setdefault(y, []).append(html.unescape(content).replace("\xa0", " "))
    ordered = sorted(lines.items(), key=lambda item: float(item[0]))
    return "\n".join("".join(parts) for _, parts in ordered)


def assert_shown(pilot: Pilot[Any], *texts: str) -> None:
    shown = screen_text(pilot)
    for text in texts:
        assert text in shown, f"{text!r} is not on screen:\n{shown}"


async def test_the_dashboard_shows_titles_numbers_and_dga_as_typed(workspace_dir: Path) -> None:
    hostile_workspace(workspace_dir)
    app = make_app(workspace_dir, WRITER)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await dashboard_loaded(pilot)
        app.screen.select_chapter(CHAPTER)
        await pilot.pause()
        assert_shown(pilot, "[/i]Édito [version courte]", "[/]V/", "DGA [/b][red]Mobilit")
        app.screen.query_one("#filter-dga").value = DGA
        await pilot.pause()
        assert_shown(pilot, DGA)
        await pilot.press("ctrl+p")  # the palette lists the chapters, then finds one
        await pilot.pause(0.3)
        assert_shown(pilot, "[/i]Édito [version courte]")
        await pilot.press(*"version")
        await pilot.pause(0.3)
        assert_shown(pilot, "[/i]Édito [version courte]", "DGA [/b][red]Mobilit")


async def test_the_editor_the_lock_refusal_the_comments_and_the_error_list(
    workspace_dir: Path,
) -> None:
    hostile_workspace(workspace_dir)
    app = make_app(workspace_dir, WRITER)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        editor = await open_in_editor(pilot, CHAPTER)
        await pilot.pause(0.3)
        assert isinstance(editor, EditorScreen) and not editor.session.editable
        assert_shown(pilot, f"{NUMERO} {TITLE}", "Verrouillé par [red]X[/red] [/] (jdoe)")
        await editor.show_path(("sections", 0, "blocs", 0))
        await pilot.pause()
        assert_shown(pilot, PARAGRAPH)
        await pilot.press("f4")
        await wait_for(pilot, lambda: isinstance(app.screen, CommentsModal))
        await pilot.pause()
        assert_shown(pilot, COMMENT)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, EditorScreen))
        editor.action_error_list()
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceModal))
        await pilot.pause()
        assert_shown(pilot, "valeur « [b]fini[/b] » inconnue")  # an error quoting a value


async def test_the_review_screen_shows_the_text_the_history_and_comments_as_typed(
    workspace_dir: Path,
) -> None:
    hostile_workspace(workspace_dir)
    (workspace_dir / ".verrous" / f"{CHAPTER}.json").unlink()
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await dashboard_loaded(pilot)
        app.screen.select_chapter(CHAPTER)
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))
        await pilot.pause(0.3)
        assert_shown(pilot, TITLE, PARAGRAPH, f"{HISTORY_STATUS} · par {HISTORY_LOGIN}")
        figures = ("sections", 2, "blocs", 6)
        view = next(v for v in app.screen.query(BlockView) if v.entry.path == figures)
        app.screen.query_one("#review-doc").scroll_to_widget(view, animate=False)
        await pilot.pause()
        assert_shown(pilot, FIGURE)  # a cell of a figure table
        await pilot.press("f4")
        await wait_for(pilot, lambda: isinstance(app.screen, CommentsModal))
        await pilot.pause()
        assert_shown(pilot, COMMENT)


async def test_the_form_shows_the_schemas_titles_as_typed(workspace_dir: Path) -> None:
    schema_file = workspace_dir / "schema" / "chapitre.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["$defs"]["identifiant"]["title"] = "[/]Identifiant [x]"
    schema["$defs"]["paragraphe"]["title"] = "[/b]Paragraphe [v2]"
    schema_file.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_in_editor(pilot, CHAPTER)
        await pilot.pause()
        assert_shown(pilot, "[/]Identifiant [x] 1", "Ajouter : [/]Identifiant [x]")
        await editor.show_path(("sections", 0, "blocs", 0))
        await pilot.pause()
        assert_shown(pilot, "[/b]Paragraphe [v2]")  # the block's type chooser
