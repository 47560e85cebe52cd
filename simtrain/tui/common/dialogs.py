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
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Footer, Label, Markdown, MarkdownViewer, Static

from simtrain.i18n import Translator
from simtrain.tui.common.table_widths import column_widths
from simtrain.tui.literal import markdown_parser, plain
from simtrain.tui.localized import localize_bindings, steady


def _literal(text: str | Text) -> Text:
    return text if isinstance(text, Text) else plain(text)


@dataclass(frozen=True)
class ConfirmWords:
    """Locale keys of a question's two buttons; the defaults are the console's OK and Cancel."""

    confirm: str = "dialog.ok"
    cancel: str = "dialog.cancel"
    enter_hint: str | None = None
    """A locale key with ``{button}``: a line under the buttons saying what Enter does now (the
    focused button's label), for a dialog shown without a footer."""


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
            if self.words.enter_hint is not None:
                yield Static(classes="dialog-hint", id="enter-hint")
        if self.footer:
            yield Footer()  # the dialog's own keys, not those of the screen behind it

    @on(events.Mount)
    def _focus_default(self) -> None:
        steady(self)
        self.query_one("#confirm" if self.default else "#cancel", Button).focus()

    @on(events.DescendantFocus)
    def _say_what_enter_does(self, event: events.DescendantFocus) -> None:
        """Whichever button has the focus, the hint names it: Enter never does a silent thing."""
        key = self.words.enter_hint
        if key is None or not isinstance(event.widget, Button):
            return
        label = str(event.widget.label)
        self.query_one("#enter-hint", Static).update(plain(self.t(key, button=label), "dim"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Without ``confirm_key``, ``ctrl+s`` neither answers nor shows in the footer."""
        return self.confirm_key or action != "confirm"

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)


MAX_DOCUMENT_BYTES = 256 * 1024
"""The largest document shown as Markdown: some fifty pages of text, far above any attachment a
scenario needs, and a bound on the widgets (and memory) a document costs."""


def _megabytes(size: int) -> str:
    megabytes = size / (1024 * 1024)
    return f"{megabytes:.1f}" if megabytes >= 1 else f"{megabytes:.2f}"


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
        Binding("escape,q", "close", "keys.close"),
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
            yield Static(plain(self.t("document.loading")), id="document-status")
            if self.viewer:
                yield close
            else:
                with Horizontal(classes="dialog-buttons"):
                    yield close
        if self.footer:
            yield Footer()

    def on_mount(self) -> None:
        self._measure()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _measure(self) -> None:
        """Off the UI thread: a document past :data:`MAX_DOCUMENT_BYTES` is not rendered (one
        widget a block: a 2 MB document took gigabytes and froze the screen). Textual parses
        the rest off the UI thread too and mounts it in batches, so ``q`` and ``esc`` answer
        while a long document appears."""
        size = len(self.markdown.encode("utf-8", errors="replace"))
        if size > MAX_DOCUMENT_BYTES:
            self.app.call_from_thread(self._too_large, size)
        else:
            self.app.call_from_thread(self._show)

    def _too_large(self, size: int) -> None:
        name = self.doc_title.plain
        words = self.t(
            "document.too_large",
            size=_megabytes(size),
            limit=_megabytes(MAX_DOCUMENT_BYTES),
            name=name,
        )
        self.query_one("#document-status", Static).update(plain(words))

    def _show(self) -> None:
        self.run_worker(self._fill(), group="document")

    async def _fill(self) -> None:
        """Mount the viewer, give it the text, then size its tables once they have a width."""
        status = self.query_one("#document-status", Static)
        if self.viewer:
            viewer = MarkdownViewer(
                show_table_of_contents=False, open_links=False, parser_factory=markdown_parser
            )
            body: Widget = viewer
        else:
            document = Markdown(open_links=False, parser_factory=markdown_parser)
            body = VerticalScroll(document, classes="document-body")
        await self.query_one(".document", Vertical).mount(body, after=status)
        await status.remove()
        await (viewer.document if self.viewer else document).update(self.markdown)
        self.call_after_refresh(self._size_tables)

    def on_resize(self) -> None:
        self.call_after_refresh(self._size_tables)

    def _size_tables(self) -> None:
        """Each table's columns as :func:`column_widths` reads its cells (their tooltips hold
        each cell's text), in place of Textual's, which squeezes the first columns."""
        for table in self.query("MarkdownTableContent"):
            cells = list(table.query(".header, .cell"))
            count = len(table.query(".header")) or 1
            texts = [str(cell.tooltip or "") for cell in cells]
            columns = [texts[k::count] for k in range(count)]
            room = table.content_region.width - 2  # the keyline's outer edges
            if room > 0:
                widths = column_widths(columns, room)
                table.styles.grid_columns = " ".join(str(w) for w in widths)

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
