"""What the whole application knows of the report: each chapter's status.

It lives in the app, not in a screen: the dashboard shows it and refreshes it,
the command palette names the chapters from it, the export dialog finds the
user's chapters in it. A chapter is first known from the plan (``planned``),
then measured by the dashboard's worker (``measured``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.completeness import Completeness
from ..core.status import ChapterStatus, planned_status
from ..core.workspace import Workspace


@dataclass
class ReportState:
    statuses: dict[str, ChapterStatus] = field(default_factory=dict)
    """Every chapter of the plan, in reading order."""
    measured: set[str] = field(default_factory=set)
    """The chapters measured so far (the others are only planned)."""

    def plan(self, workspace: Workspace) -> None:
        """Every chapter of the plan, as planned, before any is measured."""
        for chapter_id in workspace.report.chapter_ids:
            self.statuses.setdefault(chapter_id, planned_status(workspace, chapter_id))

    def update(self, statuses: list[ChapterStatus]) -> list[ChapterStatus]:
        """Take the chapters just measured; returns those that changed."""
        changed = [s for s in statuses if s.id not in self.measured or self.statuses.get(s.id) != s]
        for status in changed:
            self.statuses[status.id] = status
            self.measured.add(status.id)
        return changed

    def written_by(self, login: str) -> list[ChapterStatus]:
        return [s for s in self.statuses.values() if login in s.redacteurs]

    def dga_values(self) -> list[str]:
        return sorted({s.dga for s in self.statuses.values() if s.dga})

    def completeness(self) -> Completeness:
        total = Completeness(0, 0)
        for status in self.statuses.values():
            total = total + status.completeness
        return total
