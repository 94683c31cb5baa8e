"""Image blocks in the Word export: an inline picture at the text width (or half),
its alternative text in ``wp:docPr/@descr``, its caption and credit under it, its
block's bookmark around it; a picture that cannot be used is a highlighted
placeholder and a warning, never a failed export."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree
from ruamel.yaml import YAML

from authoring_tui.cli.main import main
from authoring_tui.export.blocks import TEXT_WIDTH
from authoring_tui.export.pictures import EMU_PER_TWIP

NBSP = "\u00a0"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def export(root: Path) -> tuple[int, Path, str]:
    target = root / "exports" / "rapport.docx"
    arguments = ["export", "--workspace", str(root), "--date", "2021-04-12"]
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([*arguments, "--output", str(target)])
    return code, target, err.getvalue()


def image_blocks(root: Path) -> list[dict[str, str]]:
    """Every image block of the sample's chapters, in no particular order."""
    found: list[dict[str, str]] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            if value.get("type") == "image":
                found.append(value)
            for child in value.values():
                walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    for path in sorted((root / "chapters").glob("*.yaml")):
        walk(YAML(typ="safe").load(path.read_text("utf-8")))
    return found


def body(target: Path) -> etree._Element:
    """``document.xml`` as lxml reads it."""
    with zipfile.ZipFile(target) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def text_of(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def plain(text: str) -> str:
    """Text with the typography of the export (no-break spaces) undone."""
    return " ".join(text.replace(NBSP, " ").replace("\u202f", " ").split())


def style_of(p: etree._Element) -> str | None:
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return None if style is None else style.get(qn("w:val"))


def test_each_image_block_is_a_picture_with_its_description_caption_and_credit(
    workspace_dir: Path,
) -> None:
    code, target, _ = export(workspace_dir)
    assert code == 0
    blocks = {block["ancre"]: block for block in image_blocks(workspace_dir)}
    assert len(docx.Document(str(target)).inline_shapes) == len(blocks) == 3
    seen = {}
    for p in body(target).iter(qn("w:p")):
        for doc_pr in p.iter(f"{WP}docPr"):
            anchor = p.find(qn("w:bookmarkStart")).get(qn("w:name"))
            seen[anchor] = (p, doc_pr)
    assert set(seen) == set(blocks)
    for anchor, (p, doc_pr) in seen.items():
        block = blocks[anchor]
        assert plain(doc_pr.get("descr")) == plain(block["texte_alternatif"])
        assert style_of(p) == "Image"
        assert p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None
        cx = int(next(p.iter(f"{WP}extent")).get("cx"))
        half = block.get("largeur") == "demi"
        assert cx == (TEXT_WIDTH // 2 if half else TEXT_WIDTH) * EMU_PER_TWIP
        caption = p.getnext()
        assert (style_of(caption), text_of(caption)) == ("Caption", block["legende"])
        credit = caption.getnext()
        if "credit" in block:
            assert style_of(credit) == "ImageCredit"
            assert text_of(credit).endswith(block["credit"].removeprefix("© "))
            # the bookmark of the block closes after its last paragraph, the credit
            assert credit.find(qn("w:bookmarkEnd")) is not None
        else:
            assert style_of(credit) != "ImageCredit"
    budget, forest = seen["im4b7q"][0], seen["im3f9k"][0]
    assert text_of(budget.getnext().getnext()).startswith("© Métropole")
    assert text_of(forest.getnext().getnext()).startswith(f"Crédit{NBSP}: Métropole")


def test_the_pictures_are_the_files_bytes_each_stored_once(workspace_dir: Path) -> None:
    # A fourth block showing the budget chart again shares its image part.
    chapter = workspace_dir / "chapters" / "vi3-finances-budget.yaml"
    yaml = YAML()
    data = yaml.load(chapter.read_text("utf-8"))
    again = dict(data["sections"][1]["blocs"][3])
    again["ancre"] = "zz99zz"
    data["sections"][2]["blocs"].append(again)
    with chapter.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    code, target, _ = export(workspace_dir)
    assert code == 0
    document = docx.Document(str(target))
    assert len(document.inline_shapes) == 4
    blobs = sorted(
        part.blob for part in document.part.package.iter_parts() if "/media/" in str(part.partname)
    )
    originals = sorted(p.read_bytes() for p in (workspace_dir / "medias").glob("*.png"))
    assert blobs == originals


def test_a_missing_picture_is_a_highlighted_placeholder_and_a_warning(
    workspace_dir: Path,
) -> None:
    (workspace_dir / "medias" / "foret-dessertes.png").unlink()
    (workspace_dir / "medias" / "budget-2020-sections.png").write_text("pas une image", "utf-8")
    code, target, err = export(workspace_dir)
    assert code == 0
    assert "medias/foret-dessertes.png est introuvable" in err
    assert "budget-2020-sections.png n’est pas une image PNG ou JPEG" in err
    document = docx.Document(str(target))
    assert len(document.inline_shapes) == 1
    placeholders = [
        run
        for paragraph in document.paragraphs
        for run in paragraph.runs
        if run.text.startswith(f"[Image manquante{NBSP}:")
    ]
    assert [run.text for run in placeholders] == [
        f"[Image manquante{NBSP}: medias/foret-dessertes.png]",
        f"[Image manquante{NBSP}: medias/budget-2020-sections.png]",
    ]
    assert all(run.font.highlight_color is not None for run in placeholders)
    captions = [text_of(p) for p in body(target).iter(qn("w:p")) if style_of(p) == "Caption"]
    assert "Le budget 2020 de la Métropole, section par section." in captions


def test_an_image_block_without_alternative_text_shows_what_is_missing(
    workspace_dir: Path,
) -> None:
    chapter = workspace_dir / "chapters" / "vi3-finances-budget.yaml"
    yaml = YAML()
    data = yaml.load(chapter.read_text("utf-8"))
    del data["sections"][1]["blocs"][3]["texte_alternatif"]
    with chapter.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    code, target, _ = export(workspace_dir)
    assert code == 0
    texts = [p.text for p in docx.Document(str(target)).paragraphs]
    assert f"[À compléter{NBSP}: Texte alternatif]" in texts


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_reads_the_pictures_and_their_description(workspace_dir: Path) -> None:
    code, target, _ = export(workspace_dir)
    assert code == 0
    media = workspace_dir / "pandoc-media"
    result = subprocess.run(
        ["pandoc", str(target), "-t", "markdown", f"--extract-media={media}"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.count("![") == 3
    assert "la section de fonctionnement pèse 3,34" in " ".join(result.stdout.split())
    assert len(list(media.rglob("*.png"))) == 3
