"""A chapter open in the editor: its round-trip data, its errors, saving and status.

The editor's widgets change the loaded ruamel data in place, field by field, so a
save through the store rewrites only the lines of the fields that changed (the
round trip keeps comments, key order and every other field's text). Revalidation
runs on the whole chapter (a few milliseconds) and gives the errors and the
completeness everything else shows.

Opening is fast: the chapter is first read with libyaml (plain objects, about
eight times faster), enough to draw the editor. The round-trip document is then
parsed from the very same text in a worker; every method that changes or writes
the chapter first makes sure it has it (waiting for that worker, or parsing
itself), so no edit ever lands in, or is saved from, the plain data.
"""

from __future__ import annotations

import contextlib
import datetime
import threading
from collections.abc import Mapping, MutableMapping
from pathlib import Path as PathLike
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from ..core import review
from ..core.completeness import Completeness, completeness
from ..core.diff import Difference, differences
from ..core.errors import AuthoringError
from ..core.field_roles import forbidden_changes, refusal
from ..core.locks import ChapterLock, ChapterLocked
from ..core.merge import MergeResult, Side, compare
from ..core.patch import apply, save_merged
from ..core.roles import User, allowed_statuses, can_edit
from ..core.store import Chapter, ChapterConflict, ChapterDeleted
from ..core.validation import Issue, validate
from ..core.workspace import Workspace
from ..core.yamlio import read_yaml
from .forms.nodes import properties
from .forms.spec import Path, node_at, object_node

LARGE_CHAPTER_CHARACTERS = 512 * 1024
"""Above this, the editor revalidates in a worker: the sample's largest chapter is
36 KB and revalidates in about 15 ms; 100 000 logins take seconds."""


