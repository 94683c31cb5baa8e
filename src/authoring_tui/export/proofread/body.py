"""The body's paragraphs in document order, each with the block it shows.

The export puts a bookmark named after each block's ``ancre`` around the
block's paragraphs (``ChapterContext.bookmark``): its start in the first
paragraph, its end in the last. A paragraph belongs to the innermost block
bookmark open on it (a zoom's inner blocks are inside the zoom's). Comment
ranges are placed the same way.
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from dataclasses import dataclass

from ..ooxml import Element, w

_P = w("p")
_START, _END = w("bookmarkStart"), w("bookmarkEnd")
_COMMENT_START = w("commentRangeStart")
_COMMENT_REFERENCE = w("commentReference")


@dataclass(frozen=True)
class Placed:
    paragraph: Element
    anchor: str | None
    """The innermost block bookmark on it; ``None`` outside every block."""
    last_anchor: str | None
    """The last block bookmark opened before or on it (for new paragraphs)."""


def placed_paragraphs(body: Element, anchors: Container[str]) -> Iterator[Placed]:
    opened: dict[str, str] = {}  # bookmark id → anchor, in opening order
    last: str | None = None
    for node in body.iter(_P, _START, _END):
        if node.tag == _START and node.get(w("name")) in anchors:
            opened[node.get(w("id"))] = last = node.get(w("name"))
        elif node.tag == _END:
            opened.pop(node.get(w("id")), None)
        elif node.tag == _P:
            inside = [s.get(w("name")) for s in node.iter(_START) if s.get(w("name")) in anchors]
            innermost = inside[-1] if inside else next(reversed(opened.values()), None)
            yield Placed(node, innermost, inside[-1] if inside else last)


def comment_anchors(body: Element, anchors: Container[str]) -> dict[str, str | None]:
    """Each comment's id → the block its range starts in (``None``: outside any).
    A range Word put after the block's bookmark end, in the block's last
    paragraph, is still on that block."""
    by_paragraph = {p.paragraph: p.anchor for p in placed_paragraphs(body, anchors)}
    found: dict[str, str | None] = {}
    opened: dict[str, str] = {}
    for node in body.iter(_START, _END, _COMMENT_START, _COMMENT_REFERENCE):
        if node.tag == _START and node.get(w("name")) in anchors:
            opened[node.get(w("id"))] = node.get(w("name"))
        elif node.tag == _END:
            opened.pop(node.get(w("id")), None)
        elif node.get(w("id")) not in found:
            paragraph = next(node.iterancestors(_P), None)
            inside = by_paragraph.get(paragraph) if paragraph is not None else None
            found[node.get(w("id"))] = next(reversed(opened.values()), inside)
    return found
