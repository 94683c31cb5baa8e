"""The official JSON Schema test suite (draft 2020-12), laid out as our workspaces.

``../shared/jsonschema-test-suite`` holds the suite's tests and its remote
schemas (MIT licence; ``ORIGIN.txt``). A remote is addressed as
``http://localhost:1234/<its path under remotes/>``; a workspace has no web
server, so each remote the case may reach is written into ``schema/`` with that
URL as its ``$id``, which is how a workspace names a schema other than by file.

This module only reads the suite and writes files; the tests compare verdicts.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parents[1]
SUITE = ROOT.parent / "shared" / "jsonschema-test-suite"
TESTS = SUITE / "tests" / "draft2020-12"
REMOTES = SUITE / "remotes"
REMOTE_BASE = "http://localhost:1234/"

NEXT_DRAFT = "v1"
"""Remotes of the draft after 2020-12: their ``$schema`` is a dialect that no
2020-12 implementation knows (``referencing`` refuses them), and no 2020-12 test
refers to them."""

CHAPTER_SCHEMA = "chapitre.schema.json"


@dataclass(frozen=True)
class SuiteTest:
    description: str
    data: Any
    valid: bool


@dataclass(frozen=True)
class Case:
    """One schema of the suite with its tests."""

    file: str
    """Relative to the draft's folder: ``ref.json``, ``optional/format/date.json``."""
    index: int
    description: str
    schema: Any
    tests: tuple[SuiteTest, ...]

    @property
    def name(self) -> str:
        return f"{self.file}#{self.index} {self.description}"

    def object_tests(self) -> list[tuple[int, SuiteTest]]:
        """The tests whose data is an object, the only ones a chapter can hold."""
        return [(i, test) for i, test in enumerate(self.tests) if isinstance(test.data, dict)]


def available() -> bool:
    return TESTS.is_dir() and REMOTES.is_dir()


def cases(optional: bool) -> list[Case]:
    """Every case of the draft's folder (``optional/`` and below only if asked)."""
    if not available():
        return []
    pattern = "**/*.json" if optional else "*.json"
    found = []
    for path in sorted(TESTS.glob(pattern)):
        file = path.relative_to(TESTS).as_posix()
        for index, raw in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            tests = tuple(SuiteTest(t["description"], t["data"], t["valid"]) for t in raw["tests"])
            found.append(Case(file, index, raw["description"], raw["schema"], tests))
    return found


@cache
def remote_documents() -> dict[str, Any]:
    """URL → contents of every remote a 2020-12 test may reach."""
    documents = {}
    for path in sorted(REMOTES.rglob("*.json")):
        relative = path.relative_to(REMOTES).as_posix()
        if not relative.startswith(f"{NEXT_DRAFT}/"):
            documents[REMOTE_BASE + relative] = json.loads(path.read_text(encoding="utf-8"))
    return documents


@cache
def reference_registry() -> Any:
    """The remotes as plain jsonschema is given them: by URL, contents untouched."""
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    registry: Registry[Any] = Registry()
    for url, contents in remote_documents().items():
        resource = Resource.from_contents(contents, default_specification=DRAFT202012)
        registry = registry.with_resource(url, resource)
    return registry


def reference_valid(schema: Any, data: Any, assert_format: bool) -> bool:
    """Plain jsonschema's verdict (it may raise, e.g. on a regex Python lacks)."""
    from jsonschema import Draft202012Validator

    checker = Draft202012Validator.FORMAT_CHECKER if assert_format else None
    validator = Draft202012Validator(schema, registry=reference_registry(), format_checker=checker)
    return bool(validator.is_valid(data))


