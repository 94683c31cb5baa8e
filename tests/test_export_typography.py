"""French typography to the last hyphen: the sample's DOCX read back, and the rules.

Runs are read from ``document.xml`` with lxml: an ordinal's letters must be a
superscript run, a compound that must not break must hold Word's non-breaking
hyphen, a number and its unit a no-break space. pandoc reads the same file as an
independent reader.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from babel.numbers import format_decimal
from hypothesis import example, given
from hypothesis import strategies as st
from lxml import etree

from authoring_tui.cli.main import main
from authoring_tui.export import typography
from authoring_tui.export.blocks import figure_qualifier
from authoring_tui.export.typography import (
    LOCALE,
    NBHYPHEN,
    NBSP,
    NNBSP,
    french,
    number,
    superscripts,
)
from authoring_tui.export.units import keep_units, unit_spaces

ROOT = Path(__file__).resolve().parents[1]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
Xml = Any  # an lxml element

ORDINAL_ON_THE_LINE = re.compile(r"(?<![\w’'])(\d+|[IVXLC]{2,})(er|re|e|ème)(?!\w)")
BREAKABLE = re.compile(r"Covid-\d|\d{4}-\d|\d-[A-Z]")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("typographie") / "rapport"
    root.mkdir()
    shutil.copy2(ROOT / "report.yaml", root / "report.yaml")
    shutil.copytree(ROOT / "schema", root / "schema")
    shutil.copytree(ROOT / "chapters", root / "chapters")
    target = root / "rapport.docx"
    code = main(
        ["export", "--workspace", str(root), "--date", "2021-04-12", "--output", str(target)]
    )
    assert code == 0
    return target


@pytest.fixture(scope="module")
def document(exported: Path) -> Xml:
    with zipfile.ZipFile(exported) as package:
        return etree.fromstring(package.read("word/document.xml"))


def superscript(r: Xml) -> bool:
    found = r.find(f"{W}rPr/{W}vertAlign")
    return found is not None and found.get(f"{W}val") == "superscript"


def run_text(r: Xml) -> str:
    """A run's text as the reader sees it (Word's non-breaking hyphen included)."""
    parts = []
    for child in r:
        if child.tag == f"{W}t":
            parts.append(child.text or "")
        elif child.tag == f"{W}noBreakHyphen":
            parts.append(NBHYPHEN)
    return "".join(parts)


def paragraph_text(p: Xml) -> str:
    return "".join(run_text(r) for r in p.iter(f"{W}r"))


def test_ordinals_are_superscript_runs(document: Xml) -> None:
    runs = list(document.iter(f"{W}r"))
    on_the_line = [
        run_text(r) for r in runs if not superscript(r) and ORDINAL_ON_THE_LINE.search(run_text(r))
    ]
    assert on_the_line == []
    raised = [run_text(r) for r in runs if superscript(r)]
    assert len(raised) >= 12
    assert set(raised) <= {"er", "re", "e", "es", "ers", "res"}


def test_compounds_that_must_not_break_hold_a_non_breaking_hyphen(document: Xml) -> None:
    texts = [run_text(r) for r in document.iter(f"{W}r")]
    assert [t for t in texts if BREAKABLE.search(t)] == []
    joined = "\n".join(texts)
    assert joined.count(f"Covid{NBHYPHEN}19") >= 16
    assert f"2021{NBHYPHEN}2027" in joined and f"4{NBHYPHEN}Septembre" in joined
    assert "\u2011" not in "".join(t.text or "" for t in document.iter(f"{W}t"))  # Word's element


def test_no_ordinary_space_between_a_number_and_a_unit_of_the_list(document: Xml) -> None:
    names = "|".join(re.escape(u) for u in sorted(unit_spaces(), key=len, reverse=True))
    loose = re.compile(rf"\d[ \t]+({names})(?![\w’'])")
    paragraphs = [paragraph_text(p) for p in document.iter(f"{W}p")]
    assert [p for p in paragraphs if loose.search(p)] == []
    joined = "\n".join(paragraphs)
    assert f"1{NNBSP}412{NNBSP}km" in joined  # the examples
    assert f"168{NBSP}tonnes" in joined


def test_key_figures_read_près_de_before_the_value(document: Xml) -> None:
    rows = [tr for tr in document.iter(f"{W}tr") if "du parc contrôlé" in paragraph_text(tr)]
    assert len(rows) == 1
    value, unit, label = (paragraph_text(tc) for tc in rows[0].findall(f"{W}tc"))
    assert value == "près de 60" and unit == "%"
    assert "près de" not in label


def test_no_stray_chiffres_label_and_the_cover_says_the_year_once(document: Xml) -> None:
    paragraphs = [paragraph_text(p).strip() for p in document.iter(f"{W}p")]
    assert "Chiffres" not in paragraphs
    cover = paragraphs[:4]
    assert cover[1] == "Rapport d’activité 2020" and "2020" not in cover[2:3]


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc absent : test ignoré")
def test_pandoc_reads_the_non_breaking_hyphens_and_spaces(exported: Path) -> None:
    plain = subprocess.run(
        ["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", str(exported)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert f"Covid{NBHYPHEN}19" in plain and "Covid-19" not in plain
    assert f"168{NBSP}tonnes" in plain


# The rules themselves.


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("le 1er avril", [("le 1", False), ("er", True), (" avril", False)]),
        ("la 1re fois", [("la 1", False), ("re", True), (" fois", False)]),
        ("au XXIe siècle", [("au XXI", False), ("e", True), (" siècle", False)]),
        ("François Ier", [("François I", False), ("er", True)]),
        ("Ce que Le 3e5 dit", [("Ce que Le 3e5 dit", False)]),
        ("le IIe siècle", [("le II", False), ("e", True), (" siècle", False)]),
        ("le XLe congrès", [("le XL", False), ("e", True), (" congrès", False)]),
        ("Le maire", [("Le maire", False)]),
        ("Me Martin et Mme Ce", [("Me Martin et Mme Ce", False)]),
        ("la 1ère fois", [("la 1", False), ("ère", True), (" fois", False)]),
        ("les 3es Assises", [("les 3", False), ("es", True), (" Assises", False)]),
        ("le 2nd tour", [("le 2", False), ("nd", True), (" tour", False)]),
        ("3e5 et A4e", [("3e5 et A4e", False)]),
    ],
)
def test_superscripts_find_ordinals_and_leave_words(
    text: str, pieces: list[tuple[str, bool]]
) -> None:
    assert superscripts(text) == pieces


def test_a_range_of_numbers_keeps_its_en_dash_on_the_line() -> None:
    assert french("2020–2021") == "2020–\u20602021"
    assert french("Plan 2020–2026 – bilan") == "Plan 2020–\u20602026 – bilan"
    assert french("A–B") == "A–B"


def test_units_keep_their_number_with_the_space_cldr_gives() -> None:
    text = keep_units("1 412 km, 168 tonnes, 12 ha, 2,1 Md€, 60 %, 3 l’eau, 5 membres")
    wanted = f"1 412{NNBSP}km, 168{NBSP}tonnes, 12{NNBSP}ha, 2,1{NBSP}Md€, 60{NBSP}%"
    assert text == wanted + ", 3 l’eau, 5 membres"


def test_a_precision_reads_before_the_value_only_when_it_qualifies_it() -> None:
    assert figure_qualifier({"valeur": 60, "unite": "%", "precision": "près de"}) == "près de"
    assert figure_qualifier({"valeur": 50, "unite": "%", "precision": "plus de 50 %"}) == "plus de"
    assert figure_qualifier({"valeur": 40, "precision": "plus de 40"}) == "plus de"
    assert figure_qualifier({"valeur": 2.1, "precision": "exercice 2020"}) is None
    assert figure_qualifier({"valeur": 40, "precision": "plus de 41 sites"}) is None


def _plain(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f\u2060]+", " ", text.replace(NBHYPHEN, "-")).strip()


@given(
    st.text(
        alphabet=st.sampled_from(list("0123456789 -–IVXCLer%€kmhaCovid«»:;!?,.\t")), max_size=60
    )
)
def test_typography_changes_only_spaces_and_hyphens_and_is_stable(text: str) -> None:
    once = french(text)
    assert french(once) == once
    assert _plain(once).replace(" ", "") == _plain(text).replace(" ", "")
    assert "".join(piece for piece, _ in superscripts(once)) == once


@given(st.integers(min_value=-(10**18) + 1, max_value=10**18 - 1) | st.integers(-10_000, 10_000))
def test_integers_are_written_as_babel_writes_them(value: int) -> None:
    """The export's own grouping of integers (faster) is Babel's ``fr_FR`` one."""
    assert number(value) == format_decimal(value, locale=LOCALE)


PLAIN_FORMS = {
    "_MISSING_BEFORE_PUNCT": r"(?<=[\w»)\]%€])([;:!?])(?=\s|$)",
    "_THOUSANDS": r"(?<![\d,.])(\d{1,3})((?:[ \u00a0\u202f\t]\d{3})+)(?![\d])",
}
"""The typography rules written plainly; the module writes them so that the regular
expression engine skips ahead to their first character (several times faster)."""
ORDINAL = re.compile(r"(\d+|[IVXLCDM]{2,}|[IVX])(ers?|è?res?|èmes?|es?|nde?s?)")


@given(st.text(alphabet=st.sampled_from(list("0123 \u00a0\u202f\t,.;:!?«»%€)]aeèrnIVXLCDM")),
               max_size=40))  # fmt: skip
@example("12345 678, 1,234 567 et 0.123 456 ; 1 234 567")
@example("fin) ; 5% ! « mot » »  » et IIe, XXIe, 1re, 2nde")
@example("la Ve République")
def test_the_fast_typography_rules_find_what_their_plain_forms_find(text: str) -> None:
    for name, plain in PLAIN_FORMS.items():
        fast = getattr(typography, name)
        found = [(m.span(), m.groups()) for m in fast.finditer(text)]
        assert found == [(m.span(), m.groups()) for m in re.finditer(plain, text)], name
    closing = re.sub(r"[ \u00a0\u202f\t]*»", NBSP + "»", text)
    assert typography._before_closing_quotes(text) == closing
    if ORDINAL.search(text):  # the cheap test before looking for ordinals lets them through
        assert typography._MAYBE_ORDINAL(text)
