"""Reading and writing YAML files safely, in ruamel.yaml's round-trip mode.

Contributors and the secrétariat read chapters in git diffs and edit them by hand,
so a save must keep comments, key order, quoting and the exact text of every field
it did not change: the ``%YAML`` header and the version it sets, the spelling of
every value (``no``, ``010``, ``1:20``, ``~``), each line's own ending. What cannot
be written back so is refused rather than rewritten. Reading refuses anything that
could hurt the process (alias bombs, absurd nesting, huge files) before a single
byte is written anywhere.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import math
import re
import warnings
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, TaggedScalar
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor, SafeConstructor
from ruamel.yaml.emitter import RoundTripEmitter
from ruamel.yaml.error import MarkedYAMLError, YAMLError, YAMLWarning
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarbool import ScalarBoolean
from ruamel.yaml.scalarfloat import ScalarFloat
from ruamel.yaml.scalarstring import ScalarString

from .errors import AuthoringError, ChapterFileError
from .files import Folder
from .lines import line_of

MAX_FILE_BYTES = 8 * 1024 * 1024
"""A real chapter is 10–60 KB; anything above this is a mistake, not a chapter."""

MAX_DEPTH = 64
"""Deeper than any chapter the schema allows in practice; deeper input is refused."""

TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
STR_TAG = "tag:yaml.org,2002:str"
UNREADABLE_VALUE = "unreadable value"
UTF8_BOM = b"\xef\xbb\xbf"
UNBOUNDED_WIDTH = 1_000_000_000
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"
SPELLINGS = "yaml_spellings"
"""Attribute of a round-trip mapping or list: how its plain values were typed."""
VERSIONS = ((1, 1), (1, 2))

# « 1e3 » in a %YAML 1.1 file, an anchor given twice: ruamel prints an English
# lecture on stderr, in the middle of the CLI's French output. The file is read
# all the same (and aliases are refused below).
warnings.filterwarnings("ignore", category=YAMLWarning)


@dataclass
class YamlDocument:
    """A parsed YAML file and what is needed to write it back the same way."""

    data: Any
    text: str
    newline: str = "\n"
    bom: bool = False
    digest: str = ""
    """SHA-256 of the bytes the file held when read (to notice changes on disk)."""
    round_trip: bool = True
    """Whether ``data`` holds ruamel's round-trip objects (only those may be saved)."""
    path: Path | None = None
    """The file it was read from, named when a save is refused."""
    line_endings: tuple[str, ...] = ()
    """Each line's own ending when the file mixes LF and CRLF (else empty, and
    ``newline`` is every line's; for a mixed file, the most frequent one)."""


class TimestampText(ScalarString):
    """A plain scalar YAML would read as a date or time, kept as the text typed.

    ``echeance: 2021-03-31`` is text to the schema (``type: string``, ``pattern``,
    ``format: date``), as it is in the JSON the contract describes; a date object
    would defeat ``pattern``/``enum`` and an impossible date (``2021-02-30``) would
    stop the reader instead of being an error on its field. This subclass only
    tells the writer to put it back unquoted, byte for byte; the tool writes the
    dates of comments with it, plain as in the contract's examples.
    """

    __slots__ = ()

    def replace(self, old: Any, new: Any, count: Any = -1) -> Any:
        # ScalarString keeps its type through replace(); edited text is no
        # longer what the user typed, nor necessarily a timestamp.
        return str(self).replace(old, new, count)


class TaggedText(ScalarString):
    """A scalar the user tagged « !!str » (``titre: !!str 2021``), written back so.

    ruamel's round-trip reader makes it a ``TaggedScalar``, which is no ``str``:
    the editor would find « ce champ doit être un texte » where the fast reader,
    and the schema, see the text ``"2021"``.
    """

    __slots__ = ("yaml_style", "yaml_tag")
    yaml_style: str | None
    yaml_tag: Any

    def replace(self, old: Any, new: Any, count: Any = -1) -> Any:
        return str(self).replace(old, new, count)


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
        _remember(data, {key: pair for key, pair in spellings.items() if pair != (None, None)})

    def construct_spelled_seq(self, node: Any) -> Iterator[Any]:
        """ruamel's list, remembering how its plain items were typed."""
        building = RoundTripConstructor.construct_yaml_seq(self, node)
        data = next(building)
        yield data
        for _ in building:
            pass
        spellings = {index: self._spelling(item) for index, item in enumerate(node.value)}
        _remember(data, {index: spelling for index, spelling in spellings.items() if spelling})

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


