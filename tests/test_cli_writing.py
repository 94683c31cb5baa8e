"""The CLI's writing commands obey roles and locks, like the application."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from authoring_tui.cli.main import main
from authoring_tui.core.workspace import Workspace

from .conftest import snapshot_files
from .test_many_hands import HOLD_LOCK


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_contributor_submits_and_secretariat_validates(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    ws = ["--workspace", str(workspace_dir)]
    code, out, _ = run(capsys, "statut", *ws, "--user", "fgarcia", "v3-infrastructures", "a_relire")
    assert code == 0 and "Brouillon → À relire" in out
    before = snapshot_files(workspace_dir / "chapters")
    code, _, err = run(capsys, "statut", *ws, "--user", "fgarcia", "v3-infrastructures", "valide")
    assert code == 2 and "ne peut pas passer ce chapitre" in err
    assert snapshot_files(workspace_dir / "chapters") == before
    code, _, _ = run(capsys, "statut", *ws, "--user", "mlegrand", "v3-infrastructures", "valide")
    assert code == 0
    history = Workspace.open(workspace_dir).store.load("v3-infrastructures").data
    assert [(h["statut"], h["par"]) for h in history["historique_statut"]] == [
        ("a_relire", "fgarcia"),
        ("valide", "mlegrand"),
    ]


def test_a_contributor_cannot_touch_another_dga_chapter(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    before = snapshot_files(workspace_dir)
    code, _, err = run(
        capsys, "statut", "-w", str(workspace_dir), "-u", "adurand", "vi2-ressources-humaines",
        "a_relire",
    )  # fmt: skip
    assert code == 2 and "Alice Durand (adurand)" in err
    assert snapshot_files(workspace_dir) == before


def test_a_locked_chapter_is_refused_with_the_holders_name(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(workspace_dir), "v2-mobilite", "adurand"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "verrou pris"
        before = snapshot_files(workspace_dir / "chapters")
        code, _, err = run(
            capsys, "statut", "-w", str(workspace_dir), "-u", "mlegrand", "v2-mobilite", "valide"
        )
        assert code == 2
        assert "Verrouillé par Alice Durand (adurand)" in err
        assert snapshot_files(workspace_dir / "chapters") == before
    finally:
        holder.kill()
        holder.wait()


def test_history_lists_and_restores_a_version(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    ws = ["-w", str(workspace_dir)]
    original = (workspace_dir / "chapters" / "edito.yaml").read_bytes()
    code, out, _ = run(capsys, "historique", *ws, "edito")
    assert code == 0 and "Aucune version précédente" in out
    assert run(capsys, "statut", *ws, "-u", "mlegrand", "edito", "a_reprendre")[0] == 0
    code, out, _ = run(capsys, "historique", *ws, "edito")
    assert "Versions précédentes" in out and "│  1 │" in out
    assert re.search(r"\d{1,2} \w+ 20\d\d à \d{1,2}\sh\s\d\d", out), "a French moment"
    code, _, err = run(capsys, "historique", *ws, "-u", "adurand", "edito", "--restaurer", "1")
    assert code == 2 and "ne peut pas modifier" in err
    # The secrétariat restores everything (a writer's restore keeps the status:
    # tests/test_field_roles.py).
    code, out, _ = run(capsys, "historique", *ws, "-u", "mlegrand", "edito", "--restaurer", "1")
    assert code == 0 and "version n° 1 restaurée" in out
    assert (workspace_dir / "chapters" / "edito.yaml").read_bytes() == original
    code, _, err = run(capsys, "historique", *ws, "-u", "crossi", "edito", "--restaurer", "9")
    assert code == 2 and "pas de version n° 9" in err
