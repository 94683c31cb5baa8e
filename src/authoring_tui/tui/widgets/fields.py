"""The widgets a form is made of, each knowing the data path it edits.

The editor listens to their ordinary Textual messages (``Input.Changed``,
``TextArea.Changed``…) and reads ``spec`` from the widget to know where the value
goes; rows show their label, help and, once touched, their errors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
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
        # Focus leaves the text as it is, cursor at the end: selecting it all
        # (Textual's default) let the next key replace « V/3 » by accident.
        super().__init__(value=value, validate_on=(), select_on_focus=False, **kwargs)
        made_compact(self)
        self.spec = spec


TEXT_ROWS = (3, 12)
"""Fewest and most rows of a long-text field; longer texts scroll inside it."""
TEXT_AREA_FRAME = 3
"""Columns of a compact text area that text never takes: its padding, then the
cursor's column at the end of a line."""
SCROLLBAR_COLUMNS = 2
"""Columns of a text area's vertical scrollbar, once its text is too long to show."""


class FieldTextArea(TextArea):
    """Long text, soft-wrapped, compact, as many rows high as its text needs (up to 12).

    ``width`` is the columns the field will get. The text is wrapped at that
    width when the field is made, and the field takes the height it needs then,
    not ``height: auto``. Had the text been wrapped only once the field was laid
    out, its new height would make Textual lay the whole form out again: a
    fifth of a chapter's opening, measured.
    """

    def __init__(self, spec: FieldSpec, value: str, width: int, **kwargs: Any) -> None:
        super().__init__(
            value, soft_wrap=True, show_line_numbers=False, tab_behavior="focus", **kwargs
        )
        made_compact(self)
        self.spec = spec
        low, high = TEXT_ROWS
        rows = self._wrap(width - TEXT_AREA_FRAME)
        if rows + 1 > high:  # it will scroll: its scrollbar takes columns from the text
            rows = self._wrap(width - TEXT_AREA_FRAME - SCROLLBAR_COLUMNS)
        self.styles.height = min(high, max(low, rows + 1))
        self.virtual_size = Size(0, rows)

    def _wrap(self, columns: int) -> int:
        self.wrapped_document.wrap(max(columns, 1), tab_width=self.indent_width)
        return self.wrapped_document.height


def as_typed(options: list[tuple[str, Any]]) -> list[tuple[Content, Any]]:
    """Select options whose titles (the schema's) show as written, never as markup."""
    return [(Content(title), value) for title, value in options]


class FieldSelect(Select[Any]):
    """An enum, showing the French titles of its values."""

    def __init__(
        self, spec: FieldSpec, options: list[tuple[str, Any]], value: Any, **kwargs: Any
    ) -> None:
        super().__init__(as_typed(options), value=value, prompt=S.CHOOSE, **kwargs)
        self.spec = spec


class FieldCheckbox(Checkbox):
    def __init__(self, spec: FieldSpec, value: bool, **kwargs: Any) -> None:
        super().__init__(Content(spec.title), value, **kwargs)
        self.spec = spec


class ItemButton(Button):
    """A list action: ``add`` to a list, ``remove``/``up``/``down`` an item."""

    def __init__(self, label: str, list_action: str, path: Path, **kwargs: Any) -> None:
        super().__init__(Content(label), **kwargs)
        made_compact(self)
        self.list_action = list_action  # not ``action``: Button runs that one itself
        self.path = path


class TypeSelect(Select[int]):
    """The chooser of an alternative (a block's type), by French titles."""

    def __init__(
        self, path: Path, options: list[tuple[str, int]], value: int, **kwargs: Any
    ) -> None:
        super().__init__(as_typed(options), value=value, allow_blank=False, **kwargs)
        self.path = path


