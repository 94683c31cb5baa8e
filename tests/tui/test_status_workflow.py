"""The status workflow in the application: each decision is confirmed (the
focus on « Annuler »), « À reprendre » carries a message the writer reads at
opening, and a validated chapter stays as validated until it is reopened."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button

from authoring_tui.cli.main import main
from authoring_tui.core.dates import spoken_moment
from authoring_tui.core.roles import PermissionDenied
from authoring_tui.core.yamlio import read_yaml
from authoring_tui.tui.screens.dialogs import ConfirmModal, TextPromptModal
from authoring_tui.tui.screens.editor import EditorScreen
from authoring_tui.tui.widgets.status_banner import StatusBanner

from .helpers import make_app, open_in_editor, type_at_end, wait_for
from .test_review import open_review

SIZE = (100, 32)
V3 = "v3-infrastructures"
V3_WRITER = "fgarcia"
MESSAGE = "Merci de compléter la section 2."


def load(path: Path) -> Any:
    return read_yaml(path, round_trip=False).data


def chapter_file(root: Path, chapter_id: str) -> Path:
    return root / "chapters" / f"{chapter_id}.yaml"


def focused_button(app: Any) -> str | None:
    focused = app.screen.focused
    return focused.id if isinstance(focused, Button) else None


def banner(editor: EditorScreen) -> str:
    widget = editor.query_one(StatusBanner)
    return str(widget.render()) if widget.display else ""


def validate_with_the_cli(root: Path, chapter_id: str) -> None:
    assert (
        main(["statut", "--workspace", str(root), "--user", "mlegrand", chapter_id, "valide"]) == 0
    )


async def test_submitting_asks_first_and_cancel_changes_nothing(workspace_dir: Path) -> None:
    chapter = chapter_file(workspace_dir, V3)
    before = chapter.read_bytes()
    app = make_app(workspace_dir, V3_WRITER)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_in_editor(pilot, V3)
        await pilot.press("f5")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        assert "Soumettre" in app.screen.question
        assert focused_button(app) == "cancel"
        await pilot.press("enter")  # the focused « Annuler »
        await wait_for(pilot, lambda: app.screen is editor)
        assert chapter.read_bytes() == before
        await pilot.press("f5")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.click("#submit")
        await wait_for(pilot, lambda: editor.session.statut == "a_relire")
    data = load(chapter)
    assert data["statut"] == "a_relire"
    assert (data["historique_statut"][-1]["statut"], data["historique_statut"][-1]["par"]) == (
        "a_relire",
        V3_WRITER,
    )


async def test_rework_needs_a_message_which_the_writer_reads_at_opening(
    workspace_dir: Path,
) -> None:
    chapter = chapter_file(workspace_dir, "v2-mobilite")
    before = chapter.read_bytes()
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=SIZE) as pilot:
        review = await open_review(pilot, "v2-mobilite")
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPromptModal))
        await pilot.press("ctrl+s")  # empty: refused, the dialog stays
        await pilot.pause()
        assert isinstance(app.screen, TextPromptModal)
        assert chapter.read_bytes() == before
        await pilot.press("escape")  # « Annuler »
        await wait_for(pilot, lambda: app.screen is review)
        assert chapter.read_bytes() == before
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, TextPromptModal))
        await pilot.press(*MESSAGE)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: review.session.statut == "a_reprendre")
        await pilot.pause()
        assert MESSAGE in str(review.query_one("#history").render())
        app.close_session()  # its lock goes, as when quitting
    line = load(chapter)["historique_statut"][-1]
    assert (line["statut"], line["par"], line["message"]) == ("a_reprendre", "mlegrand", MESSAGE)

    writer = make_app(workspace_dir, "adurand")
    async with writer.run_test(size=SIZE) as pilot:
        editor = await open_in_editor(pilot, "v2-mobilite")
        expected = f"Demandé par Marion Legrand le {spoken_moment(line['le'])}\u00a0: {MESSAGE}"
        assert banner(editor) == expected
        assert editor.session.editable  # « À reprendre » is the writer's to work on


async def test_validating_with_comments_or_errors_says_so_and_cancel_changes_nothing(
    workspace_dir: Path,
) -> None:
    chapter = chapter_file(workspace_dir, V3)
    before = chapter.read_bytes()
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=SIZE) as pilot:
        review = await open_review(pilot, V3)
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        question = app.screen.question
        assert question == "1 erreur\u00a0: valider quand même\u00a0?"
        assert focused_button(app) == "cancel"
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is review)
        assert chapter.read_bytes() == before
        await pilot.press("c")  # a comment: now both are said
        await wait_for(pilot, lambda: isinstance(app.screen, TextPromptModal))
        await pilot.press(*"À revoir.")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is review)
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        assert app.screen.question.startswith("1 commentaire ouvert et 1 erreur")
        await pilot.click("#validate")
        await wait_for(pilot, lambda: review.session.statut == "valide")
    assert load(chapter)["historique_statut"][-1]["statut"] == "valide"


async def test_a_validated_chapter_is_read_only_for_its_writer_until_reopened(
    workspace_dir: Path,
) -> None:
    validate_with_the_cli(workspace_dir, V3)
    chapter = chapter_file(workspace_dir, V3)
    validated = chapter.read_bytes()
    line = load(chapter)["historique_statut"][-1]
    app = make_app(workspace_dir, V3_WRITER)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_in_editor(pilot, V3)
        assert banner(editor) == (
            f"Validé le {spoken_moment(line['le'])} par Marion Legrand\u00a0: demandez au "
            "secrétariat de le rouvrir, ou rouvrez-le (Ctrl+R)."
        )
        session = editor.session
        assert not session.editable
        chapeau = session.data["chapeau"]
        await type_at_end(pilot, editor, ("chapeau",), " Ajout.")
        assert session.data["chapeau"] == chapeau and not session.dirty  # typing does nothing
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert chapter.read_bytes() == validated

        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        assert focused_button(app) == "cancel"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is editor)
        assert chapter.read_bytes() == validated and session.validated

        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.click("#reopen")
        await wait_for(pilot, lambda: session.statut == "brouillon")
        data = load(chapter)
        assert (data["historique_statut"][-1]["statut"], data["historique_statut"][-1]["par"]) == (
            "brouillon",
            V3_WRITER,
        )
        await wait_for(pilot, lambda: session.editable and banner(editor) == "")
        await pilot.pause()
        await type_at_end(pilot, editor, ("chapeau",), " Ajout après réouverture.")
        await wait_for(pilot, lambda: session.dirty)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not session.dirty)
    assert load(chapter)["chapeau"].endswith(" Ajout après réouverture.")


async def test_the_session_refuses_a_change_to_a_validated_chapter(workspace_dir: Path) -> None:
    """The rule holds below the form too: a change that reaches the session of a
    validated chapter is refused at the save, for the secrétariat as well."""
    validate_with_the_cli(workspace_dir, V3)
    chapter = chapter_file(workspace_dir, V3)
    validated = chapter.read_bytes()
    for login in (V3_WRITER, "mlegrand"):
        app = make_app(workspace_dir, login)
        async with app.run_test(size=SIZE) as pilot:
            editor = await open_in_editor(pilot, V3)
            editor.session.set_value(("chapeau",), "Changé en douce.")
            with pytest.raises(PermissionDenied, match="le chapitre est validé"):
                editor.session.save()
            editor.session.reload()
            app.close_session()
    assert chapter.read_bytes() == validated


async def test_comments_of_a_validated_chapter_are_still_resolved_and_saved(
    workspace_dir: Path,
) -> None:
    """Comments are not content: resolving one in a validated chapter saves
    (Ctrl+S) without reopening it."""
    validate_with_the_cli(workspace_dir, "v2-mobilite")
    chapter = chapter_file(workspace_dir, "v2-mobilite")
    app = make_app(workspace_dir, "mlegrand")
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_in_editor(pilot, "v2-mobilite")
        assert editor.session.validated and not editor.session.editable
        editor.session.set_comment_resolved(0, True, save=False)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not editor.session.dirty)
        app.close_session()
    data = load(chapter)
    assert data["statut"] == "valide" and data["commentaires"][0]["resolu"] is True