@dataclass(frozen=True)
class Spelling:
    """A value as read (``typed``) and the text typed for it in the file."""

    typed: Any
    text: str


def _remember(data: Any, spellings: dict[Any, Any]) -> None:
    if spellings:
        setattr(data, SPELLINGS, spellings)


def typed(value: Any) -> Any:
    """A scalar with its kind, to compare what two readings hold.

    In Python ``True == 1`` and ``0.0 == -0.0``, not in a file; ruamel's classes
    and libyaml's plain ones for the same value are the same here.
    """
    if value is None:
        return ("null", None)
    if isinstance(value, bool | ScalarBoolean):
        return ("bool", bool(value))
    if isinstance(value, int):
        return ("int", int(value))
    if isinstance(value, float):
        return ("float", repr(float(value)))
    if isinstance(value, str):
        return ("str", str(value))
    if isinstance(value, bytes):
        return ("bytes", bytes(value))
    if isinstance(value, AbstractSet):
        return ("set", frozenset(typed(item) for item in value))
    if isinstance(value, dict):
        return ("mapping",)
    if isinstance(value, list | tuple):
        return ("sequence",)
    return (type(value).__name__, repr(value))


class _Representer(RoundTripRepresenter):
    """Fixes to ruamel's writer.

    - A plain value the file held is written as it was typed while it holds the
      same value (``Spelling``); the writer's resolver, set to the file's YAML
      version, then finds it plain again.
    - Strings holding U+0085 (NEL) are written double-quoted, where it is
      escaped: YAML readers take a raw NEL for a line break.
    - A float read from a file is rewritten in its original layout, which for
      large exponents can drop the last digit; then Python's exact ``repr`` is
      written instead.
    """

    def represent_mapping(self, tag: Any, mapping: Any, flow_style: Any = None) -> Any:
        node = super().represent_mapping(tag, mapping, flow_style)
        spellings = getattr(mapping, SPELLINGS, None)
        if spellings:
            # ruamel's own items: those a « << » merge brought in are not written
            merged = isinstance(mapping, CommentedMap)
            items = mapping.non_merged_items() if merged else mapping.items()
            for (key_node, value_node), (key, value) in zip(node.value, items, strict=False):
                key_spelling, value_spelling = spellings.get(key, (None, None))
                _respell(key_node, key, key_spelling)
                _respell(value_node, value, value_spelling)
        return node

    def represent_sequence(self, tag: Any, sequence: Any, flow_style: Any = None) -> Any:
        node = super().represent_sequence(tag, sequence, flow_style)
        spellings = getattr(sequence, SPELLINGS, None)
        if spellings:
            for index, (item_node, item) in enumerate(zip(node.value, sequence, strict=False)):
                _respell(item_node, item, spellings.get(index))
        return node

    def represent_str(self, data: str) -> Any:
        if "\x85" in data:
            return self.represent_scalar("tag:yaml.org,2002:str", data, style='"')
        return super().represent_str(data)

    def represent_scalar_float(self, data: Any) -> Any:
        node = super().represent_scalar_float(data)
        try:
            exact = float(node.value) == float(data)
        except ValueError:
            exact = True  # .inf, .nan: written by ruamel's own rules
        if exact:
            return node
        return self.represent_scalar("tag:yaml.org,2002:float", repr(float(data)))

    def represent_timestamp_text(self, data: TimestampText) -> Any:
        anchor = data.yaml_anchor(any=True)
        return self.represent_scalar(TIMESTAMP_TAG, str(data), anchor=anchor)

    def represent_tagged_text(self, data: TaggedText) -> Any:
        scalar = TaggedScalar(str(data), style=data.yaml_style)
        scalar.yaml_set_ctag(data.yaml_tag)
        anchor = data.yaml_anchor(any=True)
        if anchor is not None:
            scalar.yaml_set_anchor(anchor.value, always_dump=True)
        return self.represent_tagged_scalar(scalar)


