"""The top line of every screen: the report, and who is using the tool in which role.

No clock: the header must read the same in every screenshot and snapshot.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from ...core.roles import Role, User
from .. import strings as S


def role_label(user: User, chapters_written: int) -> str:
    """« Secrétariat de rédaction », « contributeur de 2 chapitre(s) » or « Lecteur »."""
    if user.role is Role.CONTRIBUTEUR:
        return S.ROLE_OF_CHAPTERS.format(count=chapters_written)
    return user.role.title


class AppHeader(Horizontal):
    """Report title on the left, user and role on the right."""

    def __init__(self, title: str, user: User, role: str) -> None:
        super().__init__(id="app-header")
        self._title = title
        self._user = user
        self._user_line = S.HEADER_USER.format(label=user.label, role=role)

    def compose(self) -> ComposeResult:
        yield Static(self._title, id="app-header-title", markup=False)
        yield Static(self._user_line, id="app-header-user", markup=False)

    def update_title(self, title: str) -> None:
        """The editor's header when the screen shows another chapter."""
        self._title = title
        if self.is_mounted:
            self.query_one("#app-header-title", Static).update(title)

    def update_role(self, role: str) -> None:
        """The contributor's chapter count is known once the chapters are read."""
        self._user_line = S.HEADER_USER.format(label=self._user.label, role=role)
        if self.is_mounted:
            self.query_one("#app-header-user", Static).update(self._user_line)
