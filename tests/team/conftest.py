"""Team terminal fixtures: a scenario full of things a team must never see, and a real session.

Every text a trainee must not read carries ``SECRET`` in it, so a boundary test can look for that
one word on every screen and in every piece of data the team app holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from simtrain.i18n import Translator
from simtrain.scenario.loader import load_scenario
from simtrain.session import events as ev
from simtrain.session.session import Session
from simtrain.tui.team.app import TeamApp, make_team_app
from simtrain.tui.team.seat import TeamSeat

TEAM_SCENARIO = """\
simtrain: 1
id: harbour
language: en
translations: [ru]
title: The harbour case
summary: SECRET summary for the facilitator only.
setting: Portmar is a coastal state with a busy ferry port.
objectives:
  - id: identify
    text: SECRET objective identify.
roles:
  - id: investigator
    name: Criminal investigator
    briefing: You lead the investigation for the prosecutor.
  - id: ngo
    name: NGO victim support
    briefing: You support presumed victims and protect their rights.
characters:
  - id: duty-officer
    name: Duty officer Rossi
    played_by: actor
    brief: SECRET character brief, hurried and evasive.
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
    message: "A woman asks for help. [bold]not markup[/bold] [/]"
    control_note: SECRET control note, play it hurried.
    attachments: [docs/report.md]
    expect:
      - id: call-ngo
        by: investigator
        text: SECRET expected action, calls the NGO.
        objective: identify
        points: 10
    decision:
      prompt: Interview her now?
      options:
        - id: interview-now
          text: Interview her now.
        - id: wait
          text: Wait for a support worker.
  - id: ngo-mail
    phase: day-1
    at: "0:20"
    to: [ngo]
    channel: email
    title: Shelter has a bed
    message: The shelter confirms a bed for tonight.
    control_note: SECRET ngo note.
    attachments: [docs/shelter.md]
  - id: future-call
    phase: day-1
    at: "2:00"
    to: all
    channel: media
    title: SECRET future title
    message: SECRET future message
    attachments: [docs/secret.md]
"""


@dataclass
class FakeClock:
    now: float = 1_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def scenario_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "harbour"
    (folder / "docs").mkdir(parents=True)
    (folder / "scenario.yaml").write_text(TEAM_SCENARIO, encoding="utf-8")
    (folder / "docs" / "report.md").write_text(
        "# Police report\n\nShe arrived at 02:40. [See the secret](secret.md)\n"
    )
    (folder / "docs" / "shelter.md").write_text("# Shelter\n\nOne bed.\n")
    (folder / "docs" / "secret.md").write_text("# SECRET document\n")
    return folder


TEAMS = (
    ev.Team(id="team-1", name="Alpha", roles=("investigator", "ngo")),
    ev.Team(id="team-2", name="Bravo", roles=("investigator", "ngo")),
)


@pytest.fixture
def session_path(tmp_path: Path, scenario_folder: Path, clock: FakeClock) -> Path:
    path = tmp_path / "run.simtrain"
    Session.create(path, load_scenario(scenario_folder), TEAMS, wall_time=clock()).close()
    return path


def control_append(path: Path, clock: FakeClock, *events: ev.Event) -> None:
    """What the console does, from another connection to the file: it appends, and marks itself
    seen as its clock tick does, so team terminals know a console drives the clock."""
    with Session.open(path) as session:
        session.append_many(events, wall_time=clock(), who="control")
        session.store.mark_seen(clock())


def console_seen(path: Path, clock: FakeClock) -> None:
    """A console's tick: it was alive at the clock's time now."""
    with Session.open(path) as session:
        session.store.mark_seen(clock())


@pytest.fixture
def started(session_path: Path, clock: FakeClock) -> Path:
    control_append(session_path, clock, ev.ClockStarted(), ev.PhaseStarted(phase="day-1"))
    clock.advance(600)
    console_seen(session_path, clock)
    return session_path


@pytest.fixture
def team_seat(clock: FakeClock) -> Iterator[Callable[..., TeamSeat]]:
    opened: list[TeamSeat] = []

    def make(path: Path, team: str = "team-1", role: str | None = None, ui: str = "en") -> TeamSeat:
        seat = TeamSeat(Session.open(path), Translator(ui), team, role, clock=clock)
        opened.append(seat)
        return seat

    yield make
    for seat in opened:
        seat.session.close()


@pytest.fixture
def team_app(team_seat: Callable[..., TeamSeat]) -> Callable[..., TeamApp]:
    def make(path: Path, team: str = "team-1", role: str | None = None, ui: str = "en") -> TeamApp:
        return make_team_app(team_seat(path, team, role, ui), poll=0.05, steady_cursor=True)

    return make
