"""Many hands on one report: locks, conflicts, history and recovery, on real files."""

from __future__ import annotations

import datetime
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from authoring_tui.core.diff import differences
from authoring_tui.core.locks import ChapterLocked
from authoring_tui.core.roles import identify
from authoring_tui.core.store import ChapterConflict
from authoring_tui.core.workspace import Workspace

HOLD_LOCK = """
import sys
from pathlib import Path
from authoring_tui.core.roles import identify
from authoring_tui.core.workspace import Workspace
workspace = Workspace.open(Path(sys.argv[1]))
lock = workspace.lock(sys.argv[2])
lock.acquire(identify(workspace.report, sys.argv[3]))
print("verrou pris", flush=True)
sys.stdin.read()
lock.release()
"""


@pytest.fixture
def holder(workspace_dir: Path):  # type: ignore[no-untyped-def]
    """A second process that holds the lock of v2-mobilite as Alice Durand."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(workspace_dir), "v2-mobilite", "adurand"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "verrou pris"
    yield process
    if process.poll() is None:
        process.kill()
    process.wait()


def test_second_user_gets_read_only_with_the_first_ones_name(
    workspace: Workspace, holder: subprocess.Popen[str]
) -> None:
    lock = workspace.lock("v2-mobilite")
    with pytest.raises(ChapterLocked) as caught:
        lock.acquire(identify(workspace.report, "mlegrand"))
    now = datetime.datetime.now()
    message = str(caught.value)
    assert "Verrouillé par Alice Durand (adurand) depuis" in message
    assert f"{now.hour} h" in message
    assert "lecture seule" in message
    assert not caught.value.breakable  # a live process on this host: nobody breaks it


def test_lock_of_a_dead_process_is_taken_over(
    workspace: Workspace, holder: subprocess.Popen[str]
) -> None:
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    lock = workspace.lock("v2-mobilite")
    lock.acquire(identify(workspace.report, "tmoreau"))
    assert lock.holder() is not None and lock.holder().login == "tmoreau"  # type: ignore[union-attr]
    lock.release()
    assert lock.holder() is None


def test_closing_releases_the_lock(workspace: Workspace, holder: subprocess.Popen[str]) -> None:
    assert holder.stdin is not None
    holder.stdin.close()
    holder.wait(timeout=10)
    lock = workspace.lock("v2-mobilite")
    lock.acquire(identify(workspace.report, "mlegrand"))
    lock.release()


def _foreign_lock(workspace: Workspace, hours_ago: float) -> None:
    since = datetime.datetime.now() - datetime.timedelta(hours=hours_ago)
    folder = workspace.root / ".verrous"
    folder.mkdir(exist_ok=True)
    info = {
        "login": "adurand",
        "nom": "Alice Durand",
        "host": "poste-distant",
        "pid": 4242,
        "since": since.replace(microsecond=0).isoformat(),
    }
    (folder / "v2-mobilite.json").write_text(json.dumps(info), encoding="utf-8")


def test_recent_lock_from_another_host_holds_even_against_the_secretariat(
    workspace: Workspace,
) -> None:
    _foreign_lock(workspace, hours_ago=1)
    lock = workspace.lock("v2-mobilite")
    with pytest.raises(ChapterLocked) as caught:
        lock.acquire(identify(workspace.report, "mlegrand"), force=True)
    assert "sur poste-distant" in str(caught.value)
    assert not caught.value.breakable


def test_expired_lock_from_another_host_is_broken_by_the_secretariat_only(
    workspace: Workspace,
) -> None:
    _foreign_lock(workspace, hours_ago=30)
    lock = workspace.lock("v2-mobilite")
    with pytest.raises(ChapterLocked) as contributor:
        lock.acquire(identify(workspace.report, "tmoreau"), force=True)
    assert not contributor.value.breakable
    with pytest.raises(ChapterLocked) as asked:
        lock.acquire(identify(workspace.report, "mlegrand"))
    assert asked.value.breakable
    assert "peut forcer ce verrou" in str(asked.value)
    lock.acquire(identify(workspace.report, "mlegrand"), force=True)
    assert lock.holder().login == "mlegrand"  # type: ignore[union-attr]
    lock.release()


def test_save_after_a_change_on_disk_is_refused_and_mine_can_be_kept(
    workspace: Workspace,
) -> None:
    mine = workspace.store.load("v2-mobilite")
    theirs = workspace.store.load("v2-mobilite")
    theirs.data["titre"] = "Mobilité et transports"
    workspace.store.save(theirs)
    on_disk = mine.path.read_bytes()
    mine.data["chapeau"] = "Ma version du chapeau."
    with pytest.raises(ChapterConflict) as caught:
        workspace.store.save(mine)
    assert "rien n’a été écrasé" in str(caught.value)
    assert mine.path.read_bytes() == on_disk
    kept = workspace.store.keep_conflict_copy(mine, "adurand")
    assert kept.name.startswith("v2-mobilite.conflit-adurand-") and kept.suffix == ".yaml"
    assert "Ma version du chapeau." in kept.read_text(encoding="utf-8")
    schema = workspace.schema_for("v2-mobilite")
    changes = {d.chemin: (d.mine, d.theirs) for d in differences(schema, mine.data, theirs.data)}
    assert changes["Titre"] == ("Mobilité", "Mobilité et transports")
    assert changes["Chapeau"][0] == "Ma version du chapeau."


def test_hand_edit_in_another_editor_is_a_conflict(workspace: Workspace) -> None:
    chapter = workspace.store.load("edito")
    path = chapter.path
    path.write_text(path.read_text(encoding="utf-8") + "# une note à la main\n", "utf-8")
    chapter.data["titre"] = "Éditorial"
    with pytest.raises(ChapterConflict):
        workspace.store.save(chapter)
    assert path.read_text(encoding="utf-8").endswith("# une note à la main\n")


def test_each_save_keeps_the_previous_version_and_one_can_be_restored(
    workspace_dir: Path,
) -> None:
    report = workspace_dir / "report.yaml"
    report.write_text(
        report.read_text(encoding="utf-8") + "historique_versions: 3\n", encoding="utf-8"
    )
    workspace = Workspace.open(workspace_dir)
    original = workspace.store.path_for("edito").read_bytes()
    chapter = workspace.store.load("edito")
    for title in ("Édito 1", "Édito 2", "Édito 3", "Édito 4"):
        chapter.data["titre"] = title
        workspace.store.save(chapter)
    versions = workspace.store.history.versions("edito")
    assert len(versions) == 3  # the last N only
    assert b"titre: \xc3\x89dito 3" in versions[0].path.read_bytes()
    assert b"titre: \xc3\x89dito 1" in versions[2].path.read_bytes()
    assert original not in [v.path.read_bytes() for v in versions]
    workspace.store.restore_version(chapter, 3)
    workspace.store.save(chapter)
    assert workspace.store.load("edito").data["titre"] == "Édito 1"


def test_recovery_file_parks_unsaved_work_until_saved_or_discarded(
    workspace: Workspace,
) -> None:
    chapter = workspace.store.load("assemblees")
    before = chapter.path.read_bytes()
    chapter.data["chapeau"] = "Texte tapé mais pas encore enregistré."
    workspace.store.write_recovery(chapter)
    assert chapter.path.read_bytes() == before
    assert workspace.store.pending_recovery("assemblees") is not None
    reopened = workspace.store.load("assemblees")
    workspace.store.restore_recovery(reopened)
    assert reopened.data["chapeau"] == "Texte tapé mais pas encore enregistré."
    workspace.store.save(reopened)
    assert workspace.store.pending_recovery("assemblees") is None
    workspace.store.write_recovery(reopened)
    workspace.store.discard_recovery("assemblees")
    assert workspace.store.pending_recovery("assemblees") is None
