"""A save changes exactly what it says (issue 14, point 5).

On copies of the sample: a chapter that starts with ``%YAML 1.1`` (or 1.2) and
holds values each version spells its own way keeps every line but the status
and its history, byte for byte, after the real ``statut`` command; a file that
mixes LF and CRLF keeps each line's ending; numbers that are not finite are a
French error on their line, on reading and on saving. Hypothesis saves
generated YAML 1.1 and 1.2 documents through the store and reads them back
both ways.
"""

from __future__ import annotations

import datetime
import difflib
import json
import math
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from authoring_tui.cli.main import main
from authoring_tui.core.errors import AuthoringError, ChapterFileError
from authoring_tui.core.store import ChapterStore
from authoring_tui.core.workspace import Workspace
from authoring_tui.core.yamlio import read_yaml

from .conftest import snapshot_files

CHAPTER = "v3-infrastructures"
SECRETARIAT = "mlegrand"
HEADERS = {
    "1.1": "# Chapitre tapé à la main\n%YAML 1.1\n# version\n--- # début\n",
    "1.2": "%YAML 1.2\n---\n",
}

# Values each YAML version reads its own way, in fields the schema allows where
# it can (« chiffres »: number or text; « resolu »: boolean), the rest in YAML
# an editor of the file might type: an unknown key is an error for validation,
# not a reason to rewrite it.
TYPED = {
    "          - valeur: 300\n": "          - valeur: 010\n",
    "          - valeur: 12.7\n": "          - valeur: 0x1F\n",
    "          - valeur: 72\n": "          - valeur: 1:20\n",
    "          - valeur: 27.6\n": "          - valeur: 1_000\n",
    "          - valeur: 16.5\n": "          - valeur: 0o10\n",
    "          - valeur: 50\n": "          - valeur: 1:20:30.5\n",
    "          - valeur: 1.7\n": "          - valeur: +12\n",
    "            unite: km\n": "            unite: 'km'\n",
    "            libelle: boulevard urbain Sud\n": '            libelle: "boulevard urbain Sud"\n',
}
APPENDED = """\
commentaires:
  - bloc: ANCRE
    auteur: mlegrand
    date: 2021-03-02
    texte: "Chiffre à vérifier."
    resolu: no
  - cible: sections/0
    auteur: mlegrand
    date: 2021-03-03
    texte: >-
      Un texte replié
      sur deux lignes.
    resolu: yes
  - {cible: sections/0, auteur: mlegrand, date: 2021-03-04, texte: Relu., resolu: on}
notes: {a: off, b: ~, c: [no, 010, 1:20, 0x1F, 1_000, ~, 0o10], d: Null, e: 09}
"""


def typed_chapter(workspace_dir: Path, version: str) -> Path:
    path = workspace_dir / "chapters" / f"{CHAPTER}.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in TYPED.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    first_block = re.search(r"\n +ancre: ([a-z0-9]{6})\n", text)
    assert first_block is not None
    appended = APPENDED.replace("ANCRE", first_block.group(1))  # a v2 comment on it
    path.write_text(HEADERS[version] + text + appended, encoding="utf-8")
    return path


def figures_of(data: Any) -> list[Any]:
    (block,) = [b for b in data["sections"][0]["blocs"] if b["type"] == "chiffres_cles"]
    return list(block["chiffres"])


def kinds(value: Any) -> Any:
    """A value with its kind (``True`` is not ``1``, ``8`` is not ``"8"``)."""
    if isinstance(value, dict):
        return {kinds(key): kinds(item) for key, item in value.items()}
    if isinstance(value, list):
        return [kinds(item) for item in value]
    for kind in (bool, int, float, str):
        if isinstance(value, kind):
            return (kind.__name__, kind(value))
    return (type(value).__name__, value)


def both_readers(path: Path) -> Any:
    """What the round-trip and the fast reader read, which must be the same."""
    round_trip = kinds(read_yaml(path).data)
    assert kinds(read_yaml(path, round_trip=False).data) == round_trip
    return round_trip


