"""A team's score: which expected actions are at stake for it, and what their ratings make.

The scale itself (letters, shares, thresholds, the states of a score) is in
:mod:`simtrain.session.hseep`. Only expected actions of injects actually delivered to the team,
and only those whose role the team covers, are at stake: a team is never marked down for an
inject it never saw. An expected action delivered but not rated yet is at stake: it counts in the
score's coverage, never in its quality (see :class:`~simtrain.session.hseep.Score`). The response
time runs from the inject's delivery to when the team acted (the evaluator's ``acted_at``, else
the rating's time), never to when the evaluator got round to rating; past the action's ``within``
window the response is late, which is counted apart and never changes the rating.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from simtrain.session.engine import ScenarioIndex
from simtrain.session.hseep import SHARE, Score, earned

__all__ = ["ActionResult", "Score", "TeamScore", "action_results", "score", "score_team"]
from simtrain.session.state import AdhocRecord, State, TeamState


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
    """``acted_at`` - ``delivered_at`` (never below 0); None until rated."""
    late: bool
    acted_at: int | None = None
    """When the team acted, in exercise seconds: the evaluator's word, else the rating's time."""
    evaluator: str = ""
    """Who gave the rating that counts (the latest)."""


@dataclass(frozen=True, slots=True)
class TeamScore:
    team: str
    total: Score
    by_objective: Mapping[str, Score] = field(default_factory=dict)
    by_role: Mapping[str, Score] = field(default_factory=dict)
    actions: tuple[ActionResult, ...] = ()


def action_results(
    index: ScenarioIndex, ts: TeamState, adhoc: Mapping[str, AdhocRecord] | None = None
) -> list[ActionResult]:
    """Every expected action at stake for the team, in the order the team received them: those
    of the scenario injects delivered to it, then (``adhoc``: the state's ad-hoc injects) those
    of the ad-hoc injects it received, placed by when they came."""
    results = _scenario_results(index, ts)
    if adhoc and ts.adhoc:
        received = {d.inject: d.seq for d in ts.delivered.values()}
        results += _adhoc_results(ts, adhoc)
        seq = {a: adhoc[a].seq for a in ts.adhoc if a in adhoc}
        results.sort(key=lambda r: received.get(r.inject, seq.get(r.inject, 0)))
    return results


def _adhoc_results(ts: TeamState, adhoc: Mapping[str, AdhocRecord]) -> list[ActionResult]:
    """The ad-hoc injects' expected actions of roles the team covers: no window, never late."""
    results = []
    for adhoc_id in ts.adhoc:
        record = adhoc.get(adhoc_id)
        if record is None:
            continue
        for action in record.event.expect:
            if action.by not in ts.team.roles:
                continue
            rated = ts.rating(action.id)
            rating = rated.rating if rated else None
            response = None if rated is None else max(0, rated.response_at - record.at)
            results.append(
                ActionResult(
                    action.id, adhoc_id, action.by, action.objective, action.points, rating,
                    earned(action.points, rating), record.at, response, late=False,
                    acted_at=None if rated is None else max(rated.response_at, record.at),
                    evaluator=rated.evaluator if rated else "",
                )
            )  # fmt: skip
    return results


def _scenario_results(index: ScenarioIndex, ts: TeamState) -> list[ActionResult]:
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
                    earned=earned(action.points, rating),
                    delivered_at=delivery.at,
                    response_time=response,
                    late=late,
                    acted_at=None if record is None else max(record.response_at, delivery.at),
                    evaluator=record.evaluator if record else "",
                )
            )
    return results


def score_team(
    index: ScenarioIndex, ts: TeamState, adhoc: Mapping[str, AdhocRecord] | None = None
) -> TeamScore:
    results = action_results(index, ts, adhoc)
    total = Score()
    by_objective: dict[str, Score] = {o.id: Score() for o in index.scenario.objectives}
    by_role: dict[str, Score] = {role: Score() for role in ts.team.roles}
    for result in results:
        points, rating, late = result.points, result.rating, result.late
        total = total.add(points, rating, late)
        objective = by_objective.get(result.objective, Score())
        by_objective[result.objective] = objective.add(points, rating, late)
        by_role[result.role] = by_role.get(result.role, Score()).add(points, rating, late)
    return TeamScore(ts.team.id, total, by_objective, by_role, tuple(results))


def score(index: ScenarioIndex, state: State) -> dict[str, TeamScore]:
    """Every team's score, keyed by team id, in the session's team order."""
    return {team: score_team(index, ts, state.adhoc) for team, ts in state.teams.items()}
