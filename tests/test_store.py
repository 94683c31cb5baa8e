"""The chapter store never loses a word: round trip, atomic saves, refusals."""

from __future__ import annotations

import difflib
import errno
import os
from pathlib import Path

import pytest

from authoring_tui.core.errors import ChapterFileError, InvalidChapterId
from authoring_tui.core.files import DiskRefused
from authoring_tui.core.store import ChapterStore
from authoring_tui.core.workspace import Workspace

from .conftest import snapshot_files

COMMENTED = """\
# Chapitre V/2 — Mobilité
# Rédigé par la DGA Mobilité (adurand).
id: v2-mobilite
numero: V/2
titre: Mobilité    # le titre court du sommaire
dga: DGA Mobilité
redacteurs: [adurand, tmoreau]
statut: a_relire
chapeau: >-
  La Métropole a poursuivi en 2020 la modernisation de ses transports : nouvelles
  rames de métro, tramway prolongé et réseaux de bus plus denses.
sections:
  # Le métro d'abord, comme dans le rapport imprimé.
  - numero: V/2.1
    titre: 'Le renouvellement du métro : ça avance'
    blocs:
      - type: paragraphe
        texte: "Premier texte, entre guillemets doubles."
      - type: chiffres_cles
        chiffres:
          - {valeur: 38, unite: rames, libelle: rames commandées}
          - valeur: 2.1
            unite: Md€
            libelle: investissement   # à vérifier
commentaires:
  - cible: sections/0/blocs/1
    auteur: mlegrand
    date: 2021-03-02
    texte: Chiffre à vérifier avec la DGA Finances.
    resolu: false
"""


@pytest.fixture
def store(tmp_path: Path) -> ChapterStore:
    folder = tmp_path / "chapters"
    folder.mkdir()
    (folder / "v2-mobilite.yaml").write_text(COMMENTED, encoding="utf-8")
    return ChapterStore(folder)


def test_untouched_chapter_with_comments_round_trips_byte_for_byte(store: ChapterStore) -> None:
    path = store.path_for("v2-mobilite")
    before = path.read_bytes()
    chapter = store.load("v2-mobilite")
    store.save(chapter)
    assert path.read_bytes() == before


def test_every_sample_chapter_round_trips_byte_for_byte(workspace: Workspace) -> None:
    for chapter_id in workspace.report.chapter_ids:
        path = workspace.store.path_for(chapter_id)
        before = path.read_bytes()
        workspace.store.save(workspace.store.load(chapter_id))
        assert path.read_bytes() == before, chapter_id


def test_one_field_edit_changes_only_that_fields_lines(store: ChapterStore) -> None:
    path = store.path_for("v2-mobilite")
    before = path.read_text(encoding="utf-8").splitlines()
    chapter = store.load("v2-mobilite")
    chapter.data["sections"][0]["blocs"][0]["texte"] = "Un texte corrigé par la DGA."
    store.save(chapter)
    after = path.read_text(encoding="utf-8").splitlines()
    changed = [
        line
        for line in difflib.unified_diff(before, after, lineterm="", n=0)
        if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))
    ]
    assert changed == [
        '-        texte: "Premier texte, entre guillemets doubles."',
        '+        texte: "Un texte corrigé par la DGA."',
    ]


def test_bom_and_crlf_are_kept(tmp_path: Path) -> None:
    folder = tmp_path / "chapters"
    folder.mkdir()
    raw = b"\xef\xbb\xbf" + COMMENTED.replace("\n", "\r\n").encode("utf-8")
    (folder / "v2-mobilite.yaml").write_bytes(raw)
    store = ChapterStore(folder)
    store.save(store.load("v2-mobilite"))
    assert (folder / "v2-mobilite.yaml").read_bytes() == raw


