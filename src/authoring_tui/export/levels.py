"""Where each heading of the plan sits: the level of a part, of a chapter, of a section.

The printed report has seven numbered parts (I to VII) at the top level; « V/1 »
and the like sit one level below. ``report.yaml`` groups I–IV under a part
without a number (« Préambule ») only so that the plan reads well in the tool: a
part without ``numero`` whose chapters carry their own number is a silent
grouping, and those chapters are top-level headings themselves. A part with a
single chapter of the same title (« VII Les assemblées ») is printed once: the
chapter takes the part's place. The same rule keeps a section whose title repeats
its chapter's (or that only holds a box already titled with it) from printing the
title again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..core.report import Part

TOP = 1
_NOT_LETTERS = re.compile(r"[\W_]+")
_BOXES = ("zoom", "encadre")


@dataclass(frozen=True)
class Placement:
    """How one chapter enters the plan."""

    part_heading: bool
    """Whether its part's heading must be written before it (once per part)."""
    level: int
    """The level of the chapter's own heading (1 or 2)."""
    numero: str
    """The number its heading shows (a merged chapter takes its part's)."""


def place(part: Part | None, part_shown: bool, data: Mapping[str, Any]) -> Placement:
    """The placement of a chapter of ``part`` (``part_shown``: its heading is written)."""
    numero = str(data.get("numero") or "").strip()
    if part is None:
        return Placement(False, TOP, numero)
    if not part.numero and numero:
        return Placement(False, TOP, numero)  # a silent grouping: « Préambule »
    if part.numero and same_text(part.titre, data.get("titre")) and not part_shown:
        return Placement(False, TOP, numero or part.numero)  # « VII Les assemblées », once
    return Placement(not part_shown, TOP + 1, numero)


def same_text(first: Any, second: Any) -> bool:
    """Whether two titles say the same, whatever their case, spaces and punctuation."""
    left, right = _letters(first), _letters(second)
    return bool(left) and left == right


def contains_text(whole: Any, part: Any) -> bool:
    """Whether ``whole`` says ``part`` (« Encadré 1 — Le projet métropolitain : … »)."""
    inner = _letters(part)
    return bool(inner) and f" {inner} " in f" {_letters(whole)} "


def repeats_parent(section: Mapping[str, Any], parent_title: Any) -> bool:
    """Whether a section's heading would only repeat what the reader just read: its
    title is its parent's, or it holds one box whose title already says it."""
    title = section.get("titre")
    if section.get("numero"):
        return False  # a numbered section is a place in the plan
    if same_text(title, parent_title):
        return True
    blocs = section.get("blocs")
    if not isinstance(blocs, list) or len(blocs) != 1 or section.get("sous_sections"):
        return False
    box = blocs[0]
    return (
        isinstance(box, Mapping)
        and box.get("type") in _BOXES
        and contains_text(box.get("titre"), title)
    )


def _letters(text: Any) -> str:
    return _NOT_LETTERS.sub(" ", str(text or "")).strip().casefold()
