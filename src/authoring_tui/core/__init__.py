"""The headless core: workspace, schemas, chapter store, validation, completeness.

Nothing here imports Textual or python-docx; the CLI, the exporter and the TUI
all stand on it (a test checks this in a fresh interpreter).
"""
