"""The engine's rules, one trigger kind or guard at a time, on the branching scenario."""

from __future__ import annotations

from simtrain.scenario.loader import LoadedScenario
from simtrain.session import (
    ClockStarted,
    DecisionRecorded,
    Engine,
    InjectDelayed,
    InjectDelivered,
    PhaseStarted,
    RatingGiven,
    Session,
    compute_due,
)
from tests.session.conftest import ALPHA, BRAVO

M = 60


def started(loaded: LoadedScenario) -> Session:
    session = Session.in_memory(loaded, [ALPHA, BRAVO], wall_time=0)
    session.append_many([ClockStarted(), PhaseStarted(phase="day-1")], wall_time=0, who="control")
    return session


def due_map(session: Session, now: int) -> dict[tuple[str, str], tuple[int, str]]:
    return {(d.team, d.inject): (d.at, d.action) for d in session.due(now)}


def test_nothing_is_due_before_its_phase_starts(branching: LoadedScenario) -> None:
    session = Session.in_memory(branching, [ALPHA], wall_time=0)
    session.append(ClockStarted(), wall_time=0, who="control")
    assert session.due(10 * 3600) == ()


def test_time_trigger_counts_from_its_phase_start(branching: LoadedScenario) -> None:
    session = started(branching)
    assert ("alpha", "landing-call") not in due_map(session, 15 * M - 1)
    assert due_map(session, 15 * M)[("alpha", "landing-call")] == (15 * M, "confirm")
    session.append(PhaseStarted(phase="day-2"), wall_time=100 * M, who="control")
    # shelter-offer is at 0:10 of day 2, which started at 1:40
    assert due_map(session, 110 * M)[("bravo", "shelter-offer")] == (110 * M, "deliver")
    assert ("bravo", "shelter-offer") not in due_map(session, 110 * M - 1)


def test_an_inject_reaches_only_teams_covering_its_roles(branching: LoadedScenario) -> None:
    session = started(branching)
    session.tick(30 * M)
    assert "manifest" in session.state.teams["alpha"].delivered
    assert "manifest" in session.state.teams["bravo"].delivered  # investigator
    session.append(InjectDelivered(team="alpha", inject="landing-call"), wall_time=31 * M, who="c")
    session.tick(80 * M)  # call-mediator (ngo) missed: complaint goes to ngo teams only
    assert "complaint" in session.state.teams["alpha"].delivered
    assert ("bravo", "complaint") not in due_map(session, 80 * M)
    assert "complaint" not in session.state.teams["bravo"].delivered


def test_condition_trigger_fires_after_its_delay(branching: LoadedScenario) -> None:
    session = started(branching)
    session.tick(30 * M)
    session.append(DecisionRecorded(team="alpha", option="arrest-now"), wall_time=40 * M, who="c")
    assert ("alpha", "skipper-silent") not in due_map(session, 60 * M - 1)
    assert due_map(session, 60 * M)[("alpha", "skipper-silent")] == (60 * M, "deliver")
    assert ("bravo", "skipper-silent") not in due_map(session, 60 * M)


def test_done_triggers_and_delivery_is_confirmed_by_control(branching: LoadedScenario) -> None:
    session = started(branching)
    session.append(InjectDelivered(team="alpha", inject="landing-call"), wall_time=20 * M, who="c")
    session.append(
        RatingGiven(team="alpha", expect="call-mediator", rating="S"), wall_time=25 * M, who="e"
    )
    # mediator-arrives is a meeting: due 10 minutes after the rating, waiting for control
    assert due_map(session, 35 * M)[("alpha", "mediator-arrives")] == (35 * M, "confirm")
    session.tick(200 * M)
    assert "mediator-arrives" not in session.state.teams["alpha"].delivered
    assert ("alpha", "complaint") not in due_map(session, 200 * M)  # done in time: never missed


def test_missed_holds_when_the_window_runs_out(branching: LoadedScenario) -> None:
    session = started(branching)
    session.append(InjectDelivered(team="alpha", inject="landing-call"), wall_time=20 * M, who="c")
    assert ("alpha", "complaint") not in due_map(session, 50 * M - 1)
    assert due_map(session, 50 * M)[("alpha", "complaint")] == (50 * M, "deliver")


