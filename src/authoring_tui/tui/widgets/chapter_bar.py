"""The editor's second line: chapter, status, completeness, errors, comments, saved or not."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...core import review
from ...core.status import STATUS_TITLES
from .. import strings as S
from ..session import ChapterSession
from .completeness import completeness_bar


class ChapterBar(Static):
    """Re-rendered after each revalidation and each save."""

    def show(self, session: ChapterSession, theme: dict[str, str]) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(session.title(), style="bold")
        text.append(f" · {STATUS_TITLES.get(session.statut, session.statut)} · ")
        text.append_text(
            completeness_bar(
                session.completeness.percent,
                width=8,
                style=theme.get("success" if not session.issues else "warning", ""),
            )
        )
        errors = len(session.issues)
        text.append(" · ")
        text.append(
            S.ERRORS_COUNT.format(count=errors) if errors else S.NO_ERRORS,
            style=f"bold {theme.get('error', '')}" if errors else "",
        )
        comments = len(review.open_comments(session.data))
        if comments:
            text.append(" · " + S.OPEN_COMMENTS.format(count=comments))
        text.append(" · ")
        if not session.editable:
            text.append(S.READ_ONLY, style="italic")
        elif session.dirty:
            text.append(S.MODIFIED, style=f"bold {theme.get('warning', '')}")
        else:
            text.append(S.SAVED, style=theme.get("success", ""))
        self.update(text)
