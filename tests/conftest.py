"""Shared fixtures: the repository's own sample workspace, and copies of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from authoring_tui.core.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "rapport-activite-2020-amp.txt"


@pytest.fixture(scope="session")
def sample_root() -> Path:
    return ROOT


@pytest.fixture
def workspace_dir(tmp_path: Path) -> Path:
    """A private copy of the 2020 sample workspace."""
    target = tmp_path / "rapport"
    target.mkdir()
    shutil.copy2(ROOT / "report.yaml", target / "report.yaml")
    shutil.copytree(ROOT / "schema", target / "schema")
    shutil.copytree(ROOT / "chapters", target / "chapters")
    shutil.copytree(ROOT / "medias", target / "medias")
    (target / "exports").mkdir()
    return target


@pytest.fixture
def workspace(workspace_dir: Path) -> Workspace:
    return Workspace.open(workspace_dir)


def snapshot_files(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` with its bytes, to prove nothing was changed."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
