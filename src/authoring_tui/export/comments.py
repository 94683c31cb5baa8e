"""Unresolved proofreading comments as real Word comments on their block's text.

A comment names its block by anchor (``bloc: k3v9qa``, contract v2); the
renderers remembered where each anchored block is and which runs show each
path, so the comment is anchored on its block's runs wherever the block moved.
A v1 comment's ``cible`` (a path, ``sections/0/blocs/2``) is still read: it is
anchored on the runs of that path or of the nearest enclosing element shown (a
path into a list item falls back on the list, an unknown one on the chapter's
heading). A comment without either is on the chapter (its heading); one whose
block no longer exists stays there too, its text starting with « [bloc
supprimé] ». Replies (``reponses``) follow the comment's text as paragraphs of
the same Word comment, « — Réponse de X, le 3 mars 2021 à 10 h 12 : … »
(python-docx has no API for threaded replies, which need the
``commentsExtended`` part). The author is the reviewer's name from the report's
team when known.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from docx.comments import Comment
from docx.document import Document
from docx.oxml.ns import qn
from docx.oxml.simpletypes import ST_DateTime
from docx.text.run import Run

from ..core.anchors import parse_target
from ..core.dates import spoken_moment
from ..core.report import Report
from .context import NBSP, ChapterContext, DataPath


def open_comments(data: Any) -> list[tuple[int, Mapping[str, Any]]]:
    comments = data.get("commentaires") if isinstance(data, Mapping) else None
    if not isinstance(comments, list):
        return []
    return [
        (index, comment)
        for index, comment in enumerate(comments)
        if isinstance(comment, Mapping) and not comment.get("resolu", False)
    ]


def add_comments(document: Document, ctx: ChapterContext, report: Report) -> int:
    """Attach every open comment of the chapter; returns how many were attached."""
    attached = 0
    for index, comment in open_comments(ctx.data):
        path, deleted = _target(ctx, comment)
        while path and path not in ctx.anchors:
            path = path[:-1]
        anchor = ctx.anchors.get(path)
        if anchor is None:
            continue  # the chapter heading is always anchored; this cannot happen
        first, last = anchor
        author = _name(report, comment.get("auteur"))
        text = ctx.text(comment.get("texte") or "", ("commentaires", index, "texte"))
        word_comment = document.add_comment(
            [Run(first, None), Run(last, None)],  # type: ignore[arg-type]
            text=f"{DELETED_BLOCK} {text}" if deleted else text,
            author=author,
            initials=_initials(author),
        )
        _set_date(word_comment, _moment(comment.get("date")))
        for number, answer in enumerate(_replies(comment)):
            where = ("commentaires", index, "reponses", number, "texte")
            word_comment.add_paragraph(_reply_text(ctx, report, answer, where))
        start, end = ctx.todo_bookmark(f"Commentaire de {author}{NBSP}: {_excerpt(text)}")
        first.addprevious(start)
        first.addnext(end)
        attached += 1
    return attached


DELETED_BLOCK = "[bloc supprimé]"
EXCERPT = 80
"""Characters of a comment's text the « À faire » list shows."""


def _set_date(word_comment: Comment, moment: datetime.datetime) -> None:
    """python-docx dates a new comment « now » and offers no setter: the comment
    is found by id in its part's XML (public API) and given the chapter's date."""
    comment_id = str(word_comment.comment_id)
    for element in word_comment.part.element.iter(qn("w:comment")):
        if element.get(qn("w:id")) == comment_id:
            element.set(qn("w:date"), ST_DateTime.convert_to_xml(moment))


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def _target(ctx: ChapterContext, comment: Mapping[str, Any]) -> tuple[DataPath, bool]:
    """The path the comment is on, and whether its block was deleted."""
    anchor = comment.get("bloc")
    if anchor:
        path = ctx.blocks.get(str(anchor))
        return ((), True) if path is None else (path, False)
    return parse_target(comment.get("cible")), False


def _name(report: Report, login: Any) -> str:
    login = str(login or "")
    contributor = report.contributeurs.get(login)
    return contributor.nom if contributor else login or "Relecture"


def _replies(comment: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    answers = comment.get("reponses")
    if not isinstance(answers, list):
        return []
    return [answer for answer in answers if isinstance(answer, Mapping)]


def _reply_text(
    ctx: ChapterContext, report: Report, answer: Mapping[str, Any], path: DataPath
) -> str:
    when = spoken_moment(answer.get("date"))
    said = f", le {when}" if when else ""
    text = ctx.text(answer.get("texte") or "", path)
    return f"— Réponse de {_name(report, answer.get('auteur'))}{said} : {text}"


DATE_LENGTH = len("2021-03-03")


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.replace("-", " ").split()[:3]).upper()


def _moment(value: Any) -> datetime.datetime:
    """The comment's date and time as written (midnight for a date alone), in UTC
    so that exports are reproducible.

    One that is no date (the schema reports it) gets Word's earliest usual date
    rather than stopping the export.
    """
    try:
        moment = datetime.datetime.fromisoformat(str(value))
    except ValueError:
        moment = datetime.datetime(1980, 1, 1)
    return moment.replace(tzinfo=datetime.UTC)
