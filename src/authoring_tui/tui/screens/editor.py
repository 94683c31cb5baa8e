"""Éditeur de chapitre: the outline beside the form of the selected node.

Edits go straight into the chapter's round-trip data (``ChapterSession``);
revalidation is debounced so typing never waits for it; errors show on a field
once it was touched, and all of them after a save or a submit. Structural edits
(add, remove, move, change a block's type) live in ``editor_structure``, saving
and leaving in ``editor_saving``.

The app makes one editor screen, empty, while the dashboard is read, and hands
it each chapter opened (``open_session``): only the outline and the first form
are mounted then.
"""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from typing import Any

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.timer import Timer
from textual.widgets import Button, Checkbox, Input, Select, Static, TextArea, Tree

from ...core.completeness import Completeness
from ...core.patch import as_plain as plain
from ...core.roles import Role
from ...core.validation import Issue
from .. import strings as S
from ..forms.builder import FormBuilder, parse_number
from ..forms.outline import OutlineEntry, OutlineShape, build_outline, flatten, owner_of
from ..forms.spec import FieldSpec, Kind, Path, field_kind, field_spec, node_at
from ..session import ChapterSession
from ..widgets.chapter_bar import ChapterBar
from ..widgets.fields import FieldCheckbox, FieldInput, FieldSelect, FieldTextArea, TypeSelect
from ..widgets.footer import AppFooter
from ..widgets.header import AppHeader
from ..widgets.node_form import NodeForm
from ..widgets.outline_tree import OutlineTree
from ..widgets.status_banner import StatusBanner
from ..widgets.table_grid import GridBox, TableGrid
from .base import EDITOR_CSS, GRID_CSS, authoring_app
from .editor_navigation import ErrorNavigation
from .editor_safety import SafetyActions
from .editor_saving import SaveActions
from .editor_structure import StructureActions

DEBOUNCE_SECONDS = 0.2
FIELD_WIDGETS = "FieldTextArea, FieldInput, FieldSelect, FieldCheckbox, TableGrid"
"""The form's widgets that send a change message for the chapter (a selector)."""
FIELD_SETTLE_SECONDS = 2.0
"""At most this long for a field to handle the keys it was sent (a safeguard:
it takes a few milliseconds)."""
FORM_FRAME = 4
"""Columns of the form's frame: its padding and its scrollbar's gutter."""
OUTLINE_PERCENT, OUTLINE_MIN_COLUMNS = 38, 24
"""The outline's share of the terminal's width, as ``editor.tcss`` sets it."""
ROUND_TRIP_DELAY = 0.5
"""Seconds after opening before the round-trip document is parsed in a worker (an
edit before then parses it at once, see ``ChapterSession.ensure_round_trip``)."""


def error_counts(entries: list[OutlineEntry], issues: list[Issue]) -> dict[Path, int]:
    """Errors under each outline entry (a section counts those of its blocks)."""
    paths = {entry.path for entry in entries}
    counts: dict[Path, int] = {}
    for issue in issues:
        for length in range(len(issue.path) + 1):
            prefix = issue.path[:length]
            if prefix in paths:
                counts[prefix] = counts.get(prefix, 0) + 1
    return counts


