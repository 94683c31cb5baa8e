"""The chapters of an export, read and measured ahead in other processes.

Reading a chapter (libyaml, then ruamel's constructors, in Python) and measuring
one the status cache does not know (jsonschema) take about as long as rendering
it. On a machine with more than one core, forked workers read chapters n+1, n+2…
while this process renders chapter n; at most a few chapters are in flight, so
memory stays that of a few chapters whatever the report's length.

Forking is safe only from a process with a single thread: an export started from
a thread (the TUI's worker) reads its chapters in-process, with the same results.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from ..core.errors import AuthoringError
from ..core.fingerprint import content_digest
from ..core.status import ChapterStatus, chapter_status
from ..core.status_cache import StatusCache
from ..core.store import Chapter
from ..core.workspace import Workspace

MAX_WORKERS = 2
AHEAD_PER_WORKER = 2


@dataclass
class ReadChapter:
    id: str
    chapter: Chapter | None
    """``None``: the chapter's file does not exist yet, or cannot be read."""
    status: ChapterStatus
    measured: dict[str, Any] | None = None
    """The status cache entry a worker made for a chapter it had to measure."""
    digest: str = ""
    """The fingerprint of its content (``core.fingerprint``), taken where it is read:
    at 50 times the sample, half a second less for the process that renders."""


def read_chapters(
    workspace: Workspace, ids: list[str], cache: StatusCache, workers: int | None = None
) -> Iterator[ReadChapter]:
    """Each chapter of ``ids`` in order, read and measured.

    ``workers``: how many processes read ahead; ``None`` decides (none from a
    thread or on one core), ``0`` reads in this process.
    """
    if workers is None:
        workers = _worker_count(len(ids))
    if workers <= 1:
        for chapter_id in ids:
            yield read_chapter(workspace, chapter_id, cache)
        return
    global _STATE
    _STATE = (workspace, cache)  # what the forked workers start with
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    try:
        pending: deque[Future[ReadChapter]] = deque()
        queue = iter(ids)
        for chapter_id in queue:
            pending.append(pool.submit(_read_in_worker, chapter_id))
            if len(pending) >= workers * AHEAD_PER_WORKER:
                break
        while pending:
            read = pending.popleft().result()
            next_id = next(queue, None)
            if next_id is not None:
                pending.append(pool.submit(_read_in_worker, next_id))
            if read.measured is not None:
                cache.adopt(read.id, read.measured)
            yield read
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _STATE = None


def read_chapter(workspace: Workspace, chapter_id: str, cache: StatusCache) -> ReadChapter:
    """The chapter and its status; a file that cannot be read is ``chapter=None``
    with the error in its status (« illisible »), so the export goes on."""
    chapter = None
    if workspace.store.exists(chapter_id):
        with suppress(AuthoringError):  # chapter_status reads it again and keeps the error
            chapter = workspace.store.load(chapter_id, round_trip=False)
    status = chapter_status(workspace, chapter_id, cache, chapter)
    digest = content_digest(None if chapter is None else chapter.data)
    return ReadChapter(chapter_id, chapter, status, digest=digest)


_STATE: tuple[Workspace, StatusCache] | None = None


def _read_in_worker(chapter_id: str) -> ReadChapter:
    assert _STATE is not None, "a worker is forked with its state"
    workspace, cache = _STATE
    before = cache.entries.get(chapter_id)
    read = read_chapter(workspace, chapter_id, cache)
    after = cache.entries.get(chapter_id)
    read.measured = after if after is not before else None
    if read.chapter is not None:  # the text goes back to nobody: don't copy it
        document = dataclasses.replace(read.chapter.document, text="")
        read.chapter = dataclasses.replace(read.chapter, document=document)
    return read


def _worker_count(chapters: int) -> int:
    if threading.current_thread() is not threading.main_thread():
        return 0
    if threading.active_count() > 1 or chapters < 2:
        return 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(MAX_WORKERS, cores or 1) if (cores or 1) > 1 else 0
