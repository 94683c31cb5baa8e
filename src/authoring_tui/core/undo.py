"""Undo and redo of the changes made to a chapter since it was opened.

Each step keeps a copy of the smallest part of the chapter a change touches:
the field being typed in, the list a block was added to, removed from or moved
in, the block whose type changed, the whole chapter for a restored version.
A full copy of the sample's largest chapter (37 KB) takes 11 to 14 ms and 400
to 500 KB of ruamel objects (measured), so copying it at every step would cost
some 90 MB for 200 steps; a field costs 0.02 ms, a list of blocks a fraction of
a millisecond.
The copies are ``copy.deepcopy`` of ruamel's round-trip objects, which keeps
the YAML comments and styles on them: an undone change writes back the very
text the file had.

Undoing swaps the copy with what stands at its place now, which becomes the
redo step (no second copy). Steps are undone last first, so a step's path always
leads to what it changed.

A run of typing in one field is one step: a change to the same field within
``pause`` seconds of the previous one joins it; another field, a structural
change, an undo or a save starts a new step.
"""

from __future__ import annotations

import copy
import time
from collections import deque
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

from .merge import ABSENT, value_at
from .validation import Path

STEP_LIMIT = 200
"""Steps kept; the oldest go first."""
TYPING_PAUSE = 1.5
"""Seconds without typing after which the next keystroke starts a new step."""


MISSING = ABSENT
"""What stood at a path where there was nothing (a field not yet written)."""


@dataclass
class Step:
    path: Path
    before: Any
    """What ``path`` held before the change (a copy), or ``MISSING``."""
    position: int | None
    """Its key's rank in its object: a key removed since goes back where it was."""
    focus: Path
    """Where to look once ``before`` is back (the field, the block put back)."""
    after: Path
    """Where to look once the change is made again (the block moved, the list)."""
    run: Path | None = None
    """The field a run of typing changes; ``None`` for a change of its own."""
    at: float = 0.0


@dataclass(frozen=True)
class Restored:
    """The chapter after an undo or a redo, and where the user should look."""

    data: Any
    focus: Path


class UndoHistory:
    """The steps of one chapter's editing session, bounded."""

    def __init__(
        self,
        limit: int = STEP_LIMIT,
        pause: float = TYPING_PAUSE,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._undo: deque[Step] = deque(maxlen=limit)
        self._redo: list[Step] = []
        self._pause = pause
        self._clock = clock
        self._sealed = False

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def record(
        self,
        data: Any,
        path: Path,
        run: Path | None = None,
        focus: Path | None = None,
        after: Path | None = None,
    ) -> None:
        """Before a change at ``path``: remember what is there, unless the change
        continues the run of typing in the field ``run``. ``focus`` and ``after``:
        where to look once it is undone and redone (default: ``path``)."""
        now = self._clock()
        self._redo.clear()
        last = self._undo[-1] if self._undo else None
        if run is not None and last is not None and self._continues(last, run, now):
            last.at = now
            return
        before = snapshot(data, path)
        where = (focus or path, after or path)
        self._undo.append(Step(path, before, position(data, path), *where, run, now))
        self._sealed = False

    def _continues(self, last: Step, run: Path, now: float) -> bool:
        return not self._sealed and last.run == run and now - last.at < self._pause

    def seal(self) -> None:
        """End the current run of typing: the next change is a step of its own."""
        self._sealed = True

    def drop_last(self) -> None:
        """Forget the last step: its change did not happen after all."""
        if self._undo:
            self._undo.pop()

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()

    def undo(self, data: Any) -> Restored | None:
        """Put back the last step (``None``: nothing to undo)."""
        if not self._undo:
            return None
        data, step = swap(data, self._undo.pop())
        self._redo.append(step)
        self._sealed = True
        return Restored(data, step.after)

    def redo(self, data: Any) -> Restored | None:
        """Make the last undone step again (``None``: nothing to redo)."""
        if not self._redo:
            return None
        data, step = swap(data, self._redo.pop())
        self._undo.append(step)
        self._sealed = True
        return Restored(data, step.after)


def snapshot(data: Any, path: Path) -> Any:
    value = value_at(data, path)
    return value if value is MISSING else copy.deepcopy(value)


def position(data: Any, path: Path) -> int | None:
    if not path:
        return None
    parent = value_at(data, path[:-1])
    if isinstance(parent, Mapping) and path[-1] in parent:
        return list(parent).index(path[-1])
    return None


def swap(data: Any, step: Step) -> tuple[Any, Step]:
    """Put ``step.before`` at its path; returns the root and the step that undoes it
    (holding what stood there, no copy: it has just left the chapter)."""
    current = value_at(data, step.path)
    where = position(data, step.path)
    reverse = Step(step.path, current, where, step.after, step.focus, None, step.at)
    if not step.path:
        return step.before, reverse
    parent = value_at(data, step.path[:-1])
    key = step.path[-1]
    if isinstance(parent, list) and isinstance(key, int):
        parent[key] = step.before
    elif isinstance(parent, MutableMapping):
        _put_key(parent, key, step.before, step.position)
    return data, reverse


def _put_key(parent: MutableMapping[Any, Any], key: Any, value: Any, rank: int | None) -> None:
    if value is MISSING:
        parent.pop(key, None)
    elif key in parent or rank is None or not hasattr(parent, "insert"):
        parent[key] = value
    else:
        parent.insert(min(rank, len(parent)), key, value)
