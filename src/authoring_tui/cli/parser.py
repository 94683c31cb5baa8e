"""The argument parser, in French (argparse's own words included)."""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn

ARGPARSE_ERRORS_FR = {
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "choix invalide : %(value)s (choix possibles : %(choices)s)"
    ),
    "expected one argument": "une valeur est attendue",
    "expected at least one argument": "au moins une valeur est attendue",
    "invalid %(type)s value: %(value)r": "valeur invalide : %(value)s",
    "ambiguous option: %(option)s could match %(matches)s": (
        "option ambiguë : %(option)s peut désigner %(matches)s"
    ),
    "not allowed with argument %s": "incompatible avec l’argument %s",
}
"""argparse's error messages (as Python 3.11–3.13 word them) and ours."""
ARGPARSE_HEADINGS_FR = {"positional arguments": "arguments\u00a0", "options": "options\u00a0"}
"""Section headings; argparse adds the colon, the no-break space goes before it."""
ARGUMENT_PREFIX = re.compile(r"argument (?P<name>[^:]+): (?P<message>.*)", re.DOTALL)


def _pattern(template: str) -> re.Pattern[str]:
    """A regular expression matching what ``template % values`` produced."""
    pattern = re.escape(template)
    pattern = re.sub(r"%\\\((\w+)\\\)[rs]", r"(?P<\1>.+?)", pattern)
    pattern = pattern.replace("%s", "(?P<value0>.+?)")
    return re.compile(pattern + "$", re.DOTALL)


ERROR_PATTERNS = [(_pattern(english), french) for english, french in ARGPARSE_ERRORS_FR.items()]


def french_error(message: str) -> str:
    """argparse's English error message in French (unchanged when unknown).

    argparse words its errors through ``gettext`` bound at import time; rather
    than replace a private name of the module, the finished message is matched
    against the English templates and rewritten."""
    prefix = ARGUMENT_PREFIX.match(message)
    if prefix:
        return f"argument {prefix['name']} : {french_error(prefix['message'])}"
    for pattern, french in ERROR_PATTERNS:
        found = pattern.match(message)
        if found:
            values = found.groupdict()
            return french.replace("%s", "%(value0)s") % values
    return message


