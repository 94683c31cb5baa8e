"""Property test of the export: arbitrary chapters export, keeping every XML character.

Hypothesis writes a generated chapter into a one-chapter workspace and exports
it through the real exporter; every string of the chapter must be found in the
document, less only the characters XML 1.0 cannot hold (spaces compared loosely:
the typography makes some of them non-breaking).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from hypothesis import HealthCheck, given, settings

from authoring_tui.core.store import Chapter
from authoring_tui.core.workspace import Workspace
from authoring_tui.core.yamlio import YamlDocument
from authoring_tui.export import ExportOptions, export_report
from authoring_tui.export.typography import normalise_for_search

from .conftest import ROOT
from .test_export import all_paragraphs
from .test_properties import CHAPTER

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
REPORT = """\
organisation: Métropole Aix-Marseille-Provence
titre: Rapport d'essai
annee: 2021
parties:
  - id: essai
    titre: Essai
    chapitres: [hypothese]
"""


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in ("id", "type", "statut"):
                yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)
    elif isinstance(node, str):
        yield node


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(CHAPTER)
def test_any_chapter_exports_and_keeps_every_xml_character(
    tmp_path: Path, chapter: dict[str, Any]
) -> None:
    root = tmp_path / "espace"
    shutil.rmtree(root, ignore_errors=True)
    (root / "chapters").mkdir(parents=True)
    shutil.copytree(ROOT / "schema", root / "schema")
    (root / "report.yaml").write_text(REPORT, encoding="utf-8")
    workspace = Workspace.open(root)
    path = workspace.store.path_for("hypothese")
    workspace.store.save(Chapter("hypothese", path, YamlDocument(chapter, ""), "", 0.0))

    result = export_report(workspace, ExportOptions(output=root / "essai.docx", annexe=False))

    document = docx.Document(str(result.path))
    text = normalise_for_search("\n".join(p.text for p in all_paragraphs(document)))
    missing = [
        s[:40] for s in _strings(chapter) if normalise_for_search(NOT_XML.sub("", s)) not in text
    ]
    assert missing == []