class ChapterSession:
    """One chapter loaded for editing (or reading) by one user."""

    def __init__(
        self,
        workspace: Workspace,
        chapter_id: str,
        user: User,
        today: datetime.date | None = None,
    ) -> None:
        self.workspace = workspace
        self.user = user
        self.today = today
        self.chapter = workspace.store.load(chapter_id, round_trip=False)
        self._parsed: tuple[Chapter, Chapter] | None = None
        """(plain chapter, its round-trip twin) once parsed, until adopted."""
        self._parsing = threading.Lock()
        self.saved: Any = None
        """The chapter as this session last read or wrote it (plain values), plus
        the status changes made through the workflow: what a save's changes are
        judged against (``check_roles``); ``None`` until the round trip."""
        self.base: Any = None
        """The chapter as this session opened, last saved or merged it (plain
        values, untouched by the status workflow): the common ancestor of a
        three-way merge when the file changed on disk."""
        self.merged: MergeResult | None = None
        """What the last save merged from the disk (``None``: a plain save)."""
        self.merged_copy: PathLike | None = None
        """A conflict copy merged into the chapter, removed once that is saved."""
        self.schema = workspace.schema_for(chapter_id)
        self.dirty = False
        self.issues: list[Issue] = []
        self.completeness = Completeness(0, 0)
        self.lock: ChapterLock | None = None
        self.lock_error: ChapterLocked | None = None
        if can_edit(user, self.data):
            self.take_lock()
        self.revalidate()

    @property
    def id(self) -> str:
        return self.chapter.id

    @property
    def data(self) -> Any:
        return self.chapter.data

    @property
    def editable(self) -> bool:
        """The user's role allows it and this session holds the chapter's lock."""
        held = self.lock is not None and self.lock.held
        return held and isinstance(self.data, Mapping) and can_edit(self.user, self.data)

    # The round-trip document (see the module's docstring)

    @property
    def round_trip(self) -> bool:
        """Whether ``data`` is the round-trip document, the only one that may change."""
        return self.chapter.document.round_trip

    def parse_round_trip(self) -> None:
        """Parse the round-trip twin of the plain chapter; any thread, at most once."""
        with self._parsing:
            plain = self.chapter
            if plain.document.round_trip or (self._parsed and self._parsed[0] is plain):
                return
            self._parsed = (plain, self.workspace.store.round_trip(plain))

    def ensure_round_trip(self) -> None:
        """Edit the round-trip document from now on (main thread, before any change)."""
        if self.round_trip:
            return
        self.parse_round_trip()  # waits for the worker's parse if one is running
        with self._parsing:
            if self._parsed is not None and self._parsed[0] is self.chapter:
                self.chapter = self._parsed[1]
            self._parsed = None
        self.remember_saved()

    # The edit lock, recovery and conflicts (nothing typed is ever lost)

    def take_lock(self, force: bool = False) -> None:
        """Lock the chapter for this user; when someone else holds it, read only."""
        lock = self.workspace.lock(self.id)
        try:
            lock.acquire(self.user, force=force)
        except ChapterLocked as error:
            self.lock_error = error
            return
        self.lock, self.lock_error = lock, None

    def close(self) -> None:
        """Leave the chapter: unsaved work was kept or discarded by the user's choice.

        Never raises (it runs on the way out, when quitting too): a recovery copy
        a read-only folder keeps is older than the chapter once saved, and is
        offered again otherwise, which loses nothing.
        """
        try:
            if self.editable:
                with contextlib.suppress(AuthoringError, OSError):
                    self.workspace.store.discard_recovery(self.id)
        finally:
            if self.lock is not None:
                self.lock.release()
                self.lock = None

    def pending_recovery(self) -> bool:
        return self.editable and self.workspace.store.pending_recovery(self.id) is not None

    def restore_recovery(self) -> None:
        self.ensure_round_trip()
        self.workspace.store.restore_recovery(self.chapter)
        self.dirty = True
        self.revalidate()

    def autosave(self) -> PathLike | None:
        """Park unsaved changes in a recovery copy; returns where (``None``: nothing
        to park). Beside the chapter, or in the user's own state folder when the
        workspace refuses it; ``DiskRefused`` when both do."""
        if not (self.dirty and self.editable):
            return None
        self.ensure_round_trip()
        return self.workspace.store.write_recovery(self.chapter)

    def in_workspace(self, recovery: PathLike) -> bool:
        """Whether a recovery copy is the usual one, beside the chapter."""
        return recovery == self.workspace.store.recovery_path(self.id)

    def conflict_differences(self) -> list[Difference]:
        theirs = self.workspace.store.load(self.id, round_trip=False).data
        return differences(self.schema, self.data, theirs)

    def keep_mine_and_reload(self) -> PathLike:
        """My version to ``<id>.conflit-<login>-<date>.yaml``, then theirs in the editor."""
        kept = self.keep_mine_aside()
        self.reload()
        return kept

    def keep_mine_aside(self) -> PathLike:
        """My version to ``<id>.conflit-<login>-<date>.yaml``: nothing left unsaved."""
        self.ensure_round_trip()
        kept = self.workspace.store.keep_conflict_copy(self.chapter, self.user.login)
        self.dirty = False
        return kept

    def recreate(self) -> None:
        """Write the chapter again after its file was deleted while open, by the
        user's choice (``ChapterConflict`` if a file came back meanwhile)."""
        self._check_writable()
        self.check_roles()
        self.workspace.store.recreate(self.chapter)
        self.dirty = False
        self.remember_saved()

    def reload(self) -> None:
        self.chapter = self.workspace.store.load(self.id, round_trip=True)
        self.dirty = False
        self.remember_saved()
        self.revalidate()

    @property
    def statut(self) -> str:
        return str(self.data.get("statut") or "brouillon")

    def title(self) -> str:
        numero = self.data.get("numero")
        titre = str(self.data.get("titre") or self.id)
        return f"{numero} {titre}" if numero else titre

    # Reading and writing values by path

    def get(self, path: Path) -> Any:
        value = self.data
        for part in path:
            if isinstance(part, int):
                if not isinstance(value, list) or not 0 <= part < len(value):
                    return None
                value = value[part]
            elif isinstance(value, Mapping):
                value = value.get(part)
            else:
                return None
        return value

    def set_value(self, path: Path, value: Any) -> bool:
        """Write ``value`` at ``path``; returns whether anything changed."""
        self.ensure_round_trip()
        if self.get(path) == value and self._exists(path):
            return False
        parent = self._container_for(path)
        key = path[-1]
        if isinstance(value, str) and "\n" in value:
            value = LiteralScalarString(value)
        if isinstance(parent, list) and isinstance(key, int):
            parent[key] = to_round_trip(value)
        elif isinstance(parent, MutableMapping) and isinstance(key, str):
            if key in parent:
                parent[key] = to_round_trip(value)
            else:
                self._insert_key(path[:-1], parent, key, to_round_trip(value))
        self.dirty = True
        return True

    def delete_value(self, path: Path) -> bool:
        self.ensure_round_trip()
        parent = self.get(path[:-1])
        key = path[-1]
        if isinstance(parent, MutableMapping) and key in parent:
            del parent[key]
            self.dirty = True
            return True
        return False

    def insert_item(self, array_path: Path, index: int, value: Any) -> Path:
        self.ensure_round_trip()
        items = self.get(array_path)
        if not isinstance(items, list):
            self.set_value(array_path, [])
            items = self.get(array_path)
        index = max(0, min(index, len(items)))
        items.insert(index, to_round_trip(value))
        self.dirty = True
        return (*array_path, index)

    def remove_item(self, path: Path) -> None:
        self.ensure_round_trip()
        items = self.get(path[:-1])
        index = path[-1]
        if isinstance(items, list) and isinstance(index, int) and 0 <= index < len(items):
            del items[index]
            self.dirty = True

    def move_item(self, path: Path, delta: int) -> Path:
        """Move a list item up (-1) or down (+1); returns where it is now."""
        self.ensure_round_trip()
        items = self.get(path[:-1])
        index = path[-1]
        if not isinstance(items, list) or not isinstance(index, int):
            return path
        target = index + delta
        if not 0 <= target < len(items):
            return path
        item = items.pop(index)
        items.insert(target, item)
        self.dirty = True
        return (*path[:-1], target)

    def replace(self, path: Path, value: Any) -> None:
        """Put a whole new value at ``path`` (a block whose type changed)."""
        self.ensure_round_trip()
        parent = self.get(path[:-1])
        parent[path[-1]] = to_round_trip(value)
        self.dirty = True

    def _exists(self, path: Path) -> bool:
        parent = self.get(path[:-1])
        key = path[-1]
        if isinstance(parent, Mapping):
            return key in parent
        return isinstance(parent, list) and isinstance(key, int) and 0 <= key < len(parent)

    def _container_for(self, path: Path) -> Any:
        """The object or list that holds ``path``, created (empty) where missing."""
        value = self.data
        for depth, part in enumerate(path[:-1]):
            nxt = value[part] if isinstance(value, list) else value.get(part)
            if nxt is None:
                following = path[depth + 1]
                nxt = CommentedSeq() if isinstance(following, int) else CommentedMap()
                self._insert_key(path[:depth], value, str(part), nxt)
            value = nxt
        return value

    def _insert_key(self, parent_path: Path, parent: Any, key: str, value: Any) -> None:
        """Add a key where the schema puts it, so the file reads in schema order."""
        node = object_node(self.schema, node_at(self.schema, self.data, parent_path), parent)
        order = list(properties(self.schema, node))  # a broken sibling spoils only itself
        rank = order.index(key) if key in order else len(order)
        position = sum(1 for existing in parent if existing in order[:rank])
        if isinstance(parent, CommentedMap):
            parent.insert(position, key, value)
        else:
            parent[key] = value

    # Validation, saving and status

    def revalidate(self) -> list[Issue]:
        self.issues, self.completeness = self.measure(self.data)
        return self.issues

    def measure(self, data: Any) -> tuple[list[Issue], Completeness]:
        """Errors and completeness of ``data`` (the chapter, or a copy of it that a
        worker measures while the user goes on typing)."""
        issues = validate(self.schema, data)
        return issues, completeness(self.schema, data, issues)

    @property
    def large(self) -> bool:
        """Whether revalidating takes long enough to freeze typing (a chapter of
        hundreds of thousands of values): it is then done in a worker."""
        return len(self.chapter.document.text) > LARGE_CHAPTER_CHARACTERS

    def issues_under(self, path: Path) -> list[Issue]:
        return [issue for issue in self.issues if issue.path[: len(path)] == path]

    def save(self) -> None:
        """Write through the store, merged with the disk's version if the file
        changed meanwhile (``merged`` says what came from it); ``MergeConflicts``
        when both changed the same fields, ``ChapterDeleted`` when the file is
        gone, ``PermissionDenied`` (nothing written) for a change the user's role
        forbids."""
        self.ensure_round_trip()
        self._check_writable()
        self.check_roles()
        self.merged = None
        try:
            self.workspace.store.save(self.chapter)
        except ChapterDeleted:
            raise
        except ChapterConflict as conflict:
            self.merged = self.merge_or_refuse(conflict)
        self.dirty = False
        self.remember_saved()
        self._forget_merged_copy()
        if self.merged is not None:
            self.revalidate()  # the disk's changes are in the chapter now

    def merge_or_refuse(self, conflict: ChapterConflict) -> MergeResult:
        """The merged save, or the store's refusal when merging cannot be done (the
        disk's version unreadable, a failure): the editor then offers its last
        resort, keeping my version aside."""
        try:
            return self.save_merged()
        except ChapterConflict:  # conflicts to choose, deleted, or still changing
            raise
        except Exception as failure:  # nothing written: the user's work stays on screen
            raise conflict from failure

    def save_merged(self, choices: Mapping[Path, Side] | None = None) -> MergeResult:
        """Merge base → mine and base → the disk's version, and write the result
        over the latter's round trip (its comments and layout kept).

        Only the user's own changes (mine against ``saved``) were judged by
        ``check_roles``: what the disk brings is someone else's save. Nothing
        changes on screen until the merged save succeeds.
        """
        store = self.workspace.store
        self.chapter, result = save_merged(store, self.id, self.base, plain(self.data), choices)
        return result

    def save_resolved(self, choices: Mapping[Path, Side]) -> MergeResult:
        """The save completed with the user's choice for each conflicting field."""
        self._check_writable()
        self.check_roles()  # my version, as judged when the save met the conflict
        self.merged = self.save_merged(choices)
        self.dirty = False
        self.remember_saved()
        self.revalidate()
        return self.merged

    # Conflict copies (``<id>.conflit-<login>-<date>.yaml``): the last resort's
    # backups, merged back into the chapter field by field

    def conflict_copies(self) -> list[PathLike]:
        """This chapter's conflict copies, the most recent first."""
        store = self.workspace.store
        prefix = f"{self.id}.conflit-"
        copies = [p for p in store.files.files(store.folder, ".yaml") if p.name.startswith(prefix)]
        return sorted(copies, key=lambda path: store.files.lstat(path).st_mtime, reverse=True)

    def compare_with_copy(self, copy: PathLike) -> MergeResult:
        """The copy (as « mine ») against the chapter on screen, field by field: its
        parent is not known, so every field that differs is the user's choice."""
        kept = read_yaml(copy, True, self.workspace.store.files).data
        return compare(plain(kept), plain(self.data))

    def take_from_copy(self, copy: PathLike, result: MergeResult) -> None:
        """Put the chosen fields into the chapter; saving it (Ctrl+S, with the usual
        role checks) removes the copy."""
        self.ensure_round_trip()
        self.chapter.document.data = apply(self.data, result.merged)
        self.dirty = True
        self.merged_copy = copy
        self.revalidate()

    def discard_copy(self, copy: PathLike) -> None:
        self.workspace.store.files.remove(copy)

    def _forget_merged_copy(self) -> None:
        """After the save that holds a merged copy's fields: the copy has done its job."""
        copy, self.merged_copy = self.merged_copy, None
        if copy is not None:
            with contextlib.suppress(AuthoringError, OSError):
                self.discard_copy(copy)

    def remember_saved(self) -> None:
        """The data as on disk now: what the next save is judged against, and
        the base of the next merge."""
        self.saved = plain(self.data)
        self.base = plain(self.data)

    def check_roles(self) -> None:
        """Refuse a save that changes a field the user's role leaves to the
        secrétariat (``x-role``) or someone else's comment."""
        changes = forbidden_changes(self.schema, self.saved, self.data, self.user)
        if changes:
            raise refusal(changes, self.chapter.path)

    def _check_writable(self) -> None:
        """Refuse before touching the data when the chapter is locked by someone else."""
        if self.lock_error is not None:
            raise self.lock_error
        self.ensure_round_trip()

    def allowed_statuses(self) -> list[str]:
        return allowed_statuses(self.user, self.data)

    def change_status(self, new_status: str, now: datetime.datetime | None = None) -> None:
        """Set the status (with its history line) and save at once.

        The workflow is the one way a writer changes ``statut`` and
        ``historique_statut``: its change is made to what the save is judged
        against too, so only that change passes the role check; any other edit
        of a reserved field is refused before the status moves.
        """
        self._check_writable()
        self.check_roles()
        moment = now or datetime.datetime.now()
        review.change_status(self.data, new_status, self.user, moment)
        review.change_status(self.saved, new_status, self.user, moment)
        self.dirty = True
        self.save()

    def add_comment(self, cible: str, texte: str) -> None:
        """Add a proofreading comment and save at once (the review screen's habit)."""
        self._check_writable()
        review.add_comment(self.data, cible, texte, self.user, self.today)
        self.dirty = True
        self.save()

    def set_comment_resolved(self, index: int, resolved: bool, save: bool = True) -> None:
        """Mark a comment (un)resolved; the editor leaves the save to Ctrl+S."""
        self._check_writable()
        review.set_comment_resolved(self.data, index, self.user, resolved)
        self.dirty = True
        if save:
            self.save()


def plain(value: Any) -> Any:
    """A copy made of plain dicts and lists, that later edits of ``value`` leave alone."""
    if isinstance(value, Mapping):
        return {key: plain(sub) for key, sub in value.items()}
    if isinstance(value, list):
        return [plain(sub) for sub in value]
    return value


def to_round_trip(value: Any) -> Any:
    """Plain dicts and lists as ruamel's objects, so they dump in block style."""
    if isinstance(value, Mapping) and not isinstance(value, CommentedMap):
        result = CommentedMap()
        for key, sub in value.items():
            result[key] = to_round_trip(sub)
        return result
    if isinstance(value, list) and not isinstance(value, CommentedSeq):
        seq = CommentedSeq()
        seq.extend(to_round_trip(sub) for sub in value)
        return seq
    return value
