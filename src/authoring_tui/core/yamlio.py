"""Reading and writing YAML files safely, in ruamel.yaml's round-trip mode.

Contributors and the secrétariat read chapters in git diffs and edit them by hand,
so a save must keep comments, key order, quoting and the exact text of every field
it did not change. Reading refuses anything that could hurt the process (alias
bombs, absurd nesting, huge files) before a single byte is written anywhere.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import TaggedScalar
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor, SafeConstructor
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

MAX_FILE_BYTES = 8 * 1024 * 1024
"""A real chapter is 10–60 KB; anything above this is a mistake, not a chapter."""

MAX_DEPTH = 64
"""Deeper than any chapter the schema allows in practice; deeper input is refused."""

TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
STR_TAG = "tag:yaml.org,2002:str"
UNREADABLE_VALUE = "unreadable value"
UTF8_BOM = b"\xef\xbb\xbf"
UNBOUNDED_WIDTH = 1_000_000_000

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


class _CheckedValues:
    """A value YAML takes for a number but Python cannot build (``0x_``, ``._``,
    5 000 digits) is a YAML error on its line, not a ``ValueError`` that would
    stop the command reading the chapter."""

    def construct_non_recursive_object(self, node: Any, tag: Any = None) -> Any:
        try:
            return super().construct_non_recursive_object(node, tag)  # type: ignore[misc]
        except (ValueError, IndexError, OverflowError):
            raise ConstructorError(None, None, UNREADABLE_VALUE, node.start_mark) from None


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


_RoundTripConstructor.add_constructor(TIMESTAMP_TAG, _RoundTripConstructor.construct_timestamp_text)


class _Representer(RoundTripRepresenter):
    """Two fixes to ruamel's writer, both found by the property tests.

    - Strings holding U+0085 (NEL) are written double-quoted, where it is
      escaped: YAML readers take a raw NEL for a line break.
    - A float read from a file is rewritten in its original layout, which for
      large exponents can drop the last digit; then Python's exact ``repr`` is
      written instead.
    """

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


_Representer.add_representer(str, _Representer.represent_str)
_Representer.add_representer(TimestampText, _Representer.represent_timestamp_text)
_Representer.add_representer(TaggedText, _Representer.represent_tagged_text)
_Representer.add_representer(ScalarFloat, _Representer.represent_scalar_float)


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
    newline = "\r\n" if "\r\n" in text else "\n"
    if newline != "\n":
        text = text.replace("\r\n", "\n")
    data = parse_yaml(text, path, round_trip)
    return YamlDocument(data, text, newline, bom, digest_bytes(raw), round_trip)


def digest_bytes(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def parse_yaml(text: str, path: Path, round_trip: bool = True) -> Any:
    """Parse YAML text (round-trip objects or plain ones); it must be a mapping."""
    try:
        data, round_trip_objects = _load(text, round_trip)
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


def dump_yaml(document: YamlDocument) -> str:
    """Serialise a document as its file held it (same newlines, same BOM)."""
    if not document.round_trip:
        raise ValueError("a document read without round trip cannot be written back")
    buffer = io.StringIO()
    new_yaml().dump(document.data, buffer)
    text = buffer.getvalue()
    if document.newline != "\n":
        text = text.replace("\n", document.newline)
    return ("\ufeff" if document.bom else "") + text


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