def changes(before: bytes, after: bytes) -> list[tuple[str, list[bytes], list[bytes]]]:
    """The lines (with their endings) that differ, as difflib groups them."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [
        (tag, old[i1:i2], new[j1:j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def submit(capsys: pytest.CaptureFixture[str], workspace_dir: Path) -> tuple[int, str, str]:
    ws, user = str(workspace_dir), SECRETARIAT
    return run(capsys, "statut", CHAPTER, "a_relire", "--workspace", ws, "--user", user)


HISTORY_LINE = re.compile(
    rb"  - \{statut: a_relire, par: mlegrand, le: '\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d'\}(\r?\n)"
)


def without_status(data: Any) -> Any:
    return {
        key: value for key, value in data.items() if key[1] not in ("statut", "historique_statut")
    }


@pytest.mark.parametrize("version", ["1.1", "1.2"])
def test_statut_changes_only_the_status_and_its_history(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path, version: str
) -> None:
    path = typed_chapter(workspace_dir, version)
    before = path.read_bytes()
    read_before = both_readers(path)

    code, out, err = submit(capsys, workspace_dir)

    assert code == 0, err
    assert "Brouillon → À relire" in out
    after = path.read_bytes()
    (status, history) = changes(before, after)
    assert status == ("replace", [b"statut: brouillon\n"], [b"statut: a_relire\n"])
    tag, removed, (key, entry) = history
    assert (tag, removed, key) == ("insert", [], b"historique_statut:\n")
    assert HISTORY_LINE.fullmatch(entry)
    assert after.startswith(HEADERS[version].encode())
    read_after = both_readers(path)
    assert without_status(read_after) == without_status(read_before)
    assert read_after[("str", "statut")] == ("str", "a_relire")


def test_a_yaml_1_1_file_keeps_its_values_as_1_1_reads_them(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    path = typed_chapter(workspace_dir, "1.1")
    assert submit(capsys, workspace_dir)[0] == 0
    data = read_yaml(path, round_trip=False).data
    figures = [figure["valeur"] for figure in figures_of(data)]
    assert figures == [8, 31, 80, 1000, "0o10", 4830.5, 12]
    assert [c["resolu"] for c in data["commentaires"]] == [False, True, True]
    assert data["notes"] == {
        "a": False,
        "b": None,
        "c": [False, 8, 80, 31, 1000, None, "0o10"],
        "d": None,
        "e": "09",
    }
    text = path.read_text(encoding="utf-8")
    for typed in ("valeur: 010\n", "valeur: 1:20\n", "resolu: no\n", "resolu: on}", "b: ~,"):
        assert typed in text


def test_a_yaml_1_2_file_keeps_its_values_as_1_2_reads_them(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path
) -> None:
    path = typed_chapter(workspace_dir, "1.2")
    assert submit(capsys, workspace_dir)[0] == 0
    data = read_yaml(path, round_trip=False).data
    figures = [figure["valeur"] for figure in figures_of(data)]
    assert figures == [10, 31, "1:20", 1000, 8, "1:20:30.5", 12]
    assert [c["resolu"] for c in data["commentaires"]] == ["no", "yes", "on"]
    assert data["notes"]["c"] == ["no", 10, "1:20", 31, 1000, None, 8]


@pytest.mark.parametrize("header", ["", "%YAML 1.1\n---\n"])
def test_mixed_line_endings_are_kept_line_by_line(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path, header: str
) -> None:
    path = workspace_dir / "chapters" / f"{CHAPTER}.yaml"
    lines = (header + path.read_text(encoding="utf-8")).splitlines()
    endings = ["\r\n" if number % 2 else "\n" for number in range(len(lines))]
    before = "\ufeff" + "".join(line + end for line, end in zip(lines, endings, strict=True))
    path.write_bytes(before.encode("utf-8"))
    status_line = lines.index("statut: brouillon")
    assert endings[status_line - 1] != endings[status_line]  # the changed line's own is lost

    assert submit(capsys, workspace_dir)[0] == 0

    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")  # the BOM stays
    status, history = changes(before.encode("utf-8"), after)
    previous = endings[status_line - 1].encode()
    assert status[0] == "replace" and status[2] == [b"statut: a_relire" + previous]
    tag, removed, (key, entry) = history
    last = endings[-1].encode()
    assert (tag, removed, key) == ("insert", [], b"historique_statut:" + last)
    match = HISTORY_LINE.fullmatch(entry)
    assert match is not None and match[1] == last
    assert both_readers(path)[("str", "statut")] == ("str", "a_relire")


NON_FINITE = ["1e309", "-1e400", ".inf", "-.Inf", ".NaN"]


def with_figure(workspace_dir: Path, value: str) -> tuple[Path, int]:
    path = workspace_dir / "chapters" / f"{CHAPTER}.yaml"
    text = path.read_text(encoding="utf-8").replace("valeur: 12.7\n", f"valeur: {value}\n")
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"          - valeur: {value}") + 1
    return path, line


@pytest.mark.parametrize("value", NON_FINITE)
def test_a_number_that_is_not_finite_is_refused_on_its_line_by_both_readers(
    workspace_dir: Path, value: str
) -> None:
    path, line = with_figure(workspace_dir, value)
    errors = []
    for round_trip in (True, False):
        with pytest.raises(ChapterFileError) as caught:
            read_yaml(path, round_trip)
        errors.append((caught.value.message, caught.value.line, caught.value.column))
    assert errors[0] == errors[1]
    message, error_line, column = errors[0]
    assert (error_line, column) == (line, 21)
    assert f"la valeur «\u00a0{value}\u00a0» n’est pas un nombre fini" in message


@pytest.mark.parametrize("value", NON_FINITE)
def test_the_commands_say_in_french_where_a_non_finite_number_is(
    capsys: pytest.CaptureFixture[str], workspace_dir: Path, value: str
) -> None:
    _, line = with_figure(workspace_dir, value)
    ws = str(workspace_dir)
    where = f"chapters/{CHAPTER}.yaml, ligne {line}"
    before = snapshot_files(workspace_dir)

    code, out, err = run(capsys, "status", "--json", "--workspace", ws)
    assert code == 0, err
    (chapter,) = [c for c in json.loads(out)["chapitres"] if c["id"] == CHAPTER]
    assert chapter["statut"] == "illisible"
    assert chapter["erreur"].startswith(where) and "n’est pas un nombre fini" in chapter["erreur"]

    code, out, err = run(capsys, "validate", "--workspace", ws, CHAPTER)
    assert code == 2 and where in err and "n’est pas un nombre fini" in err

    code, out, err = submit(capsys, workspace_dir)
    assert code == 2 and where in err and "n’est pas un nombre fini" in err
    assert "Erreur inattendue" not in out + err and "Traceback" not in out + err
    assert snapshot_files(workspace_dir / "chapters") == {
        name.removeprefix("chapters/"): data
        for name, data in before.items()
        if name.startswith("chapters/")
    }


def figure_path(data: Any) -> tuple[Any, ...]:
    """Where « valeur: 12.7 » sits in the sample chapter."""
    for index, block in enumerate(data["sections"][0]["blocs"]):
        for number, figure in enumerate(block.get("chiffres", [])):
            if figure["valeur"] == 12.7:
                return ("sections", 0, "blocs", index, "chiffres", number, "valeur")
    raise AssertionError("the sample's figure 12.7 is gone")


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan])
def test_a_save_never_writes_a_number_that_is_not_finite(
    workspace: Workspace, value: float
) -> None:
    chapter = workspace.store.load(CHAPTER)
    where = figure_path(chapter.data)
    figure = chapter.data
    for part in where[:-1]:
        figure = figure[part]
    figure["valeur"] = value  # as a form could: float("1e309") is inf
    before = snapshot_files(workspace.root)

    with pytest.raises(AuthoringError) as caught:
        workspace.store.save(chapter)

    error = caught.value
    assert error.path == chapter.path
    expected_line = (
        chapter.path.read_text(encoding="utf-8").splitlines().index("          - valeur: 12.7")
    )
    assert error.line == expected_line + 1
    assert (
        "n’est pas un nombre fini" in error.message and "Rien n’a été enregistré" in error.message
    )
    assert snapshot_files(workspace.root) == before  # no history version either


def test_a_value_the_file_would_read_otherwise_is_refused_not_rewritten(
    workspace_dir: Path,
) -> None:
    path = typed_chapter(workspace_dir, "1.1")
    workspace = Workspace.open(workspace_dir)
    chapter = workspace.store.load(CHAPTER)
    # A date object (not the text the readers give): written, it would read back
    # as text; the file's own values are never rewritten either.
    chapter.data["commentaires"][0]["date"] = datetime.date(2021, 3, 2)
    before = snapshot_files(workspace_dir)

    with pytest.raises(AuthoringError) as caught:
        workspace.store.save(chapter)

    error = caught.value
    assert error.path == path
    assert (
        error.line
        == path.read_text(encoding="utf-8").splitlines().index("    date: 2021-03-02") + 1
    )
    assert error.message.startswith(
        "ce fichier est en YAML 1.1 et la valeur «\u00a02021-03-02\u00a0» "
        "(champ commentaires/0/date) ne peut pas être réécrite à l’identique"
    )
    assert snapshot_files(workspace_dir) == before


@pytest.mark.parametrize("version", ["1.0", "1.3", "2.0"])
def test_a_yaml_version_the_readers_do_not_know_is_a_french_error(
    tmp_path: Path, version: str
) -> None:
    path = tmp_path / "chapitre.yaml"
    path.write_text(f"# essai\n%YAML {version}\n---\ntitre: Édito\n", encoding="utf-8")
    for round_trip in (True, False):
        with pytest.raises(ChapterFileError) as caught:
            read_yaml(path, round_trip)
        assert caught.value.line == 2
        assert f"le fichier se déclare en YAML {version}" in caught.value.message


# Property: generated YAML 1.1 and 1.2 documents saved through the store.

TOKENS = [
    "yes", "No", "on", "OFF", "y", "n", "~", "null", "Null", "", "010", "0o10", "0x1F",
    "0b11", "09", "1:20", "1:20:30.5", "+12", "-0", "1_000", "1e3", "1.0e+3", "-.5",
    "2021-03-31", "2021-02-30", "2021-03-01T10:12:00", "12:30", "a:b", "'q'", '"d"',
    '"l\\u00e9"', "!!str 12", "!!str yes", "&a x", "[]", "{}", "[yes, 010, ~]",
    "{le: 2021-03-01T10:12:00}", "texte libre", "Édito",
]  # fmt: skip
RELAID = {'"l\\u00e9"', ""}
"""Values kept, text not: ruamel writes an escape as its character, and an empty
value in « {…} » its own way; other generated text it may quote or re-space."""
SCALAR = st.one_of(
    st.sampled_from(TOKENS), st.text(alphabet="0123456789-:._+eoxTZ yn~", min_size=1, max_size=8)
)
NEW_TEXT = st.one_of(st.sampled_from(TOKENS), st.text(max_size=12))


def document(header: str, values: list[str], shape: str) -> str:
    if shape == "block":
        body = "".join(f"k{i}: {value}".rstrip() + "\n" for i, value in enumerate(values))
    elif shape == "block list":
        body = "k:\n" + "".join(f"  - {value}".rstrip() + "\n" for value in values)
    elif shape == "flow mapping":
        body = "k: {" + ", ".join(f"k{i}: {value}" for i, value in enumerate(values)) + "}\n"
    else:
        body = "k: [" + ", ".join(values) + "]\n"
    return f"{header}# un commentaire\nstatut: brouillon\n{body}"


def read_both(path: Path) -> Any:
    """Both readers' view of a file, or their (identical) errors."""
    results = []
    for round_trip in (True, False):
        try:
            results.append(kinds(read_yaml(path, round_trip).data))
        except ChapterFileError as error:
            results.append(("erreur", error.message, error.line))
    assert results[0] == results[1]
    return results[0]


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    header=st.sampled_from(["%YAML 1.1\n---\n", "%YAML 1.2\n---\n"]),
    values=st.lists(SCALAR, min_size=1, max_size=4),
    shape=st.sampled_from(["block", "block list", "flow mapping", "flow sequence"]),
    new_text=NEW_TEXT,
)
def test_a_save_reads_back_as_before_plus_the_change(
    tmp_path: Path, header: str, values: list[str], shape: str, new_text: str
) -> None:
    folder = tmp_path / "chapters"
    folder.mkdir(exist_ok=True)
    path = folder / "essai.yaml"
    path.write_text(document(header, values, shape), encoding="utf-8")
    before = read_both(path)
    if isinstance(before, tuple):
        event("unreadable")
        return  # unreadable both ways: nothing to save (test_typed_values covers it)
    store = ChapterStore(folder)
    chapter = store.load("essai")
    chapter.data["statut"] = "a_relire"
    chapter.data["ajout"] = new_text
    original = path.read_bytes()

    store.save(chapter)

    after = read_both(path)
    expected = dict(before)
    expected[("str", "statut")] = ("str", "a_relire")
    expected[("str", "ajout")] = ("str", new_text)
    assert after == expected
    written = path.read_bytes()
    assert written.startswith(original.split(b"statut:")[0])  # header and comment
    assert b"\nstatut: a_relire\n" in written
    if set(values) <= set(TOKENS) - RELAID:
        changed = changes(original, written)
        assert changed[0] == ("replace", [b"statut: brouillon\n"], [b"statut: a_relire\n"])
        assert [tag for tag, _, _ in changed[1:]] == ["insert"]  # the new key, at the end
