"""``relecture FICHIER.docx``: what a proofread Word file brings back, and applying it.

Without ``--appliquer`` nothing is written: each chapter's corrections are
printed as « avant → après » (the changed words highlighted in a terminal), with
the comments, the paragraphs typed in Word and what could not be placed. With
it, each chapter is changed through the store like any edit (role, lock,
validated rule, history). The exit code is 1 when something could not be placed.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

from ..core.errors import AuthoringError
from ..core.proofreading import TextChange, WordComment
from ..core.proofreading_import import (
    AppliedChapter,
    ChapterReview,
    ReviewedDocument,
    apply_review,
    review,
)
from ..core.roles import User, identify
from ..core.workspace import Workspace
from ..tui.word_diff import before_after
from .commands import OK, UNREADABLE, open_workspace
from .render import count_of, print_json

NOT_PLACED = 1


def cmd_relecture(args: argparse.Namespace, out: Console, err: Console) -> int:
    from ..export.proofread import read_proofread  # lxml and python-docx only when asked

    workspace = open_workspace(args)
    user = identify(workspace.report, getattr(args, "user", None))
    document = review(workspace, read_proofread(Path(args.fichier), workspace), user)
    applied = _apply(workspace, document, user) if args.appliquer else None
    if args.json:
        print_json(out, _as_json(document, applied))
    else:
        _print(out, document, applied)
    if applied is not None and document.refused and not applied:
        return UNREADABLE  # the user may change none of the chapters: nothing was written
    return NOT_PLACED if document.has_unplaced() or document.refused else OK


def _apply(workspace: Workspace, document: ReviewedDocument, user: User) -> list[AppliedChapter]:
    """Apply chapter by chapter; a chapter refused (role, lock, conflict) is said
    and the others still go through."""
    done: list[AppliedChapter] = []
    for chapter in document.chapters:
        if not chapter.decisions():
            continue
        try:
            done.append(apply_review(workspace, chapter, user))
        except AuthoringError as error:
            document.refused[chapter.chapter_id] = error.message
    return done


# -- Text ---------------------------------------------------------------------


def _print(out: Console, document: ReviewedDocument, applied: list[AppliedChapter] | None) -> None:
    count = len(document.chapters)
    out.print(
        Text(f"Relecture de « {document.source} » : {count_of(count, 'chapitre', 'chapitres')}.")
    )
    for chapter in document.chapters:
        _print_chapter(out, chapter)
    for chapter_id in document.missing_chapters:
        out.print(Text(f"\nChapitre « {chapter_id} » : absent de l’espace de travail.", "red"))
    if document.unplaced:
        out.print(Text("\nNon rattaché à un bloc :", "bold red"))
        for item in document.unplaced:
            out.print(Text(f"  • {item.description} — {item.reason}"))
    out.print()
    if applied is None:
        out.print(
            "Rien n’a été écrit. Pour enregistrer ces corrections et commentaires dans les "
            "chapitres : ajoutez --appliquer.",
            highlight=False,
        )
    else:
        _print_applied(out, document, applied)


def _print_chapter(out: Console, chapter: ChapterReview) -> None:
    out.print(Text(f"\n{chapter.title} ({chapter.chapter_id})", "bold"))
    if chapter.is_empty():
        out.print(Text("  Aucune correction ni commentaire nouveau."))
        return
    if chapter.changed_since_export:
        out.print(Text("  Le chapitre a changé depuis l’export.", "yellow"))
    if chapter.validated:
        out.print(
            Text("  Chapitre validé : ses corrections seront proposées en commentaire.", "yellow")
        )
    for placed in chapter.plan.applicable:
        _print_change(out, chapter, placed.change, "")
    for change in chapter.plan.proposed:
        _print_change(out, chapter, change, PROPOSED)
    for change in chapter.plan.missing:
        _print_change(out, chapter, change, MISSING)
    for paragraph in chapter.new_paragraphs:
        out.print(Text(f"  {chapter.place(paragraph)} : paragraphe ajouté dans Word"))
        out.print(Text(f"    « {paragraph.text} »", "green"))
    for comment in chapter.new_comments:
        _print_comment(out, chapter, comment, "commentaire")
    for comment in chapter.updated_comments:
        _print_comment(out, chapter, comment, "commentaire exporté, répondu ou résolu dans Word")
    for formatting in chapter.formatting:
        out.print(Text(f"  {formatting.description} {NO_FORMATTING}"))


NO_FORMATTING = "(non reprise : les chapitres n’ont pas de mise en forme)"
PROPOSED = " — le texte a changé depuis l’export : proposée en commentaire"
MISSING = " — introuvable : le bloc ou le champ n’existe plus"


def _print_change(out: Console, chapter: ChapterReview, change: TextChange, note: str) -> None:
    author = f" ({change.author})" if change.author else ""
    out.print(Text(f"  {chapter.place(change)}{author}{note}"))
    out.print(Text("    ").append(before_after(change.before, change.after)))


def _print_comment(out: Console, chapter: ChapterReview, comment: WordComment, what: str) -> None:
    state = " (résolu)" if comment.resolved else ""
    out.print(Text(f"  {chapter.place(comment)} : {what} de {comment.author}{state}"))
    out.print(Text(f"    « {comment.text} »"))
    for reply in comment.replies:
        out.print(Text(f"    ↳ {reply.author} : « {reply.text} »"))


def _print_applied(out: Console, document: ReviewedDocument, applied: list[AppliedChapter]) -> None:
    for outcome in applied:
        out.print(Text(f"Chapitre « {outcome.chapter_id} » : {outcome.summary()}."))
    for chapter_id, reason in document.refused.items():
        out.print(Text(f"Chapitre « {chapter_id} » : non modifié — {reason}", "red"))
    if not applied and not document.refused:
        out.print(
            "Rien à appliquer : les chapitres contiennent déjà tout ce que le document apporte."
        )


# -- JSON ---------------------------------------------------------------------


def _as_json(document: ReviewedDocument, applied: list[AppliedChapter] | None) -> dict[str, Any]:
    return {
        "fichier": document.source,
        "chapitres": [_chapter_json(chapter) for chapter in document.chapters],
        "chapitres_absents": document.missing_chapters,
        "non_rattaches": [
            {"description": u.description, "raison": u.reason} for u in document.unplaced
        ],
        "applique": None
        if applied is None
        else {
            "chapitres": [vars(outcome) for outcome in applied],
            "refuses": document.refused,
        },
    }


def _chapter_json(chapter: ChapterReview) -> dict[str, Any]:
    plan = chapter.plan
    changes = [
        *(_change_json(chapter, p.change, "applicable") for p in plan.applicable),
        *(_change_json(chapter, c, "proposee") for c in plan.proposed),
        *(_change_json(chapter, c, "introuvable") for c in plan.missing),
        *(_change_json(chapter, c, "deja_appliquee") for c in plan.done),
    ]
    return {
        "id": chapter.chapter_id,
        "titre": chapter.title,
        "modifie_depuis_export": chapter.changed_since_export,
        "valide": chapter.validated,
        "corrections": changes,
        "paragraphes_ajoutes": [
            {"apres_bloc": p.after_anchor, "texte": p.text, "auteur": p.author}
            for p in chapter.new_paragraphs
        ],
        "commentaires": [
            *(_comment_json(chapter, c, "nouveau") for c in chapter.new_comments),
            *(_comment_json(chapter, c, "mis_a_jour") for c in chapter.updated_comments),
        ],
        "mises_en_forme": [
            {"bloc": f.anchor, "description": f.description, "auteur": f.author}
            for f in chapter.formatting
        ],
    }


def _change_json(chapter: ChapterReview, change: TextChange, state: str) -> dict[str, Any]:
    return {
        "etat": state,
        "bloc": change.anchor,
        "champ": "/".join(str(step) for step in change.path),
        "endroit": chapter.place(change),
        "avant": change.before,
        "apres": change.after,
        "auteur": change.author,
        "date": change.date,
    }


def _comment_json(chapter: ChapterReview, comment: WordComment, state: str) -> dict[str, Any]:
    return {
        "etat": state,
        "bloc": comment.anchor,
        "endroit": chapter.place(comment),
        "auteur": comment.author,
        "date": comment.date,
        "texte": comment.text,
        "resolu": comment.resolved,
        "reponses": [
            {"auteur": r.author, "date": r.date, "texte": r.text} for r in comment.replies
        ],
    }
