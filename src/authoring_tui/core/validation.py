"""Validation of a chapter against its schema, in French, on readable paths.

jsonschema reports « 'texte' is a required property » at « sections/1/blocs/2 »;
a DGA contributor needs « Section 2 › Bloc 3 (paragraphe) › Texte : ce champ est
obligatoire ». This module turns every error (all of them, not the first) into
such a message, using the schema's own French titles.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .applicable import expand, forbidden_children, item_nodes, property_nodes
from .errors import SchemaError
from .files import Folder
from .schema import JsonObject, Schema, discriminators, enum_title

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

Path = tuple[str | int, ...]

SEPARATOR = " › "

_TYPE_NAMES = {
    "string": "un texte",
    "number": "un nombre",
    "integer": "un nombre entier",
    "boolean": "oui ou non (true/false)",
    "array": "une liste",
    "object": "un groupe de champs",
    "null": "vide",
}


@dataclass(frozen=True)
class Issue:
    """One validation error: where (as data and as French words) and what."""

    path: Path
    chemin: str
    message: str
    keyword: str = ""

    @property
    def pointer(self) -> str:
        """The contract's JSON-pointer-like path (``sections/0/blocs/2``)."""
        return "/".join(str(part) for part in self.path)

    def __str__(self) -> str:
        return f"{self.chemin} : {self.message}" if self.chemin else self.message


def validate(schema: Schema, data: Any, files: Folder | None = None) -> list[Issue]:
    """Every error of ``data`` against ``schema``, in document order.

    ``files``: the workspace, when the pictures the chapter names (``x-media``
    fields) are to be checked on the disk too (``media.py``): the schema alone
    cannot say that a file is missing or is not an image.
    """
    issues: dict[tuple[Path, str], Issue] = {}
    for error in schema.iter_errors(data):
        for issue in _translate(schema, data, error):
            issues.setdefault((issue.path, issue.message), issue)
    for issue in row_width_issues(schema, data):
        issues.setdefault((issue.path, issue.message), issue)
    if files is not None:
        from .media import media_issues  # media.py builds on this module

        flagged = frozenset(path for path, _ in issues)
        for issue in media_issues(schema, data, files, flagged):
            issues.setdefault((issue.path, issue.message), issue)
    return sorted(issues.values(), key=lambda issue: _walk_path(schema, data, issue.path)[1])


WIDTH_HINT = "x-largeur"
"""``"x-largeur": "colonnes"`` on a list of rows: each row has one cell per item
of the sibling ``colonnes``, a rule between two fields JSON Schema cannot state."""


def row_width_issues(schema: Schema, data: Any) -> list[Issue]:
    """An issue per row (of a list marked ``x-largeur``) whose cell count differs
    from its columns: a short row would shift the DOCX table's cells."""
    issues: list[Issue] = []
    stack: list[tuple[list[Any], Any, Path]] = [([schema.contents], data, ())]
    while stack:
        nodes, instance, path = stack.pop()
        applicable = expand(schema, nodes, instance)
        if isinstance(instance, Mapping):
            issues.extend(_rows_against_columns(schema, data, applicable, instance, path))
            children = [
                (key, value, property_nodes(applicable, key)) for key, value in instance.items()
            ]
        elif isinstance(instance, list):
            children = [
                (key, value, item_nodes(applicable, key)) for key, value in enumerate(instance)
            ]
        else:
            continue
        for key, value, subs in children:
            if subs and isinstance(value, Mapping | list):
                stack.append((subs, value, (*path, key)))
    return issues


def _rows_against_columns(
    schema: Schema, data: Any, applicable: list[JsonObject], group: Mapping[str, Any], path: Path
) -> Iterator[Issue]:
    for name, rows in group.items():
        for node in property_nodes(applicable, name):
            sibling = node.get(WIDTH_HINT) if isinstance(node, Mapping) else None
            columns = group.get(sibling) if isinstance(sibling, str) else None
            if isinstance(columns, list) and isinstance(rows, list):
                yield from _uneven_rows(schema, data, rows, len(columns), (*path, name))


