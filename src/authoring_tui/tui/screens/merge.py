"""The fields both sides changed, side by side: the user chooses, the save completes.

Shown when a save meets a change on disk that touches the same fields as the
user's (``MergeConflicts``); every other change of both sides is merged
already. One panel per conflicting field, named in French from the schema,
with my version, the disk's and the one I opened; nothing is chosen at first.
Dismisses with the choices (``{path: "mine" | "theirs"}``), or ``None`` on
« Annuler »: the editor then stays as it was, edits unsaved but on screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from ...core.merge import ABSENT, UNKNOWN, Conflict, MergeResult, Side, value_at
from ...core.schema import Schema
from ...core.validation import Path
from .. import strings as S
from .base import STYLES

MERGE_CSS = STYLES / "merge.tcss"
SHOWN_CHARACTERS = 600
"""A longer text is cut in the panel (the whole of it stays in the file)."""


@dataclass(frozen=True)
class Sides:
    """What the two versions are called: my save and the disk's, or a conflict
    copy and its chapter."""

    explain: str = S.MERGE_EXPLAIN
    mine: str = S.MERGE_MINE
    theirs: str = S.MERGE_THEIRS
    take_mine: str = S.MERGE_TAKE_MINE
    take_theirs: str = S.MERGE_TAKE_THEIRS
    all_mine: str = S.MERGE_ALL_MINE
    all_theirs: str = S.MERGE_ALL_THEIRS
    save: str = S.MERGE_SAVE
    hint: str = S.MERGE_HINT


COPY_SIDES = Sides(
    S.COPY_EXPLAIN,
    S.COPY_MINE,
    S.COPY_THEIRS,
    S.COPY_TAKE_MINE,
    S.COPY_TAKE_THEIRS,
    S.COPY_ALL_MINE,
    S.COPY_ALL_THEIRS,
    S.COPY_SAVE,
    S.COPY_HINT,
)


class MergeScreen(ModalScreen[dict[Path, Side] | None]):
    """One chapter's conflicting fields; a choice per field, then « Enregistrer »."""

    CSS_PATH = MERGE_CSS

    BINDINGS = [
        Binding("escape", "cancel", S.CANCEL, id="merge.cancel"),
        Binding("ctrl+s", "save", S.MERGE_SAVE, id="merge.save", priority=True),
        Binding("m", "all('mine')", S.KEY_MERGE_ALL_MINE, id="merge.all_mine"),
        Binding("d", "all('theirs')", S.KEY_MERGE_ALL_THEIRS, id="merge.all_theirs"),
    ]

    def __init__(
        self, title: str, result: MergeResult, schema: Schema, sides: Sides = Sides()
    ) -> None:
        super().__init__(classes="merge-screen")
        self.sides = sides
        self.chapter_title = title
        self.result = result
        self.schema = schema
        self.choices: dict[Path, Side] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="merge") as box:
            box.border_title = Text(S.MERGE_TITLE.format(title=self.chapter_title))
            yield Static(
                self.sides.explain.format(count=len(self.result.conflicts)),
                markup=False,
                id="merge-explain",
            )
            with VerticalScroll(id="merge-fields"):
                for index, conflict in enumerate(self.result.conflicts):
                    yield from self._panel(index, conflict)
            yield Label("", id="merge-missing", markup=False)
            yield Static(self.sides.hint, id="merge-hint", markup=False)
            with Horizontal(id="merge-buttons"):
                yield Button(self.sides.save, id="merge-save", variant="primary")
                yield Button(self.sides.all_mine, id="merge-all-mine")
                yield Button(self.sides.all_theirs, id="merge-all-theirs")
                yield Button(S.CANCEL, id="merge-cancel")

    def _panel(self, index: int, conflict: Conflict) -> ComposeResult:
        name = self.result.describe_conflict(self.schema, conflict)
        kind = S.MERGE_KINDS.get(conflict.kind)
        with Vertical(classes="merge-field", id=f"field-{index}") as panel:
            panel.border_title = Text(f"{name} ({kind})" if kind else name)
            with Horizontal(classes="merge-sides"):
                for label, value, classes in (
                    (self.sides.mine, conflict.mine, "merge-side merge-mine"),
                    (self.sides.theirs, conflict.theirs, "merge-side merge-theirs"),
                    (S.MERGE_BASE, conflict.base, "merge-side merge-base"),
                ):
                    if conflict.base is UNKNOWN and value is conflict.base:
                        continue  # a conflict copy: no common ancestor to show
                    with Vertical(classes=classes):
                        yield Label(label, classes="merge-side-title", markup=False)
                        yield Static(self._shown(conflict, value), markup=False)
            with Horizontal(classes="merge-choice"):
                yield Button(self.sides.take_mine, id=f"mine-{index}", classes="merge-take")
                yield Button(self.sides.take_theirs, id=f"theirs-{index}", classes="merge-take")
                yield Label(S.MERGE_NOT_CHOSEN, id=f"chosen-{index}", markup=False)

    def on_mount(self) -> None:
        self.query_one("#mine-0", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button = event.button.id or ""
        if button == "merge-save":
            self.action_save()
        elif button == "merge-cancel":
            self.action_cancel()
        elif button in ("merge-all-mine", "merge-all-theirs"):
            self.action_all("mine" if button == "merge-all-mine" else "theirs")
        else:
            side, _, index = button.partition("-")
            self.choose(int(index), "mine" if side == "mine" else "theirs")

    def choose(self, index: int, side: Side) -> None:
        """The version kept for one field (a second press changes the choice)."""
        self.choices[self.result.conflicts[index].path] = side
        self.query_one(f"#chosen-{index}", Label).update(S.MERGE_CHOSEN[side])
        panel = self.query_one(f"#field-{index}")
        panel.set_class(side == "mine", "chosen-mine")
        panel.set_class(side == "theirs", "chosen-theirs")
        self.query_one("#merge-missing", Label).update("")

    def action_all(self, side: Side) -> None:
        for index in range(len(self.result.conflicts)):
            self.choose(index, side)

    def action_save(self) -> None:
        missing = len(self.result.conflicts) - len(self.choices)
        if missing:
            self.query_one("#merge-missing", Label).update(S.MERGE_MISSING.format(count=missing))
            return
        self.dismiss(dict(self.choices))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _shown(self, conflict: Conflict, value: Any) -> str:
        if conflict.kind == "ordre" and isinstance(value, list):
            return self._order(conflict, value)
        return shown(value)

    def _order(self, conflict: Conflict, anchors: list[Any]) -> str:
        """An order of blocks as the blocks' first words, one per line."""
        blocks: dict[str, Any] = {}
        for tree in (self.result.base, self.result.theirs, self.result.mine):
            items = value_at(tree, conflict.path)
            if isinstance(items, list):
                blocks.update({str(b.get("ancre")): b for b in items if isinstance(b, Mapping)})
        lines = [f"{n}. {shown(blocks.get(a, a))[:40]}" for n, a in enumerate(anchors, 1)]
        return "\n".join(lines)


def shown(value: Any) -> str:
    """A value as the user reads it: text as typed, a block by its text."""
    if value is ABSENT:
        return S.MERGE_DELETED
    if isinstance(value, Mapping):
        texts = [shown(v) for k, v in value.items() if k != "ancre" and not isinstance(v, bool)]
        return " · ".join(t for t in texts if t) or S.MERGE_EMPTY
    if isinstance(value, list):
        return "\n".join(f"• {shown(item)}" for item in value) or S.MERGE_EMPTY
    text = "" if value is None else str(value)
    if len(text) > SHOWN_CHARACTERS:
        text = text[: SHOWN_CHARACTERS - 1] + "…"
    return text or S.MERGE_EMPTY
