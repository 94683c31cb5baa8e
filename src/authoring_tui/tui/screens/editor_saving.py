"""The editor's way out with the user's work: save, submit for review, comments, leave.

Kept apart from ``editor`` so each file stays readable; mixed into ``EditorScreen``.
"""

from __future__ import annotations

from collections.abc import Callable

from ...core.files import DiskRefused
from ...core.locks import LockTakenOver
from ...core.patch import MergeConflicts
from ...core.store import ChapterConflict, ChapterDeleted
from .. import strings as S
from ..forms.spec import Path
from ..widgets.outline_tree import OutlineTree
from .base import reports_errors
from .dialogs import ConfirmModal
from .editor_base import EditorBase


class SaveActions(EditorBase):
    """Saving (Ctrl+S) and what a save may run into: validation, roles, the disk."""

    @reports_errors
    def action_save(self) -> None:
        self.flush_validation()
        session = self.session
        reopenable = session.validated and "brouillon" in session.allowed_statuses()
        if reopenable and session.lock_error is None and not session.dirty:
            self.notify(S.VALIDATED_NOTICE, severity="warning")
            return
        # A validated chapter's comments (resolved in F4) may be saved: the core's
        # rule refuses anything else.
        if session.lock_lost is not None:  # the secrétariat took the lock over
            said = str(session.lock_lost.message)
            self.notify(said[:1].upper() + said[1:], severity="warning", markup=False)
            return
        if not session.editable and not (session.validated and session.dirty):
            self.notify(S.READ_ONLY_NOTICE, severity="warning")
            return
        self.show_all = True
        was_dirty = self.session.dirty
        if not self.run_save(self.session.save):
            return
        if self.session.merged is not None:
            self.merged_with_disk()
            return
        self.refresh_validation()
        self.notify(S.SAVED_NOTICE if was_dirty else S.NOTHING_TO_SAVE)

    def run_save(self, save: Callable[[], object]) -> bool:
        """Run a save (Ctrl+S, a submission, a resolved merge) and answer each way it
        can stop with the user's work kept; returns whether it wrote."""
        try:
            save()
        except ChapterDeleted:
            self.resolve_deletion()
        except MergeConflicts as asked:  # both sides changed the same fields: choose
            self.ask_merge(asked.result)
        except ChapterConflict:  # the last resort: the disk's version cannot be merged
            self.resolve_conflict()
        except DiskRefused as refused:
            self.save_refused(refused)  # the editor stays, with the edits on screen
        except LockTakenOver as taken:
            self.lock_lost(taken.taker)  # nothing written: the edits go to recovery
        else:
            return True
        return False

    @reports_errors
    def action_submit(self) -> None:
        """F5: submit for review, once the writer confirmed it (« Annuler » focused)."""
        self.flush_validation()
        if "a_relire" not in self.session.allowed_statuses():
            self.notify(
                S.CANNOT_SUBMIT.format(statut=self.session.statut),
                severity="warning",
                markup=False,  # the status is the file's text
            )
            return
        self.app.push_screen(
            ConfirmModal(
                S.SUBMIT_TITLE,
                S.SUBMIT_QUESTION.format(title=self.session.title()),
                [("cancel", S.CANCEL, "default"), ("submit", S.SUBMIT_CONFIRM, "primary")],
                focus="cancel",
            ),
            self._submit_answered,
        )

    @reports_errors
    def _submit_answered(self, answer: str | None) -> None:
        if answer != "submit":
            return
        self.show_all = True
        # A merge to choose keeps the status in my version: it is saved with the choice.
        if not self.run_save(lambda: self.session.change_status("a_relire")):
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

    def action_reopen(self) -> None:
        """Ctrl+R: a validated chapter back to « Brouillon » (with its history
        line), once confirmed; only then may it change."""
        if not self.session.validated:
            return
        if "brouillon" not in self.session.allowed_statuses():
            self.notify(S.CANNOT_REOPEN, severity="warning")
            return
        self.app.push_screen(
            ConfirmModal(
                S.REOPEN_TITLE,
                S.REOPEN_QUESTION.format(title=self.session.title()),
                [("cancel", S.CANCEL, "default"), ("reopen", S.REOPEN_CONFIRM, "primary")],
                focus="cancel",
            ),
            self._reopen_answered,
        )

    @reports_errors
    def _reopen_answered(self, answer: str | None) -> None:
        if answer != "reopen":
            return
        self.session.change_status("brouillon")
        self.notify(S.REOPENED)
        self.reload_view()  # the form again, editable now

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
