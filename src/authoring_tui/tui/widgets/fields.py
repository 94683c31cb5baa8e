"""The widgets a form is made of, each knowing the data path it edits.

The editor listens to their ordinary Textual messages (``Input.Changed``,
``TextArea.Changed``…) and reads ``spec`` from the widget to know where the value
goes; rows show their label, help and, once touched, their errors.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Select, Static, TextArea

from .. import strings as S
from ..forms.spec import FieldSpec, Path
from .item_actions import ItemActions


def made_compact(widget: Input | TextArea | Button) -> None:
    """Textual's compact look, given to a widget being made.

    ``compact=True`` in the constructor restyles the widget at once, and it is
    styled again when mounted: for a form of thirty fields, that is thirty
    stylesheet passes for nothing. Here the class is only recorded.
    """
    widget.set_reactive(type(widget).compact, True)
    widget.add_class("-textual-compact", update=False)


class FieldInput(Input):
    """A one-line input for text or numbers, compact.

    The chapter's validation checks what it holds: Textual's own validation is
    off, and with it the restyle it does when the input is made.
    """

    def __init__(self, spec: FieldSpec, value: str, **kwargs: Any) -> None:
        super().__init__(value=value, validate_on=(), **kwargs)
        made_compact(self)
        self.spec = spec


TEXT_ROWS = (3, 12)
"""Fewest and most rows of a long-text field; longer texts scroll inside it."""
WORD_SLACK = 6
"""Columns a soft-wrapped line leaves empty on average (it breaks between words)."""


def text_rows(text: str, width: int) -> int:
    """The rows ``text`` takes soft-wrapped at ``width`` columns, plus one to type on.

    A long-text field gets this height when it is made, not ``height: auto``:
    with ``auto`` Textual lays the whole form out again once the field has
    wrapped its text, which made opening a chapter a fifth slower.
    """
    width = max(width - WORD_SLACK, 10)
    wrapped = sum(max(1, -(-len(line) // width)) for line in text.split("\n"))
    low, high = TEXT_ROWS
    return min(high, max(low, wrapped + 1))


class FieldTextArea(TextArea):
    """Long text, soft-wrapped, compact, as many rows high as its text needs (up to 12)."""

    def __init__(self, spec: FieldSpec, value: str, width: int, **kwargs: Any) -> None:
        super().__init__(
            value, soft_wrap=True, show_line_numbers=False, tab_behavior="focus", **kwargs
        )
        made_compact(self)
        self.spec = spec
        self.styles.height = text_rows(value, width)


class FieldSelect(Select[Any]):
    """An enum, showing the French titles of its values."""

    def __init__(
        self, spec: FieldSpec, options: list[tuple[str, Any]], value: Any, **kwargs: Any
    ) -> None:
        super().__init__(options, value=value, prompt=S.CHOOSE, **kwargs)
        self.spec = spec


class FieldCheckbox(Checkbox):
    def __init__(self, spec: FieldSpec, value: bool, **kwargs: Any) -> None:
        super().__init__(spec.title, value, **kwargs)
        self.spec = spec


class ItemButton(Button):
    """A list action: ``add`` to a list, ``remove``/``up``/``down`` an item."""

    def __init__(self, label: str, list_action: str, path: Path, **kwargs: Any) -> None:
        super().__init__(label, **kwargs)
        made_compact(self)
        self.list_action = list_action  # not ``action``: Button runs that one itself
        self.path = path


class TypeSelect(Select[int]):
    """The chooser of an alternative (a block's type), by French titles."""

    def __init__(
        self, path: Path, options: list[tuple[str, int]], value: int, **kwargs: Any
    ) -> None:
        super().__init__(options, value=value, allow_blank=False, **kwargs)
        self.path = path


class FieldBox(Vertical):
    """Anything that shows errors for one data path: a row, a group, a list.

    Its error line is mounted the first time it has an error to show: most
    fields never have one, and every widget costs styling and layout when a
    form is opened.
    """

    def __init__(self, spec: FieldSpec, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.spec = spec
        self._error: Static | None = None

    def error_label(self) -> Static:
        """The box's error line (hidden while there is no error)."""
        if self._error is None:
            self._error = Static("", id=self.error_id, classes="field-error", markup=False)
            self._error.display = False
            before = self._error_before()
            if before is None:
                self.mount(self._error)
            else:
                self.mount(self._error, before=before)
        return self._error

    def _error_before(self) -> Widget | None:
        """The child the error line goes above (``None``: at the end)."""
        return None

    @property
    def error_id(self) -> str:
        return f"error-{self.id}"

    def show_errors(self, messages: list[str]) -> None:
        if messages or self._error is not None:
            label = self.error_label()
            label.update("\n".join(messages))
            label.display = bool(messages)
        self.set_class(bool(messages), "-invalid")

    def focus_target(self) -> Widget | None:
        """The widget to focus when the user jumps to this field: its first editable
        field, else its actions."""
        for selector in ("Input, TextArea, Select, Checkbox", "ItemActions, Button"):
            for widget in self.query(selector):
                if widget.focusable:
                    return widget
        return None


def label_text(spec: FieldSpec) -> str:
    return spec.title + (S.FIELD_REQUIRED_MARK if spec.required else "")


class FieldCaption(Widget):
    """A field's label, its help under it and, for a read-only field, its value.

    One widget for what were two or three: every widget of a form costs its
    styling, layout and drawing when the form opens. The help sits between the
    label and the field, where a hint is read before typing.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "field-caption--label",
        "field-caption--help",
        "field-caption--value",
    }

    def __init__(self, label: str, help_text: str = "", value: str | None = None) -> None:
        super().__init__(classes="field-caption")
        self.parts = [
            (part, f"field-caption--{kind}")
            for part, kind in ((label, "label"), (help_text, "help"), (value, "value"))
            if part
        ]

    def render(self) -> Text:
        text = Text()
        for index, (part, component) in enumerate(self.parts):
            if index:
                text.append("\n")
            text.append(part, style=self.get_component_rich_style(component))
        return text


class FieldRow(FieldBox):
    """Label and help, editing widget and error of one scalar field.

    ``captioned`` is false for a list item of simple values: the item's frame
    already bears its title.
    """

    def __init__(
        self, spec: FieldSpec, editor: Widget, row_id: str, captioned: bool = True
    ) -> None:
        super().__init__(spec, id=row_id, classes="field-row")
        self.editor = editor
        self.captioned = captioned

    def compose(self) -> ComposeResult:
        label = label_text(self.spec) if self.captioned else ""
        if isinstance(self.editor, Checkbox):
            label = ""  # the checkbox shows it
        if label or self.spec.description:
            yield FieldCaption(label, self.spec.description)
        yield self.editor


class GroupBox(FieldBox):
    """A nested object (or one item of a list), with a border and its fields."""

    def __init__(
        self,
        spec: FieldSpec,
        children: list[Widget],
        row_id: str,
        actions: ItemActions | None = None,
    ) -> None:
        super().__init__(spec, id=row_id, classes="field-group")
        self.border_title = self.spec.title
        self._box_children = children
        self._box_actions = actions

    def compose(self) -> ComposeResult:
        if self._box_actions is not None:
            yield self._box_actions
        elif self.spec.description:
            yield FieldCaption("", self.spec.description)
        yield from self._box_children

    def _error_before(self) -> Widget | None:
        return self._box_children[0] if self._box_children else None


class ListBox(FieldBox):
    """A list edited inline: its items, each with its actions, and « Ajouter »."""

    def __init__(
        self, spec: FieldSpec, items: list[Widget], row_id: str, add: Widget | None
    ) -> None:
        super().__init__(spec, id=row_id, classes="field-list")
        self._list_items = items
        self._add_button = add

    def compose(self) -> ComposeResult:
        yield FieldCaption(label_text(self.spec), self.spec.description)
        yield from self._list_items
        if self._add_button is not None:
            yield self._add_button

    def _error_before(self) -> Widget | None:
        return next(iter([*self._list_items, self._add_button]), None)


class ReadOnlyRow(FieldBox):
    """A value shown, not edited (``x-readonly``, or a field the form cannot edit)."""

    def __init__(self, spec: FieldSpec, text: str, row_id: str) -> None:
        super().__init__(spec, id=row_id, classes="field-row field-readonly")
        self._text = text

    def compose(self) -> ComposeResult:
        yield FieldCaption(label_text(self.spec), self.spec.description, self._text)
