"""What a long-lived shared folder accumulates and what a full disk does: stale
temporary files, a chapter deleted while open, a lock whose holder is unknown,
a save the disk refuses."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from filelock import FileLock

from authoring_tui.core.files import DiskRefused
from authoring_tui.core.roles import identify
from authoring_tui.core.store import ChapterDeleted
from authoring_tui.core.workspace import Workspace

from .conftest import snapshot_files


def test_stale_temporary_files_of_a_chapter_go_at_its_next_save(workspace: Workspace) -> None:
    folder = workspace.store.folder
    stale, fresh, other = (
        folder / ".edito.yaml.dead.tmp",
        folder / ".edito.yaml.live.tmp",
        folder / ".v2-mobilite.yaml.dead.tmp",
    )
    for path in (stale, fresh, other):
        path.write_text("à moitié écrit", "utf-8")
    two_hours_ago = time.time() - 7200
    os.utime(stale, (two_hours_ago, two_hours_ago))
    os.utime(other, (two_hours_ago, two_hours_ago))
    chapter = workspace.store.load("edito")
    chapter.data["titre"] = "Édito"
    workspace.store.save(chapter)
    assert not stale.exists()
    assert fresh.exists() and other.exists()


def test_a_chapter_deleted_while_open_is_not_recreated(workspace: Workspace) -> None:
    chapter = workspace.store.load("edito")
    chapter.data["titre"] = "Mon édito"
    chapter.path.unlink()
    with pytest.raises(ChapterDeleted) as caught:
        workspace.store.save(chapter)
    assert "supprimé" in str(caught.value)
    assert not chapter.path.exists()


def test_a_lock_whose_holder_wrote_no_name_says_another_process(workspace: Workspace) -> None:
    folder = workspace.root / ".verrous"
    folder.mkdir()
    held = FileLock(folder / "edito.lock", timeout=0)
    held.acquire()
    try:
        lock = workspace.lock("edito")
        user = identify(workspace.report, "mlegrand")
        with pytest.raises(Exception) as caught:
            lock.acquire(user)
    finally:
        held.release()
    message = str(caught.value)
    assert "Verrouillé par un autre processus" in message
    assert "?" not in message


@pytest.fixture
def small_disk(tmp_path: Path, workspace_dir: Path) -> Path:
    """The sample on a tmpfs with a few kilobytes left."""
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
        subprocess.run(["umount", str(mount)], check=True)


def test_a_full_disk_changes_nothing_and_says_so(small_disk: Path) -> None:
    workspace = Workspace.open(small_disk)
    versions = small_disk / ".historique" / "v5-environnement-qualite-de-vie"
    versions.mkdir(parents=True)
    _fill(small_disk)
    before = snapshot_files(small_disk / "chapters")
    chapter = workspace.store.load("v5-environnement-qualite-de-vie")
    chapter.data["chapeau"] = "Un nouveau chapeau. " * 50
    with pytest.raises(DiskRefused) as caught:
        workspace.store.save(chapter)
    assert "disque est plein" in caught.value.reason
    assert snapshot_files(small_disk / "chapters") == before
    assert list(versions.iterdir()) == []


def test_the_cli_says_the_disk_is_full_in_french(small_disk: Path) -> None:
    _fill(small_disk)
    before = snapshot_files(small_disk / "chapters")
    result = subprocess.run(
        [sys.executable, "-m", "authoring_tui.cli.main", "statut", "v3-infrastructures",
         "a_reprendre", "--user", "mlegrand", "--workspace", str(small_disk)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert "disque est plein" in result.stderr
    assert "Erreur inattendue" not in result.stderr
    assert snapshot_files(small_disk / "chapters") == before


def _fill(mount: Path) -> None:
    """Leave no free byte on the small disk."""
    with (mount / "remplissage").open("wb", buffering=0) as handle:
        for size in (65536, 4096, 512, 1):
            try:
                while True:
                    handle.write(b"\0" * size)
            except OSError:
                continue
