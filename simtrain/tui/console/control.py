"""What the facilitator's console does, without the screen: actions append events, views read state.

The console screen only turns keys into calls here and the answers into cells. Keeping the
exercise logic out of widgets means every action is tested against a real session file without a
terminal, and the screen stays a thin, fast view. The wall clock is injected (``clock``), so tests
drive time by hand.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from simtrain.i18n import Translator
from simtrain.scenario.catalog import Catalog, Resolved
from simtrain.scenario.durations import format_clock
from simtrain.scenario.model import Inject
from simtrain.session import events as ev
from simtrain.session.engine import Due
from simtrain.session.scoring import TeamScore
from simtrain.session.session import Session
from simtrain.session.state import TeamState

SPEEDS: tuple[float, ...] = (1, 2, 5, 10, 30, 60)
"""Time compression steps for ``+`` and ``-``: exercise seconds per wall second."""

CellState = Literal["none", "pending", "due", "delivered", "rated", "skipped", "delayed"]

SYMBOLS: dict[CellState, str] = {
    "none": " ",
    "pending": "·",
    "due": "!",
    "delivered": "✓",
    "rated": "★",
    "skipped": "✗",
    "delayed": "⏸",
}
"""One glyph per state, distinct in shape, so nothing depends on colour alone."""


@dataclass(frozen=True)
class Row:
    """One line of the timeline: a scenario inject, or an ad-hoc one written live."""

    key: str
    inject: Inject | None
    adhoc: ev.AdhocInject | None = None


def team_id(index: int) -> str:
    return f"team-{index}"


def make_teams(names: Sequence[str], roles: Sequence[str]) -> list[ev.Team]:
    """Teams from ``NAME`` or ``NAME:role,role`` specs; a team without roles covers them all."""
    teams = []
    for k, spec in enumerate(names, start=1):
        name, _, role_list = spec.partition(":")
        chosen = tuple(r.strip() for r in role_list.split(",") if r.strip()) or tuple(roles)
        teams.append(ev.Team(id=team_id(k), name=name.strip() or f"{k}", roles=chosen))
    return teams


class ConsoleControl:
    """The console's model: one open session, the languages, and the facilitator's actions."""

    def __init__(
        self,
        session: Session,
        t: Translator,
        content_lang: str | None = None,
        *,
        clock: Callable[[], float],
        who: str = "control",
    ) -> None:
        self.session = session
        self.t = t
        self.clock = clock
        self.who = who
        self.content_lang = content_lang or session.created.content_lang
        folder = (
            Path(session.created.scenario_file).parent if session.created.scenario_file else None
        )
        if folder is not None and not folder.is_dir():
            folder = None
        self.catalog = Catalog(session.scenario, folder)
        self.rows: list[Row] = [Row(j.id, j) for j in session.scenario.injects]
        self.rows += [Row(a, None, r.event) for a, r in session.state.adhoc.items()]
        self.row_by_key: dict[str, Row] = {row.key: row for row in self.rows}

    # --- time --------------------------------------------------------------------------------

    def now(self) -> int:
        return self.session.now(self.clock())

    @property
    def running(self) -> bool:
        return self.session.state.clock.running

    @property
    def speed(self) -> float:
        return self.session.state.clock.speed

    def clock_text(self) -> str:
        return format_clock(self.now(), with_seconds=True)

    # --- texts -------------------------------------------------------------------------------

    def text(self, key: str) -> Resolved:
        return self.catalog.text(key, self.content_lang)

    def inject_title(self, row: Row) -> Resolved:
        if row.inject is not None:
            return self.text(f"injects.{row.inject.id}.title")
        assert row.adhoc is not None
        return Resolved(row.adhoc.title, self.content_lang, False)

    def name_of_character(self, character: str | None) -> str:
        if character is None:
            return self.t("console.control_cell")
        return self.text(f"characters.{character}.name").text

    def name_of_role(self, role: str) -> str:
        return self.text(f"roles.{role}.name").text

    def name_of_phase(self, phase: str | None) -> str:
        if phase is None:
            return self.t("console.not_started")
        return self.text(f"phases.{phase}.title").text

    def phase_number(self, phase: str) -> int:
        return self.session.index.phase_order[phase] + 1

    # --- the timeline ------------------------------------------------------------------------

    def due_now(self) -> dict[tuple[str, str], Due]:
        return {(d.team, d.inject): d for d in self.session.due(self.now())}

    def cell_state(self, team: TeamState, row: Row, due: dict[tuple[str, str], Due]) -> CellState:
        if row.adhoc is not None:
            teams = row.adhoc.teams
            return "delivered" if teams == "all" or team.team.id in teams else "none"
        inject = row.inject
        assert inject is not None
        if not team.team.covers(inject.to):
            return "none"
        if inject.id in team.delivered:
            if inject.expect and all(team.rating(a.id) for a in inject.expect):
                return "rated"
            return "delivered"
        if inject.id in team.skipped:
            return "skipped"
        if (team.team.id, inject.id) in due:
            return "due"
        if inject.id in team.delayed:
            return "delayed"
        return "pending"

    def teams_for(self, inject: Inject, states: Iterable[CellState] = ()) -> list[str]:
        """Teams an inject is addressed to (by the roles they cover)."""
        return [tid for tid, ts in self.session.state.teams.items() if ts.team.covers(inject.to)]

    def open_for(self, inject: Inject) -> list[str]:
        """Teams that have not yet received or skipped ``inject``: the default of deliver/skip."""
        return [
            tid
            for tid in self.teams_for(inject)
            if inject.id not in self.session.state.teams[tid].delivered
            and inject.id not in self.session.state.teams[tid].skipped
        ]

    def waiting(self) -> list[Due]:
        """Injects a person must play that are due now: the control cell's to-do list."""
        return [d for d in self.session.due(self.now()) if d.action == "confirm"]

    # --- actions: each appends its events before returning ----------------------------------

    def _append(self, events: Sequence[ev.Event]) -> list[ev.Recorded]:
        if not events:
            return []
        return self.session.append_many(events, wall_time=self.clock(), who=self.who)

    def tick(self) -> list[ev.Recorded]:
        """Read what other processes wrote, and deliver what the program delivers by itself."""
        new = self.session.refresh()
        if self.session.state.ended_at is None and self.session.state.clock.running:
            wall = self.clock()
            new += self.session.tick(wall, who=self.who)
            self.session.store.mark_seen(wall)
        for recorded in new:
            event = recorded.event
            if isinstance(event, ev.AdhocInject) and event.adhoc not in self.row_by_key:
                self._add_row(Row(event.adhoc, None, event))
        return new

    def toggle_clock(self) -> list[ev.Recorded]:
        clock = self.session.state.clock
        if not clock.started:
            events: list[ev.Event] = [ev.ClockStarted(speed=clock.speed)]
            if self.session.state.current_phase is None:
                events.append(ev.PhaseStarted(phase=self.session.scenario.phases[0].id))
            return self._append(events)
        if clock.running:
            return self._append([ev.ClockPaused()])
        return self._append([ev.ClockResumed()])

    def change_speed(self, step: int) -> list[ev.Recorded]:
        current = self.speed
        later = [s for s in SPEEDS if s > current]
        earlier = [s for s in SPEEDS if s < current]
        target = (
            (later[0] if later else current) if step > 0 else (earlier[-1] if earlier else current)
        )
        if target == current:
            return []
        return self._append([ev.SpeedChanged(speed=target)])

    def next_phase(self) -> list[ev.Recorded]:
        following = self.following_phase()
        if following is None:
            return []
        return self._append([ev.PhaseStarted(phase=following)])

    def open_in_phase(self) -> int:
        """Injects of the current phase still owed to some team: what moving on leaves behind.

        Condition-triggered injects count only once due: a branch a team never took is not owed.
        """
        phase = self.session.state.current_phase
        if phase is None:
            return 0
        due = self.due_now()
        owed = 0
        for row in self.rows:
            inject = row.inject
            if inject is None or inject.phase != phase:
                continue
            states = {self.cell_state(ts, row, due) for ts in self.session.state.teams.values()}
            if states & {"due", "delayed"} or ("pending" in states and inject.at is not None):
                owed += 1
        return owed

    def following_phase(self) -> str | None:
        phases = [p.id for p in self.session.scenario.phases]
        current = self.session.state.current_phase
        if current is None:
            return phases[0]
        k = phases.index(current)
        return phases[k + 1] if k + 1 < len(phases) else None

    def deliver(self, inject: str, teams: Iterable[str]) -> list[ev.Recorded]:
        return self._append([ev.InjectDelivered(team=t, inject=inject) for t in teams])

    def skip(self, inject: str, teams: Iterable[str]) -> list[ev.Recorded]:
        return self._append([ev.InjectSkipped(team=t, inject=inject) for t in teams])

    def delay(self, inject: str, teams: Iterable[str], seconds: int) -> list[ev.Recorded]:
        until = self.now() + seconds
        return self._append([ev.InjectDelayed(team=t, inject=inject, until=until) for t in teams])

    def rate(
        self,
        team: str,
        ratings: dict[str, tuple[str, str]],
        option: str | None = None,
        evaluator: str = "",
    ) -> list[ev.Recorded]:
        events: list[ev.Event] = [
            ev.RatingGiven(team=team, expect=expect, rating=rating, note=note, evaluator=evaluator)
            for expect, (rating, note) in ratings.items()
        ]
        if option is not None and option not in self.session.state.teams[team].chosen:
            events.append(ev.DecisionRecorded(team=team, option=option))
        return self._append(events)

    def note(self, text: str, team: str | None = None) -> list[ev.Recorded]:
        return self._append([ev.NoteAdded(text=text, team=team, author=self.who)])

    def adhoc(
        self, title: str, message: str, channel: str, teams: Sequence[str] | Literal["all"]
    ) -> list[ev.Recorded]:
        existing = set(self.session.state.adhoc)
        k = len(existing) + 1
        while f"adhoc-{k}" in existing:
            k += 1
        event = ev.AdhocInject(
            adhoc=f"adhoc-{k}",
            teams=teams if teams == "all" else tuple(teams),
            channel=channel,
            title=title,
            message=message,
        )
        recorded = self._append([event])
        self._add_row(Row(event.adhoc, None, event))
        return recorded

    def _add_row(self, row: Row) -> None:
        self.rows.append(row)
        self.row_by_key[row.key] = row

    def pause_for_exit(self) -> list[ev.Recorded]:
        """Stop the clock when the console closes, so exercise time does not run unwatched."""
        if self.session.state.clock.running:
            return self._append([ev.ClockPaused()])
        return []

    # --- team summaries ----------------------------------------------------------------------

    def scores(self) -> dict[str, TeamScore]:
        return self.session.scores()

    def pending_decisions(self, team: TeamState) -> list[str]:
        """Decisions delivered to the team and not yet answered (inject ids)."""
        out = []
        for inject_id in team.delivered:
            k = self.session.index.position.get(inject_id)
            if k is None:
                continue
            decision = self.session.index.injects[k].decision
            if decision is not None and not any(o.id in team.chosen for o in decision.options):
                out.append(inject_id)
        return out

    # --- the event log -----------------------------------------------------------------------

    def describe(self, recorded: ev.Recorded) -> str:
        """One line of the event log, in the interface language, from ids and the catalog."""
        e = recorded.event
        team_name = ""
        team = getattr(e, "team", None)
        if isinstance(team, str) and team in self.session.state.teams:
            team_name = self.session.state.teams[team].team.name
        _, _, seat_role = recorded.who.partition("/")
        if team_name and seat_role and isinstance(e, ev.TeamReport | ev.DecisionRecorded):
            # a role's own terminal wrote it: the control cell sees which role spoke
            team_name = self.t("team.seat_role", team=team_name, role=self.name_of_role(seat_role))
        params: dict[str, object] = {"team": team_name, "who": recorded.who}
        if isinstance(e, ev.InjectDelivered | ev.InjectSkipped | ev.InjectDelayed):
            params["inject"] = e.inject
        if isinstance(e, ev.InjectDelayed):
            params["until"] = format_clock(e.until)
        if isinstance(e, ev.InjectSkipped):
            params["reason"] = self.t(f"console.skip_reason.{e.reason}")
        if isinstance(e, ev.PhaseStarted):
            params["phase"] = self.name_of_phase(e.phase)
        if isinstance(e, ev.SpeedChanged | ev.ClockStarted):
            params["speed"] = _speed(e.speed)
        if isinstance(e, ev.RatingGiven):
            note = _one_line(e.note)
            params.update(expect=e.expect, rating=e.rating, note=f"— {note}" if note else "")
        if isinstance(e, ev.DecisionRecorded):
            inject = self.session.index.decision_of.get(e.option)
            key = f"injects.{inject}.decision.options.{e.option}.text"
            words = self.text(key).text if inject is not None else ""
            params["option"] = f"{e.option} — {_one_line(words, 60)}" if words else e.option
        if isinstance(e, ev.NoteAdded | ev.TeamReport):
            params["text"] = _one_line(e.text)
        if isinstance(e, ev.AdhocInject):
            params["title"] = _one_line(e.title)
        return self.t(f"console.log.{e.type}", **params)


def _speed(speed: float) -> str:
    return f"{speed:g}×"


def _one_line(text: str, limit: int = 80) -> str:
    flat = re.sub(r"\s+", " ", text).strip()
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def speed_label(speed: float) -> str:
    return _speed(speed)
