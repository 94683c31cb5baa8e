"""The commands that change a chapter: ``statut`` and ``historique --restaurer``.

They obey the rules of the application: the user's role (``--user``, default
the OS login) and the chapter's edit lock, held for the time of the change; the
save itself refuses to overwrite a file changed on disk since it was read.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..core.anchors import blocks, migrate
from ..core.dates import spoken_moment
from ..core.editing import edit_chapter
from ..core.errors import AuthoringError
from ..core.field_roles import keep_protected
from ..core.review import STATUS_TITLES, change_status
from ..core.roles import Role, User, identify
from ..core.workspace import Workspace
from .commands import OK, UNREADABLE, open_workspace
from .render import count_of


def _user(args: argparse.Namespace, workspace: Workspace) -> User:
    return identify(workspace.report, getattr(args, "user", None))


def cmd_statut(args: argparse.Namespace, out: Console, err: Console) -> int:
    workspace = open_workspace(args)
    user = _user(args, workspace)
    with edit_chapter(workspace, args.id, user) as chapter:
        before = str(chapter.data.get("statut"))
        change_status(chapter.data, args.statut, user, message=getattr(args, "message", None))
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
    with edit_chapter(workspace, args.id, user) as chapter:
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


def cmd_migrer(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Every chapter of the plan to contract v2: anchors, comments on ``bloc``.

    Each chapter on its own, under its edit lock: one that cannot be read or is
    being edited is named, left as it is, and the others go on (exit 2 then).
    """
    workspace = open_workspace(args)
    user = _user(args, workspace)
    failed = False
    for chapter_id in workspace.report.chapter_ids:
        if not workspace.store.exists(chapter_id):
            continue
        try:
            line = _migrate_chapter(workspace, chapter_id, user)
        except AuthoringError as error:
            err.print(f"Erreur : {error}", markup=False, highlight=False)
            failed = True
            continue
        out.print(line, markup=False, highlight=False)
    return UNREADABLE if failed else OK


def _migrate_chapter(workspace: Workspace, chapter_id: str, user: User) -> str:
    schema = workspace.schema_for(chapter_id)
    lock = workspace.lock(chapter_id)
    lock.acquire(user)
    try:
        chapter = workspace.store.load(chapter_id)
        missing = sum(1 for block in blocks(schema, chapter.data) if block.anchor is None)
        targets = _v1_comments(chapter.data)
        if not migrate(schema, chapter.data):
            return f"Chapitre « {chapter_id} » : déjà au format v2, inchangé."
        workspace.store.save(chapter)
    finally:
        lock.release()
    moved = targets - _v1_comments(chapter.data)
    return (
        f"Chapitre « {chapter_id} » : {count_of(missing, 'ancre ajoutée', 'ancres ajoutées')} ; "
        f"{count_of(moved, 'commentaire rattaché', 'commentaires rattachés')} par « bloc »."
    )


def _v1_comments(data: Any) -> int:
    comments = data.get("commentaires") if isinstance(data, Mapping) else None
    if not isinstance(comments, list):
        return 0
    return sum(1 for c in comments if isinstance(c, Mapping) and "cible" in c and "bloc" not in c)


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
        saved = spoken_moment(version.when)  # « 4 mars 2021 à 9 h 00 », as in the app
        table.add_row(str(version.number), saved, kilobytes, Text(version.author or "inconnu"))
    return table
