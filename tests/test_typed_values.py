"""YAML values as the user typed them, and one bad chapter that never stops anything.

A scalar YAML would make a date is the text typed, for both readers; the two
readers agree on every scalar (YAML 1.1 and 1.2 files); a save keeps dates byte
for byte. On a copy of the sample with a bare-date title, an impossible date and
an unreadable chapter, ``status``, ``validate`` and ``export`` report every chapter.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from authoring_tui.cli.main import main
from authoring_tui.core.errors import ChapterFileError
from authoring_tui.core.lines import line_of
from authoring_tui.core.review import add_comment, change_status
from authoring_tui.core.roles import identify
from authoring_tui.core.schema import SchemaSet
from authoring_tui.core.status import empty_completeness, report_status
from authoring_tui.core.validation import validate
from authoring_tui.core.workspace import Workspace
from authoring_tui.core.yamlio import parse_yaml, read_yaml

from .conftest import snapshot_files


def plain(value: Any) -> Any:
    """A value as JSON would hold it, its kind kept (``True`` is not ``1``)."""
    if isinstance(value, dict):
        return {plain(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, bool):
        return ("bool", bool(value))
    if isinstance(value, int):
        return ("int", int(value))
    if isinstance(value, float):
        return ("float", "nan" if math.isnan(value) else repr(float(value)))
    if isinstance(value, str):
        return ("str", str(value))
    return (type(value).__name__, value)


def both_ways(path: Path) -> tuple[Any, Any]:
    """The file read by the round-trip reader and by the fast one, or their errors."""
    results = []
    for round_trip in (True, False):
        try:
            results.append(plain(read_yaml(path, round_trip).data))
        except ChapterFileError as error:
            results.append(("erreur", error.message, error.line))
    return results[0], results[1]


SCALARS = """\
oui: yes
non: no
actif: on
inactif: off
octal_11: 010
octal_12: 0o10
sexagesimal: 1:20
sexagesimal_float: 1:20:30.5
neuf: 09
hexa: 0x1F
grand: 1_000
exposant: 1e3
rien: ~
date: 2021-03-31
date_impossible: 2021-02-30
date_courte: 2021-3-1
moment: 2021-03-01T10:12:00
moment_espace: 2001-12-14 21:59:43.10 -5
texte_force: !!str 2021
liste: [yes, 010, 1:20, 2021-03-31]
historique:
  - {statut: a_relire, par: adurand, le: 2021-03-01T10:12:00}
