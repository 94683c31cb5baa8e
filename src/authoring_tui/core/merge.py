"""Three-way merge of a chapter: what I changed and what was saved meanwhile.

When a save meets a file changed on disk, the editor still has the version it
opened (the base). Both sides' changes are compared with it field by field, on
plain trees (dicts, lists, scalars as the YAML readers give them): a field
changed on one side takes that side; changed on both sides differently, it is
a ``Conflict`` the user settles (``resolve``). Blocks (list items carrying an
``ancre``, data contract v2) are matched by their anchor, so a block moved,
inserted or deleted on one side does not look like every following block
changing. Other lists merge item by item when both sides only edited items in
place or appended (comments, status history); otherwise only one side may have
changed them.

Pure: no file is read here; ``core/patch.py`` puts the result into the
round-trip document so that the save keeps comments and formatting.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from .schema import Schema
from .validation import Path, describe_path

ANCHOR = "ancre"

Side = Literal["mine", "theirs", "base"]
Kind = Literal["valeur", "suppression", "ordre"]
ChangeKind = Literal["modifié", "ajouté", "supprimé", "déplacé"]


class _Absent:
    """A field or item that one version does not have (``None`` is a value)."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()


class _Unknown:
    """The base of a two-way comparison (a conflict copy whose parent is not known)."""

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()


@dataclass(frozen=True)
class Conflict:
    """A field both sides changed differently; ``path`` reads in mine's tree
    (theirs' when mine no longer has it). ``ABSENT`` marks a deleted side."""

    path: Path
    base: Any
    mine: Any
    theirs: Any
    kind: Kind = "valeur"


@dataclass(frozen=True)
class Change:
    """A change taken from one side, for the notice; ``path`` reads in that
    side's tree (in base's for a deletion)."""

    side: Side
    path: Path
    kind: ChangeKind


@dataclass
class MergeResult:
    base: Any
    mine: Any
    theirs: Any
    merged: Any
    """The merged tree; where a conflict is not settled, mine's value."""
    conflicts: list[Conflict] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    choices: Mapping[Path, Side] = field(default_factory=dict)

    @property
    def clean(self) -> bool:
        return not self.conflicts

    def taken_from(self, side: Side) -> list[Change]:
        return [change for change in self.changes if change.side == side]

    def describe_change(self, schema: Schema, change: Change) -> str:
        tree = self.base if change.kind == "supprimé" else getattr(self, change.side)
        return describe_path(schema, tree, change.path)

    def describe_conflict(self, schema: Schema, conflict: Conflict) -> str:
        tree = self.mine if value_at(self.mine, conflict.path) is not ABSENT else self.theirs
        return describe_path(schema, tree, conflict.path)


def merge(
    base: Any, mine: Any, theirs: Any, choices: Mapping[Path, Side] | None = None
) -> MergeResult:
    """Merge base → mine and base → theirs; ``choices`` settles conflicts by path."""
    merger = _Merger(dict(choices or {}))
    merged = merger.value(base, mine, theirs, _Where((), (), ()))
    result = MergeResult(base, mine, theirs, merged, merger.conflicts, merger.changes)
    result.choices = merger.choices
    return result


def compare(mine: Any, theirs: Any, choices: Mapping[Path, Side] | None = None) -> MergeResult:
    """A two-way merge, without a common ancestor: every field that differs is a
    conflict (a conflict copy against its chapter, field by field)."""
    return merge(UNKNOWN, mine, theirs, choices)


def resolve(result: MergeResult, choices: Mapping[Path, Side]) -> MergeResult:
    """The merge again with the user's choice per conflict (by its path); a
    conflict left without a choice stays a conflict."""
    return merge(result.base, result.mine, result.theirs, {**result.choices, **choices})


