"""The application started as ``authoring-tui`` starts it, quitting at a stage.

Usage: python bench/staged_app.py shown|loaded WORKSPACE USER

``shown``: the dashboard is drawn with the report's plan; ``loaded``: it is drawn
with every chapter measured. The dashboard posts both moments as messages
(``PlanShown``, ``ReportMeasured``); this subclass, the benchmark's only hook,
notes when (wall clock) the stage was drawn, quits, and prints it, since the
process's own ending is no part of what a user waits for.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import authoring_tui.cli.main  # noqa: F401  (the command's own imports, paid as a user pays them)
from authoring_tui.core.workspace import Workspace
from authoring_tui.tui.app import AuthoringApp
from authoring_tui.tui.screens.dashboard import PlanShown, ReportMeasured


class StagedApp(AuthoringApp):
    stage = "shown"
    reached_at = 0.0

    def on_plan_shown(self, message: PlanShown) -> None:
        if self.stage == "shown":
            self.reached()

    def on_report_measured(self, message: ReportMeasured) -> None:
        if self.stage == "loaded":
            self.reached()

    def reached(self) -> None:
        StagedApp.reached_at = time.time()
        self.exit(0)


if __name__ == "__main__":
    StagedApp.stage, workspace, user = sys.argv[1:4]
    app = StagedApp(Workspace.open(Path(workspace)), user)
    app.collector.keep_long_lived()  # as run_app does
    app.run(headless=True)
    print(f"{StagedApp.stage}={StagedApp.reached_at:.6f}")
