"""Opening chapters one after another, and a chapter far bigger than the sample's."""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path
from typing import Any

import pytest

from authoring_tui.cli.main import main
from authoring_tui.tui.screens.editor import EditorScreen
from authoring_tui.tui.screens.review import ReviewScreen
from authoring_tui.tui.widgets.fields import FieldInput, FieldTextArea
from authoring_tui.tui.widgets.node_form import NodeForm
from authoring_tui.tui.widgets.outline_tree import LAZY_ENTRIES, OutlineTree

from .helpers import dashboard_loaded, make_app, open_in_editor, wait_for


def title_input(editor: EditorScreen) -> FieldInput:
    return next(i for i in editor.query(FieldInput) if i.spec.path == ("titre",))


async def test_the_next_chapter_opens_in_the_same_editor_with_its_own_content(
    workspace_dir: Path,
) -> None:
    locks = workspace_dir / ".verrous"
    v2_before = (workspace_dir / "chapters" / "v2-mobilite.yaml").read_bytes()
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(100, 32)) as pilot:
        first = await open_in_editor(pilot, "v2-mobilite")
        assert title_input(first).value == "Mobilité"
        await pilot.press("escape")
        await wait_for(pilot, lambda: not (locks / "v2-mobilite.json").exists())
        # Back on the dashboard, the hidden editor has let go of the chapter's form.
        await wait_for(pilot, lambda: not first.query(NodeForm))

        editor = await open_in_editor(pilot, "v3-infrastructures")
        assert editor is first and editor.session.id == "v3-infrastructures"
        assert (locks / "v3-infrastructures.json").exists()
        assert title_input(editor).value == "Infrastructures"
        assert "Infrastructures" in str(editor.query_one("#app-header-title").render())
        root = editor.query_one(OutlineTree).root
        assert root.data is not None and root.data.path == () and "Infrastructures" in root.label
        assert editor.touched == set() and not editor.show_all

        title_input(editor).focus()
        await pilot.press("end", *" et réseaux")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not editor.session.dirty)
    v3 = (workspace_dir / "chapters" / "v3-infrastructures.yaml").read_text(encoding="utf-8")
    assert "titre: Infrastructures et réseaux" in v3
    assert (workspace_dir / "chapters" / "v2-mobilite.yaml").read_bytes() == v2_before


def write_big_chapter(root: Path, sections: int, blocks: int) -> None:
    """v5 rewritten with ``sections`` × ``blocks`` paragraphs; one has no text (an error)."""
    lines = [
        "id: v5-environnement-qualite-de-vie",
        "titre: Un très long chapitre",
        "dga: DGA Environnement et Qualité de vie",
        "redacteurs: [ichevalier]",
        "statut: brouillon",
        "chapeau: Un chapitre de test.",
        "sections:",
    ]
    for section in range(sections):
        lines += [f"  - titre: Section {section + 1}", "    blocs:"]
        for block in range(blocks):
            lines.append("      - type: paragraphe")
            if (section, block) != (4, 2):
                lines.append(f"        texte: Paragraphe {block + 1} de la section {section + 1}.")
    path = root / "chapters" / "v5-environnement-qualite-de-vie.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


