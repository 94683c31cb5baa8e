"""The schemas of a workspace as ``referencing`` sees them, and where each node lives.

Validation is jsonschema's own; this module only gives it (and the core's walks:
completeness, word count, the form) the same view of the documents:

- every file of ``schema/`` is registered under its file URI and under its
  ``$id`` resolved against that URI, as the specification says; nested ``$id``
  and anchors are found by ``referencing`` itself (``Registry.crawl``);
- every schema node of every document has an *address*, the URI of its document
  and its JSON pointer, so that a ``$ref`` met anywhere is resolved from the
  resolver ``referencing`` itself gives for that place (``lookup`` of the
  address), never against a base guessed by hand.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urljoin

from .errors import AuthoringError, SchemaError
from .files import Folder
from .status_cache import KnownValid

if TYPE_CHECKING:
    from referencing import Registry

Resolver = Any
"""``referencing``'s resolver (its class is not exported under a public name)."""

MAX_SCHEMA_BYTES = 4 * 1024 * 1024
"""A real schema is a few dozen KB; a larger file is a mistake or an attack."""

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"

TRUE_NODE: dict[str, Any] = {}
FALSE_NODE: dict[str, Any] = {"not": {}}
"""The boolean schemas as objects: ``true`` accepts anything, ``false`` nothing
(``{"not": {}}`` is the specification's own equivalent)."""


def as_node(node: Any) -> Mapping[str, Any]:
    """A subschema as a mapping: booleans become their object equivalents."""
    if node is True:
        return TRUE_NODE
    if node is False:
        return FALSE_NODE
    return node if isinstance(node, Mapping) else TRUE_NODE


@dataclass(frozen=True)
class Address:
    """Where a schema node lives: its document's URI and its JSON pointer."""

    document: str
    pointer: str

    @property
    def uri(self) -> str:
        return f"{self.document}#{quote(self.pointer, safe='/~')}"


class SchemaLibrary:
    """Documents by URI, their ``referencing`` registry, and every node's address.

    Built once per ``schema/`` folder and only when a reference must be followed
    or a validator built (``status`` with its cache up to date needs neither).
    """

    def __init__(self, documents: Mapping[str, Any]) -> None:
        from jsonschema_specifications import REGISTRY as SPECIFICATIONS
        from referencing import Resource
        from referencing.jsonschema import DRAFT202012

        self._addresses: dict[int, tuple[Any, Address]] = {}
        self._resolvers: dict[int, Resolver] = {}
        self._lookups: dict[tuple[int, str], Any] = {}
        registry: Registry[Any] = SPECIFICATIONS
        for uri, contents in documents.items():
            resource = Resource.from_contents(contents, default_specification=DRAFT202012)
            registry = registry.with_resource(uri, resource)
            own_id = resource.id()
            if own_id is not None:
                registry = registry.with_resource(urljoin(uri, own_id), resource)
            self._index(urljoin(uri, own_id) if own_id else uri, contents)
        self.registry: Registry[Any] = registry.crawl()
        self._registry_indexed = False

    def _index(self, uri: str, contents: Any) -> None:
        """Give every object of a document its address (iteratively: deep documents
        cannot break the recursion limit)."""
        stack: list[tuple[Any, str]] = [(contents, "")]
        while stack:
            node, pointer = stack.pop()
            if isinstance(node, Mapping):
                self._addresses.setdefault(id(node), (node, Address(uri, pointer)))
                stack.extend((v, f"{pointer}/{_escape(k)}") for k, v in node.items())
            elif isinstance(node, list):
                stack.extend((v, f"{pointer}/{i}") for i, v in enumerate(node))

    def address_of(self, node: Any) -> Address | None:
        found = self._addresses.get(id(node))
        return found[1] if found is not None and found[0] is node else None

    def resolver_at(self, node: Any, fallback: str) -> Resolver:
        """The resolver ``referencing`` gives at ``node``'s place (its base URI
        takes every enclosing ``$id`` into account)."""
        resolver = self._resolvers.get(id(node))
        if resolver is not None:
            return resolver
        address = self.address_of(node) or self._address_in_registry(node)
        if address is None:
            return self.registry.resolver(base_uri=fallback)
        resolver = self.registry.resolver().lookup(address.uri).resolver
        self._resolvers[id(node)] = resolver
        return resolver

    def _address_in_registry(self, node: Any) -> Address | None:
        """The address of a node of a document we did not index ourselves (the
        metaschemas jsonschema brings): they are indexed on first need, once."""
        if not self._registry_indexed:
            self._registry_indexed = True
            indexed = {address.document for _, address in self._addresses.values()}
            for uri in self.registry:
                if uri not in indexed:
                    self._index(uri, self.registry.contents(uri))
        return self.address_of(node)

    def follow(self, node: Any, ref: str, fallback: str) -> Any:
        """The subschema that ``ref``, written in ``node``, designates.

        The target is remembered with the resolver of its own place, so that the
        references it holds resolve from there in turn.
        """
        from referencing.exceptions import Unresolvable

        key = (id(node), ref)
        resolved = self._lookups.get(key)
        if resolved is None:
            try:
                resolved = self.resolver_at(node, fallback).lookup(ref)
            except Unresolvable:
                raise SchemaError(f"la référence « {ref} » ne mène à rien.") from None
            self._lookups[key] = resolved
            target = resolved.contents
            if isinstance(target, Mapping) and self.address_of(target) is None:
                self._resolvers.setdefault(id(target), resolved.resolver)
        return resolved.contents


