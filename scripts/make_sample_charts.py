"""Draw the sample report's pictures: charts of its key figures (``chapters/chiffres-cles.yaml``).

Run ``.venv/bin/python scripts/make_sample_charts.py`` after changing the key
figures; it rewrites ``medias/*.png``, which are committed (the export and the
tests use the files, not this script). The figures are read from the chapter,
never typed here, so a chart cannot drift from the text. matplotlib is a
development dependency only; the output is reproducible (no date in the PNG).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
COLOURS = ("#00558c", "#f39200", "#6aa84f")
DPI = 150
METADATA = {"Software": None}  # no version or date in the file: same bytes every run


def figures(rubrique: str) -> dict[str, Mapping[str, Any]]:
    """The key figures of one rubrique, by their label."""
    data = YAML(typ="safe").load((ROOT / "chapters" / "chiffres-cles.yaml").read_text("utf-8"))
    for entry in data["rubriques"]:
        if entry["titre"] == rubrique:
            return {figure["libelle"]: figure for figure in entry["chiffres"]}
    raise SystemExit(f"rubrique « {rubrique} » introuvable dans chiffres-cles.yaml")


def french(value: float, decimals: int = 0) -> str:
    text = f"{value:,.{decimals}f}".replace(",", "\u202f").replace(".", ",")
    return text


def bars(
    names: list[str], values: list[float], labels: list[str], title: str, unit: str, target: Path
) -> None:
    figure, axes = plt.subplots(figsize=(8, 4.2), dpi=DPI)
    drawn = axes.bar(names, values, color=COLOURS[: len(values)], width=0.55)
    axes.bar_label(drawn, labels=labels, padding=4, fontsize=13, fontweight="bold")
    axes.set_title(title, fontsize=14, loc="left")
    axes.set_ylabel(unit)
    axes.set_ylim(0, max(values) * 1.2)
    decimals = 1 if max(values) < 10 else 0
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: french(value, decimals)))
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(axis="x", labelsize=11)
    figure.tight_layout()
    figure.savefig(target, metadata=METADATA)
    plt.close(figure)


def budget(target: Path) -> None:
    found = figures("Budget")
    invest = found["volume budgétaire global de la section d’investissement"]["valeur"]
    running = found["volume budgétaire global de la section de fonctionnement"]["valeur"]
    bars(
        ["Investissement", "Fonctionnement"],
        [invest, running],
        [f"{french(invest, 2)} Md€", f"{french(running, 2)} Md€"],
        "Budget 2020 de la Métropole, par section",
        "milliards d’euros",
        target,
    )


def water(target: Path) -> None:
    drinking = figures("Eau potable")["abonnés au service de l’eau potable"]["valeur"]
    sewer = figures("Assainissement collectif")["abonnés au service de l’assainissement collectif"][
        "valeur"
    ]
    bars(
        ["Eau potable", "Assainissement collectif"],
        [drinking, sewer],
        [french(drinking), french(sewer)],
        "Abonnés aux services de l’eau en 2020",
        "abonnés",
        target,
    )


def forest(target: Path) -> None:
    found = figures("Forêt")
    roads = found["dessertes forestières"]["valeur"]
    tracks = found["pistes forestières utilisables pour l’exploitation du bois"]["valeur"]
    bars(
        ["Dessertes forestières", "dont pistes d’exploitation"],
        [roads, tracks],
        [f"{french(roads)} km", f"{french(tracks)} km"],
        "Les chemins de la forêt métropolitaine",
        "kilomètres",
        target,
    )


def main() -> int:
    folder = ROOT / "medias"
    folder.mkdir(exist_ok=True)
    for name, draw in (
        ("budget-2020-sections.png", budget),
        ("eau-assainissement-abonnes.png", water),
        ("foret-dessertes.png", forest),
    ):
        draw(folder / name)
        print(f"medias/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
