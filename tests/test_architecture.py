"""The core stays headless, and the CLI's reading commands stay light."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

CORE_MODULES = [
    "anchors",
    "applicable",
    "completeness",
    "dates",
    "diff",
    "editing",
    "review",
    "roles",
    "errors",
    "field_roles",
    "file_notes",
    "files",
    "fingerprint",
    "grid_yaml",
    "history",
    "undo",
    "lines",
    "merge",
    "media",
    "locks",
    "patch",
    "proofreading",
    "proofreading_apply",
    "proofreading_import",
    "report",
    "sample",
    "schema",
    "schema_library",
    "status",
    "status_cache",
    "store",
    "validation",
    "workspace",
    "yaml_checks",
    "yaml_header",
    "yaml_readers",
    "yaml_spelling",
    "yaml_writer",
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


_OS_FILE_CALLS = {
    "open", "fdopen", "replace", "remove", "unlink", "rename", "link", "symlink",
    "mkdir", "makedirs", "rmdir", "chmod", "truncate",
}  # fmt: skip
_PATH_FILE_METHODS = {
    "read_text", "write_text", "read_bytes", "write_bytes", "unlink", "mkdir", "touch",
    "rename", "rmdir", "symlink_to", "hardlink_to", "chmod",
}  # fmt: skip
_SAFE_RECEIVER = re.compile(r"(^|\.)(files|origin|store)$|Folder\.at\(|^\(files or Folder")


def _disk_calls(path: Path) -> list[str]:
    """Calls that open, write or remove a file by name, outside ``core/files.py``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "open":
            found.append(f"{path.name}:{node.lineno}: open()")
        elif isinstance(func, ast.Attribute):
            receiver = ast.unparse(func.value)
            if (
                receiver in ("shutil", "tempfile")
                or (receiver == "os" and func.attr in _OS_FILE_CALLS)
                or (func.attr in _PATH_FILE_METHODS and not _SAFE_RECEIVER.search(receiver))
            ):
                found.append(f"{path.name}:{node.lineno}: {receiver}.{func.attr}()")
    return found


def test_every_file_goes_through_the_safe_file_layer() -> None:
    """One way to the disk: only ``core/files.py`` opens, writes or removes files
    by name; everything else goes through its ``Folder`` (or the store built on it)."""
    package = Path(__file__).resolve().parents[1] / "src" / "authoring_tui"
    found = [
        call
        for path in sorted(package.rglob("*.py"))
        if path != package / "core" / "files.py"
        for call in _disk_calls(path)
    ]
    assert found == []


PUBLIC_UNDERSCORE_NAMES = {
    "_Element",  # lxml.etree's documented element class
    "_ElementTree",  # lxml.etree's documented tree class
    "_exit",  # os._exit, documented
}


def _private_library_uses(tree: ast.AST) -> list[str]:
    """Imports of a library's private module or name, and ``x._name`` on anything
    but ``self``/``cls`` (our objects keep their privates to themselves too)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [*node.module.split("."), *(alias.name for alias in node.names)]
            if node.module != "__future__" and any(n.startswith("_") for n in names):
                found.append(f"{node.lineno}: from {node.module} import …")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if any(part.startswith("_") for part in alias.name.split(".")):
                    found.append(f"{node.lineno}: import {alias.name}")
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            private = not node.attr.startswith("__") and node.attr not in PUBLIC_UNDERSCORE_NAMES
            owner = node.value.id if isinstance(node.value, ast.Name) else None
            if private and owner not in ("self", "cls"):
                found.append(f"{node.lineno}: ….{node.attr}")
    return found


def test_the_package_uses_no_private_module_or_attribute_of_a_library() -> None:
    """Textual, python-docx, jsonschema, ruamel, argparse…: public API only, so that
    an upgrade of a pinned library cannot break us silently."""
    root = Path(__file__).resolve().parents[1] / "src" / "authoring_tui"
    offences = {
        str(path.relative_to(root)): found
        for path in sorted(root.rglob("*.py"))
        if (found := _private_library_uses(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert offences == {}


def test_the_private_use_scan_finds_what_it_looks_for() -> None:
    code = (
        "from textual.widgets._footer import FooterKey\n"
        "import docx.opc._x\n"
        "part._element.x = 1\n"
        "self._mine = 2\n"
        "tree = etree._Element\n"
    )
    assert [line.split(":")[0] for line in _private_library_uses(ast.parse(code))] == [
        "1",
        "2",
        "3",
    ]
