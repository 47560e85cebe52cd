"""What each region of the console shows, worked out without Textual (attributes down).

The console screen calls these pure functions once per event or clock tick and hands each widget
its small frozen view; widgets never read the session or the facilitator. So the wording of a
header, a timeline row, a team's line and a log line is tested by calling a function, and a
score reads the same in the teams panel as in the report (both go through :func:`score_text`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from simtrain.live.run_view import RunView
from simtrain.live.score_text import score_text
from simtrain.sanitize import visible
from simtrain.scenario.catalog import Resolved
from simtrain.scenario.durations import format_clock
from simtrain.scenario.model import Inject
from simtrain.session import events as ev
from simtrain.session.engine import Due, ScenarioIndex
from simtrain.session.hseep import Score
from simtrain.session.scoring import TeamScore
from simtrain.session.state import State, TeamState
from simtrain.textfit import cut

CellState = Literal[
    "none", "pending", "due", "delivered", "rated", "skipped", "off_branch", "delayed"
]

SYMBOLS: dict[CellState, str] = {
    "none": " ",
    "pending": "·",
    "due": "!",
    "delivered": "✓",
    "rated": "★",
    "skipped": "✗",
    "off_branch": "⊘",
    "delayed": "⏸",
}
"""One glyph per state, distinct in shape, so nothing depends on colour alone: ``✗`` the control
cell skipped it, ``⊘`` it is not on this team's branch (its ``when`` was false)."""

DueMap = Mapping[tuple[str, str], Due]
"""What is due now, by (team, inject)."""


@dataclass(frozen=True)
class Row:
    """One line of the timeline: a scenario inject, or an ad-hoc one written live."""

    key: str
    inject: Inject | None
    adhoc: ev.AdhocInject | None = None


# --- the header ------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeaderView:
    """The header's words: title, ``Phase 1 of 2: <title>`` split round the title, clock state."""

    title: Resolved
    phase_before: str
    phase_title: Resolved | None
    phase_after: str
    status: str
    clock: str
    running: bool
    mark: str
    """The fallback mark of this interface language."""
    day: str = ""
    """``Day 2 ·`` before the clock, which then reads the time since that day (phase) began, as
    the timeline does (``2·0:10``); empty before the first phase, when the clock is the total."""


def speed_label(speed: float) -> str:
    return f"{speed:g}×"


def header_view(view: RunView, waiting: Sequence[Due]) -> HeaderView:
    t, state = view.t, view.session.state
    phase = state.current_phase
    before, title, after = t("console.not_started"), None, ""
    if phase is not None:
        words = t(
            "console.phase_of",
            number=view.phase_number(phase),
            total=len(view.session.scenario.phases),
            title="\0",
        )
        before, _, after = words.partition("\0")
        title = view.phase_title(phase)
    speed = speed_label(state.clock.speed)
    status = {
        "ended": t("console.ended"),
        "not_started": t("console.clock_not_started"),
        "running": t("console.running", speed=speed),
        "paused": t("console.paused", speed=speed),
    }[view.clock_status()]
    count = len({due.inject for due in waiting})
    if count:
        status += "  " + t("console.waiting", count=count)
    day, clock = view.day_clock()
    return HeaderView(
        view.text("title"),
        before,
        title,
        after,
        status,
        clock,
        state.clock.running,
        t("console.fallback_mark"),
        "" if day is None else t("director.day", number=day),
    )


# --- the timeline ----------------------------------------------------------------------------


def cell_state(team: TeamState, row: Row, due: DueMap) -> CellState:
    """Where one inject stands for one team: the glyph of its timeline cell."""
    if row.adhoc is not None:  # delivered when written, to the teams covering its roles
        adhoc = row.adhoc
        if adhoc.adhoc not in team.adhoc:
            return "none"
        mine = [a for a in adhoc.expect if a.by in team.team.roles]
        return "rated" if mine and all(team.rating(a.id) for a in mine) else "delivered"
    inject = row.inject
    assert inject is not None
    if not team.team.covers(inject.to):
        return "none"
    if inject.id in team.delivered:
        if inject.expect and all(team.rating(a.id) for a in inject.expect):
            return "rated"
        return "delivered"
    skip = team.skipped.get(inject.id)
    if skip is not None:
        return "off_branch" if skip.reason == "guard" else "skipped"
    if (team.team.id, inject.id) in due:
        return "due"
    if inject.id in team.delayed:
        return "delayed"
    return "pending"


