"""HSEEP scoring: shares per rating, N/A left out, only what was delivered, response times."""

from __future__ import annotations

from fractions import Fraction

from simtrain.scenario.loader import LoadedScenario
from simtrain.session import (
    ClockStarted,
    InjectDelivered,
    PhaseStarted,
    RatingGiven,
    Session,
)
from tests.session.conftest import ALPHA, BRAVO

M = 60


def run(branching: LoadedScenario, mediator: str | None, scene: str | None) -> Session:
    session = Session.in_memory(branching, [ALPHA, BRAVO], wall_time=0)
    session.append_many([ClockStarted(), PhaseStarted(phase="day-1")], wall_time=0, who="control")
    session.append(InjectDelivered(team="alpha", inject="landing-call"), wall_time=15 * M, who="c")
    if mediator:
        session.append(
            RatingGiven(team="alpha", expect="call-mediator", rating=mediator),
            wall_time=50 * M,
            who="e",
        )
    if scene:
        session.append(
            RatingGiven(team="alpha", expect="secure-scene", rating=scene),
            wall_time=20 * M,
            who="e",
        )
    return session


def test_shares_of_the_hseep_scale(branching: LoadedScenario) -> None:
    for rating, share in (("P", 1), ("S", Fraction(66, 100)), ("M", Fraction(33, 100)), ("U", 0)):
        total = run(branching, rating, "P").scores()["alpha"].total
        assert total.at_stake == 30
        assert total.earned == 20 + 10 * share


def test_not_applicable_is_left_out(branching: LoadedScenario) -> None:
    total = run(branching, "N/A", "S").scores()["alpha"].total
    assert total.at_stake == 20
    assert total.percent == 66.0


def test_unrated_counts_at_stake_and_undelivered_does_not(branching: LoadedScenario) -> None:
    scores = run(branching, None, "P").scores()
    assert scores["alpha"].total.at_stake == 30
    assert scores["alpha"].total.unrated == 1
    assert scores["bravo"].total.at_stake == 0  # bravo never got the call
    assert scores["bravo"].total.percent is None


def test_response_time_and_lateness(branching: LoadedScenario) -> None:
    result = {a.expect: a for a in run(branching, "P", "P").scores()["alpha"].actions}
    assert result["call-mediator"].response_time == 35 * M
    assert result["call-mediator"].late  # within 30m
    assert not result["secure-scene"].late  # no window
    by_objective = run(branching, "P", "U").scores()["alpha"].by_objective
    assert by_objective["identify"].percent == 100.0
    assert by_objective["cooperate"].percent == 0.0


def test_scores_per_role(branching: LoadedScenario) -> None:
    by_role = run(branching, "M", "P").scores()["alpha"].by_role
    assert by_role["ngo"].percent == 33.0
    assert by_role["investigator"].percent == 100.0
