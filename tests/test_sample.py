"""The sample workspace is the real 2020 report: its plan, boxes and figures, in our words.

These tests read the seed (`../shared/seed/rapport-activite-2020-amp.txt`) and
the chapters side by side.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from authoring_tui.core.workspace import Workspace

from .conftest import ROOT, SEED

pytestmark = pytest.mark.skipif(not SEED.exists(), reason=f"seed not found at {SEED}")

TERRITORIES = {
    "marseille provence": "marseille-provence",
    "pays d'aix": "pays-d-aix",
    "pays salonais": "pays-salonais",
    "pays d'aubagne et de l'étoile": "pays-d-aubagne-et-de-l-etoile",
    "istres-ouest provence": "istres-ouest-provence",
    "pays de martigues": "pays-de-martigues",
}

# The seed's own misprint: V/5's heading reads « V4/5 Environnement et qualité de vie ».
SEED_CORRECTIONS = {"V4/5": "V/5"}

HEADING = re.compile(r"^\s*(V4/5|(?:VII|VI|V)/\d+(?:\.\d+)?|VII(?=\.)|(?:IV|III|II|I)(?=/))")
CHAPTER_HEADING = re.compile(r"^\s*(V4/5|(?:VI|V)/\d+)(?=\s)")
ZOOM = re.compile(r"^\s*Zoom\s+(.+?)\s*$")
NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?")
WORD = re.compile(r"[^\W_]+")
COPY_RUN = 12


@pytest.fixture(scope="module")
def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def chapters() -> dict[str, Any]:
    workspace = Workspace.open(ROOT)
    return {
        chapter_id: workspace.store.load(chapter_id, round_trip=False).data
        for chapter_id in workspace.report.chapter_ids
    }


def _walk(node: Any, key: str | None = None) -> Iterator[tuple[str | None, Any]]:
    if isinstance(node, dict):
        for name, value in node.items():
            yield from _walk(value, name)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value, key)
    else:
        yield key, node


def _numeros(chapter: dict[str, Any]) -> set[str]:
    found = {str(chapter["numero"])} if chapter.get("numero") else set()

    def sections(items: list[Any]) -> None:
        for section in items or []:
            if section.get("numero"):
                found.add(str(section["numero"]))
            sections(section.get("sous_sections", []))

    sections(chapter.get("sections", []))
    return found


def test_every_numbered_heading_of_the_seed_is_a_numero(
    seed_lines: list[str], chapters: dict[str, Any]
) -> None:
    headings = set()
    for line in seed_lines:
        match = HEADING.match(line)
        if match:
            headings.add(SEED_CORRECTIONS.get(match.group(1), match.group(1)))
    assert {"V/1", "V/2.2", "V/6.3", "VI/8", "VII", "I", "IV"} <= headings
    numeros = set().union(*(_numeros(chapter) for chapter in chapters.values()))
    assert sorted(headings - numeros) == []


def _seed_zooms(seed_lines: list[str]) -> Counter[tuple[str, str]]:
    """(chapter numero, territory) of every « Zoom » box of the seed."""
    zooms: Counter[tuple[str, str]] = Counter()
    chapter = ""
    for line in seed_lines:
        heading = CHAPTER_HEADING.match(line)
        if heading:
            chapter = SEED_CORRECTIONS.get(heading.group(1), heading.group(1))
        zoom = ZOOM.match(line)
        if zoom:
            name = zoom.group(1).replace("’", "'").lower()
            zooms[(chapter, TERRITORIES[name])] += 1
    return zooms


def test_the_17_zoom_boxes_are_on_the_right_territories_and_chapters(
    seed_lines: list[str], chapters: dict[str, Any]
) -> None:
    expected = _seed_zooms(seed_lines)
    assert sum(expected.values()) == 17
    found: Counter[tuple[str, str]] = Counter()

    def collect(numero: str, node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "zoom":
                found[(numero, node["territoire"])] += 1
            for value in node.values():
                collect(numero, value)
        elif isinstance(node, list):
            for value in node:
                collect(numero, value)

    for chapter in chapters.values():
        collect(str(chapter.get("numero", "")), chapter)
    assert found == expected


def _as_decimal(text: str) -> Decimal:
    return Decimal(re.sub(r"[ \u00a0\u202f]", "", text).replace(",", "."))


def _numbers_in(text: str) -> set[Decimal]:
    return {_as_decimal(match) for match in NUMBER.findall(text)}


def _chapter_numbers(chapter_id: str, chapter: dict[str, Any]) -> set[Decimal]:
    numbers: set[Decimal] = set()
    for _, value in _walk(chapter):
        if isinstance(value, bool):
            continue
        if isinstance(value, int | float):
            numbers.add(Decimal(str(value)))
        elif isinstance(value, str):
            numbers |= _numbers_in(value)
    # Notes a DGA keeps in YAML comments (an unfinished section) count too.
    raw = (ROOT / "chapters" / f"{chapter_id}.yaml").read_text(encoding="utf-8")
    return numbers | _numbers_in(raw)


def _figures() -> list[tuple[str, str]]:
    figures = []
    for path in sorted((ROOT / "tests" / "data" / "seed_figures").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                chapter_id, fragment = (part.strip() for part in line.split("|", 1))
                figures.append((chapter_id, fragment))
    return figures


def test_at_least_60_seed_figures_from_every_part_are_in_the_chapters(
    seed_lines: list[str], chapters: dict[str, Any]
) -> None:
    figures = _figures()
    assert len(figures) >= 60
    workspace = Workspace.open(ROOT)
    parts = {workspace.report.part_of(chapter_id).id for chapter_id, _ in figures}  # type: ignore[union-attr]
    assert parts == {part.id for part in workspace.report.parties}
    seed_text = "\n".join(seed_lines)
    numbers = {cid: _chapter_numbers(cid, data) for cid, data in chapters.items()}
    missing = []
    for chapter_id, fragment in figures:
        assert fragment in seed_text, f"not a fragment of the seed: {fragment!r}"
        wanted = _numbers_in(fragment)
        assert wanted, fragment
        if not wanted <= numbers[chapter_id]:
            missing.append((chapter_id, fragment, sorted(wanted - numbers[chapter_id])))
    assert missing == []


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text.replace("’", "'"))]


def test_no_run_of_12_words_of_the_seed_is_copied(
    seed_lines: list[str], chapters: dict[str, Any]
) -> None:
    seed_words = _words("\n".join(seed_lines))
    runs = {tuple(seed_words[i : i + COPY_RUN]) for i in range(len(seed_words) - COPY_RUN + 1)}
    copied = []
    for chapter_id, chapter in chapters.items():
        for key, value in _walk(chapter):
            # Titles of things (headings, box titles) may keep the seed's wording.
            if not isinstance(value, str) or key in ("titre", "numero"):
                continue
            words = _words(value)
            for i in range(len(words) - COPY_RUN + 1):
                if tuple(words[i : i + COPY_RUN]) in runs:
                    copied.append((chapter_id, " ".join(words[i : i + COPY_RUN])))
                    break
    assert copied == []


def test_the_report_in_progress(chapters: dict[str, Any]) -> None:
    drafts = {cid for cid, data in chapters.items() if data.get("statut") == "brouillon"}
    assert drafts == {"v3-infrastructures", "vi2-ressources-humaines", "vi5-entretien-batiments"}
    with_open_comments = {
        cid
        for cid, data in chapters.items()
        if any(not c.get("resolu", False) for c in data.get("commentaires", []))
    }
    assert with_open_comments == {"v2-mobilite", "vi3-finances-budget"}
    for chapter_id, data in chapters.items():
        if chapter_id not in drafts:
            assert data["statut"] in ("a_relire", "valide"), chapter_id


def test_every_chapter_file_opens_with_a_comment_naming_its_owner(
    chapters: dict[str, Any],
) -> None:
    for chapter_id, data in chapters.items():
        path = ROOT / "chapters" / f"{chapter_id}.yaml"
        first, second = path.read_text(encoding="utf-8").splitlines()[:2]
        assert first.startswith(("# Chapitre ", "# Encadré ")), chapter_id
        assert second.startswith("# Rédigé par"), chapter_id
        assert all(login in second for login in data["redacteurs"]), chapter_id
