"""The Textual application: dashboard, chapter editor, review, export."""
