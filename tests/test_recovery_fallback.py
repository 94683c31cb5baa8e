"""Nothing typed is lost when the disk says no: the recovery copy goes to the
user's own state folder when the workspace refuses it (read-only ``chapters/``,
full disk), the newest copy wins wherever it is, and a chapter deleted while open
is written again only by an explicit ``recreate``."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from authoring_tui.core.files import DiskRefused
from authoring_tui.core.store import (
    ChapterConflict,
    ChapterDeleted,
    user_state_root,
    workspace_key,
)
from authoring_tui.core.workspace import Workspace

from .conftest import snapshot_files

CHAPTER = "v3-infrastructures"
TYPED = "Un chapeau tapé pendant la panne."


def use_state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's state folder, in the test's own tmp folder (never the real home)."""
    home = tmp_path / "etat-utilisateur"
    monkeypatch.setenv("XDG_STATE_HOME", str(home))
    return home


@pytest.fixture
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return use_state_home(tmp_path, monkeypatch)


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """``folder`` read-only even for root (``chattr +i``), for the ``with`` block."""
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i n’est pas disponible ici")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


@pytest.fixture
def small_disk(tmp_path: Path, workspace_dir: Path) -> Iterator[Path]:
    with on_small_disk(tmp_path, workspace_dir) as mount:
        yield mount


@contextlib.contextmanager
def on_small_disk(tmp_path: Path, workspace_dir: Path) -> Iterator[Path]:
    """The sample copied onto a 1 MB tmpfs (fill it with ``fill``)."""
    mount = tmp_path / "petit"
    mount.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("impossible de monter un petit tmpfs ici")
    try:
        for name in ("report.yaml", "schema", "chapters"):
            source = workspace_dir / name
            if source.is_dir():
                shutil.copytree(source, mount / name)
            else:
                shutil.copy2(source, mount / name)
        yield mount
    finally:
        if subprocess.run(["umount", str(mount)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(mount)], check=True)


def fill(mount: Path) -> Path:
    """Leave no free byte on the small disk; returns the filler (remove it to free)."""
    filler = mount / "remplissage"
    with filler.open("wb", buffering=0) as handle:
        for size in (65536, 4096, 512, 1):
            with contextlib.suppress(OSError):
                while True:
                    handle.write(b"\0" * size)
    return filler


def test_platformdirs_follows_xdg_state_home(state_home: Path) -> None:
    assert user_state_root() == state_home / "authoring-tui"


def test_a_read_only_chapters_folder_sends_the_copy_to_the_user_folder(
    workspace: Workspace, state_home: Path
) -> None:
    chapters = workspace.store.folder
    before = snapshot_files(chapters)
    chapter = workspace.store.load(CHAPTER)
    chapter.data["chapeau"] = TYPED
    with read_only(chapters):
        with pytest.raises(DiskRefused) as refused:
            workspace.store.save(chapter)
        assert "chapters/ est en lecture seule" in refused.value.reason
        written = workspace.store.write_recovery(chapter)
        assert snapshot_files(chapters) == before
    key = workspace_key(workspace.root)
    expected = state_home / "authoring-tui" / "recuperation" / key / f"{CHAPTER}.yaml"
    assert written == expected
    assert TYPED in expected.read_text(encoding="utf-8")
    assert (state_home / "authoring-tui").stat().st_mode & 0o077 == 0  # the user's alone

    assert workspace.store.pending_recovery(CHAPTER) == expected
    reopened = workspace.store.load(CHAPTER)
    workspace.store.restore_recovery(reopened)
    assert reopened.data["chapeau"] == TYPED
    workspace.store.save(reopened)  # the folder is writable again
    assert TYPED in (chapters / f"{CHAPTER}.yaml").read_text(encoding="utf-8")
    assert not expected.exists()
    assert workspace.store.pending_recovery(CHAPTER) is None