def cell_states(state: State, row: Row, due: DueMap) -> tuple[CellState, ...]:
    """Every team's state of one row, in team order."""
    return tuple(cell_state(ts, row, due) for ts in state.teams.values())


@dataclass(frozen=True)
class TimelineRow:
    """One timeline line in words; the widget only shortens them to its columns."""

    key: str
    time: str
    channel: str
    from_to: str
    title: Resolved
    cells: tuple[CellState, ...]


def _roles(view: RunView, roles: Iterable[str]) -> list[str]:
    return [view.role_name(r).text for r in roles]


def timeline_row(view: RunView, row: Row, due: DueMap) -> TimelineRow:
    t = view.t
    inject = row.inject
    if inject is None:
        assert row.adhoc is not None
        adhoc = row.adhoc
        title = Resolved(adhoc.title, view.content_lang, False)
        sender = visible(adhoc.from_ or view.character_name(adhoc.character), multiline=False)
        to = t("console.all") if adhoc.to == "all" else ", ".join(_roles(view, adhoc.to))
        time, channel, from_to = t("console.adhoc_time"), adhoc.channel, f"{sender} → {to}"
    else:
        day = view.phase_number(inject.phase)
        time = f"{day}·{format_clock(inject.at)}" if inject.at is not None else f"{day}·↳"
        title, channel = view.text(f"injects.{inject.id}.title"), inject.channel
        to = t("console.all") if inject.to == "all" else ", ".join(_roles(view, inject.to))
        from_to = f"{view.character_name(inject.from_)} → {to}"
    states = cell_states(view.session.state, row, due)
    return TimelineRow(row.key, time, t(f"channels.{channel}"), from_to, title, states)


# --- the teams panel -------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamRow:
    """One team at a glance: its score, deliveries and ratings, what waits, its last report."""

    team: str
    score_text: str
    delivered: str
    waiting: str
    last_report: str
    waiting_long: str = ""
    """``waiting`` spelled out (``1 to deliver · 0 to decide``), where the panel has room."""


def pending_decisions(index: ScenarioIndex, team: TeamState) -> list[str]:
    """Decisions delivered to the team and not yet answered (inject ids)."""
    out = []
    for inject_id in team.delivered:
        k = index.position.get(inject_id)
        if k is None:
            continue
        decision = index.injects[k].decision
        if decision is not None and not any(o.id in team.chosen for o in decision.options):
            out.append(inject_id)
    return out


def team_rows(
    view: RunView, scores: Mapping[str, TeamScore], waiting: Iterable[Due]
) -> list[TeamRow]:
    """The teams panel: the quality of what is rated, and beside it the coverage in one unit
    (expected actions rated / expected actions received, N/A in neither), as in the report."""
    t, session = view.t, view.session
    confirm: dict[str, int] = {}
    for due in waiting:
        confirm[due.team] = confirm.get(due.team, 0) + 1
    rows = []
    for tid, ts in session.state.teams.items():
        total = scores[tid].total if tid in scores else Score()
        report = ts.reports[-1].text if ts.reports else ""
        decide = len(pending_decisions(session.index, ts))
        rows.append(
            TeamRow(
                tid,
                score_text(total, t).value(),
                score_text(total, t).progress,  # actions rated / actions at stake: one unit
                t("console.teams.waiting_value", confirm=confirm.get(tid, 0), decide=decide),
                " ".join(report.split()),
                t("readable.waiting_long", confirm=confirm.get(tid, 0), decide=decide),
            )
        )
    return rows


# --- the event log ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LogLine:
    time: str
    text: str


def log_lines(view: RunView, records: Iterable[ev.Recorded]) -> list[LogLine]:
    """Log lines, newest first, for the records given (the Created event is not news)."""
    return [
        LogLine(format_clock(r.at, with_seconds=True), log_text(view, r))
        for r in reversed(list(records))
        if not isinstance(r.event, ev.Created)
    ]


