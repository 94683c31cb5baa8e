"""Locks that do not block the team: the holder's activity is recorded, and after
``verrou_inactivite_minutes`` the secrétariat takes the lock over, even from a
live process of this host; the holder notices, and its edits go to its own
recovery copy."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from authoring_tui.cli.main import main
from authoring_tui.core.errors import AuthoringError
from authoring_tui.core.locks import ChapterLocked, LockTakenOver
from authoring_tui.core.roles import identify
from authoring_tui.core.workspace import Workspace

from .conftest import snapshot_files
from .test_many_hands import HOLD_LOCK

CHAPTER = "v2-mobilite"
OPENED = datetime.datetime(2021, 3, 4, 10, 0, 0)


def minutes(count: float) -> datetime.datetime:
    return OPENED + datetime.timedelta(minutes=count)


def info_file(workspace: Workspace) -> dict[str, object]:
    data: dict[str, object] = json.loads(
        (workspace.root / ".verrous" / f"{CHAPTER}.json").read_text(encoding="utf-8")
    )
    return data


@pytest.fixture
def held(workspace: Workspace) -> Iterator[Workspace]:
    """Alice holds the chapter's lock since ``OPENED`` (this process: its OS lock
    is hers, the secrétariat's lock object cannot take it)."""
    lock = workspace.lock(CHAPTER)
    lock.acquire(identify(workspace.report, "adurand"), now=OPENED)
    yield workspace
    lock.release()


def test_the_lock_records_the_last_activity(held: Workspace) -> None:
    assert info_file(held)["activite"] == "2021-03-04T10:00:00"
    holder = held.lock(CHAPTER)
    with pytest.raises(ChapterLocked):
        holder.acquire(identify(held.report, "adurand"))
    lock = held.lock(CHAPTER)  # not held: recording does nothing
    assert lock.record_activity(minutes(5)) is False
    assert info_file(held)["activite"] == "2021-03-04T10:00:00"


def test_takeover_waits_for_the_idle_delay_and_is_the_secretariats_only(
    workspace: Workspace,
) -> None:
    alice = workspace.lock(CHAPTER)
    alice.acquire(identify(workspace.report, "adurand"), now=OPENED)
    alice.record_activity(minutes(10))
    assert info_file(workspace)["activite"] == "2021-03-04T10:10:00"
    secretariat = identify(workspace.report, "mlegrand")

    with pytest.raises(ChapterLocked) as early:
        workspace.lock(CHAPTER).acquire(secretariat, take_over=True, now=minutes(39))
    assert not early.value.takeable
    with pytest.raises(ChapterLocked) as writer:
        workspace.lock(CHAPTER).acquire(
            identify(workspace.report, "tmoreau"), take_over=True, now=minutes(45)
        )
    assert not writer.value.takeable
    assert info_file(workspace)["login"] == "adurand"

    with pytest.raises(ChapterLocked) as asked:  # without take_over: told it may
        workspace.lock(CHAPTER).acquire(secretariat, now=minutes(42))
    assert asked.value.takeable and asked.value.info.idle_minutes(minutes(42)) == 32

    taker = workspace.lock(CHAPTER)
    taker.acquire(secretariat, take_over=True, now=minutes(42))
    assert taker.held and not taker.os_held
    assert info_file(workspace)["login"] == "mlegrand"
    assert info_file(workspace)["repris"] is True

    found = alice.taken_by()  # the holder notices
    assert found is not None and found.login == "mlegrand"
    assert alice.record_activity(minutes(43)) is False
    with pytest.raises(LockTakenOver) as refused, alice.still_held():
        pytest.fail("a save ran after the takeover")
    assert "repris par Marion Legrand (mlegrand) à 10 h 42" in str(refused.value)

    alice.release()  # its OS lock goes; the holder file stays the taker's
    assert info_file(workspace)["login"] == "mlegrand"
    with pytest.raises(ChapterLocked) as third:  # the OS lock is free: the file still counts
        workspace.lock(CHAPTER).acquire(identify(workspace.report, "adurand"))
    assert "Marion Legrand" in str(third.value)
    taker.release()
    assert not (workspace.root / ".verrous" / f"{CHAPTER}.json").exists()
    workspace.lock(CHAPTER).acquire(identify(workspace.report, "adurand"))


