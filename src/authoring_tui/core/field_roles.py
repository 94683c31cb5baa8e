"""Which fields a user's role may change, read from the schema's ``x-role``.

``roles.py`` says who may edit a chapter at all; this module says which of its
fields, so that the tool itself never lets a writer do what only the
secrétariat may. The schema marks the fields (no field name is written here):

- ``"x-role": "secretariat"``: only the secrétariat sets, changes or removes
  the value (``id``, ``numero``, ``dga``, ``redacteurs``, ``statut``,
  ``historique_statut``);
- ``"x-role": "auteur"`` on the property that holds an object's author (a
  comment's ``auteur``): the object belongs to that login; only its author or
  the secrétariat changes or removes it, and a new one is written in one's own
  name;
- ``"x-role": "redacteur"``: anyone who may edit the chapter changes the field,
  even in an object that belongs to someone else (a comment's ``resolu``: the
  chapter's writers mark the secrétariat's remarks as dealt with).

Objects with an author are matched by content, not by place, so deleting one's
own comment does not look like a change to the others; items of other arrays
are compared place by place.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Any

from ruamel.yaml.comments import CommentedMap

from .roles import PermissionDenied, Role, User
from .schema import JsonObject, Schema, enum_title
from .schema_library import json_equal
from .validation import Path, describe_path

SECRETARIAT = "secretariat"
AUTHOR = "auteur"
WRITER = "redacteur"

_SHOWN_LENGTH = 60


@dataclass(frozen=True)
class ForbiddenChange:
    """A change the user's role does not allow: where, and said in French."""

    path: Path
    description: str


def forbidden_changes(schema: Schema, before: Any, after: Any, user: User) -> list[str]:
    """The changes from ``before`` to ``after`` that ``user``'s role may not make,
    each in French (« Statut : seul le secrétariat de rédaction… »)."""
    return [change.description for change in find_forbidden(schema, before, after, user)]


def find_forbidden(schema: Schema, before: Any, after: Any, user: User) -> list[ForbiddenChange]:
    if user.role is Role.SECRETARIAT:
        return []
    return list(_Walk(schema, user.login, before, after).value(schema.contents, before, after, ()))


def refusal(changes: Sequence[str], path: FilePath | None = None) -> PermissionDenied:
    """The French refusal that lists what the user may not change (in ``path``)."""
    listed = "\n".join(f"- {change}" for change in changes)
    return PermissionDenied(
        "enregistrement refusé, rien n’a été écrit : ces modifications sont réservées "
        f"au secrétariat de rédaction ou à l’auteur des commentaires.\n{listed}",
        path,
    )


VALIDATED = "valide"
FREE_WHEN_VALIDATED = frozenset({"statut", "historique_statut", "commentaires"})
"""What may change in a validated chapter that stays validated: its status
(leaving « Validé » is the way to edit it), the history and the comments."""
ANCHOR_KEY = "ancre"
"""A block's anchor, given by the tool to blocks without one at their next save
(contract v2): its appearance is no change of content."""


def validated_refusal(
    before: Any, after: Any, path: FilePath | None = None
) -> PermissionDenied | None:
    """The refusal of a save that changes a validated chapter's content while it
    stays « Validé » (for everyone, the secrétariat included: it reopens first),
    or ``None`` when the save may go ahead."""
    if not (_statut(before) == VALIDATED == _statut(after)):
        return None
    if _same_content(_as_object(before), _as_object(after)):
        return None
    return PermissionDenied(
        "enregistrement refusé, rien n’a été écrit : le chapitre est validé. Pour le "
        "modifier, rouvrez-le d’abord (il repasse en « Brouillon », et l’historique le dit).",
        path,
    )


def _statut(data: Any) -> Any:
    return data.get("statut") if isinstance(data, Mapping) else None


