"""Who may do what, from ``report.yaml``'s ``equipe`` and each chapter's ``redacteurs``.

- the secrétariat de rédaction edits every chapter, comments, and sets any status;
- a contributor edits the chapters that list their login in ``redacteurs``,
  submits them for review (``a_relire``) and reopens them once validated
  (``brouillon``, which unlocks editing); they may mark comments on them resolved;
- anyone else reads.

This guards against mistakes, not against people: the file-system permissions of
the shared folder are the security boundary (see docs/securite.md).
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from .errors import AuthoringError
from .report import Report


class Role(Enum):
    SECRETARIAT = "secretariat"
    CONTRIBUTEUR = "contributeur"
    LECTEUR = "lecteur"

    @property
    def title(self) -> str:
        return {
            Role.SECRETARIAT: "Secrétariat de rédaction",
            Role.CONTRIBUTEUR: "Contributeur",
            Role.LECTEUR: "Lecteur",
        }[self]


class PermissionDenied(AuthoringError):
    """An action the user's role does not allow, explained in French."""


@dataclass(frozen=True)
class User:
    login: str
    nom: str
    role: Role
    dga: str = ""

    @property
    def label(self) -> str:
        return f"{self.nom} ({self.login})" if self.nom != self.login else self.login


def current_login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER", "inconnu")


def identify(report: Report, login: str | None = None) -> User:
    """The user for ``login`` (default: the OS login) and the role the report gives."""
    login = login or current_login()
    contributor = report.contributeurs.get(login)
    nom = contributor.nom if contributor else login
    dga = contributor.dga if contributor else ""
    if login in report.secretariat:
        return User(login, nom, Role.SECRETARIAT, dga)
    if contributor is not None:
        return User(login, nom, Role.CONTRIBUTEUR, dga)
    return User(login, nom, Role.LECTEUR, dga)


def writers_of(chapter: Mapping[str, Any]) -> list[str]:
    redacteurs = chapter.get("redacteurs") or []
    return [str(login) for login in redacteurs] if isinstance(redacteurs, list) else []


def can_edit(user: User, chapter: Mapping[str, Any]) -> bool:
    if user.role is Role.SECRETARIAT:
        return True
    return user.role is Role.CONTRIBUTEUR and user.login in writers_of(chapter)


def can_comment(user: User) -> bool:
    return user.role is Role.SECRETARIAT


def allowed_statuses(user: User, chapter: Mapping[str, Any]) -> list[str]:
    """The statuses ``user`` may move ``chapter`` to, from where it stands."""
    current = chapter.get("statut")
    if user.role is Role.SECRETARIAT:
        return [s for s in ("brouillon", "a_relire", "a_reprendre", "valide") if s != current]
    if can_edit(user, chapter) and current in ("brouillon", "a_reprendre", None):
        return ["a_relire"]
    if can_edit(user, chapter) and current == "valide":
        return ["brouillon"]  # « Rouvrir »: the one way to change a validated chapter
    return []


def check_can_edit(user: User, chapter: Mapping[str, Any], chapter_id: str) -> None:
    if not can_edit(user, chapter):
        writers = ", ".join(writers_of(chapter)) or "aucun"
        raise PermissionDenied(
            f"{user.label} ({user.role.title.lower()}) ne peut pas modifier le chapitre "
            f"« {chapter_id} » : seuls ses rédacteurs ({writers}) et le secrétariat de "
            "rédaction le peuvent."
        )
