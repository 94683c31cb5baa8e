"""Errors the user can act on, always with a French message naming the file.

Every failure that comes from the user's files (a YAML error, a broken schema,
a chapter id that escapes the workspace) is an ``AuthoringError``: the CLI prints
it and exits 2, the TUI shows it in a dialog. Anything else is a bug.
"""

from __future__ import annotations

from pathlib import Path


class AuthoringError(Exception):
    """A problem with the user's files or arguments, explained in French."""

    def __init__(
        self,
        message: str,
        path: Path | str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.column = column

    def location(self) -> str:
        """« fichier, ligne L, colonne C », as much of it as is known."""
        if self.path is None:
            return ""
        where = str(self.path)
        if self.line is not None:
            where += f", ligne {self.line}"
            if self.column is not None:
                where += f", colonne {self.column}"
        return where

    def __str__(self) -> str:
        where = self.location()
        return f"{where} : {self.message}" if where else self.message


class WorkspaceNotFound(AuthoringError):
    """No ``report.yaml`` where the user pointed (or in the current folder)."""


class ChapterFileError(AuthoringError):
    """A chapter or report file that cannot be read as YAML; it is never written over."""


class SchemaError(AuthoringError):
    """A JSON Schema file that is missing, not JSON, or not a valid schema."""


class InvalidChapterId(AuthoringError):
    """A chapter id that is not ``[a-z0-9-]+`` (path tricks included)."""
