"""What the editor's parts share, typed: the chapter's session, the outline's
selection, and the methods one part calls on another.

The editor screen is made of parts, one file each: saving (``editor_saving``),
safety — recovery, conflicts, locks (``editor_safety``), error navigation
(``editor_navigation``) and structure — adding, moving, removing items
(``editor_structure``). Each extends :class:`EditorBase`, so each part is
type-checked against what the others provide instead of reaching them through
``Any``; ``EditorScreen`` joins them and implements what is declared here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..forms.outline import OutlineEntry
from ..forms.spec import Path
from ..session import ChapterSession
from .base import BaseScreen

if TYPE_CHECKING:
    from ...core.files import DiskRefused
    from ...core.locks import LockInfo
    from ...core.merge import MergeResult
    from ..widgets.node_form import NodeForm


class EditorBase(BaseScreen):
    session: ChapterSession
    """The chapter shown: set by ``open_session``, before the screen is first shown."""
    entries: list[OutlineEntry]
    current: OutlineEntry | None
    touched: set[Path]
    """Fields the user has left: their errors show without « Afficher tout »."""
    show_all: bool
    _error_cursor: int
    """Where F8 last went in the list of errors."""

    # Provided by EditorScreen

    def flush_validation(self) -> None:
        raise NotImplementedError

    def refresh_validation(self) -> None:
        raise NotImplementedError

    def update_bar(self) -> None:
        raise NotImplementedError

    def rebuild_outline(self) -> None:
        raise NotImplementedError

    def entry_for(self, path: Path) -> OutlineEntry:
        raise NotImplementedError

    async def show_path(self, path: Path, refresh: bool = False) -> NodeForm:
        raise NotImplementedError

    def focus_first_field(self) -> None:
        raise NotImplementedError

    async def flush_typing(self) -> None:
        raise NotImplementedError

    def retire_fields(self) -> None:
        raise NotImplementedError

    def after_edit(self, path: Path, changed: bool) -> None:
        raise NotImplementedError

    # Provided by the parts, for one another

    def action_save(self) -> None:
        raise NotImplementedError

    def run_save(self, save: Callable[[], object]) -> bool:
        raise NotImplementedError

    def confirm_leave(self, then: Callable[[], object]) -> None:
        raise NotImplementedError

    def resolve_conflict(self) -> None:
        raise NotImplementedError

    def ask_merge(self, result: MergeResult) -> None:
        raise NotImplementedError

    def merged_with_disk(self) -> None:
        raise NotImplementedError

    def resolve_deletion(self) -> None:
        raise NotImplementedError

    def save_refused(self, refused: DiskRefused) -> None:
        raise NotImplementedError

    def lock_lost(self, taker: LockInfo) -> None:
        raise NotImplementedError

    def reload_view(self, keep_place: bool = False) -> None:
        raise NotImplementedError
