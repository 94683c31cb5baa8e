"""The two YAML readers, and what makes them read a file the same way.

libyaml's reader (fast, plain objects) serves status, validation and export;
ruamel's round-trip reader serves the editor, which writes back. Both keep
timestamps as their text and refuse, on its line, a number that is not finite or
that Python cannot build; whatever libyaml cannot be trusted with (a ``%YAML``
header, deep nesting) or refuses is read by the round-trip reader instead.
``parse_yaml`` is the one way in, re-exported by ``yamlio``.
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError, YAMLWarning
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarbool import ScalarBoolean

from .errors import ChapterFileError
from .yaml_checks import (
    UNREADABLE_VALUE,
    check_shape,
    deeply_nested,
    line_column,
    translate_problem,
)
from .yaml_header import check_version, read_header
from .yaml_spelling import (
    STR_TAG,
    TIMESTAMP_TAG,
    Emitter,
    Representer,
    Spelling,
    TaggedText,
    TimestampText,
    remember,
    typed,
)

UNBOUNDED_WIDTH = 1_000_000_000
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"

# « 1e3 » in a %YAML 1.1 file, an anchor given twice: ruamel prints an English
# lecture on stderr, in the middle of the CLI's French output. The file is read
# all the same (and aliases are refused below).
warnings.filterwarnings("ignore", category=YAMLWarning)


class NonFiniteNumber(ConstructorError):
    """``.inf``, ``.nan`` or ``1e309``: no figure of a report, and JSON (the data
    contract) cannot even hold one; both readers refuse it on its line."""

    def __init__(self, node: Any) -> None:
        super().__init__(None, None, "non-finite number", node.start_mark)
        self.typed = str(node.value)


class _CheckedValues:
    """A value YAML takes for a number but Python cannot build (``0x_``, ``._``,
    5 000 digits) is a YAML error on its line, not a ``ValueError`` that would
    stop the command reading the chapter; so is a number that is not finite."""

    def construct_non_recursive_object(self, node: Any, tag: Any = None) -> Any:
        try:
            value = super().construct_non_recursive_object(node, tag)  # type: ignore[misc]
        except (ValueError, IndexError, OverflowError):
            raise ConstructorError(None, None, UNREADABLE_VALUE, node.start_mark) from None
        if isinstance(value, float) and not math.isfinite(value):
            raise NonFiniteNumber(node)
        return value


class _FastConstructor(_CheckedValues, SafeConstructor):
    """libyaml's plain objects, timestamps as their text (see ``TimestampText``)."""


_FastConstructor.add_constructor(TIMESTAMP_TAG, SafeConstructor.construct_yaml_str)


class _RoundTripConstructor(_CheckedValues, RoundTripConstructor):
    """ruamel's round-trip objects, timestamps as ``TimestampText``."""

    def construct_timestamp_text(self, node: Any) -> Any:
        if node.style:  # « !!timestamp "…" »: a quoted string keeps its quotes
            return self.construct_scalar(node)
        return TimestampText(node.value, anchor=node.anchor)

    def construct_unknown(self, node: Any) -> Any:
        # An explicit « !!str » comes here: ruamel's table of constructors is keyed
        # by the resolved tag, which an explicit one does not hash as.
        if isinstance(node, ScalarNode) and node.tag == STR_TAG:
            text = TaggedText(str(self.construct_scalar(node)), anchor=node.anchor)
            text.yaml_tag, text.yaml_style = node.ctag, node.style
            return text
        return super().construct_unknown(node)

    def construct_spelled_map(self, node: Any) -> Iterator[Any]:
        """ruamel's mapping, remembering how its plain keys and values were typed."""
        building = RoundTripConstructor.construct_yaml_map(self, node)
        data = next(building)
        yield data
        for _ in building:
            pass
        spellings = {
            self.constructed_objects[key]: (self._spelling(key), self._spelling(value))
            for key, value in node.value
            if isinstance(key, ScalarNode)
        }
        remember(data, {key: pair for key, pair in spellings.items() if pair != (None, None)})

    def construct_spelled_seq(self, node: Any) -> Iterator[Any]:
        """ruamel's list, remembering how its plain items were typed."""
        building = RoundTripConstructor.construct_yaml_seq(self, node)
        data = next(building)
        yield data
        for _ in building:
            pass
        spellings = {index: self._spelling(item) for index, item in enumerate(node.value)}
        remember(data, {index: spelling for index, spelling in spellings.items() if spelling})

    def _spelling(self, node: Any) -> Spelling | None:
        """How a plain, single-line, untagged scalar that is not text was typed.

        ruamel writes such values its own way (``no`` as ``false``, ``1:20`` as
        ``80``, ``~`` as nothing); text it writes as read. A scalar whose marks
        span exactly its value has no tag or anchor in front of it.
        """
        if not isinstance(node, ScalarNode) or node.style:
            return None
        start, end = node.start_mark, node.end_mark
        if start.line != end.line or end.index - start.index != len(node.value):
            return None
        value = self.constructed_objects.get(node)
        if isinstance(value, str):
            return None
        return Spelling(typed(value), node.value)


_RoundTripConstructor.add_constructor(TIMESTAMP_TAG, _RoundTripConstructor.construct_timestamp_text)
_RoundTripConstructor.add_constructor(MAP_TAG, _RoundTripConstructor.construct_spelled_map)
_RoundTripConstructor.add_constructor(SEQ_TAG, _RoundTripConstructor.construct_spelled_seq)