def _respell(node: Any, value: Any, spelling: Spelling | None) -> None:
    if spelling is None or not isinstance(node, ScalarNode) or node.style:
        return
    if typed(value) == spelling.typed:
        node.value = spelling.text


_Representer.add_representer(str, _Representer.represent_str)
_Representer.add_representer(TimestampText, _Representer.represent_timestamp_text)
_Representer.add_representer(TaggedText, _Representer.represent_tagged_text)
_Representer.add_representer(ScalarFloat, _Representer.represent_scalar_float)


class _Emitter(RoundTripEmitter):
    """ruamel's emitter, which writes « ?x » bare inside « […] » or « {…} », and a
    key « :x » or a value « : x » there too, where its own reader and libyaml's
    take the « ? » or « : » for an indicator: those are quoted. Such text cannot
    have been read bare from a flow collection, so nothing typed changes; the
    save check found them."""

    def choose_scalar_style(self) -> Any:
        value = self.event.value
        if self.flow_level and _indicator_in_flow(value, self.simple_key_context):
            if self.analysis is None:
                self.analysis = self.analyze_scalar(value)
            self.analysis.allow_flow_plain = False
        return super().choose_scalar_style()


def _indicator_in_flow(value: str, key: bool) -> bool:
    return value.startswith("?") or (value.startswith(":") and (key or value[1:2] in " \t"))


def new_yaml() -> YAML:
    """The one ruamel configuration used for every read and write.

    Indentation matches the data contract's examples (mappings by 2, list items
    ``  - `` under their key). The line width is unbounded: ruamel never re-folds
    an untouched field, and never breaks a long double-quoted string (its line
    breaking inside escaped text adds a space, found by the property tests).
    """
    yaml = YAML(typ="rt")
    yaml.Constructor = _RoundTripConstructor
    yaml.Representer = _Representer
    yaml.Emitter = _Emitter
    yaml.preserve_quotes = True
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
    nesting (see ``_deeply_nested``). A ``%YAML`` at the start of a line that is
    not a header only costs speed.
    """
    directive = "%YAML" in text and _VERSION_DIRECTIVE.search(text) is not None
    return directive or _deeply_nested(text)


def read_yaml(path: Path, round_trip: bool = True, files: Folder | None = None) -> YamlDocument:
    """Read ``path`` as a YAML mapping, or raise a French ``ChapterFileError``.

    ``round_trip=False`` reads with libyaml into plain dicts, about eight times
    faster: enough for status, validation and export, which never write back.
    ``files``: the folder the file must stay in (default: its own folder).
    """
    raw = read_bytes(path, files)
    text, bom = _decode(raw, path)
    newline, endings = _newlines(text)
    if newline != "\n" or endings:
        text = text.replace("\r\n", "\n")
    data = parse_yaml(text, path, round_trip)
    return YamlDocument(data, text, newline, bom, digest_bytes(raw), round_trip, path, endings)


def _newlines(text: str) -> tuple[str, tuple[str, ...]]:
    """The file's newline and, when it mixes LF and CRLF, each line's own."""
    crlf = text.count("\r\n")
    if crlf == 0:
        return "\n", ()
    lf = text.count("\n") - crlf
    if lf == 0:
        return "\r\n", ()
    lines = text.split("\n")[:-1]
    endings = tuple("\r\n" if line.endswith("\r") else "\n" for line in lines)
    return ("\r\n" if crlf >= lf else "\n"), endings


def digest_bytes(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def parse_yaml(text: str, path: Path, round_trip: bool = True) -> Any:
    """Parse YAML text (round-trip objects or plain ones); it must be a mapping."""
    _check_version(_header(text), path)
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
            f"le YAML est mal formé ({_translate_problem(problem)}).", path, line, column
        ) from None
    except ReaderError as exc:
        line, column = _line_column(text, exc.position)
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
        _check_shape(data, path)
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


@dataclass(frozen=True)
class _Header:
    """What opens a file before its content: ``%`` directives and the « --- » line."""

    version: tuple[int, int] | None = None
    version_line: int = 0
    typed: str | None = None
    """The text up to the end of the « --- » line, as typed (None: nothing to keep)."""
    marker_comment: str = ""
    """A comment on the « --- » line, which ruamel moves to the next line."""


_YAML_DIRECTIVE = re.compile(r"%YAML[ \t]+(\d+)\.(\d+)")


def _header(text: str) -> _Header:
    """The directives, comments and « --- » line that open ``text``.

    ruamel drops the comments around the directives and moves a comment after
    « --- » to a line of its own: the header is written back from the text. A
    « --- » followed by content on its line is left to ruamel (version kept).
    """
    version, version_line, start, number = None, 0, 0, 1
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end]
        if line.startswith("---") and line[3:4] in ("", " ", "\t"):
            rest = line[3:].strip()
            typed_header = None if rest and not rest.startswith("#") else text[:end]
            return _Header(version, version_line, typed_header, rest)
        directive = _YAML_DIRECTIVE.match(line)
        if directive:
            version, version_line = (int(directive[1]), int(directive[2])), number
        elif line.strip() and not line.lstrip().startswith("#") and not line.startswith("%"):
            break
        start, number = end + 1, number + 1
    return _Header(version, version_line)


def _check_version(header: _Header, path: Path) -> None:
    if header.version is not None and header.version not in VERSIONS:
        major, minor = header.version
        raise ChapterFileError(
            f"le fichier se déclare en YAML {major}.{minor} : seules les versions 1.1 et 1.2 "
            "se lisent ; corrigez ou supprimez la ligne « %YAML ».",
            path,
            header.version_line,
        )


def dump_yaml(document: YamlDocument) -> str:
    """Serialise a document as its file held it, or refuse with an ``AuthoringError``.

    Same header and YAML version, same spelling of every value it did not change,
    same line endings, same BOM. A number that is not finite is refused, and so is
    any value the written text would read back otherwise: a save writes what it
    says or nothing.
    """
    if not document.round_trip:
        raise ValueError("a document read without round trip cannot be written back")
    _refuse_non_finite(document)
    header = _header(document.text)
    text = _serialise(document.data, header)
    _check_reads_back(document, text, header.version)
    return ("\ufeff" if document.bom else "") + _with_line_endings(text, document)


_WRITTEN_HEADER = re.compile(r"\A(?:%[^\n]*\n)*---\n")


def _serialise(data: Any, header: _Header) -> str:
    """ruamel's text in the file's YAML version, under the file's own header."""
    yaml = new_yaml()
    if header.version in VERSIONS:
        yaml.version = header.version
    if header.typed is not None:
        yaml.explicit_start = True
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    text = buffer.getvalue()
    written = _WRITTEN_HEADER.match(text) if header.typed is not None else None
    if header.typed is None or written is None:
        return text
    body = text[written.end() :]
    if header.marker_comment:
        first, _, rest = body.partition("\n")
        if first.strip() == header.marker_comment:
            body = rest
    return header.typed + "\n" + body


