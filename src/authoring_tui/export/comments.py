"""Unresolved proofreading comments as real Word comments on their target's text.

A comment's ``cible`` is a path inside the chapter (``sections/0/blocs/2``). The
renderers remembered which runs show each path; the comment is anchored on the
runs of its target, or of the nearest enclosing element the document shows (a
path into a list item falls back on the list, an unknown one on the chapter's
heading). The author is the reviewer's name from the report's team when known.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from docx.document import Document
from docx.text.run import Run

from ..core.report import Report
from .context import ChapterContext, DataPath


def open_comments(data: Any) -> list[tuple[int, Mapping[str, Any]]]:
    comments = data.get("commentaires") if isinstance(data, Mapping) else None
    if not isinstance(comments, list):
        return []
    return [
        (index, comment)
        for index, comment in enumerate(comments)
        if isinstance(comment, Mapping) and not comment.get("resolu", False)
    ]


def target_path(cible: Any) -> DataPath:
    parts = [part for part in str(cible or "").strip("/").split("/") if part]
    return tuple(int(part) if part.isdigit() else part for part in parts)


def add_comments(document: Document, ctx: ChapterContext, report: Report) -> int:
    """Attach every open comment of the chapter; returns how many were attached."""
    attached = 0
    for index, comment in open_comments(ctx.data):
        path = target_path(comment.get("cible"))
        while path and path not in ctx.anchors:
            path = path[:-1]
        anchor = ctx.anchors.get(path)
        if anchor is None:
            continue  # the chapter heading is always anchored; this cannot happen
        first, last = anchor
        login = str(comment.get("auteur") or "")
        contributor = report.contributeurs.get(login)
        author = contributor.nom if contributor else login or "Relecture"
        text = ctx.text(comment.get("texte") or "", ("commentaires", index, "texte"))
        word_comment = document.add_comment(
            [Run(first, None), Run(last, None)],  # type: ignore[arg-type]
            text=text,
            author=author,
            initials=_initials(author),
        )
        word_comment._comment_elm.date = _moment(comment.get("date"))
        attached += 1
    return attached


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.replace("-", " ").split()[:3]).upper()


def _moment(value: Any) -> datetime.datetime:
    """The comment's date, at midnight UTC (a fixed time keeps exports reproducible).

    The date is the text typed (``2021-03-02``); one that is no date (the schema's
    ``format: date`` reports it) gets Word's earliest usual date rather than
    stopping the export.
    """
    try:
        day = datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        day = datetime.date(1980, 1, 1)
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)
