"""One function per command. Each returns the process exit code.

Exit codes: 0 all good, 1 the chapters have validation errors, 2 a file or the
workspace cannot be read (or the arguments are wrong).
"""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path

from rich.console import Console

from ..core.errors import AuthoringError
from ..core.report import REPORT_FILE
from ..core.status import ChapterStatus, report_status
from ..core.workspace import Workspace, find_workspace

OK, INVALID, UNREADABLE = 0, 1, 2


def open_workspace(args: argparse.Namespace) -> Workspace:
    workspace = Workspace.open(find_workspace(getattr(args, "workspace", None)))
    args.opened_workspace = workspace  # main saves its caches if the command succeeds
    return workspace


def cmd_status(args: argparse.Namespace, out: Console, err: Console) -> int:
    from . import render  # rich's tables: not for the application's start-up

    workspace = open_workspace(args)
    report = report_status(workspace)
    if args.json:
        render.print_json(out, render.status_json(report))
    else:
        out.print(render.status_table(report, datetime.date.today(), out.width))
    for chapter in report.chapters:
        if chapter.error is not None:
            err.print(f"[red]Illisible[/] — {chapter.error}", highlight=False)
    return OK


def cmd_validate(args: argparse.Namespace, out: Console, err: Console) -> int:
    workspace = open_workspace(args)
    ids = args.ids or workspace.report.chapter_ids
    unknown = [chapter_id for chapter_id in ids if chapter_id not in workspace.report.chapter_ids]
    if unknown:
        workspace.store.path_for(unknown[0])  # an id that is not [a-z0-9-]+ is refused here
        raise AuthoringError(
            f"chapitre(s) absent(s) du plan : {', '.join(unknown)}.", workspace.report.path
        )
    statuses = report_status(workspace, ids).chapters
    if args.json:
        from . import render

        render.print_json(out, [_validation_json(workspace, status) for status in statuses])
    else:
        _print_validation(workspace, statuses, out, err)
    missing = any(not workspace.store.exists(status.id) for status in statuses)
    if missing or any(status.error for status in statuses):
        return UNREADABLE
    return INVALID if any(_problems(workspace, status) for status in statuses) else OK


def _problems(workspace: Workspace, status: ChapterStatus) -> list[tuple[str, str]]:
    """(chemin, message) pairs: validation errors, or the file's absence."""
    if status.error is not None:
        return [("", status.error.message)]
    if not workspace.store.exists(status.id):
        return [("", "le chapitre n’est pas commencé : son fichier n’existe pas encore.")]
    return [(issue.chemin, issue.message) for issue in status.issues]


def _relative_file(workspace: Workspace, chapter_id: str) -> str:
    return str(workspace.store.path_for(chapter_id).relative_to(workspace.root))


def _validation_json(workspace: Workspace, status: ChapterStatus) -> dict[str, object]:
    problems = _problems(workspace, status)
    pointers = [issue.pointer for issue in status.issues] or [""] * len(problems)
    return {
        "id": status.id,
        "fichier": _relative_file(workspace, status.id),
        "erreurs": [
            {"chemin": chemin, "message": message, "pointeur": pointer}
            for (chemin, message), pointer in zip(problems, pointers, strict=False)
        ],
    }


def _print_validation(
    workspace: Workspace, statuses: list[ChapterStatus], out: Console, err: Console
) -> None:
    invalid = 0
    for status in statuses:
        problems = _problems(workspace, status)
        if status.error is not None:
            err.print(f"[bold red]✗[/] {status.error}", highlight=False)
            continue
        if not problems:
            continue
        invalid += 1
        out.print(
            f"[bold red]✗[/] {_relative_file(workspace, status.id)} — {len(problems)} erreur(s)",
            highlight=False,
        )
        for chemin, message in problems:
            out.print(f"    {chemin} : {message}" if chemin else f"    {message}", highlight=False)
    valid = len(statuses) - invalid - sum(1 for s in statuses if s.error)
    out.print(f"{valid} chapitre(s) valide(s) sur {len(statuses)}.", highlight=False)


def cmd_init(args: argparse.Namespace, out: Console, err: Console) -> int:
    from ..core.sample import init_workspace

    target: Path = args.dossier
    written = init_workspace(target, with_sample=args.sample)
    kind = "avec le rapport 2020 en exemple" if args.sample else "avec un squelette par chapitre"
    out.print(
        f"Espace de travail créé dans {target} ({kind}) : {REPORT_FILE}, schémas et "
        f"{len(written) - 1} chapitres.",
        highlight=False,
    )
    return OK


def cmd_app(args: argparse.Namespace, out: Console, err: Console) -> int:
    """No subcommand: the application on the workspace, as ``args.user``."""
    workspace = open_workspace(args)  # a bad workspace is reported before the screen opens
    from ..tui.app import run_app  # Textual is imported only when the app is wanted

    return run_app(workspace, user_login=args.user)


def cmd_export(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Write the consolidated DOCX; print its path, a summary and any warning."""
    from ..export import ExportOptions, export_report, summary  # python-docx only when asked

    workspace = open_workspace(args)
    options = ExportOptions(
        chapter_ids=args.chapters,
        statuts=args.statuts,
        template=args.template,
        output=args.output,
        date=args.date,
        force=args.force,
        annexe=not args.sans_annexe,
    )
    result = export_report(workspace, options)
    for warning in result.warnings:
        err.print(f"[yellow]Avertissement[/] : {warning}", highlight=False)
    out.print(str(result.path), highlight=False, soft_wrap=True)
    out.print(summary(result), highlight=False)
    return OK


def cmd_template(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Write the default Word template for the communication team to restyle."""
    from ..export import write_template

    path = write_template(args.dossier, force=args.force)
    out.print(
        f"Modèle écrit : {path}. Modifiez-en les styles dans Word, puis exportez avec "
        f"« authoring-tui export --template {path} ».",
        highlight=False,
    )
    return OK