async def test_a_big_chapter_opens_folded_and_a_jump_unfolds_the_way(workspace_dir: Path) -> None:
    write_big_chapter(workspace_dir, sections=8, blocks=LAZY_ENTRIES // 8 + 5)
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v5-environnement-qualite-de-vie")
        tree = editor.query_one(OutlineTree)
        sections = tree.root.children
        assert len(sections) == 8
        assert all(not s.is_expanded and not s.children for s in sections)
        assert "✗\u00a01" in str(sections[4].label)  # the error shows on its folded section

        await editor.show_path(("sections", 6, "blocs", 7, "texte"))
        cursor = tree.cursor_node
        assert cursor is not None and cursor.data is not None
        assert cursor.data.path == ("sections", 6, "blocs", 7)
        assert sections[6].is_expanded and len(sections[6].children) == LAZY_ENTRIES // 8 + 5
        text = editor.query_one("FieldTextArea")
        assert text.text == "Paragraphe 8 de la section 7."  # type: ignore[attr-defined]

        sections[1].expand()  # by hand: its blocks appear
        await wait_for(pilot, lambda: bool(sections[1].children))
        await editor.jump_to(("sections", 4, "blocs", 2, "texte"))  # the block with the error
        assert "✗\u00a01" in str(tree.cursor_node.label)  # type: ignore[union-attr]


async def test_from_the_review_to_the_editor_and_back_then_another_chapter(
    workspace_dir: Path,
) -> None:
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(100, 32)) as pilot:
        await open_in_editor(pilot, "v3-infrastructures")  # the editor screen exists
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is app.screen_stack[0])
        app.screen.select_chapter("v2-mobilite")  # type: ignore[attr-defined]
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))
        review = app.screen
        await pilot.press("o")  # « Modifier »: the same chapter, in the editor
        await wait_for(pilot, lambda: isinstance(app.screen, EditorScreen))
        editor = app.screen
        assert isinstance(editor, EditorScreen) and editor.session is review.session
        assert title_input(editor).value == "Mobilité"
        assert len(app.screen_stack) == 2  # the review screen was replaced, not covered
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is app.screen_stack[0])
        assert not (workspace_dir / ".verrous" / "v2-mobilite.json").exists()


async def test_a_long_text_field_is_as_high_as_its_text_up_to_twelve_rows(
    workspace_dir: Path,
) -> None:
    app = make_app(workspace_dir, "fgarcia")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v3-infrastructures")
        await editor.show_path(("sections", 0, "blocs", 0))
        await pilot.pause()
        area = editor.query_one(FieldTextArea)
        lines = area.wrapped_document.height
        assert 3 <= lines < area.size.height <= 12  # the whole text shows, with a row to spare

        long_text = "Un paragraphe très long. " * 200
        area.focus()
        area.text = long_text
        path = ("sections", 0, "blocs", 0, "texte")
        await wait_for(pilot, lambda: editor.session.get(path) == long_text)
        await editor.show_path(("sections", 0, "blocs", 0), refresh=True)
        await pilot.pause()
        assert editor.query_one(FieldTextArea).size.height == 12  # longer texts scroll inside


async def test_while_the_dashboard_is_read_each_schema_gets_its_validator(
    workspace_dir: Path,
) -> None:
    # With the status cache up to date, the dashboard validates nothing itself.
    assert main(["status", "--workspace", str(workspace_dir)]) == 0
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(100, 32)) as pilot:
        await dashboard_loaded(pilot)
        schemas = [app.workspace.schema_for(i) for i in app.workspace.report.chapter_ids]
        await wait_for(pilot, lambda: not any(w.group == "prepare" for w in app.workers))
        assert all(schema._validator is not None for schema in schemas)


async def test_the_collector_pauses_while_a_chapter_opens_and_comes_back(
    workspace_dir: Path,
) -> None:
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(100, 32)) as pilot:
        await dashboard_loaded(pilot)
        dashboard: Any = app.screen
        dashboard.select_chapter("v5-environnement-qualite-de-vie")
        assert gc.isenabled()
        dashboard.action_open_chapter()  # what Enter does
        assert not gc.isenabled()  # paused from the key press…
        await wait_for(pilot, lambda: isinstance(app.screen, EditorScreen))
        await wait_for(pilot, gc.isenabled)  # …and back once the chapter is drawn
        assert app.screen.query(NodeForm)


async def test_an_unknown_field_shows_at_once_above_the_form(workspace_dir: Path) -> None:
    path = workspace_dir / "chapters" / "v2-mobilite.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "sous_titre: En trop\n", encoding="utf-8")
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v2-mobilite")
        form = editor.query_one(NodeForm)
        errors = form.query_one("#node-errors")
        assert errors.display and "sous_titre" in str(errors.render())
        assert "champ inconnu du schéma" in str(errors.render())
        children = list(form.children)
        assert children.index(errors) < children.index(title_input(editor))  # above the fields


