"""The exercise clock: start, pause, resume, speed, and exact time after a reopen."""

from __future__ import annotations

from pathlib import Path

from simtrain.scenario.loader import LoadedScenario
from simtrain.session import (
    ClockPaused,
    ClockResumed,
    ClockStarted,
    NoteAdded,
    Session,
    SpeedChanged,
)
from simtrain.session.clock import ClockState
from tests.session.conftest import ALPHA

T0 = 1_700_000_000.0


def test_clock_maths() -> None:
    clock = ClockState()
    assert clock.now(T0) == 0
    clock = clock.start(T0)
    assert clock.now(T0 + 90) == 90
    clock = clock.pause(T0 + 100)
    assert clock.now(T0 + 5000) == 100
    clock = clock.resume(T0 + 200)
    assert clock.now(T0 + 210) == 110
    clock = clock.with_speed(T0 + 210, 60)
    assert clock.now(T0 + 211) == 170
    assert clock.wall_time_of(230) == T0 + 212
    assert clock.now(T0 + 100) == 110  # a wall time before the last clock event adds nothing


def test_events_are_stamped_with_exercise_time(branching: LoadedScenario) -> None:
    session = Session.in_memory(branching, [ALPHA], wall_time=T0)
    session.append(ClockStarted(speed=2), wall_time=T0 + 10, who="control")
    note = session.append(NoteAdded(text="x"), wall_time=T0 + 40, who="control")
    assert note.at == 60
    session.append(ClockPaused(), wall_time=T0 + 50, who="control")
    assert session.append(NoteAdded(text="y"), wall_time=T0 + 999, who="c").at == 80


def test_exercise_time_survives_a_reopen_exactly(branching: LoadedScenario, tmp_path: Path) -> None:
    path = tmp_path / "run.simtrain"
    with Session.create(path, branching, [ALPHA], wall_time=T0) as session:
        session.append(ClockStarted(), wall_time=T0 + 5, who="control")
        session.append(SpeedChanged(speed=4), wall_time=T0 + 105, who="control")
        session.append(ClockPaused(), wall_time=T0 + 205, who="control")
        session.append(ClockResumed(), wall_time=T0 + 1000, who="control")
        live = session.now(T0 + 1003.5)
    with Session.open(path) as reopened:
        assert reopened.now(T0 + 1003.5) == live == 100 + 400 + 14
