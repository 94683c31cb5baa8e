"""The commands that change a chapter: ``statut`` and ``historique --restaurer``.

They obey the rules of the application: the user's role (``--user``, default
the OS login) and the chapter's edit lock, held for the time of the change; the
save itself refuses to overwrite a file changed on disk since it was read.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..core.field_roles import keep_protected
from ..core.review import STATUS_TITLES, change_status
from ..core.roles import Role, User, check_can_edit, identify
from ..core.store import Chapter
from ..core.workspace import Workspace
from .commands import OK, open_workspace


@contextmanager
def editing(workspace: Workspace, chapter_id: str, user: User) -> Iterator[Chapter]:
    """Check the role, lock, load, yield for the change, save, unlock.

    Nothing is written, not even a lock file, for a user who may not edit.
    """
    check_can_edit(user, workspace.store.load(chapter_id, round_trip=False).data, chapter_id)
    lock = workspace.lock(chapter_id)
    lock.acquire(user)
    try:
        chapter = workspace.store.load(chapter_id)
        yield chapter
        workspace.store.save(chapter, login=user.login)
    finally:
        lock.release()


def _user(args: argparse.Namespace, workspace: Workspace) -> User:
    return identify(workspace.report, getattr(args, "user", None))


def cmd_statut(args: argparse.Namespace, out: Console, err: Console) -> int:
    workspace = open_workspace(args)
    user = _user(args, workspace)
    with editing(workspace, args.id, user) as chapter:
        before = str(chapter.data.get("statut"))
        change_status(chapter.data, args.statut, user)
    out.print(
        f"Chapitre « {args.id} » : {STATUS_TITLES.get(before, before)} → "
        f"{STATUS_TITLES[args.statut]} (par {user.label}).",
        markup=False,  # the old status and the user's name come from files
        highlight=False,
    )
    return OK


def cmd_historique(args: argparse.Namespace, out: Console, err: Console) -> int:
    workspace = open_workspace(args)
    history = workspace.store.history
    if args.restaurer is None:
        workspace.store.path_for(args.id)
        out.print(_versions_table(workspace, args.id))
        return OK
    user = _user(args, workspace)
    number = args.restaurer
    history.version(args.id, number)  # a missing version is refused before any lock
    with editing(workspace, args.id, user) as chapter:
        current = chapter.data
        workspace.store.restore_version(chapter, number)
        if user.role is not Role.SECRETARIAT:
            schema = workspace.schema_for(args.id)
            chapter.document.data = keep_protected(
                schema, current, chapter.data, user, chapter.path
            )
    out.print(
        f"Chapitre « {args.id} » : version n° {number} restaurée ; la version remplacée "
        "est conservée dans l’historique.",
        highlight=False,
    )
    if user.role is not Role.SECRETARIAT:
        out.print(KEPT_ON_RESTORE, highlight=False)
    return OK


KEPT_ON_RESTORE = (
    "Les champs administratifs (statut, historique…) et les commentaires actuels sont conservés."
)
"""A writer's restore brings back the content only (``keep_protected``)."""


def _versions_table(workspace: Workspace, chapter_id: str) -> Table | str:
    versions = workspace.store.history.versions(chapter_id)
    if not versions:
        return f"Aucune version précédente conservée pour « {chapter_id} »."
    table = Table(title=f"Versions précédentes de « {chapter_id} »")
    table.add_column("N°", justify="right")
    table.add_column("Enregistrée le")
    table.add_column("Taille", justify="right")
    table.add_column("Par")
    for version in versions:
        kilobytes = f"{version.size / 1024:.1f}\u00a0Ko".replace(".", ",")
        saved = f"{version.when:%d/%m/%Y %H:%M:%S}"
        table.add_row(str(version.number), saved, kilobytes, Text(version.author or "inconnu"))
    return table
