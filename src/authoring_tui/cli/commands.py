"""One function per command. Each returns the process exit code.

Exit codes: 0 all good, 1 the chapters have validation errors, 2 a file or the
workspace cannot be read (or the arguments are wrong).
"""

from __future__ import annotations

import argparse
import datetime
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from ..core.errors import AuthoringError
from ..core.lines import line_of
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
        render.print_json(out, render.status_json(report, workspace.root))
    else:
        out.print(render.status_table(report, datetime.date.today(), out.width))
    for chapter in report.chapters:
        if chapter.error is not None:
            text = escape(chapter.error_text(workspace.root))
            err.print(f"[red]Illisible[/] — {text}", highlight=False)
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
    problems = {status.id: _problems(workspace, status) for status in statuses}
    if args.json:
        from . import render

        render.print_json(out, [_validation_json(workspace, s, problems[s.id]) for s in statuses])
    else:
        _print_validation(workspace, statuses, problems, out, err)
    missing = any(not workspace.store.exists(status.id) for status in statuses)
    if missing or any(status.error for status in statuses):
        return UNREADABLE
    return INVALID if any(problems.values()) else OK


@dataclass(frozen=True)
class Problem:
    """One line of ``validate``'s report: an error of the chapter, or its file's."""

    chemin: str
    message: str
    pointeur: str = ""
    ligne: int | None = None


def _problems(workspace: Workspace, status: ChapterStatus) -> list[Problem]:
    """Validation errors with their lines, or why the file could not be checked."""
    if status.error is not None:
        return [Problem("", status.error.message, ligne=status.error.line)]
    if not workspace.store.exists(status.id):
        return [Problem("", "le chapitre n’est pas commencé : son fichier n’existe pas encore.")]
    lines = _issue_lines(workspace, status)
    return [
        Problem(issue.chemin, issue.message, issue.pointer, line)
        for issue, line in zip(status.issues, lines, strict=True)
    ]


def _issue_lines(workspace: Workspace, status: ChapterStatus) -> list[int | None]:
    """The line of each error: the chapter is read again, the slow way that
    knows lines, only when it has errors."""
    if not status.issues:
        return []
    try:
        data = workspace.store.load(status.id).data
    except AuthoringError:  # changed on disk since it was measured: no lines then
        return [None] * len(status.issues)
    return [line_of(data, issue.path) for issue in status.issues]


def _relative_file(workspace: Workspace, chapter_id: str) -> str:
    return str(workspace.store.path_for(chapter_id).relative_to(workspace.root))


def _validation_json(
    workspace: Workspace, status: ChapterStatus, problems: list[Problem]
) -> dict[str, object]:
    return {
        "id": status.id,
        "fichier": _relative_file(workspace, status.id),
        "erreurs": [
            {"chemin": p.chemin, "message": p.message, "pointeur": p.pointeur, "ligne": p.ligne}
            for p in problems
        ],
    }


def _print_validation(
    workspace: Workspace,
    statuses: list[ChapterStatus],
    problems: dict[str, list[Problem]],
    out: Console,
    err: Console,
) -> None:
    """« chapters/x.yaml:12 — Section 1 › Titre : message », one line per error."""
    invalid = 0
    for status in statuses:
        file = _relative_file(workspace, status.id)
        if status.error is not None:
            err.print(
                f"[bold red]✗[/] {escape(status.error_text(workspace.root))}", highlight=False
            )
            continue
        if not problems[status.id]:
            continue
        invalid += 1
        out.print(
            f"[bold red]✗[/] {escape(file)} — {len(problems[status.id])} erreur(s)",
            highlight=False,
        )
        for problem in problems[status.id]:
            where = f"{file}:{problem.ligne}" if problem.ligne else file
            text = f"{problem.chemin} : {problem.message}" if problem.chemin else problem.message
            out.print(f"    {escape(where)} — {escape(text)}", highlight=False)
    valid = len(statuses) - invalid - sum(1 for s in statuses if s.error)
    out.print(f"{valid} chapitre(s) valide(s) sur {len(statuses)}.", markup=False, highlight=False)


def cmd_init(args: argparse.Namespace, out: Console, err: Console) -> int:
    from ..core.sample import init_workspace

    target: Path = args.dossier
    written = init_workspace(target, with_sample=args.sample)
    kind = "avec le rapport 2020 en exemple" if args.sample else "avec un squelette par chapitre"
    out.print(
        f"Espace de travail créé dans {target} ({kind}) : {REPORT_FILE}, schémas et "
        f"{len(written) - 1} chapitres.",
        markup=False,
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
        toc_levels=args.sommaire_niveaux,
        pdf=args.pdf,
    )
    result = export_report(workspace, options)
    for warning in result.warnings:
        err.print(f"[yellow]Avertissement[/] : {escape(warning)}", highlight=False)
    out.print(str(result.path), markup=False, highlight=False, soft_wrap=True)
    if result.pdf is not None:
        out.print(str(result.pdf), markup=False, highlight=False, soft_wrap=True)
    out.print(summary(result), markup=False, highlight=False)
    return OK


def cmd_template(args: argparse.Namespace, out: Console, err: Console) -> int:
    """Write the default Word template for the communication team to restyle."""
    from ..export import write_template

    path = write_template(args.dossier, force=args.force)
    out.print(
        f"Modèle écrit : {path}. Modifiez-en les styles dans Word, puis exportez avec "
        f"« authoring-tui export --template {path} ».",
        markup=False,
        highlight=False,
    )
    return OK
