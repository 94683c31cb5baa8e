"""The editor's ways to errors and out: the error list, « erreur suivante », leaving.

Kept apart from ``editor`` so each file stays readable; mixed into ``EditorScreen``.
"""

from __future__ import annotations

from typing import Any

from .. import strings as S
from ..forms.spec import Path
from .dialogs import ChoiceModal, ConfirmModal
from .editor_base import EditorBase


class ErrorNavigation(EditorBase):
    """Going from error to error (F8, Maj+F8), the list of errors, leaving the chapter."""

    # Errors

    def action_error_list(self) -> None:
        self.flush_validation()
        issues = self.session.issues
        self.app.push_screen(
            ChoiceModal(
                S.ERROR_LIST_TITLE.format(count=len(issues)),
                [(str(issue), issue.path) for issue in issues],
                empty=S.ERROR_LIST_EMPTY,
            ),
            self._jump_chosen,
        )

    async def _jump_chosen(self, path: Path | None) -> None:
        if path is not None:
            await self.jump_to(path)

    async def action_next_error(self) -> None:
        self.flush_validation()
        issues = self.session.issues
        if not issues:
            self.notify(S.NO_MORE_ERRORS)
            return
        self._error_cursor = (self._error_cursor + 1) % len(issues)
        await self.jump_to(issues[self._error_cursor].path)

    async def jump_to(self, path: Path) -> None:
        """Show the field at ``path`` (its node's form), with its error, and focus it."""
        self.touched.add(path)
        form = await self.show_path(path)
        form.show_issues(self.session.issues, self.touched, self.show_all)
        box = form.box_for(path)
        target = box.focus_target() if box is not None else None
        if target is not None:
            target.focus()
            self.call_after_refresh(target.scroll_visible, animate=False)
        elif box is not None:
            self.call_after_refresh(box.scroll_visible, animate=False)

    def confirm_leave(self, then: Any) -> None:
        """Ask what to do with unsaved changes; ``then`` runs unless the user cancels."""

        def answered(answer: str | None) -> None:
            if answer == "save":
                self.action_save()
                if self.session.dirty:
                    return  # the save failed and said why: stay
            if answer in ("save", "discard"):
                then()

        self.app.push_screen(
            ConfirmModal(
                S.UNSAVED_TITLE,
                S.UNSAVED_QUESTION.format(title=self.session.title()),
                [
                    ("save", S.UNSAVED_SAVE, "primary"),
                    ("discard", S.UNSAVED_DISCARD, "error"),
                    ("cancel", S.CANCEL, "default"),
                ],
            ),
            answered,
        )