def _uneven_rows(
    schema: Schema, data: Any, rows: list[Any], width: int, path: Path
) -> Iterator[Issue]:
    for index, row in enumerate(rows):
        if isinstance(row, list) and row and len(row) != width:
            message = f"{_count(len(row), 'cellule')} pour {_count(width, 'colonne')}."
            yield _issue(schema, data, (*path, index), message, WIDTH_HINT)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number > 1 else ''}"


def describe_path(schema: Schema, data: Any, path: Sequence[str | int]) -> str:
    """« Section 2 › Bloc 3 (paragraphe) › Texte » for ``sections/1/blocs/2/texte``."""
    return SEPARATOR.join(_walk_path(schema, data, path)[0])


def _walk_path(
    schema: Schema, data: Any, path: Sequence[str | int]
) -> tuple[list[str], tuple[int, ...]]:
    """French labels along ``path``, and its reading order (schema order of fields)."""
    labels: list[str] = []
    order: list[int] = []
    node: JsonObject = schema.contents
    instance = data
    for position, part in enumerate(path):
        node = _tolerant(schema.resolve, node)
        if isinstance(part, int):
            item = _tolerant(schema.items, node)
            label = f"{item.get('title', 'Élément')} {part + 1}"
            instance = instance[part] if _has_index(instance, part) else None
            chosen = _tolerant(schema.variant_for, item, instance) if _is_choice(item) else None
            variant = chosen or None
            if variant is not None:
                label += f" ({_lower_first(str(variant.get('title', '')))})"
                item = variant
            node = item
            order.append(part)
        else:
            declared = _tolerant(schema.declared, node)
            sub = _tolerant(schema.resolve, declared.get(part, {}))
            names = list(declared)
            order.append(names.index(part) if part in declared else len(names))
            label = str(sub.get("title", part))
            instance = instance.get(part) if isinstance(instance, Mapping) else None
            node = sub
            if position + 1 < len(path) and isinstance(path[position + 1], int):
                continue  # « Sections › Section 2 » says it twice: the item is enough
        labels.append(label)
    return labels, tuple(order)


def _tolerant(read: Callable[..., Any], *arguments: Any) -> Any:
    """A schema lookup for a label: a reference that leads nowhere elsewhere in the
    schema must not stop the naming of an error here (the label is then the key)."""
    try:
        return read(*arguments)
    except SchemaError:
        return {}


def _translate(schema: Schema, data: Any, error: ValidationError) -> Iterator[Issue]:
    path: Path = tuple(error.absolute_path)
    keyword = str(error.validator)
    value: Any = error.validator_value
    instance: Any = error.instance
    if keyword == "required" and isinstance(value, list):
        for name in value:
            if isinstance(instance, Mapping) and name not in instance:
                yield _issue(schema, data, (*path, name), "ce champ est obligatoire.", keyword)
        return
    if keyword == "dependentRequired" and isinstance(instance, Mapping):
        yield from _translate_dependent(schema, data, path, value, instance)
        return
    if keyword == "additionalProperties" and isinstance(instance, Mapping):
        for name in _additional(error.schema, instance):
            message = "champ inconnu du schéma : supprimez-le ou corrigez son nom."
            yield _issue(schema, data, (*path, name), message, keyword)
        return
    if keyword in ("oneOf", "anyOf"):
        yield from _translate_choice(schema, data, error, path)
        return
    if error.validator is None:  # a ``false`` subschema: jsonschema omits the last step
        message = _SIMPLE["None"]
        for child in forbidden_children(schema, data, path) or [None]:
            where = path if child is None else (*path, child)
            yield _issue(schema, data, where, message, "false")
        return
    yield _issue(schema, data, path, _message(error), keyword)


