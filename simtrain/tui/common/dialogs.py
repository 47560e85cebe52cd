"""The modal screens both apps show: an attached document, and a yes/no question.

They were written once per app and had begun to differ in small ways (which button has the focus,
whether ``ctrl+s`` answers). Here each exists once; an app chooses its words (locale keys) and the
few layout differences it wants, and the screen dismisses with its result, so the keyboard, the
mouse and the tests drive both apps' copies the same way.

Titles and questions given as ``str`` are shown literally (they often quote a scenario's text);
pass a :class:`rich.text.Text` to keep styles of your own.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Markdown, MarkdownViewer, Static

from simtrain.i18n import Translator
from simtrain.tui.literal import markdown_parser, plain
from simtrain.tui.localized import localize_bindings, steady


def _literal(text: str | Text) -> Text:
    return text if isinstance(text, Text) else plain(text)


@dataclass(frozen=True)
class ConfirmWords:
    """Locale keys of a question's two buttons; the defaults are the console's OK and Cancel."""

    confirm: str = "dialog.ok"
    cancel: str = "dialog.cancel"


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question for a step that cannot be taken back; dismisses True or False.

    ``default`` is the answer the focused button gives to Enter: True for a step the facilitator
    asked for (a new phase), False where a slip must cost nothing (a team's final answer).
    ``confirm_key`` adds ``ctrl+s`` as a second way to say yes, as in the console's other dialogs.
    """

    BINDINGS = [  # noqa: RUF012 - Textual's class-level convention
        Binding("escape", "cancel", "keys.cancel"),
        Binding("ctrl+s", "confirm", "keys.confirm"),
    ]

    def __init__(
        self,
        t: Translator,
        title: str | Text,
        question: str | Text,
        *,
        words: ConfirmWords | None = None,
        default: bool = True,
        confirm_key: bool = True,
        footer: bool = True,
    ) -> None:
        super().__init__()
        self.t = t
        self.dialog_title = _literal(title)
        self.question = _literal(question)
        self.words = words or ConfirmWords()
        self.default = default
        self.confirm_key = confirm_key
        self.footer = footer
        localize_bindings(self, t)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.dialog_title, classes="dialog-title")
            yield Static(self.question, classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.t(self.words.confirm), variant="primary", id="confirm")
                yield Button(self.t(self.words.cancel), id="cancel")
        if self.footer:
            yield Footer()  # the dialog's own keys, not those of the screen behind it

    @on(events.Mount)
    def _focus_default(self) -> None:
        steady(self)
        self.query_one("#confirm" if self.default else "#cancel", Button).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Without ``confirm_key``, ``ctrl+s`` neither answers nor shows in the footer."""
        return self.confirm_key or action != "confirm"

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)


class DocumentScreen(ModalScreen[None]):
    """An attached document, rendered as Markdown, in the language the content is shown in.

    Two layouts, one per need:
    - ``viewer=True``: Textual's ``MarkdownViewer`` with the close button under it (the console,
      where the control cell reads its own scenario folder);
    - ``viewer=False``: the document in a scroll box with the close button in a button row, and
      every link inert (the team terminal: a link must not open a file of the scenario folder
      that was never delivered to the team).
    """

    BINDINGS = [  # noqa: RUF012 - Textual's class-level convention
        Binding("escape", "close", "keys.close"),
    ]

    def __init__(
        self,
        t: Translator,
        title: str | Text,
        markdown: str,
        *,
        close: str = "dialog.close",
        viewer: bool = True,
        footer: bool = True,
    ) -> None:
        super().__init__()
        self.t = t
        self.doc_title = _literal(title)
        self.markdown = markdown
        self.close_label = close
        self.viewer = viewer
        self.footer = footer
        localize_bindings(self, t)

    def compose(self) -> ComposeResult:
        close = Button(self.t(self.close_label), id="close")
        with Vertical(classes="document"):
            yield Label(self.doc_title, classes="dialog-title")
            if self.viewer:
                yield MarkdownViewer(
                    self.markdown,
                    show_table_of_contents=False,
                    open_links=False,
                    parser_factory=markdown_parser,
                )
                yield close
            else:
                with VerticalScroll(classes="document-body"):
                    yield Markdown(
                        self.markdown, open_links=False, parser_factory=markdown_parser
                    )
                with Horizontal(classes="dialog-buttons"):
                    yield close
        if self.footer:
            yield Footer()

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
