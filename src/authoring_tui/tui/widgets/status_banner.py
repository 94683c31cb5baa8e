"""The line above the editor's body that says why the chapter is as it is: the
secrétariat's request when it is « À reprendre », who validated it and how to
reopen it when it is « Validé ». Hidden otherwise."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual.widgets import Static

from ...core.dates import spoken_moment
from ...core.roles import Role, identify
from .. import strings as S
from ..session import ChapterSession


class StatusBanner(Static):
    """Given the session after each change (the text is the file's: no markup)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("", markup=False, **kwargs)
        self.display = False

    def show_for(self, session: ChapterSession) -> None:
        text = banner_text(session)
        self.set_class(session.validated, "validated")
        self.update(text)
        self.display = bool(text)


def banner_text(session: ChapterSession) -> str:
    if session.validated:
        return _validated(session)
    if session.statut == "a_reprendre":
        return _rework(session)
    return ""


def _validated(session: ChapterSession) -> str:
    line = session.status_line("valide")
    if line is None:
        return S.VALIDATED_BANNER_UNKNOWN
    template = (
        S.VALIDATED_BANNER_SECRETARIAT
        if session.user.role is Role.SECRETARIAT
        else S.VALIDATED_BANNER
    )
    return template.format(moment=spoken_moment(line.get("le")), who=_name(session, line))


def _rework(session: ChapterSession) -> str:
    line = session.status_line("a_reprendre")
    if line is None or not str(line.get("message") or "").strip():
        return ""
    return S.REWORK_REQUESTED.format(
        who=_name(session, line),
        moment=spoken_moment(line.get("le")),
        message=" ".join(str(line["message"]).split()),
    )


def _name(session: ChapterSession, line: Mapping[str, Any]) -> str:
    """The person's name from report.yaml (their login when it has none)."""
    return identify(session.workspace.report, str(line.get("par") or "")).nom
