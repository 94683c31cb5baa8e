"""Chapters read ahead by forked workers give the very document read in-process."""

from __future__ import annotations

import datetime
import json
import threading
from pathlib import Path

from authoring_tui.core.workspace import Workspace
from authoring_tui.export import ExportOptions, export_report
from authoring_tui.export.reading import _worker_count

from .conftest import snapshot_files

EDITION = datetime.date(2021, 4, 12)


def test_workers_and_in_process_reading_give_identical_bytes(
    workspace_dir: Path, tmp_path: Path
) -> None:
    alone, parallel = tmp_path / "seul.docx", tmp_path / "parallele.docx"
    export_report(
        Workspace.open(workspace_dir), ExportOptions(output=alone, date=EDITION, workers=0)
    )
    (workspace_dir / ".cache" / "statut.json").unlink()  # the workers measure everything
    export_report(
        Workspace.open(workspace_dir), ExportOptions(output=parallel, date=EDITION, workers=2)
    )
    assert parallel.read_bytes() == alone.read_bytes()
    cache = json.loads((workspace_dir / ".cache" / "statut.json").read_text(encoding="utf-8"))
    assert sorted(cache["chapitres"]) == sorted(Workspace.open(workspace_dir).report.chapter_ids)


def test_a_broken_chapter_read_by_a_worker_is_the_usual_french_warning(
    workspace_dir: Path, tmp_path: Path
) -> None:
    chapter = workspace_dir / "chapters" / "vi3-finances-budget.yaml"
    chapter.write_text("titre: Finances\nsections: [\n", encoding="utf-8")
    before = snapshot_files(workspace_dir / "chapters")
    target = tmp_path / "rapport.docx"
    result = export_report(Workspace.open(workspace_dir), ExportOptions(output=target, workers=2))
    (warning,) = [w for w in result.warnings if "vi3-finances-budget" in w]
    assert "chapters/vi3-finances-budget.yaml, ligne" in warning
    assert "YAML est mal formé" in warning and "exporté comme non commencé" in warning
    assert target.is_file() and result.chapters == 21
    assert snapshot_files(workspace_dir / "chapters") == before


def test_no_fork_from_a_thread() -> None:
    counts: list[int] = []
    worker = threading.Thread(target=lambda: counts.append(_worker_count(21)))
    worker.start()
    worker.join()
    assert counts == [0]