def test_the_setting_comes_from_report_yaml(workspace_dir: Path) -> None:
    report = workspace_dir / "report.yaml"
    text = report.read_text(encoding="utf-8")
    report.write_text(text + "verrou_inactivite_minutes: 5\n", encoding="utf-8")
    workspace = Workspace.open(workspace_dir)
    assert workspace.report.lock_inactivity_minutes == 5
    alice = workspace.lock(CHAPTER)
    alice.acquire(identify(workspace.report, "adurand"), now=OPENED)
    taker = workspace.lock(CHAPTER)
    taker.acquire(identify(workspace.report, "mlegrand"), take_over=True, now=minutes(6))
    assert taker.held
    taker.release()
    alice.release()


def test_a_bad_setting_is_refused_in_french(
    workspace_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = workspace_dir / "report.yaml"
    report.write_text(
        report.read_text(encoding="utf-8") + "verrou_inactivite_minutes: 0\n", encoding="utf-8"
    )
    before = snapshot_files(workspace_dir)
    assert main(["status", "--workspace", str(workspace_dir)]) == 2
    err = capsys.readouterr().err
    assert "report.yaml" in err and "Inactivité avant reprise" in err
    assert snapshot_files(workspace_dir) == before
    with pytest.raises(AuthoringError):
        Workspace.open(workspace_dir)


def test_the_default_is_thirty_minutes(workspace: Workspace) -> None:
    assert workspace.report.lock_inactivity_minutes == 30


def test_an_older_lock_file_without_activity_counts_from_its_start(workspace: Workspace) -> None:
    folder = workspace.root / ".verrous"
    folder.mkdir(exist_ok=True)
    old = {"login": "adurand", "nom": "Alice Durand", "host": "poste-distant", "pid": 4242}
    old["since"] = OPENED.isoformat()
    (folder / f"{CHAPTER}.json").write_text(json.dumps(old), encoding="utf-8")
    secretariat = identify(workspace.report, "mlegrand")
    with pytest.raises(ChapterLocked):
        workspace.lock(CHAPTER).acquire(secretariat, take_over=True, now=minutes(29))
    lock = workspace.lock(CHAPTER)
    lock.acquire(secretariat, take_over=True, now=minutes(31))
    assert info_file(workspace)["login"] == "mlegrand"
    lock.release()


def test_a_live_holder_in_another_process_is_taken_over(workspace: Workspace) -> None:
    """The holder is another process of this host: its OS lock stays, the file
    says who edits now."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(workspace.root), CHAPTER, "adurand"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "verrou pris"
        later = datetime.datetime.now() + datetime.timedelta(minutes=31)
        lock = workspace.lock(CHAPTER)
        lock.acquire(identify(workspace.report, "mlegrand"), take_over=True, now=later)
        assert info_file(workspace)["login"] == "mlegrand"
        lock.release()
    finally:
        holder.kill()
        holder.wait()


def test_recovery_copies_are_per_user(workspace: Workspace) -> None:
    store = workspace.store
    mine = store.load(CHAPTER)
    mine.data["chapeau"] = "Ce qu’Alice a tapé avant la reprise."
    parked = store.write_recovery(mine, "adurand")
    assert parked == store.folder / f".{CHAPTER}.recuperation.adurand.yaml"
    assert store.pending_recovery(CHAPTER, "mlegrand") is None  # not offered to the taker
    theirs = store.load(CHAPTER)
    theirs.data["titre"] = "Mobilité (relu)"
    store.save(theirs, "mlegrand")  # the secrétariat saves after the takeover
    assert parked.exists()
    assert store.pending_recovery(CHAPTER, "adurand") == parked  # offered though older
    reopened = store.load(CHAPTER)
    store.restore_recovery(reopened, "adurand")
    assert reopened.data["chapeau"] == "Ce qu’Alice a tapé avant la reprise."
    store.save(reopened, "adurand")
    assert not parked.exists()


def test_the_older_recovery_name_is_still_read(workspace: Workspace) -> None:
    store = workspace.store
    chapter = store.load(CHAPTER)
    chapter.data["chapeau"] = "Parqué par une version précédente de l’outil."
    legacy = store.write_recovery(chapter)
    assert legacy == store.folder / f".{CHAPTER}.recuperation.yaml"
    assert store.pending_recovery(CHAPTER, "adurand") == legacy
    reopened = store.load(CHAPTER)
    store.restore_recovery(reopened, "adurand")
    assert reopened.data["chapeau"].startswith("Parqué")
    store.discard_recovery(CHAPTER, "adurand")
    assert not legacy.exists()


def test_a_login_unfit_for_a_file_name_is_hashed(workspace: Workspace) -> None:
    path = workspace.store.recovery_path(CHAPTER, "../../etc")
    assert path.parent == workspace.store.folder
    assert "/" not in path.name.removeprefix(".") and ".." not in path.name
