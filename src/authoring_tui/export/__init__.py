"""The Word export: the consolidated DOCX of the report, built on the core.

``export_report(workspace, options, progress)`` is the entry point the CLI and the
TUI share; ``write_template`` writes the default template out for restyling.
See docs/export.md for the structure of the package.
"""

from .api import ExportOptions, ExportResult, export_report, summary
from .template import TEMPLATE_NAME, write_template

__all__ = [
    "TEMPLATE_NAME",
    "ExportOptions",
    "ExportResult",
    "export_report",
    "summary",
    "write_template",
]
