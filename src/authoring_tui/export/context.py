"""What the renderers of one chapter share: its schema, its text, its gaps and anchors.

Every string of a chapter goes through ``ChapterContext.text`` on its way into
the document: characters XML cannot hold are dropped there (with a warning that
names the chapter and the field in French), then French typography is applied.
Empty required fields become highlighted « [À compléter : …] » runs, counted.
When the chapter has open comments, the runs made for each data path are
remembered so that the comments can be anchored on their target's text.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..core.anchors import ANCHOR_KEY, is_anchor
from ..core.completeness import is_empty
from ..core.schema import JsonObject, Schema, discriminators
from ..core.validation import describe_path
from . import ooxml
from .numbering import Bullets
from .ooxml import Element
from .typography import french, is_number, number, strip_xml_illegal

DataPath = tuple[str | int, ...]


class SchemaView:
    """The core's ``Schema`` with its lookups remembered for the length of an export.

    Rendering asks the same questions (properties of a block type, the variant a
    ``type`` selects) for every block; answering from a table keeps the build
    linear in the content rather than in content × schema walks. Each cached node is
    kept alive beside its answer, so an ``id`` is never reused for another node.
    """

    def __init__(self, schema: Schema) -> None:
        self.core = schema
        self.contents = schema.contents
        self._properties: dict[int, tuple[JsonObject, dict[str, JsonObject]]] = {}
        self._items: dict[int, tuple[JsonObject, JsonObject]] = {}
        self._resolved: dict[int, tuple[JsonObject, JsonObject]] = {}
        self._variants: dict[tuple[int, tuple[Any, ...]], JsonObject | None] = {}
        self._keys: dict[int, tuple[JsonObject, tuple[str, ...]]] = {}

    def resolve(self, node: JsonObject) -> JsonObject:
        found = self._resolved.get(id(node))
        if found is None:
            found = (node, self.core.resolve(node))
            self._resolved[id(node)] = found
        return found[1]

    def properties(self, node: JsonObject) -> dict[str, JsonObject]:
        found = self._properties.get(id(node))
        if found is None:
            found = (node, self.core.properties(node))
            self._properties[id(node)] = found
        return found[1]

    def items(self, node: JsonObject) -> JsonObject:
        found = self._items.get(id(node))
        if found is None:
            found = (node, self.core.items(node))
            self._items[id(node)] = found
        return found[1]

    def variant_for(self, node: JsonObject, instance: Any) -> JsonObject | None:
        if not isinstance(instance, Mapping):
            return None
        keys = self._keys.get(id(node))
        if keys is None:
            names = {k for v in self.core.variants(node) for k in discriminators(self.core, v)}
            keys = (node, tuple(sorted(names)))
            self._keys[id(node)] = keys
        key = (id(node), tuple(repr(instance.get(k)) for k in keys[1]))
        if key not in self._variants:
            self._variants[key] = self.core.variant_for(node, instance)
        return self._variants[key]


@dataclass
class ChapterContext:
    chapter_id: str
    schema: SchemaView
    data: Any
    styles: dict[str, str]
    bullets: Bullets
    warnings: list[str]
    record_anchors: bool = False
    anchors: dict[DataPath, tuple[Element, Element]] = field(default_factory=dict)
    gaps: int = 0
    bookmark_ids: Iterator[int] = field(default_factory=itertools.count)
    """``w:id`` of the bookmarks: the builder passes one counter for the whole document."""
    blocks: dict[str, DataPath] = field(default_factory=dict)
    """Each block's anchor (``ancre``) and where it is: comments find their block by it."""
    pictures: Any = None
    """The export's ``pictures.Pictures`` (image parts, drawing ids); none: placeholders."""
    todo: list[tuple[str, str]] = field(default_factory=list)
    """What is left to do (gaps, open comments) and the bookmark on it, in order."""

    def text(self, value: Any, path: DataPath) -> str:
        """A value as the document shows it: cleaned, numbers French, typography French."""
        if is_number(value):
            return number(value)
        if isinstance(value, bool):
            return "oui" if value else "non"
        text = value if isinstance(value, str) else str(value)
        text, removed = strip_xml_illegal(text)
        if removed:
            where = describe_path(self.schema.core, self.data, path) or "racine"
            self.warnings.append(
                f"Chapitre « {self.chapter_id} », {where} : {removed} caractère(s) de "
                "contrôle supprimé(s) (interdits dans un document Word)."
            )
        return french(text)

    def required(self, node: JsonObject, name: str) -> bool:
        """Whether ``name`` is a required field of ``node`` that completeness counts."""
        node = self.schema.resolve(node)
        if name not in node.get("required", ()):
            return False
        sub = self.schema.properties(node).get(name, {})
        return sub.get("x-completude") is not False

    def title_of(self, node: JsonObject, name: str) -> str:
        sub = self.schema.properties(node).get(name, {})
        return str(sub.get("title", name))

    def gap(self, p: Element, title: str) -> Element:
        """A highlighted « [À compléter : <title>] » run, where the field belongs,
        inside a bookmark that the appendix's list of what is left to do points at."""
        self.gaps += 1
        start, end = self.todo_bookmark(f"À compléter{NBSP}: {title}")
        p.append(start)
        r = ooxml.run(
            p, f"[À compléter{NBSP}: {title}]", style_id=self.styles["gap"], highlight=True
        )
        p.append(end)
        return r

    def todo_bookmark(self, what: str) -> tuple[Element, Element]:
        """The start and end of a bookmark on an item of the « À faire » list
        (``what``), for the caller to place around it; its name is unique."""
        number = str(next(self.bookmark_ids))
        name = f"{TODO_BOOKMARK}_{number}"
        self.todo.append((what, name))
        return ooxml.new("bookmarkStart", id=number, name=name), ooxml.new("bookmarkEnd", id=number)

    def fill(
        self, p: Element, node: JsonObject, item: Mapping[str, Any], name: str, path: DataPath
    ) -> bool:
        """Write ``item[name]`` into ``p``, or its gap if required and empty.

        Returns whether anything was written (an empty optional field writes nothing).
        """
        value = item.get(name)
        if not is_empty(value):
            ooxml.run(p, self.text(value, (*path, name)))
            return True
        if self.required(node, name):
            self.gap(p, self.title_of(node, name))
            return True
        return False

    def anchor(self, path: DataPath, elements: list[Element]) -> None:
        """Remember the runs that show ``path`` (only when comments need them)."""
        if not self.record_anchors or path in self.anchors:
            return
        runs = _text_runs(elements)
        if runs:
            self.anchors[path] = runs

    def bookmark(self, value: Any, path: DataPath, elements: list[Element]) -> None:
        """A Word bookmark named after the block's anchor around its paragraphs,
        so that the document (and corrections coming back from it) address the
        block as the chapter does, whatever its position."""
        anchor = value.get(ANCHOR_KEY) if isinstance(value, Mapping) else None
        if not is_anchor(anchor) or anchor in self.blocks:
            return
        paragraphs = [p for e in elements for p in ([e] if e.tag == _P else e.iter(_P))]
        if not paragraphs:
            return
        self.blocks[anchor] = path
        number = str(next(self.bookmark_ids))
        start = ooxml.new("bookmarkStart", id=number, name=anchor)
        first = paragraphs[0]
        properties = first.find(ooxml.w("pPr"))
        first.insert(0 if properties is None else 1, start)
        paragraphs[-1].append(ooxml.new("bookmarkEnd", id=number))

    def style(self, key: str) -> str:
        return self.styles[key]


NBSP = "\u00a0"
TODO_BOOKMARK = "afaire"
"""Bookmarks of the « À faire » appendix: ``afaire_<n>`` (a letter first, as Word wants)."""
_R, _T, _P, _TBL = ooxml.w("r"), ooxml.w("t"), ooxml.w("p"), ooxml.w("tbl")


def _text_runs(elements: list[Element]) -> tuple[Element, Element] | None:
    """First and last text runs of a block: across its paragraphs, or, for a table,
    within its first paragraph that holds text (a comment range stays in one cell)."""
    paragraphs = [e for e in elements if e.tag == _P]
    if len(paragraphs) != len(elements):
        for p in (p for e in elements for p in e.iter(_P)):
            runs = [r for r in p.iter(_R) if r.find(_T) is not None]
            if runs:
                return runs[0], runs[-1]
        return None
    runs = [r for p in paragraphs for r in p.iter(_R) if r.find(_T) is not None]
    return (runs[0], runs[-1]) if runs else None