def test_a_full_disk_sends_the_copy_to_the_user_folder(small_disk: Path, state_home: Path) -> None:
    workspace = Workspace.open(small_disk)
    chapter = workspace.store.load(CHAPTER)
    chapter.data["chapeau"] = TYPED
    fill(small_disk)
    before = snapshot_files(small_disk / "chapters")
    with pytest.raises(DiskRefused) as refused:
        workspace.store.save(chapter)
    assert "disque est plein" in refused.value.reason
    written = workspace.store.write_recovery(chapter)
    assert written.is_relative_to(state_home)
    assert TYPED in written.read_text(encoding="utf-8")
    assert snapshot_files(small_disk / "chapters") == before
    assert workspace.store.pending_recovery(CHAPTER) == written


def test_the_newest_copy_wins_wherever_it_is(workspace: Workspace, state_home: Path) -> None:
    store = workspace.store
    chapter = store.load(CHAPTER)
    chapter.data["chapeau"] = "Première version, dans l’espace de travail."
    assert store.write_recovery(chapter) == store.recovery_path(CHAPTER)
    chapter.data["chapeau"] = "Deuxième version, dans le dossier de l’utilisateur."
    with read_only(store.folder):
        user_copy = store.write_recovery(chapter)
    assert user_copy == store.user_recovery_path(CHAPTER)
    assert store.pending_recovery(CHAPTER) == user_copy
    reopened = store.load(CHAPTER)
    store.restore_recovery(reopened)
    assert reopened.data["chapeau"].startswith("Deuxième")

    chapter.data["chapeau"] = "Troisième version, de nouveau dans l’espace de travail."
    assert store.write_recovery(chapter) == store.recovery_path(CHAPTER)
    assert store.pending_recovery(CHAPTER) == store.recovery_path(CHAPTER)
    reopened = store.load(CHAPTER)
    store.restore_recovery(reopened)
    assert reopened.data["chapeau"].startswith("Troisième")

    store.discard_recovery(CHAPTER)
    assert not store.recovery_path(CHAPTER).exists() and not user_copy.exists()
    assert store.pending_recovery(CHAPTER) is None


def test_when_both_folders_refuse_the_workspace_refusal_is_raised(
    workspace: Workspace, state_home: Path
) -> None:
    state_home.mkdir()
    chapter = workspace.store.load(CHAPTER)
    chapter.data["chapeau"] = TYPED
    before = snapshot_files(workspace.root)
    with (
        read_only(workspace.store.folder),
        read_only(state_home),
        pytest.raises(DiskRefused) as refused,
    ):
        workspace.store.write_recovery(chapter)
    assert "chapters/ est en lecture seule" in refused.value.reason
    assert snapshot_files(workspace.root) == before
    assert list(state_home.iterdir()) == []


def test_a_deleted_chapter_is_recreated_only_on_request_and_only_if_still_absent(
    workspace: Workspace,
) -> None:
    chapter = workspace.store.load(CHAPTER)
    chapter.data["chapeau"] = TYPED
    chapter.path.unlink()
    with pytest.raises(ChapterDeleted):
        workspace.store.save(chapter)
    assert not chapter.path.exists()
    workspace.store.recreate(chapter)
    assert TYPED in chapter.path.read_text(encoding="utf-8")
    chapter.data["chapeau"] = "Et une suite."
    workspace.store.save(chapter)  # the recreated file is the one this chapter knows
    assert "Et une suite." in chapter.path.read_text(encoding="utf-8")


def test_recreate_never_writes_over_a_file_that_came_back(workspace: Workspace) -> None:
    chapter = workspace.store.load(CHAPTER)
    chapter.data["chapeau"] = TYPED
    theirs = chapter.path.read_bytes()
    chapter.path.unlink()
    chapter.path.write_bytes(theirs)  # someone put a file back meanwhile
    with pytest.raises(ChapterConflict):
        workspace.store.recreate(chapter)
    assert chapter.path.read_bytes() == theirs
    leftovers = [p.name for p in chapter.path.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
