"""The core stays headless, and the CLI's reading commands stay light."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CORE_MODULES = [
    "applicable",
    "completeness",
    "diff",
    "review",
    "roles",
    "errors",
    "files",
    "history",
    "lines",
    "locks",
    "report",
    "sample",
    "schema",
    "schema_library",
    "status",
    "status_cache",
    "store",
    "validation",
    "workspace",
    "yamlio",
]


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def test_every_core_module_is_importable_without_textual_or_docx() -> None:
    for name in CORE_MODULES:
        modules = _modules_after(f"import authoring_tui.core.{name}")
        assert "textual" not in modules, name
        assert "docx" not in modules, name


def test_core_package_lists_every_module() -> None:
    folder = Path(__file__).resolve().parents[1] / "src" / "authoring_tui" / "core"
    on_disk = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"}
    assert on_disk == set(CORE_MODULES)


def test_status_command_imports_neither_textual_nor_docx(sample_root: Path) -> None:
    code = (
        "import io, contextlib\n"
        "from authoring_tui.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['status', '--json', '--workspace', {str(sample_root)!r}])\n"
        f"    main(['validate', '--workspace', {str(sample_root)!r}])"
    )
    modules = _modules_after(code)
    assert "textual" not in modules
    assert "docx" not in modules
