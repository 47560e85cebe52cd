"""How the work of a scenario falls on its roles: a role × phase table, computed from data alone.

For each trainee role and phase: the injects addressed to the role (``to: all`` or naming it), the
expected actions it must carry out, how many of those sit on a branch (an inject with ``after:`` or
``when:``, which not every team receives), the points at stake, and the longest stretch of exercise
time with nothing to do for the role.

Times are nominal: a phase runs its whole ``duration`` after the one before it, an ``at:`` inject
falls due at its offset, and an ``after:`` inject at the earliest time its condition can hold (a
decision taken and an action rated the moment their inject arrives, an expected action missed when
its window runs out) plus its ``delay``, never before its phase starts. A role has something to do
at the moment an inject reaches it and, for each of its expected actions, until the action's
``within`` window closes. Every branch is counted, so a team on one branch may wait longer.

Two flags, which ``validate`` also reports: a role with no expected action in a phase, and a role
carrying more than :data:`RATIO` times the points of another role.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from simtrain.scenario.conditions import All, AnyOf, Chose, Condition, Delivered, Done, Missed, Not
from simtrain.scenario.model import Inject, Scenario

RATIO = 3
"""No role should carry more than this many times the points of another."""


@dataclass(frozen=True)
class Cell:
    """One role in one phase."""

    role: str
    phase: str
    injects: int
    """Injects addressed to the role."""
    actions: int
    """Expected actions by the role."""
    branch_actions: int
    """Of those, the ones on an inject with ``after:`` or ``when:``."""
    points: int
    idle: int
    """Seconds: the longest stretch of the phase with nothing to do for the role."""
    idle_from: int
    """Where that stretch starts, in seconds from the phase start."""


@dataclass(frozen=True)
class RoleTotal:
    role: str
    injects: int
    actions: int
    branch_actions: int
    points: int
    idle: int
    """The longest idle stretch of any phase."""


@dataclass(frozen=True)
class Imbalance:
    """A role carrying more than :data:`RATIO` times the points of the lightest role."""

    role: str
    points: int
    lighter: str
    lighter_points: int


@dataclass(frozen=True)
class Stats:
    cells: tuple[Cell, ...]
    """Role by role in the scenario's order, and phase by phase within a role."""
    totals: tuple[RoleTotal, ...]
    idle_phases: tuple[tuple[str, str], ...]
    """(role, phase) pairs with no expected action."""
    imbalances: tuple[Imbalance, ...]

    def cell(self, role: str, phase: str) -> Cell:
        return next(c for c in self.cells if c.role == role and c.phase == phase)

    def total(self, role: str) -> RoleTotal:
        return next(r for r in self.totals if r.role == role)


def addressed(inject: Inject, role: str) -> bool:
    return inject.to == "all" or role in inject.to


def on_branch(inject: Inject) -> bool:
    """Whether some teams may never receive the inject."""
    return inject.after is not None or inject.when is not None


def phase_starts(scenario: Scenario) -> dict[str, int]:
    """Each phase's nominal start in exercise seconds: the phases run one after the other."""
    starts: dict[str, int] = {}
    clock = 0
    for phase in scenario.phases:
        starts[phase.id] = clock
        clock += phase.duration
    return starts