class FrenchHelpFormatter(argparse.HelpFormatter):
    """Help in French: « utilisation : », French section headings."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[Any],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)

    def start_section(self, heading: str | None) -> None:
        super().start_section(ARGPARSE_HEADINGS_FR.get(heading or "", heading))


class FrenchParser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", FrenchHelpFormatter)
        kwargs["add_help"] = False  # ours, in French, below
        super().__init__(*args, **kwargs)
        if add_help:
            self.add_argument(
                "-h",
                "--help",
                action="help",
                default=argparse.SUPPRESS,
                help="afficher cette aide et quitter",
            )

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {french_error(message)}\n")


def _workspace_option(parser: argparse.ArgumentParser, top: bool = False) -> None:
    # On subcommands the option is SUPPRESSed when absent, so that it does not
    # overwrite a --workspace given before the subcommand.
    parser.add_argument(
        "--workspace",
        "-w",
        type=Path,
        default=None if top else argparse.SUPPRESS,
        metavar="DOSSIER",
        help="l’espace de travail (dossier contenant report.yaml) ; par défaut, le dossier courant",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchParser(
        prog="authoring-tui",
        description=(
            "Rédiger le rapport d’activité de la Métropole dans un terminal. "
            "Sans commande : ouvre l’application sur l’espace de travail."
        ),
    )
    _workspace_option(parser, top=True)
    parser.add_argument(
        "--user", "-u", metavar="IDENTIFIANT", help="se connecter sous cet identifiant"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=FrenchParser)

    status = commands.add_parser("status", help="état de chaque chapitre et du rapport")
    _workspace_option(status)
    status.add_argument("--json", action="store_true", help="sortie JSON, pour les scripts")

    validate = commands.add_parser("validate", help="vérifier les chapitres contre leur schéma")
    _workspace_option(validate)
    validate.add_argument("--json", action="store_true", help="sortie JSON, pour les scripts")
    validate.add_argument(
        "ids", nargs="*", metavar="ID", help="chapitres à vérifier (tous par défaut)"
    )

    _export_parser(commands)
    _template_parser(commands)
    _writing_parsers(commands)
    _migration_parser(commands)
    _proofreading_parser(commands)

    init = commands.add_parser("init", help="créer un nouvel espace de travail")
    init.add_argument("dossier", type=Path, metavar="DOSSIER", help="dossier à créer")
    init.add_argument(
        "--sample", action="store_true", help="copier le rapport 2020 complet comme exemple"
    )
    return parser


def _user_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--user",
        "-u",
        default=argparse.SUPPRESS,
        metavar="IDENTIFIANT",
        help="agir sous cet identifiant (par défaut : l’identifiant de connexion)",
    )


def _writing_parsers(commands: Any) -> None:
    """Commands that change a chapter: they obey the same roles and locks as the app."""
    statut = commands.add_parser("statut", help="changer le statut d’un chapitre")
    _workspace_option(statut)
    _user_option(statut)
    statut.add_argument("id", metavar="ID", help="le chapitre")
    statut.add_argument(
        "statut",
        metavar="STATUT",
        choices=["brouillon", "a_relire", "a_reprendre", "valide"],
        help="brouillon, a_relire, a_reprendre ou valide",
    )
    statut.add_argument(
        "--message",
        help="ce qu’il faut reprendre (avec a_reprendre), montré aux rédacteurs à l’ouverture",
    )
    history = commands.add_parser(
        "historique", help="lister les versions précédentes d’un chapitre, en restaurer une"
    )
    _workspace_option(history)
    _user_option(history)
    history.add_argument("id", metavar="ID", help="le chapitre")
    history.add_argument(
        "--restaurer", type=int, metavar="N", help="restaurer la version n° N de la liste"
    )


def _migration_parser(commands: Any) -> None:
    migrate = commands.add_parser(
        "migrer",
        help="passer chaque chapitre au format v2 (ancres des blocs, commentaires sur « bloc »)",
    )
    _workspace_option(migrate)
    _user_option(migrate)


def _proofreading_parser(commands: Any) -> None:
    proofread = commands.add_parser(
        "relecture",
        help="reprendre les corrections et commentaires d’un export relu dans Word",
    )
    _workspace_option(proofread)
    _user_option(proofread)
    proofread.add_argument(
        "fichier", type=Path, metavar="FICHIER", help="le document Word (.docx) relu"
    )
    proofread.add_argument(
        "--appliquer",
        action="store_true",
        help="enregistrer dans les chapitres (sans cette option, rien n’est écrit)",
    )
    proofread.add_argument("--json", action="store_true", help="sortie JSON, pour les scripts")


def _edition_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"date « {text} » invalide : attendu AAAA-MM-JJ, par exemple 2021-04-12"
        ) from None


def _export_parser(commands: Any) -> None:
    export = commands.add_parser("export", help="exporter le rapport consolidé en Word (.docx)")
    _workspace_option(export)
    export.add_argument(
        "--chapter",
        "-c",
        action="append",
        dest="chapters",
        metavar="ID",
        help="n’exporter que ce chapitre (option répétable ; tous par défaut)",
    )
    export.add_argument(
        "--statut",
        action="append",
        dest="statuts",
        metavar="STATUT",
        help=(
            "n’exporter que les chapitres de ce statut : brouillon, a_relire, a_reprendre, "
            "valide, non_commence (option répétable)"
        ),
    )
    export.add_argument(
        "--template", type=Path, metavar="FICHIER", help="modèle .docx dont les styles sont repris"
    )
    export.add_argument(
        "--output",
        "-o",
        type=Path,
        metavar="FICHIER",
        help="fichier à écrire ; par défaut exports/<rapport>_<date-heure>.docx",
    )
    export.add_argument(
        "--date",
        type=_edition_date,
        metavar="AAAA-MM-JJ",
        help="date de l’édition (page de titre, propriétés) ; par défaut aujourd’hui",
    )
    export.add_argument(
        "--force", action="store_true", help="remplacer le fichier de sortie s’il existe"
    )
    export.add_argument(
        "--sans-annexe",
        action="store_true",
        dest="sans_annexe",
        help="sans l’annexe « État d’avancement »",
    )
    export.add_argument(
        "--pdf",
        action="store_true",
        help=(
            "écrire aussi le PDF à côté du fichier Word (LibreOffice requis ; "
            "sommaire et numéros de page mis à jour)"
        ),
    )
    export.add_argument(
        "--sommaire-niveaux",
        type=int,
        choices=range(1, 5),
        dest="sommaire_niveaux",
        metavar="N",
        help="niveaux de titres du sommaire, de 1 à 4 ; par défaut celui de report.yaml, sinon 2",
    )


def _template_parser(commands: Any) -> None:
    template = commands.add_parser(
        "template", help="écrire le modèle Word par défaut, pour le personnaliser"
    )
    template.add_argument("dossier", type=Path, metavar="DOSSIER", help="dossier où l’écrire")
    template.add_argument("--force", action="store_true", help="remplacer le modèle s’il existe")
