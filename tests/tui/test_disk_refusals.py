"""Nothing typed is lost when the disk says no: a save or an autosave refused by a
read-only ``chapters/`` or a full disk leaves the editor open with the edits on
screen, says why in French and keeps a recovery copy (in the user's own state
folder when the workspace refuses it), offered when the chapter is opened again.
A chapter deleted while open is a question, not a silent recreation.
The real CLI says the same refusals in French, with exit 2."""

from __future__ import annotations

import contextlib
import html
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from authoring_tui.core.workspace import Workspace
from authoring_tui.tui import strings as S
from authoring_tui.tui.screens.dashboard import DashboardScreen
from authoring_tui.tui.screens.dialogs import ConfirmModal
from authoring_tui.tui.screens.editor import EditorScreen
from authoring_tui.tui.widgets.fields import FieldTextArea

from ..conftest import snapshot_files
from ..test_recovery_fallback import fill, on_small_disk, read_only, use_state_home
from .helpers import dashboard_loaded, make_app, open_in_editor, type_at_end, wait_for

CHAPTER = "v3-infrastructures"
WRITER = "fgarcia"
TYPED = "Tapé malgré le disque."
SIZE = (120, 40)

Refusal = Callable[[Path], contextlib.AbstractContextManager[object]]
Place = Callable[[Path, Path], contextlib.AbstractContextManager[Path]]


@pytest.fixture
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return use_state_home(tmp_path, monkeypatch)


@contextlib.contextmanager
def as_is(tmp_path: Path, workspace_dir: Path) -> Iterator[Path]:
    yield workspace_dir


@contextlib.contextmanager
def chapters_read_only(root: Path) -> Iterator[object]:
    with read_only(root / "chapters"):
        yield None


@contextlib.contextmanager
def disk_full(root: Path) -> Iterator[object]:
    filler = fill(root)
    try:
        yield None
    finally:
        filler.unlink()


def screen_text(pilot: Pilot[Any]) -> str:
    """Every character on the terminal, line by line (from the app's screenshot)."""
    svg = pilot.app.export_screenshot()
    lines: dict[str, list[str]] = {}
    for y, content in re.findall(r'<text [^>]*y="([0-9.]+)"[^>]*>([^<]*)</text>', svg):
        lines.setdefault(y, []).append(html.unescape(content).replace("\xa0", " "))
    ordered = sorted(lines.items(), key=lambda item: float(item[0]))
    return "\n".join("".join(parts) for _, parts in ordered)


async def open_and_type(pilot: Pilot[Any]) -> EditorScreen:
    editor = await open_in_editor(pilot, CHAPTER)
    assert editor.session.editable
    await type_at_end(pilot, editor, ("chapeau",), TYPED)
    await wait_for(pilot, lambda: editor.session.data["chapeau"] == TYPED)
    return editor


async def dismiss_dialog(pilot: Pilot[Any], editor: EditorScreen) -> None:
    await pilot.click("#ok")
    await wait_for(pilot, lambda: pilot.app.screen is editor)


def end_like_a_process(editor: EditorScreen) -> None:
    """The app goes without closing the chapter (a crash, a closed terminal): the
    lock goes with the process, the recovery copies stay."""
    assert editor.session.lock is not None
    editor.session.lock.release()


async def reopen_and_restore(root: Path) -> None:
    """Open the chapter again: the recovery is offered, restores the text, saves."""
    app = make_app(root, WRITER)
    async with app.run_test(size=SIZE) as pilot:
        await dashboard_loaded(pilot)
        app.screen.select_chapter(CHAPTER)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        editor = app.screen_stack[-2]
        assert isinstance(editor, EditorScreen)
        await pilot.click("#restore")
        await wait_for(pilot, lambda: editor.session.dirty)
        assert editor.session.data["chapeau"] == TYPED
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not editor.session.dirty)


REFUSALS = pytest.mark.parametrize(
    ("place", "refusal", "said"),
    [(as_is, chapters_read_only, "lecture seule"), (on_small_disk, disk_full, "disque est plein")],
    ids=["chapters-en-lecture-seule", "disque-plein"],
)


