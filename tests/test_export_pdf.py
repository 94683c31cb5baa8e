"""``export --pdf``: LibreOffice writes the PDF beside the DOCX, table of contents
with page numbers; without LibreOffice, a French warning and the DOCX alone."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from authoring_tui.cli.main import main
from authoring_tui.export.pdf import without_comments

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) or pdftotext absent: apt-get install "
    "libreoffice-writer-nogui poppler-utils",
)


@needs_soffice
def test_pdf_beside_the_docx_with_page_numbers_in_the_contents(
    workspace_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = workspace_dir / "exports" / "rapport.docx"
    code = main(
        [
            "export",
            "--workspace",
            str(workspace_dir),
            "--date",
            "2021-04-12",
            "-o",
            str(target),
            "--pdf",
        ]
    )
    assert code == 0
    pdf = target.with_suffix(".pdf")
    assert str(pdf) in capsys.readouterr().out
    contents = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "3", "-layout", str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    entries = [line for line in contents.splitlines() if re.search(r"\.{5,}\s*\d+\s*$", line)]
    assert len(entries) >= 20
    assert any(line.lstrip().startswith("VI/ Ressources") for line in entries)
    assert "mise à jour des champs" not in contents  # the note went with the update
    numbers = [int(line.rsplit(".", 1)[1]) for line in entries]
    assert numbers == sorted(numbers) and numbers[-1] > 20


def test_without_libreoffice_the_docx_is_written_and_a_warning_says_how_to_install(
    workspace_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(workspace_dir / "no-programs-here"))
    target = workspace_dir / "exports" / "rapport.docx"
    code = main(["export", "--workspace", str(workspace_dir), "-o", str(target), "--pdf"])
    assert code == 0
    assert target.exists() and not target.with_suffix(".pdf").exists()
    err = capsys.readouterr().err
    assert "apt-get install libreoffice-writer-nogui" in err


def test_the_copy_for_libreoffice_has_no_comments(workspace_dir: Path) -> None:
    target = workspace_dir / "exports" / "rapport.docx"
    assert main(["export", "--workspace", str(workspace_dir), "-o", str(target)]) == 0
    original = zipfile.ZipFile(target)
    assert "word/comments.xml" in original.namelist()
    copy = zipfile.ZipFile(io.BytesIO(without_comments(target.read_bytes())))
    assert "word/comments.xml" not in copy.namelist()
    for name in ("word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"):
        assert b"<w:comment" not in copy.read(name) and b"comments" not in copy.read(name)
    assert copy.read("word/document.xml").count(b"<w:t") > 1000  # the text stays
