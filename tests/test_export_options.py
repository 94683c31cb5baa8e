"""The export's options, its template, hostile input, a second reader, the CLI."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.shared import Pt, RGBColor

from authoring_tui.cli.main import main
from authoring_tui.core.errors import AuthoringError
from authoring_tui.core.workspace import Workspace
from authoring_tui.export import ExportOptions, export_report, write_template
from authoring_tui.export.typography import normalise_for_search

EDITION = datetime.date(2021, 4, 12)


def headings(path: Path, level: int) -> list[str]:
    document = docx.Document(str(path))
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def test_two_exports_with_the_same_date_are_byte_identical(
    workspace: Workspace, tmp_path: Path
) -> None:
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    export_report(workspace, ExportOptions(output=first, date=EDITION))
    export_report(workspace, ExportOptions(output=second, date=EDITION))
    assert first.read_bytes() == second.read_bytes()
    third = tmp_path / "c.docx"
    export_report(workspace, ExportOptions(output=third, date=datetime.date(2021, 4, 13)))
    assert third.read_bytes() != first.read_bytes()


def test_an_existing_file_is_never_overwritten_without_force(
    workspace: Workspace, tmp_path: Path
) -> None:
    (tmp_path / "sortie").mkdir()
    target = tmp_path / "sortie" / "rapport.docx"
    target.write_bytes(b"not mine to lose")
    with pytest.raises(AuthoringError, match="existe déjà"):
        export_report(workspace, ExportOptions(output=target, date=EDITION))
    assert target.read_bytes() == b"not mine to lose"
    export_report(workspace, ExportOptions(output=target, date=EDITION, force=True))
    assert target.read_bytes().startswith(b"PK")
    assert [p.name for p in target.parent.iterdir()] == ["rapport.docx"]  # no temporary left


def test_chapter_selection_keeps_plan_order_and_parts(workspace: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "choix.docx"
    progress: list[tuple[int, int]] = []
    result = export_report(
        workspace,
        ExportOptions(chapter_ids=["vi3-finances-budget", "edito"], output=target, date=EDITION),
        progress=lambda done, total: progress.append((done, total)),
    )
    assert result.chapters == 2
    assert headings(target, 1) == ["II/ Édito", "VI/ Ressources", "État d’avancement"]
    assert headings(target, 2) == ["Une Métropole forte", "VI/3 Finances et Budget", "À faire"]
    assert progress == [(1, 2), (2, 2)]
    with pytest.raises(AuthoringError, match="absent"):
        export_report(workspace, ExportOptions(chapter_ids=["inconnu"], output=tmp_path / "x.docx"))


def test_status_selection_and_the_appendix_flag(workspace: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "brouillons.docx"
    result = export_report(
        workspace,
        ExportOptions(statuts=["brouillon"], output=target, date=EDITION, annexe=False),
    )
    assert headings(target, 2) == [
        "V/3 Infrastructures",
        "VI/2 Ressources humaines",
        "VI/5 Entretien des bâtiments",
    ]
    assert result.chapters == 3
    assert "État d’avancement" not in headings(target, 1)
    with pytest.raises(AuthoringError, match="statut"):
        export_report(workspace, ExportOptions(statuts=["fini"], output=tmp_path / "x.docx"))


def test_a_restyled_template_shows_up_in_the_output(workspace: Workspace, tmp_path: Path) -> None:
    template = write_template(tmp_path / "modele")
    restyled = docx.Document(str(template))
    heading = restyled.styles["Heading 1"]
    heading.font.size = Pt(30)
    heading.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    restyled.save(str(template))
    target = tmp_path / "charte.docx"
    export_report(
        workspace,
        ExportOptions(chapter_ids=["edito"], template=template, output=target, date=EDITION),
    )
    output = docx.Document(str(target))
    assert output.styles["Heading 1"].font.size == Pt(30)
    assert output.styles["Heading 1"].font.color.rgb == RGBColor(0xC0, 0x00, 0x00)
    assert not any("exemple de texte" in p.text for p in output.paragraphs)  # body emptied
    assert "Zoom — titre" in [s.name for s in output.styles]


def test_a_template_that_is_not_a_docx_is_refused_in_french(
    workspace: Workspace, tmp_path: Path
) -> None:
    fake = tmp_path / "modele.docx"
    fake.write_text("pas un document Word")
    with pytest.raises(AuthoringError, match="lisible"):
        export_report(workspace, ExportOptions(template=fake, output=tmp_path / "x.docx"))


HOSTILE = """\
id: vi8-inspection-generale-services
numero: VI/8
titre: "Inspection \\x07générale\\x1b des services"
dga: Inspection générale des services
statut: brouillon
chapeau: "Emoji 🚀🇫🇷 et texte arabe : مرحبا بالعالم ; hébreu : שלום."
sections:
  - titre: Très long
    blocs:
      - type: paragraphe
        texte: "Début\\x00\\x0b du texte"
      - type: paragraphe
        texte: LONG
      - type: carte
        legende: Une légende de carte inconnue
        echelle: 25000
