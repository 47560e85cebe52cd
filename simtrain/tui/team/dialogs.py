"""The team terminal's two modal screens: confirm an answer, read an attached document.

Each is a ``ModalScreen`` that dismisses with its result, so the screen, the mouse and the tests
drive them the same way. Documents are shown with links inert: a link in an attachment must not
open another file of the scenario folder that was never delivered to the team.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Markdown, Static

from simtrain.i18n import Translator
from simtrain.tui.literal import plain
from simtrain.tui.localized import localize_bindings


class ConfirmAnswer(ModalScreen[bool]):
    """ "Send this as your team's answer?": a decision is final, so it is asked once more."""

    BINDINGS = [  # noqa: RUF012 - Textual's class-level convention
        Binding("escape", "cancel", "team.keys.close"),
    ]

    def __init__(self, t: Translator, question: Text) -> None:
        super().__init__()
        self.t = t
        self.question = question
        localize_bindings(self, t)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self.t("team.answer_title")), classes="dialog-title")
            yield Static(self.question, classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.t("team.confirm"), variant="primary", id="confirm")
                yield Button(self.t("team.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)


class DocumentScreen(ModalScreen[None]):
    """An attached document, rendered as Markdown, with its links inert."""

    BINDINGS = [  # noqa: RUF012 - Textual's class-level convention
        Binding("escape", "close", "team.keys.close"),
    ]

    def __init__(self, t: Translator, title: Text, markdown: str) -> None:
        super().__init__()
        self.t = t
        self.doc_title = title
        self.markdown = markdown
        localize_bindings(self, t)

    def compose(self) -> ComposeResult:
        with Vertical(classes="document"):
            yield Label(self.doc_title, classes="dialog-title")
            with VerticalScroll(classes="document-body"):
                yield Markdown(self.markdown, open_links=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.t("team.close"), id="close")

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
