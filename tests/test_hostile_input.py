"""Hostile and broken input, everywhere a file is read: one case per kind.

Each case asserts the French message naming the file, the CLI's exit code (2)
and that no file of the workspace changed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import snapshot_files

CHAPTER = "v2-mobilite"


def _chapter(ws: Path) -> Path:
    return ws / "chapters" / f"{CHAPTER}.yaml"


def _report_replace(ws: Path, old: str, new: str) -> None:
    report = ws / "report.yaml"
    text = report.read_text(encoding="utf-8")
    assert old in text
    report.write_text(text.replace(old, new, 1), encoding="utf-8")


def yaml_syntax(ws: Path) -> tuple[list[str], str, str]:
    _chapter(ws).write_text("id: v2-mobilite\ntitre: [Mobilité\n", encoding="utf-8")
    return [CHAPTER], "le YAML est mal formé", f"{CHAPTER}.yaml, ligne"


def not_utf8(ws: Path) -> tuple[list[str], str, str]:
    _chapter(ws).write_bytes("id: v2-mobilite\ntitre: Mobilité\n".encode("cp1252"))
    return [CHAPTER], "n’est pas encodé en UTF-8", f"{CHAPTER}.yaml, ligne 2"


def utf16(ws: Path) -> tuple[list[str], str, str]:
    text = _chapter(ws).read_text(encoding="utf-8")
    _chapter(ws).write_bytes(text.encode("utf-16"))
    return [CHAPTER], "encodé en UTF-16", f"{CHAPTER}.yaml"


def alias_bomb(ws: Path) -> tuple[list[str], str, str]:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 30):
        refs = ",".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    _chapter(ws).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [CHAPTER], "alias YAML", f"{CHAPTER}.yaml, ligne"


def deep_nesting(ws: Path) -> tuple[list[str], str, str]:
    _chapter(ws).write_text("id: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    return [CHAPTER], "imbriqué", f"{CHAPTER}.yaml"


def huge_chapter(ws: Path) -> tuple[list[str], str, str]:
    paragraph = "      - type: paragraphe\n        texte: " + "mot " * 250 + "\n"
    with _chapter(ws).open("a", encoding="utf-8") as handle:
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(paragraph)
    return [CHAPTER], "trop volumineux", f"{CHAPTER}.yaml"


def id_escaping(ws: Path) -> tuple[list[str], str, str]:
    return ["../../etc/passwd"], "identifiant de chapitre « ../../etc/passwd » refusé", ""


def schema_escaping(ws: Path) -> tuple[list[str], str, str]:
    _report_replace(ws, "    schema: schema/chiffres-cles.schema.json", "    schema: ../../x.json")
    return ["chiffres-cles"], "hors de l’espace de travail", "report.yaml"


def symlink_out(ws: Path) -> tuple[list[str], str, str]:
    outside = ws.parent / "ailleurs.yaml"
    _chapter(ws).rename(outside)
    _chapter(ws).symlink_to(outside)
    return [CHAPTER], "lien symbolique", f"{CHAPTER}.yaml"


def missing_chapter(ws: Path) -> tuple[list[str], str, str]:
    _chapter(ws).unlink()
    return [CHAPTER], "son fichier n’existe pas encore", f"chapters/{CHAPTER}.yaml"


def duplicate_chapter(ws: Path) -> tuple[list[str], str, str]:
    _report_replace(ws, "chapitres: [assemblees]", "chapitres: [assemblees, v2-mobilite]")
    return [], "« v2-mobilite » figure deux fois dans le plan", "report.yaml, ligne"


def invalid_schema(ws: Path) -> tuple[list[str], str, str]:
    path = ws / "schema" / "chapitre.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["properties"]["titre"]["minLength"] = "un"
    path.write_text(json.dumps(schema), encoding="utf-8")
    return [CHAPTER], "ce n’est pas un JSON Schema valide", "chapitre.schema.json"


def broken_report(ws: Path) -> tuple[list[str], str, str]:
    (ws / "report.yaml").write_text("organisation: [\n", encoding="utf-8")
    return [], "le YAML est mal formé", "report.yaml, ligne"


CASES: dict[str, Callable[[Path], tuple[list[str], str, str]]] = {
    f.__name__: f
    for f in (
        yaml_syntax,
        not_utf8,
        utf16,
        alias_bomb,
        deep_nesting,
        huge_chapter,
        id_escaping,
        schema_escaping,
        symlink_out,
        missing_chapter,
        duplicate_chapter,
        invalid_schema,
        broken_report,
    )
}


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_input_is_refused_in_french_with_exit_2_and_no_change(
    workspace_dir: Path, case: str
) -> None:
    ids, message, where = CASES[case](workspace_dir)
    before = snapshot_files(workspace_dir)
    # A real process with a time limit: a bomb that expanded would never return.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "authoring_tui.cli.main",
            "validate",
            "-w",
            str(workspace_dir),
            *ids,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert message in output
    assert where in output
    assert "Traceback" not in output
    assert snapshot_files(workspace_dir) == before


@pytest.mark.parametrize("variant", ["bom", "crlf", "bom+crlf"])
def test_bom_and_crlf_are_read_as_ordinary_chapters(workspace_dir: Path, variant: str) -> None:
    raw = _chapter(workspace_dir).read_bytes()
    if "crlf" in variant:
        raw = raw.replace(b"\n", b"\r\n")
    if "bom" in variant:
        raw = b"\xef\xbb\xbf" + raw
    _chapter(workspace_dir).write_bytes(raw)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "authoring_tui.cli.main",
            "validate",
            "-w",
            str(workspace_dir),
            CHAPTER,
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert _chapter(workspace_dir).read_bytes() == raw
