"""Bringing a proofread Word file back into the chapters, chapter by chapter.

Two steps, so that a person can look before anything is written: ``review``
sorts what the document carries against each chapter as it stands (nothing is
written, no lock is taken); ``apply_review`` then writes what was accepted,
through ``edit_chapter`` like any other change: the user's role, the chapter's
lock, the validated rule, history and the conflict check of the store.

A correction made on text the DGA changed since the export is never applied:
it becomes a « Correction proposée » comment on its block. So does every
correction to a validated chapter, whose content only changes once reopened:
the proofreader's words are kept, the validation is not broken behind anyone's
back. Bringing the same document back twice adds nothing the second time.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .anchors import find_block, renew_inserted
from .editing import edit_chapter
from .field_roles import VALIDATED
from .fingerprint import content_digest
from .merge import value_at
from .proofreading import (
    FieldPath,
    FormattingChange,
    NewParagraph,
    ProofreadDocument,
    TextChange,
    Unplaced,
    WordComment,
    comment_key,
)
from .proofreading_apply import (
    Authorship,
    ChapterPlan,
    apply_changes,
    field_path,
    merge_comment,
    paragraph_comment,
    plan_changes,
    proposal_comment,
)
from .roles import User
from .schema import Schema
from .validation import describe_path
from .workspace import Workspace

Decision = TextChange | NewParagraph | WordComment
"""What a reviewer accepts or rejects, one by one."""


@dataclass
class ChapterReview:
    """What the document brings to one chapter, sorted against the chapter now."""

    chapter_id: str
    title: str
    changed_since_export: bool
    validated: bool
    plan: ChapterPlan
    new_comments: list[WordComment] = field(default_factory=list)
    updated_comments: list[WordComment] = field(default_factory=list)
    new_paragraphs: list[NewParagraph] = field(default_factory=list)
    formatting: list[FormattingChange] = field(default_factory=list)
    places: dict[object, str] = field(default_factory=dict)
    """Where each item is, in the editor's words (« Section 2 › Bloc 3 › Texte »)."""

    def place(self, item: object) -> str:
        return self.places.get(item, WHOLE_CHAPTER)

    def decisions(self) -> list[Decision]:
        """Everything a reviewer may accept or reject, in the order it is shown."""
        changes: list[Decision] = [placed.change for placed in self.plan.applicable]
        return [
            *changes,
            *self.plan.proposed,
            *self.new_paragraphs,
            *self.new_comments,
            *self.updated_comments,
        ]

    def is_empty(self) -> bool:
        return not (self.decisions() or self.plan.missing or self.formatting)


@dataclass
class ReviewedDocument:
    source: str
    chapters: list[ChapterReview]
    unplaced: list[Unplaced]
    missing_chapters: list[str]
    """Chapters the document was exported from that the workspace no longer has."""
    refused: dict[str, str] = field(default_factory=dict)
    """Chapters the apply step could not change (role, lock, conflict), with why."""

    def has_unplaced(self) -> bool:
        """Whether something read could not be tied to its place (exit code 1)."""
        return bool(
            self.unplaced or self.missing_chapters or any(c.plan.missing for c in self.chapters)
        )


@dataclass
class AppliedChapter:
    """What ``apply_review`` wrote into one chapter."""

    chapter_id: str
    applied: int = 0
    proposed: int = 0
    paragraphs: int = 0
    comments_added: int = 0
    comments_updated: int = 0

    def counts(self) -> list[tuple[int, str, str]]:
        return [
            (self.applied, "correction appliquée", "corrections appliquées"),
            (self.proposed, "correction proposée", "corrections proposées"),
            (self.paragraphs, "paragraphe ajouté", "paragraphes ajoutés"),
            (self.comments_added, "commentaire ajouté", "commentaires ajoutés"),
            (self.comments_updated, "commentaire mis à jour", "commentaires mis à jour"),
        ]

    def wrote_anything(self) -> bool:
        return any(number for number, _, _ in self.counts())

    def summary(self) -> str:
        """« 1 correction appliquée, 2 commentaires ajoutés » (what is not zero)."""
        if not self.wrote_anything():
            return "rien de nouveau, le fichier n’a pas été réécrit"
        return ", ".join(f"{n} {one if n < 2 else many}" for n, one, many in self.counts() if n)


def review(workspace: Workspace, document: ProofreadDocument, user: User) -> ReviewedDocument:
    """Sort the document against the chapters as they stand; nothing is written."""
    authors = Authorship(workspace.report.contributeurs, user.login, _now())
    chapters: list[ChapterReview] = []
    missing: list[str] = []
    for chapter_id, digest in document.exported_digests.items():
        if not workspace.store.exists(chapter_id):
            missing.append(chapter_id)
            continue
        chapters.append(_chapter_review(workspace, document, chapter_id, digest, authors))
    return ReviewedDocument(document.source, chapters, list(document.unplaced), missing)


def _chapter_review(
    workspace: Workspace,
    document: ProofreadDocument,
    chapter_id: str,
    digest: str,
    authors: Authorship,
) -> ChapterReview:
    data = workspace.store.load(chapter_id, round_trip=False).data  # read, never written here
    schema = workspace.schema_for(chapter_id)
    mine = [c for c in document.comments if c.chapter_id == chapter_id]
    known = list(data.get("commentaires") or [])
    keys = {comment_key(c) for c in known}
    found = ChapterReview(
        chapter_id,
        _title(data, chapter_id),
        content_digest(data) != digest,
        data.get("statut") == VALIDATED,
        plan_changes(schema, data, chapter_id, document.changes),
        new_paragraphs=[
            p
            for p in document.new_paragraphs
            if p.chapter_id == chapter_id and not _already_inserted(schema, data, p)
        ],
        formatting=[f for f in document.formatting if f.chapter_id == chapter_id],
    )
    for comment in mine:
        if merge_comment(copy.deepcopy(known), comment, authors):
            exported = comment.origin is not None and comment.origin in keys
            (found.updated_comments if exported else found.new_comments).append(comment)
    found.places = _places(schema, data, found)
    return found


