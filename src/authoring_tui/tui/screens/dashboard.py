"""Tableau de bord: every chapter of the plan, its state, and the report's progress.

Chapters are measured in a worker thread, one message per chapter, so the table
is on screen at once and fills in as files are read. Opening a chapter loads it
in a worker too; the editor (or the review screen) is pushed when it is ready.
"""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable, Input, Label, ProgressBar, Select

from ...core.roles import Role
from ...core.status import STATUS_TITLES, ChapterStatus, report_status
from .. import strings as S
from ..report_state import ReportState
from ..startup import warm_up_first_opening
from ..widgets.chapter_table import ChapterTable
from ..widgets.completeness import completeness_bar, percent_text
from ..widgets.footer import AppFooter
from ..widgets.header import AppHeader, role_label
from ..wording import counted
from .base import BaseScreen, authoring_app, reports_errors

if TYPE_CHECKING:
    from ...core.roles import User
    from ...core.workspace import Workspace
    from ..session import ChapterSession

MINE, ALL = "mine", "all"
TITLE_WIDTH = 34
# Fixed widths: an auto-sized column would depend on which rows arrived first.
# By priority from the left: what a narrow terminal cuts first is on the right
# (the table scrolls sideways to it); the lateness comes right after the status,
# so that it shows at 80 columns.
COLUMNS = (
    ("numero", S.COL_NUMERO, 5),
    ("titre", S.COL_TITRE, TITLE_WIDTH),
    ("statut", S.COL_STATUT, 12),
    ("retard", S.COL_RETARD, 7),
    ("completude", S.COL_COMPLETUDE, 16),
    ("erreurs", S.COL_ERREURS, 7),
    ("echeance", S.COL_ECHEANCE, 10),
    ("modifie", S.COL_MODIFIE, 10),
    ("dga", S.COL_DGA, 34),
    ("mots", S.COL_MOTS, 7),
)


@dataclass(frozen=True)
class Filters:
    """What the filter bar asks for (a blank select is « all »)."""

    show: object
    dga: object
    statut: object
    search: str


@dataclass
class StatusesLoaded(Message):
    """Chapters measured by the loading worker (all of them, or the one just edited)."""

    statuses: list[ChapterStatus]


@dataclass
class ChapterReady(Message):
    """A chapter loaded for the editor or the review screen."""

    session: ChapterSession
    review: bool


class PlanShown(Message):
    """The dashboard is drawn with the report's plan, before any chapter is measured."""


class ReportMeasured(Message):
    """The dashboard is drawn with every chapter measured, for the first time."""


