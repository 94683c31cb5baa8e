"""authoring-tui: write the Métropole's annual activity report in a terminal.

The package has four rooms: ``core`` (workspace, schema, store, validation,
completeness; no UI, no Word), ``export`` (DOCX), ``cli`` and ``tui``.
"""

__version__ = "0.1.0"