"""


@pytest.mark.parametrize("header", ["", "%YAML 1.1\n---\n", "%YAML 1.2\n---\n"])
def test_both_readers_read_every_scalar_alike(tmp_path: Path, header: str) -> None:
    path = tmp_path / "chapitre.yaml"
    path.write_text(header + SCALARS, encoding="utf-8")
    round_trip, fast = both_ways(path)
    assert round_trip == fast
    data = read_yaml(path, round_trip=False).data
    for key in ("date", "date_impossible", "date_courte", "moment", "moment_espace"):
        typed = next(line for line in SCALARS.splitlines() if line.startswith(f"{key}:"))
        assert data[key] == typed.split(": ", 1)[1]
    assert data["historique"][0]["le"] == "2021-03-01T10:12:00"  # the contract's own example
    assert data["texte_force"] == "2021"
    if header.startswith("%YAML 1.1"):
        assert (data["oui"], data["octal_11"], data["sexagesimal"]) == (True, 8, 80)
        assert data["octal_12"] == "0o10"
    else:
        assert (data["oui"], data["octal_11"], data["sexagesimal"]) == ("yes", 10, "1:20")
        assert data["octal_12"] == 8


@pytest.mark.parametrize("value", ["0x_", "._", "-_", "1" * 5000, "[1, 0b_]"])
def test_a_number_python_cannot_build_is_a_french_error_on_its_line(
    tmp_path: Path, value: str
) -> None:
    path = tmp_path / "chapitre.yaml"
    path.write_text(f"titre: Mobilité\nvaleur: {value}\n", encoding="utf-8")
    round_trip, fast = both_ways(path)
    assert round_trip == fast
    assert round_trip[0] == "erreur" and round_trip[2] == 2
    assert "valeur illisible" in round_trip[1]


TOKENS = [
    "yes", "No", "on", "OFF", "y", "~", "null", "010", "0o10", "0x1F", "0b11", "09", "1:20",
    "1:20:30.5", "+12", "-0", "1_000", "1e3", "1.0e+3", ".inf", ".NaN", "2021-03-31",
    "2021-02-30", "2021-3-1", "2021-03-01T10:12:00", "2001-12-14 21:59:43.10 -5", "12:30",
    "a:b", ":", "'q'", '"d"', "!!str 12", "!!str yes", "&a x", "[]", "{}", "[1, 2:3]",
    "{le: 2021-03-01T10:12:00}", "[yes, 010]", "0x_", "._",
]  # fmt: skip
SCALAR = st.one_of(
    st.sampled_from(TOKENS), st.text(alphabet="0123456789-:._+eoxTZ yn", min_size=1, max_size=12)
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    header=st.sampled_from(["", "%YAML 1.1\n---\n", "%YAML 1.2\n---\n"]),
    values=st.lists(SCALAR, min_size=1, max_size=4),
    shape=st.sampled_from(["block", "flow mapping", "flow sequence"]),
)
def test_both_readers_agree_on_any_scalar(header: str, values: list[str], shape: str) -> None:
    if shape == "block":
        body = "".join(f"k{i}: {value}\n" for i, value in enumerate(values))
    elif shape == "flow mapping":
        body = "k: {" + ", ".join(f"k{i}: {value}" for i, value in enumerate(values)) + "}\n"
    else:
        body = "k: [" + ", ".join(values) + "]\n"
    text = header + body
    results = []
    for round_trip in (True, False):
        try:
            results.append(plain(parse_yaml(text, Path("c.yaml"), round_trip)))
        except ChapterFileError as error:
            results.append(("erreur", error.message, error.line, error.column))
    assert results[0] == results[1], text


DATED = """\
historique_statut:
  - {statut: a_relire, par: fgarcia, le: 2021-03-01T10:12:00}
  - statut: a_reprendre
    par: mlegrand
    le: 2021-03-04T09:00:00
commentaires:
  - cible: sections/0/blocs/0
    auteur: mlegrand
    date: 2021-03-02
    texte: Chiffre à vérifier.
    resolu: false
