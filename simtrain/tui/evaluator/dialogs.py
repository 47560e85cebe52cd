"""The evaluator's two dialogs: a rating (when the team acted, a note) and an observation.

Each dialog is handed a ``submit`` function that writes through the seat and returns None, or
the one line saying why it did not: the dialog closes only once the write succeeded, so a typed
note is never lost to a refused or failed write. Enter in a field confirms; Esc cancels.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Select, Static, TextArea

from simtrain.i18n import Translator
from simtrain.tui.literal import plain
from simtrain.tui.localized import localize_bindings, steady

Submit = Callable[..., str | None]
"""Writes what the dialog holds; None once written, else the reason it was not."""


class RateScreen(ModalScreen[bool]):
    """Rate one action with the letter already chosen: when the team acted, a note, confirm."""

    BINDINGS = [  # noqa: RUF012 - Textual's class-level convention
        Binding("escape", "cancel", "evaluator.keys.cancel"),
        Binding("ctrl+s", "confirm", "evaluator.keys.confirm"),
    ]

    def __init__(
        self,
        t: Translator,
        title: Text,
        about: Text,
        preview: Callable[[str], str],
        submit: Submit,
    ) -> None:
        super().__init__()
        self.t = t
        self.dialog_title = title
        self.about = about
        self.preview = preview
        self.submit = submit
        localize_bindings(self, t)

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(classes="dialog", id="rate-dialog"):
            yield Label(self.dialog_title, classes="dialog-title")
            yield Static(self.about, id="rate-about")
            yield Static(plain(t("scores.acted_at.label")))  # long: it wraps, never cut
            yield Input(placeholder=t("scores.acted_at.placeholder"), id="acted-at")
            yield Static(id="acted-preview", classes="dim")
            yield Label(t("evaluator.rate_note"))
            yield Input(placeholder=t("evaluator.rate_note_placeholder"), id="rate-note")
            yield Static(id="rate-error", classes="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("evaluator.rate_confirm"), variant="primary", id="confirm")
                yield Button(t("evaluator.cancel"), id="cancel")
            yield Static(plain(t("evaluator.rate_hint"), "dim"), classes="dialog-hint")
        yield Footer()

    def on_mount(self) -> None:
        steady(self)
        self._preview()
        self.query_one("#acted-at", Input).focus()

    @on(Input.Changed, "#acted-at")
    def _preview(self) -> None:
        text = self.query_one("#acted-at", Input).value
        self.query_one("#acted-preview", Static).update(plain(self.preview(text), "dim"))

    @on(Input.Submitted)
    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        acted = self.query_one("#acted-at", Input).value
        note = self.query_one("#rate-note", Input).value
        error = self.submit(acted_at=acted, note=note)
        if error is None:
            self.dismiss(True)
        else:
            self.query_one("#rate-error", Static).update(plain(error))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)


class NoteScreen(ModalScreen[bool]):
    """An observation, tied if wanted to a team, an objective or an expected action."""

    BINDINGS = [  # noqa: RUF012 - Textual's class-level convention
        Binding("escape", "cancel", "evaluator.keys.cancel"),
        Binding("ctrl+s", "confirm", "evaluator.keys.save"),
    ]

    def __init__(
        self,
        t: Translator,
        ties: Sequence[tuple[str, str]],
        tied: str,
        submit: Submit,
    ) -> None:
        """``ties`` are (label, value) of what the note can be tied to; ``tied`` the default."""
        super().__init__()
        self.t = t
        self.ties = list(ties)
        self.tied = tied
        self.submit = submit
        localize_bindings(self, t)

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(classes="dialog", id="note-dialog"):
            yield Label(t("evaluator.note_title"), classes="dialog-title")
            yield Label(t("evaluator.note_tie"))
            options = [(plain(label), value) for label, value in self.ties]
            yield Select[str](options, value=self.tied, allow_blank=False, id="note-tie")
            yield Label(t("evaluator.note_label"))
            yield TextArea(id="note-text")
            yield Static(id="note-error", classes="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("evaluator.note_save"), variant="primary", id="confirm")
                yield Button(t("evaluator.cancel"), id="cancel")
            yield Static(plain(t("evaluator.note_hint"), "dim"), classes="dialog-hint")
        yield Footer()

    def on_mount(self) -> None:
        steady(self)
        self.query_one("#note-text", TextArea).focus()

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        tie = self.query_one("#note-tie", Select).value
        text = self.query_one("#note-text", TextArea).text
        error = self.submit(text=text, tie=tie if isinstance(tie, str) else "")
        if error is None:
            self.dismiss(True)
        else:
            self.query_one("#note-error", Static).update(plain(error))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
