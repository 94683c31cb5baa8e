"""The Word export: the consolidated DOCX of the report, built on the core."""
