"""The workspace's JSON Schemas: loading, resolving and validating.

The schema is the single source of truth for what a chapter holds: its fields,
their French labels (``title``) and help (``description``), their limits. The
validator, completeness, the form of the TUI and the generic part of the export
all walk it through ``Schema``, never a hard-coded field list.

Validation is jsonschema's ``Draft202012Validator`` with jsonschema's format
checker and the ``referencing`` registry of the folder. The only extension is a
shortcut for discriminated unions (``oneOf``), taken only where it is provably
the same function (see ``Schema.discriminator``); ``tests/test_jsonschema_suite.py``
runs the official test suite through it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import SchemaError
from .files import Folder
from .schema_library import SchemaLibrary, as_node, format_checker, json_equal, normalised
from .schema_library import read_schema as _read_schema
from .status_cache import KnownValid

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

JsonObject = Mapping[str, Any]

MAX_CHAIN = 64
"""References followed in a row before a chain is taken for a loop."""

_REFERENCE_KEYS = ("$ref", "$dynamicRef")
_NOT_MERGED = frozenset({"$ref", "$dynamicRef", "$id", "$schema", "$anchor", "$dynamicAnchor"})


@dataclass(frozen=True)
class Discriminator:
    """A property every alternative of a ``oneOf`` requires with a distinct ``const``."""

    key: str
    values: tuple[Any, ...]

    def index_for(self, instance: Any) -> int | None:
        if not isinstance(instance, Mapping) or self.key not in instance:
            return None
        value = instance[self.key]
        matches = [i for i, const in enumerate(self.values) if json_equal(value, const)]
        return matches[0] if len(matches) == 1 else None


@dataclass
class Schema:
    """One JSON Schema document, with its validator built once and kept."""

    path: Path
    contents: dict[str, Any]
    library_source: Callable[[], SchemaLibrary]
    """Builds the library of every schema of the folder (imports ``referencing``),
    called only when a ``$ref`` is followed or the validator is built."""
    use_shortcut: bool = True
    _validator: Validator | None = field(default=None, repr=False)
    _resolved: dict[int, tuple[Any, JsonObject]] = field(default_factory=dict, repr=False)
    _applied: dict[int, tuple[Any, list[JsonObject]]] = field(default_factory=dict, repr=False)
    _discriminators: dict[int, tuple[Any, Discriminator | None]] = field(
        default_factory=dict, repr=False
    )
    _sub_validators: dict[int, tuple[Any, Validator]] = field(default_factory=dict, repr=False)
    walk_cache: dict[int, Any] = field(default_factory=dict, repr=False)
    """For ``applicable``: what each node applies in place, worked out once."""

    @classmethod
    def standalone(cls, path: Path, contents: Any) -> Schema:
        """A schema that refers to no other file (the report's own schema)."""
        uri = path.resolve().as_uri()
        root = normalised(contents, uri)
        library = cache(lambda: SchemaLibrary({uri: root}))
        return cls(path, root, library)

    @property
    def library(self) -> SchemaLibrary:
        return self.library_source()

    @property
    def uri(self) -> str:
        return str(self.contents.get("$id") or self.path.resolve().as_uri())

    @property
    def title(self) -> str:
        return str(self.contents.get("title", self.path.stem))

    # -- Validation ---------------------------------------------------------

    @property
    def validator(self) -> Validator:
        if self._validator is None:
            cls = chapter_validator_class()
            if self.use_shortcut:
                from jsonschema.validators import extend

                cls = extend(cls, validators={"oneOf": self._one_of})  # type: ignore[no-untyped-call]
            self._validator = cls(
                self.contents, registry=self.library.registry, format_checker=format_checker()
            )
        return self._validator

    def validator_reset(self) -> None:
        """Forget the validator (built again on next use, e.g. after ``use_shortcut``
        changed: the bench times validation both ways)."""
        self._validator = None
        self._sub_validators.clear()

    def iter_errors(self, instance: Any) -> Iterator[Any]:
        """jsonschema's errors; a reference that leads nowhere or loops is a
        ``SchemaError`` naming this file."""
        from referencing.exceptions import Unresolvable

        try:
            yield from self.validator.iter_errors(instance)
        except Unresolvable as error:  # jsonschema wraps it, keeping this class
            raise SchemaError(f"une référence ne mène à rien ({error}).", self.path) from None
        except RecursionError:
            raise SchemaError(
                "des références « $ref » se suivent en boucle sans fin.", self.path
            ) from None
        except re.error as error:
            raise SchemaError(
                f"l’expression régulière « {error.pattern!s} » n’est pas lisible par l’outil "
                f"({error.msg}).",
                self.path,
            ) from None

    def is_valid(self, node: Any, instance: Any) -> bool:
        """Whether ``instance`` is valid against the subschema ``node``, from its place."""
        if node is True or node is False:
            return bool(node)
        found = self._sub_validators.get(id(node))
        if found is None or found[0] is not node:
            address = self.library.address_of(node)
            target = {"$ref": address.uri} if address is not None else node
            found = self._sub_validators[id(node)] = (node, self.validator.evolve(schema=target))
        try:
            return found[1].is_valid(instance)
        except RecursionError:
            raise SchemaError("des références « $ref » se suivent en boucle.", self.path) from None

    def _one_of(
        self, validator: Validator, alternatives: list[Any], instance: Any, node: Any
    ) -> Iterator[Any]:
        """``oneOf`` that validates only the alternative a block's ``type`` names.

        Taken only for a discriminated union (``discriminator``): there, every other
        alternative fails on its ``required`` or ``const`` anyway, so the verdict is
        that of the named alternative. It makes validation several times faster
        and reports the errors of the block type the user chose, not of all seven.
        """
        discriminator = self.discriminator(alternatives)
        index = discriminator.index_for(instance) if discriminator else None
        if index is None:
            yield from chapter_validator_class().VALIDATORS["oneOf"](
                validator, alternatives, instance, node
            )
        else:
            yield from validator.descend(  # type: ignore[attr-defined]
                instance, alternatives[index], schema_path=index
            )

    # -- Walking the schema -------------------------------------------------

    def follow(self, node: JsonObject, ref: str) -> JsonObject:
        """The subschema a reference written in ``node`` designates."""
        try:
            return as_node(self.library.follow(node, ref, self.uri))
        except SchemaError as error:
            raise SchemaError(error.message, self.path) from None

    def resolve(self, subschema: Any) -> JsonObject:
        """Follow ``$ref`` until a real subschema, keeping what is written beside
        each reference (title, description…), which wins over the target's."""
        node: JsonObject = as_node(subschema)
        if not any(isinstance(node.get(key), str) for key in _REFERENCE_KEYS):
            return node
        found = self._resolved.get(id(node))
        if found is not None and found[0] is node:
            return found[1]
        chain = [node]
        while len(chain) <= MAX_CHAIN:
            ref = next(
                (chain[-1][k] for k in _REFERENCE_KEYS if isinstance(chain[-1].get(k), str)), None
            )
            if ref is None:
                merged = _merged_view(chain)
                self._resolved[id(node)] = (node, merged)
                return merged
            target = self.follow(chain[-1], ref)
            if any(target is seen for seen in chain):
                break
            chain.append(target)
        raise SchemaError(f"références « $ref » en boucle ({node.get('$ref')}).", self.path)

    def applied(self, node: Any) -> list[JsonObject]:
        """The subschemas that always apply where ``node`` does: itself, its
        ``$ref`` targets and its ``allOf`` members, recursively (``$dynamicRef``,
        whose target depends on the path taken, is not followed)."""
        node = as_node(node)
        found = self._applied.get(id(node))
        if found is not None and found[0] is node:
            return found[1]
        result: list[JsonObject] = []
        queue: list[JsonObject] = [node]
        while queue:
            current = queue.pop(0)
            if any(current is seen for seen in result):
                continue
            result.append(current)
            if isinstance(current.get("$ref"), str):
                queue.append(self.follow(current, current["$ref"]))
            members = current.get("allOf")
            if isinstance(members, list):
                queue.extend(as_node(member) for member in members)
        self._applied[id(node)] = (node, result)
        return result

    def properties(self, node: Any) -> dict[str, JsonObject]:
        """The properties an object node declares, its own first, then those its
        ``$ref`` and ``allOf`` bring, each resolved."""
        return {name: self.resolve(sub) for name, sub in self.declared(node).items()}

    def declared(self, node: Any) -> dict[str, Any]:
        """The same properties, not resolved: reading one of them never fails
        because a sibling's reference leads nowhere."""
        found: dict[str, Any] = {}
        for applied in self.applied(node):
            declared = applied.get("properties")
            if isinstance(declared, Mapping):
                for name, sub in declared.items():
                    found.setdefault(name, sub)
        return found

    def required(self, node: Any) -> list[str]:
        names: list[str] = []
        for applied in self.applied(node):
            declared = applied.get("required")
            if isinstance(declared, list):
                names.extend(n for n in declared if isinstance(n, str) and n not in names)
        return names

    def items(self, node: Any) -> JsonObject:
        for applied in self.applied(node):
            if "items" in applied:
                return self.resolve(applied["items"])
        return {}

    def variants(self, node: Any) -> list[JsonObject]:
        """The alternatives of a ``oneOf``/``anyOf`` node, resolved."""
        node = self.resolve(node)
        alternatives = node.get("oneOf") or node.get("anyOf") or []
        return [self.resolve(alt) for alt in alternatives] if isinstance(alternatives, list) else []

    def variant_for(self, node: Any, instance: Any) -> JsonObject | None:
        """The alternative of a ``oneOf``/``anyOf`` that an instance's discriminator
        selects (``type: paragraphe``), or ``None``."""
        node = self.resolve(node)
        alternatives = node.get("oneOf") or node.get("anyOf")
        if not isinstance(alternatives, list):
            return None
        discriminator = self.discriminator(alternatives)
        index = discriminator.index_for(instance) if discriminator else None
        return None if index is None else self.resolve(alternatives[index])

    def discriminator(self, alternatives: list[Any]) -> Discriminator | None:
        """The property that tells a union's alternatives apart, if there is one.

        Every alternative must *require* the same property with a ``const``, and
        the constants must differ as JSON values: then at most one alternative
        can accept an object, the one whose constant the object holds.
        """
        found = self._discriminators.get(id(alternatives))
        if found is None or found[0] is not alternatives:
            found = (alternatives, self._find_discriminator(alternatives))
            self._discriminators[id(alternatives)] = found
        return found[1]

    def _find_discriminator(self, alternatives: list[Any]) -> Discriminator | None:
        tables = [self.constants(alt) for alt in alternatives]
        if not tables or not all(tables):
            return None
        for key in tables[0]:
            if all(key in table for table in tables):
                values = tuple(table[key] for table in tables)
                if _all_distinct(values):
                    return Discriminator(key, values)
        return None

    def constants(self, node: Any) -> dict[str, Any]:
        """The required ``const`` properties of a node (``{"type": "zoom"}``)."""
        required = self.required(node)
        properties = self.properties(node)
        return {
            name: properties[name]["const"]
            for name in required
            if name in properties and "const" in properties[name]
        }


def _merged_view(chain: list[JsonObject]) -> JsonObject:
    """One node for a reference chain, outer keywords over inner ones, except
    ``properties`` (merged by name) and ``required`` (united): what the form and
    the labels read. Validation never reads it: jsonschema follows the chain."""
    merged: dict[str, Any] = dict(chain[-1])
    for outer in reversed(chain[:-1]):
        for key, value in outer.items():
            if key in _NOT_MERGED:
                continue
            inner = merged.get(key)
            if key == "properties" and isinstance(inner, Mapping) and isinstance(value, Mapping):
                merged[key] = {**inner, **value}
            elif key == "required" and isinstance(inner, list) and isinstance(value, list):
                merged[key] = inner + [name for name in value if name not in inner]
            else:
                merged[key] = value
    for key in _REFERENCE_KEYS:
        merged.pop(key, None)
    return merged


def _all_distinct(values: tuple[Any, ...]) -> bool:
    return not any(json_equal(a, b) for i, a in enumerate(values) for b in values[i + 1 :])


@cache
def chapter_validator_class() -> Any:
    """Draft 2020-12, as jsonschema implements it; jsonschema is imported only when
    a chapter is really validated (a cached measurement needs none)."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator


def discriminators(schema: Schema, node: JsonObject) -> dict[str, Any]:
    """The ``const`` properties that identify an alternative (``{"type": "zoom"}``)."""
    return schema.constants(node)


def enum_title(node: JsonObject, value: Any) -> str:
    """The French title of an enum value (``x-enum-titles``), or the value itself."""
    titles = node.get("x-enum-titles", {})
    if isinstance(titles, Mapping) and isinstance(value, str) and value in titles:
        return str(titles[value])
    return str(value)


class SchemaSet:
    """Every schema of a workspace's ``schema/`` folder, loaded lazily and once."""

    def __init__(
        self, folder: Path, known_valid: KnownValid | None = None, files: Folder | None = None
    ) -> None:
        self.folder = folder
        self.known_valid = known_valid
        self.files = files or Folder.at(folder)
        self._documents: dict[Path, Any] | None = None
        self._library: SchemaLibrary | None = None
        self._schemas: dict[Path, Schema] = {}

    def get(self, path: Path) -> Schema:
        path = Path(os.path.abspath(path))
        if path not in self._schemas:
            documents = self._load_documents()
            if path not in documents:
                contents = _read_schema(path, self.known_valid, self.files)
                documents[path] = normalised(contents, path.as_uri())
                self._library = None
            self._schemas[path] = Schema(path, documents[path], self._build_library)
        return self._schemas[path]

    def _load_documents(self) -> dict[Path, Any]:
        if self._documents is None:
            documents = {}  # kept only when every schema reads: a broken one fails each time
            for path in self.files.files(self.folder, ".json"):
                contents = _read_schema(path, self.known_valid, self.files)
                documents[path] = normalised(contents, path.as_uri())
            self._documents = documents
        return self._documents

    def _build_library(self) -> SchemaLibrary:
        if self._library is None:
            documents = self._load_documents()
            self._library = SchemaLibrary({path.as_uri(): doc for path, doc in documents.items()})
        return self._library