def nominal_times(scenario: Scenario) -> dict[str, int | None]:
    """Each inject's nominal time, in seconds from its own phase's start (None: it can never
    fall due, e.g. it waits on something unknown)."""
    starts = phase_starts(scenario)
    by_id = {j.id: j for j in scenario.injects}
    owner = {a.id: (j, a.within) for j in scenario.injects for a in j.expect}
    chooser = {o.id: j.id for j in scenario.injects if j.decision for o in j.decision.options}
    absolute: dict[str, int | None] = {}
    visiting: set[str] = set()

    def time_of(ident: str) -> int | None:
        if ident in absolute:
            return absolute[ident]
        inject = by_id.get(ident)
        if inject is None or ident in visiting or inject.phase not in starts:
            return None
        visiting.add(ident)
        start = starts[inject.phase]
        if inject.at is not None:
            found: int | None = start + inject.at
        else:
            assert inject.after is not None  # the model holds exactly one trigger
            held = earliest(inject.after)
            found = None if held is None else max(held + inject.delay, start)
        visiting.discard(ident)
        absolute[ident] = found
        return found

    def earliest(condition: Condition) -> int | None:
        match condition:
            case Delivered(delivered=ident):
                return time_of(ident)
            case Chose(chose=ident):
                return time_of(chooser[ident]) if ident in chooser else None
            case Done(done=ident):
                return time_of(owner[ident][0].id) if ident in owner else None
            case Missed(missed=ident):
                if ident not in owner:
                    return None
                inject, within = owner[ident]
                delivered = time_of(inject.id)
                return None if delivered is None else delivered + (within or 0)
            case All(all=children):
                times = [earliest(c) for c in children]
                return None if None in times else max(t for t in times if t is not None)
            case AnyOf(any=children):
                known = [t for t in (earliest(c) for c in children) if t is not None]
                return min(known) if known else None
            case Not():
                return 0  # holds from the start, until what it negates happens
        return None  # pragma: no cover - the model admits no other shape

    return {
        j.id: (None if (at := time_of(j.id)) is None else at - starts.get(j.phase, 0))
        for j in scenario.injects
    }


def longest_gap(duration: int, busy: Iterable[tuple[int, int]]) -> tuple[int, int]:
    """The longest stretch of ``[0, duration]`` that no busy interval covers: (length, start).
    An instant (``(t, t)``) splits a stretch without covering any of it."""
    best, best_from, free_from = 0, 0, 0
    for begin, end in sorted(busy):
        if begin > free_from and begin - free_from > best:
            best, best_from = begin - free_from, free_from
        free_from = max(free_from, end)
    if duration - free_from > best:
        best, best_from = duration - free_from, free_from
    return best, best_from


def _cell(
    scenario: Scenario, role: str, phase: str, duration: int, times: dict[str, int | None]
) -> Cell:
    injects = actions = branch = points = 0
    busy: list[tuple[int, int]] = []
    for inject in scenario.injects:
        if inject.phase != phase:
            continue
        mine = [a for a in inject.expect if a.by == role]
        to_role = addressed(inject, role)
        injects += to_role
        actions += len(mine)
        branch += len(mine) if on_branch(inject) else 0
        points += sum(a.points for a in mine)
        at = times.get(inject.id)
        if at is None or at > duration or not (to_role or mine):
            continue
        busy.append((at, at))
        busy += [(at, min(at + (a.within or 0), duration)) for a in mine]
    idle, idle_from = longest_gap(duration, busy)
    return Cell(role, phase, injects, actions, branch, points, idle, idle_from)


def imbalances(totals: Iterable[RoleTotal], ratio: int = RATIO) -> tuple[Imbalance, ...]:
    """Each role carrying more than ``ratio`` times the points of the lightest role that has any
    (a role with none has no expected action at all, which is flagged phase by phase)."""
    scored = [r for r in totals if r.points > 0]
    if len(scored) < 2:
        return ()
    lightest = min(scored, key=lambda r: r.points)
    return tuple(
        Imbalance(r.role, r.points, lightest.role, lightest.points)
        for r in scored
        if r.points > ratio * lightest.points
    )


def scenario_stats(scenario: Scenario) -> Stats:
    """The role × phase table of a scenario, with its totals and flags."""
    times = nominal_times(scenario)
    cells: list[Cell] = []
    totals: list[RoleTotal] = []
    for role in scenario.roles:
        mine = [_cell(scenario, role.id, p.id, p.duration, times) for p in scenario.phases]
        cells += mine
        totals.append(
            RoleTotal(
                role.id,
                sum(c.injects for c in mine),
                sum(c.actions for c in mine),
                sum(c.branch_actions for c in mine),
                sum(c.points for c in mine),
                max((c.idle for c in mine), default=0),
            )
        )
    idle_phases = tuple((c.role, c.phase) for c in cells if c.actions == 0)
    return Stats(tuple(cells), tuple(totals), idle_phases, imbalances(totals))
