"""The editor's safety net: the lock notice, the recovery prompt, autosave, conflicts.

Mixed into ``EditorScreen``. Nothing a user typed is lost: unsaved changes go to
the recovery file every few seconds; a save that meets someone else's save
offers to keep this version beside theirs.
"""

from __future__ import annotations

from typing import Any

from textual.timer import Timer

from ...core.diff import Difference
from .. import strings as S
from ..session import ChapterSession
from .dialogs import ConfirmModal

MAX_DIFFERENCES = 12


class SafetyActions:
    session: ChapterSession
    app: Any

    def start_autosave(self) -> Timer:
        """Once per screen: park the current session's unsaved work every few seconds."""
        return self.set_interval(S.AUTOSAVE_SECONDS, self.autosave)  # type: ignore[attr-defined,no-any-return]

    def start_safety(self) -> None:
        """On opening a chapter: say who holds the lock, or offer to restore unsaved work."""
        error = self.session.lock_error
        if error is not None and error.breakable:
            self.app.push_screen(
                ConfirmModal(
                    S.LOCK_BREAK_TITLE,
                    S.LOCK_BREAK_QUESTION.format(message=error.message),
                    [("read", S.LOCK_READ_ONLY, "primary"), ("force", S.LOCK_BREAK, "error")],
                ),
                self._lock_answered,
            )
        elif error is not None:
            # The holder's name and host come from a file: shown as typed.
            self.notify(str(error.message), severity="warning", timeout=10, markup=False)  # type: ignore[attr-defined]
        elif self.session.pending_recovery():
            self.ask_recovery()

    def _lock_answered(self, answer: str | None) -> None:
        if answer == "force":
            self.session.take_lock(force=True)
            if self.session.pending_recovery():
                self.ask_recovery()
            self.reload_view()

    def ask_recovery(self) -> None:
        self.app.push_screen(
            ConfirmModal(
                S.RECOVERY_TITLE,
                S.RECOVERY_QUESTION.format(title=self.session.title()),
                [
                    ("restore", S.RECOVERY_RESTORE, "primary"),
                    ("discard", S.RECOVERY_DISCARD, "error"),
                ],
            ),
            self._recovery_answered,
        )

    def _recovery_answered(self, answer: str | None) -> None:
        if answer == "restore":
            self.session.restore_recovery()
            self.notify(S.RECOVERY_RESTORED)  # type: ignore[attr-defined]
            self.reload_view()
        elif answer == "discard":
            self.session.workspace.store.discard_recovery(self.session.id)

    def autosave(self) -> None:
        self.session.autosave()

    def resolve_conflict(self) -> None:
        """Someone saved first: show the differences, keep mine aside or reload theirs."""
        self.app.push_screen(
            ConfirmModal(
                S.CONFLICT_TITLE,
                S.CONFLICT_QUESTION.format(
                    differences=describe(self.session.conflict_differences())
                ),
                [
                    ("keep", S.CONFLICT_KEEP, "primary"),
                    ("reload", S.CONFLICT_RELOAD, "error"),
                    ("cancel", S.CANCEL, "default"),
                ],
            ),
            self._conflict_answered,
        )

    def _conflict_answered(self, answer: str | None) -> None:
        if answer == "keep":
            kept = self.session.keep_mine_and_reload()
            self.notify(S.CONFLICT_KEPT.format(file=kept.name), timeout=10, markup=False)  # type: ignore[attr-defined]
        elif answer == "reload":
            self.session.reload()
            self.notify(S.CONFLICT_RELOADED)  # type: ignore[attr-defined]
        else:
            return
        self.reload_view()

    def reload_view(self) -> None:
        """The chapter's data changed under the form: draw outline and form again."""
        self.app.call_later(self._redraw)

    async def _redraw(self) -> None:
        self.rebuild_outline()  # type: ignore[attr-defined]
        await self.show_path((), refresh=True)  # type: ignore[attr-defined]
        self.refresh_validation()  # type: ignore[attr-defined]


def describe(found: list[Difference]) -> str:
    lines = [
        S.CONFLICT_LINE.format(chemin=d.chemin, mine=_short(d.mine), theirs=_short(d.theirs))
        for d in found[:MAX_DIFFERENCES]
    ]
    if len(found) > MAX_DIFFERENCES:
        lines.append(S.CONFLICT_MORE.format(count=len(found) - MAX_DIFFERENCES))
    return "\n".join(lines)


def _short(value: Any) -> str:
    if value is None:
        return S.CONFLICT_ABSENT
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:59] + "…"
