"""Schema → form: the plain field specs and outline walk (no Textual), and the widget builder."""