def _refuse_non_finite(document: YamlDocument) -> None:
    """A number typed or computed as infinite or « not a number » is never written:
    ruamel would write « .inf », which no reader of the report can use."""
    stack: list[tuple[Any, tuple[Any, ...]]] = [(document.data, ())]
    while stack:
        node, where = stack.pop()
        if isinstance(node, float) and not math.isfinite(node):
            raise AuthoringError(
                f"la valeur « {_shown(node)} » ({_field(where)}) n’est pas un nombre fini : "
                "écrivez un nombre ordinaire. Rien n’a été enregistré.",
                document.path,
                line_of(document.data, where),
            )
        if isinstance(node, dict):
            for key, value in node.items():
                stack.extend([(key, (*where, key)), (value, (*where, key))])
        elif isinstance(node, list):
            stack.extend(((item, (*where, index)) for index, item in enumerate(node)))


def _check_reads_back(document: YamlDocument, text: str, version: tuple[int, int] | None) -> None:
    """Read ``text`` as the tools will and refuse it unless it holds the data.

    This is the guarantee behind the spellings and the header: should ruamel write
    a value in a way the file's YAML version reads otherwise, nothing is saved.
    """
    try:
        written = parse_yaml(text, document.path or Path("chapitre.yaml"), round_trip=False)
    except ChapterFileError as error:
        raise AuthoringError(
            f"le texte à enregistrer ne se relirait pas ({error.message.rstrip('.')}). "
            "Rien n’a été enregistré.",
            document.path,
        ) from None
    found = _difference(document.data, written)
    if found is None:
        return
    where, before, after = found
    reread = "ne la contiendrait plus" if after is _MISSING else f"la lirait « {_shown(after)} »"
    if before is _MISSING:
        before, reread = after, "la contiendrait en trop"
    value = f"la valeur « {_shown(before)} » ({_field(where)})"
    if version is None:
        problem = f"{value} ne peut pas être écrite à l’identique"
    else:
        problem = (
            f"ce fichier est en YAML {version[0]}.{version[1]} et {value} ne peut pas être "
            "réécrite à l’identique"
        )
    raise AuthoringError(
        f"{problem} : le fichier enregistré {reread}. Rien n’a été enregistré.",
        document.path,
        line_of(document.data, where),
    )


