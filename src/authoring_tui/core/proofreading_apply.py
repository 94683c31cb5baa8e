"""Sorting what a proofread Word file brings back against the chapter as it is now.

The DGA may have edited a paragraph since the export: a correction made in Word
on the old text must then not overwrite the new one. Planning compares each
change's ``before`` with the field's current text; only an exact match is
applied, anything else is kept as a proposal for the DGA to judge.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .anchors import find_block
from .merge import value_at
from .patch import apply
from .proofreading import FieldPath, TextChange, WordComment, WordReply, comment_key
from .report import Contributor
from .schema import Schema


@dataclass(frozen=True)
class PlacedChange:
    """A change tied to the field it edits, from the chapter's root."""

    change: TextChange
    path: FieldPath


@dataclass
class ChapterPlan:
    """What planning decided for one chapter: changes to apply as they stand,
    changes whose field moved on since the export (to become a « Correction
    proposée » comment on their block) and changes whose place is gone."""

    chapter_id: str
    applicable: list[PlacedChange] = field(default_factory=list)
    proposed: list[TextChange] = field(default_factory=list)
    missing: list[TextChange] = field(default_factory=list)


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
        elif value_at(data, path) == change.before:
            plan.applicable.append(PlacedChange(change, path))
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
    return path if isinstance(value_at(data, path), str) else None


def author_login(contributors: Mapping[str, Contributor], name: str) -> str:
    """The team login of a Word author when their name is the team's, so that a
    proofreader's comment reads like one made in the app; the name as is otherwise."""
    wanted = name.strip().casefold()
    for login, contributor in contributors.items():
        if wanted in (login.casefold(), contributor.nom.casefold()):
            return login
    return name


def merge_comment(
    comments: list[Any], comment: WordComment, contributors: Mapping[str, Contributor]
) -> None:
    """Bring one Word comment into the chapter's list: a comment exported from the
    chapter only gains its new replies and its resolution, a new one is added."""
    existing = next((c for c in comments if comment.origin == comment_key(c)), None)
    if existing is None:
        comments.append(new_chapter_comment(comment, contributors))
        return
    known = {(r.get("auteur"), r.get("texte")) for r in existing.get("reponses") or []}
    for reply in comment.replies:
        entry = as_reply(reply, contributors)
        if (entry["auteur"], entry["texte"]) not in known:
            existing.setdefault("reponses", []).append(entry)
    if comment.resolved:
        existing["resolu"] = True


def new_chapter_comment(
    comment: WordComment, contributors: Mapping[str, Contributor]
) -> dict[str, Any]:
    """A Word comment in the chapter's own shape (contract v2)."""
    entry: dict[str, Any] = {"auteur": author_login(contributors, comment.author)}
    if comment.anchor is not None:
        entry["bloc"] = comment.anchor
    if comment.date:
        entry["date"] = comment.date
    entry["texte"] = comment.text
    entry["resolu"] = comment.resolved
    if comment.replies:
        entry["reponses"] = [as_reply(reply, contributors) for reply in comment.replies]
    return entry


def as_reply(reply: WordReply, contributors: Mapping[str, Contributor]) -> dict[str, Any]:
    entry: dict[str, Any] = {"auteur": author_login(contributors, reply.author)}
    if reply.date:
        entry["date"] = reply.date
    entry["texte"] = reply.text
    return entry


def apply_changes(data: Any, changes: Iterable[PlacedChange]) -> None:
    """Write the accepted changes into a round-trip chapter as the editor does
    (``core.patch``: a folded paragraph keeps its folds around the change), so
    that saving changes only the lines of those fields."""
    for placed in changes:
        parent = value_at(data, placed.path[:-1])
        old = parent[placed.path[-1]]
        parent[placed.path[-1]] = apply(old, placed.change.after)


def proposal_comment(
    change: TextChange, contributors: Mapping[str, Contributor], user: str, today: str
) -> dict[str, Any]:
    """A change whose text moved on since the export, kept as a comment on its
    block: the DGA's current text stays, the proofreader's word is not lost."""
    entry: dict[str, Any] = {"auteur": author_login(contributors, change.author or user)}
    if change.anchor is not None:
        entry["bloc"] = change.anchor
    entry["date"] = change.date or today
    entry["texte"] = f"Correction proposée\u00a0: {change.after}"
    entry["resolu"] = False
    return entry
