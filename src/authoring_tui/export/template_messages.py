"""What sanitising a template tells the user, in French.

A ``TemplateError`` stops the export before anything is written; everything else
that was left out is collected in ``Findings`` by kind (macros, outside links,
embedded objects…) and said in one warning per kind, in the order of what Word
would have fetched or run first. Names and addresses in these messages come from
the file, so ``printable`` defuses them. Every other ``template_*`` module reports
through here; ``template_builder`` also asks which kind a left-out part is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from ..core.errors import AuthoringError


class TemplateError(AuthoringError):
    """A template that cannot be used safely; the export stops before writing."""


# What is left out, by kind: the words of the warnings.
MACROS = "macros (VBA)"
ACTIVEX = "contrôles ActiveX"
EMBEDDED = "objets incorporés (OLE)"
CUSTOM_XML = "données XML personnalisées (customXml)"
EXTERNAL = "liens vers des fichiers ou adresses extérieurs"
ATTACHED = "modèle attaché (attachedTemplate)"
MAIL_MERGE = "source de publipostage"
COMMENTS = "commentaires"
GLOSSARY = "glossaire (blocs de construction)"
PROTECTION = "protection du document"
FIELDS = "en-têtes, pieds de page ou notes avec un champ qui lit ou exécute autre chose"
IMAGES = "images dans un autre format que PNG ou JPEG"
MACRO_TYPE = "type « document à macros » (remplacé par un document Word ordinaire)"
OTHER = "autres parties inattendues"
_ORDER = (
    *(ATTACHED, EXTERNAL, MACROS, MACRO_TYPE, ACTIVEX, EMBEDDED, CUSTOM_XML),
    *(MAIL_MERGE, FIELDS, PROTECTION, COMMENTS, GLOSSARY, IMAGES, OTHER),
)
"""The order of the warnings: what Word would have fetched or run first."""


@dataclass
class Findings:
    """What was left out, by kind, in the order met; one warning per kind."""

    items: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, item: str) -> None:
        found = self.items.setdefault(kind, [])
        shown = printable(item)
        if shown not in found:
            found.append(shown)

    def warnings(self, template: Path) -> list[str]:
        return [
            f"modèle « {printable(template.name)} » : non repris dans le rapport — "
            f"{kind} : {_listing(items)}."
            for kind in _ORDER
            if (items := self.items.get(kind))
        ]


_SHOWN = 5


def _listing(items: list[str]) -> str:
    shown = ", ".join(items[:_SHOWN])
    rest = len(items) - _SHOWN
    return shown + (f" et {rest} autre(s)" if rest > 0 else "")


def printable(text: str) -> str:
    """Part names and addresses come from the file: control characters (bidi
    overrides included) are shown percent-encoded, and long ones cut, so a message
    cannot disguise itself or drive the terminal. (Markup is the printer's
    business: the CLI escapes, the TUI shows plain text.)"""
    shown = "".join(c if c.isprintable() else quote(c) for c in text)
    return shown if len(shown) <= 80 else shown[:79] + "…"


BY_RELATIONSHIP = {
    name: kind
    for kind, names in (
        (ATTACHED, "attachedTemplate"),
        (MACROS, "vbaProject wordVbaData keyMapCustomizations attachedToolbars"),
        (ACTIVEX, "control activeXControlBinary"),
        (EMBEDDED, "oleObject package"),
        (CUSTOM_XML, "customXml"),
        (MAIL_MERGE, "mailMergeSource mailMergeHeaderSource recipientData"),
        (COMMENTS, "comments commentsExtended commentsIds commentsExtensible people"),
        (GLOSSARY, "glossaryDocument"),
    )
    for name in names.split()
}
"""The kind of a relationship left out, by the last word of its type."""


_MACRO_PARTS = r"(^|/)(vbaProject\.bin|vbaData\.xml|customizations\.xml|attachedToolbars\.bin)$"
_BY_NAME = (
    (re.compile(_MACRO_PARTS, re.I), MACROS),
    (re.compile(r"(^|/)activeX/", re.I), ACTIVEX),
    (re.compile(r"(^|/)embeddings/", re.I), EMBEDDED),
    (re.compile(r"^customXml/", re.I), CUSTOM_XML),
    (re.compile(r"(^|/)glossary/", re.I), GLOSSARY),
    (re.compile(r"(^|/)(comments\w*|people)\.xml$", re.I), COMMENTS),
)


def kind_by_name(name: str) -> str:
    """The kind of a part left out, told by its name when no relationship tells it."""
    return next((kind for pattern, kind in _BY_NAME if pattern.search(name)), OTHER)
