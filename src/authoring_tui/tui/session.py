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
from collections.abc import Iterator, Mapping, MutableMapping
from pathlib import Path as PathLike
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..core import anchors, review
from ..core.completeness import Completeness, completeness
from ..core.diff import Difference, differences
from ..core.errors import AuthoringError
from ..core.field_roles import forbidden_changes, keep_protected, refusal, validated_refusal
from ..core.file_notes import file_notes
from ..core.grid_yaml import write_cells, write_rows
from ..core.locks import ChapterLock, ChapterLocked, LockInfo, LockTakenOver
from ..core.merge import MergeResult, Side, compare
from ..core.patch import apply, as_round_trip, save_merged
from ..core.patch import as_plain as plain  # the editor's name for it
from ..core.roles import User, allowed_statuses, can_edit
from ..core.store import Chapter, ChapterConflict, ChapterDeleted
from ..core.undo import Restored, UndoHistory
from ..core.validation import Issue, validate
from ..core.workspace import Workspace
from ..core.yamlio import read_yaml
from .forms.nodes import properties
from .forms.spec import Path, node_at, object_node

ACTIVITY_SECONDS = 30.0
"""The lock's last activity is written at most this often while the user types."""
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
        self.undo_history = UndoHistory()
        """Every change since the chapter was opened (``undo``, ``redo``)."""
        self.notes: dict[Path, list[str]] = {}
        """The DGA's YAML comments by the path they precede, once the round-trip
        document is parsed (``core.file_notes``)."""
        self._in_step = False
        """A change made within another (``insert_item`` creating its list) is
        part of that one's step."""
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
        self.lock_lost: LockTakenOver | None = None
        """Set once the secrétariat took this session's lock over: no save since."""
        self._activity_recorded: datetime.datetime | None = None
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
        """The user's role allows it, this session holds the chapter's lock, and
        the chapter is not validated (it is reopened first, « Rouvrir »)."""
        held = self.lock is not None and self.lock.held and self.lock_lost is None
        mapping = isinstance(self.data, Mapping)
        return held and mapping and can_edit(self.user, self.data) and not self.validated

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
            twin = self.workspace.store.round_trip(plain)
            # Read before anyone edits the twin (the main thread adopts it at the first edit).
            self.notes = file_notes(plain.document.text, twin.data)
            self._parsed = (plain, twin)

    def ensure_round_trip(self) -> None:
        """Edit the round-trip document from now on (main thread, before any change)."""
        if self.round_trip:
            return
        self.parse_round_trip()  # waits for the worker's parse if one is running
        with self._parsing:
            if self._parsed is not None and self._parsed[0] is self.chapter:
                self.chapter = self._parsed[1]
            self._parsed = None
        self.migrate_loaded()
        self.remember_saved()

    # The edit lock, recovery and conflicts (nothing typed is ever lost)

    def take_lock(self, force: bool = False, take_over: bool = False) -> None:
        """Lock the chapter for this user; when someone else holds it, read only.
        ``take_over``: the secrétariat takes an idle holder's lock (they are told)."""
        lock = self.workspace.lock(self.id)
        try:
            lock.acquire(self.user, force=force, take_over=take_over)
        except ChapterLocked as error:
            self.lock_error = error
            return
        self.lock, self.lock_error = lock, None
        if take_over:  # what the holder saved until the takeover is on disk: read it
            self.reload()

    def record_activity(self, now: datetime.datetime | None = None) -> None:
        """A keystroke: refresh the lock's last activity, at most every 30 s (the
        secrétariat may take over an idle lock only)."""
        moment = now or datetime.datetime.now()
        last = self._activity_recorded
        if last is not None and (moment - last).total_seconds() < ACTIVITY_SECONDS:
            return
        if self.lock is not None and self.lock.held and self.lock_lost is None:
            self._activity_recorded = moment
            self.lock.record_activity(moment)

    def lock_taken_by(self) -> LockInfo | None:
        """Who took this session's lock over (``None``: still ours, or never held)."""
        if self.lock is None or self.lock_lost is not None:
            return None
        return self.lock.taken_by()

    def give_up_lock(self, taker: LockInfo) -> PathLike | None:
        """The lock was taken over: park the unsaved edits in this user's recovery
        copy (offered at their next opening) and stop editing. Returns where the
        copy went (``None``: nothing unsaved); ``DiskRefused`` when no copy could be
        written (the edits stay on screen, read-only)."""
        assert self.lock is not None
        lock = self.lock
        self.lock_lost = LockTakenOver(taker, lock.info_path)
        try:
            if not self.dirty:
                return None
            self.ensure_round_trip()
            return self.workspace.store.write_recovery(self.chapter, self.user.login)
        finally:
            lock.release()  # the OS lock goes; the holder file is the taker's

    def close(self) -> None:
        """Leave the chapter: unsaved work was kept or discarded by the user's choice.

        Never raises (it runs on the way out, when quitting too): a recovery copy
        a read-only folder keeps is older than the chapter once saved, and is
        offered again otherwise, which loses nothing.
        """
        try:
            if self.editable:
                with contextlib.suppress(AuthoringError, OSError):
                    self.workspace.store.discard_recovery(self.id, self.user.login)
        finally:
            if self.lock is not None:
                self.lock.release()
                self.lock = None

    def pending_recovery(self) -> bool:
        """This user's unsaved work from an earlier opening (or from before the
        secrétariat took the lock over), never someone else's."""
        store = self.workspace.store
        return self.editable and store.pending_recovery(self.id, self.user.login) is not None

    def restore_recovery(self) -> None:
        self.ensure_round_trip()
        self.workspace.store.restore_recovery(self.chapter, self.user.login)
        self.dirty = True
        self.revalidate()

    def discard_recovery(self) -> None:
        self.workspace.store.discard_recovery(self.id, self.user.login)

    def autosave(self) -> PathLike | None:
        """Park unsaved changes in a recovery copy; returns where (``None``: nothing
        to park). Beside the chapter, or in the user's own state folder when the
        workspace refuses it; ``DiskRefused`` when both do."""
        if not (self.dirty and self.editable):
            return None
        self.ensure_round_trip()
        return self.workspace.store.write_recovery(self.chapter, self.user.login)

    def in_workspace(self, recovery: PathLike) -> bool:
        """Whether a recovery copy is the usual one, beside the chapter."""
        return recovery == self.workspace.store.recovery_path(self.id, self.user.login)

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
        self.migrate_on_save()
        self.check_roles()
        with self._holding_lock():
            self.workspace.store.recreate(self.chapter)
        self.dirty = False
        self.remember_saved()

    def reload(self) -> None:
        self.chapter = self.workspace.store.load(self.id, round_trip=True)
        self.dirty = False
        self.migrate_loaded()
        self.undo_history.clear()  # another chapter's text now: its steps do not apply
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
        self._remember(self._first_missing(path), run=path, focus=path, after=path)
        parent = self._container_for(path)
        key = path[-1]
        if isinstance(parent, list) and isinstance(key, int):
            parent[key] = as_round_trip(value, parent[key] if key < len(parent) else None)
        elif isinstance(parent, MutableMapping) and isinstance(key, str):
            if key in parent:
                parent[key] = as_round_trip(value, parent[key])
            else:
                self._insert_key(path[:-1], parent, key, as_round_trip(value))
        self.dirty = True
        return True

    def delete_value(self, path: Path) -> bool:
        self.ensure_round_trip()
        parent = self.get(path[:-1])
        key = path[-1]
        if isinstance(parent, MutableMapping) and key in parent:
            self._remember(path, run=path)
            del parent[key]
            self.dirty = True
            return True
        return False

    def insert_item(self, array_path: Path, index: int, value: Any) -> Path:
        self.ensure_round_trip()
        items = self.get(array_path)
        index = max(0, min(index, len(items) if isinstance(items, list) else 0))
        self._remember(self._list_or_first_missing(array_path), after=(*array_path, index))
        if not isinstance(items, list):
            self._in_step = True
            try:
                self.set_value(array_path, [])
            finally:
                self._in_step = False
            items = self.get(array_path)
        items.insert(index, as_round_trip(value))
        anchors.renew_inserted(self.schema, self.data, (*array_path, index))
        self.dirty = True
        return (*array_path, index)

    def remove_item(self, path: Path) -> None:
        self.ensure_round_trip()
        items = self.get(path[:-1])
        index = path[-1]
        if isinstance(items, list) and isinstance(index, int) and 0 <= index < len(items):
            self._remember(path[:-1], focus=path, after=path[:-1])
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
        self._remember(path[:-1], focus=path, after=(*path[:-1], target))
        item = items.pop(index)
        items.insert(target, item)
        self.dirty = True
        return (*path[:-1], target)

    def replace(self, path: Path, value: Any) -> None:
        """Put a whole new value at ``path`` (a block whose type changed)."""
        self.ensure_round_trip()
        self._remember(path)
        parent = self.get(path[:-1])
        previous = parent[path[-1]]
        parent[path[-1]] = as_round_trip(value)
        anchors.keep_anchor(self.schema, self.data, path, previous)  # its comments follow
        anchors.assign_anchors(self.schema, self.data)
        self.dirty = True

    def set_table(
        self,
        headers: Path,
        columns: list[str],
        rows_path: Path,
        rows: list[list[str]],
        cell: Path | None = None,
    ) -> bool:
        """Write a grid's header row and rows as one change of their table: one
        undo step, or, for typing in one ``cell``, one step per run of typing
        (undone, the grid shows that cell). The file's lists and quoting are kept
        (``core/grid_yaml.py``). Returns whether anything changed."""
        self.ensure_round_trip()
        if self.get(headers) == columns and self.get(rows_path) == rows:
            return False
        table, focus = rows_path[:-1], cell or rows_path
        self._remember(table, run=cell, focus=focus, after=focus)
        parent = self._container_for(rows_path)
        for path, value in (
            (headers, write_cells(self.get(headers), columns)),
            (rows_path, write_rows(self.get(rows_path), rows)),
        ):
            if path[-1] in parent:
                parent[path[-1]] = value
            else:
                self._insert_key(table, parent, str(path[-1]), value)
        self.dirty = True
        return True

    # Undo and redo (``core/undo.py``): every change above records its step first

    def _remember(
        self,
        path: Path,
        run: Path | None = None,
        focus: Path | None = None,
        after: Path | None = None,
    ) -> None:
        if not self._in_step:
            self.undo_history.record(self.data, path, run, focus, after)

    def _first_missing(self, path: Path) -> Path:
        """What a change at ``path`` writes: the field, or the first of its
        containers that has to be created for it."""
        for depth in range(1, len(path)):
            if self.get(path[:depth]) is None:
                return path[:depth]
        return path

    def _list_or_first_missing(self, array_path: Path) -> Path:
        """What adding an item writes: the list, or the first container to create."""
        return self._first_missing((*array_path, 0))[: len(array_path)]

    def undo(self) -> Path | None:
        """Put back the last change; where to look then (``None``: nothing to undo)."""
        return self._put_back(self.undo_history.undo(self.data))

    def redo(self) -> Path | None:
        """Make the last undone change again; where to look (``None``: nothing)."""
        return self._put_back(self.undo_history.redo(self.data))

    def _put_back(self, restored: Restored | None) -> Path | None:
        """Back at what was saved, the chapter is clean again."""
        if restored is None:
            return None
        self.chapter.document.data = restored.data
        self.dirty = plain(self.data) != self.saved
        return restored.focus

    def restore_version(self, number: int) -> bool:
        """Put an earlier version (``.historique``) in the editor, as one undoable
        change; the caller saves it. A writer gets its content with the current
        reserved fields and comments (``keep_protected``, as ``historique
        --restaurer``); returns whether some were kept. ``PermissionDenied``
        when they cannot be: then nothing changed."""
        self._check_writable()
        current = self.data
        self._remember(())
        try:
            self.workspace.store.restore_version(self.chapter, number)
            as_kept = plain(self.data)
            keep_protected(self.schema, current, self.data, self.user, self.chapter.path)
        except AuthoringError:
            self.chapter.document.data = current
            self.undo_history.drop_last()
            raise
        self.dirty = True
        return bool(plain(self.data) != as_kept)

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
            nxt = value[int(part)] if isinstance(value, list) else value.get(part)
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
        issues = validate(self.schema, data, self.workspace.files)
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
        self.migrate_on_save()
        self.check_roles()
        self.merged = None
        with self._holding_lock():
            try:
                self.workspace.store.save(self.chapter, login=self.user.login)
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
        mine = plain(self.data)
        with self._holding_lock():
            self.chapter, result = save_merged(
                store, self.id, self.base, mine, choices, login=self.user.login
            )
        # The steps recorded so far address the tree before the merge: undo starts
        # again from the merged chapter rather than putting back parts at moved places.
        self.undo_history.clear()
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
        self._remember(())
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

    def migrate_loaded(self) -> None:
        """Contract v2 as soon as the round trip is there, before any block moves:
        a v1 ``cible`` is a position in the file as read. Written at the next save
        (``saved`` is taken after it, so no role check sees the tool's change)."""
        anchors.migrate(self.schema, self.data)

    def migrate_on_save(self) -> None:
        """Anchors for blocks that came without one (a restored recovery copy, a
        copied block), and any v1 comment left; a comment the tool rewrote is
        rewritten in ``saved`` too: the change is the tool's, not the user's."""
        before = plain(self.data.get("commentaires")) if isinstance(self.data, Mapping) else None
        if anchors.migrate(self.schema, self.data) and isinstance(before, list):
            after = plain(self.data.get("commentaires"))
            follow_rewrites(self.saved, before, after)

    @contextlib.contextmanager
    def _holding_lock(self) -> Iterator[None]:
        """Write only while the lock is still this session's: a takeover waits
        for the write, or the write is refused (``LockTakenOver``)."""
        if self.lock is None or not self.lock.held:
            yield
            return
        try:
            with self.lock.still_held():
                yield
        except LockTakenOver as taken:
            self.lock_lost = taken
            raise

    def remember_saved(self) -> None:
        """The data as on disk now: what the next save is judged against, and
        the base of the next merge."""
        self.saved = plain(self.data)
        self.undo_history.seal()  # typing after a save is a step of its own
        self.base = plain(self.data)

    def check_roles(self) -> None:
        """Refuse a save that changes a field the user's role leaves to the
        secrétariat (``x-role``) or someone else's comment."""
        changes = forbidden_changes(self.schema, self.saved, self.data, self.user)
        if changes:
            raise refusal(changes, self.chapter.path)
        validated = validated_refusal(self.saved, self.data, self.chapter.path)
        if validated is not None:
            raise validated

    def _check_writable(self) -> None:
        """Refuse before touching the data when the chapter is locked by someone else."""
        if self.lock_error is not None:
            raise self.lock_error
        if self.lock_lost is not None:
            raise self.lock_lost
        self.ensure_round_trip()

    def allowed_statuses(self) -> list[str]:
        return allowed_statuses(self.user, self.data)

    @property
    def validated(self) -> bool:
        return isinstance(self.data, Mapping) and self.data.get("statut") == "valide"

    def status_line(self, statut: str) -> Mapping[str, Any] | None:
        """The newest history line that set ``statut`` (who validated, who asked
        for rework and why)."""
        return review.last_change(self.data, statut) if isinstance(self.data, Mapping) else None

    def change_status(
        self, new_status: str, now: datetime.datetime | None = None, message: str | None = None
    ) -> None:
        """Set the status (with its history line) and save at once.

        The workflow is the one way a writer changes ``statut`` and
        ``historique_statut``: its change is made to what the save is judged
        against too, so only that change passes the role check; any other edit
        of a reserved field is refused before the status moves.
        """
        self._check_writable()
        self.check_roles()
        moment = now or datetime.datetime.now()
        review.change_status(self.data, new_status, self.user, moment, message)
        review.change_status(self.saved, new_status, self.user, moment, message)
        self.dirty = True
        self.save()

    def add_comment(self, path: Path, texte: str) -> None:
        """Add a proofreading comment on what is at ``path`` and save at once (the
        review screen's habit): a block by its anchor, a section by its path
        (``cible``), the chapter itself for ``()``."""
        self._check_writable()  # the round trip, where every block has its anchor
        block = anchors.enclosing_block(anchors.blocks(self.schema, self.data), path)
        bloc = block.anchor if block is not None else None
        cible = "/".join(str(part) for part in path) if bloc is None and path else None
        review.add_comment(self.data, bloc, texte, self.user, self.now(), cible=cible)
        self.dirty = True
        self.save()

    def reply(self, index: int, texte: str, save: bool = True) -> None:
        """Answer comment ``index`` in the user's name; the editor leaves the save
        to Ctrl+S, the review screen saves at once."""
        self._check_writable()
        review.reply(self.data, index, texte, self.user, self.now())
        self.dirty = True
        if save:
            self.save()

    def now(self) -> datetime.datetime:
        """The moment a comment or reply is dated: the app's « today » (fixed in
        tests), at the current time of day."""
        moment = datetime.datetime.now()
        if self.today is not None:
            moment = datetime.datetime.combine(self.today, moment.time())
        return moment.replace(microsecond=0)

    def set_comment_resolved(self, index: int, resolved: bool, save: bool = True) -> None:
        """Mark a comment (un)resolved; the editor leaves the save to Ctrl+S."""
        self._check_writable()
        review.set_comment_resolved(self.data, index, self.user, resolved)
        self.dirty = True
        if save:
            self.save()


def follow_rewrites(saved: Any, before: list[Any], after: list[Any]) -> None:
    """Rewrite in ``saved`` each comment the tool changed from ``before`` to
    ``after`` (found by content: the user may have added or removed others)."""
    comments = saved.get("commentaires") if isinstance(saved, Mapping) else None
    if not isinstance(comments, list):
        return
    used: set[int] = set()
    for old, new in zip(before, after, strict=False):
        if old == new:
            continue
        index = next((i for i, c in enumerate(comments) if i not in used and c == old), None)
        if index is not None:
            comments[index] = new
            used.add(index)