def _translate_dependent(
    schema: Schema, data: Any, path: Path, value: Any, instance: Mapping[str, Any]
) -> Iterator[Issue]:
    for present, needed in value.items() if isinstance(value, Mapping) else ():
        if present not in instance or not isinstance(needed, list):
            continue
        label = describe_path(schema, data, (*path, present)).split(SEPARATOR)[-1]
        for name in needed:
            if name not in instance:
                message = f"ce champ est obligatoire quand « {label} » est rempli."
                yield _issue(schema, data, (*path, name), message, "dependentRequired")


def _additional(node: Any, instance: Mapping[str, Any]) -> list[str]:
    """The properties ``additionalProperties`` refused: neither declared nor
    matched by a ``patternProperties`` pattern (the keyword's own rule)."""
    node = node if isinstance(node, Mapping) else {}
    declared = node.get("properties", {})
    patterns = node.get("patternProperties", {})
    return [
        name
        for name in instance
        if name not in declared and not any(_search(p, name) for p in patterns)
    ]


def _search(pattern: str, text: str) -> bool:
    try:
        return re.search(pattern, text) is not None
    except re.error:
        return False


def _translate_choice(
    schema: Schema, data: Any, error: ValidationError, path: Path
) -> Iterator[Issue]:
    """Report a ``oneOf`` error as the errors of the alternative the data chose.

    Blocks say which alternative they are (``type: zoom``); showing the errors of
    the six other block types would only confuse.
    """
    node: Any = error.schema
    instance: Any = error.instance
    alternatives = schema.variants(node)
    chosen = schema.variant_for(node, instance)
    if chosen is not None:
        index = next((i for i, alt in enumerate(alternatives) if alt is chosen), None)
        suberrors = [e for e in error.context or [] if e.relative_schema_path[0] == index]
        for sub in suberrors:
            yield from _translate(schema, data, sub)
        if suberrors:
            return
    if not error.context and error.validator == "oneOf":
        message = "correspond à plusieurs formes permises à la fois ; une seule est attendue."
        yield _issue(schema, data, path, message, "oneOf")
        return
    if all(discriminators(schema, alt) for alt in alternatives) and alternatives:
        if not isinstance(instance, Mapping):
            yield _issue(schema, data, path, "doit être un groupe de champs.", "type")
            return
        choices = ", ".join(_alternative_label(schema, alt) for alt in alternatives)
        message = f"type inconnu ; types possibles : {choices}."
        yield _issue(schema, data, path, message, str(error.validator))
        return
    message = "ne correspond à aucune des formes permises par le schéma."
    yield _issue(schema, data, path, message, str(error.validator))


def _alternative_label(schema: Schema, alternative: JsonObject) -> str:
    constants = discriminators(schema, alternative)
    title = str(alternative.get("title", ""))
    values = "/".join(str(v) for v in constants.values())
    return f"{title} ({values})" if values and title else title or values


_FORMATS = {
    "date": "doit être une date réelle au format AAAA-MM-JJ (par exemple 2021-03-31).",
    "date-time": (
        "doit être une date et une heure au format AAAA-MM-JJTHH:MM:SS avec son fuseau "
        "(par exemple 2021-03-31T09:00:00+02:00)."
    ),
    "time": "doit être une heure au format HH:MM:SS avec son fuseau (par exemple 09:00:00+02:00).",
    "email": "doit être une adresse électronique (par exemple prenom.nom@ampmetropole.fr).",
    "idn-email": "doit être une adresse électronique (par exemple prenom.nom@ampmetropole.fr).",
    "uri": "doit être une adresse complète (par exemple https://www.ampmetropole.fr).",
    "iri": "doit être une adresse complète (par exemple https://www.ampmetropole.fr).",
    "uuid": "doit être un identifiant UUID (par exemple 123e4567-e89b-12d3-a456-426614174000).",
}