class EditorScreen(SaveActions, SafetyActions, ErrorNavigation, StructureActions):
    """Edit (or read) one chapter."""

    CSS_PATH = [EDITOR_CSS, GRID_CSS]

    AUTO_FOCUS = "#outline"

    BINDINGS = [
        Binding(
            "ctrl+s", "save", S.KEY_SAVE, id="editor.save", priority=True, tooltip=S.TOOLTIP_SAVE
        ),
        Binding(
            "f5",
            "submit",
            S.KEY_SUBMIT,
            id="editor.submit",
            priority=True,
            tooltip=S.TOOLTIP_SUBMIT,
        ),
        Binding(
            "f2",
            "error_list",
            S.KEY_ERRORS,
            id="editor.errors",
            priority=True,
            tooltip=S.TOOLTIP_ERRORS,
        ),
        Binding(
            "f3",
            "next_error",
            S.KEY_NEXT_ERROR,
            id="editor.next_error",
            priority=True,
            tooltip=S.TOOLTIP_NEXT_ERROR,
        ),
        Binding(
            "f4",
            "comments",
            S.KEY_COMMENTS,
            id="editor.comments",
            priority=True,
            tooltip=S.TOOLTIP_COMMENTS,
        ),
        Binding("f6", "add", S.KEY_ADD, id="editor.add", priority=True, tooltip=S.TOOLTIP_ADD),
        Binding(
            "f7",
            "remove",
            S.KEY_REMOVE,
            id="editor.remove",
            priority=True,
            tooltip=S.TOOLTIP_REMOVE,
        ),
        Binding(
            "ctrl+up",
            "move(-1)",
            S.KEY_MOVE_UP,
            id="editor.move_up",
            priority=True,
            key_display="^↑",
            tooltip=S.TOOLTIP_MOVE_UP,
        ),
        Binding(
            "ctrl+down",
            "move(1)",
            S.KEY_MOVE_DOWN,
            id="editor.move_down",
            priority=True,
            key_display="^↓",
            tooltip=S.TOOLTIP_MOVE_DOWN,
        ),
        Binding(
            "ctrl+o",
            "focus_outline",
            S.KEY_OUTLINE,
            id="editor.outline",
            priority=True,
            tooltip=S.TOOLTIP_OUTLINE,
        ),
        Binding(
            "ctrl+r",
            "reopen",
            S.KEY_REOPEN,
            id="editor.reopen",
            priority=True,
            show=False,  # said by the banner of a validated chapter
            tooltip=S.TOOLTIP_REOPEN,
        ),
        Binding("escape", "back", S.KEY_BACK, id="editor.back", tooltip=S.TOOLTIP_BACK),
        # Priority: in a text field too, the chapter's undo (which holds what was
        # just typed) answers, never the field's own, which the form's rebuild forgets.
        Binding(
            "ctrl+z", "undo", S.KEY_UNDO, id="editor.undo", priority=True, tooltip=S.TOOLTIP_UNDO
        ),
        Binding(
            "ctrl+y", "redo", S.KEY_REDO, id="editor.redo", priority=True, tooltip=S.TOOLTIP_REDO
        ),
        Binding(
            "f9",
            "versions",
            S.KEY_VERSIONS,
            id="editor.versions",
            priority=True,
            tooltip=S.TOOLTIP_VERSIONS,
        ),
    ]

    session: ChapterSession
    """The chapter shown: set by ``open_session``, before the screen is first shown."""

    def __init__(self) -> None:
        super().__init__(id="editor")
        self.entries: list[OutlineEntry] = []
        self.current: OutlineEntry | None = None
        self.touched: set[Path] = set()
        self.show_all = False
        self._timer: Timer | None = None
        self._edits = 0
        """Edits made so far: a worker's measure of an older copy is not shown."""
        self._round_trip_timer: Timer | None = None
        self._autosave: Timer | None = None
        self._lock_check: Timer | None = None
        self._form: NodeForm | None = None
        """The selected node's form, once mounted."""
        self._error_cursor = -1
        self._form_lock = asyncio.Lock()
        self._styled_with: str | None = None
        """The theme the screen's widgets were last styled with (``on_screen_resume``)."""
        self._shapes: dict[int, OutlineShape] = {}
        """Per schema (by id: each shape holds its schema, so the id is never reused)."""
        self._retired: weakref.WeakSet[Any] = weakref.WeakSet()
        """Fields of a form an undo replaced: a change message of theirs still on
        its way would type the undone text again."""

    def compose(self) -> ComposeResult:
        app: Any = self.app
        yield AppHeader(app.workspace.report.titre, app.user, app.user.role.title)
        yield ChapterBar(id="chapter-bar")
        yield StatusBanner(id="status-banner")
        with Horizontal(id="editor-body"):
            yield OutlineTree(id="outline")
            yield VerticalScroll(id="form-scroll")
        yield AppFooter()

    @property
    def shape(self) -> OutlineShape:
        """Which lists of the session's schema are outline nodes, kept per schema."""
        schema = self.session.schema
        shape = self._shapes.get(id(schema))
        if shape is None:
            shape = self._shapes[id(schema)] = OutlineShape(schema)
        return shape

    def header_title(self) -> str:
        return f"{authoring_app(self).workspace.report.titre} · {self.session.title()}"

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Shown again: restyle the whole screen only if the theme changed meanwhile.

        Textual restyles every widget of a screen when it is pushed, in case
        something app-wide changed while it was hidden; here only the theme can,
        and the restyle costs about 18 ms (the footer's keys and the outline, each
        styled again with its component classes). Runs before Textual's handler.
        """
        if self._styled_with == self.app.theme:
            event.refresh_styles = False
        self._styled_with = self.app.theme

    # One screen for every chapter: the app keeps it and hands it each session, so
    # opening a chapter mounts its outline and form, not the whole screen.

    async def open_session(self, session: ChapterSession) -> None:
        """Take a chapter, before the screen is pushed.

        The previous chapter's form is usually gone already (``release_chapter``,
        on the way back to the dashboard), else it goes now. The new one is
        mounted once the screen is shown (``show_session``): mounted before, it
        would be styled twice when the screen is restyled on showing (after a
        change of theme, see ``on_screen_resume``).
        """
        self._stop_timers()
        if self._autosave is None:
            self._autosave = self.start_autosave()
        if self._lock_check is None:
            self._lock_check = self.start_lock_check()
        self.session = session
        self.touched, self.show_all, self._error_cursor = set(), False, -1
        self.current, self._form = None, None
        self.query_one(AppHeader).update_title(self.header_title())
        await self.query_one("#form-scroll", VerticalScroll).remove_children()
        self.rebuild_outline()

    async def warm_up(self) -> None:
        """Mount, then remove, one widget of each Textual type a chapter's root form
        is made of.

        Textual reads a widget type's default CSS and works out its rules the
        first time one is mounted (about 40 ms for the form's types): done here,
        before any chapter, the first form opened costs what the next ones do.
        (A select, found in block forms only, is left out: removed at once, it
        fails in its own mount handler if the app is quitting meanwhile.)
        """
        scroll = self.query_one("#form-scroll", VerticalScroll)
        samples = [Input(), TextArea(), Checkbox(), Button(), Static()]
        for sample in samples:
            sample.display = False
        await scroll.mount_all(samples)
        await scroll.remove_children()

    def release_chapter(self) -> None:
        """Back on the dashboard: the chapter's form goes now, not when the next
        chapter opens; removing a form costs about as much as mounting one, and
        nobody is waiting on the hidden editor."""
        self._stop_timers()
        self.current, self._form = None, None
        self.query_one("#form-scroll", VerticalScroll).remove_children()

    def _stop_timers(self) -> None:
        for timer in (self._timer, self._round_trip_timer):
            if timer is not None:
                timer.stop()

    async def show_session(self) -> None:
        """Once shown: the first form, the errors and the bar (``open_session`` built
        the outline)."""
        await self.show_path((), refresh=True)
        self.show_validation()  # the session was validated when it was loaded
        self.query_one(OutlineTree).focus()

    def start_session(self) -> None:
        """Once the chapter is on screen: notices, lock and recovery questions."""
        session = self.session
        if not session.editable and session.lock_error is None and not session.validated:
            self.notify(S.READ_ONLY_NOTICE, severity="information")  # the banner says why
        self.start_safety()
        self.call_after_refresh(authoring_app(self).collector.resume_soon)
        # Once the editor is drawn: the parse would otherwise slow the drawing down.
        self._round_trip_timer = self.set_timer(ROUND_TRIP_DELAY, self.parse_round_trip)

    @work(thread=True, exclusive=True, group="round-trip", exit_on_error=False)
    def parse_round_trip(self) -> None:
        """Ready the round-trip document before the first edit asks for it; its
        comments are the DGA's notes, shown beside what they precede."""
        self.session.parse_round_trip()
        self.app.call_from_thread(self.show_file_notes)

    def show_file_notes(self) -> None:
        """The DGA's notes in the file (YAML comments) above the form they belong to."""
        scroll = self.query_one("#form-scroll", VerticalScroll)
        scroll.query(".file-notes").remove()
        if self.current is None:
            return
        mine = [
            note
            for path, notes in self.session.notes.items()
            if self.entry_for(path).path == self.current.path
            for note in notes
        ]
        if mine:
            text = Text(S.FILE_NOTES_TITLE, "bold").append("\n" + "\n\n".join(mine), "")
            scroll.mount(Static(text, classes="file-notes"), before=0)

    # Outline and form

    def rebuild_outline(self) -> None:
        root = build_outline(self.shape, self.session.data, self.session.title())
        self.entries = flatten(root)
        self.query_one(OutlineTree).load(root, error_counts(self.entries, self.session.issues))
        self.mark_comments()

    def entry_for(self, path: Path) -> OutlineEntry:
        return owner_of(self.entries, path)

    async def show_path(self, path: Path, refresh: bool = False) -> NodeForm:
        """Mount the form of the outline entry holding ``path`` and put the tree cursor on it."""
        entry = self.entry_for(path)
        tree = self.query_one(OutlineTree)
        node = tree.node_for(entry.path)
        if node is not None and tree.cursor_node is not node:
            _ = tree.last_line  # builds the tree's lines so the node has its line number
            tree.move_cursor(node)
        await self.mount_form(entry, force=refresh)
        form: NodeForm = self.query_one(NodeForm)
        return form

    async def mount_form(self, entry: OutlineEntry, force: bool = False) -> None:
        # The tree's highlight and a jump can both ask for a form: one at a time, and
        # never twice the same one.
        async with self._form_lock:
            if force or self.current is None or self.current.path != entry.path:
                await self._mount_form(entry)

    async def _mount_form(self, entry: OutlineEntry) -> None:
        self.current = entry
        self._form = None  # until the new one is mounted (a revalidation may come between)
        scroll = self.query_one("#form-scroll", VerticalScroll)
        form = NodeForm(
            entry,
            FormBuilder(
                self.session.schema,
                self.session.get,
                self.session.editable,
                self.form_width(),
                len(entry.path),
                secretariat=self.session.user.role is Role.SECRETARIAT,
                files=self.session.workspace.files,
            ),
            self.choice_spec(entry.path),
            self.session.get(entry.path),
        )
        had_focus = self.focused is not None and scroll in self.focused.ancestors
        with self.app.batch_update():
            await scroll.remove_children()
            await scroll.mount(form)
        if had_focus:  # the focused field went with the old form
            self.query_one(OutlineTree).focus()
        scroll.scroll_home(animate=False)
        self._form = form
        form.show_issues(self.session.issues, self.touched, self.show_all)
        self.show_file_notes()

    def form_width(self) -> int:
        """The columns a field of the form gets, worked out from the terminal's width
        as ``editor.tcss`` shares it (a test checks both agree): the hidden screen's
        last layout may be from before the terminal was resized."""
        width: int = self.app.size.width
        outline = max(OUTLINE_MIN_COLUMNS, width * OUTLINE_PERCENT // 100)
        return width - outline - FORM_FRAME

    def choice_spec(self, path: Path) -> FieldSpec | None:
        """The alternatives' spec when ``path`` is an item of a list of alternatives."""
        if not path or not isinstance(path[-1], int):
            return None
        schema = self.session.schema
        item = schema.items(node_at(schema, self.session.data, path[:-1]))
        if field_kind(schema, item) is not Kind.CHOICE:
            return None
        return field_spec(schema, item, path, True, str(item.get("title", "")))

    async def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[OutlineEntry]) -> None:
        entry = event.node.data
        if event.node is not self.query_one(OutlineTree).cursor_node:
            return  # a stale highlight from before the tree was rebuilt
        if entry is not None and (self.current is None or self.current.path != entry.path):
            await self.mount_form(entry)

    def on_tree_node_selected(self, event: Tree.NodeSelected[OutlineEntry]) -> None:
        self.call_after_refresh(self.focus_first_field)

    def focus_first_field(self) -> None:
        form = self.query(NodeForm)
        if form:
            for box in form.first().boxes().values():
                target = box.focus_target()
                if target is not None:
                    target.focus()
                    return

    def action_focus_outline(self) -> None:
        self.query_one(OutlineTree).focus()

    def on_key(self, event: events.Key) -> None:
        """Any keystroke is activity: the lock is not idle while its holder reads
        and moves around (the session writes it at most every 30 s)."""
        self.record_activity()

    # Field edits

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, FieldInput) and self._user_changed(event.input, event.value):
            self.apply_text(event.input.spec, event.value)

    @on(TextArea.Changed)
    def _text_changed(self, event: TextArea.Changed) -> None:
        area = event.text_area
        if isinstance(area, FieldTextArea) and self._user_changed(area, area.text):
            self.apply_text(area.spec, area.text)

    @on(Select.Changed)
    async def _select_changed(self, event: Select.Changed) -> None:
        select = event.select
        if isinstance(select, TypeSelect):
            await self.change_type(select.path, int(select.value))  # type: ignore[arg-type]
        elif isinstance(select, FieldSelect) and self._user_changed(select, event.value):
            if event.value is Select.NULL:
                changed = self.session.delete_value(select.spec.path)
            else:
                changed = self.session.set_value(select.spec.path, event.value)
            self.after_edit(select.spec.path, changed)

    @on(Checkbox.Changed)
    def _checkbox_changed(self, event: Checkbox.Changed) -> None:
        box = event.checkbox
        if isinstance(box, FieldCheckbox) and self._user_changed(box, event.value):
            self.after_edit(box.spec.path, self.session.set_value(box.spec.path, event.value))

    @on(TableGrid.Changed)
    def _grid_changed(self, event: TableGrid.Changed) -> None:
        """A table's grid changed: its header row and rows go into the chapter."""
        box = event.grid.parent
        if event.grid in self._retired or not isinstance(box, GridBox):
            return
        state, rows = event.grid.state, box.spec.path
        cell = box.cell_path(event.cell)
        changed = self.session.set_table(box.headers, state.columns, rows, state.rows, cell)
        self.after_edit(rows, changed)

    def _user_changed(self, widget: Any, value: Any) -> bool:
        """Ignore the change messages a widget sends with the value it was built with."""
        if widget in self._retired:
            return False
        if not hasattr(widget, "initial_value"):
            widget.initial_value = self.session.get(widget.spec.path)
            widget.user_edited = False
        if widget.user_edited:
            return True
        initial = widget.initial_value
        same = value == initial or (value in ("", Select.NULL) and initial is None)
        if isinstance(initial, int | float) and isinstance(value, str):
            same = parse_number(value) == initial
        edited: bool = not same
        widget.user_edited = edited
        return edited

    def apply_text(self, spec: FieldSpec, text: str) -> None:
        path, kind, session = spec.path, spec.kind, self.session
        if kind in (Kind.NUMBER, Kind.INTEGER, Kind.NUMBER_OR_TEXT):
            if not text.strip():
                changed = (
                    session.set_value(path, "")
                    if kind is Kind.NUMBER_OR_TEXT and spec.required
                    else session.delete_value(path)
                )
            else:
                number = parse_number(text, integer=kind is Kind.INTEGER)
                if number is None and kind is not Kind.NUMBER_OR_TEXT:
                    self.touched.add(path)
                    self.show_local_error(
                        path, S.INTEGER_EXPECTED if kind is Kind.INTEGER else S.NUMBER_EXPECTED
                    )
                    return
                changed = session.set_value(path, text if number is None else number)
        elif not text and not spec.required:
            changed = session.delete_value(path)
        else:
            changed = session.set_value(path, text)
        self.after_edit(path, changed)

    async def flush_typing(self) -> None:
        """What was just typed reaches the chapter now (before an undo).

        Ctrl+Z is handled by the app as soon as it arrives, while keys typed just
        before may still wait in the field's own queue, and its change messages
        behind them: the field first handles what it was sent, then its text is
        taken as it stands.
        """
        focused = self.focused
        if not isinstance(focused, FieldTextArea | FieldInput):
            return
        handled = asyncio.Event()
        if focused.call_later(handled.set):
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(handled.wait(), FIELD_SETTLE_SECONDS)
        text = focused.text if isinstance(focused, FieldTextArea) else focused.value
        if self._user_changed(focused, text):
            self.apply_text(focused.spec, text)

    def retire_fields(self) -> None:
        """The form's fields are about to be replaced (an undo): a change message of
        theirs still on its way is not heard."""
        if self._form is not None:
            self._retired.update(self._form.query(FIELD_WIDGETS))

    def show_local_error(self, path: Path, message: str) -> None:
        box = self.query_one(NodeForm).boxes().get(path)
        if box is not None:
            box.show_errors([message])

    def after_edit(self, path: Path, changed: bool) -> None:
        self.touched.add(path)
        if not changed:
            return
        self.record_activity()
        self._edits += 1
        self.update_bar()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE_SECONDS, self.refresh_validation)

    # Validation

    def refresh_validation(self) -> None:
        """Revalidate the chapter and show the result everywhere (outline, form, bar);
        a large chapter is measured in a worker, on a copy, while the user types."""
        self._timer = None
        if self.session.large:
            self.measure_in_background(self.session, plain(self.session.data), self._edits)
            return
        self.session.revalidate()
        self.show_validation()

    @work(thread=True, exclusive=True, group="validation", exit_on_error=False)
    def measure_in_background(self, session: ChapterSession, snapshot: Any, edits: int) -> None:
        issues, figures = session.measure(snapshot)
        self.app.call_from_thread(self._show_measure, session, issues, figures, edits)

    def _show_measure(
        self, session: ChapterSession, issues: list[Issue], figures: Completeness, edits: int
    ) -> None:
        """Show a worker's result, unless the chapter changed since its copy was
        taken (the next revalidation, already planned, will show the right one)."""
        if session is not self.session or edits != self._edits:
            return
        session.issues, session.completeness = issues, figures
        self.show_validation()

    def show_validation(self) -> None:
        """Show the session's errors and completeness: outline counts, form, bar."""
        tree = self.query_one(OutlineTree)
        tree.update_counts(error_counts(self.entries, self.session.issues))
        if self.current is not None:
            label = self.current_label()
            tree.relabel(self.current.path, label)
        if self._form is not None:
            self._form.show_issues(self.session.issues, self.touched, self.show_all)
        self.update_bar()

    def current_label(self) -> str:
        from ..forms.outline import item_label

        entry = self.current
        assert entry is not None
        if not entry.path:
            return self.session.title()
        schema = self.session.schema
        item = schema.items(node_at(schema, self.session.data, entry.path[:-1]))
        index = entry.path[-1]
        return item_label(schema, item, self.session.get(entry.path), int(index))

    def flush_validation(self) -> None:
        """Revalidate now, whatever the chapter's size (before a save or a submit,
        whose messages depend on the result)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._edits += 1  # a worker's older result is not shown over this one
        self.session.revalidate()
        self.show_validation()

    def update_bar(self) -> None:
        self.query_one(ChapterBar).show(self.session, self.app.theme_variables)
        self.query_one(StatusBanner).show_for(self.session)
