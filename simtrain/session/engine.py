"""What is due, for which team, at an exercise time: pure, clock-injected, no disk, no UI.

The rules, per team and per inject addressed to a role the team covers (or to ``all``):

* Nothing of a phase is due before the facilitator starts that phase.
* A time trigger (``at``) falls due at its phase's start plus ``at``.
* A condition trigger (``after``) falls due ``delay`` after the condition *first* held for that team
  (and not before its phase starts). Conditions are read from the log as step functions of exercise
  time, so "first held" is a fact about the log, not about when someone happened to look:
  ``{missed: E}`` holds from the moment ``E``'s ``within`` window ran out without a P or S rating.
* A control cell's delay moves the inject to the exercise time it names.
* The guard (``when``) is evaluated for the team at the moment the inject fell due; a false guard
  makes the engine say "skip" (whoever ticks records it as ``inject_skipped``, reason ``guard``).
* Otherwise the inject is "deliver" for a channel a program delivers and "confirm" for one a person
  plays (see ``Inject.confirmed_by_control``): it stays due until the control cell confirms it.

The engine never appends anything; it only answers. :func:`compute_due` is the rules written
plainly, cost proportional to teams x injects. :class:`Engine` gives the same answers
incrementally: what is pending sits in a heap ordered by due time, and conditions are indexed by
the facts they mention, so an event re-evaluates only the injects that mention it and a tick in
which nothing falls due costs the same whether the scenario has fifty injects or five thousand.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from simtrain.scenario.conditions import (
    All,
    AnyOf,
    Chose,
    Condition,
    Delivered,
    Done,
    Missed,
    Not,
    references,
)
from simtrain.scenario.model import ExpectedAction, Inject, Scenario
from simtrain.session.events import Recorded
from simtrain.session.hseep import DONE, MISSED
from simtrain.session.state import RatingRecord, State, TeamState, decisions_of

Action = Literal["deliver", "confirm", "skip"]


Atom = tuple[str, str]
"""A fact a condition can mention: ``("delivered", inject)``, ``("done", expect)`` ..."""


@dataclass(frozen=True, slots=True)
class Due:
    """An inject that has fallen due for a team, and what the ticker or control cell should do."""

    team: str
    inject: str
    at: int
    """The exercise time it fell due."""
    action: Action


class ScenarioIndex:
    """Lookups the engine and scoring need, built once per scenario."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.injects: tuple[Inject, ...] = scenario.injects
        self.position: dict[str, int] = {j.id: k for k, j in enumerate(scenario.injects)}
        self.expect: dict[str, tuple[Inject, ExpectedAction]] = {
            a.id: (j, a) for j in scenario.injects for a in j.expect
        }
        self.phase_order: dict[str, int] = {p.id: k for k, p in enumerate(scenario.phases)}
        self.by_phase: dict[str, list[int]] = {}
        self.mentions: dict[Atom, list[int]] = {}
        for k, inject in enumerate(scenario.injects):
            self.by_phase.setdefault(inject.phase, []).append(k)
            atoms: set[Atom] = set()
            for condition in (inject.after, inject.when):
                if condition is not None:
                    atoms.update((kind, ident) for kind, ident, _ in references(condition))
            for atom in atoms:
                self.mentions.setdefault(atom, []).append(k)
        self.decision_of: Mapping[str, str] = decisions_of(scenario)


# --- conditions as step functions of exercise time ---------------------------------------------


def _latest(history: Sequence[RatingRecord] | None, t: int) -> str | None:
    if not history:
        return None
    for record in reversed(history):
        if record.at <= t:
            return record.rating
    return None


def _window_end(index: ScenarioIndex, ts: TeamState, expect: str) -> int | None:
    owner = index.expect.get(expect)
    if owner is None or owner[1].within is None:
        return None
    delivery = ts.delivered.get(owner[0].id)
    return None if delivery is None else delivery.at + owner[1].within


