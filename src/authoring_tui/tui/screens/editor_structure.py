"""The editor's structural edits: add, remove, move items, change a block's type;
undo and redo; earlier versions (F9).

Kept apart from ``editor`` so each file stays readable. Outline nodes (sections,
blocks) and inline list items (key figures, list elements) go through the same
session operations; after an outline change the tree is rebuilt, after an inline
one only the node's form is. An undo may change anything: both are rebuilt.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.widgets import Button, TextArea

from ...core.completeness import is_empty
from ...core.errors import AuthoringError
from .. import strings as S
from ..forms.nodes import properties
from ..forms.spec import (
    Kind,
    Path,
    change_variant,
    field_kind,
    is_hidden,
    node_at,
    object_node,
    skeleton,
    variant_title,
)
from ..widgets.fields import FieldBox, ItemButton
from ..widgets.item_actions import ItemActions
from ..widgets.node_form import NodeForm
from ..widgets.outline_tree import OutlineTree
from ..widgets.table_grid import GridBox
from ..wording import agreed
from .base import authoring_app
from .dialogs import ChoiceModal, ConfirmModal
from .editor_base import EditorBase


class StructureActions(EditorBase):
    """Adding, moving, removing and retyping the chapter's items."""

    # Plain handler names: the editor screen's own ``@on`` handlers come first.

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if isinstance(event.button, ItemButton):
            event.stop()
            await self.list_action(event.button.list_action, event.button.path)

    async def on_item_actions_chosen(self, event: ItemActions.Chosen) -> None:
        event.stop()
        await self.list_action(event.list_action, event.path)

    async def list_action(self, action: str, path: Path) -> None:
        """``add`` to a list, ``remove``, ``up`` or ``down`` an item (``node-``: in the outline)."""
        if action == "add":
            self.new_item(path, lambda value: self.insert_item(path, None, value, inline=True))
        elif action == "node-add":
            self.new_item(path, lambda value: self.insert_item(path, None, value, inline=False))
        elif action in ("remove", "node-remove"):
            self.remove_entry(path, inline=action == "remove")
        elif action in ("up", "down", "node-up", "node-down"):
            delta = -1 if action.endswith("up") else 1
            await self.move_item(path, delta, inline=not action.startswith("node"))

    # Adding

    def action_add(self) -> None:
        """F6: add to one of the selected node's lists, or after it in its own list."""
        if not self.session.editable or self.current is None:
            return
        entry = self.current
        schema = self.session.schema
        options: list[tuple[str, tuple[Path, int | None]]] = []
        properties = schema.properties(entry.node)
        for name in entry.node_lists:
            title = str(schema.items(properties[name]).get("title", name))
            label = S.ADD_WHERE_CHILD.format(list=title, parent=entry.label)
            options.append((label, ((*entry.path, name), None)))
        if entry.path and isinstance(entry.path[-1], int):
            array = node_at(schema, self.session.data, entry.path[:-1])
            title = str(schema.items(array).get("title", ""))
            label = S.ADD_WHERE_SIBLING.format(list=title, item=entry.label)
            options.append((label, (entry.path[:-1], entry.path[-1] + 1)))
        if not options:
            self.app.notify(S.NOTHING_TO_ADD)
        elif len(options) == 1:
            self._add_at(options[0][1])
        else:
            self.app.push_screen(ChoiceModal(S.ADD_WHAT, options), self._add_at)

    def _add_at(self, where: tuple[Path, int | None] | None) -> None:
        if where is not None:
            array_path, index = where
            self.new_item(
                array_path, lambda value: self.insert_item(array_path, index, value, False)
            )

    def new_item(self, array_path: Path, then: Callable[[Any], Awaitable[None]]) -> None:
        """Make an empty item for a list, asking which alternative when there is a choice."""
        schema = self.session.schema
        item = schema.items(node_at(schema, self.session.data, array_path))
        if field_kind(schema, item) is not Kind.CHOICE:
            self.app.call_next(then, skeleton(schema, item))
            return
        choices = [(variant_title(schema, v), v) for v in schema.variants(item)]

        async def chosen(variant: Any) -> None:
            if variant is not None:
                await then(skeleton(schema, variant))

        title = str(item.get("title", ""))
        self.app.push_screen(ChoiceModal(S.CHOOSE_BLOCK_TYPE.format(title=title), choices), chosen)

    async def insert_item(
        self, array_path: Path, index: int | None, value: Any, inline: bool
    ) -> None:
        items = self.session.get(array_path)
        size = len(items) if isinstance(items, list) else 0
        at = size if index is None else index
        path = self.session.insert_item(array_path, at, value)
        await self.structure_changed(path, inline)
        if not inline and self.current is not None:
            self.app.notify(agreed(S.ADDED, self.current.label), markup=False)

    # Removing and moving

    def focused_item(self) -> Path | None:
        """The innermost list item of the form that holds the focused field (a
        list's element, a key figure), when it is inside the outline's node: the
        keys that move and remove act on it, as the item's bar does."""
        if self.current is None:
            return None
        box = (
            next((w for w in self.app.focused.ancestors_with_self if isinstance(w, FieldBox)), None)
            if self.app.focused is not None
            else None
        )
        if box is None:
            return None
        path = box.spec.path
        depth = len(self.current.path)
        inner = [k for k in range(len(path), depth, -1) if isinstance(path[k - 1], int)]
        return path[: inner[0]] if inner else None

    def action_remove(self) -> None:
        if not self.session.editable or self.current is None:
            return
        item = self.focused_item()
        if item is not None:
            self.remove_entry(item, inline=True)
            return
        if not self.current.path:
            self.app.notify(S.CANNOT_REMOVE_ROOT, severity="warning")
            return
        self.remove_entry(self.current.path, inline=False)

    def remove_entry(self, path: Path, inline: bool) -> None:
        """Remove an item, asking first when it holds anything."""
        label = self.entry_for(path).label if not inline else self.item_title(path)

        async def confirmed(answer: str | None = "yes") -> None:
            if answer != "yes":
                return
            self.session.remove_item(path)
            index = path[-1]
            remaining = self.session.get(path[:-1]) or []
            if isinstance(index, int) and remaining:
                following = (*path[:-1], min(index, len(remaining) - 1))
            else:
                following = path[:-2] if not inline else path[:-1]
            await self.structure_changed(following if not inline else path[:-1], inline)
            self.app.notify(agreed(S.REMOVED, label), markup=False)

        if is_empty(self._content(path)):
            self.app.call_next(confirmed)
            return
        self.app.push_screen(
            ConfirmModal(
                S.KEY_REMOVE,
                S.CONFIRM_REMOVE.format(label=label),
                [("yes", S.REMOVE_ITEM, "error"), ("no", S.CANCEL, "default")],
                focus="no",
            ),
            confirmed,
        )

    def _content(self, path: Path) -> Any:
        """The item without its constants and what the tool wrote (its anchor): a
        new, empty block is removed without asking."""
        value = self.session.get(path)
        if isinstance(value, dict):
            schema = self.session.schema
            fields = properties(
                schema, object_node(schema, node_at(schema, self.session.data, path), value)
            )
            return {
                k: v
                for k, v in value.items()
                if not is_hidden(fields.get(k, {}))
                and (isinstance(v, list | dict) or (isinstance(v, str) and v.strip()))
                and k != "type"
            }
        return value

    def item_title(self, path: Path) -> str:
        schema = self.session.schema
        item = schema.items(node_at(schema, self.session.data, path[:-1]))
        return f"{item.get('title', '')} {int(path[-1]) + 1}".strip()

    async def action_move(self, delta: int) -> None:
        item = self.focused_item() if self.session.editable else None
        if item is not None:
            await self.move_item(item, delta, inline=True)
            return
        if self.session.editable and self.current is not None and self.current.path:
            outline = self.query_one(OutlineTree)
            from_outline = outline.has_focus
            await self.move_item(self.current.path, delta, inline=False)
            if from_outline:  # the next Ctrl+↑/↓ or arrow still acts on the outline
                outline.focus()

    async def move_item(self, path: Path, delta: int, inline: bool) -> None:
        new_path = self.session.move_item(path, delta)
        if new_path == path:
            return
        await self.structure_changed(new_path, inline)
        # Inline, the moved item's first field has the focus (``structure_changed``):
        # the next Ctrl+↑/↓ moves it further the same way.

    # Changing an alternative

    async def change_type(self, path: Path, index: int) -> None:
        self.session.ensure_round_trip()  # the kept fields keep their round-trip form
        schema = self.session.schema
        choice = node_at(schema, self.session.data, path)
        target = schema.variants(choice)[index]
        instance = self.session.get(path)
        current = schema.variant_for(choice, instance)
        if current is target or current == target or not isinstance(instance, dict):
            return
        change = change_variant(schema, choice, instance, target)
        title = variant_title(schema, target)
        kept = ", ".join(change.kept) or S.NONE
        dropped = ", ".join(change.dropped) or S.NONE

        async def apply(answer: str | None = "yes") -> None:
            if answer != "yes":
                await self.structure_changed(path, inline=True)  # puts the old type back
                return
            self.session.replace(path, change.value)
            await self.structure_changed(path, inline=False)
            self.app.notify(
                S.TYPE_CHANGED.format(title=title, kept=kept, dropped=dropped),
                timeout=8,
                markup=False,
            )

        if not change.loses_text:
            await apply()
            return
        self.app.push_screen(
            ConfirmModal(
                S.CHOOSE_TYPE,
                S.CONFIRM_TYPE_CHANGE.format(title=title, kept=kept, dropped=dropped),
                [("yes", S.CONFIRM, "warning"), ("no", S.CANCEL, "default")],
                focus="no",
            ),
            apply,
        )

    # After any structural change

    async def structure_changed(self, path: Path, inline: bool) -> None:
        """Redraw what the change touched and focus the field at ``path``."""
        if inline and self.current is not None:
            await self.show_path(self.current.path, refresh=True)
        else:
            self.rebuild_outline()
            await self.show_path(path, refresh=True)
        self.after_edit(path, True)
        form = self.query_one("#node-form", NodeForm)
        box = form.box_for(path) if inline else None
        target = box.focus_target() if box is not None else None
        if target is not None:
            target.focus()
            self.call_after_refresh(target.scroll_visible, animate=False)
        elif not inline:
            self.focus_first_field()

    # Undo and redo (``ChapterSession.undo``, ``core/undo.py``)

    async def action_undo(self) -> None:
        await self._step(self.session.undo, S.NOTHING_TO_UNDO)

    async def action_redo(self) -> None:
        await self._step(self.session.redo, S.NOTHING_TO_REDO)

    async def _step(self, step: Callable[[], Path | None], nothing: str) -> None:
        if not self.session.editable:
            return
        await self.flush_typing()
        focus = step()
        if focus is None:
            self.app.notify(nothing)
            return
        self.retire_fields()
        await self.show_change(focus)

    async def show_change(self, path: Path) -> None:
        """The outline and the form as the chapter now is, with the field or the
        block that changed in view and focused.

        The focus moves at once (``set_focus``), never later (``focus`` waits
        behind the keys already typed): the keys a fast typist sends right after
        Ctrl+Z wait in the app's queue, and go to the field put back.
        """
        self.set_focus(self.query_one(OutlineTree))  # the old form's fields go
        self.rebuild_outline()
        form = await self.show_path(path, refresh=True)
        self.after_edit(path, True)
        box = form.box_for(path) if len(path) > len(form.entry.path) else None
        target = box.focus_target() if box is not None else None
        if target is None:
            target = next(filter(None, (b.focus_target() for b in form.boxes().values())), None)
        if target is None:
            return
        self.set_focus(target, scroll_visible=False)
        if isinstance(target, TextArea) and box is not None:
            target.move_cursor(target.document.end)
        if isinstance(box, GridBox):
            box.show_cell(path)  # the table's cell that changed
        self.call_after_refresh(target.scroll_visible, animate=False)  # once laid out

    # Earlier versions (F9)

    async def action_versions(self) -> None:
        from .history import HistoryScreen

        await self.flush_typing()
        self.app.push_screen(HistoryScreen(self.session), self.restore_version)

    async def restore_version(self, number: int | None) -> None:
        """Restore a version the history screen chose (confirmed there), then save it
        as any save: conflicts, full disk, roles answer as they do for Ctrl+S."""
        if number is None:
            return
        try:
            kept = self.session.restore_version(number)
        except AuthoringError as error:
            authoring_app(self).show_error(error)
            return
        self.retire_fields()
        await self.show_change(())
        self.action_save()
        if not self.session.dirty:
            done = S.RESTORED_KEPT if kept else S.RESTORED
            self.app.notify(done.format(number=number), timeout=8)