@REFUSALS
async def test_a_refused_save_keeps_the_editor_the_text_and_a_recovery_copy(
    tmp_path: Path,
    workspace_dir: Path,
    state_home: Path,
    place: Place,
    refusal: Refusal,
    said: str,
) -> None:
    with place(tmp_path, workspace_dir) as root:
        chapter = root / "chapters" / f"{CHAPTER}.yaml"
        before = snapshot_files(root / "chapters")
        app = make_app(root, WRITER)
        copy = Workspace.open(root).store.user_recovery_path(CHAPTER, WRITER)
        assert copy.is_relative_to(state_home)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            editor = await open_and_type(pilot)
            with refusal(root):
                await pilot.press("ctrl+s")
                await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
                message = app.screen.question  # type: ignore[attr-defined]
                assert said in message and "n’a pas été enregistré" in message
                assert str(copy) in message
                assert S.SAVE_REFUSED_TITLE in screen_text(pilot)
                await dismiss_dialog(pilot, editor)
                assert app.is_running and editor.session.dirty
                assert editor.query_one(FieldTextArea).text == TYPED
                assert TYPED in screen_text(pilot)
                assert snapshot_files(root / "chapters") == before
                assert TYPED in copy.read_text(encoding="utf-8")
            end_like_a_process(editor)
        await reopen_and_restore(root)
        assert TYPED in chapter.read_text(encoding="utf-8")
        assert not copy.exists()


async def test_a_refused_autosave_never_ends_the_app_and_warns_once(
    workspace_dir: Path, state_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(S, "AUTOSAVE_SECONDS", 0.2)
    chapter = workspace_dir / "chapters" / f"{CHAPTER}.yaml"
    before = chapter.read_bytes()
    copy = Workspace.open(workspace_dir).store.user_recovery_path(CHAPTER, WRITER)
    app = make_app(workspace_dir, WRITER)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        editor = await open_and_type(pilot)
        with read_only(workspace_dir / "chapters"):
            await wait_for(pilot, copy.exists)
            await pilot.pause(1.5)  # several more autosaves
            shown = screen_text(pilot)
            assert shown.count(S.AUTOSAVE_TITLE) == 1, shown
            assert "refuse la copie de récupération" in shown
            assert TYPED in copy.read_text(encoding="utf-8")
            with read_only(copy.parent):  # now both folders refuse
                await pilot.pause(1.5)
                shown = screen_text(pilot)
                assert shown.count(S.AUTOSAVE_TITLE) == 2, shown
                assert "n’a pas pu être écrite" in shown
                assert app.is_running and app.screen is editor
                await pilot.press("ctrl+s")
                await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
                message = app.screen.question  # type: ignore[attr-defined]
                assert "lecture seule" in message and "non plus" in message
                await dismiss_dialog(pilot, editor)
        assert editor.session.dirty and editor.session.data["chapeau"] == TYPED
        assert chapter.read_bytes() == before
        await pilot.press("ctrl+s")  # the folders accept again
        await wait_for(pilot, lambda: not editor.session.dirty)
    assert TYPED in chapter.read_text(encoding="utf-8")


async def test_a_chapter_deleted_while_open_is_recreated_on_request(
    workspace_dir: Path,
) -> None:
    chapter = workspace_dir / "chapters" / f"{CHAPTER}.yaml"
    app = make_app(workspace_dir, WRITER)
    async with app.run_test(size=SIZE) as pilot:
        editor = await open_and_type(pilot)
        chapter.unlink()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        dialog = app.screen
        assert "Le fichier du chapitre a été supprimé sur le disque depuis son ouverture." in (
            dialog.question  # type: ignore[attr-defined]
        )
        assert [b.id for b in dialog.query("Button")] == ["recreate", "keep", "cancel"]
        assert not chapter.exists()
        await pilot.click("#recreate")
        await wait_for(pilot, lambda: not editor.session.dirty)
        assert app.screen is editor
    assert TYPED in chapter.read_text(encoding="utf-8")


async def test_a_chapter_deleted_while_open_can_be_kept_aside(workspace_dir: Path) -> None:
    chapter = workspace_dir / "chapters" / f"{CHAPTER}.yaml"
    app = make_app(workspace_dir, WRITER)
    async with app.run_test(size=SIZE) as pilot:
        await open_and_type(pilot)
        chapter.unlink()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.click("#keep")
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen))
    kept = list(chapter.parent.glob(f"{CHAPTER}.conflit-{WRITER}-*.yaml"))
    assert len(kept) == 1 and TYPED in kept[0].read_text(encoding="utf-8")
    assert not chapter.exists()


@REFUSALS
def test_the_cli_says_a_refused_write_in_french(
    tmp_path: Path, workspace_dir: Path, place: Place, refusal: Refusal, said: str
) -> None:
    with place(tmp_path, workspace_dir) as root:
        with refusal(root):
            before = snapshot_files(root / "chapters")
            result = subprocess.run(
                [sys.executable, "-m", "authoring_tui.cli.main", "statut", CHAPTER,
                 "a_relire", "--user", WRITER, "--workspace", str(root)],
                capture_output=True, text=True, timeout=60,
            )  # fmt: skip
            after = snapshot_files(root / "chapters")
            versions = snapshot_files(root / ".historique")
        assert result.returncode == 2, result.stderr
        assert said in result.stderr and CHAPTER in result.stderr
        assert "Erreur inattendue" not in result.stderr and "Traceback" not in result.stderr
        assert after == before and versions == {}
