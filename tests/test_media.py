"""Pictures named by image blocks are checked on the disk: there, plain files, PNG or
JPEG by their bytes, at most 20 MB; each problem is a French validation error at the
field, and the chapter is not complete while it lasts."""

from __future__ import annotations

import io
import json
import os
import struct
import zlib
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from authoring_tui.cli.main import main
from authoring_tui.core import media
from authoring_tui.core.completeness import completeness
from authoring_tui.core.validation import validate
from authoring_tui.core.workspace import Workspace

CHAPTER = "vi4-moyens-generaux"
BLOCK = ("sections", 0, "blocs", 1)


def png_bytes(width: int, height: int) -> bytes:
    """A real (tiny, grey) PNG of the given size, written by hand."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(pixels))
        + chunk(b"IEND", b"")
    )


def jpeg_header(width: int, height: int) -> bytes:
    """The start of a baseline JPEG: SOI, an APP0 segment, then its frame header."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


def image_chapter(root: Path, fichier: str, alt: str | None = "Un graphique en barres.") -> None:
    """Rewrite one chapter of the copy so that its first section shows one picture."""
    block = {"type": "image", "ancre": "ab12cd", "fichier": fichier, "legende": "Une légende."}
    if alt is not None:
        block["texte_alternatif"] = alt
    data = {
        "id": CHAPTER,
        "numero": "VI/4",
        "titre": "Moyens généraux",
        "dga": "DGA Moyens généraux",
        "statut": "brouillon",
        "chapeau": "Les moyens au service des agents.",
        "sections": [
            {
                "titre": "Le parc automobile",
                "blocs": [{"type": "paragraphe", "ancre": "pq34rs", "texte": "Du texte."}, block],
            }
        ],
    }
    (root / "chapters" / f"{CHAPTER}.yaml").write_text(
        json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8"
    )


def issues_of(root: Path) -> list[Any]:
    workspace = Workspace.open(root)
    data = workspace.store.load(CHAPTER, round_trip=False).data
    schema = workspace.schema_for(CHAPTER)
    return validate(schema, data, workspace.files)


def percent(root: Path) -> float:
    workspace = Workspace.open(root)
    data = workspace.store.load(CHAPTER, round_trip=False).data
    schema = workspace.schema_for(CHAPTER)
    return completeness(schema, data, validate(schema, data, workspace.files)).percent


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def test_the_sample_pictures_are_valid_and_named_by_three_blocks(workspace: Workspace) -> None:
    found = []
    for chapter_id in workspace.report.chapter_ids:
        schema = workspace.schema_for(chapter_id)
        data = workspace.store.load(chapter_id, round_trip=False).data
        found += media.referenced(schema, data)
        assert not [i for i in validate(schema, data, workspace.files) if i.keyword == "media"]
    assert len(found) == 3
    assert all(path.startswith("medias/") and path.endswith(".png") for path in found)


def test_a_good_picture_gives_no_error_and_a_full_chapter(workspace_dir: Path) -> None:
    (workspace_dir / "medias" / "parc.png").write_bytes(png_bytes(40, 20))
    image_chapter(workspace_dir, "medias/parc.png")
    assert issues_of(workspace_dir) == []
    assert percent(workspace_dir) == 100.0


def test_a_missing_file_is_an_error_at_the_field(workspace_dir: Path) -> None:
    image_chapter(workspace_dir, "medias/absente.png")
    issues = issues_of(workspace_dir)
    assert [i.path for i in issues] == [(*BLOCK, "fichier")]
    assert issues[0].chemin == "Section 1 › Bloc 2 (image) › Fichier"
    assert "medias/absente.png est introuvable" in issues[0].message
    assert percent(workspace_dir) < 100.0


def test_a_file_that_is_not_an_image_is_refused_whatever_its_name(workspace_dir: Path) -> None:
    (workspace_dir / "medias" / "faux.png").write_text("ceci n’est pas une image", "utf-8")
    image_chapter(workspace_dir, "medias/faux.png")
    (issue,) = issues_of(workspace_dir)
    assert "n’est pas une image PNG ou JPEG" in issue.message


def test_a_link_is_refused_even_to_a_good_picture(workspace_dir: Path) -> None:
    os.symlink(workspace_dir / "medias" / "foret-dessertes.png", workspace_dir / "medias" / "l.png")
    image_chapter(workspace_dir, "medias/l.png")
    (issue,) = issues_of(workspace_dir)
    assert "lien symbolique" in issue.message


