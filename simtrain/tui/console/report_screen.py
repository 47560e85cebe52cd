"""The report screen: scores per team and objective, the numbers the debrief starts from.

Its numbers come from ``Session.scores()``, the same call the after-action report is built on, and
``e`` writes that report (HTML and Markdown) next to the session file, so what the facilitator
shows in the room and what goes to the ministry are the same figures.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Static

from simtrain.session.scoring import Score
from simtrain.tui.console.control import ConsoleControl
from simtrain.tui.literal import plain
from simtrain.tui.localized import localize_bindings


def percent_text(score: Score) -> Text:
    value = score.percent
    if value is None:
        return Text("—", style="dim")
    counts = f"({score.rated}/{score.rated + score.unrated})"
    if not score.rated:  # delivered, not rated yet: no score to show, as in the report
        return Text(f"— {counts}", style="dim")
    return Text(f"{value:.0f}% {counts}")


class ReportScreen(Screen[None]):
    """Objectives down, teams across; each cell the team's score on that objective."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape,t,q", "back", "keys.back"),
        Binding("e", "export", "keys.export"),
    ]

    def __init__(self, control: ConsoleControl) -> None:
        super().__init__()
        self.control = control
        localize_bindings(self, control.t)

    def compose(self) -> ComposeResult:
        t = self.control.t
        with Vertical(id="report"):
            yield Label(t("report_screen.title"), classes="dialog-title")
            yield Static(id="report-summary")
            yield DataTable[Text](id="report-objectives", cursor_type="row", zebra_stripes=True)
            yield Label(t("report_screen.by_role"), classes="section")
            yield DataTable[Text](id="report-roles", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        control, t = self.control, self.control.t
        scores = control.scores()
        teams = control.session.state.teams
        summary = t(
            "report_screen.summary",
            title=control.text("title").text,
            time=control.clock_text(),
            teams=len(teams),
        )
        self.query_one("#report-summary", Static).update(plain(summary))
        table = self.query_one("#report-objectives", DataTable)
        table.add_column(t("report_screen.objective"), key="objective", width=44)
        for tid, ts in teams.items():
            table.add_column(plain(ts.team.name), key=tid)
        for objective in control.session.scenario.objectives:
            text = control.text(f"objectives.{objective.id}.text").text
            cells = [
                percent_text(scores[tid].by_objective.get(objective.id, Score())) for tid in teams
            ]
            table.add_row(plain(_short(text, 44)), *cells, key=objective.id)
        table.add_row(
            Text(t("report_screen.total"), style="bold"),
            *[percent_text(scores[tid].total) for tid in teams],
            key="__total__",
        )
        roles = self.query_one("#report-roles", DataTable)
        roles.add_column(t("report_screen.role"), key="role", width=44)
        for tid, ts in teams.items():
            roles.add_column(plain(ts.team.name), key=tid)
        for role in control.session.scenario.roles:
            cells = [
                percent_text(scores[tid].by_role[role.id])
                if role.id in scores[tid].by_role
                else Text("·", style="dim")
                for tid in teams
            ]
            roles.add_row(plain(control.name_of_role(role.id)), *cells, key=role.id)
        table.focus()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_export(self) -> None:
        """Write the report as ``<session stem>.html`` and ``.md`` beside the session file."""
        paths = export_report(self.control)
        t = self.control.t
        if isinstance(paths, str):
            self.notify(
                t("report.screen.export_failed", reason=paths), severity="error", markup=False
            )
            return
        html_path, md_path = paths
        self.notify(t("report.screen.exported", html=str(html_path), md=str(md_path)), markup=False)


def export_report(control: ConsoleControl) -> tuple[Path, Path] | str:
    """The HTML and Markdown reports in the console's languages; the reason when writing fails."""
    from simtrain.report import aar, html, md

    session_path = control.session.path
    report = aar.build(control.session, control.content_lang, control.catalog)
    targets = (session_path.with_suffix(".html"), session_path.with_suffix(".md"))
    try:
        targets[0].write_text(html.render(report, control.t), encoding="utf-8")
        targets[1].write_text(md.render(report, control.t), encoding="utf-8")
    except OSError as error:
        return error.strerror or str(error)
    return targets


def _short(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