@dataclass(frozen=True)
class _Where:
    """Where the value being merged is in each version (``None``: not there)."""

    base: Path | None
    mine: Path | None
    theirs: Path | None

    def key(self, name: str) -> _Where:
        return _Where(*(None if p is None else (*p, name) for p in self._paths()))

    def items(self, base: int | None, mine: int | None, theirs: int | None) -> _Where:
        indexes = (base, mine, theirs)
        return _Where(
            *(
                None if p is None or i is None else (*p, i)
                for p, i in zip(self._paths(), indexes, strict=True)
            )
        )

    def _paths(self) -> tuple[Path | None, Path | None, Path | None]:
        return self.base, self.mine, self.theirs

    @property
    def shown(self) -> Path:
        return self.mine or self.theirs or self.base or ()


class _Merger:
    def __init__(self, choices: dict[Path, Side]) -> None:
        self.choices = choices
        self.conflicts: list[Conflict] = []
        self.changes: list[Change] = []

    def value(self, base: Any, mine: Any, theirs: Any, where: _Where) -> Any:
        if base is UNKNOWN:
            return self.two_way(mine, theirs, where)
        if same(mine, theirs):
            return mine
        if same(mine, base):
            self._took("theirs", where, base, theirs)
            return theirs
        if same(theirs, base):
            self._took("mine", where, base, mine)
            return mine
        if all(isinstance(v, Mapping) for v in (mine, theirs)) and not _is_scalar(base):
            return self.mapping(base if isinstance(base, Mapping) else {}, mine, theirs, where)
        if isinstance(mine, list) and isinstance(theirs, list) and not _is_scalar(base):
            return self.items(base if isinstance(base, list) else [], mine, theirs, where)
        return self.conflict(where, base, mine, theirs)

    def conflict(
        self, where: _Where, base: Any, mine: Any, theirs: Any, kind: Kind = "valeur"
    ) -> Any:
        """Mine's value, or the chosen side's; an unchosen conflict is recorded."""
        path = where.shown
        chosen = self.choices.get(path)
        if chosen is None:
            self.conflicts.append(Conflict(path, base, mine, theirs, kind))
            return mine
        return {"mine": mine, "theirs": theirs, "base": base}[chosen]

    def _took(self, side: Side, where: _Where, base: Any, value: Any) -> None:
        """Record a side's change, field by field where both are containers (the
        notice names the paragraph, not the whole list of sections)."""
        if isinstance(base, Mapping) and isinstance(value, Mapping):
            for key in list(value) + [key for key in base if key not in value]:
                before, after = base.get(key, ABSENT), value.get(key, ABSENT)
                if not same(before, after):
                    self._took(side, where.key(key), before, after)
        elif (
            isinstance(base, list)
            and isinstance(value, list)
            and anchored(base)
            and anchored(value)
        ):
            self._took_blocks(side, where, base, value)
        elif isinstance(base, list) and isinstance(value, list) and len(base) == len(value):
            for index, (before, after) in enumerate(zip(base, value, strict=True)):
                if not same(before, after):
                    self._took(side, _one_side(where, side, index, index), before, after)
        else:
            self._record(side, where, base, value)

    def _took_blocks(self, side: Side, where: _Where, base: list[Any], value: list[Any]) -> None:
        before = {item[ANCHOR]: index for index, item in enumerate(base)}
        after = {item[ANCHOR]: index for index, item in enumerate(value)}
        for anchor, index in after.items():
            old = before.get(anchor)
            old_item = ABSENT if old is None else base[old]
            if not same(old_item, value[index]):
                self._took(side, _one_side(where, side, old, index), old_item, value[index])
        for anchor, index in before.items():
            if anchor not in after:
                self._record(side, _one_side(where, side, index, None), base[index], ABSENT)
        kept = [anchor for anchor in before if anchor in after]
        if kept != sorted(kept, key=after.__getitem__):
            self.record_move(side, where)

    def record_move(self, side: Side, where: _Where) -> None:
        path = where.mine if side == "mine" else where.theirs
        self.changes.append(Change(side, path if path is not None else where.shown, "déplacé"))

    def _record(self, side: Side, where: _Where, base: Any, value: Any) -> None:
        kind: ChangeKind
        if base is ABSENT:
            kind, path = "ajouté", where.mine if side == "mine" else where.theirs
        elif value is ABSENT:
            kind, path = "supprimé", where.base
        else:
            kind, path = "modifié", where.mine if side == "mine" else where.theirs
        self.changes.append(Change(side, path if path is not None else where.shown, kind))

    def two_way(self, mine: Any, theirs: Any, where: _Where) -> Any:
        """No base: what differs is a conflict, as deep as the two trees match."""
        if same(mine, theirs):
            return mine
        if isinstance(mine, Mapping) and isinstance(theirs, Mapping):
            return self.mapping(_UnknownMapping(), mine, theirs, where)
        if isinstance(mine, list) and isinstance(theirs, list) and _same_shape(mine, theirs):
            return [
                self.two_way(m, t, where.items(None, i, i))
                for i, (m, t) in enumerate(zip(mine, theirs, strict=True))
            ]
        return self.conflict(where, UNKNOWN, mine, theirs)

    # Mappings: key by key

    def mapping(
        self,
        base: Mapping[str, Any],
        mine: Mapping[str, Any],
        theirs: Mapping[str, Any],
        where: _Where,
    ) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        keys = list(mine) + [key for key in theirs if key not in mine]
        keys += [key for key in base if key not in keys]
        for key in keys:
            value = self.value(
                base.get(key, ABSENT),
                mine.get(key, ABSENT),
                theirs.get(key, ABSENT),
                where.key(key),
            )
            if value is not ABSENT:
                merged[key] = value
        return merged

    # Lists: by anchor, appended, or whole

    def items(self, base: list[Any], mine: list[Any], theirs: list[Any], where: _Where) -> Any:
        if all(anchored(items) for items in (base, mine, theirs)):
            return _AnchoredList(self, base, mine, theirs, where).merge()
        if len(mine) >= len(base) and len(theirs) >= len(base):
            return self.appended(base, mine, theirs, where)
        return self.conflict(where, base, mine, theirs)

    def appended(
        self, base: list[Any], mine: list[Any], theirs: list[Any], where: _Where
    ) -> list[Any]:
        """Items edited in place merge by index; the appended tails follow, mine's
        first, an identical tail once."""
        merged = [
            self.value(base[i], mine[i], theirs[i], where.items(i, i, i)) for i in range(len(base))
        ]
        size = len(base)
        mine_tail, theirs_tail = mine[size:], theirs[size:]
        for offset, item in enumerate(mine_tail):
            self._took("mine", where.items(None, size + offset, None), ABSENT, item)
        merged += mine_tail
        if not same(mine_tail, theirs_tail):
            for offset, item in enumerate(theirs_tail):
                self._took("theirs", where.items(None, None, size + offset), ABSENT, item)
            merged += theirs_tail
        return merged


