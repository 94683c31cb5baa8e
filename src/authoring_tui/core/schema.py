"""The workspace's JSON Schemas: loading, checking, resolving and validating.

The schema is the single source of truth for what a chapter holds: its fields,
their French labels (``title``) and help (``description``), their limits. The
validator, completeness, the form of the TUI and the generic part of the export
all walk it through ``Schema``, never a hard-coded field list.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from .errors import SchemaError
from .status_cache import KnownValid

if TYPE_CHECKING:
    from jsonschema.protocols import Validator
    from referencing import Registry

JsonObject = Mapping[str, Any]


def _is_string(checker: object, instance: object) -> bool:
    # YAML reads unquoted dates (« echeance: 2021-03-31 ») as date objects; the
    # contract writes them that way, so they count as JSON strings.
    return isinstance(instance, str | datetime.date)


@cache
def chapter_validator_class() -> Any:
    """Draft 2020-12 with dates as strings; jsonschema is imported only when a
    chapter is really validated (a cached measurement needs none)."""
    from jsonschema import Draft202012Validator
    from jsonschema.validators import extend

    checker = Draft202012Validator.TYPE_CHECKER.redefine("string", _is_string)
    return extend(Draft202012Validator, type_checker=checker)  # type: ignore[no-untyped-call]


@dataclass
class Schema:
    """One JSON Schema document, with its validator built once and kept."""

    path: Path
    contents: dict[str, Any]
    registry_source: Callable[[], Registry[Any]]
    """Builds the registry of every schema of the folder (imports ``referencing``),
    called only when a ``$ref`` is followed or the validator is built."""
    _validator: Validator | None = field(default=None, repr=False)
    _resolved: dict[str, JsonObject] = field(default_factory=dict, repr=False)
    _discriminators: dict[int, list[dict[str, Any]]] = field(default_factory=dict, repr=False)
    _references: dict[str, Any] = field(default_factory=dict, repr=False)
    _annotated: dict[int, tuple[JsonObject, JsonObject]] = field(default_factory=dict, repr=False)
    """A ``$ref`` with annotations beside it → (that node, the merged node)."""
    _variant_tables: dict[int, tuple[JsonObject, list[tuple[JsonObject, dict[str, Any]]]]] = field(
        default_factory=dict, repr=False
    )
    """A ``oneOf`` node → (that node, each alternative with its discriminators)."""

    @property
    def validator(self) -> Validator:
        if self._validator is None:
            from jsonschema.validators import extend

            keywords: dict[str, Any] = {"oneOf": self._one_of}
            registry = self.registry
            if not _uses_dynamic_scope(registry):
                keywords["$ref"] = self._ref
            cls = extend(chapter_validator_class(), validators=keywords)  # type: ignore[no-untyped-call]
            self._validator = cls(self.contents, registry=registry)
        return self._validator

    def _ref(self, validator: Any, ref: str, instance: Any, node: Any) -> Iterator[Any]:
        """``$ref``, each reference looked up once for the life of the schema.

        References are absolute since load (``_absolute_refs``) and, without
        ``$dynamicRef``, what one designates does not depend on where validation
        stands; jsonschema would look it up again for every instance (a third of
        the validation time of a chapter).
        """
        found = self._references.get(ref)
        if found is None:
            found = validator._resolver.lookup(ref)
            self._references[ref] = found
        yield from validator.descend(instance, found.contents, resolver=found.resolver)

    def _one_of(
        self, validator: Validator, alternatives: list[Any], instance: Any, node: Any
    ) -> Iterator[Any]:
        """``oneOf`` that validates only the alternative a block's ``type`` names.

        For a discriminated union (every alternative fixes ``type`` to a different
        constant) this is what ``oneOf`` means anyway; checking the six other block
        types, nested content included, made validation five times slower and
        buried the real error among the others'.
        """
        index = self._discriminated_index(alternatives, instance)
        if index is None:
            default_one_of = chapter_validator_class().VALIDATORS["oneOf"]
            yield from default_one_of(validator, alternatives, instance, node)
        else:
            yield from validator.descend(  # type: ignore[attr-defined]
                instance, alternatives[index], schema_path=index
            )

    def _discriminated_index(self, alternatives: list[Any], instance: Any) -> int | None:
        if not isinstance(instance, Mapping):
            return None
        table = self._discriminators.get(id(alternatives))
        if table is None:
            table = [discriminators(self, self.resolve(alt)) for alt in alternatives]
            self._discriminators[id(alternatives)] = table
        if not all(table):
            return None
        matches = [
            i
            for i, consts in enumerate(table)
            if all(instance.get(key) == value for key, value in consts.items())
        ]
        return matches[0] if len(matches) == 1 else None

    @property
    def registry(self) -> Registry[Any]:
        return self.registry_source()

    @property
    def title(self) -> str:
        return str(self.contents.get("title", self.path.stem))

    def resolve(self, node: JsonObject) -> JsonObject:
        """Follow ``$ref`` (local or to a sibling schema) until a real subschema."""
        for _ in range(32):
            ref = node.get("$ref")
            if not isinstance(ref, str):
                return node
            node = self._lookup(ref, node)
        raise SchemaError(f"références « $ref » en boucle ({node.get('$ref')}).", self.path)

    def _lookup(self, ref: str, origin: JsonObject) -> JsonObject:
        # References were made absolute at load (see _absolute_refs), so the base
        # of the document where the walk started does not matter.
        resolved = self._resolved.get(ref)
        if resolved is None:
            from referencing.exceptions import Unresolvable

            resolver = self.registry.resolver(base_uri=base_uri(self.path, self.contents))
            try:
                resolved = resolver.lookup(ref).contents
            except Unresolvable:
                raise SchemaError(f"la référence « {ref} » ne mène à rien.", self.path) from None
            self._resolved[ref] = resolved
        if not isinstance(resolved, Mapping):
            raise SchemaError(f"la référence « {ref} » ne désigne pas un schéma.", self.path)
        if len(origin) == 1:
            return resolved
        # Keep the annotations written beside the $ref (title, description…), in
        # one merged node per reference: callers cache by node.
        merged = self._annotated.get(id(origin))
        if merged is None:
            extra = {k: v for k, v in origin.items() if k != "$ref"}
            merged = self._annotated[id(origin)] = (origin, {**resolved, **extra})
        return merged[1]

    def properties(self, node: JsonObject) -> dict[str, JsonObject]:
        node = self.resolve(node)
        props = node.get("properties", {})
        return {name: self.resolve(sub) for name, sub in props.items()}

    def items(self, node: JsonObject) -> JsonObject:
        node = self.resolve(node)
        items = node.get("items", {})
        return self.resolve(items) if isinstance(items, Mapping) else {}

    def variants(self, node: JsonObject) -> list[JsonObject]:
        """The alternatives of a ``oneOf``/``anyOf`` node, resolved."""
        node = self.resolve(node)
        alternatives = node.get("oneOf") or node.get("anyOf") or []
        return [self.resolve(alt) for alt in alternatives]

    def variant_for(self, node: JsonObject, instance: Any) -> JsonObject | None:
        """The alternative of a ``oneOf`` that an instance's discriminator selects.

        A discriminator is a property whose schema is a ``const`` (``type:
        paragraphe``); the alternative whose constants the instance matches wins.
        """
        if not isinstance(instance, Mapping):
            return None
        for alt, constants in self._variant_table(node):
            if constants and all(instance.get(k) == v for k, v in constants.items()):
                return alt
        return None

    def _variant_table(self, node: JsonObject) -> list[tuple[JsonObject, dict[str, Any]]]:
        """Each alternative with its discriminators, worked out once per node (the
        editor's outline asks for the alternative of every block)."""
        cached = self._variant_tables.get(id(node))
        if cached is None or cached[0] is not node:
            table = [(alt, discriminators(self, alt)) for alt in self.variants(node)]
            cached = self._variant_tables[id(node)] = (node, table)
        return cached[1]

    def iter_errors(self, instance: Any) -> Iterator[Any]:
        from referencing.exceptions import Unresolvable

        try:
            yield from self.validator.iter_errors(instance)
        except Unresolvable as error:  # jsonschema wraps it, keeping this class
            ref = getattr(error, "ref", None) or getattr(
                getattr(error, "_wrapped", None), "ref", ""
            )
            raise SchemaError(f"la référence « {ref} » ne mène à rien.", self.path) from None


def _uses_dynamic_scope(registry: Registry[Any]) -> bool:
    """Whether a schema of the registry resolves references by dynamic scope."""
    keywords = ('"$dynamicRef"', '"$recursiveRef"')
    for uri in registry:
        text = json.dumps(registry.contents(uri))
        if any(keyword in text for keyword in keywords):
            return True
    return False


def discriminators(schema: Schema, node: JsonObject) -> dict[str, Any]:
    """The ``const`` properties that identify an alternative (``{"type": "zoom"}``)."""
    return {name: sub["const"] for name, sub in schema.properties(node).items() if "const" in sub}


def enum_title(node: JsonObject, value: Any) -> str:
    """The French title of an enum value (``x-enum-titles``), or the value itself."""
    titles = node.get("x-enum-titles", {})
    return str(titles.get(value, value)) if isinstance(titles, Mapping) else str(value)


class SchemaSet:
    """Every schema of a workspace's ``schema/`` folder, loaded lazily and once."""

    def __init__(self, folder: Path, known_valid: KnownValid | None = None) -> None:
        self.folder = folder
        self.known_valid = known_valid
        self._documents: dict[Path, dict[str, Any]] | None = None
        self._registry: Registry[Any] | None = None
        self._schemas: dict[Path, Schema] = {}

    def get(self, path: Path) -> Schema:
        path = path.resolve()
        if path not in self._schemas:
            documents = self._load_documents()
            if path not in documents:
                documents[path] = _read_schema(path, self.known_valid)
                self._registry = None
            self._schemas[path] = Schema(path, documents[path], self._build_registry)
        return self._schemas[path]

    def _load_documents(self) -> dict[Path, dict[str, Any]]:
        if self._documents is None:
            documents = {}  # kept only when every schema reads: a broken one fails each time
            if self.folder.is_dir():
                for path in sorted(self.folder.glob("*.json")):
                    documents[path.resolve()] = _read_schema(path, self.known_valid)
            self._documents = documents
        return self._documents

    def _build_registry(self) -> Registry[Any]:
        if self._registry is None:
            from referencing import Registry, Resource
            from referencing.jsonschema import DRAFT202012

            registry: Registry[Any] = Registry()
            for path, contents in self._load_documents().items():
                # A schema without « $schema » is read as draft 2020-12, like the validator.
                resource = Resource.from_contents(contents, default_specification=DRAFT202012)
                registry = registry.with_resource(path.as_uri(), resource)
                if isinstance(contents.get("$id"), str):
                    registry = registry.with_resource(contents["$id"], resource)
            self._registry = registry
        return self._registry


def base_uri(path: Path, contents: Mapping[str, Any]) -> str:
    return str(contents.get("$id") or path.resolve().as_uri())


def _absolute_refs(node: Any, base: str) -> Any:
    """A copy of a schema whose ``$ref`` are absolute URIs.

    A ``$ref`` is relative to the document that holds it; once the core follows a
    reference into a sibling schema, that document is no longer the one the walk
    started from. Absolute references resolve the same from anywhere.
    """
    if isinstance(node, dict):
        return {
            key: urljoin(base, value)
            if key == "$ref" and isinstance(value, str)
            else _absolute_refs(value, base)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_absolute_refs(value, base) for value in node]
    return node


def _read_schema(path: Path, known_valid: KnownValid | None = None) -> dict[str, Any]:
    """Read one schema file and check it against the draft 2020-12 metaschema
    (unless ``known_valid`` remembers these very bytes as checked)."""
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except FileNotFoundError:
        raise SchemaError("le schéma n’existe pas.", path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemaError(f"le schéma est illisible ({exc}).", path) from None
    try:
        contents = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemaError(
            f"le schéma n’est pas du JSON valide ({exc.msg}).", path, exc.lineno, exc.colno
        ) from None
    if not isinstance(contents, dict):
        raise SchemaError("le schéma doit être un objet JSON.", path, 1)
    digest = KnownValid.digest("schema", raw)
    if known_valid is None or digest not in known_valid:
        _check_against_metaschema(path, contents)
        if known_valid is not None:
            known_valid.add(digest)
    absolute: dict[str, Any] = _absolute_refs(contents, base_uri(path, contents))
    return absolute


def _check_against_metaschema(path: Path, contents: dict[str, Any]) -> None:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError as JsonSchemaError

    try:
        Draft202012Validator.check_schema(contents)
    except JsonSchemaError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "racine"
        raise SchemaError(
            f"ce n’est pas un JSON Schema valide (à « {where} » : {exc.message}).", path
        ) from None


def empty_registry() -> Registry[Any]:
    """The registry of a schema that refers to no other document."""
    from referencing import Registry

    return Registry()
