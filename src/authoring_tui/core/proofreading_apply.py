"""Sorting what a proofread Word file brings back against the chapter as it is now.

The DGA may have edited a paragraph since the export: a correction made in Word
on the old text must then not overwrite the new one. Planning compares each
change's ``before`` with the field's current text; only an exact match is
applied, anything else is kept as a proposal for the DGA to judge.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .anchors import find_block
from .merge import value_at
from .patch import apply
from .proofreading import (
    FieldPath,
    NewParagraph,
    TextChange,
    WordComment,
    WordReply,
    as_field_text,
    comment_key,
    number_from_text,
)
from .report import Contributor
from .schema import Schema
from .yamlio import TimestampText


@dataclass(frozen=True)
class PlacedChange:
    """A change tied to the field it edits, from the chapter's root."""

    change: TextChange
    path: FieldPath


@dataclass
class ChapterPlan:
    """What planning decided for one chapter: changes to apply as they stand,
    changes whose field moved on since the export (to become a « Correction
    proposée » comment on their block), changes whose place is gone, and changes
    the chapter already holds (the same document brought back twice)."""

    chapter_id: str
    applicable: list[PlacedChange] = field(default_factory=list)
    proposed: list[TextChange] = field(default_factory=list)
    missing: list[TextChange] = field(default_factory=list)
    done: list[TextChange] = field(default_factory=list)


def plan_changes(
    schema: Schema, data: Any, chapter_id: str, changes: Iterable[TextChange]
) -> ChapterPlan:
    """Sort the document's changes to this chapter by what the chapter holds now."""
    plan = ChapterPlan(chapter_id)
    for change in changes:
        if change.chapter_id != chapter_id:
            continue
        path = field_path(schema, data, change)
        if path is None:
            plan.missing.append(change)
        elif as_field_text(value_at(data, path)) == change.before:
            plan.applicable.append(PlacedChange(change, path))
        elif as_field_text(value_at(data, path)) == change.after:
            plan.done.append(change)
        else:
            plan.proposed.append(change)
    return plan


def field_path(schema: Schema, data: Any, change: TextChange) -> FieldPath | None:
    """The field's path from the chapter's root, ``None`` when its block was deleted
    or the field no longer exists."""
    if change.anchor is None:
        base: FieldPath = ()
    else:
        found = find_block(schema, data, change.anchor)
        if found is None:
            return None
        base = found
    path = base + change.path
    return path if isinstance(as_field_text(value_at(data, path)), str) else None


@dataclass(frozen=True)
class Authorship:
    """Who a comment from Word is written by in the chapter: a team member under
    their login; anyone else (a name the team does not know, which the contract's
    ``auteur`` cannot hold) under the login of the user who brings the document
    back, the Word name kept at the start of the text."""

    contributors: Mapping[str, Contributor]
    user: str
    moment: str
    """When the document is brought back: the date of what Word left undated."""

    def login(self, name: str | None) -> str:
        wanted = (name or "").strip().casefold()
        for login, contributor in self.contributors.items():
            if wanted and wanted in (login.casefold(), contributor.nom.casefold()):
                return login
        return self.user

    def text(self, name: str | None, text: str) -> str:
        if not name or self.login(name) != self.user or self._is_user(name):
            return text
        return f"De {name.strip()}, dans Word — {text}"

    def date_of(self, word_date: str | None) -> TimestampText:
        """The moment to write for a Word date (now when Word gave none), plain
        in the YAML like the moments the application writes."""
        moment: TimestampText = TimestampText(word_moment(word_date) or self.moment)
        return moment

    def _is_user(self, name: str) -> bool:
        contributor = self.contributors.get(self.user)
        wanted = name.strip().casefold()
        return wanted == self.user.casefold() or (
            contributor is not None and wanted == contributor.nom.casefold()
        )


def word_moment(date: str | None) -> str | None:
    """A Word date (``2021-03-05T10:12:00Z``) as the contract writes moments: local
    date and time to the second, no zone (Word writes local time with a « Z »)."""
    found = _MOMENT.match(date or "")
    if found is None:
        return None
    return found.group("day") + (found.group("time") or "")


