"""Entry point of the ``authoring-tui`` command: parse, dispatch, and turn every
failure into a French message and an exit code; no traceback reaches the user
(set AUTHORING_TUI_DEBUG=1 to see one).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

from rich.console import Console
from rich.markup import escape

from ..core.errors import AuthoringError
from . import commands, proofreading, writing
from .parser import build_parser

Command = Callable[..., int]

COMMANDS: dict[str | None, Command] = {
    None: commands.cmd_app,
    "status": commands.cmd_status,
    "validate": commands.cmd_validate,
    "init": commands.cmd_init,
    "export": commands.cmd_export,
    "template": commands.cmd_template,
    "statut": writing.cmd_statut,
    "historique": writing.cmd_historique,
    "migrer": writing.cmd_migrer,
    "relecture": proofreading.cmd_relecture,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # soft_wrap: long messages stay on one line (terminals wrap them; pipes keep them whole).
    out = Console(soft_wrap=True)
    err = Console(stderr=True, soft_wrap=True)
    try:
        code = COMMANDS[args.command](args, out, err)
        if code in (commands.OK, commands.INVALID) and hasattr(args, "opened_workspace"):
            args.opened_workspace.save_caches()
        return code
    except AuthoringError as error:
        err.print(f"[bold red]Erreur[/] : {escape(str(error))}", highlight=False)
        return commands.UNREADABLE
    except KeyboardInterrupt:
        err.print("Interrompu.")
        return 130
    except Exception as error:  # a bug: say so in French, keep the traceback for developers
        if os.environ.get("AUTHORING_TUI_DEBUG"):
            raise
        err.print(
            f"[bold red]Erreur inattendue[/] ({type(error).__name__} : {escape(str(error))}). "
            "Chaque fichier s’écrit en un seul geste : il est resté entier, dans son ancienne "
            "ou sa nouvelle version. Relancez avec AUTHORING_TUI_DEBUG=1 pour le détail, et "
            "signalez-la à l’équipe.",
            highlight=False,
        )
        return commands.UNREADABLE


if __name__ == "__main__":
    sys.exit(main())
