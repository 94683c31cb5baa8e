"""The editor's safety net: the lock notice, the recovery prompt, autosave, conflicts.

Mixed into ``EditorScreen``. Nothing a user typed is lost: unsaved changes go to
the recovery file every few seconds; a save that meets someone else's save
offers to keep this version beside theirs; a save the disk refuses (read-only
folder, full disk) leaves the editor open with the edits and a recovery copy,
in the user's own state folder when the workspace refuses that too.
"""

from __future__ import annotations

from pathlib import Path as PathLike
from typing import Any

from textual.timer import Timer

from ...core.diff import Difference
from ...core.errors import AuthoringError
from ...core.files import DiskRefused
from ...core.locks import ChapterLocked, LockInfo
from ...core.merge import MergeResult, Side, resolve
from ...core.store import ChapterConflict
from ...core.validation import Path
from .. import strings as S
from ..session import ChapterSession
from ..wording import of_name
from .base import reports_errors
from .dialogs import ConfirmModal
from .editor_base import EditorBase

MAX_DIFFERENCES = 12
MAX_MERGED_NAMED = 6
"""The merge notice names this many fields, then says how many more."""
AUTOSAVE_WARNING_SECONDS = 30


class SafetyActions(EditorBase):
    _recovery_warned: object = None
    """The recovery trouble the user was last told about (the folder the copy went
    to instead, or ``"failed"``): each is said once, not at every autosave."""

    def start_autosave(self) -> Timer:
        """Once per screen: park the current session's unsaved work every few seconds."""
        return self.set_interval(S.AUTOSAVE_SECONDS, self.autosave)

    def start_lock_check(self) -> Timer:
        """Once per screen: every few seconds, whether the secrétariat took the
        lock over (the holder file names someone else)."""
        return self.set_interval(S.LOCK_CHECK_SECONDS, self.check_lock)

    def start_safety(self) -> None:
        """On opening a chapter: say who holds the lock, or offer to restore unsaved work."""
        self._recovery_warned = None
        error = self.session.lock_error
        if error is not None and error.takeable:
            self.ask_takeover(error)
        elif error is not None and error.breakable:
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
            self.notify(str(error.message), severity="warning", timeout=10, markup=False)
        elif self.session.pending_recovery():
            self.ask_recovery()
        elif self.session.editable and self.session.conflict_copies():
            self.offer_copy()

    def ask_takeover(self, error: ChapterLocked) -> None:
        """The secrétariat meets an idle holder's lock: take it over, or read."""
        info = error.info
        self.app.push_screen(
            ConfirmModal(
                S.LOCK_TAKEOVER_TITLE,
                S.LOCK_TAKEOVER_QUESTION.format(
                    message=error.message, of_who=of_name(info.nom), minutes=info.idle_minutes()
                ),
                [("read", S.LOCK_READ_ONLY, "primary"), ("take", S.LOCK_TAKE_OVER, "error")],
            ),
            self._takeover_answered,
        )

    @reports_errors
    def _takeover_answered(self, answer: str | None) -> None:
        if answer != "take":
            return
        self.session.take_lock(take_over=True)
        if self.session.lock_error is not None:  # active again meanwhile: said as usual
            self.notify(str(self.session.lock_error.message), severity="warning", markup=False)
        self.reload_view()

    def record_activity(self) -> None:
        """A keystroke: the lock's activity (throttled by the session); never in
        the way of typing."""
        try:
            self.session.record_activity()
        except (AuthoringError, OSError) as error:
            self.app.log.warning(repr(error))

    def check_lock(self) -> None:
        """The timer's callback: stop editing once the lock was taken over."""
        try:
            taker = self.session.lock_taken_by()
        except (AuthoringError, OSError):
            return  # unreadable now: looked at again in a few seconds, and at the save
        if taker is not None:
            self.lock_lost(taker)

    def lock_lost(self, taker: LockInfo) -> None:
        """The secrétariat took the lock: the unsaved edits go to this user's
        recovery copy, the screen says by whom and goes read-only."""
        moment = taker.since_time
        said = {"who": taker.who, "hour": moment.hour, "minute": moment.minute}
        try:
            parked = self.session.give_up_lock(taker)
        except Exception as error:  # the message must still be shown, the edits stay
            message = S.LOCK_TAKEN_NOT_KEPT.format(reason=self._why(error), **said)
        else:
            message = (S.LOCK_TAKEN if parked is not None else S.LOCK_TAKEN_CLEAN).format(**said)
        self.app.push_screen(ConfirmModal(S.LOCK_TAKEN_TITLE, message, [("ok", S.OK, "primary")]))
        self.reload_view()

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
            self.notify(S.RECOVERY_RESTORED)
            self.reload_view()
        elif answer == "discard":
            self.session.discard_recovery()

    def autosave(self) -> None:
        """The timer's callback. It never raises: an exception here would end the
        app, and what was typed with it; a refusal is said once."""
        try:
            written = self.session.autosave()
        except Exception as error:  # a bug too: the edits on screen come first
            self._warn_recovery_once("failed", S.AUTOSAVE_FAILED.format(reason=self._why(error)))
            return
        if written is not None and self.session.in_workspace(written):
            self._recovery_warned = None  # the workspace takes it again
        elif written is not None:
            self._warn_recovery_once(written, S.AUTOSAVE_ELSEWHERE.format(path=written))

    def save_refused(self, refused: DiskRefused) -> None:
        """The disk said no to a save: say why in a dialog that waits to be read,
        and where the recovery copy of the edits (still on screen) is."""
        try:
            parked = self.session.autosave()
        except Exception as error:  # the dialog must still be shown
            self._recovery_warned = "failed"
            recovery = S.RECOVERY_NOT_WRITTEN.format(reason=self._why(error))
        else:
            outside = parked is not None and not self.session.in_workspace(parked)
            self._recovery_warned = parked if outside else None
            recovery = S.RECOVERY_KEPT_AT.format(path=parked) if parked else ""
        reason = refused.reason[:1].upper() + refused.reason[1:]
        self.app.push_screen(
            ConfirmModal(
                S.SAVE_REFUSED_TITLE,
                S.SAVE_REFUSED.format(reason=reason, recovery=recovery).strip(),
                [("ok", S.OK, "primary")],
            )
        )

    def _warn_recovery_once(self, trouble: object, message: str) -> None:
        if trouble == self._recovery_warned:
            return
        self._recovery_warned = trouble
        self.notify(
            message,
            title=S.AUTOSAVE_TITLE,
            severity="warning",
            timeout=AUTOSAVE_WARNING_SECONDS,
            markup=False,  # a path may hold brackets
        )

    def _why(self, error: Exception) -> str:
        """What went wrong, as a clause for the user (a bug is logged, not shown)."""
        if isinstance(error, DiskRefused):
            return error.reason.rstrip(".")
        if isinstance(error, AuthoringError):
            return str(error).rstrip(".")
        self.app.log.error(repr(error))
        return S.AUTOSAVE_UNEXPECTED.format(error=type(error).__name__)

    def resolve_conflict(self) -> None:
        """The last resort when a save cannot be merged (the disk's version does not
        read, or keeps changing): show the differences, keep mine aside or reload
        theirs."""
        try:
            found = describe(self.session.conflict_differences())
        except AuthoringError as unreadable:
            found = S.CONFLICT_UNREADABLE.format(reason=unreadable)
        self.app.push_screen(
            ConfirmModal(
                S.CONFLICT_TITLE,
                S.CONFLICT_QUESTION.format(differences=found),
                [
                    ("keep", S.CONFLICT_KEEP, "primary"),
                    ("reload", S.CONFLICT_RELOAD, "error"),
                    ("cancel", S.CANCEL, "default"),
                ],
            ),
            self._conflict_answered,
        )

    @reports_errors
    def _conflict_answered(self, answer: str | None) -> None:
        if answer == "keep":
            kept = self.session.keep_mine_aside()  # said first: the reload may fail
            self.notify(S.CONFLICT_KEPT.format(file=kept.name), timeout=10, markup=False)
            self.session.reload()
        elif answer == "reload":
            self.session.reload()
            self.notify(S.CONFLICT_RELOADED)
        else:
            return
        self.reload_view()

    def ask_merge(self, result: MergeResult) -> None:
        """Both sides changed the same fields: the user chooses, side by side."""
        from .merge import MergeScreen

        screen = MergeScreen(self.session.title(), result, self.session.schema)
        self.app.push_screen(screen, self._merge_answered)

    @reports_errors
    def _merge_answered(self, choices: dict[Path, Side] | None) -> None:
        if choices is None:
            self.notify(S.MERGE_CANCELLED, severity="warning")
            return
        if not self.run_save(lambda: self.session.save_resolved(choices)):
            return
        self.merged_with_disk()

    def merged_with_disk(self) -> None:
        """A save merged with the disk's version: show the merged chapter, and say
        what came from the disk."""
        self.reload_view(keep_place=True)
        result = self.session.merged
        if result is None:
            return
        self.notify(merged_notice(result, self.session), timeout=10, markup=False)

    def offer_copy(self) -> None:
        """A conflict copy of this chapter waits: offer to merge it back."""
        copies = self.session.conflict_copies()
        self.app.push_screen(
            ConfirmModal(
                S.COPY_TITLE,
                S.COPY_QUESTION.format(count=len(copies), file=copies[0].name),
                [("compare", S.COPY_COMPARE, "primary"), ("later", S.COPY_LATER, "default")],
            ),
            self._copy_answered,
        )

    @reports_errors
    def _copy_answered(self, answer: str | None) -> None:
        if answer != "compare":
            return
        copy = self.session.conflict_copies()[0]
        result = self.session.compare_with_copy(copy)
        if result.clean:
            self.session.discard_copy(copy)
            self.notify(S.COPY_SAME.format(file=copy.name), markup=False)
            return
        from .merge import COPY_SIDES, MergeScreen

        screen = MergeScreen(self.session.title(), result, self.session.schema, COPY_SIDES)
        self.app.push_screen(screen, lambda choices: self._copy_chosen(copy, result, choices))

    @reports_errors
    def _copy_chosen(
        self, copy: PathLike, result: MergeResult, choices: dict[Path, Side] | None
    ) -> None:
        if choices is None:
            return
        self.session.take_from_copy(copy, resolve(result, choices))
        self.reload_view()
        self.notify(S.COPY_TAKEN.format(file=copy.name), timeout=10, markup=False)

    def resolve_deletion(self) -> None:
        """The chapter's file was deleted while it was open: write it again with my
        version, or keep mine in a file aside (nothing to reload)."""
        self.app.push_screen(
            ConfirmModal(
                S.DELETED_TITLE,
                S.DELETED_QUESTION,
                [
                    ("recreate", S.DELETED_RECREATE, "primary"),
                    ("keep", S.DELETED_KEEP, "default"),
                    ("cancel", S.CANCEL, "default"),
                ],
            ),
            self._deletion_answered,
        )

    @reports_errors
    def _deletion_answered(self, answer: str | None) -> None:
        if answer == "recreate":
            self._recreate()
        elif answer == "keep":
            kept = self.session.keep_mine_aside()
            self.notify(S.DELETED_KEPT.format(file=kept.name), timeout=10, markup=False)
            self.app.pop_screen()  # the chapter is gone: back to the dashboard

    def _recreate(self) -> None:
        try:
            self.session.recreate()
        except ChapterConflict:  # a file came back meanwhile: compare with it
            self.resolve_conflict()
            return
        except DiskRefused as refused:
            self.save_refused(refused)
            return
        self.refresh_validation()
        self.notify(S.DELETED_RECREATED)

    def reload_view(self, keep_place: bool = False) -> None:
        """The chapter's data changed under the form: draw outline and form again
        (at the same place after a merge, when it still exists)."""
        current = getattr(self, "current", None)
        path: Path = current.path if keep_place and current is not None else ()
        if self.session.get(path) is None:
            path = ()
        self.app.call_later(self._redraw, path)

    async def _redraw(self, path: Path = ()) -> None:
        self.rebuild_outline()
        await self.show_path(path, refresh=True)
        self.refresh_validation()


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


def merged_notice(result: MergeResult, session: ChapterSession) -> str:
    """« Fusionné avec la version sur le disque : Chapeau ; Section 1 › Bloc 2… »"""
    named: list[str] = []
    for change in result.taken_from("theirs"):
        name = result.describe_change(session.schema, change) + S.MERGED_KINDS.get(change.kind, "")
        if name not in named:
            named.append(name)
    shown = named[:MAX_MERGED_NAMED]
    if len(named) > MAX_MERGED_NAMED:
        shown.append(S.MERGED_MORE.format(count=len(named) - MAX_MERGED_NAMED))
    if not shown:
        return S.SAVED_NOTICE
    return S.MERGED_NOTICE.format(changes="\u00a0; ".join(shown))