class FieldBox(Widget):
    """Anything that shows errors for one data path: a field's caption, a group, a list.

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
            self._error = Static("", id=f"error-{self.id}", classes="field-error", markup=False)
            self._error.display = False
            self._mount_error(self._error)
        return self._error

    def _mount_error(self, error: Static) -> None:
        """Put the error line where it belongs (a container: at its end)."""
        self.mount(error)

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
    label and the field, where a hint is read before typing. The label's style
    is a theme variable, not a component class: each of those costs a
    stylesheet pass when the widget is styled.
    """

    LABEL_STYLE = "bold $foreground"
    """The label's style; the help and the value take the caption's own colour."""

    def __init__(
        self, label: str, help_text: str = "", value: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.add_class("field-caption", update=False)
        self.parts = [
            Content.styled(label, self.LABEL_STYLE) if index == 0 else Content(part)
            for index, part in enumerate((label, help_text, value or ""))
            if part
        ]

    def render(self) -> Content:
        return Content("\n").join(self.parts)


class FieldRow(FieldCaption, FieldBox):
    """One scalar field's caption, and the box that shows its errors.

    The field's editing widget is not inside it: it follows the row in the form,
    and the error line follows that widget. A row is two widgets instead of a
    container and its two children; each widget costs when a form opens.
    """

    def __init__(self, spec: FieldSpec, editor: Widget, row_id: str) -> None:
        label = "" if isinstance(editor, Checkbox) else label_text(spec)  # a checkbox shows it
        super().__init__(label, spec.description, spec=spec, id=row_id)
        self.add_class("field-row", update=False)
        self.editor = editor
        editor.add_class("field-editor", update=False)
        self.display = bool(self.parts)

    def _mount_error(self, error: Static) -> None:
        assert isinstance(self.parent, Widget)
        error.add_class("field-row-error", update=False)
        self.parent.mount(error, after=self.editor)

    def show_errors(self, messages: list[str]) -> None:
        super().show_errors(messages)
        self.editor.set_class(bool(messages), "-invalid")

    def focus_target(self) -> Widget | None:
        return self.editor if self.editor.focusable else None


class GroupBox(Vertical, FieldBox):
    """A nested object (or one item of a list), with a border and its fields.

    Given ``unfold`` instead of children, it is folded: it shows a « Déplier »
    button, and its fields are made (by ``unfold``) only when the user presses it.
    A schema that holds itself (a tree) is thus built one level at a time.
    """

    class Unfolded(Message):
        """A folded group made its fields: they have errors to show."""

    def __init__(
        self,
        spec: FieldSpec,
        children: list[Widget],
        row_id: str,
        actions: ItemActions | None = None,
        unfold: Callable[[], list[Widget]] | None = None,
    ) -> None:
        super().__init__(spec=spec, id=row_id, classes="field-group")
        self.border_title = Content(self.spec.title)
        self._box_children = children
        self._box_actions = actions
        self._unfold = unfold
        self._unfold_button: Button | None = None
        if unfold is not None:
            self._unfold_button = Button(S.UNFOLD, classes="unfold")
            made_compact(self._unfold_button)

    @property
    def folded(self) -> bool:
        return self._unfold is not None

    def compose(self) -> ComposeResult:
        if self._box_actions is not None:
            yield self._box_actions
        elif self.spec.description:
            yield FieldCaption("", self.spec.description)
        if self._unfold_button is not None:
            yield self._unfold_button
        yield from self._box_children

    async def unfold(self) -> None:
        """Make and show the group's fields (once)."""
        if self._unfold is None:
            return
        build, self._unfold = self._unfold, None
        self._box_children = build()
        button, self._unfold_button = self._unfold_button, None
        await self.mount_all(self._box_children, after=button)
        if button is not None:
            focused = button.has_focus
            await button.remove()
            target = self.focus_target() if focused else None
            if target is not None:  # the focus stays in the group, on its first field
                target.focus()
        self.post_message(self.Unfolded())

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button is self._unfold_button:
            event.stop()
            await self.unfold()

    def _mount_error(self, error: Static) -> None:
        self.mount(error, before=next(iter([*self._box_children, self._unfold_button]), None))


@dataclass(frozen=True)
class ListPages:
    """How a long list is made a page at a time: ``page(start)`` makes the items
    from ``start``; ``shown`` of ``total`` are made at first."""

    page: Callable[[int], list[Widget]]
    shown: int
    total: int


class ListBox(Vertical, FieldBox):
    """A list edited inline: its items, each with its actions, and « Ajouter ».

    A long list shows its first page and a « Afficher la suite » button that makes
    the next page only when pressed.
    """

    def __init__(
        self,
        spec: FieldSpec,
        items: list[Widget],
        row_id: str,
        add: Widget | None,
        pages: ListPages | None = None,
    ) -> None:
        super().__init__(spec=spec, id=row_id, classes="field-list")
        self._list_items = items
        self._add_button = add
        self._pages = pages
        self._shown = pages.shown if pages is not None else len(items)
        self._more_button: Button | None = None
        if pages is not None and pages.shown < pages.total:
            self._more_button = Button(self._more_label(), classes="more-items")
            made_compact(self._more_button)

    def _more_label(self) -> str:
        total = self._pages.total if self._pages is not None else self._shown
        return S.MORE_ITEMS.format(shown=self._shown, total=total)

    def compose(self) -> ComposeResult:
        yield FieldCaption(label_text(self.spec), self.spec.description)
        yield from self._list_items
        if self._more_button is not None:
            yield self._more_button
        if self._add_button is not None:
            yield self._add_button

    async def show_more(self) -> None:
        """Make and mount the next page of items."""
        if self._pages is None or self._more_button is None:
            return
        made = self._pages.page(self._shown)
        self._list_items.extend(made)
        self._shown += len(made)
        await self.mount_all(made, before=self._more_button)
        if self._shown >= self._pages.total:
            button, self._more_button = self._more_button, None
            await button.remove()
        else:
            self._more_button.label = self._more_label()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button is self._more_button:
            event.stop()
            await self.show_more()

    def _mount_error(self, error: Static) -> None:
        self.mount(error, before=next(iter([*self._list_items, self._add_button]), None))


class ReadOnlyRow(FieldCaption, FieldBox):
    """A value shown, not edited: ``readOnly`` (or ``x-readonly``) in the schema, or
    a field the form cannot edit, then with the reason why."""

    def __init__(self, spec: FieldSpec, text: str, reason: str, row_id: str) -> None:
        value = text or S.EMPTY_VALUE
        if reason:
            value += "\n" + S.READ_ONLY_BECAUSE.format(reason=reason)
        super().__init__(label_text(spec), spec.description, value, spec=spec, id=row_id)
        self.add_class("field-row", "field-readonly", update=False)
        self.reason = reason

    def _mount_error(self, error: Static) -> None:
        assert isinstance(self.parent, Widget)
        error.add_class("field-row-error", update=False)
        self.parent.mount(error, after=self)

    def focus_target(self) -> Widget | None:
        return None
