"""A team's reports, whole and newest first: Enter on a team in the teams panel (trial M8).

The teams panel can show only the start of a team's last report; the control cell needs to read
what a team actually said. Each report is shown literally (no Markdown, no markup): it is a
trainee's text, and a ``#`` or a bracket in it means what it says.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Static

from simtrain.i18n import Translator
from simtrain.tui.console.report_views import TeamReports
from simtrain.tui.literal import plain
from simtrain.tui.localized import localize_bindings


class TeamReportsScreen(ModalScreen[None]):
    """Every report of one team, newest first, each under its time and the seat that sent it."""

    BINDINGS = [Binding("escape,q", "close", "keys.close")]  # noqa: RUF012

    def __init__(self, t: Translator, view: TeamReports) -> None:
        super().__init__()
        self.t = t
        self.view = view
        localize_bindings(self, t)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog team-reports"):
            yield Label(plain(self.view.title), classes="dialog-title")
            with VerticalScroll(id="reports"):
                if not self.view.entries:
                    yield Static(plain(self.view.empty), classes="report-empty")
                for heading, text in self.view.entries:
                    yield Label(plain(heading, "bold"), classes="report-heading")
                    yield Static(plain(text), classes="report-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.t("dialog.close"), variant="primary", id="close")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#reports", VerticalScroll).focus()

    def on_button_pressed(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