def write_schemas(folder: Path, case: Case) -> Path:
    """``folder/chapitre.schema.json`` holding the case's schema, beside the
    remotes the case reaches; returns the chapter schema's path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / CHAPTER_SCHEMA
    path.write_text(json.dumps(case.schema, ensure_ascii=False, indent=1), encoding="utf-8")
    for name, contents in workspace_remotes(remotes_reached(case)):
        (folder / name).write_text(json.dumps(contents, ensure_ascii=False), encoding="utf-8")
    return path


_REMOTE_URL = re.compile(r"http://localhost:1234/[^\"#]*")


def remotes_reached(case: Case) -> frozenset[str]:
    """The URLs of the remotes the case names, directly or through another remote,
    or that plain jsonschema fetches while validating its tests (a relative
    ``$ref`` under a remote base, as in « base URI change », names none in full).

    Only these go into the workspace: a case is then about its own schemas, as
    the issue's « the remote schemas it names » says.
    """
    key = (case.file, case.index)
    if key not in _reached:
        named = _named_in(case.schema)
        _reached[key] = frozenset(named | _fetched_by_jsonschema(case))
    return _reached[key]


_reached: dict[tuple[str, int], frozenset[str]] = {}


def _named_in(schema: Any) -> set[str]:
    documents = remote_documents()
    found: set[str] = set()
    pending = [schema]
    while pending:
        for url in _REMOTE_URL.findall(json.dumps(pending.pop())):
            if url in documents and url not in found:
                found.add(url)
                pending.append(documents[url])
    return found


def _fetched_by_jsonschema(case: Case) -> set[str]:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    from referencing.exceptions import NoSuchResource
    from referencing.jsonschema import DRAFT202012

    fetched: set[str] = set()

    def retrieve(uri: str) -> Resource[Any]:
        contents = remote_documents().get(uri)
        if contents is None:
            raise NoSuchResource(ref=uri)  # type: ignore[call-arg]
        fetched.add(uri)
        return Resource.from_contents(contents, default_specification=DRAFT202012)

    registry: Registry[Any] = Registry(retrieve=retrieve)  # type: ignore[call-arg]
    for test in case.tests:
        with contextlib.suppress(Exception):  # a schema it cannot use fetches nothing more
            Draft202012Validator(case.schema, registry=registry).is_valid(test.data)
    return fetched


def workspace_remotes(urls: frozenset[str]) -> list[tuple[str, Any]]:
    """(file name, contents) of these remotes as a workspace's ``schema/`` holds them.

    ``schema/`` is flat, so ``draft2020-12/nested/string.json`` becomes
    ``remote--draft2020-12--nested--string.json``. A remote without ``$id`` gets
    its URL. A remote whose ``$id`` is not its URL (the suite's « different $id »
    cases) is, on the suite's server, also served at its URL: that address is a
    second file holding only a ``$ref`` to the ``$id``, which validates the same.
    """
    files = []
    for url in sorted(urls):
        contents = remote_documents()[url]
        name = "remote--" + url.removeprefix(REMOTE_BASE).replace("/", "--")
        own_id = contents.get("$id") if isinstance(contents, Mapping) else None
        if own_id is None:
            files.append((name, {"$id": url, **contents}))
            continue
        files.append((name, contents))
        target = urljoin(url, own_id)
        if target != url:
            files.append((f"alias--{name}", {"$id": url, "$ref": target}))
    return files


def chapter_id(test_index: int) -> str:
    return f"test-{test_index}"


def write_workspace(root: Path, case: Case) -> list[str]:
    """A workspace whose plan holds one chapter per object test of ``case``.

    The chapter file is the data as JSON text, which is YAML; the caller checks
    that the store reads it back as the same JSON value.
    """
    tests = case.object_tests()
    ids = [chapter_id(index) for index, _ in tests]
    write_schemas(root / "schema", case)
    (root / "chapters").mkdir(parents=True)
    for chapter, (_, test) in zip(ids, tests, strict=True):
        text = json.dumps(test.data, ensure_ascii=False) + "\n"
        (root / "chapters" / f"{chapter}.yaml").write_text(text, encoding="utf-8")
    (root / "report.yaml").write_text(_report_yaml(ids), encoding="utf-8")
    return ids


def _report_yaml(chapter_ids: list[str]) -> str:
    return (
        "organisation: JSON-Schema-Test-Suite\n"
        "titre: Suite officielle, draft 2020-12\n"
        "annee: 2024\n"
        "parties:\n"
        "  - id: cas\n"
        "    titre: Cas de la suite\n"
        f"    chapitres: [{', '.join(chapter_ids)}]\n"
    )


def same_json(a: Any, b: Any) -> bool:
    """Equal as values and as JSON types: ``true`` is not ``1``, ``1`` not ``1.0``."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_json(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_json(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)
