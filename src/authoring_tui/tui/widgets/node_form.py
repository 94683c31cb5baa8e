"""The form of one outline node: its header, its actions, and its fields.

The node's own node lists (a section's blocks and sub-sections) are not in the
form: they are its children in the outline; the form offers to add to them.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Label, Static

from ...core.validation import Issue
from .. import strings as S
from ..forms.builder import FormBuilder
from ..forms.nodes import items, properties
from ..forms.outline import MANAGED_KEYS, OutlineEntry
from ..forms.spec import FieldSpec, Path, field_spec, form_fields
from .fields import FieldBox, FieldCaption, GroupBox, ItemButton
from .item_actions import ItemActions


class NodeForm(Vertical):
    """Everything the user edits for the selected outline entry."""

    def __init__(
        self, entry: OutlineEntry, builder: FormBuilder, choice: FieldSpec | None, value: object
    ) -> None:
        super().__init__(id="node-form")
        self.entry = entry
        self.builder = builder
        self.choice = choice
        self.value = value
        self._body: list[Widget] = []
        """The fields and « Ajouter » buttons, in order."""
        self._errors: Static | None = None
        """The node's own errors (unknown fields…), mounted when it first has some."""
        self._shown: tuple[list[Issue], set[Path], bool] | None = None
        """What ``show_issues`` was last given."""

    def compose(self) -> ComposeResult:
        yield Label(self.entry.label, id="node-title", markup=False)
        if self.builder.editable and self.entry.path:
            yield ItemActions(self.entry.path, "node-")
        if self.choice is not None:
            chooser = self.builder.type_chooser(self.choice, self.value)
            if chooser is not None:
                yield FieldCaption(S.CHOOSE_TYPE)
                yield chooser
        skip = set(self.entry.node_lists) | (set(MANAGED_KEYS) if not self.entry.path else set())
        specs = form_fields(self.builder.schema, self.entry.node, self.value, self.entry.path, skip)
        self._body = self.builder.build(specs, within=(self.entry.node,))
        if self.builder.editable:
            self._body += self._add_buttons()
        yield from self._body

    def _add_buttons(self) -> list[Widget]:
        schema = self.builder.schema
        declared = properties(schema, self.entry.node)
        buttons: list[Widget] = []
        for name in self.entry.node_lists:
            spec = field_spec(schema, declared[name], (*self.entry.path, name), False, name)
            title = str(items(schema, spec.node).get("title", spec.title))
            buttons.append(
                ItemButton(S.ADD_ITEM.format(title=title), "node-add", spec.path, classes="add")
            )
        return buttons

    def boxes(self) -> dict[Path, FieldBox]:
        """Each data path's box (the innermost, should two share a path)."""
        boxes = (w for w in self.walk_children() if isinstance(w, FieldBox))
        return {box.spec.path: box for box in boxes}

    def show_issues(self, issues: list[Issue], touched: set[Path], show_all: bool) -> None:
        """Each issue beside its field, once the field was touched (all of them when
        ``show_all``). An issue whose field the form does not show (in a folded
        group, or in a group shown read-only) goes, with its French path, to the
        nearest group that holds it; one on the node itself, above the fields."""
        self._shown = (issues, touched, show_all)
        boxes = self.boxes()
        by_path: dict[Path, list[str]] = {}
        orphans: list[Issue] = []
        for issue in issues:
            if issue.path[: len(self.entry.path)] != self.entry.path:
                continue
            if issue.path in boxes:
                by_path.setdefault(issue.path, []).append(issue.message)
            elif (holder := self._holder(boxes, issue.path)) is not None:
                by_path.setdefault(holder, []).append(str(issue))
            elif issue.path[:-1] == self.entry.path or issue.path == self.entry.path:
                orphans.append(issue)
        for path, box in boxes.items():
            visible = show_all or any(path[: len(t)] == t for t in touched)
            box.show_errors(by_path.get(path, []) if visible else [])
        if not show_all and self.entry.path not in touched:
            # Unknown fields are shown at once: no field of the form can be touched for them.
            orphans = [o for o in orphans if o.keyword == "additionalProperties"]
        if orphans or self._errors is not None:
            errors = self.node_errors()
            errors.update("\n".join(str(o) for o in orphans))
            errors.display = bool(orphans)

    def _holder(self, boxes: dict[Path, FieldBox], path: Path) -> Path | None:
        """The path of the innermost box of the form that holds ``path``."""
        for length in range(len(path) - 1, len(self.entry.path), -1):
            if path[:length] in boxes:
                return path[:length]
        return None

    def on_group_box_unfolded(self, event: GroupBox.Unfolded) -> None:
        """A folded group made its fields: they show their errors as the others do."""
        if self._shown is not None:
            self.show_issues(*self._shown)

    def node_errors(self) -> Static:
        """The line of the node's own errors, above its fields."""
        if self._errors is None:
            self._errors = Static("", id="node-errors", classes="field-error", markup=False)
            self.mount(self._errors, before=next(iter(self._body), None))
        return self._errors

    def box_for(self, path: Path) -> FieldBox | None:
        """The box of ``path`` or of its nearest enclosing field."""
        boxes = self.boxes()
        for length in range(len(path), len(self.entry.path), -1):
            box = boxes.get(path[:length])
            if box is not None:
                return box
        return None