_MISSING = object()


def _difference(before: Any, after: Any, where: tuple[Any, ...] = ()) -> Any:
    """The first place where ``after`` does not hold what ``before`` does, as
    ``(path, value before, value after)``; ``None`` when they hold the same."""
    if isinstance(before, dict) and isinstance(after, dict):
        theirs = {typed(key): key for key in after}
        for key, value in before.items():
            their_key = theirs.pop(typed(key), _MISSING)
            if their_key is _MISSING:
                return (*where, key), value, _MISSING
            found = _difference(value, after[their_key], (*where, key))
            if found is not None:
                return found
        for key in theirs.values():
            return (*where, key), _MISSING, after[key]
        return None
    if isinstance(before, list | tuple) and isinstance(after, list | tuple):
        for index, (mine, their) in enumerate(zip(before, after, strict=False)):
            found = _difference(mine, their, (*where, index))
            if found is not None:
                return found
        if len(before) != len(after):
            index = min(len(before), len(after))
            return (
                (*where, index),
                before[index] if index < len(before) else _MISSING,
                after[index] if index < len(after) else _MISSING,
            )
        return None
    return None if typed(before) == typed(after) else (where, before, after)


def _shown(value: Any) -> str:
    """A value as YAML spells it, short enough for a message."""
    if value is None:
        return "null"
    if isinstance(value, bool | ScalarBoolean):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else ("-.inf" if value < 0 else ".inf")
    if isinstance(value, dict | AbstractSet):
        return "{…}"
    if isinstance(value, list | tuple):
        return "[…]"
    text = str(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _field(where: tuple[Any, ...]) -> str:
    return "champ " + "/".join(str(part) for part in where) if where else "racine du fichier"


def _with_line_endings(text: str, document: YamlDocument) -> str:
    """``text`` (LF) with the file's line endings.

    In a file that mixes LF and CRLF, each line found unchanged keeps its own
    ending; a changed or new line takes the ending of the line before it (of the
    line after it at the top, else the file's most frequent one).
    """
    if not document.line_endings:
        return text if document.newline == "\n" else text.replace("\n", document.newline)
    old, new = document.text.split("\n"), text.split("\n")
    endings: list[str | None] = [None] * (len(new) - 1)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            mine, theirs = block.a + offset, block.b + offset
            if mine < len(document.line_endings) and theirs < len(endings):
                endings[theirs] = document.line_endings[mine]
    filled = _fill_from_neighbours(endings, document.newline)
    return "".join(line + ending for line, ending in zip(new, filled, strict=False)) + new[-1]


def _fill_from_neighbours(endings: list[str | None], default: str) -> list[str]:
    following = next((ending for ending in endings if ending is not None), default)
    filled: list[str] = []
    for ending in endings:
        filled.append(ending if ending is not None else (filled[-1] if filled else following))
    return filled


def atomic_write_text(path: Path, text: str, files: Folder | None = None) -> None:
    """Replace ``path`` with ``text`` so that a crash leaves the old or the new file
    (``Folder.write_atomic``; ``files``: the folder it must stay in, default its own)."""
    (files or Folder.at(path.parent)).write_atomic(path, text.encode("utf-8"))


def read_bytes(path: Path, files: Folder | None = None) -> bytes:
    """A file's bytes, refused in French when missing, unreadable, too large, a link
    or not a regular file (``files``: the folder it must stay in, default its own)."""
    try:
        return (files or Folder.at(path.parent)).read_bytes(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise ChapterFileError("le fichier n’existe pas.", path) from None
    except AuthoringError as error:
        raise ChapterFileError(error.message, path) from None


def _decode(raw: bytes, path: Path) -> tuple[str, bool]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ChapterFileError(
            "le fichier est encodé en UTF-16 ; enregistrez-le en UTF-8.", path, 1, 1
        )
    bom = raw.startswith(UTF8_BOM)
    if bom:
        raw = raw[len(UTF8_BOM) :]
    try:
        return raw.decode("utf-8"), bom
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ChapterFileError(
            "le fichier n’est pas encodé en UTF-8 "
            f"(octet 0x{raw[exc.start]:02X} invalide) ; enregistrez-le en UTF-8.",
            path,
            line,
            column,
        ) from None


_BRACKET = re.compile(r"[\[\]{}]")
_DEEP_INDENT = re.compile(rf"^[ \t]{{{4 * MAX_DEPTH},}}\S", re.MULTILINE)
_DEEP_DASHES = re.compile(rf"(?:-[ \t]+){{{MAX_DEPTH},}}")


def _deeply_nested(text: str) -> bool:
    """Whether the text may nest deeper than ``MAX_DEPTH`` (never a false « no »).

    libyaml's composer recurses in C: a few hundred thousand ``[`` crash the
    process instead of raising. Text that may be that deep is read by the pure
    Python parser instead, whose recursion ends in a clean ``RecursionError``.
    Counting brackets ignores quoting, so it can only over-count.
    """
    depth = 0
    for match in _BRACKET.finditer(text):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        if depth > MAX_DEPTH:
            return True
    return bool(_DEEP_INDENT.search(text) or _DEEP_DASHES.search(text))


def _check_shape(data: Any, path: Path) -> None:
    """Refuse aliases (shared nodes) and absurd nesting, walking each node once.

    A YAML alias makes two places hold the same object; chapters never need that,
    and a handful of nested aliases (an « alias bomb ») expands to billions of
    nodes for whoever walks the data next. The walk is iterative, so deep input
    cannot break the recursion limit here.
    """
    seen: set[int] = set()
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if not isinstance(node, dict | list):
            continue
        if id(node) in seen:
            line = _node_line(node)
            raise ChapterFileError(
                "les alias YAML (« *nom » renvoyant à « &nom ») ne sont pas acceptés : "
                "recopiez le contenu à chaque endroit.",
                path,
                line,
            )
        seen.add(id(node))
        if depth > MAX_DEPTH:
            raise ChapterFileError(
                f"le fichier est imbriqué sur plus de {MAX_DEPTH} niveaux.", path, _node_line(node)
            )
        children = node.values() if isinstance(node, dict) else node
        stack.extend((child, depth + 1) for child in children)


def _node_line(node: Any) -> int | None:
    lc = getattr(node, "lc", None)
    return lc.line + 1 if lc is not None and lc.line is not None else None


def _line_column(text: str, position: int) -> tuple[int, int]:
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return line, column


_PROBLEMS = {
    UNREADABLE_VALUE: "valeur illisible ; mettez-la entre guillemets si c’est un texte",
    "found duplicate key": "clé en double",
    "mapping values are not allowed here": "« : » inattendu ; mettez le texte entre guillemets",
    "could not find expected ':'": "« : » attendu",
    "found character '\\t' that cannot start any token": (
        "tabulation interdite ; utilisez des espaces"
    ),
    "found undefined alias": "alias inconnu",
    "expected <block end>, but found": "indentation incohérente",
    "found unexpected end of stream": "fin de fichier inattendue (guillemet non fermé ?)",
    "did not find expected key": "clé attendue ; vérifiez l’indentation",
    "did not find expected '-' indicator": "élément de liste « - » attendu",
    "found unknown escape character": "séquence d’échappement inconnue",
    "expected ',' or ']'": (
        "« , » ou « ] » attendu : un « [ » n’est pas fermé, ou le texte est à mettre entre "
        "guillemets"
    ),
    "expected ',' or '}'": (
        "« , » ou « } » attendu : un « { » n’est pas fermé, ou le texte est à mettre entre "
        "guillemets"
    ),
}


def _translate_problem(problem: str) -> str:
    for english, french in _PROBLEMS.items():
        if problem.startswith(english):
            return french
    return f"« {problem} »"