def test_missed_holds_on_a_u_rating_and_a_late_p_does_not_undo_it(
    branching: LoadedScenario,
) -> None:
    session = started(branching)
    session.append(InjectDelivered(team="alpha", inject="landing-call"), wall_time=20 * M, who="c")
    session.append(
        RatingGiven(team="alpha", expect="call-mediator", rating="U"), wall_time=22 * M, who="e"
    )
    assert due_map(session, 22 * M)[("alpha", "complaint")] == (22 * M, "deliver")
    session.append(
        RatingGiven(team="alpha", expect="call-mediator", rating="P"), wall_time=23 * M, who="e"
    )
    # it first held at 0:22; the inject stays due from then
    assert due_map(session, 23 * M)[("alpha", "complaint")] == (22 * M, "deliver")


def test_a_rating_before_the_window_ends_cancels_the_predicted_miss(
    branching: LoadedScenario,
) -> None:
    session = started(branching)
    session.append(InjectDelivered(team="alpha", inject="landing-call"), wall_time=20 * M, who="c")
    session.append(
        RatingGiven(team="alpha", expect="call-mediator", rating="P"), wall_time=49 * M, who="e"
    )
    assert ("alpha", "complaint") not in due_map(session, 300 * M)


def test_false_guard_says_skip_and_true_guard_delivers(branching: LoadedScenario) -> None:
    session = started(branching)
    session.tick(30 * M)
    session.append(DecisionRecorded(team="alpha", option="arrest-now"), wall_time=31 * M, who="c")
    session.append(
        DecisionRecorded(team="bravo", option="keep-watching"), wall_time=31 * M, who="c"
    )
    session.append(PhaseStarted(phase="day-2"), wall_time=60 * M, who="control")
    due = due_map(session, 70 * M)
    assert due[("alpha", "shelter-offer")] == (70 * M, "skip")
    assert due[("bravo", "shelter-offer")] == (70 * M, "deliver")
    written = session.tick(70 * M)
    skips = [r.event for r in written if r.event.type == "inject_skipped"]
    assert [(e.team, e.inject, e.reason) for e in skips] == [("alpha", "shelter-offer", "guard")]


def test_per_inject_delivery_override(branching: LoadedScenario) -> None:
    session = started(branching)
    session.tick(30 * M)
    session.append(
        DecisionRecorded(team="bravo", option="keep-watching"), wall_time=30 * M, who="c"
    )
    # network-call is a phone call with delivery: auto
    assert due_map(session, 30 * M)[("bravo", "network-call")] == (30 * M, "deliver")


def test_delay_moves_an_inject_later(branching: LoadedScenario) -> None:
    session = started(branching)
    session.append(
        InjectDelayed(team="alpha", inject="manifest", until=45 * M), wall_time=1 * M, who="c"
    )
    session.tick(30 * M)
    assert "manifest" not in session.state.teams["alpha"].delivered
    assert "manifest" in session.state.teams["bravo"].delivered
    session.tick(45 * M)
    assert session.state.teams["alpha"].delivered["manifest"].at == 45 * M


def test_all_condition_needs_every_part(branching: LoadedScenario) -> None:
    session = started(branching)
    session.append(PhaseStarted(phase="day-2"), wall_time=60 * M, who="control")
    session.tick(70 * M)
    session.append(DecisionRecorded(team="alpha", option="accept-beds"), wall_time=80 * M, who="c")
    assert due_map(session, 85 * M)[("alpha", "beds-taken")] == (85 * M, "deliver")
    assert ("alpha", "unreachable") not in due_map(session, 10_000 * M)


def test_delivering_twice_records_one_delivery(branching: LoadedScenario) -> None:
    session = started(branching)
    first = session.append(
        InjectDelivered(team="alpha", inject="landing-call"), wall_time=20 * M, who="c"
    )
    again = session.append(
        InjectDelivered(team="alpha", inject="landing-call"), wall_time=21 * M, who="d"
    )
    assert again == first
    assert sum(r.event.type == "inject_delivered" for r in session.log) == 1


def test_incremental_engine_agrees_with_the_plain_rules(branching: LoadedScenario) -> None:
    session = started(branching)
    session.append(InjectDelivered(team="alpha", inject="landing-call"), wall_time=20 * M, who="c")
    session.tick(30 * M)
    fresh = Engine(branching.scenario)
    for now in (0, 15 * M, 30 * M, 50 * M, 51 * M, 500 * M):
        assert fresh.due(session.state, now) == compute_due(branching.scenario, session.state, now)
