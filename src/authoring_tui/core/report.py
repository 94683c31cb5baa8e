"""The edition: ``report.yaml`` read into a plan, deadlines and a team.

``report.yaml`` is checked against a schema bundled with the package, then for
what a schema cannot say: chapter ids that appear twice in the plan, or settings
for a chapter that is not in it.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .errors import AuthoringError
from .files import Folder
from .lines import line_of
from .schema import Schema
from .status_cache import KnownValid
from .validation import validate
from .yamlio import YamlDocument, read_yaml

REPORT_FILE = "report.yaml"
DEFAULT_SCHEMA = "schema/chapitre.schema.json"
DEFAULT_LOCK_INACTIVITY = 30
_REPORT_SCHEMA = Path(__file__).with_name("report.schema.json")


@dataclass(frozen=True)
class Part:
    """A part of the plan (« V — Les différentes politiques publiques »)."""

    id: str
    titre: str
    numero: str | None
    chapitres: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{self.numero} — {self.titre}" if self.numero else self.titre


@dataclass(frozen=True)
class Contributor:
    login: str
    nom: str
    dga: str


@dataclass
class Report:
    """What ``report.yaml`` says about the edition."""

    path: Path
    document: YamlDocument
    organisation: str
    titre: str
    annee: int
    echeance: datetime.date | None
    parties: list[Part]
    settings: dict[str, Mapping[str, Any]] = field(default_factory=dict)
    secretariat: list[str] = field(default_factory=list)
    contributeurs: dict[str, Contributor] = field(default_factory=dict)

    @property
    def chapter_ids(self) -> list[str]:
        """Every chapter of the plan, in reading order."""
        return [chapter for part in self.parties for chapter in part.chapitres]

    def part_of(self, chapter_id: str) -> Part | None:
        return next((part for part in self.parties if chapter_id in part.chapitres), None)

    def schema_for(self, chapter_id: str) -> str:
        """The chapter's schema, relative to the workspace (default or from settings)."""
        return str(self.settings.get(chapter_id, {}).get("schema", DEFAULT_SCHEMA))

    def deadline_for(self, chapter_id: str) -> datetime.date | None:
        own = _as_date(self.settings.get(chapter_id, {}).get("echeance"))
        return own or self.echeance

    def planned(self, chapter_id: str, key: str) -> str:
        """A title, number or DGA the plan gives a chapter not written yet."""
        return str(self.settings.get(chapter_id, {}).get(key, ""))

    def setting(self, key: str, default: Any) -> Any:
        return self.document.data.get(key, default)

    @property
    def lock_inactivity_minutes(self) -> int:
        """``verrou_inactivite_minutes``: minutes without a keystroke after which
        the secrétariat may take a chapter's lock over (the schema checks it)."""
        value = self.setting("verrou_inactivite_minutes", DEFAULT_LOCK_INACTIVITY)
        return value if isinstance(value, int) else DEFAULT_LOCK_INACTIVITY


def load_report(root: Path, known_valid: KnownValid | None = None) -> Report:
    """Read and check ``root/report.yaml``; raise ``AuthoringError`` in French.

    The file is read with libyaml; only when it holds an error is it read again
    the slow way, whose nodes know their lines, to say where. ``known_valid``
    spares the schema check of a file already found valid.
    """
    path = root / REPORT_FILE
    files = Folder.at(root)
    document = read_yaml(path, round_trip=False, files=files)
    data = document.data
    digest = KnownValid.digest("report", _report_schema_bytes(), document.digest.encode())
    if known_valid is None or digest not in known_valid:
        issues = validate(_report_schema(), data)
        if issues:
            first = issues[0]
            more = f" (et {len(issues) - 1} autre(s) erreur(s))" if len(issues) > 1 else ""
            raise AuthoringError(f"{first}{more}", path, _line_of(files, path, first.path))
    parties = [
        Part(
            id=str(p["id"]),
            titre=str(p["titre"]),
            numero=str(p["numero"]) if p.get("numero") is not None else None,
            chapitres=tuple(str(c) for c in p["chapitres"]),
        )
        for p in data["parties"]
    ]
    _check_plan(path, data, parties)
    if known_valid is not None:
        known_valid.add(digest)
    team = data.get("equipe") or {}
    contributors = {
        str(login): Contributor(str(login), str(info.get("nom", login)), str(info.get("dga", "")))
        for login, info in (team.get("contributeurs") or {}).items()
    }
    return Report(
        path=path,
        document=document,
        organisation=str(data["organisation"]),
        titre=str(data["titre"]),
        annee=int(data["annee"]),
        echeance=_as_date(data.get("echeance")),
        parties=parties,
        settings=dict(data.get("chapitres") or {}),
        secretariat=[str(login) for login in team.get("secretariat") or []],
        contributeurs=contributors,
    )


def _check_plan(path: Path, data: Any, parties: list[Part]) -> None:
    seen: dict[str, str] = {}
    for index, part in enumerate(parties):
        for position, chapter in enumerate(part.chapitres):
            if chapter in seen:
                line = _line_of(
                    Folder.at(path.parent), path, ("parties", index, "chapitres", position)
                )
                raise AuthoringError(
                    f"le chapitre « {chapter} » figure deux fois dans le plan "
                    f"(parties « {seen[chapter]} » et « {part.id} »).",
                    path,
                    line,
                )
            seen[chapter] = part.id
    for chapter in data.get("chapitres") or {}:
        if chapter not in seen:
            line = _line_of(Folder.at(path.parent), path, ("chapitres", chapter))
            raise AuthoringError(
                f"des réglages sont donnés pour le chapitre « {chapter} », absent du plan.",
                path,
                line,
            )


def _line_of(files: Folder, file: Path, path: tuple[str | int, ...]) -> int | None:
    """The 1-based line of a node of ``file``, read again as a round-trip document."""
    return line_of(read_yaml(file, files=files).data, path)


def _as_date(value: Any) -> datetime.date | None:
    """A deadline as the readers give it: the text typed (``2021-03-31``).

    The schema checks ``format: date``; text that is no date gives no deadline.
    """
    if not isinstance(value, str):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


@cache
def _report_schema_bytes() -> bytes:
    """The tool's own schema of report.yaml (shipped in the package)."""
    return Folder.at(_REPORT_SCHEMA.parent).read_bytes(_REPORT_SCHEMA)


@cache
def _report_schema() -> Schema:
    return Schema.standalone(_REPORT_SCHEMA, json.loads(_report_schema_bytes()))