def log_text(view: RunView, recorded: ev.Recorded) -> str:
    """One line of the event log, in the interface language, from ids and the catalog."""
    t, e = view.t, recorded.event
    team = getattr(e, "team", None)
    team_name = ""
    if isinstance(team, str) and team in view.session.state.teams:
        team_name = view.team_name(team)
        seat = view.seat(recorded.who)
        if seat.role and isinstance(e, ev.TeamReport | ev.DecisionRecorded):
            # a role's own terminal wrote it: the control cell sees which role spoke
            team_name = view.seat_label(ev.Seat.of_team(team, seat.role))
    who = visible(recorded.who, multiline=False)  # a log line is read from the raw log
    params: dict[str, object] = {"team": team_name, "who": who, **_event_params(view, e)}
    if isinstance(e, ev.DecisionRecorded) and _ignored(view.session.state, e.team, recorded.seq):
        return t("console.log.decision_ignored", **params)  # a second answer: it did not count
    return t(f"console.log.{e.type}", **params)


def _ignored(state: State, team: str, seq: int) -> bool:
    """Whether the answer logged at ``seq`` came after the team had answered that decision."""
    ts = state.teams.get(team)
    return ts is not None and any(c.seq == seq for c in ts.ignored)


def _event_params(view: RunView, e: ev.Event) -> dict[str, object]:
    t = view.t
    params: dict[str, object] = {}
    if isinstance(e, ev.InjectDelivered | ev.InjectSkipped | ev.InjectDelayed):
        params["inject"] = e.inject
    if isinstance(e, ev.InjectDelayed):
        params["until"] = format_clock(e.until)
    if isinstance(e, ev.InjectSkipped):
        note = one_line(e.note, 60)
        reason = t(f"console.skip_reason.{e.reason}")
        params["reason"] = f"{reason}: {note}" if note else reason
    if isinstance(e, ev.PhaseStarted):
        params["phase"] = phase_name(view, e.phase)
    if isinstance(e, ev.SpeedChanged | ev.ClockStarted):
        params["speed"] = speed_label(e.speed)
    if isinstance(e, ev.RatingGiven):
        note = one_line(e.note)
        owner = view.session.index.expect.get(e.expect)
        words = view.text(f"injects.{owner[0].id}.expect.{e.expect}.text").text if owner else ""
        expect = one_line(words, 48) if words else _adhoc_expect(view, e.expect)
        params.update(expect=expect, rating=e.rating, note=f"— {note}" if note else "")
    if isinstance(e, ev.DecisionRecorded):
        inject = view.session.index.decision_of.get(e.option)
        key = f"injects.{inject}.decision.options.{e.option}.text"
        words = view.text(key).text if inject is not None else ""
        params["option"] = t("cli_words.quoted", text=one_line(words, 60)) if words else e.option
    if isinstance(e, ev.NoteAdded | ev.TeamReport):
        params["text"] = one_line(e.text)
    if isinstance(e, ev.AdhocInject):
        params["title"] = one_line(e.title)
    return params


def _adhoc_expect(view: RunView, expect: str) -> str:
    """An ad-hoc inject's expected action by its text (the id when none has it)."""
    for record in view.session.state.adhoc.values():
        for action in record.event.expect:
            if action.id == expect:
                return one_line(action.text, 48)
    return expect


def phase_name(view: RunView, phase: str | None) -> str:
    """A phase's title, or "not started" before the first."""
    title = view.phase_title(phase)
    return view.t("console.not_started") if title is None else title.text


def one_line(text: str, limit: int = 80) -> str:
    """Any text as one line of the log or a dialog: controls made visible, cut to ``limit``."""
    return cut(visible(text, multiline=False), limit, flat=True)


def team_names(state: State, ids: Collection[str] | None = None) -> list[tuple[str, str]]:
    """(id, name) of the teams ``ids`` names, or of every team."""
    chosen = list(state.teams) if ids is None else list(ids)
    return [(tid, state.teams[tid].team.name) for tid in chosen]