def _escape(key: str) -> str:
    return str(key).replace("~", "~0").replace("/", "~1")


def normalised(contents: Any, uri: str) -> Any:
    """The document as registered: booleans as objects, the base made explicit.

    A root without ``$id`` (or with a relative one) gets its absolute base as
    ``$id``: the specification's retrieval URI, which jsonschema cannot know from
    the contents alone. ``$schema`` naming draft 2020-12, the default dialect, is
    left out, so that jsonschema keeps this project's validator (with its format
    checker and shortcut) when a ``$ref`` enters the file, instead of switching
    to its stock class for that URI; other dialects are kept as they are.
    """
    node = dict(as_node(contents))
    if node.get("$schema", DRAFT_2020_12) != DRAFT_2020_12:
        return node
    own_id = node.get("$id")
    node["$id"] = urljoin(uri, own_id) if isinstance(own_id, str) else uri
    if node.get("$schema") == DRAFT_2020_12:
        del node["$schema"]
    return node


def read_schema(
    path: Path, known_valid: KnownValid | None = None, files: Folder | None = None
) -> Any:
    """Read one schema file and check it against its dialect's metaschema
    (unless ``known_valid`` remembers these very bytes as checked); ``files``: the
    folder it must stay in (default: its own)."""
    raw = _read_bytes(path, files or Folder.at(path.parent))
    try:
        contents = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SchemaError("le schéma n’est pas encodé en UTF-8.", path) from None
    except json.JSONDecodeError as exc:
        raise SchemaError(
            f"le schéma n’est pas du JSON valide ({exc.msg}).", path, exc.lineno, exc.colno
        ) from None
    except RecursionError:
        raise SchemaError("le schéma est imbriqué trop profondément.", path) from None
    if not isinstance(contents, dict | bool):
        raise SchemaError("le schéma doit être un objet JSON (ou true / false).", path, 1)
    digest = KnownValid.digest("schema", raw)
    if known_valid is None or digest not in known_valid:
        check_against_metaschema(path, contents)
        if known_valid is not None:
            known_valid.add(digest)
    return contents


def _read_bytes(path: Path, files: Folder) -> bytes:
    try:
        return files.read_bytes(path, MAX_SCHEMA_BYTES)
    except FileNotFoundError:
        raise SchemaError("le schéma n’existe pas.", path) from None
    except AuthoringError as error:
        raise SchemaError(error.message, path) from None


def check_against_metaschema(path: Path, contents: Any) -> None:
    from jsonschema.exceptions import SchemaError as JsonSchemaError

    try:
        metaschema_validator(contents).check_schema(contents)
    except JsonSchemaError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "racine"
        raise SchemaError(
            f"ce n’est pas un JSON Schema valide (à « {where} » : {exc.message}).", path
        ) from None
    except RecursionError:
        raise SchemaError("le schéma est imbriqué trop profondément.", path) from None


_TYPES = {
    "string": "un texte",
    "number": "un nombre",
    "integer": "un nombre entier",
    "boolean": "true ou false",
    "array": "une liste",
    "object": "un objet",
    "null": "null",
}


def _metaschema_problem(error: Any) -> str:
    """What the metaschema refused, in French (jsonschema's own words are English)."""
    keyword, value, instance = error.validator, error.validator_value, error.instance
    shown = json.dumps(instance, ensure_ascii=False)[:80]
    if keyword == "format" and value == "regex":
        return f"{shown} n’est pas une expression régulière que Python sait lire"
    if keyword == "type":
        names = [value] if isinstance(value, str) else list(value)
        return f"{shown} devrait être " + " ou ".join(_TYPES.get(n, n) for n in names)
    if keyword == "minimum":
        return f"{shown} devrait être un nombre positif ou nul"
    return f"{shown} ne respecte pas la règle « {keyword} » du métaschéma"


def metaschema_validator(contents: Any) -> Any:
    """The validator class of the schema's dialect (draft 2020-12 by default)."""
    import warnings

    from jsonschema import Draft202012Validator
    from jsonschema.validators import validator_for

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # an unknown $schema: the default
        return validator_for(contents, default=Draft202012Validator)


def json_equal(a: Any, b: Any) -> bool:
    """Equality as JSON (and JSON Schema's ``const``) understands it: ``1 == 1.0``
    but ``true`` is no number, lists and objects compare member by member."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    if isinstance(a, str) or isinstance(b, str):
        return isinstance(a, str) and isinstance(b, str) and a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)
    return a is None and b is None


@cache
def format_checker() -> Any:
    """jsonschema's own format checker (``date``, ``date-time``, ``email``, ``uri``…)."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator.FORMAT_CHECKER