WHOLE_CHAPTER = "Chapitre"


def _places(schema: Schema, data: Any, found: ChapterReview) -> dict[object, str]:
    places: dict[object, str] = {}
    plan = found.plan
    for change in [p.change for p in plan.applicable] + plan.proposed + plan.missing + plan.done:
        path = field_path(schema, data, change)
        places[change] = _block_place(schema, data, change.anchor, path)
    for paragraph in found.new_paragraphs:
        after = _block_place(schema, data, paragraph.after_anchor)
        places[paragraph] = f"Après « {after} »"
    for comment in found.new_comments + found.updated_comments:
        places[comment] = _block_place(schema, data, comment.anchor)
    return places


def _block_place(
    schema: Schema, data: Any, anchor: str | None, path: FieldPath | None = None
) -> str:
    if path is None and anchor is not None:
        path = find_block(schema, data, anchor)
        if path is None:
            return f"Bloc supprimé depuis l’export ({anchor})"
    return describe_path(schema, data, path) if path else WHOLE_CHAPTER


def _already_inserted(schema: Schema, data: Any, paragraph: NewParagraph) -> bool:
    """Whether the block after ``after_anchor`` is already this paragraph."""
    path = find_block(schema, data, paragraph.after_anchor) if paragraph.after_anchor else None
    if path is None:
        return False
    siblings = value_at(data, path[:-1])
    index = path[-1]
    if not isinstance(index, int) or index + 1 >= len(siblings):
        return False
    following = siblings[index + 1]
    return bool(following.get("type") == "paragraphe" and following.get("texte") == paragraph.text)


def apply_review(
    workspace: Workspace,
    chapter: ChapterReview,
    user: User,
    accepted: Collection[Decision] | None = None,
) -> AppliedChapter:
    """Write what was accepted (everything when ``accepted`` is ``None``) into the
    chapter, under its lock, judged against the chapter as it is when locked."""
    wanted = chapter.decisions() if accepted is None else list(accepted)
    authors = Authorship(workspace.report.contributeurs, user.login, _now())
    outcome = AppliedChapter(chapter.chapter_id)
    with edit_chapter(workspace, chapter.chapter_id, user) as opened:
        data = opened.data
        schema = workspace.schema_for(chapter.chapter_id)
        changes = [d for d in wanted if isinstance(d, TextChange)]
        plan = plan_changes(schema, data, chapter.chapter_id, changes)
        validated = data.get("statut") == VALIDATED
        comments = _comment_list(data)
        proposals = plan.proposed + ([p.change for p in plan.applicable] if validated else [])
        if not validated:
            apply_changes(data, plan.applicable)
            outcome.applied = len(plan.applicable)
        for change in proposals:
            outcome.proposed += _add_once(comments, proposal_comment(change, authors))
        for paragraph in (d for d in wanted if isinstance(d, NewParagraph)):
            outcome.paragraphs += _insert_paragraph(
                schema, data, comments, paragraph, authors, validated
            )
        for comment in (d for d in wanted if isinstance(d, WordComment)):
            new = comment.origin is None
            if merge_comment(comments, comment, authors):
                outcome.comments_added += new
                outcome.comments_updated += not new
    return outcome


def _insert_paragraph(
    schema: Schema,
    data: Any,
    comments: list[Any],
    paragraph: NewParagraph,
    authors: Authorship,
    validated: bool,
) -> int:
    """A new ``paragraphe`` block after the one the paragraph followed in Word,
    flagged by a comment; only the comment for a validated chapter."""
    if _already_inserted(schema, data, paragraph) or paragraph.after_anchor is None:
        return 0
    path = find_block(schema, data, paragraph.after_anchor)
    if path is None or validated or not isinstance(path[-1], int):
        flag = paragraph_comment(paragraph, paragraph.after_anchor, authors, inserted=False)
        return _add_once(comments, flag)
    siblings = value_at(data, path[:-1])
    siblings.insert(path[-1] + 1, {"type": "paragraphe", "texte": paragraph.text})
    new_path = (*path[:-1], path[-1] + 1)
    renew_inserted(schema, data, new_path)
    anchor = str(siblings[path[-1] + 1]["ancre"])
    comments.append(paragraph_comment(paragraph, anchor, authors, inserted=True))
    return 1


def _add_once(comments: list[Any], entry: Mapping[str, Any]) -> int:
    """Add a comment the tool writes unless the same one is already there."""
    keys = ("bloc", "auteur", "texte")
    if any(all(c.get(k) == entry.get(k) for k in keys) for c in comments):
        return 0
    comments.append(entry)
    return 1


def _comment_list(data: Any) -> list[Any]:
    if not isinstance(data.get("commentaires"), list):
        data["commentaires"] = []
    comments: list[Any] = data["commentaires"]
    return comments


def _title(data: Any, chapter_id: str) -> str:
    numero = str(data.get("numero") or "")
    titre = str(data.get("titre") or chapter_id)
    return f"{numero} — {titre}" if numero else titre


def _now() -> str:
    return datetime.datetime.now().replace(microsecond=0).isoformat()


def chapters_touched(document: ReviewedDocument) -> Iterable[ChapterReview]:
    return (c for c in document.chapters if not c.is_empty())


__all__ = [
    "AppliedChapter",
    "ChapterReview",
    "Decision",
    "ReviewedDocument",
    "apply_review",
    "chapters_touched",
    "review",
]
