"""The official JSON Schema test suite (draft 2020-12) through our own code.

A workspace may bring any draft 2020-12 schema; these tests hold the tool to the
standard on the suite's own cases (issue 13):

- through the public path: every test whose data is an object becomes a chapter
  of a real workspace on disk, checked by ``authoring-tui validate --json`` and
  measured by ``status --json``; the verdict must be the suite's;
- through the core API: every test of the suite, ``optional/`` included and any
  data, gets from ``validate`` the verdict of plain jsonschema configured like
  ours (draft 2020-12, ``format`` asserted), and completeness and word count
  never raise.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from authoring_tui.cli.main import main
from authoring_tui.core.completeness import completeness, word_count
from authoring_tui.core.errors import SchemaError
from authoring_tui.core.schema import Schema, SchemaSet
from authoring_tui.core.store import ChapterStore
from authoring_tui.core.validation import validate

from . import jsonschema_suite as suite

if not suite.available():
    pytest.skip(
        f"la suite officielle JSON Schema est absente ({suite.SUITE})\u00a0: elle est fournie "
        "dans ../shared en intégration continue.",
        allow_module_level=True,
    )

UNICODE_PROPERTY = (
    "Python's re has no Unicode property escapes (\\p{L}): jsonschema raises re.error "
    "on this pattern instead of giving a verdict"
)
NO_VOCABULARY = (
    "jsonschema does not honour $vocabulary: it applies the validation vocabulary even "
    "when the metaschema named by $schema leaves it out"
)

KNOWN_EXCEPTIONS: dict[tuple[str, str, str], str] = {
    (
        "patternProperties.json",
        "patternProperties with Unicode property escape",
        "Unicode letter property name matches",
    ): UNICODE_PROPERTY,
    (
        "patternProperties.json",
        "patternProperties with Unicode property escape",
        "Non-letter property name does not match pattern",
    ): UNICODE_PROPERTY,
    (
        "vocabulary.json",
        "schema that uses custom metaschema with with no validation vocabulary",
        "no validation: invalid number, but it still validates",
    ): NO_VOCABULARY,
}
"""The only object tests (``draft2020-12/*.json``) where plain jsonschema
(``Draft202012Validator(schema, registry=<the remotes>)``) disagrees with the
suite, worked out by hand on jsonschema 4.26 and the suite at commit 44401e0."""

OBJECT_CASES = [case for case in suite.cases(optional=False) if case.object_tests()]
ALL_CASES = suite.cases(optional=True)

VALID, INVALID = "valide", "invalide"


def case_name(case: suite.Case) -> str:
    return case.name


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def known_exception(case: suite.Case, test: suite.SuiteTest) -> str | None:
    return KNOWN_EXCEPTIONS.get((case.file, case.description, test.description))


# --- The public path: a workspace on disk, ``validate --json`` and ``status --json``.


@pytest.mark.parametrize("case", OBJECT_CASES, ids=case_name)
def test_validate_gives_the_suites_verdict_on_a_real_workspace(
    case: suite.Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "espace"
    ids = suite.write_workspace(root, case)
    assert_store_reads_the_suites_data(root, case)

    code, out, err = run(capsys, "validate", "--json", "--workspace", str(root))
    assert "Erreur inattendue" not in out + err
    reported = {entry["id"]: entry for entry in json.loads(out)}
    status_code, status_out, status_err = run(capsys, "status", "--json", "--workspace", str(root))
    assert "Erreur inattendue" not in status_out + status_err
    assert status_code == 0
    measured = {chapter["id"]: chapter for chapter in json.loads(status_out)["chapitres"]}
    assert list(reported) == list(measured) == ids
    assert all(0 <= chapter["completude"] <= 100 for chapter in measured.values())

    outcomes = {}
    for index, test in case.object_tests():
        chapter = suite.chapter_id(index)
        outcomes[test.description] = outcome(reported[chapter], measured[chapter])
    expected = {
        test.description: VALID if test.valid else INVALID
        for _, test in case.object_tests()
        if known_exception(case, test) is None
    }
    assert {name: outcomes[name] for name in expected} == expected
    assert code == exit_code_for(list(outcomes.values()))


def assert_store_reads_the_suites_data(root: Path, case: suite.Case) -> None:
    """The chapter files are JSON text: the store must read each back as the very
    JSON value of the suite, or the verdicts would be about other data."""
    store = ChapterStore(root / "chapters")
    for index, test in case.object_tests():
        read = store.load(suite.chapter_id(index), round_trip=False).data
        assert suite.same_json(read, test.data), (test.description, read, test.data)


def outcome(validation: dict[str, object], status: dict[str, object]) -> str:
    """« valide », « invalide », or the French error of a chapter left without verdict."""
    errors = validation["erreurs"]
    assert isinstance(errors, list)
    if status["statut"] == "illisible":
        return "illisible : " + "; ".join(str(error["message"]) for error in errors)
    return INVALID if errors else VALID


def exit_code_for(outcomes: list[str]) -> int:
    if any(result.startswith("illisible") for result in outcomes):
        return 2
    return 1 if INVALID in outcomes else 0


def test_known_exceptions_are_exactly_where_jsonschema_disagrees_with_the_suite() -> None:
    """The hand-written list above stays true: each entry is a disagreement of
    plain jsonschema, and jsonschema agrees with the suite on every other test."""
    disagreements = set()
    for case in OBJECT_CASES:
        for _, test in case.object_tests():
            try:
                agrees = suite.reference_valid(case.schema, test.data, False) == test.valid
            except Exception:
                agrees = False
            if not agrees:
                disagreements.add((case.file, case.description, test.description))
    assert disagreements == set(KNOWN_EXCEPTIONS)


# --- The core API: every suite test, any data, against plain jsonschema.


@pytest.mark.parametrize("case", ALL_CASES, ids=case_name)
def test_core_validation_gives_jsonschemas_verdict(case: suite.Case, tmp_path: Path) -> None:
    path = suite.write_schemas(tmp_path / "schema", case)
    expected = {test.description: reference_outcome(case, test) for test in case.tests}
    try:
        schema = SchemaSet(path.parent).get(path)
    except SchemaError:
        actual = dict.fromkeys(expected, REFUSED)
    else:
        actual = {test.description: core_outcome(schema, test.data) for test in case.tests}
    assert actual == expected


REFUSED = "schéma refusé (SchemaError)"


def reference_outcome(case: suite.Case, test: suite.SuiteTest) -> str:
    """Plain jsonschema's verdict, ``format`` asserted as ours does; a schema it
    cannot use (a regex Python lacks) must be refused by ours with a SchemaError."""
    try:
        valid = suite.reference_valid(case.schema, test.data, assert_format=True)
    except Exception:
        return REFUSED
    return VALID if valid else INVALID


def core_outcome(schema: Schema, data: object) -> str:
    """Our verdict, with completeness and word count taken on the same data: any
    exception but SchemaError is named in the outcome, so one run lists them all."""
    try:
        issues = validate(schema, data)
    except SchemaError:
        return REFUSED
    except Exception as error:
        return f"validate : {type(error).__name__} : {error}"
    try:
        measured = completeness(schema, data, issues)
        words = word_count(schema, data)
    except Exception as error:
        return f"complétude ou mots : {type(error).__name__} : {error}"
    if not 0 <= measured.percent <= 100 or words < 0:
        return f"complétude {measured.percent} ou mots {words} hors bornes"
    return INVALID if issues else VALID
