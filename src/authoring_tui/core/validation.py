"""Validation of a chapter against its schema, in French, on readable paths.

jsonschema reports « 'texte' is a required property » at « sections/1/blocs/2 »;
a DGA contributor needs « Section 2 › Bloc 3 (paragraphe) › Texte : ce champ est
obligatoire ». This module turns every error (all of them, not the first) into
such a message, using the schema's own French titles.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

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


def validate(schema: Schema, data: Any) -> list[Issue]:
    """Every error of ``data`` against ``schema``, in document order."""
    issues: dict[tuple[Path, str], Issue] = {}
    for error in schema.iter_errors(data):
        for issue in _translate(schema, data, error):
            issues.setdefault((issue.path, issue.message), issue)
    return sorted(issues.values(), key=lambda issue: _walk_path(schema, data, issue.path)[1])


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
        node = schema.resolve(node)
        if isinstance(part, int):
            item = schema.items(node)
            label = f"{item.get('title', 'Élément')} {part + 1}"
            instance = instance[part] if _has_index(instance, part) else None
            variant = schema.variant_for(item, instance) if _is_choice(item) else None
            if variant is not None:
                label += f" ({_lower_first(str(variant.get('title', '')))})"
                item = variant
            node = item
            order.append(part)
        else:
            properties = schema.properties(node)
            sub = properties.get(part, {})
            names = list(properties)
            order.append(names.index(part) if part in properties else len(names))
            label = str(sub.get("title", part))
            instance = instance.get(part) if isinstance(instance, Mapping) else None
            node = sub
            if position + 1 < len(path) and isinstance(path[position + 1], int):
                continue  # « Sections › Section 2 » says it twice: the item is enough
        labels.append(label)
    return labels, tuple(order)


def _translate(schema: Schema, data: Any, error: ValidationError) -> Iterator[Issue]:
    path: Path = tuple(error.absolute_path)
    keyword = str(error.validator)
    value: Any = error.validator_value
    instance: Any = error.instance
    node: Any = error.schema
    if keyword == "required":
        for name in value:
            if isinstance(instance, Mapping) and name not in instance:
                yield _issue(schema, data, (*path, name), "ce champ est obligatoire.", keyword)
        return
    if keyword == "additionalProperties" and isinstance(instance, Mapping):
        known = set(node.get("properties", {}))
        for name in instance:
            if name not in known:
                message = "champ inconnu du schéma : supprimez-le ou corrigez son nom."
                yield _issue(schema, data, (*path, name), message, keyword)
        return
    if keyword in ("oneOf", "anyOf"):
        yield from _translate_choice(schema, data, error, path)
        return
    yield _issue(schema, data, path, _message(schema, error), keyword)


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
        index = next(i for i, alt in enumerate(alternatives) if alt is chosen or alt == chosen)
        suberrors = [e for e in error.context or [] if e.relative_schema_path[0] == index]
        if suberrors:
            for sub in suberrors:
                yield from _translate(schema, data, sub)
            return
    if not isinstance(instance, Mapping):
        yield _issue(schema, data, path, "doit être un groupe de champs.", "type")
        return
    choices = ", ".join(_alternative_label(schema, alt) for alt in alternatives)
    yield _issue(schema, data, path, f"type inconnu ; types possibles : {choices}.", "oneOf")


def _alternative_label(schema: Schema, alternative: JsonObject) -> str:
    constants = discriminators(schema, alternative)
    title = str(alternative.get("title", ""))
    values = "/".join(str(v) for v in constants.values())
    return f"{title} ({values})" if values and title else title or values


def _message(schema: Schema, error: ValidationError) -> str:
    keyword = error.validator
    value: Any = error.validator_value
    instance: Any = error.instance
    node: Any = error.schema
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
    if keyword == "maxItems":
        return f"{value} éléments au plus (actuellement {len(instance)})."
    if keyword == "type":
        return f"doit être {_type_names(value)}."
    if keyword == "enum":
        choices = ", ".join(f"« {enum_title(node, v)} »" for v in value)
        return f"valeur « {instance} » inconnue ; valeurs possibles : {choices}."
    if keyword == "const":
        return f"doit valoir « {value} »."
    if keyword == "pattern":
        hint = node.get("x-format-message")
        return str(hint) if hint else "le format n’est pas celui attendu."
    if keyword in ("minimum", "exclusiveMinimum"):
        strict = " strictement" if keyword == "exclusiveMinimum" else ""
        return f"doit être{strict} supérieur ou égal à {value}."
    if keyword in ("maximum", "exclusiveMaximum"):
        strict = " strictement" if keyword == "exclusiveMaximum" else ""
        return f"doit être{strict} inférieur ou égal à {value}."
    if keyword == "uniqueItems":
        return "la liste contient des doublons."
    return f"valeur incorrecte (règle « {keyword} » du schéma)."


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
