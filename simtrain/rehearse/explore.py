"""Exploring a scenario's branches: "is every inject, expected action and option reachable?"

One team covers every role, so every inject is addressed to it. Each path is a run on the virtual
clock: phases start one after another as each one's duration ends, every inject a person plays is
confirmed as soon as it is due, and when an inject is delivered the path picks an option of its
decision and a rating (P or U) for each of its expected actions that a condition tests. Paths are
enumerated depth-first by replaying a prefix of choices: each run is short, and replaying is
simpler and safer than copying a session mid-run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from simtrain.rehearse.runner import Runner
from simtrain.scenario.conditions import references
from simtrain.scenario.loader import LoadedScenario
from simtrain.scenario.model import Inject, Scenario
from simtrain.session import events as ev

EXPLORE_LIMIT = 5000
"""Paths tried at most; a scenario with more branches is reported as not fully explored."""

_STEPS_PER_PHASE = 100_000
"""A bound on the moments one phase may stop at, so a scenario that never settles cannot hang."""


@dataclass
class Exploration:
    scenario: Scenario
    paths: int = 0
    complete: bool = True
    injects: set[str] = field(default_factory=set)
    expects: set[str] = field(default_factory=set)
    options: set[str] = field(default_factory=set)

    def unreached(self) -> dict[str, list[str]]:
        """What no explored path reaches, in file order."""
        s = self.scenario
        return {
            "inject": [j.id for j in s.injects if j.id not in self.injects],
            "expect": [a.id for j in s.injects for a in j.expect if a.id not in self.expects],
            "option": [
                o.id
                for j in s.injects
                if j.decision
                for o in j.decision.options
                if o.id not in self.options
            ],
        }


def explore(loaded: LoadedScenario, limit: int = EXPLORE_LIMIT) -> Exploration:
    """Try every decision option and both sides of every tested expected action."""
    scenario = loaded.scenario
    tested = {
        ident
        for inject in scenario.injects
        for condition in (inject.after, inject.when)
        if condition is not None
        for kind, ident, _ in references(condition)
        if kind in ("done", "missed")
    }
    team = ev.Team(id="explorer", name="explorer", roles=tuple(r.id for r in scenario.roles))
    found = Exploration(scenario)
    stack: list[list[int]] = [[]]
    while stack:
        if found.paths >= limit:
            found.complete = False
            break
        prefix = stack.pop()
        path = _Path(loaded, team, tested, prefix, found)
        path.run()
        found.paths += 1
        for depth in range(len(path.taken) - 1, len(prefix) - 1, -1):
            for alternative in range(path.widths[depth] - 1, 0, -1):
                stack.append([*path.taken[:depth], alternative])
    return found


class _Path:
    """One run: replays ``prefix`` for its first choices, then takes the first of each."""

    def __init__(
        self,
        loaded: LoadedScenario,
        team: ev.Team,
        tested: set[str],
        prefix: list[int],
        found: Exploration,
    ) -> None:
        self.loaded = loaded
        self.team = team
        self.tested = tested
        self.prefix = prefix
        self.found = found
        self.runner = Runner(loaded, [team], auto_confirm=True)
        self.taken: list[int] = []
        """The choice made at each branching point, in order."""
        self.widths: list[int] = []
        """How many choices each branching point had."""
        self.handled: set[str] = set()

    def run(self) -> None:
        phases = self.loaded.scenario.phases
        start = 0
        for k, phase in enumerate(phases):
            if k:
                self.runner.append(ev.PhaseStarted(phase=phase.id))
                self.respond()
            start = max(start, self.runner.now)
            end = start + phase.duration
            self.run_until(end if k < len(phases) - 1 else None)
            start = end

    def pick(self, width: int) -> int:
        taken = len(self.taken)
        choice = self.prefix[taken] if taken < len(self.prefix) else 0
        self.taken.append(choice)
        self.widths.append(width)
        return choice

    def respond(self) -> None:
        """Answer every newly delivered inject: a decision option, ratings for tested actions."""
        session = self.runner.session
        while True:
            ts = session.state.teams[self.team.id]
            new = [
                d
                for d in sorted(ts.delivered.values(), key=lambda d: d.seq)
                if d.inject not in self.handled
            ]
            if not new:
                return
            for delivery in new:
                self.handled.add(delivery.inject)
                self.found.injects.add(delivery.inject)
                self.answer(session.index.injects[session.index.position[delivery.inject]])

    def answer(self, inject: Inject) -> None:
        team = self.team.id
        for action in inject.expect:
            self.found.expects.add(action.id)
            if action.id in self.tested:
                rating = ("P", "U")[self.pick(2)]
                self.runner.append(ev.RatingGiven(team=team, expect=action.id, rating=rating))
        if inject.decision is not None:
            option = inject.decision.options[self.pick(len(inject.decision.options))]
            self.found.options.add(option.id)
            self.runner.append(ev.DecisionRecorded(team=team, option=option.id))

    def run_until(self, target: int | None) -> None:
        session = self.runner.session
        self.respond()
        for _ in range(_STEPS_PER_PHASE):
            upcoming = session.engine.next_due_at(session.state)
            if upcoming is None or (target is not None and upcoming > target):
                break
            self.runner.advance_to(upcoming)
            self.respond()
        if target is not None:
            self.runner.advance_to(target)
            self.respond()