def _same_content(before: Mapping[str, Any], after: Mapping[str, Any]) -> bool:
    keys = (set(before) | set(after)) - FREE_WHEN_VALIDATED
    return all(_same_ignoring_new_anchors(before.get(k), after.get(k)) for k in keys)


def _same_ignoring_new_anchors(before: Any, after: Any) -> bool:
    if isinstance(before, Mapping) and isinstance(after, Mapping):
        keys = set(before) | (set(after) - ({ANCHOR_KEY} - set(before)))
        return all(_same_ignoring_new_anchors(before.get(k), after.get(k)) for k in keys)
    if isinstance(before, list) and isinstance(after, list):
        return len(before) == len(after) and all(
            _same_ignoring_new_anchors(b, a) for b, a in zip(before, after, strict=True)
        )
    return _same(before, after)


def keep_protected(
    schema: Schema, current: Any, restored: Any, user: User, path: FilePath | None = None
) -> Any:
    """``restored`` (changed in place) with the current value of every field the
    user may not change, and the current objects that have an author.

    A writer's restore of an earlier version brings back its content, never an
    older status, history or someone's comment. Raises ``PermissionDenied`` if
    something protected could not be kept (then nothing is to be written).
    """
    if user.role is Role.SECRETARIAT:
        return restored
    if isinstance(current, Mapping) and isinstance(restored, MutableMapping):
        _keep_object(schema, schema.contents, current, restored)
    left = forbidden_changes(schema, current, restored, user)
    if left:
        raise refusal(left, path)
    return restored


# -- The walk ------------------------------------------------------------------