def holds(condition: Condition, index: ScenarioIndex, ts: TeamState, t: int) -> bool:
    """Whether ``condition`` holds for the team at exercise time ``t``, by the log so far."""
    if isinstance(condition, Delivered):
        delivery = ts.delivered.get(condition.delivered)
        return delivery is not None and delivery.at <= t
    if isinstance(condition, Chose):
        choice = ts.chosen.get(condition.chose)
        return choice is not None and choice.at <= t
    if isinstance(condition, Done):
        return _latest(ts.ratings.get(condition.done), t) in DONE
    if isinstance(condition, Missed):
        history = ts.ratings.get(condition.missed)
        if _latest(history, t) in MISSED:
            return True
        end = _window_end(index, ts, condition.missed)
        if end is None or t < end:
            return False
        return not any(r.rating in DONE and r.at <= end for r in history or ())
    if isinstance(condition, All):
        return all(holds(c, index, ts, t) for c in condition.all)
    if isinstance(condition, AnyOf):
        return any(holds(c, index, ts, t) for c in condition.any)
    if isinstance(condition, Not):
        return not holds(condition.not_, index, ts, t)
    raise TypeError(condition)  # pragma: no cover - the model admits no other shape


def _change_times(condition: Condition, index: ScenarioIndex, ts: TeamState, out: set[int]) -> None:
    """Every exercise time at which the condition's value can change, by the log so far."""
    if isinstance(condition, Delivered):
        delivery = ts.delivered.get(condition.delivered)
        if delivery is not None:
            out.add(delivery.at)
    elif isinstance(condition, Chose):
        choice = ts.chosen.get(condition.chose)
        if choice is not None:
            out.add(choice.at)
    elif isinstance(condition, Done | Missed):
        expect = condition.done if isinstance(condition, Done) else condition.missed
        out.update(r.at for r in ts.ratings.get(expect, ()))
        if isinstance(condition, Missed):
            end = _window_end(index, ts, expect)
            if end is not None:
                out.add(end)
    elif isinstance(condition, All | AnyOf):
        for child in condition.all if isinstance(condition, All) else condition.any:
            _change_times(child, index, ts, out)
    elif isinstance(condition, Not):
        _change_times(condition.not_, index, ts, out)


def first_held(condition: Condition, index: ScenarioIndex, ts: TeamState) -> int | None:
    """The first exercise time at which the condition held (or will hold) for the team.

    The only future the log predicts is an expected action's window running out, so a time later
    than now can come back: ``{missed: E}`` for a window that ends at 1:30 with no rating yet.
    """
    times: set[int] = {0}
    _change_times(condition, index, ts, times)
    for t in sorted(times):
        if holds(condition, index, ts, t):
            return t
    return None


# --- one inject for one team ---------------------------------------------------------------------


def due_time(index: ScenarioIndex, state: State, ts: TeamState, k: int) -> int | None:
    """When inject ``k`` falls due for the team, or None: not for it, not yet known, or resolved."""
    inject = index.injects[k]
    if inject.id in ts.delivered or inject.id in ts.skipped or not ts.team.covers(inject.to):
        return None
    start = state.phases.get(inject.phase)
    if start is None:
        return None
    if inject.at is not None:
        at = start + inject.at
    else:
        assert inject.after is not None
        held = first_held(inject.after, index, ts)
        if held is None:
            return None
        at = max(held + inject.delay, start)
    until = ts.delayed.get(inject.id)
    return at if until is None else max(at, until)


def action_for(index: ScenarioIndex, ts: TeamState, k: int, at: int) -> Action:
    inject = index.injects[k]
    if inject.when is not None and not holds(inject.when, index, ts, at):
        return "skip"
    return "confirm" if inject.confirmed_by_control else "deliver"


def compute_due(scenario: Scenario | ScenarioIndex, state: State, now: int) -> tuple[Due, ...]:
    """Everything due at ``now``, the rules applied plainly to every team and inject."""
    index = scenario if isinstance(scenario, ScenarioIndex) else ScenarioIndex(scenario)
    if state.ended_at is not None:
        return ()
    found: list[tuple[int, int, int, Due]] = []
    for tp, ts in enumerate(state.teams.values()):
        for k in range(len(index.injects)):
            at = due_time(index, state, ts, k)
            if at is not None and at <= now:
                due = Due(ts.team.id, index.injects[k].id, at, action_for(index, ts, k, at))
                found.append((at, tp, k, due))
    found.sort(key=lambda item: item[:3])
    return tuple(item[3] for item in found)


