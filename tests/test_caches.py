"""The caches that make commands fast (``.cache/``) never change a result.

- ``valides.json`` remembers schemas and ``report.yaml`` found valid: with it and
  an up-to-date status cache, a command starts without importing jsonschema; a
  file changed since is checked again.
- The export reads completeness from ``statut.json`` when a chapter's bytes were
  measured before, and measures again a chapter that changed.
"""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.table import Table

from authoring_tui.core.workspace import Workspace
from authoring_tui.export import ExportOptions, export_report

EDITION = datetime.date(2021, 4, 12)
_PROBE = (
    "import sys\n"
    "from authoring_tui.cli.main import main\n"
    "code = main(sys.argv[1:])\n"
    "print('jsonschema importé' if 'jsonschema' in sys.modules else 'jsonschema absent')\n"
    "sys.exit(code)\n"
)


def run_cli(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _PROBE, *argv], capture_output=True, text=True, timeout=120
    )


def test_a_second_status_needs_no_jsonschema(workspace_dir: Path) -> None:
    first = run_cli("status", "--json", "-w", str(workspace_dir))
    assert first.returncode == 0, first.stderr
    assert "jsonschema importé" in first.stdout  # everything measured the first time
    assert (workspace_dir / ".cache" / "valides.json").is_file()
    second = run_cli("status", "--json", "-w", str(workspace_dir))
    assert second.returncode == 0, second.stderr
    assert "jsonschema absent" in second.stdout
    assert json.loads(second.stdout.rsplit("\n", 2)[0]) == json.loads(
        first.stdout.rsplit("\n", 2)[0]
    )


def test_a_schema_broken_after_a_good_run_is_refused(workspace_dir: Path) -> None:
    assert run_cli("status", "-w", str(workspace_dir)).returncode == 0
    schema = workspace_dir / "schema" / "chapitre.schema.json"
    contents = json.loads(schema.read_text(encoding="utf-8"))
    contents["properties"]["titre"]["type"] = "texte"  # not a JSON Schema type
    schema.write_text(json.dumps(contents, ensure_ascii=False), encoding="utf-8")
    result = run_cli("validate", "-w", str(workspace_dir))
    assert result.returncode == 2
    assert "ce n’est pas un JSON Schema valide" in result.stderr
    assert "chapitre.schema.json" in result.stderr


def test_a_report_broken_after_a_good_run_is_refused_with_its_line(workspace_dir: Path) -> None:
    assert run_cli("status", "-w", str(workspace_dir)).returncode == 0
    report = workspace_dir / "report.yaml"
    text = report.read_text(encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("annee:"))
    report.write_text(text.replace("annee: 2020", "annee: deux mille vingt"), encoding="utf-8")
    before = (workspace_dir / ".cache" / "valides.json").read_bytes()
    result = run_cli("status", "-w", str(workspace_dir))
    assert result.returncode == 2
    assert f"report.yaml, ligne {line}" in result.stderr
    assert (workspace_dir / ".cache" / "valides.json").read_bytes() == before


def appendix_rows(path: Path) -> dict[str, list[str]]:
    document = docx.Document(str(path))
    tables = [Table(t, document._body) for t in document.element.body.findall(qn("w:tbl"))]
    table = next(t for t in reversed(tables) if t.rows[0].cells[-1].text == "Échéance")
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    return {row[0]: row for row in rows}


def test_the_export_measures_again_a_chapter_changed_since_the_cache(
    workspace_dir: Path, tmp_path: Path
) -> None:
    workspace = Workspace.open(workspace_dir)
    first = tmp_path / "premier.docx"
    export_report(workspace, ExportOptions(output=first, date=EDITION))
    cache = json.loads((workspace_dir / ".cache" / "statut.json").read_text(encoding="utf-8"))
    assert len(cache["chapitres"]) == len(workspace.report.chapter_ids)
    chapter = workspace_dir / "chapters" / "v1-economie-emploi.yaml"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("titre: Économie et emploi", 'titre: ""', 1), "utf-8")
    second = tmp_path / "second.docx"
    export_report(Workspace.open(workspace_dir), ExportOptions(output=second, date=EDITION))
    before = next(row for name, row in appendix_rows(first).items() if name.startswith("V/1 "))
    after = next(row for name, row in appendix_rows(second).items() if name.startswith("V/1"))
    assert before[3] == "100\u00a0%"
    assert after[3] != before[3]
    status = subprocess.run(
        [
            sys.executable,
            "-m",
            "authoring_tui.cli.main",
            "status",
            "--json",
            "-w",
            str(workspace_dir),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    measured = next(c for c in json.loads(status.stdout)["chapitres"] if c["id"].startswith("v1-"))
    assert after[3] == f"{int(measured['completude'])}\u00a0%"