def new_yaml() -> YAML:
    """The one ruamel configuration used for every read and write.

    Indentation matches the data contract's examples (mappings by 2, list items
    ``  - `` under their key). The line width is unbounded: ruamel never re-folds
    an untouched field, and never breaks a long double-quoted string (its line
    breaking inside escaped text adds a space, found by the property tests).
    """
    yaml = YAML(typ="rt")
    yaml.Constructor = _RoundTripConstructor
    yaml.Representer = Representer
    yaml.Emitter = Emitter
    yaml.preserve_quotes = True
    # ``[{le: 2021-03-01}]`` stays as written, not ``[le: 2021-03-01]`` (same data).
    yaml.brace_single_entry_mapping_in_flow_sequence = True
    yaml.width = UNBOUNDED_WIDTH
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


class _SteadyVersionResolver(VersionedResolver):
    """ruamel's resolver, working out the YAML version once per document.

    ruamel looks the version up again for every scalar, through attribute lookups
    that fail and are caught: a third of the time of a libyaml read. The version
    cannot change within a document (and libyaml's reader never changes it).
    """

    @property
    def versioned_resolver(self) -> Any:
        cached = self.__dict__.get("_steady_resolver")
        if cached is None:
            cached = VersionedResolver.versioned_resolver.fget(self)  # type: ignore[attr-defined]
            self.__dict__["_steady_resolver"] = cached
        return cached


def _fast_yaml() -> YAML:
    yaml = YAML(typ="safe", pure=False)
    yaml.Constructor = _FastConstructor
    yaml.Resolver = _SteadyVersionResolver
    return yaml


_VERSION_DIRECTIVE = re.compile(r"^%YAML", re.MULTILINE)


def _libyaml_unsafe_for(text: str) -> bool:
    """Whether libyaml could read ``text`` otherwise than the round-trip reader.

    libyaml does not pass a ``%YAML 1.1`` header on to ruamel's resolver (``yes``,
    ``010``, ``1:20`` would stay text), and its composer recurses in C on deep
    nesting (see ``deeply_nested``). A ``%YAML`` at the start of a line that is
    not a header only costs speed.
    """
    directive = "%YAML" in text and _VERSION_DIRECTIVE.search(text) is not None
    return directive or deeply_nested(text)


def parse_yaml(text: str, path: Path, round_trip: bool = True) -> Any:
    """Parse YAML text (round-trip objects or plain ones); it must be a mapping."""
    check_version(read_header(text), path)
    try:
        data, round_trip_objects = _load(text, round_trip)
    except NonFiniteNumber as exc:
        mark = exc.problem_mark
        raise ChapterFileError(
            f"la valeur « {exc.typed} » n’est pas un nombre fini (infinie, trop grande ou "
            "indéfinie) : écrivez un nombre ordinaire, ou mettez-la entre guillemets si c’est "
            "un texte.",
            path,
            mark.line + 1,
            mark.column + 1,
        ) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "syntaxe incorrecte"
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        raise ChapterFileError(
            f"le YAML est mal formé ({translate_problem(problem)}).", path, line, column
        ) from None
    except ReaderError as exc:
        line, column = line_column(text, exc.position)
        raise ChapterFileError(
            f"caractère interdit dans un fichier YAML (U+{exc.character:04X}).", path, line, column
        ) from None
    except RecursionError:
        raise ChapterFileError(
            "le fichier est imbriqué trop profondément pour être un chapitre.", path
        ) from None
    except YAMLError as exc:
        raise ChapterFileError(f"le YAML est illisible ({exc}).", path) from None
    if not isinstance(data, dict):
        raise ChapterFileError(
            "le fichier doit contenir une suite de champs « clé: valeur » (un dictionnaire YAML).",
            path,
            1,
        )
    try:
        check_shape(data, path)
    except ChapterFileError:
        if not round_trip_objects:
            # libyaml's plain objects carry no line numbers: read it again the slow
            # way, which raises the same error with its line (error path only).
            parse_yaml(text, path, round_trip=True)
        raise
    return data if round_trip or not round_trip_objects else _plain(data)


def _load(text: str, round_trip: bool) -> tuple[Any, bool]:
    """The data, and whether it holds round-trip objects.

    The fast reader must say what the round-trip reader says, or the dashboard and
    the editor would disagree on a chapter. libyaml follows YAML 1.1 where ruamel
    follows 1.2: it refuses « {le: 2021-03-01T10:12:00} » (the contract's own
    example; a « : » inside a flow mapping), and ruamel's other reader differs from
    the round-trip one on a few such cases too. So whatever libyaml cannot be
    trusted with, or refuses, is read by the round-trip reader itself, which
    either reads it or raises the error the editor would show (rare files only).
    """
    if not round_trip and not _libyaml_unsafe_for(text):
        try:
            return _fast_yaml().load(text), False
        except YAMLError:
            pass
    return new_yaml().load(text), True


def _plain(node: Any) -> Any:
    """Round-trip objects as the fast reader gives them (for status, validation, export)."""
    if isinstance(node, dict):
        return {_plain(key): _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(item) for item in node]
    if isinstance(node, bool | ScalarBoolean):
        return bool(node)
    for kind in (int, float, str):
        if isinstance(node, kind):
            return kind(node)
    return node