class _AnchoredList:
    """Blocks matched by ``ancre``: edited, inserted, deleted and moved."""

    def __init__(
        self, merger: _Merger, base: list[Any], mine: list[Any], theirs: list[Any], where: _Where
    ) -> None:
        self.merger, self.where = merger, where
        self.base, self.mine, self.theirs = (_by_anchor(items) for items in (base, mine, theirs))
        self.order = {
            side: [item[ANCHOR] for item in items]
            for side, items in (("base", base), ("mine", mine), ("theirs", theirs))
        }
        self.kept: dict[str, Any] = {}

    def merge(self) -> list[Any]:
        for anchor in self._all_anchors():
            item = self._item(anchor)
            if item is not ABSENT:
                self.kept[anchor] = item
        merged = self._skeleton()
        for side in ("theirs", "mine"):  # mine's go in last: before theirs after the same block
            for anchor in self.order[side]:
                if anchor in self.kept and anchor not in merged:
                    merged.insert(self._after_predecessor(merged, side, anchor), anchor)
        return [self.kept[anchor] for anchor in merged]

    def _all_anchors(self) -> list[str]:
        seen = dict.fromkeys(self.order["mine"] + self.order["theirs"] + self.order["base"])
        return list(seen)

    def _item(self, anchor: str) -> Any:
        base, mine, theirs = (
            items.get(anchor, ABSENT) for items in (self.base, self.mine, self.theirs)
        )
        where = self.where.items(
            *(self._index(side, anchor) for side in ("base", "mine", "theirs"))
        )
        if base is not ABSENT and ABSENT in (mine, theirs) and mine is not theirs:
            return self._deleted_on_one_side(base, mine, theirs, where)
        return self.merger.value(base, mine, theirs, where)

    def _deleted_on_one_side(self, base: Any, mine: Any, theirs: Any, where: _Where) -> Any:
        """Deleted and untouched: deleted; deleted and edited: the user says."""
        if same(mine, base) or same(theirs, base):
            return self.merger.value(base, mine, theirs, where)
        return self.merger.conflict(where, base, mine, theirs, "suppression")

    def _index(self, side: str, anchor: str) -> int | None:
        order = self.order[side]
        return order.index(anchor) if anchor in order else None

    def _skeleton(self) -> list[str]:
        """The blocks every version has, in the order a side changed (or a choice)."""
        common = [a for a in self.order["base"] if a in self.mine and a in self.theirs]
        orders = {
            side: [a for a in self.order[side] if a in common and a in self.kept]
            for side in ("base", "mine", "theirs")
        }
        base, mine, theirs = orders["base"], orders["mine"], orders["theirs"]
        if mine == theirs:
            return list(mine)
        if mine == base:
            self.merger.record_move("theirs", self.where)
            return list(theirs)
        if theirs == base:
            self.merger.record_move("mine", self.where)
            return list(mine)
        chosen = self.merger.conflict(self.where, base, mine, theirs, "ordre")
        return list(chosen)

    def _after_predecessor(self, merged: list[str], side: str, anchor: str) -> int:
        order = self.order[side]
        for previous in reversed(order[: order.index(anchor)]):
            if previous in merged:
                return merged.index(previous) + 1
        return 0


