"""Comments follow their block in the app: moves, threads, the outline's marks.

The real app through Pilot, on a copy of the sample; V/2 (« v2-mobilite ») has two
open comments and a resolved one, written by the secrétariat (mlegrand, sbernard).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.widgets import OptionList

from authoring_tui.core.yamlio import read_yaml
from authoring_tui.tui.screens.comments import CommentsModal
from authoring_tui.tui.screens.dialogs import TextPromptModal
from authoring_tui.tui.screens.editor import EditorScreen
from authoring_tui.tui.screens.review import ReviewScreen
from authoring_tui.tui.widgets.block_view import BlockView
from authoring_tui.tui.widgets.outline_tree import OutlineTree

from ..test_anchors import COMMENTED, anchored_texts, export
from .helpers import dashboard_loaded, make_app, open_in_editor, wait_for

WRITER = "adurand"
PRICE_BLOCK = ("sections", 2, "blocs", 1)
"""« 320 M€ … », commented by sbernard: the second comment of the chapter."""
SIZE = (110, 36)


def chapter_data(workspace_dir: Path) -> Any:
    return read_yaml(workspace_dir / "chapters" / f"{COMMENTED}.yaml", round_trip=False).data


def outline_label(editor: EditorScreen, path: tuple[Any, ...]) -> str:
    node = editor.query_one(OutlineTree).node_for(path)
    assert node is not None
    return node.label.plain


async def open_comments(pilot: Any) -> CommentsModal:
    await pilot.press("f4")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CommentsModal))
    await pilot.pause()
    return pilot.app.screen  # type: ignore[no-any-return]


async def test_a_block_moved_in_the_app_keeps_its_comments_in_word(workspace_dir: Path) -> None:
    before = anchored_texts(export(workspace_dir, "avant.docx"))
    app = make_app(workspace_dir, WRITER)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_in_editor(pilot, COMMENTED)
        await editor.show_path(PRICE_BLOCK)
        editor.query_one(OutlineTree).focus()
        await pilot.pause()
        await pilot.press("ctrl+up")
        await wait_for(pilot, lambda: editor.current.path == ("sections", 2, "blocs", 0))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not editor.session.dirty)
    data = chapter_data(workspace_dir)
    assert "320" in data["sections"][2]["blocs"][0]["texte"]
    assert anchored_texts(export(workspace_dir, "apres.docx")) == before


async def test_f4_opens_on_the_first_open_comment_and_enter_goes_to_its_block(
    workspace_dir: Path,
) -> None:
    app = make_app(workspace_dir, WRITER)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_in_editor(pilot, COMMENTED)
        await editor.show_path(PRICE_BLOCK)
        editor.query_one(OutlineTree).focus()
        await pilot.press("ctrl+up")  # the commented block moves: its comment follows
        await wait_for(pilot, lambda: editor.current.path == ("sections", 2, "blocs", 0))
        await editor.show_path(("chapeau",))
        modal = await open_comments(pilot)
        options = modal.query_one(OptionList)
        assert options.highlighted == 0  # the first comment is open
        await pilot.press("down")
        assert "320" in str(options.get_option_at_index(1).prompt)
        assert "Section 3 › Bloc 1" in str(options.get_option_at_index(1).prompt)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is editor)
        await wait_for(pilot, lambda: editor.current.path == ("sections", 2, "blocs", 0))


async def test_the_first_open_comment_is_selected_even_after_resolved_ones(
    workspace_dir: Path,
) -> None:
    path = workspace_dir / "chapters" / f"{COMMENTED}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    resolu: false\n", "    resolu: true\n", 1), encoding="utf-8")
    app = make_app(workspace_dir, WRITER)
    async with app.run_test(size=SIZE) as pilot:
        await open_in_editor(pilot, COMMENTED)
        modal = await open_comments(pilot)
        assert modal.query_one(OptionList).highlighted == 1


async def test_the_writer_replies_and_the_thread_is_shown_then_saved(workspace_dir: Path) -> None:
    app = make_app(workspace_dir, WRITER)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_in_editor(pilot, COMMENTED)
        modal = await open_comments(pilot)
        await pilot.press("down", "r")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPromptModal))
        await pilot.press(*"Hors taxes.")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is modal)
        await pilot.pause()
        prompt = str(modal.query_one(OptionList).get_option_at_index(1).prompt)
        assert "↳ 20 mars 2021 à " in prompt and "Alice Durand\u00a0: Hors taxes." in prompt
        assert "○ 23 mars 2021 · Sophie Bernard" in prompt  # a date alone, in words
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is editor)
        assert editor.session.dirty  # the editor saves with Ctrl+S, like any edit
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not editor.session.dirty)
    (answer,) = chapter_data(workspace_dir)["commentaires"][1]["reponses"]
    assert answer["auteur"] == WRITER and answer["texte"] == "Hors taxes."
    assert answer["date"].startswith("2021-03-20T")


async def test_the_outline_marks_open_comments_and_follows_resolving_live(
    workspace_dir: Path,
) -> None:
    app = make_app(workspace_dir, "mlegrand")  # the secrétariat resolves
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_in_editor(pilot, COMMENTED)
        await editor.show_path(PRICE_BLOCK)
        assert "●\u00a01" in outline_label(editor, PRICE_BLOCK)
        assert "●" not in outline_label(editor, ("sections", 2, "blocs", 0))
        await open_comments(pilot)
        await pilot.press("down", "space")
        await wait_for(pilot, lambda: editor.session.data["commentaires"][1]["resolu"])
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is editor)
        assert "●" not in outline_label(editor, PRICE_BLOCK)


async def test_a_comment_on_a_deleted_block_is_listed_as_such(workspace_dir: Path) -> None:
    app = make_app(workspace_dir, WRITER)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_in_editor(pilot, COMMENTED)
        editor.session.remove_item(PRICE_BLOCK)
        editor.rebuild_outline()
        await pilot.pause()
        assert "●\u00a01" in outline_label(editor, ())  # it stays on the chapter
        modal = await open_comments(pilot)
        prompt = str(modal.query_one(OptionList).get_option_at_index(1).prompt)
        assert "bloc supprimé" in prompt and "320" in prompt
        await pilot.press("down", "enter")  # nowhere to go: the list stays
        await pilot.pause()
        assert app.screen is modal


async def test_the_review_screen_counts_a_new_comment_on_its_block_live(
    workspace_dir: Path,
) -> None:
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_loaded(pilot)
        app.screen.select_chapter(COMMENTED)
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))
        review = app.screen
        await pilot.pause()

        def count_on(path: tuple[Any, ...]) -> str:
            view = next(v for v in review.query(BlockView) if v.entry.path == path)
            console = Console(width=100, record=True, file=io.StringIO())
            console.print(view.content)
            return console.export_text()

        views = list(review.query(BlockView))
        target = next(v for v in views if v.entry.path == ("sections", 2, "blocs", 0))
        target.focus()
        await pilot.pause()
        assert "commentaire" not in count_on(("sections", 2, "blocs", 0))
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPromptModal))
        await pilot.press(*"Source ?")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is review)
        await pilot.pause()
        assert "1 commentaire(s)" in count_on(("sections", 2, "blocs", 0))
        await open_comments(pilot)
        await pilot.press("end", "enter")  # the new comment, last: back on its block
        await wait_for(pilot, lambda: app.screen is review)
        await pilot.pause()
        focused = review.focused
        assert isinstance(focused, BlockView)
        assert focused.entry.path == ("sections", 2, "blocs", 0)
    data = chapter_data(workspace_dir)
    assert data["commentaires"][-1]["bloc"] == data["sections"][2]["blocs"][0]["ancre"]
