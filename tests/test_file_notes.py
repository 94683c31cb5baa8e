"""The DGA's YAML comments, by the part of the chapter they precede."""

from __future__ import annotations

from pathlib import Path

from authoring_tui.core.file_notes import file_notes
from authoring_tui.core.workspace import Workspace
from authoring_tui.core.yamlio import read_yaml


def test_notes_belong_to_what_follows_them_and_the_last_to_the_chapter(tmp_path: Path) -> None:
    text = (
        "# En-tête du fichier\n"
        "titre: Essai\n"
        "sections:\n"
        "  # À compléter avec la DGA\n"
        "  # avant le 31 mars.\n"
        "  - titre: Une section\n"
        "    blocs: []  # a comment after a value is no note\n"
        "# À rédiger : une seconde section.\n"
    )
    (tmp_path / "c.yaml").write_text(text, encoding="utf-8")
    data = read_yaml(tmp_path / "c.yaml").data
    assert file_notes(text, data) == {
        ("titre",): ["En-tête du fichier"],
        ("sections", 0): ["À compléter avec la DGA\navant le 31 mars."],
        (): ["À rédiger : une seconde section."],
    }


def test_the_sample_s_note_on_a_section_to_write(workspace: Workspace) -> None:
    chapter = workspace.store.load("vi5-entretien-batiments")
    notes = file_notes(chapter.document.text, chapter.data)
    (last,) = notes[()]
    last = " ".join(last.split())
    assert last.startswith("À rédiger : section « Principales réalisations 2020 »")
    plain = workspace.store.load("vi5-entretien-batiments", round_trip=False)
    everything = [" ".join(n.split()) for n in file_notes(plain.document.text, plain.data)[()]]
    assert last in everything


def test_values_added_since_the_file_was_read_have_no_line(workspace: Workspace) -> None:
    chapter = workspace.store.load("vi5-entretien-batiments")
    chapter.data["sections"][0]["blocs"].append({"type": "paragraphe", "texte": "Nouveau."})
    chapter.data["sections"].insert(0, {"titre": "Avant"})
    notes = file_notes(chapter.document.text, chapter.data)
    assert any("Principales réalisations 2020" in note for note in notes[()])
