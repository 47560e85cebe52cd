"""Scores on the HSEEP scale: points earned over points at stake in what a team was delivered.

A rating earns a share of its expected action's points: P 100 %, S 66 %, M 33 %, U 0 %; N/A is
left out of both sides. Only expected actions of injects actually delivered to the team, and only
those whose role the team covers, are at stake: a team is never marked down for an inject it never
saw. An expected action delivered but not rated yet is at stake and earns nothing (the report shows
how many are unrated, so an evaluator's backlog is visible rather than flattering). The response
time runs from the inject's delivery to when the team acted (the evaluator's ``acted_at``, else the
rating's time); past the action's ``within`` window the response is late.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from simtrain.session.engine import ScenarioIndex
from simtrain.session.state import State, TeamState

SHARE: Mapping[str, Fraction] = {
    "P": Fraction(1),
    "S": Fraction(66, 100),
    "M": Fraction(33, 100),
    "U": Fraction(0),
}
"""The share of an expected action's points each rating earns; N/A is not here: it is left out."""


@dataclass(frozen=True, slots=True)
class ActionResult:
    """One expected action for one team: its rating and how fast the team responded."""

    expect: str
    inject: str
    role: str
    objective: str
    points: int
    rating: str | None
    earned: Fraction
    delivered_at: int
    response_time: int | None
    late: bool


@dataclass(frozen=True, slots=True)
class Score:
    earned: Fraction = Fraction(0)
    at_stake: int = 0
    rated: int = 0
    unrated: int = 0
    late: int = 0

    @property
    def percent(self) -> float | None:
        """Earned over at stake, in percent to one decimal; None when nothing is at stake."""
        if not self.at_stake:
            return None
        return round(float(self.earned * 100 / self.at_stake), 1)

    def add(self, result: ActionResult) -> Score:
        if result.rating == "N/A":
            return self
        return Score(
            self.earned + result.earned,
            self.at_stake + result.points,
            self.rated + (result.rating is not None),
            self.unrated + (result.rating is None),
            self.late + result.late,
        )


@dataclass(frozen=True, slots=True)
class TeamScore:
    team: str
    total: Score
    by_objective: Mapping[str, Score] = field(default_factory=dict)
    by_role: Mapping[str, Score] = field(default_factory=dict)
    actions: tuple[ActionResult, ...] = ()


def action_results(index: ScenarioIndex, ts: TeamState) -> list[ActionResult]:
    """Every expected action at stake for the team, in the order the team received them."""
    results = []
    deliveries = sorted(ts.delivered.values(), key=lambda d: d.seq)
    for delivery in deliveries:
        k = index.position.get(delivery.inject)
        if k is None:
            continue
        inject = index.injects[k]
        for action in inject.expect:
            if action.by not in ts.team.roles:
                continue
            record = ts.rating(action.id)
            rating = record.rating if record else None
            response = None if record is None else max(0, record.response_at - delivery.at)
            late = (
                response is not None
                and action.within is not None
                and rating in SHARE
                and response > action.within
            )
            results.append(
                ActionResult(
                    expect=action.id,
                    inject=inject.id,
                    role=action.by,
                    objective=action.objective,
                    points=action.points,
                    rating=rating,
                    earned=action.points * SHARE.get(rating or "U", Fraction(0)),
                    delivered_at=delivery.at,
                    response_time=response,
                    late=late,
                )
            )
    return results


def score_team(index: ScenarioIndex, ts: TeamState) -> TeamScore:
    results = action_results(index, ts)
    total = Score()
    by_objective: dict[str, Score] = {o.id: Score() for o in index.scenario.objectives}
    by_role: dict[str, Score] = {role: Score() for role in ts.team.roles}
    for result in results:
        total = total.add(result)
        by_objective[result.objective] = by_objective.get(result.objective, Score()).add(result)
        by_role[result.role] = by_role.get(result.role, Score()).add(result)
    return TeamScore(ts.team.id, total, by_objective, by_role, tuple(results))


def score(index: ScenarioIndex, state: State) -> dict[str, TeamScore]:
    """Every team's score, keyed by team id, in the session's team order."""
    return {team: score_team(index, ts) for team, ts in state.teams.items()}