def atoms_of(index: ScenarioIndex, recorded: Recorded) -> list[Atom]:
    """The facts an event changes for its team, as conditions name them."""
    e = recorded.event
    if e.type == "inject_delivered":
        owner = index.position.get(e.inject)
        atoms: list[Atom] = [("delivered", e.inject)]
        if owner is not None:
            atoms += [("missed", a.id) for a in index.injects[owner].expect if a.within is not None]
        return atoms
    if e.type == "rating_given":
        return [("done", e.expect), ("missed", e.expect)]
    if e.type == "decision_recorded":
        return [("chose", e.option)]
    return []


class Engine:
    """:func:`compute_due`'s answers, kept up to date event by event.

    ``sync(state, new_events)`` tells the engine which events took the previous state to this one;
    it then re-plans only the (team, inject) pairs those events touch. Given a state it was not
    synced to, the engine re-plans everything from that state, so its answers never depend on how
    it was fed, only on the state.
    """

    def __init__(self, scenario: Scenario) -> None:
        self.index = ScenarioIndex(scenario)
        self._state: State | None = None
        self._teams: list[str] = []
        self._team_pos: dict[str, int] = {}
        self._covered: list[frozenset[int]] = []
        """Per team, the injects addressed to a role it covers: the only ones ever planned."""
        self._heap: list[tuple[int, int, int]] = []
        self._scheduled: dict[tuple[int, int], int] = {}
        self._ready: dict[tuple[int, int], Due] = {}
        self._watermark = -1
        self._sorted: tuple[Due, ...] | None = None

    @property
    def scenario(self) -> Scenario:
        return self.index.scenario

    # --- keeping the plan in step with the state ---------------------------------------------

    def sync(self, state: State, new_events: Iterable[Recorded] = ()) -> None:
        """Bring the plan to ``state``; ``new_events`` are the events since the last sync."""
        if state is self._state:
            return
        previous = self._state
        batch = list(new_events)
        incremental = (
            previous is not None
            and batch
            and batch[0].seq > previous.seq
            and batch[-1].seq == state.seq
            and list(state.teams) == self._teams
            and all(r.event.type != "created" for r in batch)
        )
        self._state = state
        if not incremental:
            self._rebuild(state)
            return
        touched: set[tuple[int, int]] = set()
        for recorded in batch:
            e = recorded.event
            if e.type == "phase_started":
                touched.update(self._plan_timed(state, e.phase))
                continue
            team = getattr(e, "team", None)
            tp_or_none = self._team_pos.get(team) if isinstance(team, str) else None
            if tp_or_none is None:
                continue
            tp = tp_or_none
            inject = getattr(e, "inject", None)
            if isinstance(inject, str) and inject in self.index.position:
                touched.add((tp, self.index.position[inject]))
            for atom in atoms_of(self.index, recorded):
                touched.update((tp, k) for k in self.index.mentions.get(atom, ()))
        bulk = len(touched) > 256  # a phase start: re-heap once instead of pushing each
        for tp, k in touched:
            self._place(state, tp, k, push=not bulk)
        if bulk:
            heapq.heapify(self._heap)

    def _rebuild(self, state: State) -> None:
        self._teams = list(state.teams)
        self._team_pos = {team: tp for tp, team in enumerate(self._teams)}
        injects = self.index.injects
        by_roles: dict[frozenset[str], frozenset[int]] = {}  # teams alike share one set
        self._covered = []
        for t in self._teams:
            team = state.teams[t].team
            roles = frozenset(team.roles)
            if roles not in by_roles:
                by_roles[roles] = frozenset(k for k, j in enumerate(injects) if team.covers(j.to))
            self._covered.append(by_roles[roles])
        self._heap = []
        self._scheduled = {}
        self._ready = {}
        self._sorted = None
        # only started phases can have anything due; their timed injects are worked out once
        # per inject (as at a phase start), the condition-triggered ones team by team
        for phase in state.phases:
            for tp, k in self._plan_timed(state, phase, heapify=False):
                self._place(state, tp, k, push=False)
        heapq.heapify(self._heap)

    def _plan_timed(
        self, state: State, phase: str, *, heapify: bool = True
    ) -> set[tuple[int, int]]:
        """Plan a phase that just started: its timed injects directly, the rest through ``_place``.

        A phase start touches every inject of the phase for every team; for the timed ones the
        due time is the phase start plus ``at`` (or a delay the control cell set), the same rule
        :func:`due_time` applies, worked out once per inject instead of once per team and inject.
        Returns the pairs left to :meth:`_place` (condition triggers).
        """
        start = state.phases[phase]
        rest: set[tuple[int, int]] = set()
        teams = [state.teams[t] for t in self._teams]
        for k in self.index.by_phase.get(phase, ()):
            inject = self.index.injects[k]
            for tp, covered in enumerate(self._covered):
                if k not in covered:
                    continue
                if inject.at is None:
                    rest.add((tp, k))
                    continue
                ts = teams[tp]
                key = (tp, k)
                if self._ready.pop(key, None) is not None:
                    self._sorted = None
                self._scheduled.pop(key, None)
                if inject.id in ts.delivered or inject.id in ts.skipped:
                    continue
                until = ts.delayed.get(inject.id)
                at = start + inject.at
                self._schedule(ts, tp, k, at if until is None else max(at, until), push=False)
        if heapify:
            heapq.heapify(self._heap)
        return rest

    def _place(self, state: State, tp: int, k: int, *, push: bool = True) -> None:
        key = (tp, k)
        if self._ready.pop(key, None) is not None:
            self._sorted = None
        self._scheduled.pop(key, None)
        ts = state.teams[self._teams[tp]]
        at = due_time(self.index, state, ts, k)
        if at is None:
            return
        self._schedule(ts, tp, k, at, push=push)

    def _schedule(self, ts: TeamState, tp: int, k: int, at: int, *, push: bool) -> None:
        key = (tp, k)
        if at <= self._watermark:
            self._ready[key] = self._due(ts, k, at)
            self._sorted = None
            return
        self._scheduled[key] = at
        if push:
            heapq.heappush(self._heap, (at, tp, k))
        else:
            self._heap.append((at, tp, k))

    def _due(self, ts: TeamState, k: int, at: int) -> Due:
        return Due(ts.team.id, self.index.injects[k].id, at, action_for(self.index, ts, k, at))

    # --- answers ---------------------------------------------------------------------------

    def due(self, state: State, now: int) -> tuple[Due, ...]:
        """Everything due at exercise time ``now``, oldest first (then by team, then file order)."""
        self.sync(state)
        if state.ended_at is not None:
            return ()
        if now > self._watermark:
            heap, scheduled = self._heap, self._scheduled
            while heap and heap[0][0] <= now:
                at, tp, k = heapq.heappop(heap)
                if scheduled.get((tp, k)) != at:
                    continue  # re-planned since it was pushed
                del scheduled[(tp, k)]
                self._ready[(tp, k)] = self._due(state.teams[self._teams[tp]], k, at)
                self._sorted = None
            self._watermark = now
        if self._sorted is None:
            ordered = sorted(self._ready.items(), key=lambda item: (item[1].at, *item[0]))
            self._sorted = tuple(due for _, due in ordered)
        if now >= self._watermark:
            return self._sorted
        return tuple(due for due in self._sorted if due.at <= now)

    def next_due_at(self, state: State) -> int | None:
        """The earliest exercise time, later than any asked about so far, at which something
        falls due by the log as it stands; None when nothing more is planned."""
        self.sync(state)
        heap, scheduled = self._heap, self._scheduled
        while heap and scheduled.get((heap[0][1], heap[0][2])) != heap[0][0]:
            heapq.heappop(heap)
        return heap[0][0] if heap else None