_SIMPLE = {
    "uniqueItems": "la liste contient des doublons.",
    "not": "cette valeur est justement celle que le schéma exclut.",
    "unevaluatedProperties": "ce groupe contient des champs que le schéma ne prévoit pas.",
    "unevaluatedItems": "la liste contient des éléments que le schéma ne prévoit pas.",
    "items": "la liste contient des éléments que le schéma ne prévoit pas.",
    "contains": "la liste ne contient aucun élément du type attendu.",
    "propertyNames": "le nom d’un champ n’est pas de la forme attendue.",
    "None": "aucune valeur n’est permise ici.",
}


def _message(error: ValidationError) -> str:
    keyword = str(error.validator)
    value: Any = error.validator_value
    instance: Any = error.instance
    node: Any = error.schema if isinstance(error.schema, Mapping) else {}
    if keyword == "contains" and node.get("x-format-message"):
        return str(node["x-format-message"])
    if keyword in _SIMPLE:
        return _SIMPLE[keyword]
    if keyword in ("minLength", "maxLength", "minItems", "maxItems"):
        return _size_message(keyword, value, instance)
    if keyword in ("minProperties", "maxProperties"):
        bound = "au moins" if keyword == "minProperties" else "au plus"
        return f"ce groupe doit compter {bound} {value} champ(s) (actuellement {len(instance)})."
    if keyword in ("minContains", "maxContains"):
        bound = "au moins" if keyword == "minContains" else "au plus"
        return f"la liste doit contenir {bound} {value} élément(s) du type attendu."
    if keyword == "type":
        return f"doit être {_type_names(value)}."
    if keyword == "enum":
        choices = ", ".join(f"« {enum_title(node, v)} »" for v in value)
        return f"valeur « {_shown(instance)} » inconnue ; valeurs possibles : {choices}."
    if keyword == "const":
        return f"doit valoir « {_shown(value)} »."
    if keyword in ("pattern", "format"):
        hint = node.get("x-format-message")
        if hint:
            return str(hint)
        if keyword == "format":
            return _FORMATS.get(str(value), f"n’a pas le format « {value} » attendu.")
        return "le format n’est pas celui attendu."
    if keyword in _BOUNDS:
        return f"doit être {_BOUNDS[keyword]} {_shown(value)}."
    if keyword == "multipleOf":
        return f"doit être un multiple de {_shown(value)}."
    return f"valeur incorrecte (règle « {keyword} » du schéma)."


_BOUNDS = {
    "minimum": "supérieur ou égal à",
    "exclusiveMinimum": "strictement supérieur à",
    "maximum": "inférieur ou égal à",
    "exclusiveMaximum": "strictement inférieur à",
}


def _size_message(keyword: str, value: Any, instance: Any) -> str:
    if keyword == "minLength":
        if isinstance(instance, str) and not instance.strip():
            return "ce champ est obligatoire."
        return f"au moins {value} caractères (actuellement {len(instance)})."
    if keyword == "maxLength":
        return f"{value} caractères au plus (actuellement {len(instance)})."
    if keyword == "minItems":
        if not instance:
            return "la liste est vide : ajoutez au moins un élément."
        return f"au moins {value} éléments (actuellement {len(instance)})."
    return f"{value} éléments au plus (actuellement {len(instance)})."


def _shown(value: Any) -> str:
    """A value as the user would write it (``true``, ``3``, ``texte``)."""
    if isinstance(value, str):
        return value
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except ValueError:
        return str(value)


def _type_names(value: str | Iterable[str]) -> str:
    names = [value] if isinstance(value, str) else list(value)
    return " ou ".join(_TYPE_NAMES.get(name, name) for name in names)


def _issue(schema: Schema, data: Any, path: Path, message: str, keyword: str) -> Issue:
    chemin = describe_path(schema, data, path)
    return Issue(path=path, chemin=chemin, message=message, keyword=keyword)


def _has_index(instance: Any, index: int) -> bool:
    return isinstance(instance, list) and 0 <= index < len(instance)


def _is_choice(node: JsonObject) -> bool:
    return "oneOf" in node or "anyOf" in node


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