class DashboardScreen(BaseScreen):
    """The first screen: the whole report at a glance."""

    AUTO_FOCUS = "#chapters"  # focused from the start: its cells are drawn once, focused

    BINDINGS = [
        Binding("enter", "open_chapter", S.KEY_OPEN, id="dashboard.open", tooltip=S.TOOLTIP_OPEN),
        Binding(
            "slash",
            "search",
            S.KEY_SEARCH,
            id="dashboard.search",
            key_display="/",
            tooltip=S.TOOLTIP_SEARCH,
        ),
        Binding("m", "mine", S.KEY_MINE, id="dashboard.mine", tooltip=S.TOOLTIP_MINE),
        Binding("t", "all", S.KEY_ALL, id="dashboard.all", tooltip=S.TOOLTIP_ALL),
        Binding("d", "by_dga", S.KEY_BY_DGA, id="dashboard.by_dga", tooltip=S.TOOLTIP_BY_DGA),
        Binding(
            "s", "by_status", S.KEY_BY_STATUS, id="dashboard.by_status", tooltip=S.TOOLTIP_BY_STATUS
        ),
        Binding("r", "review", S.KEY_REVIEW, id="dashboard.review", tooltip=S.TOOLTIP_REVIEW),
        Binding("e", "export", S.KEY_EXPORT, id="dashboard.export", tooltip=S.TOOLTIP_EXPORT),
        Binding(
            "w",
            "proofread",
            S.KEY_PROOFREAD,
            id="dashboard.proofread",
            tooltip=S.TOOLTIP_PROOFREAD,
        ),
        Binding(
            "f5",
            "refresh",
            S.KEY_REFRESH,
            id="dashboard.refresh",
            show=False,
            tooltip=S.TOOLTIP_REFRESH,
        ),
    ]

    def __init__(self) -> None:
        super().__init__(id="dashboard")
        self.dga_values: list[str] = []
        self.last_opened: str | None = None
        self.loaded = False
        self.prepared = False
        """``prepare_editor`` has run: the app may make the editor screen."""
        self._shown_filters: Filters | None = None

    @property
    def state(self) -> ReportState:
        """The report's statuses, kept by the app (``tui/report_state.py``)."""
        return authoring_app(self).report_state

    @property
    def statuses(self) -> dict[str, ChapterStatus]:
        return self.state.statuses

    @property
    def measured(self) -> set[str]:
        return self.state.measured

    @property
    def workspace(self) -> Workspace:
        return authoring_app(self).workspace

    @property
    def user(self) -> User:
        return authoring_app(self).user

    def compose(self) -> ComposeResult:
        report = self.workspace.report
        written = self._chapters_written_by_user()
        yield AppHeader(
            f"{report.titre} · {S.DASHBOARD_TITLE}", self.user, role_label(self.user, written)
        )
        with Horizontal(id="report-progress"):
            yield Label(S.LOADING, id="report-progress-label")
            yield ProgressBar(total=100, show_eta=False, show_percentage=False, id="report-bar")
        with Horizontal(id="filters"):
            yield Select(
                [(S.FILTER_MINE, MINE), (S.FILTER_ALL, ALL)],
                value=MINE if self.user.role is Role.CONTRIBUTEUR else ALL,
                allow_blank=False,
                id="filter-show",
                compact=True,
            )
            yield Select([], prompt=S.FILTER_ALL_DGA, id="filter-dga", compact=True)
            yield Select(
                [(title, key) for key, title in STATUS_TITLES.items()],
                prompt=S.FILTER_ALL_STATUS,
                id="filter-status",
                compact=True,
            )
            yield Input(placeholder=S.SEARCH_PLACEHOLDER, id="filter-search", compact=True)
        yield ChapterTable(id="chapters", cursor_type="row", zebra_stripes=True)
        yield AppFooter()

    def _chapters_written_by_user(self) -> int:
        return len(self.state.written_by(self.user.login))

    def on_mount(self) -> None:
        table = self.query_one("#chapters", DataTable)
        for key, label, width in COLUMNS:
            table.add_column(label, key=key, width=width)
        self.state.plan(self.workspace)
        self.rebuild_rows()
        table.focus()
        self.call_after_refresh(self.post_message, PlanShown())
        # After the first paint: the worker would otherwise hold the GIL while the
        # screen is being drawn.
        self.call_after_refresh(self.load_statuses)

    def on_screen_resume(self) -> None:
        """Back from a chapter: release it, and measure it again (it may have been saved)."""
        if not self.is_current or authoring_app(self).quitting:
            # Never seen: the editor was made behind the dashboard while a chapter
            # was being opened (that chapter is now shown), or the app is quitting.
            return
        if authoring_app(self).editor_busy or authoring_app(self).screen is not self:
            # The hidden editor was just made (pushed and popped) while a chapter
            # opened meanwhile waits for it, its lock taken; or that chapter's
            # editor is on top already (``is_current`` counts the dashboard seen
            # behind it): not a way back from a chapter. Closing the chapter then
            # left its editor read-only after the first keystroke.
            return
        authoring_app(self).close_session()
        authoring_app(self).release_editor()
        if self.loaded and self.last_opened:
            self.load_statuses([self.last_opened])
        if self.prepared:  # the editor is made once nothing covers the dashboard
            authoring_app(self).call_later(authoring_app(self).make_editor)

    # Loading

    @work(thread=True, exclusive=True, group="statuses", exit_on_error=False)
    def load_statuses(self, chapter_ids: list[str] | None = None) -> None:
        # One message for the whole batch: one redraw of the table, not one per chapter.
        ids = chapter_ids or self.workspace.report.chapter_ids
        self.post_message(StatusesLoaded(report_status(self.workspace, ids).chapters))

    @work(thread=True, exclusive=True, group="prepare", exit_on_error=False)
    def prepare_editor(self) -> None:
        """While the user reads the dashboard, warm up the first opening, then
        have the app make the editor screen (``tui/startup.py``)."""
        warm_up_first_opening(self.workspace, list(self.statuses))
        self.prepared = True
        authoring_app(self).call_later(authoring_app(self).make_editor)

    def on_statuses_loaded(self, message: StatusesLoaded) -> None:
        changed = self.state.update(message.statuses)
        first = not self.loaded
        if first:
            authoring_app(self).collector.keep_long_lived()
            self.prepare_editor()
        self.loaded = True
        if changed:  # back from a chapter only read: the table is already right
            self._show_statuses()
        if first:
            self.call_after_refresh(self.post_message, ReportMeasured())

    def _show_statuses(self) -> None:
        self._refresh_dga_filter()
        self.rebuild_rows()
        self._show_report_progress()
        self.query_one(AppHeader).update_role(
            role_label(self.user, self._chapters_written_by_user())
        )

    def _show_report_progress(self) -> None:
        total = self.state.completeness()
        self.query_one("#report-progress-label", Label).update(
            S.REPORT_PROGRESS.format(
                percent=percent_text(total.percent), filled=total.filled, total=total.total
            )
        )
        self.query_one("#report-bar", ProgressBar).update(progress=int(total.percent))

    def _refresh_dga_filter(self) -> None:
        select = self.query_one("#filter-dga", Select)
        current = select.value
        self.dga_values = self.state.dga_values()
        select.set_options([(Text(dga), dga) for dga in self.dga_values])  # as typed
        if current in self.dga_values:
            select.value = current

    # Table

    def filters(self) -> Filters:
        """The filters as the user set them."""
        return Filters(
            self.query_one("#filter-show", Select).value,
            self.query_one("#filter-dga", Select).value,
            self.query_one("#filter-status", Select).value,
            search_key(self.query_one("#filter-search", Input).value),
        )

    def shows(self, status: ChapterStatus, filters: Filters) -> bool:
        """Whether the table lists the chapter: a search looks through the whole
        report, whatever the other filters (the table then says what they hid)."""
        if filters.search:
            return matches(status, filters.search)
        return self.passes_filters(status, filters)

    def passes_filters(self, status: ChapterStatus, filters: Filters) -> bool:
        if filters.show == MINE and self.user.login not in status.redacteurs:
            return False
        if isinstance(filters.dga, str) and status.dga != filters.dga:
            return False
        return not (isinstance(filters.statut, str) and status.statut != filters.statut)

    def rebuild_rows(self) -> None:
        table = self.query_one("#chapters", DataTable)
        cursor = self.selected_id()
        filters = self._shown_filters = self.filters()
        table.clear()
        self.add_search_row(table, filters)
        for part in self.workspace.report.parties:
            statuses = [self.statuses[c] for c in part.chapitres]
            shown = [status for status in statuses if self.shows(status, filters)]
            if not shown:
                continue
            table.add_row(
                "",
                Text(part.label, style="bold", no_wrap=True),
                *[""] * (len(COLUMNS) - 2),
                key=f"part:{part.id}",
            )
            for status in shown:
                table.add_row(*self.cells(status).values(), key=status.id)
        if table.row_count <= 1 and filters.search:
            table.clear()
            table.add_row("", Text(S.NO_SEARCH_MATCH), *[""] * (len(COLUMNS) - 2), key="part:none")
        elif table.row_count == 0:
            table.add_row("", Text(S.NO_CHAPTER), *[""] * (len(COLUMNS) - 2), key="part:none")
        keys = [str(key.value) for key in table.rows]
        if cursor in keys:
            table.move_cursor(row=keys.index(cursor))
        else:
            chapters = [row for row, key in enumerate(keys) if not key.startswith("part:")]
            table.move_cursor(row=chapters[0] if chapters else 0)

    def add_search_row(self, table: DataTable[Any], filters: Filters) -> None:
        """While searching, a first line says how many matches the other filters
        would have hidden: nothing is left out silently."""
        if not filters.search:
            return
        found = [s for s in self.statuses.values() if matches(s, filters.search)]
        hidden = sum(1 for status in found if not self.passes_filters(status, filters))
        if found and hidden:
            said = counted(S.SEARCH_BEYOND_FILTERS, hidden)
            table.add_row(
                "", Text(said, style="italic"), *[""] * (len(COLUMNS) - 2), key="part:search"
            )

    def cells(self, status: ChapterStatus) -> dict[str, Text | str]:
        theme = self.app.theme_variables
        today: datetime.date = authoring_app(self).today
        measured = status.id in self.measured
        days_late = late_days(status, today)
        titre = (
            status.titre
            if len(status.titre) <= TITLE_WIDTH
            else status.titre[: TITLE_WIDTH - 1] + "…"
        )
        error_style = f"bold {theme.get('error', '')}"
        errors = len(status.issues) + (status.error is not None)  # as ``status`` counts
        return {
            "numero": Text(status.numero, no_wrap=True),
            "titre": Text(titre, no_wrap=True, style=error_style if days_late else ""),
            "statut": Text(status.statut_titre if measured else "…", no_wrap=True),
            "retard": lateness_text(days_late, error_style),
            "completude": completeness_bar(
                status.completeness.percent,
                style=theme.get("success" if status.complete else "warning", ""),
                empty=theme.get("foreground-muted", ""),
            )
            if measured
            else Text("…"),
            "erreurs": Text(
                str(errors) if measured else "…",
                style=error_style if errors else "",
                justify="right",
            ),
            "echeance": deadline_text(status, days_late, error_style),
            "modifie": Text(
                status.modifie.strftime("%d/%m/%Y") if status.modifie else S.NEVER, no_wrap=True
            ),
            "dga": Text(status.dga, no_wrap=True, overflow="ellipsis"),
            "mots": Text(grouped(status.mots) if measured else "…", justify="right"),
        }

    def selected_id(self) -> str | None:
        table = self.query_one("#chapters", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return str(key) if key is not None else None

    def select_chapter(self, chapter_id: str) -> None:
        """Put the cursor on a chapter, showing every chapter if filters hide it."""
        table = self.query_one("#chapters", DataTable)
        keys = [str(key.value) for key in table.rows]
        if chapter_id not in keys:
            self.action_all()
            self.rebuild_rows()
            keys = [str(key.value) for key in table.rows]
        if chapter_id in keys:
            table.move_cursor(row=keys.index(chapter_id))

    def selected_status(self) -> ChapterStatus | None:
        chapter_id = self.selected_id()
        return self.statuses.get(chapter_id) if chapter_id else None

    # Filters

    @on(Select.Changed)
    @on(Input.Changed, "#filter-search")
    def _filters_changed(self) -> None:
        # Selects also say « changed » when they are mounted with their first value:
        # redrawing the table then would only render every cell twice.
        if self.filters() != self._shown_filters:
            self.rebuild_rows()

    @on(Input.Submitted, "#filter-search")
    def _search_done(self) -> None:
        self.query_one("#chapters", DataTable).focus()

    def action_search(self) -> None:
        self.query_one("#filter-search", Input).focus()

    def action_mine(self) -> None:
        self.query_one("#filter-show", Select).value = MINE

    def action_all(self) -> None:
        self.query_one("#filter-show", Select).value = ALL
        self.query_one("#filter-dga", Select).clear()
        self.query_one("#filter-status", Select).clear()
        self.query_one("#filter-search", Input).value = ""

    def action_by_dga(self) -> None:
        cycle(self.query_one("#filter-dga", Select), self.dga_values)

    def action_by_status(self) -> None:
        cycle(self.query_one("#filter-status", Select), list(STATUS_TITLES))

    def action_refresh(self) -> None:
        self.load_statuses()

    # Opening

    @on(DataTable.RowSelected, "#chapters")  # a click on the row under the cursor
    @on(ChapterTable.OpenRequested)
    def _row_chosen(self) -> None:
        self.action_open_chapter()

    def action_open_chapter(self) -> None:
        self._open(review=False)

    def action_review(self) -> None:
        """Anyone may read the review layout; commenting and statuses are checked by role."""
        self._open(review=True)

    @reports_errors
    def _open(self, review: bool) -> None:
        status = self.selected_status()
        if status is None:
            return
        if status.error is not None:
            raise status.error
        if not self.workspace.store.exists(status.id):
            self.notify(S.CHAPTER_NOT_STARTED, severity="warning")
            return
        self.last_opened = status.id
        authoring_app(self).collector.pause()
        self.load_chapter(status.id, review)

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def load_chapter(self, chapter_id: str, review: bool) -> None:
        from ..session import ChapterSession  # the editor's needs: not imported at start-up

        app = authoring_app(self)
        session = ChapterSession(self.workspace, chapter_id, app.user, app.today)
        self.post_message(ChapterReady(session, review))

    async def on_chapter_ready(self, message: ChapterReady) -> None:
        await authoring_app(self).open_session(message.session, message.review)

    def action_export(self) -> None:
        authoring_app(self).open_export()

    def action_proofread(self) -> None:
        authoring_app(self).open_proofreading()


def deadline_text(status: ChapterStatus, days_late: int, late_style: str) -> Text:
    if status.echeance is None:
        return Text(S.NO_DEADLINE)
    text = Text(status.echeance.strftime("%d/%m/%Y"), no_wrap=True)
    if days_late:
        text.stylize(late_style)
    return text


def late_days(status: ChapterStatus, today: datetime.date) -> int:
    """Days past the deadline of a chapter not yet validated (0 when not late)."""
    if status.echeance is None or status.statut == "valide":
        return 0
    return max(0, -(status.days_left(today) or 0))


def lateness_text(days_late: int, late_style: str) -> Text:
    """« +605 j » in its own short column, so that it is never cut."""
    if not days_late:
        return Text("")
    return Text(S.LATE.format(days=days_late), style=late_style, no_wrap=True, justify="right")


def grouped(number: int) -> str:
    """1 873 700, with the thin non-breaking space French uses between thousands."""
    return f"{number:,}".replace(",", "\u202f")


def cycle(select: Select, values: list[str]) -> None:  # type: ignore[type-arg]
    """Move a filter to its next option, then back to « all »."""
    if not values:
        return
    current = select.value
    if current in values and values.index(current) + 1 < len(values):
        select.value = values[values.index(current) + 1]
    elif current in values:
        select.clear()
    else:
        select.value = values[0]


def search_key(text: str) -> str:
    """Text as a search compares it: without accents or case (« economie » finds
    « Économie et emploi »), spaces trimmed."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def matches(status: ChapterStatus, search: str) -> bool:
    """A search finds a chapter by its title, its number or its DGA."""
    return any(search in search_key(text) for text in (status.titre, status.numero, status.dga))