def test_a_linked_folder_on_the_way_is_refused(workspace_dir: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    (elsewhere / "x.png").write_bytes(png_bytes(4, 4))
    os.symlink(elsewhere, workspace_dir / "medias" / "lien")
    image_chapter(workspace_dir, "medias/lien/x.png")
    (issue,) = issues_of(workspace_dir)
    assert "lien symbolique" in issue.message


def test_a_picture_over_20_mb_is_refused_without_being_read(workspace_dir: Path) -> None:
    big = workspace_dir / "medias" / "enorme.png"
    with big.open("wb") as handle:  # sparse: 21 MB that take no room on the disk
        handle.write(png_bytes(4, 4))
        handle.truncate(21 * 1024 * 1024)
    image_chapter(workspace_dir, "medias/enorme.png")
    (issue,) = issues_of(workspace_dir)
    assert "pèse 21,0 Mo" in issue.message and "20,0 Mo" in issue.message


def test_a_missing_alternative_text_is_required(workspace_dir: Path) -> None:
    image_chapter(workspace_dir, "medias/foret-dessertes.png", alt=None)
    (issue,) = issues_of(workspace_dir)
    assert issue.path == (*BLOCK, "texte_alternatif")
    assert issue.message == "ce champ est obligatoire."
    assert percent(workspace_dir) < 100.0


@pytest.mark.parametrize("fichier", ["../report.png", "medias/../x.png", "photo.gif", "/etc/x.png"])
def test_a_path_outside_medias_is_a_schema_error_only(workspace_dir: Path, fichier: str) -> None:
    image_chapter(workspace_dir, fichier)
    (issue,) = issues_of(workspace_dir)
    assert issue.keyword == "pattern"
    assert "medias/nom.png" in issue.message


def test_sizes_are_read_from_png_and_jpeg_headers(workspace_dir: Path) -> None:
    (workspace_dir / "medias" / "p.png").write_bytes(png_bytes(321, 123))
    (workspace_dir / "medias" / "j.jpg").write_bytes(jpeg_header(640, 480))
    files = Workspace.open(workspace_dir).files
    png = media.inspect(files, "medias/p.png")
    jpeg = media.inspect(files, "medias/j.jpg")
    assert (png.kind, png.width, png.height) == ("PNG", 321, 123)
    assert (jpeg.kind, jpeg.width, jpeg.height) == ("JPEG", 640, 480)
    assert png.describe().startswith("PNG, 321 × 123 pixels, ")
    assert media.inspect(files, "medias/budget-2020-sections.png").describe() == (
        "PNG, 1\u202f200 × 630 pixels, 35 Ko"
    )


def test_the_picker_lists_pictures_of_medias_and_its_folders(workspace_dir: Path) -> None:
    (workspace_dir / "medias" / "photos").mkdir()
    (workspace_dir / "medias" / "photos" / "tram.JPG").write_bytes(jpeg_header(8, 8))
    (workspace_dir / "medias" / "notes.txt").write_text("non", "utf-8")
    os.symlink(workspace_dir / "medias" / "foret-dessertes.png", workspace_dir / "medias" / "l.png")
    files = Workspace.open(workspace_dir).files
    assert media.list_pictures(files) == [
        "medias/budget-2020-sections.png",
        "medias/eau-assainissement-abonnes.png",
        "medias/foret-dessertes.png",
        "medias/photos/tram.JPG",
    ]


def test_validate_names_the_file_and_line_then_sees_the_picture_arrive(
    workspace_dir: Path,
) -> None:
    image_chapter(workspace_dir, "medias/plus-tard.png")
    root = str(workspace_dir)
    code, out, _ = run("validate", "--workspace", root, CHAPTER)
    assert code == 1
    assert f"chapters/{CHAPTER}.yaml:" in out
    assert "medias/plus-tard.png est introuvable" in out
    # The chapter did not change, the picture arrived: the cached result is not reused.
    (workspace_dir / "medias" / "plus-tard.png").write_bytes(png_bytes(10, 10))
    code, out, _ = run("validate", "--workspace", root, CHAPTER)
    assert code == 0, out


def test_init_sample_brings_the_pictures_and_validates(tmp_path: Path) -> None:
    target = tmp_path / "nouveau"
    code, _, err = run("init", str(target), "--sample")
    assert code == 0, err
    assert sorted(p.name for p in (target / "medias").iterdir()) == [
        "budget-2020-sections.png",
        "eau-assainissement-abonnes.png",
        "foret-dessertes.png",
    ]
    code, out, _ = run("validate", "--workspace", str(target), "vi3-finances-budget")
    assert code == 0, out
