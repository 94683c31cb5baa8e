"""Word comments read back: on which block, by whom, resolved or not, replies.

``word/comments.xml`` holds each comment's paragraphs; its range in the body
(``commentRangeStart``) tells the block. Word threads replies and marks a
comment done in ``commentsExtended.xml`` (``w15:paraIdParent``, ``w15:done``,
keyed by the ``w14:paraId`` of the comment's last paragraph). A comment the
export wrote is recognised by its text, which is the chapter comment's: its
``origin`` is that comment's :func:`comment_key`; the paragraphs the export
wrote for existing replies (« — Réponse de X… ») are not new replies.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ...core.proofreading import WordComment, WordReply, comment_key
from ..ooxml import Element, w
from .restore import key
from .typography import plain

_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
_W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
_EXPORTED_REPLY = "— Réponse de "


@dataclass(frozen=True)
class RawComment:
    number: str
    author: str
    date: str | None
    paragraphs: tuple[str, ...]
    para_id: str | None


def raw_comments(comments: Element | None) -> list[RawComment]:
    if comments is None:
        return []
    found = []
    for comment in comments.iter(w("comment")):
        paragraphs = comment.findall(w("p"))
        found.append(
            RawComment(
                str(comment.get(w("id"))),
                str(comment.get(w("author")) or ""),
                comment.get(w("date")),
                tuple(plain("".join(t.text or "" for t in p.iter(w("t")))) for p in paragraphs),
                paragraphs[-1].get(f"{{{_W14}}}paraId") if paragraphs else None,
            )
        )
    return found


def threads(extended: Element | None) -> tuple[dict[str, str], set[str]]:
    """Reply paraId → parent paraId, and the paraIds marked done."""
    parents: dict[str, str] = {}
    done: set[str] = set()
    if extended is None:
        return parents, done
    for entry in extended.iter(f"{{{_W15}}}commentEx"):
        para = str(entry.get(f"{{{_W15}}}paraId"))
        parent = entry.get(f"{{{_W15}}}paraIdParent")
        if parent:
            parents[para] = parent
        if entry.get(f"{{{_W15}}}done") == "1":
            done.add(para)
    return parents, done


def word_comments(
    raw: Sequence[RawComment],
    extended: Element | None,
    places: Mapping[str, tuple[str, str | None]],
    chapter_comments: Mapping[str, Sequence[Mapping[str, Any]]],
) -> list[WordComment]:
    """The comments with their replies; ``places`` maps a comment id to its
    (chapter id, block anchor)."""
    parents, done = threads(extended)
    by_para = {c.para_id: c for c in raw if c.para_id}
    replies: dict[str, list[WordReply]] = {}
    for comment in raw:
        parent = parents.get(comment.para_id or "")
        if parent is not None:
            replies.setdefault(parent, []).append(
                WordReply(comment.author, comment.date, "\n".join(comment.paragraphs))
            )
    found = []
    for comment in raw:
        if comment.para_id in parents or comment.number not in places:
            continue
        chapter_id, anchor = places[comment.number]
        text = "\n".join(p for p in comment.paragraphs if not p.startswith(_EXPORTED_REPLY))
        root = by_para.get(comment.para_id or "")
        found.append(
            WordComment(
                chapter_id,
                anchor,
                comment.author,
                comment.date,
                text,
                resolved=root is not None and comment.para_id in done,
                replies=tuple(replies.get(comment.para_id or "", ())),
                origin=_origin(text, chapter_comments.get(chapter_id, ())),
            )
        )
    return found


def _origin(text: str, known: Sequence[Mapping[str, Any]]) -> str | None:
    for comment in known:
        if key(str(comment.get("texte") or "")) == key(text):
            return comment_key(comment)
    return None