async def test_going_to_another_chapter_from_the_editor_opens_it_alone(
    workspace_dir: Path,
) -> None:
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v2-mobilite")
        app.go_to_chapter("v3-infrastructures")  # the palette's « Aller au chapitre … »
        await wait_for(
            pilot,
            lambda: (
                app.screen is editor
                and editor.session.id == "v3-infrastructures"
                and bool(editor.query(NodeForm))
            ),
        )
        await pilot.pause()
        assert len(editor.query(NodeForm)) == 1
        assert title_input(editor).value == "Infrastructures"
        assert not (workspace_dir / ".verrous" / "v2-mobilite.json").exists()


async def test_the_editor_is_made_hidden_while_the_dashboard_is_read(workspace_dir: Path) -> None:
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(100, 32)) as pilot:
        await dashboard_loaded(pilot)
        dashboard: Any = app.screen
        table = dashboard.query_one("#chapters")
        row = table.cursor_row
        while not dashboard.prepared:  # the editor is about to be made…
            await pilot.pause(0.005)
        await pilot.press("down", "down", "down")  # …while the user goes on reading
        await wait_for(pilot, lambda: app.editor_ready)
        editor = app.get_screen("editor")
        assert isinstance(editor, EditorScreen)
        assert app.screen_stack == [dashboard]
        assert app.focused is table and table.cursor_row == row + 3  # no key was lost
        assert editor.query_one(OutlineTree) and not editor.query_one("#form-scroll").children
        assert editor.size == app.size  # laid out already

        opened = await open_in_editor(pilot, "v2-mobilite")
        assert opened is editor and title_input(editor).value == "Mobilité"


async def test_a_screen_over_the_dashboard_delays_the_editor_until_it_closes(
    workspace_dir: Path,
) -> None:
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(100, 32)) as pilot:
        dashboard: Any = app.screen
        await pilot.press("f1")  # help, open before the dashboard is even filled
        await wait_for(pilot, lambda: dashboard.prepared)
        await pilot.pause(0.2)
        assert not app.editor_ready and len(app.screen_stack) == 2
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.editor_ready)
        assert app.screen is dashboard

        editor = await open_in_editor(pilot, "v3-infrastructures")
        assert editor is app.get_screen("editor")
        assert title_input(editor).value == "Infrastructures"


@pytest.mark.parametrize("delay", [0, 0.01, 0.02, 0.04])
async def test_quitting_while_the_editor_is_being_made_is_clean(
    workspace_dir: Path, delay: float
) -> None:
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(100, 32)) as pilot:
        dashboard: Any = app.screen
        while not dashboard.prepared:  # the editor is about to be made
            await pilot.pause(0.002)
        await asyncio.sleep(delay)
        app.exit(0)  # as a signal or the end of a test does: not through the app's queue
        await pilot.pause(0.2)
    assert app.return_code == 0  # run_test raised any error the app met


async def test_the_hidden_editor_takes_a_new_theme_when_shown_again(workspace_dir: Path) -> None:
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_in_editor(pilot, "v2-mobilite")
        dark = editor.query_one("#app-header").styles.background
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, EditorScreen))
        app.theme = "textual-light"
        await pilot.pause()
        light = app.screen.query_one("#app-header").styles.background
        assert light != dark

        await open_in_editor(pilot, "v2-mobilite")
        assert editor.query_one("#app-header").styles.background == light


async def test_a_long_text_fits_the_terminal_resized_while_the_editor_was_hidden(
    workspace_dir: Path,
) -> None:
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(100, 32)) as pilot:
        await dashboard_loaded(pilot)
        await wait_for(pilot, lambda: app.editor_ready)  # made 100 columns wide
        await pilot.resize_terminal(80, 24)
        editor = await open_in_editor(pilot, "v5-environnement-qualite-de-vie")
        area = editor.query_one(FieldTextArea)  # the chapeau, in the first form shown
        assert editor.size.width == 80 and area.wrapped_document.height >= 3
        assert area.size.height == area.wrapped_document.height + 1  # wrapped at 80 columns


@pytest.mark.parametrize("width", [80, 81, 133])
async def test_the_form_width_worked_out_is_the_width_laid_out(
    workspace_dir: Path, width: int
) -> None:
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=(width, 30)) as pilot:
        editor = await open_in_editor(pilot, "v5-environnement-qualite-de-vie")
        await pilot.pause()
        scroll = editor.query_one("#form-scroll")
        assert editor.form_width() == scroll.content_region.width - scroll.scrollbar_size_vertical
