"""Small modal dialogs: an error, a question, a choice in a list, a text to type.

Each returns its answer through ``dismiss``; callers pass a callback to
``push_screen``. Escape always means « Annuler ».
Titles, questions and choices often quote a chapter (its title, an error on a
value): all are shown as typed, never read as markup.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from .. import strings as S
from .base import DIALOGS_CSS


class ErrorModal(ModalScreen[None]):
    """A French error message, with the file and line when there is one."""

    CSS_PATH = DIALOGS_CSS

    BINDINGS = [Binding("escape,enter", "close", S.KEY_CLOSE, id="dialog.close")]

    def __init__(self, message: str) -> None:
        super().__init__(classes="dialog-screen")
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog error-dialog") as box:
            box.border_title = S.ERROR_TITLE
            with VerticalScroll(classes="dialog-body"):
                yield Static(self.message, markup=False, id="error-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(S.OK, id="ok", variant="error")

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    def on_button_pressed(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


class ConfirmModal(ModalScreen[str | None]):
    """A question with named answers; dismisses with the chosen answer's id."""

    CSS_PATH = DIALOGS_CSS

    BINDINGS = [
        Binding("escape", "cancel", S.CANCEL, id="dialog.cancel"),
        Binding("left", "focus_button(-1)", show=False),
        Binding("right", "focus_button(1)", show=False),
    ]

    def __init__(
        self,
        title: str,
        question: str,
        answers: list[tuple[str, str, str]],
        focus: str | None = None,
    ) -> None:
        """``answers``: (id, label, variant) in order; the first gets the focus, or
        the one named ``focus`` (the safe one: « Annuler » before a decision)."""
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.question = question
        self.answers = answers
        self.focus_id = focus

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = Text(self.title_text)
            with VerticalScroll(classes="dialog-body"):
                yield Static(self.question, markup=False, id="question")
            with Horizontal(classes="dialog-buttons"):
                for answer_id, label, variant in self.answers:
                    yield Button(label, id=answer_id, variant=variant)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        buttons = [b for b in self.query(Button) if b.id == self.focus_id]
        (buttons[0] if buttons else self.query(Button).first()).focus()

    def action_focus_button(self, delta: int) -> None:
        """←/→ go from button to button, as in any desktop dialog."""
        buttons = list(self.query(Button))
        if self.focused in buttons:
            index = buttons.index(self.focused)
            buttons[(index + delta) % len(buttons)].focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceModal(ModalScreen[Any]):
    """A list to choose from (block types, errors, what to add)."""

    CSS_PATH = DIALOGS_CSS

    BINDINGS = [Binding("escape", "cancel", S.CANCEL, id="dialog.cancel")]

    def __init__(
        self, title: str, choices: list[tuple[str, Any]], hint: str = "", empty: str = ""
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.choices = choices
        self.hint = hint
        self.empty = empty

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog choice-dialog") as box:
            box.border_title = Text(self.title_text)
            if self.choices:
                yield OptionList(
                    *[Option(Text(label), id=str(i)) for i, (label, _) in enumerate(self.choices)],
                    id="choices",
                )
            else:
                yield Label(self.empty, id="choices-empty", markup=False)
            if self.hint:
                yield Label(self.hint, classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        if self.choices:
            self.query_one("#choices", OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[int(event.option.id or 0)][1])

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextPromptModal(ModalScreen[str | None]):
    """A text to type (a proofreading comment); Ctrl+S or the button confirms."""

    CSS_PATH = DIALOGS_CSS

    BINDINGS = [
        Binding("escape", "cancel", S.CANCEL, id="dialog.cancel"),
        Binding("ctrl+s", "confirm", S.CONFIRM, id="dialog.confirm", priority=True),
    ]

    def __init__(self, title: str, placeholder: str = "", required: str = "") -> None:
        """``required``: the notice shown, the dialog staying open, when the text
        is confirmed empty (« À reprendre » needs its message)."""
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.placeholder = placeholder
        self.required = required

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog prompt-dialog") as box:
            box.border_title = Text(self.title_text)
            yield TextArea(
                soft_wrap=True, show_line_numbers=False, placeholder=self.placeholder, id="prompt"
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(S.CONFIRM, id="confirm", variant="primary")
                yield Button(S.CANCEL, id="cancel")

    def on_mount(self) -> None:
        self.query_one("#prompt", TextArea).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "confirm":
            self.action_confirm()
        else:
            self.dismiss(None)

    def action_confirm(self) -> None:
        text = self.query_one("#prompt", TextArea).text
        if self.required and not text.strip():
            self.notify(self.required, severity="warning", markup=False)
            self.query_one("#prompt", TextArea).focus()
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