BROKEN_FILES = {
    "yaml-syntax": (
        b"id: x\ntitre: Mobilit\xc3\xa9\nsections:\n  - titre: a\n   blocs: [\n",
        "le YAML est mal formé",
        True,
    ),
    "not-utf8": (
        "id: x\ntitre: Mobilité\nchapeau: Déjà\n".encode("latin-1"),
        "n’est pas encodé en UTF-8",
        True,
    ),
    "utf16": ("id: x\ntitre: Mobilité\n".encode("utf-16"), "UTF-16", True),
    "alias-bomb": (
        b'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
        b"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        b"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        b"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        b"e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
        b"f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
        b"g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n",
        "alias YAML",
        True,
    ),
    "not-a-mapping": (b"- un\n- deux\n", "dictionnaire YAML", True),
    "duplicate-key": (b"id: x\ntitre: a\ntitre: b\n", "clé en double", True),
    "deep-nesting": (b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n", "imbriqué", False),
}


@pytest.mark.parametrize("round_trip", [True, False], ids=["round-trip", "fast"])
@pytest.mark.parametrize("case", sorted(BROKEN_FILES))
def test_unreadable_chapter_is_reported_in_french_and_left_alone(
    tmp_path: Path, case: str, round_trip: bool
) -> None:
    raw, expected, has_line = BROKEN_FILES[case]
    folder = tmp_path / "chapters"
    folder.mkdir()
    path = folder / "v2-mobilite.yaml"
    path.write_bytes(raw)
    store = ChapterStore(folder)
    with pytest.raises(ChapterFileError) as caught:
        store.load("v2-mobilite", round_trip=round_trip)
    error = caught.value
    assert expected in error.message
    assert error.path == path
    assert str(path) in str(error)
    if has_line:
        assert error.line is not None and error.line >= 1
        assert f"ligne {error.line}" in str(error)
    assert path.read_bytes() == raw
    assert [p.name for p in folder.iterdir()] == ["v2-mobilite.yaml"]


def test_yaml_error_names_the_right_line(tmp_path: Path) -> None:
    folder = tmp_path / "chapters"
    folder.mkdir()
    (folder / "a.yaml").write_text("id: a\ntitre: ok\nchapeau: deux: points\n", encoding="utf-8")
    with pytest.raises(ChapterFileError) as caught:
        ChapterStore(folder).load("a")
    assert caught.value.line == 3


@pytest.mark.parametrize(
    "bad_id", ["../x", "/etc/passwd", "..", "a/b", "Mobilite", "v2_mobilite", "é", ""]
)
def test_ids_outside_the_contract_are_refused_before_any_file_is_touched(
    tmp_path: Path, bad_id: str
) -> None:
    store = ChapterStore(tmp_path / "chapters")
    before = snapshot_files(tmp_path)
    with pytest.raises(InvalidChapterId) as caught:
        store.load(bad_id)
    assert "refusé" in str(caught.value)
    with pytest.raises(InvalidChapterId):
        store.create(bad_id, "id: x\n")
    assert snapshot_files(tmp_path) == before


def test_crash_between_write_and_rename_leaves_the_old_file(
    store: ChapterStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store.path_for("v2-mobilite")
    before = path.read_bytes()
    chapter = store.load("v2-mobilite")
    chapter.data["titre"] = "Mobilités"

    def crash(src: object, dst: object, **dir_fds: object) -> None:
        raise OSError(errno.EIO, "simulated crash before the rename")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(DiskRefused):
        store.save(chapter)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["v2-mobilite.yaml"]


def test_save_keeps_file_permissions(store: ChapterStore) -> None:
    path = store.path_for("v2-mobilite")
    path.chmod(0o640)
    store.save(store.load("v2-mobilite"))
    assert path.stat().st_mode & 0o777 == 0o640


def test_fast_read_cannot_be_saved(store: ChapterStore) -> None:
    chapter = store.load("v2-mobilite", round_trip=False)
    with pytest.raises(ValueError):
        store.save(chapter)


def test_store_notices_a_change_on_disk(store: ChapterStore) -> None:
    chapter = store.load("v2-mobilite")
    assert not store.changed_on_disk(chapter)
    path = store.path_for("v2-mobilite")
    path.write_text(path.read_text(encoding="utf-8") + "# modifié à la main\n", encoding="utf-8")
    assert store.changed_on_disk(chapter)


def test_symlink_out_of_the_folder_is_neither_read_nor_written(tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("id: secret\n", encoding="utf-8")
    folder = tmp_path / "chapters"
    folder.mkdir()
    (folder / "lien.yaml").symlink_to(outside)
    with pytest.raises(ChapterFileError) as caught:
        ChapterStore(folder).load("lien")
    assert "lien symbolique" in str(caught.value)
    assert outside.read_text(encoding="utf-8") == "id: secret\n"


def test_brackets_in_text_are_not_nesting(store: ChapterStore) -> None:
    chapter = store.load("v2-mobilite")
    chapter.data["titre"] = "{" * 200 + " [" * 100
    store.save(chapter)
    for round_trip in (True, False):
        assert (
            store.load("v2-mobilite", round_trip=round_trip).data["titre"] == chapter.data["titre"]
        )
