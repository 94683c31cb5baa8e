"""The tool's own folders lead nowhere: links and FIFOs a colleague puts in
``.historique/``, ``.verrous/``, ``.cache/``, ``schema/`` or ``chapters/`` are
refused in French (or left aside), never followed, never waited on, and the
files outside stay byte-identical. Every command runs as a real process, with a
time limit, so that a hang is a failure."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import snapshot_files

SECRETARIAT = "mlegrand"


def cli(workspace: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "authoring_tui.cli.main", *argv, "--workspace", str(workspace)],
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "dehors"
    folder.mkdir()
    for index in range(5):
        (folder / f"2020010{index}-000000-000000.yaml").write_text(f"secret {index}\n", "utf-8")
    (folder / "statut.json").write_text('{"format": 1, "chapitres": {}}', "utf-8")
    return folder


def test_a_linked_history_folder_is_refused_and_nothing_outside_changes(
    workspace_dir: Path, outside: Path
) -> None:
    history = workspace_dir / ".historique"
    history.mkdir()
    (history / "edito").symlink_to(outside, target_is_directory=True)
    before, chapter = snapshot_files(outside), snapshot_files(workspace_dir / "chapters")
    result = cli(workspace_dir, "statut", "edito", "a_reprendre", "--user", SECRETARIAT)
    assert result.returncode == 2
    assert "lien symbolique" in result.stderr and ".historique/edito" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot_files(outside) == before
    assert snapshot_files(workspace_dir / "chapters") == chapter


def test_a_linked_cache_is_left_alone(workspace_dir: Path, outside: Path) -> None:
    (workspace_dir / ".cache").symlink_to(outside, target_is_directory=True)
    before = snapshot_files(outside)
    for _ in range(2):
        result = cli(workspace_dir, "status", "--json")
        assert result.returncode == 0, result.stderr
    assert snapshot_files(outside) == before


def test_linked_versions_and_recovery_copies_are_never_offered(
    workspace_dir: Path, outside: Path
) -> None:
    secret = outside / "20200100-000000-000000.yaml"
    versions = workspace_dir / ".historique" / "edito"
    versions.mkdir(parents=True)
    (versions / "20991231-000000-000000.yaml").symlink_to(secret)
    (workspace_dir / "chapters" / ".edito.recuperation.yaml").symlink_to(secret)
    listing = cli(workspace_dir, "historique", "edito")
    assert "2099" not in listing.stdout and "31/12/2099" not in listing.stdout
    restored = cli(workspace_dir, "historique", "edito", "--restaurer", "1", "--user", SECRETARIAT)
    assert restored.returncode == 2
    assert "secret" not in (workspace_dir / "chapters" / "edito.yaml").read_text("utf-8")


def test_a_linked_schema_is_refused_without_echoing_what_it_points_to(
    workspace_dir: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.json"
    secret.write_text('{"type": "mot-de-passe-123"}', "utf-8")
    schema = workspace_dir / "schema" / "chiffres-cles.schema.json"
    schema.unlink()
    schema.symlink_to(secret)
    result = cli(workspace_dir, "validate", "chiffres-cles")
    assert result.returncode == 2
    assert "lien symbolique" in result.stdout + result.stderr
    assert "mot-de-passe-123" not in result.stdout + result.stderr


@pytest.mark.parametrize("where", ["schema/extra.json", "schema/chapitre.schema.json"])
def test_a_fifo_in_the_schema_folder_never_hangs_a_command(workspace_dir: Path, where: str) -> None:
    fifo = workspace_dir / where
    fifo.unlink(missing_ok=True)
    os.mkfifo(fifo)
    result = cli(workspace_dir, "status", "--json")  # 60 s limit: a hang fails
    assert "Traceback" not in result.stderr
    if where.endswith("chapitre.schema.json"):
        assert "pas un fichier ordinaire" in result.stdout + result.stderr
    else:
        assert result.returncode == 0


def test_a_fifo_as_chapter_file_is_refused_by_statut(workspace_dir: Path) -> None:
    chapter = workspace_dir / "chapters" / "edito.yaml"
    chapter.unlink()
    os.mkfifo(chapter)
    result = cli(workspace_dir, "statut", "edito", "a_reprendre", "--user", SECRETARIAT)
    assert result.returncode == 2
    assert "pas un fichier ordinaire" in result.stderr


def test_a_linked_lock_folder_is_refused(workspace_dir: Path, outside: Path) -> None:
    (workspace_dir / ".verrous").symlink_to(outside, target_is_directory=True)
    before = snapshot_files(outside)
    result = cli(workspace_dir, "statut", "edito", "a_reprendre", "--user", SECRETARIAT)
    assert result.returncode == 2 and "lien symbolique" in result.stderr
    assert snapshot_files(outside) == before


def test_a_schema_that_refers_to_itself_is_a_french_error(workspace_dir: Path) -> None:
    (workspace_dir / "schema" / "chiffres-cles.schema.json").write_text(
        '{"$defs": {"a": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}', "utf-8"
    )
    result = cli(workspace_dir, "validate", "chiffres-cles")
    assert result.returncode == 2
    assert "boucle" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
