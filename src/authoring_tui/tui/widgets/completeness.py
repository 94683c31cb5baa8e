"""Completeness shown the same way everywhere: a bar of blocks and a percentage.

Percentages are rounded down, so « 100 % » always means complete (README rule).
"""

from __future__ import annotations

import math

from rich.text import Text

FULL, EMPTY = "█", "░"


def percent_text(percent: float) -> str:
    return f"{math.floor(percent)}\u00a0%"


def completeness_bar(percent: float, width: int = 10, style: str = "", empty: str = "") -> Text:
    """« ████████░░ 80 % » as Rich text (styles come from the theme's variables)."""
    filled = math.floor(percent * width / 100)
    text = Text(no_wrap=True, end="")
    text.append(FULL * filled, style=style)
    text.append(EMPTY * (width - filled), style=empty)
    text.append(f" {percent_text(percent):>5}")
    return text
