"""The report screen: scores per team and objective, the numbers the debrief starts from.

Its numbers come from ``Session.scores()`` through :func:`views.report_view`, the same scores the
after-action report is built on, each cell a :func:`score_text` arrangement as in the teams panel;
``e`` writes that report (HTML and Markdown) next to the session file in a worker thread, so a live
console keeps ticking while it is written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Static

from simtrain.i18n import Translator
from simtrain.live.score_text import ScoreText
from simtrain.textfit import cut
from simtrain.tui.console.report_views import ReportRow, ReportView
from simtrain.tui.literal import plain
from simtrain.tui.localized import localize_bindings

Export = Callable[[], tuple[Path, Path]]
"""Writes the report files and returns their paths; raises OSError when it cannot."""


def score_cell(score: ScoreText | None) -> Text:
    """``73% (3/4)``; dim while there is no number to show (nothing at stake, or not rated)."""
    if score is None:
        return Text("·", style="dim")
    return Text(score.with_progress(), style="" if score.scored else "dim")


class ReportScreen(Screen[None]):
    """Objectives down, teams across; each cell the team's score on that objective."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape,t,q", "back", "keys.back"),
        Binding("e", "export", "keys.export"),
    ]

    def __init__(self, t: Translator, view: ReportView, export: Export) -> None:
        super().__init__()
        self.t = t
        self.view = view
        self.export = export
        localize_bindings(self, t)

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="report"):
            yield Label(t("report_screen.title"), classes="dialog-title")
            yield Static(plain(self.view.summary), id="report-summary")
            yield DataTable[Text](id="report-objectives", cursor_type="row", zebra_stripes=True)
            yield Static("", id="report-objective-full")
            yield Label(t("report_screen.by_role"), classes="section")
            yield DataTable[Text](id="report-roles", cursor_type="row", zebra_stripes=True)
            if self.view.disagreements:
                yield Label(t("scores.disputed_heading"), classes="section")
                yield Static(plain("\n".join(self.view.disagreements)), id="report-disputed")
        yield Footer()

    @property
    def objectives_table(self) -> DataTable[Text]:
        return self.query_one("#report-objectives", DataTable)

    @property
    def roles_table(self) -> DataTable[Text]:
        return self.query_one("#report-roles", DataTable)

    def on_mount(self) -> None:
        t, view = self.t, self.view
        table = self.objectives_table
        width = self._label_width()
        self._columns(table, t("report_screen.objective"), "objective", width)
        for row in view.objectives:
            self._add(table, row, plain(cut(row.label, width, flat=True)))
        self._add(table, view.total, Text(view.total.label, style="bold"))
        roles = self.roles_table
        self._columns(roles, t("report_screen.role"), "role", width)
        for row in view.roles:
            self._add(roles, row, plain(row.label))
        table.focus()

    def _label_width(self) -> int:
        """As wide as the longest label (a ``short:`` label is never cut), at most what the
        screen leaves beside the teams' columns, at least 24."""
        labels = [r.label for r in (*self.view.objectives, *self.view.roles, self.view.total)]
        room = self.app.size.width - 6 - 16 * len(self.view.teams)
        return max(24, min(max(len(" ".join(x.split())) for x in labels), max(room, 44)))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The highlighted objective's whole text, under the table."""
        if event.data_table.id != "report-objectives":
            return
        full = next((r.full for r in self.view.objectives if r.key == event.row_key.value), "")
        self.query_one("#report-objective-full", Static).update(plain(full))

    def _columns(self, table: DataTable[Text], heading: str, key: str, width: int) -> None:
        table.add_column(heading, key=key, width=width)
        for tid, name in self.view.teams:
            table.add_column(plain(name), key=tid)

    @staticmethod
    def _add(table: DataTable[Text], row: ReportRow, label: Text) -> None:
        table.add_row(label, *[score_cell(cell) for cell in row.cells], key=row.key)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_export(self) -> None:
        """Write the report as ``<session stem>.html`` and ``.md`` beside the session file."""
        self._export()

    @work(thread=True, exclusive=True, group="export")
    def _export(self) -> None:
        t = self.t
        try:
            html_path, md_path = self.export()
        except OSError as error:
            reason = error.strerror or str(error)
            self.app.call_from_thread(
                self.notify,
                t("report.screen.export_failed", reason=reason),
                severity="error",
                markup=False,
            )
            return
        message = t("report.screen.exported", html=str(html_path), md=str(md_path))
        self.app.call_from_thread(self.notify, message, markup=False)
