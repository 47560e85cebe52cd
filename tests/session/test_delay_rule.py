"""A control cell's delay counts from the inject's scheduled time (issue 12; trial M1).

At 0:52 the director delayed a 1:30 inject by 30 minutes; the log said "until 1:22" and the team
received it at 1:30 as if nothing had been asked. A delay is the scheduled time plus the delay:
the log's ``until`` and the delivery both say so, in a real session file.
"""

from __future__ import annotations

from pathlib import Path

from simtrain.scenario.loader import LoadedScenario
from simtrain.session import ClockStarted, InjectDelayed, PhaseStarted, Session
from simtrain.session.rules import delayed_until
from tests.session.conftest import ALPHA, BRAVO

M = 60


def started(loaded: LoadedScenario, path: Path) -> Session:
    session = Session.create(path, loaded, [ALPHA, BRAVO], None, wall_time=0)
    session.append_many([ClockStarted(), PhaseStarted(phase="day-1")], wall_time=0, who="control")
    return session


def delay(session: Session, team: str, inject: str, now: int, seconds: int) -> int:
    until = delayed_until(session.state, session.index, team, inject, now, seconds)
    session.append(InjectDelayed(team=team, inject=inject, until=until), wall_time=now, who="c")
    return until


def test_a_delay_before_the_inject_is_due_moves_it(
    branching: LoadedScenario, tmp_path: Path
) -> None:
    path = tmp_path / "delay.simtrain"
    with started(branching, path) as session:
        # the manifest falls due at 0:30; at 0:05 Bravo's is held back by 30 minutes
        assert delay(session, "bravo", "manifest", 5 * M, 30 * M) == 60 * M
        due = {(d.team, d.inject) for d in session.due(30 * M)}
        assert ("alpha", "manifest") in due and ("bravo", "manifest") not in due
        assert ("bravo", "manifest") not in {(d.team, d.inject) for d in session.due(60 * M - 1)}
        assert ("bravo", "manifest") in {(d.team, d.inject) for d in session.due(60 * M)}
    with Session.open(path) as reader:  # another process reads the same until
        assert reader.state.teams["bravo"].delayed["manifest"] == 60 * M


def test_a_second_delay_adds_to_the_first(branching: LoadedScenario, tmp_path: Path) -> None:
    with started(branching, tmp_path / "twice.simtrain") as session:
        delay(session, "bravo", "manifest", 5 * M, 30 * M)
        assert delay(session, "bravo", "manifest", 10 * M, 15 * M) == 75 * M


def test_an_inject_already_due_waits_from_now(branching: LoadedScenario, tmp_path: Path) -> None:
    """Overdue since 0:30 and delayed by 10 minutes at 0:45: 0:55, not 0:40 (in the past)."""
    with started(branching, tmp_path / "due.simtrain") as session:
        assert delay(session, "alpha", "manifest", 45 * M, 10 * M) == 55 * M


def test_a_time_not_known_yet_counts_from_now(branching: LoadedScenario, tmp_path: Path) -> None:
    """A condition that has not happened, or a phase not started: at least now plus the delay."""
    with started(branching, tmp_path / "unknown.simtrain") as session:
        assert delay(session, "alpha", "skipper-silent", 5 * M, 30 * M) == 35 * M
        assert delay(session, "alpha", "shelter-offer", 5 * M, 30 * M) == 35 * M