_MOMENT = re.compile(r"^(?P<day>\d{4}-\d{2}-\d{2})(?P<time>T\d{2}:\d{2}(:\d{2})?)?")


def merge_comment(comments: list[Any], comment: WordComment, authors: Authorship) -> bool:
    """Bring one Word comment into the chapter's list: a comment exported from the
    chapter (or brought back before) only gains its new replies and its
    resolution, a new one is added. Returns whether the list changed."""
    entry = new_chapter_comment(comment, authors)
    existing = next((c for c in comments if _same_comment(c, comment, entry)), None)
    if existing is None:
        comments.append(entry)
        return True
    changed = False
    known = {(r.get("auteur"), r.get("texte")) for r in existing.get("reponses") or []}
    for reply in comment.replies:
        answer = as_reply(reply, authors)
        if (answer["auteur"], answer["texte"]) not in known:
            existing.setdefault("reponses", []).append(answer)
            changed = True
    if comment.resolved and not existing.get("resolu"):
        existing["resolu"] = True
        changed = True
    return changed


def _same_comment(existing: Any, comment: WordComment, entry: Mapping[str, Any]) -> bool:
    if comment.origin is not None:
        return comment.origin == comment_key(existing)
    return all(existing.get(key) == entry.get(key) for key in ("bloc", "auteur", "texte"))


def new_chapter_comment(comment: WordComment, authors: Authorship) -> dict[str, Any]:
    """A Word comment in the chapter's own shape (contract v2)."""
    entry: dict[str, Any] = {}
    if comment.anchor is not None:
        entry["bloc"] = comment.anchor
    entry["auteur"] = authors.login(comment.author)
    entry["date"] = authors.date_of(comment.date)
    entry["texte"] = authors.text(comment.author, comment.text)
    entry["resolu"] = comment.resolved
    if comment.replies:
        entry["reponses"] = [as_reply(reply, authors) for reply in comment.replies]
    return entry


def as_reply(reply: WordReply, authors: Authorship) -> dict[str, Any]:
    entry: dict[str, Any] = {"auteur": authors.login(reply.author)}
    entry["date"] = authors.date_of(reply.date)
    entry["texte"] = authors.text(reply.author, reply.text)
    return entry


def apply_changes(data: Any, changes: Iterable[PlacedChange]) -> None:
    """Write the accepted changes into a round-trip chapter as the editor does
    (``core.patch``: a folded paragraph keeps its folds around the change), so
    that saving changes only the lines of those fields."""
    for placed in changes:
        parent = value_at(data, placed.path[:-1])
        old = parent[placed.path[-1]]
        new = placed.change.after
        if isinstance(old, str):
            parent[placed.path[-1]] = apply(old, new)
        else:  # a number: a number again when the proofreader wrote one
            number = number_from_text(new)
            parent[placed.path[-1]] = new if number is None else number


def proposal_comment(change: TextChange, authors: Authorship) -> dict[str, Any]:
    """A change whose text moved on since the export, kept as a comment on its
    block: the DGA's current text stays, the proofreader's word is not lost."""
    return _suggestion(change.anchor, change.author, change.date, PROPOSED + change.after, authors)


def paragraph_comment(
    paragraph: NewParagraph, anchor: str | None, authors: Authorship, inserted: bool
) -> dict[str, Any]:
    """The flag on a paragraph typed in Word: on the new block (``anchor``) for the
    DGA to check, or on the block before it when it could not be inserted."""
    text = (ADDED if inserted else PROPOSED_PARAGRAPH) + paragraph.text
    return _suggestion(anchor, paragraph.author, paragraph.date, text, authors)


PROPOSED = "Correction proposée\u00a0: "
ADDED = "Paragraphe ajouté dans Word, à vérifier\u00a0: "
PROPOSED_PARAGRAPH = "Paragraphe proposé dans Word\u00a0: "


def _suggestion(
    anchor: str | None, author: str | None, date: str | None, text: str, authors: Authorship
) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    if anchor is not None:
        entry["bloc"] = anchor
    entry["auteur"] = authors.login(author)
    entry["date"] = authors.date_of(date)
    entry["texte"] = authors.text(author, text)
    entry["resolu"] = False
    return entry