class _UnknownMapping(dict[str, Any]):
    """The base of a two-way merge seen as an object: every field unknown."""

    def get(self, key: str, default: Any = None) -> Any:
        return UNKNOWN


def _same_shape(mine: list[Any], theirs: list[Any]) -> bool:
    """Lists compared item by item: as long, and the same blocks in the same order."""
    if len(mine) != len(theirs):
        return False
    if anchored(mine) and anchored(theirs):
        return [m[ANCHOR] for m in mine] == [t[ANCHOR] for t in theirs]
    return True


def _one_side(where: _Where, side: Side, base: int | None, index: int | None) -> _Where:
    """An item's place in base and in the one side whose change is recorded."""
    return where.items(base, index if side == "mine" else None, index if side == "theirs" else None)


def _by_anchor(items: list[Any]) -> dict[str, Any]:
    return {item[ANCHOR]: item for item in items}


def anchored(items: list[Any]) -> bool:
    """Every item is an object with its own ``ancre`` (unique in the list)."""
    anchors = [item.get(ANCHOR) if isinstance(item, Mapping) else None for item in items]
    return all(isinstance(a, str) and a for a in anchors) and len(set(anchors)) == len(anchors)


def same(a: Any, b: Any) -> bool:
    """Equal as data: ``True`` is not ``1``, ``ABSENT`` only equals itself."""
    if a is ABSENT or b is ABSENT:
        return a is b
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, (Mapping, list)) or isinstance(b, (Mapping, list)):
        return False
    return bool(a == b)


def _is_scalar(value: Any) -> bool:
    return value is not ABSENT and not isinstance(value, (Mapping, list))


def value_at(tree: Any, path: Sequence[str | int]) -> Any:
    """The value at ``path`` in ``tree``; ``ABSENT`` where the path leads nowhere."""
    node = tree
    for part in path:
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not (in_list or (isinstance(node, Mapping) and part in node)):
            return ABSENT
        node = node[part]
    return node
