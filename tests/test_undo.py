"""Undo history of a chapter: every change comes back exactly, comments included."""

from __future__ import annotations

from pathlib import Path

import pytest

from authoring_tui.core.store import Chapter, ChapterStore
from authoring_tui.core.undo import UndoHistory
from authoring_tui.core.yamlio import dump_yaml

CHAPTER = """\
# Chapitre V/2 — Mobilité
id: v2-mobilite
titre: Mobilité    # le titre court
statut: brouillon
chapeau: Un chapeau.
sections:
  - titre: Le métro
    blocs:
      - type: paragraphe
        ancre: abc123
        texte: Premier paragraphe.   # à relire
      - type: paragraphe
        ancre: def456
        texte: Deuxième paragraphe.
commentaires:
  - bloc: abc123
    auteur: mlegrand
    date: 2021-03-02
    texte: À vérifier.
"""


class Clock:
    """A clock the test moves by hand: no test waits for real seconds."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def chapter(tmp_path: Path) -> Chapter:
    folder = tmp_path / "chapters"
    folder.mkdir()
    (folder / "v2-mobilite.yaml").write_text(CHAPTER, encoding="utf-8")
    return ChapterStore(folder).load("v2-mobilite")


def text(chapter: Chapter) -> str:
    return dump_yaml(chapter.document)


def test_a_removed_block_comes_back_in_place_with_its_comment(chapter: Chapter) -> None:
    history = UndoHistory()
    blocs = ("sections", 0, "blocs")
    history.record(chapter.data, blocs, focus=(*blocs, 0), after=blocs)
    del chapter.data["sections"][0]["blocs"][0]
    assert "abc123" not in text(chapter).split("commentaires")[0]

    restored = history.undo(chapter.data)

    assert restored is not None and restored.focus == (*blocs, 0)
    assert text(chapter) == CHAPTER  # the ancre, the YAML comment, the order
    assert history.redo(chapter.data) is not None
    assert [b["ancre"] for b in chapter.data["sections"][0]["blocs"]] == ["def456"]


def test_a_run_of_typing_in_one_field_is_one_step(chapter: Chapter) -> None:
    clock = Clock()
    history = UndoHistory(clock=clock)
    field = ("chapeau",)
    for typed in ("Un chapeau. A", "Un chapeau. Ap", "Un chapeau. App"):
        history.record(chapter.data, field, run=field)
        chapter.data["chapeau"] = typed
        clock.now += 1.0  # each key within the pause of the previous one

    history.undo(chapter.data)

    assert chapter.data["chapeau"] == "Un chapeau."
    assert not history.can_undo


def test_a_pause_another_field_or_a_seal_starts_a_new_step(chapter: Chapter) -> None:
    clock = Clock()
    history = UndoHistory(pause=1.5, clock=clock)
    chapeau, titre = ("chapeau",), ("titre",)
    history.record(chapter.data, chapeau, run=chapeau)
    chapter.data["chapeau"] = "A"
    clock.now += 2.0  # a pause
    history.record(chapter.data, chapeau, run=chapeau)
    chapter.data["chapeau"] = "AB"
    history.record(chapter.data, titre, run=titre)
    chapter.data["titre"] = "Transports"
    history.seal()  # a save
    history.record(chapter.data, titre, run=titre)
    chapter.data["titre"] = "Transports en commun"

    history.undo(chapter.data)
    assert chapter.data["titre"] == "Transports"
    history.undo(chapter.data)
    assert chapter.data["titre"] == "Mobilité"
    history.undo(chapter.data)
    assert chapter.data["chapeau"] == "A"
    history.undo(chapter.data)
    assert text(chapter) == CHAPTER


def test_a_deleted_field_goes_back_at_its_place_and_an_added_one_goes(chapter: Chapter) -> None:
    history = UndoHistory()
    history.record(chapter.data, ("chapeau",))
    del chapter.data["chapeau"]
    history.record(chapter.data, ("sections", 0, "numero"))
    chapter.data["sections"][0].insert(0, "numero", "V/2.1")

    history.undo(chapter.data)
    history.undo(chapter.data)

    assert text(chapter) == CHAPTER
    history.redo(chapter.data)
    assert "chapeau" not in chapter.data


def test_a_new_change_forgets_what_could_be_redone(chapter: Chapter) -> None:
    history = UndoHistory()
    history.record(chapter.data, ("titre",))
    chapter.data["titre"] = "Transports"
    history.undo(chapter.data)
    assert history.can_redo

    history.record(chapter.data, ("statut",))
    chapter.data["statut"] = "a_relire"

    assert not history.can_redo and history.redo(chapter.data) is None


def test_the_whole_chapter_can_be_one_step(chapter: Chapter) -> None:
    history = UndoHistory()
    history.record(chapter.data, ())
    replaced = {"id": "v2-mobilite", "titre": "Ancienne version"}

    restored = history.undo(replaced)

    assert restored is not None and restored.data is not replaced
    chapter.document.data = restored.data
    assert text(chapter) == CHAPTER


def test_only_the_last_steps_are_kept(chapter: Chapter) -> None:
    history = UndoHistory(limit=3)
    for number in range(5):
        history.record(chapter.data, ("titre",))
        chapter.data["titre"] = f"Titre {number}"

    undone = 0
    while history.undo(chapter.data) is not None:
        undone += 1

    assert undone == 3 and chapter.data["titre"] == "Titre 1"
