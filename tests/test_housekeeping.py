"""What a long-lived shared folder accumulates and what a full disk does: stale
temporary files, a chapter deleted while open, a lock whose holder is unknown,
a save the disk refuses."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from filelock import FileLock

from authoring_tui.core.files import DiskRefused
from authoring_tui.core.roles import identify
from authoring_tui.core.store import ChapterDeleted
from authoring_tui.core.workspace import Workspace

from .conftest import snapshot_files
from .test_recovery_fallback import fill, on_small_disk


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
def small_disk(tmp_path: Path, workspace_dir: Path) -> Iterator[Path]:
    with on_small_disk(tmp_path, workspace_dir) as mount:
        yield mount


def test_a_full_disk_changes_nothing_and_says_so(small_disk: Path) -> None:
    workspace = Workspace.open(small_disk)
    versions = small_disk / ".historique" / "v5-environnement-qualite-de-vie"
    versions.mkdir(parents=True)
    fill(small_disk)
    before = snapshot_files(small_disk / "chapters")
    chapter = workspace.store.load("v5-environnement-qualite-de-vie")
    chapter.data["chapeau"] = "Un nouveau chapeau. " * 50
    with pytest.raises(DiskRefused) as caught:
        workspace.store.save(chapter)
    assert "disque est plein" in caught.value.reason
    assert snapshot_files(small_disk / "chapters") == before
    assert list(versions.iterdir()) == []


def test_the_cli_says_the_disk_is_full_in_french(small_disk: Path) -> None:
    fill(small_disk)
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


RACE = """
import sys
from pathlib import Path
from authoring_tui.core.locks import ChapterLocked
from authoring_tui.core.roles import identify
from authoring_tui.core.workspace import Workspace
workspace = Workspace.open(Path(sys.argv[1]))
lock = workspace.lock("edito")
sys.stdin.readline()  # all start together
try:
    lock.acquire(identify(workspace.report, "mlegrand"))
    print("PRIS", flush=True)
    sys.stdin.readline()
    lock.release()
except ChapterLocked as error:
    print("REFUS " + str(error), flush=True)
"""


def test_every_refusal_in_a_race_for_a_lock_says_who(workspace_dir: Path) -> None:
    """Twenty processes take the same lock at once: one gets it, and every other
    one is told by whom, never « quelqu’un (?) sur ? »."""
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", RACE, str(workspace_dir)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(20)
    ]
    for racer in racers:  # wait until each has imported everything
        assert racer.stdin is not None
    time.sleep(3)
    for racer in racers:
        assert racer.stdin is not None
        racer.stdin.write("go\n")
        racer.stdin.flush()
    answers = []
    for racer in racers:
        assert racer.stdout is not None
        answers.append(racer.stdout.readline().strip())
    for racer, answer in zip(racers, answers, strict=True):
        assert racer.stdin is not None
        if answer == "PRIS":
            racer.stdin.write("fin\n")
        with contextlib.suppress(BrokenPipeError):
            racer.stdin.close()
        racer.wait(timeout=60)
    refusals = [a for a in answers if a.startswith("REFUS")]
    assert len(refusals) >= 1 and len(answers) == 20
    assert all("?" not in answer for answer in refusals)
    assert all("Marion Legrand" in a or "un autre processus" in a for a in refusals)
