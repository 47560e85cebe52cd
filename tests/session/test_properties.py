"""Properties over random runs: replay equals live, scores in bounds, teams never interfere,
and the incremental engine always agrees with the plain rules."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simtrain.scenario.loader import LoadedScenario, load_scenario
from simtrain.session import (
    ClockPaused,
    ClockResumed,
    ClockStarted,
    DecisionRecorded,
    Event,
    InjectDelayed,
    InjectDelivered,
    InjectSkipped,
    PhaseStarted,
    RatingGiven,
    Session,
    SessionError,
    SpeedChanged,
    compute_due,
)
from tests.session.conftest import ALPHA, BRANCHING, BRAVO

LOADED: LoadedScenario = load_scenario(BRANCHING)
SCENARIO = LOADED.scenario
INJECTS = [j.id for j in SCENARIO.injects]
EXPECTS = [a.id for j in SCENARIO.injects for a in j.expect]
OPTIONS = [o.id for j in SCENARIO.injects if j.decision for o in j.decision.options]
RATINGS = ["P", "S", "M", "U", "N/A"]
KINDS = [
    "advance",
    "advance",
    "tick",
    "deliver",
    "skip",
    "delay",
    "rate",
    "choose",
    "phase",
    "pause",
    "resume",
    "speed",
]

Op = tuple[str, str, int]
ops = st.lists(
    st.tuples(st.sampled_from(KINDS), st.sampled_from(["alpha", "bravo"]), st.integers(0, 99)),
    max_size=30,
)


def event_for(kind: str, team: str, n: int, now: int) -> Event | None:
    if kind == "deliver":
        return InjectDelivered(team=team, inject=INJECTS[n % len(INJECTS)])
    if kind == "skip":
        return InjectSkipped(team=team, inject=INJECTS[n % len(INJECTS)])
    if kind == "delay":
        return InjectDelayed(team=team, inject=INJECTS[n % len(INJECTS)], until=now + n * 60)
    if kind == "rate":
        return RatingGiven(team=team, expect=EXPECTS[n % len(EXPECTS)], rating=RATINGS[n % 5])
    if kind == "choose":
        return DecisionRecorded(team=team, option=OPTIONS[n % len(OPTIONS)])
    if kind == "phase":
        return PhaseStarted(phase=SCENARIO.phases[n % len(SCENARIO.phases)].id)
    if kind == "pause":
        return ClockPaused()
    if kind == "resume":
        return ClockResumed()
    if kind == "speed":
        return SpeedChanged(speed=1 + n % 4)
    return None


def play(session: Session, script: list[Op], *, check_engine: bool = False) -> None:
    wall = 0.0
    session.append_many([ClockStarted(), PhaseStarted(phase="day-1")], wall_time=wall, who="c")
    for kind, team, n in script:
        if kind == "advance":
            wall += n * 37
            continue
        if kind == "tick":
            session.tick(wall)
        else:
            event = event_for(kind, team, n, session.now(wall))
            assert event is not None
            with contextlib.suppress(SessionError):  # not for that team: refused, as by a console
                session.append(event, wall_time=wall, who="c")
        if check_engine:
            for now in (session.now(wall), session.now(wall) + 3600):
                assert session.due(now) == compute_due(SCENARIO, session.state, now)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops)
def test_replaying_the_stored_log_gives_the_live_state(script: list[Op]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "run.simtrain"
        with Session.create(path, LOADED, [ALPHA, BRAVO], wall_time=0) as live:
            play(live, script)
            state = live.state
            due = live.due(live.now(10**6))
        with Session.open(path) as replayed:
            assert replayed.state == state
            assert replayed.due(replayed.now(10**6)) == due


@settings(max_examples=80, deadline=None)
@given(ops)
def test_the_engine_agrees_with_the_plain_rules(script: list[Op]) -> None:
    play(Session.in_memory(LOADED, [ALPHA, BRAVO], wall_time=0), script, check_engine=True)


@settings(max_examples=80, deadline=None)
@given(ops)
def test_scores_stay_within_bounds(script: list[Op]) -> None:
    session = Session.in_memory(LOADED, [ALPHA, BRAVO], wall_time=0)
    play(session, script)
    for team in session.scores().values():
        for score in [team.total, *team.by_objective.values(), *team.by_role.values()]:
            assert 0 <= score.earned <= score.at_stake
            assert score.percent is None or 0 <= score.percent <= 100


@settings(max_examples=80, deadline=None)
@given(ops)
def test_one_teams_actions_never_change_anothers_deliveries(script: list[Op]) -> None:
    shared = {"advance", "tick", "phase", "pause", "resume", "speed"}
    both = Session.in_memory(LOADED, [ALPHA, BRAVO], wall_time=0)
    play(both, script)
    only_bravo = Session.in_memory(LOADED, [ALPHA, BRAVO], wall_time=0)
    play(only_bravo, [op for op in script if op[0] in shared or op[1] == "bravo"])
    for session in (both, only_bravo):
        session.tick(10**6)

    def seen(session: Session) -> tuple[object, ...]:
        team = session.state.teams["bravo"]
        return (
            sorted((d.inject, d.at) for d in team.delivered.values()),
            sorted((s.inject, s.at) for s in team.skipped.values()),
            [d for d in session.due(10**6) if d.team == "bravo"],
        )

    assert seen(both) == seen(only_bravo)