class _Walk:
    """Compares two versions of a chapter along its schema, for one login."""

    def __init__(self, schema: Schema, login: str, before: Any, after: Any) -> None:
        self.schema = schema
        self.login = login
        self.before = before
        self.after = after

    def value(self, node: Any, before: Any, after: Any, path: Path) -> Iterator[ForbiddenChange]:
        if _same(before, after):
            return
        node = self.schema.resolve(node)
        if node.get("x-role") == SECRETARIAT:
            yield self._reserved(node, before, after, path)
        elif isinstance(before, Mapping) or isinstance(after, Mapping):
            yield from self._object(node, _as_object(before), _as_object(after), path)
        elif isinstance(before, list) or isinstance(after, list):
            yield from self._array(node, _as_array(before), _as_array(after), path)

    def _object(
        self, node: JsonObject, before: Mapping[str, Any], after: Mapping[str, Any], path: Path
    ) -> Iterator[ForbiddenChange]:
        properties = _properties(self.schema, node, before, after)
        owner = _owner_key(properties)
        if owner is not None:
            yield from self._owned([before] if before else [], [after] if after else [], node, path)
            return
        for name, sub in properties.items():
            yield from self.value(sub, before.get(name), after.get(name), (*path, name))

    def _array(
        self, node: JsonObject, before: list[Any], after: list[Any], path: Path
    ) -> Iterator[ForbiddenChange]:
        item = self.schema.items(node)
        if _owner_key(_properties(self.schema, item, *before, *after)) is not None:
            yield from self._owned(before, after, item, path, indexed=True)
            return
        for index in range(max(len(before), len(after))):
            yield from self.value(item, _at(before, index), _at(after, index), (*path, index))

    def _owned(
        self,
        before: list[Any],
        after: list[Any],
        node: JsonObject,
        path: Path,
        indexed: bool = False,
    ) -> Iterator[ForbiddenChange]:
        """Objects with an author: those of others must all be found again, as
        they were (but for their ``redacteur`` fields); the user's own ones are theirs."""
        properties = _properties(self.schema, node, *before, *after)
        owner = _owner_key(properties) or ""
        free = {name for name, sub in properties.items() if sub.get("x-role") == WRITER}
        threads = {name for name, sub in properties.items() if self._holds_owned(sub)}
        theirs_before = [(i, x) for i, x in enumerate(before) if _owner(x, owner) != self.login]
        theirs_after = [(i, x) for i, x in enumerate(after) if _owner(x, owner) != self.login]
        lost, added, kept = _unmatched(theirs_before, theirs_after, free | threads)
        for (index, old), (_, new) in kept:
            where = (*path, index) if indexed else path
            for name in threads:
                yield from self.value(
                    properties[name], old.get(name), new.get(name), (*where, name)
                )
        added_at = dict(added)
        for index, item in lost:
            where = (*path, index) if indexed else path
            changed = index in added_at and _owner(added_at[index], owner) == _owner(item, owner)
            if changed:
                added_at.pop(index)
            yield self._not_theirs(where, self.before, _owner(item, owner), changed)
        for index, item in added_at.items():
            where = (*path, index) if indexed else path
            yield self._in_name_of(where, _owner(item, owner))
        yield from self._own(before, after, properties, owner, path, indexed)

    def _holds_owned(self, node: JsonObject) -> bool:
        """A list of objects with an author inside someone's object (the replies
        of a comment): each reply is judged on its own, by its own author."""
        item = self.schema.items(node) if node.get("type") == "array" else {}
        return bool(item) and _owner_key(self.schema.properties(item)) is not None

    def _own(
        self,
        before: list[Any],
        after: list[Any],
        properties: Mapping[str, JsonObject],
        owner: str,
        path: Path,
        indexed: bool,
    ) -> Iterator[ForbiddenChange]:
        """The user's own objects, paired in order: only their reserved fields count."""
        mine_before = [(i, x) for i, x in enumerate(before) if _owner(x, owner) == self.login]
        mine_after = [(i, x) for i, x in enumerate(after) if _owner(x, owner) == self.login]
        for rank in range(max(len(mine_before), len(mine_after))):
            a, b = _at(mine_before, rank), _at(mine_after, rank)
            index = (b or a)[0]
            where = (*path, index) if indexed else path
            a_item, b_item = _as_object(a and a[1]), _as_object(b and b[1])
            for name, sub in properties.items():
                if sub.get("x-role") != AUTHOR:
                    yield from self.value(sub, a_item.get(name), b_item.get(name), (*where, name))

    # -- French descriptions

    def _label(self, path: Path) -> str:
        data = self.after if _has(self.after, path) else self.before
        return describe_path(self.schema, data, path) or "Chapitre"

    def _reserved(self, node: JsonObject, before: Any, after: Any, path: Path) -> ForbiddenChange:
        detail = ""
        if _is_scalar(before) and _is_scalar(after):
            detail = f" (« {_shown(node, before)} » → « {_shown(node, after)} »)"
        return ForbiddenChange(
            path,
            f"{self._label(path)} : seul le secrétariat de rédaction peut modifier ce champ"
            f"{detail}.",
        )

    def _not_theirs(self, path: Path, data: Any, author: str, changed: bool) -> ForbiddenChange:
        what = "modifié" if changed else "supprimé"
        label = describe_path(self.schema, data, path) or "Chapitre"
        return ForbiddenChange(
            path,
            f"{label} (de {author or 'auteur inconnu'}) : {what} ; seuls son auteur et le "
            "secrétariat de rédaction le peuvent.",
        )

    def _in_name_of(self, path: Path, author: str) -> ForbiddenChange:
        return ForbiddenChange(
            path,
            f"{self._label(path)} : écrit au nom de « {author or 'personne'} » ; on n’écrit "
            "qu’en son propre nom.",
        )


Indexed = tuple[int, Any]


def _unmatched(
    before: list[Indexed], after: list[Indexed], free: set[str]
) -> tuple[list[Indexed], list[Indexed], list[tuple[Indexed, Indexed]]]:
    """The objects of ``before`` not found in ``after``, those of ``after`` not
    found in ``before`` (each found at most once), ignoring the ``free`` fields,
    and the pairs found."""
    remaining = list(after)
    lost: list[Indexed] = []
    kept: list[tuple[Indexed, Indexed]] = []
    for index, item in before:
        match = next(
            (k for k, (_, other) in enumerate(remaining) if _same_but(item, other, free)), None
        )
        if match is None:
            lost.append((index, item))
        else:
            kept.append(((index, item), remaining.pop(match)))
    return lost, remaining, kept


