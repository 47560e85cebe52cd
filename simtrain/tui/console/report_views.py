"""The console's report screen and a team's reports read whole, worked out without Textual.

Split from :mod:`simtrain.tui.console.views` because they answer another question: not what the
live regions show each tick, but the scores so far (through :func:`score_text`, as every other
display) and everything a team wrote.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from simtrain.live.acted_at import session_clock
from simtrain.live.run_view import RunView
from simtrain.live.score_text import ScoreText, disagreement, disagreement_text, score_text
from simtrain.scenario.durations import format_clock
from simtrain.session.hseep import Score
from simtrain.session.scoring import TeamScore
from simtrain.tui.console.views import one_line

# --- the report screen -----------------------------------------------------------------------


@dataclass(frozen=True)
class ReportRow:
    key: str
    label: str
    cells: tuple[ScoreText | None, ...]
    """One per team; None where the team has no such role."""
    full: str = ""
    """An objective's whole text, shown under the table for the highlighted row (the label is
    its ``short:`` label, or the text cut to the column)."""


@dataclass(frozen=True)
class ReportView:
    summary: str
    teams: tuple[tuple[str, str], ...]
    objectives: tuple[ReportRow, ...]
    total: ReportRow
    roles: tuple[ReportRow, ...]
    disagreements: tuple[str, ...] = ()
    """One line per team and action whose evaluators' latest ratings differ."""


def report_view(view: RunView, scores: Mapping[str, TeamScore]) -> ReportView:
    """Objectives and roles down, teams across; the numbers of ``Session.scores()``."""
    t, session = view.t, view.session
    teams = session.state.teams
    summary = t(
        "report_screen.summary",
        title=view.text("title").text,
        time=view.clock_text(),
        teams=len(teams),
    )

    def cells(pick: str | None, *, role: bool = False) -> tuple[ScoreText | None, ...]:
        out: list[ScoreText | None] = []
        for tid in teams:
            team = scores[tid]
            if pick is None:
                out.append(score_text(team.total, t))
            elif role:
                out.append(score_text(team.by_role[pick], t) if pick in team.by_role else None)
            else:
                out.append(score_text(team.by_objective.get(pick, Score()), t))
        return tuple(out)

    scenario = session.scenario
    return ReportView(
        summary,
        tuple((tid, ts.team.name) for tid, ts in teams.items()),
        tuple(
            ReportRow(
                o.id,
                view.objective_label(o.id).text,
                cells(o.id),
                view.text(f"objectives.{o.id}.text").text,
            )
            for o in scenario.objectives
        ),
        ReportRow("__total__", t("report_screen.total"), cells(None)),
        tuple(
            ReportRow(r.id, view.role_name(r.id).text, cells(r.id, role=True))
            for r in scenario.roles
        ),
        disagreement_lines(view),
    )


def disagreement_lines(view: RunView) -> tuple[str, ...]:
    """``Alpha · Calls the NGO: Evaluators differ: S by Maria at 1·0:10, M by Oleg at 1·0:14``
    for each team and action two evaluators rated differently (the latest rating counts)."""
    session, t = view.session, view.t
    clock = session_clock(view.now(), session.index.phase_order, session.state.phases)
    lines = []
    for tid, ts in session.state.teams.items():
        for expect, history in ts.ratings.items():
            differing = disagreement(history)
            if not differing:
                continue
            found = session.index.expect.get(expect)
            action = (
                view.text(f"injects.{found[0].id}.expect.{expect}.text").text if found else expect
            )
            ratings = disagreement_text(differing, clock.text, t)
            lines.append(
                f"{view.team_name(tid)} · {one_line(action, 60)}: "
                + t("scores.disagree", ratings=ratings)
            )
    return tuple(lines)


# --- a team's reports, read whole ------------------------------------------------------------


@dataclass(frozen=True)
class TeamReports:
    """Everything a team reported, newest first: the panel shows only a cut of the last one."""

    title: str
    entries: tuple[tuple[str, str], ...]
    """(when and which seat, the report's full text)."""
    empty: str


def team_reports(view: RunView, team: str) -> TeamReports:
    t = view.t
    name = view.team_name(team)
    reports = view.session.state.teams[team].reports
    entries = tuple(
        (f"{format_clock(r.at, with_seconds=True)} · {view.seat_label(r.who)}", r.text)
        for r in reversed(reports)
    )
    return TeamReports(
        t("console_extra.reports_title", team=name),
        entries,
        t("console_extra.no_reports", team=name),
    )
