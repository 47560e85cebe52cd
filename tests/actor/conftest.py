"""Actor's seat fixtures: a scenario whose cues come at a time, after a choice and under a guard,
and a second character whose every text says ``OTHERCHAR`` (an actor must never see it)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from simtrain.i18n import Translator
from simtrain.scenario.loader import load_scenario
from simtrain.session import events as ev
from simtrain.session.session import Session
from simtrain.tui.actor.app import ActorApp, make_actor_app
from simtrain.tui.actor.seat import ActorSeat
from tests.team.conftest import FakeClock, console_seen, control_append

ACTOR_SCENARIO = """\
simtrain: 1
id: harbour-cues
language: en
title: The harbour case
setting: Portmar is a coastal state with a busy ferry port.
objectives:
  - id: identify
    text: Identify the victim.
roles:
  - id: investigator
    name: Criminal investigator
    briefing: You lead the investigation.
  - id: ngo
    name: NGO victim support
    briefing: You support presumed victims.
characters:
  - id: duty-officer
    name: Duty officer Rossi
    played_by: actor
    brief: Hurried and evasive; he knows the woman arrived on the night ferry.
  - id: witness
    name: OTHERCHAR the dock worker
    played_by: actor
    brief: OTHERCHAR brief.
phases:
  - id: day-1
    title: Day 1 - Arrival
    duration: 8h
injects:
  - id: first-call
    phase: day-1
    at: "0:10"
    from: duty-officer
    to: [investigator, ngo]
    channel: phone
    title: A call from the reception centre
    message: "A woman asks for help. [bold]not markup[/bold]"
    control_note: Play it hurried; hang up if pressed on names.
    expect:
      - id: call-ngo
        by: investigator
        text: Calls the NGO hotline.
        objective: identify
        points: 10
    decision:
      prompt: Interview her now?
      options:
        - id: interview-now
          text: Interview her now
        - id: wait
          text: Wait for a support worker
  - id: witness-call
    phase: day-1
    at: "0:15"
    from: witness
    to: [investigator]
    channel: phone
    title: OTHERCHAR title
    message: OTHERCHAR message
    control_note: OTHERCHAR note
  - id: follow-up
    phase: day-1
    after: {chose: interview-now}
    delay: 10m
    from: duty-officer
    to: [investigator]
    channel: phone
    title: The officer calls back
    message: The woman's passport is with her employer.
  - id: guarded
    phase: day-1
    at: "0:30"
    when: {done: call-ngo}
    from: duty-officer
    to: [ngo]
    channel: phone
    title: The officer offers a room
    message: A quiet room is free for the interview.
"""

TEAMS = (
    ev.Team(id="team-1", name="Alpha", roles=("investigator", "ngo")),
    ev.Team(id="team-2", name="Bravo", roles=("investigator", "ngo")),
    ev.Team(id="team-3", name="Charlie", roles=("ngo",)),
)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def actor_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "harbour-cues"
    folder.mkdir()
    (folder / "scenario.yaml").write_text(ACTOR_SCENARIO, encoding="utf-8")
    return folder


def make_session(path: Path, folder: Path, clock: FakeClock, *, confirm: bool) -> Path:
    loaded = load_scenario(folder)
    Session.create(path, loaded, TEAMS, wall_time=clock(), actors_confirm=confirm).close()
    return path


@pytest.fixture
def session_path(tmp_path: Path, actor_folder: Path, clock: FakeClock) -> Path:
    return make_session(tmp_path / "run.simtrain", actor_folder, clock, confirm=False)


@pytest.fixture
def confirming_path(tmp_path: Path, actor_folder: Path, clock: FakeClock) -> Path:
    return make_session(tmp_path / "play.simtrain", actor_folder, clock, confirm=True)


def start(path: Path, clock: FakeClock, minutes: int = 0) -> Path:
    """The console starts the clock and the first phase, and time runs ``minutes``."""
    control_append(path, clock, ev.ClockStarted(), ev.PhaseStarted(phase="day-1"))
    clock.advance(minutes * 60)
    console_seen(path, clock)
    return path


@pytest.fixture
def actor_seat(clock: FakeClock) -> Iterator[Callable[..., ActorSeat]]:
    opened: list[ActorSeat] = []

    def make(path: Path, character: str = "duty-officer", ui: str = "en") -> ActorSeat:
        seat = ActorSeat(Session.open(path, "append"), Translator(ui), character, clock=clock)
        opened.append(seat)
        return seat

    yield make
    for seat in opened:
        seat.session.close()


@pytest.fixture
def actor_app(actor_seat: Callable[..., ActorSeat]) -> Callable[..., ActorApp]:
    def make(path: Path, character: str = "duty-officer", ui: str = "en") -> ActorApp:
        return make_actor_app(actor_seat(path, character, ui), poll=0.05, steady_cursor=True)

    return make


__all__ = ["FakeClock", "console_seen", "control_append", "start"]