# -- Keeping the protected fields of the current version ------------------------


def _keep_object(
    schema: Schema, node: Any, current: Mapping[str, Any], restored: MutableMapping[str, Any]
) -> None:
    properties = _properties(schema, schema.resolve(node), current, restored)
    order = list(properties)
    for name, sub in properties.items():
        if _protected(schema, sub, current.get(name), restored.get(name)):
            _put(restored, name, current, order)
        elif isinstance(current.get(name), Mapping) and isinstance(
            restored.get(name), MutableMapping
        ):
            _keep_object(schema, sub, current[name], restored[name])
        elif isinstance(current.get(name), list) and isinstance(restored.get(name), list):
            item = schema.items(sub)
            for mine, old in zip(current[name], restored[name], strict=False):
                if isinstance(mine, Mapping) and isinstance(old, MutableMapping):
                    _keep_object(schema, item, mine, old)


def _protected(schema: Schema, node: JsonObject, current: Any, restored: Any) -> bool:
    """Reserved to the secrétariat, or holding objects that have an author."""
    if node.get("x-role") == SECRETARIAT:
        return True
    if _owner_key(_properties(schema, node, current, restored)) is not None:
        return True
    items = schema.items(node)
    values = [*_as_array(current), *_as_array(restored)]
    return bool(items) and _owner_key(_properties(schema, items, *values)) is not None


def _put(
    restored: MutableMapping[str, Any], name: str, current: Mapping[str, Any], order: list[str]
) -> None:
    """``restored[name] = current[name]``, or no such key when there is none now;
    a key put back goes where the schema orders it."""
    if name not in current:
        restored.pop(name, None)
    elif name in restored or not isinstance(restored, CommentedMap):
        restored[name] = current[name]
    else:
        rank = order.index(name)
        position = sum(1 for key in restored if key in order[:rank])
        restored.insert(position, name, current[name])


# -- Small helpers ---------------------------------------------------------------


def _properties(schema: Schema, node: Any, *instances: Any) -> dict[str, JsonObject]:
    """The properties a node declares, with those of the alternative (``oneOf``)
    each instance selects."""
    found = dict(schema.properties(node))
    for instance in instances:
        variant = schema.variant_for(node, instance) if isinstance(instance, Mapping) else None
        if variant is not None:
            for name, sub in schema.properties(variant).items():
                found.setdefault(name, sub)
    return found


def _owner_key(properties: Mapping[str, JsonObject]) -> str | None:
    return next((name for name, sub in properties.items() if sub.get("x-role") == AUTHOR), None)


def _owner(item: Any, key: str) -> str:
    value = item.get(key) if isinstance(item, Mapping) else None
    return value if isinstance(value, str) else ""


def _same(a: Any, b: Any) -> bool:
    return a is b or json_equal(a, b)


def _same_but(a: Any, b: Any, free: set[str]) -> bool:
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        a = {k: v for k, v in a.items() if k not in free}
        b = {k: v for k, v in b.items() if k not in free}
    return _same(a, b)


def _as_object(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _as_array(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _at(items: list[Any], index: int) -> Any:
    return items[index] if index < len(items) else None


def _has(data: Any, path: Path) -> bool:
    for part in path:
        in_list = isinstance(part, int) and isinstance(data, list) and part < len(data)
        if not (in_list or (isinstance(data, Mapping) and part in data)):
            return False
        data = data[part]
    return True


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, Mapping | list)


def _shown(node: JsonObject, value: Any) -> str:
    if value is None:
        return "vide"
    text = enum_title(node, value)
    return text if len(text) <= _SHOWN_LENGTH else text[: _SHOWN_LENGTH - 1] + "…"
