"""The editor's way out with the user's work: save, submit for review, comments, leave.

Kept apart from ``editor`` so each file stays readable; mixed into ``EditorScreen``.
"""

from __future__ import annotations

from typing import Any

from ...core.files import DiskRefused
from ...core.patch import MergeConflicts
from ...core.store import ChapterConflict, ChapterDeleted
from .. import strings as S
from ..session import ChapterSession
from .base import reports_errors


class SaveActions:
    """Relies on ``EditorScreen``'s session, validation and safety methods."""

    session: ChapterSession
    app: Any
    show_all: bool
    flush_validation: Any
    refresh_validation: Any
    update_bar: Any
    resolve_conflict: Any
    ask_merge: Any
    merged_with_disk: Any
    resolve_deletion: Any
    save_refused: Any
    confirm_leave: Any
    notify: Any

    @reports_errors
    def action_save(self) -> None:
        self.flush_validation()
        if not self.session.editable:
            self.notify(S.READ_ONLY_NOTICE, severity="warning")
            return
        self.show_all = True
        was_dirty = self.session.dirty
        try:
            self.session.save()
        except ChapterDeleted:
            self.resolve_deletion()
            return
        except MergeConflicts as asked:
            self.ask_merge(asked.result)
            return
        except ChapterConflict:
            self.resolve_conflict()
            return
        except DiskRefused as refused:
            self.save_refused(refused)  # the editor stays, with the edits on screen
            return
        if self.session.merged is not None:
            self.merged_with_disk()
            return
        self.refresh_validation()
        self.notify(S.SAVED_NOTICE if was_dirty else S.NOTHING_TO_SAVE)

    @reports_errors
    def action_submit(self) -> None:
        self.flush_validation()
        if "a_relire" not in self.session.allowed_statuses():
            self.notify(
                S.CANNOT_SUBMIT.format(statut=self.session.statut),
                severity="warning",
                markup=False,  # the status is the file's text
            )
            return
        self.show_all = True
        try:
            self.session.change_status("a_relire")
        except MergeConflicts as asked:  # the status is in my version: choose, then saved
            self.ask_merge(asked.result)
            return
        if self.session.merged is not None:
            self.merged_with_disk()
        self.refresh_validation()
        if self.session.issues or self.session.completeness.percent < 100:
            self.notify(
                S.SUBMITTED_INCOMPLETE.format(
                    percent=f"{int(self.session.completeness.percent)}\u00a0%",
                    errors=len(self.session.issues),
                ),
                severity="warning",
                timeout=8,
            )
        else:
            self.notify(S.SUBMITTED)

    def action_comments(self) -> None:
        from .comments import CommentsModal

        self.app.push_screen(CommentsModal(self.session, save=False), lambda _: self.update_bar())

    def action_back(self) -> None:
        if self.session.dirty:
            self.confirm_leave(then=self.app.pop_screen)
        else:
            self.app.pop_screen()
