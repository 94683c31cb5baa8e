"""The editor's form is built for every schema of the official JSON Schema test suite.

Each case of ``../shared/jsonschema-test-suite/tests/draft2020-12/*.json`` becomes a
workspace of its own on disk (its schema as ``schema/chapitre.schema.json``, the
remote schemas beside it when it names them), with one chapter per distinct
object among its tests' data (``{}`` when a test's data is not an object). Every
chapter is opened in the real editor of one running app, through the app's own
``show_editor`` (editable for the first chapter of a schema, read-only for the
others); each outline node down to ``DEPTH`` is shown, and each folded level of
its form (recursive references are built one level at a time) is unfolded, down
to ``DEPTH`` levels. Nothing may raise, and the form must show at least the
chapter's root.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from textual.pilot import Pilot
from textual.widgets import Label

from authoring_tui.core.errors import SchemaError
from authoring_tui.core.roles import identify
from authoring_tui.core.workspace import Workspace
from authoring_tui.tui.app import AuthoringApp
from authoring_tui.tui.screens.editor import EditorScreen
from authoring_tui.tui.session import ChapterSession
from authoring_tui.tui.widgets.fields import GroupBox, ReadOnlyRow
from authoring_tui.tui.widgets.node_form import NodeForm
from authoring_tui.tui.widgets.outline_tree import OutlineTree

from .helpers import TODAY

SUITE = Path(__file__).resolve().parents[3] / "shared" / "jsonschema-test-suite"
TESTS = SUITE / "tests" / "draft2020-12"
REMOTES = SUITE / "remotes"
REMOTE_BASE = "http://localhost:1234/"
REMOTE_FOLDER = "draft2020-12/"
"""The only remotes the draft 2020-12 tests name (the others are other drafts')."""

if not TESTS.is_dir() or not REMOTES.is_dir():
    pytest.skip(
        f"the JSON Schema test suite is not here ({SUITE}): nothing to build forms for",
        allow_module_level=True,
    )

DEPTH = 3
"""Outline nodes and folded form levels opened below the root, at most."""
TIME_LIMIT = 60.0
"""Seconds of processor the whole set may take (about 30 on a laptop). Processor
time, not the clock's: tests running beside this one on a busy machine slow the
clock down, not what this process costs; both are printed."""
SIZE = (80, 24)
"""The smallest terminal the editor is made for, and the fastest to draw."""
EDITOR, READER = "chef", "lecteur"
"""The secretariat opens each schema's first chapter: editable, with every button of
the form. The other chapters of a schema (other data) are opened by a reader, who
gets the same form read-only, and spares the edit lock's two synchronised writes."""
CHAPTER_SCHEMA = "chapitre.schema.json"
UNICODE_CLASSES = (
    "Python’s regular expressions have no \\p{…}: the core refuses the schema, as "
    "jsonschema’s own check of a schema does (its « regex » format), with a French "
    "message naming the file"
)
REFUSED = {"pattern.json#2": UNICODE_CLASSES, "patternProperties.json#5": UNICODE_CLASSES}
"""Cases whose chapters the core may refuse to open, and why: their form cannot be built."""


@dataclass(frozen=True)
class Case:
    """One schema of the suite and the chapters (data) it is tried with."""

    key: str
    """``file.json#index``."""
    name: str
    schema: Any
    data: tuple[dict[str, Any], ...]


def suite_cases() -> list[Case]:
    found = []
    for path in sorted(TESTS.glob("*.json")):
        for index, raw in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            data: dict[str, dict[str, Any]] = {}
            for test in raw["tests"]:
                value = test["data"] if isinstance(test["data"], dict) else {}
                data.setdefault(json.dumps(value, sort_keys=True), value)
            key = f"{path.name}#{index}"
            name = f"{key} {raw['description']}"
            found.append(Case(key, name, raw["schema"], tuple(data.values())))
    return found


def remote_files() -> list[tuple[str, Any]]:
    """(file name, contents) of each remote, as a flat ``schema/`` folder holds it:
    ``draft2020-12/nested/string.json`` is ``remote--draft2020-12--nested--string.json``,
    with its URL as ``$id`` when it has none. A remote whose ``$id`` is not its URL
    is also reachable by its URL, through a second file referring to the first."""
    files = []
    for path in sorted(REMOTES.rglob("*.json")):
        relative = path.relative_to(REMOTES).as_posix()
        if not relative.startswith(REMOTE_FOLDER):
            continue
        contents = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(contents, dict) and "$id" not in contents:
            contents = {"$id": REMOTE_BASE + relative, **contents}
        name = "remote--" + relative.replace("/", "--")
        files.append((name, contents))
        url, own_id = REMOTE_BASE + relative, contents.get("$id")
        if isinstance(own_id, str) and urljoin(url, own_id) != url:
            # The suite's server serves it at its URL too, whatever its $id says.
            files.append((f"alias--{name}", {"$id": url, "$ref": urljoin(url, own_id)}))
    return files


def report_yaml(chapter_ids: list[str]) -> str:
    """The plan, one part holding every chapter; written as JSON, which is YAML."""
    return json.dumps(
        {
            "organisation": "JSON-Schema-Test-Suite",
            "titre": "Suite officielle",
            "annee": 2024,
            "parties": [{"id": "cas", "titre": "Cas", "chapitres": chapter_ids}],
            "equipe": {"secretariat": [EDITOR]},
        },
        ensure_ascii=False,
    )


def chapter_ids(case: Case) -> list[str]:
    return [f"cas-{index}" for index in range(len(case.data))]


def write_workspace(root: Path, case: Case, remotes: list[tuple[str, Any]]) -> list[str]:
    """A workspace holding ``case``; returns its chapter ids."""
    (root / "schema").mkdir(parents=True)
    (root / "chapters").mkdir()
    text = json.dumps(case.schema, ensure_ascii=False, indent=1)
    (root / "schema" / CHAPTER_SCHEMA).write_text(text, encoding="utf-8")
    if REMOTE_BASE in text:
        for name, contents in remotes:
            (root / "schema" / name).write_text(json.dumps(contents), encoding="utf-8")
    ids = chapter_ids(case)
    for chapter_id, value in zip(ids, case.data, strict=True):
        chapter = json.dumps(value, ensure_ascii=False)  # JSON is YAML
        (root / "chapters" / f"{chapter_id}.yaml").write_text(chapter, encoding="utf-8")
    (root / "report.yaml").write_text(report_yaml(ids), encoding="utf-8")
    return ids


def folded_groups(form: NodeForm) -> list[GroupBox]:
    return [box for box in form.query(GroupBox) if box.folded]


async def open_folded_levels(form: NodeForm) -> int:
    """Unfold each folded group of the form, then those they hold, ``DEPTH`` levels
    down; returns how many were unfolded."""
    unfolded = 0
    for _ in range(DEPTH):
        folded = folded_groups(form)
        for box in folded:
            await box.unfold()
        unfolded += len(folded)
    return unfolded


async def show_chapter(app: AuthoringApp, session: ChapterSession) -> EditorScreen:
    """What the app does when a chapter is opened, its editor screen being reused."""
    if app.session is not None:
        app.session.close()
    app.session = session
    await app.show_editor(session, switch=isinstance(app.screen, EditorScreen))
    assert isinstance(app.screen, EditorScreen)
    return app.screen


@dataclass
class Seen:
    chapters: int = 0
    forms: int = 0
    unfolded: int = 0
    read_only: int = 0
    refused: int = 0


async def explore(pilot: Pilot[Any], editor: EditorScreen, seen: Seen) -> None:
    """Show every outline node down to ``DEPTH``, unfold its folded groups, and draw it."""
    for entry in [e for e in editor.entries if e.depth <= DEPTH]:
        form = await editor.show_path(entry.path)
        seen.unfolded += await open_folded_levels(form)
        await pilot.pause(0)  # laid out and drawn
        title = form.query_one("#node-title", Label)
        assert title.region.area > 0, f"the form of {entry.path} is not on screen"
        assert str(title.content) == entry.label
        seen.read_only += sum(1 for row in form.query(ReadOnlyRow) if row.reason)
        seen.forms += 1


async def open_case(
    pilot: Pilot[Any], app: AuthoringApp, root: Path, case: Case, seen: Seen
) -> None:
    workspace = Workspace.open(root)
    reader = identify(workspace.report, READER)
    for index, chapter_id in enumerate(chapter_ids(case)):
        user = app.user if index == 0 else reader
        try:
            session = ChapterSession(workspace, chapter_id, user, app.today)
            assert session.editable == (user is app.user)
        except SchemaError as error:
            if case.key not in REFUSED:
                raise
            assert error.path == root / "schema" / CHAPTER_SCHEMA
            seen.refused += 1
            continue
        editor = await show_chapter(app, session)
        assert editor.query_one(NodeForm).entry.path == ()
        assert editor.query_one(OutlineTree).root.label.plain.startswith(session.title())
        app.clear_notifications()  # a reader is told he reads: a toast each time
        await explore(pilot, editor, seen)
        seen.chapters += 1


async def test_the_form_builds_for_every_schema_of_the_suite(tmp_path: Path) -> None:
    cases = suite_cases()
    remotes = remote_files()
    base = tmp_path / "base"
    write_workspace(base, Case("base", "base", {}, ({},)), remotes)
    app = AuthoringApp(Workspace.open(base), EDITOR, today=TODAY)
    seen = Seen()
    failures: list[str] = []
    started, cpu = time.perf_counter(), time.process_time()
    async with app.run_test(size=SIZE) as pilot:
        for number, case in enumerate(cases):
            root = tmp_path / f"cas-{number}"
            write_workspace(root, case, remotes)
            try:
                await open_case(pilot, app, root, case, seen)
            except Exception as error:  # each schema that fails is listed at the end
                failures.append(f"{case.name}: {error!r}")
            assert app.is_running, f"the application stopped on {case.name}"
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"\n{len(cases)} schemas, {seen.chapters} chapters opened ({seen.refused} refused "
        f"by the core), {seen.forms} forms, {seen.unfolded} folded groups unfolded, "
        f"{seen.read_only} fields read-only with a reason, in {elapsed:.1f} s "
        f"({cpu:.1f} s of processor)"
    )
    assert not failures, "\n".join(failures)
    assert seen.chapters > 600 and seen.unfolded > 0 and seen.read_only > 0
    assert cpu < TIME_LIMIT
