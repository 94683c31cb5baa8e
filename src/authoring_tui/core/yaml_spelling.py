"""Values kept as typed: what a read makes of them and how ruamel writes them back.

A timestamp stays its text (``TimestampText``), an explicit « !!str » stays tagged
(``TaggedText``), and every plain value that is not text remembers how it was
typed (``Spelling``, recorded by the round-trip reader in ``yaml_readers``), so
that the writer here puts back ``no``, ``010``, ``1:20`` or ``~`` rather than
ruamel's own spelling. ``typed`` compares two readings kind by kind: the readers'
agreement and the save's read-back check (``yaml_writer``) rest on it.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap, TaggedScalar
from ruamel.yaml.emitter import RoundTripEmitter
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarbool import ScalarBoolean
from ruamel.yaml.scalarfloat import ScalarFloat
from ruamel.yaml.scalarstring import ScalarString

TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
STR_TAG = "tag:yaml.org,2002:str"
SPELLINGS = "yaml_spellings"
"""Attribute of a round-trip mapping or list: how its plain values were typed."""


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


@dataclass(frozen=True)
class Spelling:
    """A value as read (``typed``) and the text typed for it in the file."""

    typed: Any
    text: str


def remember(data: Any, spellings: dict[Any, Any]) -> None:
    """Keep the spellings on ruamel's own mapping or list, so that they go wherever
    the editor puts it; a collection whose plain values are all text gets none."""
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


class Representer(RoundTripRepresenter):
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


Representer.add_representer(str, Representer.represent_str)
Representer.add_representer(TimestampText, Representer.represent_timestamp_text)
Representer.add_representer(TaggedText, Representer.represent_tagged_text)
Representer.add_representer(ScalarFloat, Representer.represent_scalar_float)


class Emitter(RoundTripEmitter):
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
