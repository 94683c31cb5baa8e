"""The command line on real workspaces: status, validate, init, and its errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from authoring_tui.cli.main import main
from authoring_tui.core.workspace import Workspace

from .conftest import snapshot_files

UNFINISHED = {"v3-infrastructures", "vi2-ressources-humaines", "vi5-entretien-batiments"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_status_json_lists_every_chapter_of_the_plan_in_order(
    capsys: pytest.CaptureFixture[str], sample_root: Path
) -> None:
    code, out, _ = run(capsys, "status", "--json", "--workspace", str(sample_root))
    assert code == 0
    data = json.loads(out)
    plan = Workspace.open(sample_root).report.chapter_ids
    assert [c["id"] for c in data["chapitres"]] == plan
    assert len(plan) == 21
    assert set(data["report"]) == {"titre", "annee", "completude"}
    for chapter in data["chapitres"]:
        assert set(chapter) == {
            "id", "numero", "titre", "dga", "statut", "completude",
            "erreurs", "mots", "echeance", "modifie",
        }  # fmt: skip
        assert 0 <= chapter["completude"] <= 100
    below = {c["id"] for c in data["chapitres"] if c["completude"] < 100}
    assert below == UNFINISHED
    assert 0 < data["report"]["completude"] < 100


def test_status_of_a_missing_chapter_is_not_started(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    (workspace_dir / "chapters" / "edito.yaml").unlink()
    _, out, _ = run(capsys, "status", "--json", "--workspace", str(workspace_dir))
    edito = next(c for c in json.loads(out)["chapitres"] if c["id"] == "edito")
    assert edito["statut"] == "non_commence"
    assert edito["completude"] == 0


def test_report_completeness_in_json_is_the_weighted_figure(
    capsys: pytest.CaptureFixture[str], sample_root: Path
) -> None:
    from authoring_tui.core.status import report_status

    report = report_status(Workspace.open(sample_root))
    filled = sum(c.completeness.filled for c in report.chapters)
    total = sum(c.completeness.total for c in report.chapters)
    _, out, _ = run(capsys, "status", "--json", "--workspace", str(sample_root))
    assert json.loads(out)["report"]["completude"] == round(100 * filled / total, 1)


def test_status_table_shows_titles_and_total(
    capsys: pytest.CaptureFixture[str], sample_root: Path
) -> None:
    code, out, _ = run(capsys, "status", "--workspace", str(sample_root))
    assert code == 0
    assert "Mobilité" in out
    assert "Total" in out
    assert "Complétude du rapport" in out


def test_validate_reports_only_the_unfinished_chapters(
    capsys: pytest.CaptureFixture[str], sample_root: Path
) -> None:
    code, out, _ = run(capsys, "validate", "--json", "--workspace", str(sample_root))
    assert code == 1
    results = json.loads(out)
    with_errors = {r["id"] for r in results if r["erreurs"]}
    assert with_errors == UNFINISHED
    for result in results:
        assert set(result) == {"id", "fichier", "erreurs"}
        for error in result["erreurs"]:
            assert {"chemin", "message"} <= set(error)


def test_validate_exit_codes(capsys: pytest.CaptureFixture[str], workspace_dir: Path) -> None:
    ws = str(workspace_dir)
    assert run(capsys, "validate", "--workspace", ws, "edito", "v2-mobilite")[0] == 0
    code, out, _ = run(capsys, "validate", "--workspace", ws, "v3-infrastructures")
    assert code == 1
    assert "Chapeau : ce champ est obligatoire." in out
    (workspace_dir / "chapters" / "edito.yaml").write_bytes(b"id: edito\ntitre: [\n")
    code, _, err = run(capsys, "validate", "--workspace", ws, "edito")
    assert code == 2
    assert "edito.yaml" in err and "ligne" in err


@pytest.mark.parametrize("bad", ["../x", "/etc/passwd", "inconnu"])
def test_validate_refuses_bad_or_unknown_ids(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path, bad: str
) -> None:
    before = snapshot_files(workspace_dir)
    code, _, err = run(capsys, "validate", "--workspace", str(workspace_dir), bad)
    assert code == 2
    assert "Erreur" in err
    assert snapshot_files(workspace_dir) == before


def test_no_workspace_says_how_to_point_at_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("AUTHORING_TUI_WORKSPACE", raising=False)
    code, _, err = run(capsys, "status")
    assert code == 2
    assert "report.yaml" in err and "--workspace" in err


def test_workspace_defaults_to_the_current_folder(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workspace_dir)
    code, out, _ = run(capsys, "status", "--json")
    assert code == 0
    assert json.loads(out)["report"]["annee"] == 2020


def test_broken_report_yaml_is_a_french_error_with_its_line(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    report = workspace_dir / "report.yaml"
    text = report.read_text(encoding="utf-8").replace(
        "chapitres: [assemblees]", "chapitres: [assemblees, edito]"
    )
    report.write_text(text, encoding="utf-8")
    before = snapshot_files(workspace_dir)
    code, _, err = run(capsys, "status", "--workspace", str(workspace_dir))
    assert code == 2
    assert "« edito » figure deux fois" in err
    lines = text.splitlines()
    line = next(n for n, content in enumerate(lines, 1) if "[assemblees, edito]" in content)
    assert f"ligne {line}" in err
    assert snapshot_files(workspace_dir) == before


def test_init_creates_a_workspace_with_one_skeleton_per_chapter(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "rapport-2021"
    code, out, _ = run(capsys, "init", str(target))
    assert code == 0 and "Espace de travail créé" in out
    workspace = Workspace.open(target)
    assert sorted(p.stem for p in (target / "chapters").glob("*.yaml")) == sorted(
        workspace.report.chapter_ids
    )
    code, out, _ = run(capsys, "status", "--json", "--workspace", str(target))
    chapters = json.loads(out)["chapitres"]
    assert all(c["statut"] == "brouillon" and c["completude"] < 100 for c in chapters)
    mobility = next(c for c in chapters if c["id"] == "v2-mobilite")
    assert mobility["titre"] == "Mobilité" and mobility["numero"] == "V/2"
    assert run(capsys, "init", str(target))[0] == 2  # never over an existing workspace


def test_init_sample_copies_the_full_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sample_root: Path
) -> None:
    target = tmp_path / "exemple"
    assert run(capsys, "init", str(target), "--sample")[0] == 0
    for source in (sample_root / "chapters").glob("*.yaml"):
        assert (target / "chapters" / source.name).read_bytes() == source.read_bytes()


def test_the_installed_command_runs_without_traceback(sample_root: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "authoring_tui.cli.main", "status", "--workspace", "/nonexistent"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "report.yaml" in result.stderr


def test_french_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["inconnue"])
    assert caught.value.code == 2
    assert "choix invalide" in capsys.readouterr().err
