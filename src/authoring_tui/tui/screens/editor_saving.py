"""The editor's way out with the user's work: save, submit for review, comments, leave.

Kept apart from ``editor`` so each file stays readable; mixed into ``EditorScreen``.
"""

from __future__ import annotations

from typing import Any

from ...core.files import DiskRefused
from ...core.store import ChapterConflict, ChapterDeleted
from .. import strings as S
from ..forms.spec import Path
from ..session import ChapterSession
from ..widgets.outline_tree import OutlineTree
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
    resolve_deletion: Any
    save_refused: Any
    confirm_leave: Any
    notify: Any
    show_path: Any
    focus_first_field: Any
    query_one: Any

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
        except ChapterConflict:
            self.resolve_conflict()
            return
        except DiskRefused as refused:
            self.save_refused(refused)  # the editor stays, with the edits on screen
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
        self.session.change_status("a_relire")
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
        """F4: the comment threads; Enter there comes back on the comment's block."""
        from .comments import CommentsModal

        async def closed(path: Path | None) -> None:
            self.update_bar()
            self.mark_comments()
            if path is not None:
                await self.show_path(path)
                self.focus_first_field()

        self.app.push_screen(CommentsModal(self.session, save=False), closed)

    def mark_comments(self) -> None:
        """The outline's marks of open comments, on the blocks they follow."""
        from .comments import open_comment_counts

        self.query_one(OutlineTree).update_comments(open_comment_counts(self.session))

    def action_back(self) -> None:
        if self.session.dirty:
            self.confirm_leave(then=self.app.pop_screen)
        else:
            self.app.pop_screen()