"""


def test_hostile_text_is_exported_and_control_characters_are_reported(
    workspace_dir: Path, tmp_path: Path
) -> None:
    long_text = "Lorem ipsum dolor sit amet. " * 7143  # 200 004 characters
    text = HOSTILE.replace("LONG", long_text.strip())
    chapter = workspace_dir / "chapters" / "vi8-inspection-generale-services.yaml"
    chapter.write_text(text, encoding="utf-8")
    workspace = Workspace.open(workspace_dir)
    target = tmp_path / "hostile.docx"
    result = export_report(
        workspace,
        ExportOptions(chapter_ids=["vi8-inspection-generale-services"], output=target),
    )
    assert len(result.warnings) == 2
    assert all("vi8-inspection-generale-services" in w for w in result.warnings)
    assert any("Titre" in w for w in result.warnings)
    assert any("Section 1 › Bloc 1 (paragraphe) › Texte" in w for w in result.warnings)
    document = docx.Document(str(target))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "VI/8 Inspection générale des services" in text
    assert "Début du texte" in text
    assert "🚀🇫🇷" in text and "مرحبا بالعالم" in text and "שלום" in text
    assert max(len(p.text) for p in document.paragraphs) >= 200_000
    # An unknown block type is rendered generically from its values, not dropped.
    assert "Une légende de carte inconnue" in text
    assert "25\u202f000" in text


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc absent : test ignoré")
def test_pandoc_reads_the_chapters_in_reading_order(workspace: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "rapport.docx"
    export_report(workspace, ExportOptions(output=target, date=EDITION))
    plain = subprocess.run(
        ["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", str(target)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    text = normalise_for_search(plain)
    position = text.index(normalise_for_search("État d’avancement"))  # after the contents
    body_start = text.index(normalise_for_search("V/1 Économie et emploi"), position // 4)
    assert body_start > 0
    cursor = 0
    for chapter_id in workspace.report.chapter_ids:
        data = workspace.store.load(chapter_id, round_trip=False).data
        chapeau = data.get("chapeau") or data["sections"][0]["blocs"][0].get("texte")
        if not chapeau:
            continue
        found = text.find(normalise_for_search(chapeau), cursor)
        assert found > cursor, chapter_id
        cursor = found


def test_cli_export_prints_the_path_and_a_french_summary(
    workspace_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["export", "--workspace", str(workspace_dir), "--date", "2021-04-12"])
    out = capsys.readouterr().out
    assert code == 0
    path = Path(out.splitlines()[0])
    assert path.parent == workspace_dir / "exports" and path.is_file()
    assert "21 chapitre(s)" in out and "commentaire(s) de relecture" in out
    code = main(["export", "--workspace", str(workspace_dir), "--output", str(path)])
    assert code == 2
    assert "existe déjà" in capsys.readouterr().err


def test_cli_template_writes_the_default_template(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["template", str(tmp_path / "charte")]) == 0
    template = tmp_path / "charte" / "modele-rapport.docx"
    names = {s.name for s in docx.Document(str(template)).styles}
    assert {"Heading 1", "Chiffre clé — valeur", "Zoom — titre", "Citation — auteur"} <= names
    assert main(["template", str(tmp_path / "charte")]) == 2  # not replaced without --force
    assert "existe déjà" in capsys.readouterr().err