"""


def test_a_save_keeps_every_date_byte_for_byte(workspace: Workspace) -> None:
    path = workspace.store.path_for("v3-infrastructures")
    before = path.read_text(encoding="utf-8") + DATED
    path.write_text(before, encoding="utf-8")
    chapter = workspace.store.load("v3-infrastructures")
    assert chapter.data["commentaires"][0]["date"] == "2021-03-02"
    assert chapter.data["historique_statut"][0]["le"] == "2021-03-01T10:12:00"
    chapter.data["chapeau"] = "Un chapeau enfin écrit."
    workspace.store.save(chapter)
    after = path.read_text(encoding="utf-8")
    assert after.endswith(DATED)
    pairs = zip(before.splitlines(), after.splitlines(), strict=True)
    changed = [(old, new) for old, new in pairs if old != new]
    assert changed == [('chapeau: ""', 'chapeau: "Un chapeau enfin écrit."')]
    assert validate(workspace.schema_for("v3-infrastructures"), read_yaml(path).data) == []


def test_the_tool_writes_a_comment_date_plain_and_both_readers_read_it(
    workspace: Workspace,
) -> None:
    chapter = workspace.store.load("v6-culture-sport")
    secretariat = identify(workspace.report, "mlegrand")
    add_comment(chapter.data, "k3v9qa", "À vérifier.", secretariat, now=None)
    change_status(chapter.data, "a_reprendre", secretariat)
    workspace.store.save(chapter)
    text = chapter.path.read_text(encoding="utf-8")
    comment_date = chapter.data["commentaires"][-1]["date"]
    assert f"    date: {comment_date}\n" in text  # unquoted, as in the contract
    assert both_ways(chapter.path)[0] == both_ways(chapter.path)[1]
    assert validate(workspace.schema_for("v6-culture-sport"), read_yaml(chapter.path).data) == []


SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "code": {"title": "Code", "type": "string", "pattern": "^[A-Z]+$"},
        "long": {"title": "Long", "type": "string", "minLength": 12},
        "court": {"title": "Court", "type": "string", "maxLength": 4},
        "choix": {"title": "Choix", "enum": ["a", "b"]},
        "jour": {"title": "Jour", "type": "string", "format": "date"},
        "texte": {"title": "Texte", "type": "string"},
    },
}


def test_a_date_typed_where_text_is_checked_gives_the_ordinary_french_error(
    tmp_path: Path,
) -> None:
    (tmp_path / "schema").mkdir()
    schema_path = tmp_path / "schema" / "essai.schema.json"
    schema_path.write_text(json.dumps(SCHEMA), encoding="utf-8")
    chapter = tmp_path / "essai.yaml"
    chapter.write_text(
        "code: 2021-03-31\nlong: 2021-03-31\ncourt: 2021-03-31\nchoix: 2021-03-31\n"
        "jour: 2021-02-30\ntexte: 2021-03-31\n",
        encoding="utf-8",
    )
    schema = SchemaSet(tmp_path / "schema").get(schema_path)
    fast = validate(schema, read_yaml(chapter, round_trip=False).data)
    slow = validate(schema, read_yaml(chapter).data)
    assert [(i.pointer, i.keyword, i.message) for i in fast] == [
        (i.pointer, i.keyword, i.message) for i in slow
    ]
    keywords = {issue.pointer: issue.keyword for issue in fast}
    assert keywords == {
        "code": "pattern",
        "long": "minLength",
        "court": "maxLength",
        "choix": "enum",
        "jour": "format",
    }
    for issue in fast:
        assert issue.message and "Error" not in issue.message
    assert "2021-03-31" not in keywords  # the bare date in « texte » is plain text
    data = read_yaml(chapter).data
    assert [line_of(data, issue.path) for issue in fast] == [1, 2, 3, 4, 5]


# The three bad chapters of the scenario below.
BARE_DATE, IMPOSSIBLE_DATE, UNREADABLE = "edito", "v2-mobilite", "v6-culture-sport"


def spoil(root: Path) -> int:
    """A bare-date title, an impossible comment date, an unreadable chapter.

    Returns the line of the impossible date.
    """
    chapters = root / "chapters"
    edito = chapters / f"{BARE_DATE}.yaml"
    edito.write_text(
        edito.read_text(encoding="utf-8").replace("titre: Édito\n", "titre: 2021-03-31\n"),
        encoding="utf-8",
    )
    mobility = chapters / f"{IMPOSSIBLE_DATE}.yaml"
    text = mobility.read_text(encoding="utf-8").replace("date: 2021-03-23", "date: 2021-02-30")
    mobility.write_text(text, encoding="utf-8")
    culture = chapters / f"{UNREADABLE}.yaml"
    culture.write_text(
        culture.read_text(encoding="utf-8").replace("titre: Culture", "titre: [Culture"),
        encoding="utf-8",
    )
    return next(n for n, line in enumerate(text.splitlines(), 1) if "2021-02-30" in line)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_status_lists_every_chapter_and_the_unreadable_one_at_zero(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    spoil(workspace_dir)
    before = snapshot_files(workspace_dir / "chapters")
    code, out, err = run(capsys, "status", "--json", "--workspace", str(workspace_dir))
    assert code == 0
    chapters = {c["id"]: c for c in json.loads(out)["chapitres"]}
    assert len(chapters) == 21
    assert chapters[BARE_DATE]["titre"] == "2021-03-31"
    assert chapters[BARE_DATE]["statut"] == "valide" and "erreur" not in chapters[BARE_DATE]
    assert chapters[IMPOSSIBLE_DATE]["erreurs"] == 1
    bad = chapters[UNREADABLE]
    assert bad["statut"] == "illisible" and bad["completude"] == 0 and bad["erreurs"] == 1
    assert bad["erreur"].startswith(f"chapters/{UNREADABLE}.yaml, ligne 6")
    assert "le YAML est mal formé" in bad["erreur"]
    assert f"Illisible — chapters/{UNREADABLE}.yaml, ligne 6" in err
    assert snapshot_files(workspace_dir / "chapters") == before

    # The unreadable chapter counts its root's required fields as missing.
    workspace = Workspace.open(workspace_dir)
    statuses = {s.id: s for s in report_status(workspace).chapters}
    empty = empty_completeness(workspace.schema_for(UNREADABLE))
    assert empty.total > 0
    assert (statuses[UNREADABLE].completeness.filled, statuses[UNREADABLE].completeness.total) == (
        0,
        empty.total,
    )


def test_validate_names_file_and_line_of_each_error(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    line = spoil(workspace_dir)
    ws = str(workspace_dir)
    code, out, err = run(capsys, "validate", "--workspace", ws)
    assert code == 2  # a chapter cannot be read
    assert f"chapters/{IMPOSSIBLE_DATE}.yaml:{line} — Commentaire 2 › Date\u00a0: " in out
    assert "chapters/v3-infrastructures.yaml:10 — Chapeau\u00a0: " in out
    assert f"chapters/{UNREADABLE}.yaml, ligne 6" in err
    assert "Erreur inattendue" not in out + err

    code, out, _ = run(capsys, "validate", "--json", "--workspace", ws)
    results = {r["id"]: r for r in json.loads(out)}
    assert len(results) == 21
    (date_error,) = results[IMPOSSIBLE_DATE]["erreurs"]
    assert set(date_error) == {"chemin", "message", "pointeur", "ligne"}
    assert date_error["pointeur"] == "commentaires/1/date"
    assert date_error["ligne"] == line
    assert "date" in date_error["message"]
    (unreadable,) = results[UNREADABLE]["erreurs"]
    assert unreadable["ligne"] == 6 and "mal formé" in unreadable["message"]
    assert results[BARE_DATE]["erreurs"] == []


def test_export_still_writes_the_document(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    spoil(workspace_dir)
    output = workspace_dir / "exports" / "rapport.docx"
    code, out, err = run(
        capsys, "export", "--workspace", str(workspace_dir), "--output", str(output)
    )
    assert code == 0, err
    assert output.is_file() and str(output) in out
    assert "21 chapitre(s)" in out
    assert f"chapitre «\u00a0{UNREADABLE}\u00a0» illisible, exporté comme non commencé" in err
    assert f"chapters/{UNREADABLE}.yaml, ligne 6" in err


def test_text_from_a_chapter_is_printed_as_typed_never_as_markup(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    edito = workspace_dir / "chapters" / "edito.yaml"
    text = edito.read_text(encoding="utf-8").replace("titre: Édito\n", 'titre: "[/i]É"\n')
    edito.write_text(text.replace("statut: valide\n", 'statut: "[/b]"\n'), encoding="utf-8")
    ws = str(workspace_dir)
    code, out, err = run(capsys, "status", "--workspace", ws)
    assert code == 0, err
    assert "[/i]É" in out and "[/b]" in out
    code, out, err = run(capsys, "validate", "--workspace", ws, "edito")
    assert code == 1 and "[/b]" in out and "Erreur inattendue" not in err
    output = workspace_dir / "exports" / "rapport.docx"
    code, _, err = run(capsys, "export", "--workspace", ws, "--output", str(output))
    assert code == 0 and output.is_file(), err
