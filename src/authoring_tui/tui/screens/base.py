"""What every screen shares: the one path by which failures reach the user.

Workers run with ``exit_on_error=False``; when one fails, its screen hands the
error to ``AuthoringApp.show_error``, which shows a French dialog. Actions that can
fail on the user's files are wrapped by ``reports_errors`` and go the same way.
No traceback ever reaches the user.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.dom import DOMNode
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from ...core.errors import AuthoringError

if TYPE_CHECKING:
    from ..app import AuthoringApp

F = TypeVar("F", bound=Callable[..., Any])

STYLES = Path(__file__).parent.parent / "styles"
"""The app's styles are read at start-up; each other screen's, when first shown
(Textual reads a screen's ``CSS_PATH`` then): the editor's while the dashboard is
read, with the hidden editor."""
EDITOR_CSS = STYLES / "editor.tcss"
GRID_CSS = STYLES / "table_grid.tcss"
"""The table grid's styles (a widget of the editor's forms)."""
REVIEW_CSS = STYLES / "review.tcss"
DIALOGS_CSS = STYLES / "dialogs.tcss"


def authoring_app(node: DOMNode) -> AuthoringApp:
    """``node.app`` as the application it is (Textual types it ``App[object]``):
    one ``cast`` here, as Posting does, rather than ``Any`` or ``type: ignore``
    wherever a screen calls the app."""
    return cast("AuthoringApp", node.app)


def reports_errors(method: F) -> F:
    """Turn an ``AuthoringError`` raised by an action into the error dialog."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except AuthoringError as error:
            authoring_app(self).show_error(error)
            return None

    return wrapper  # type: ignore[return-value]


class BaseScreen(Screen[Any]):
    """A screen whose failed workers show their error instead of closing the app."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            authoring_app(self).show_error(event.worker.error)
