"""Evaluator seat fixtures: a small scenario with windows, decisions and a guarded inject, two
teams on a real session file, and the console's writes from another connection."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from simtrain.i18n import Translator
from simtrain.scenario.loader import load_scenario
from simtrain.session import events as ev
from simtrain.session.session import Session
from simtrain.tui.evaluator.app import EvaluatorApp, make_evaluator_app
from simtrain.tui.evaluator.seat import EvaluatorSeat
from tests.team.conftest import FakeClock

EVAL_SCENARIO = """\
simtrain: 1
id: harbour-eval
language: en
translations: [ru]
title: The harbour case
summary: A call from the reception centre.
objectives:
  - id: identify
    text: Identify presumed victims early.
  - id: protect
    text: Protect and refer the victim.
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
    brief: Hurried.
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
    channel: email
    title: A call from the reception centre
    message: "A woman asks for help. [bold]not markup[/bold] [/]"
    expect:
      - id: call-ngo
        by: investigator
        text: Calls the NGO hotline before the interview.
        objective: identify
        points: 10
        within: 30m
      - id: interpreter
        by: ngo
        text: Asks for an interpreter.
        objective: protect
        points: 5
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
    expect:
      - id: shelter-bed
        by: ngo
        text: Books the shelter bed.
        objective: protect
        points: 10
  - id: rushed
    phase: day-1
    at: "1:00"
    to: all
    channel: email
    when: {chose: interview-now}
    title: The interview went badly
    message: She stopped talking.
  - id: press
    phase: day-1
    at: "2:00"
    to: all
    channel: media
    title: A journalist calls
    message: The press has heard of it.
    expect:
      - id: no-comment
        by: investigator
        text: Gives no details to the press.
        objective: protect
        points: 10
"""

TEAMS = (
    ev.Team(id="team-1", name="Alpha", roles=("investigator", "ngo")),
    ev.Team(id="team-2", name="Bravo", roles=("investigator", "ngo")),
    ev.Team(id="team-3", name="Charlie", roles=("investigator", "ngo")),
)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def session_path(tmp_path: Path, clock: FakeClock) -> Path:
    folder = tmp_path / "harbour"
    folder.mkdir()
    (folder / "scenario.yaml").write_text(EVAL_SCENARIO, encoding="utf-8")
    path = tmp_path / "run.simtrain"
    Session.create(path, load_scenario(folder), TEAMS, wall_time=clock()).close()
    return path


def control(path: Path, clock: FakeClock, *events: ev.Event, who: str = "control") -> None:
    """What the console (or a team terminal, with ``who``) appends from another connection."""
    with Session.open(path) as session:
        session.append_many(events, wall_time=clock(), who=who)
        if who == "control":
            session.store.mark_seen(clock())


@pytest.fixture
def started(session_path: Path, clock: FakeClock) -> Path:
    """The clock started at day 1; at 0:10 the first call reached every team."""
    control(session_path, clock, ev.ClockStarted(), ev.PhaseStarted(phase="day-1"))
    clock.advance(600)
    control(
        session_path,
        clock,
        *(ev.InjectDelivered(team=t.id, inject="first-call") for t in TEAMS),
    )
    return session_path


@pytest.fixture
def seat(clock: FakeClock) -> Iterator[Callable[..., EvaluatorSeat]]:
    opened: list[EvaluatorSeat] = []

    def make(
        path: Path,
        teams: tuple[str, ...] = ("team-1",),
        name: str = "Maria",
        ui: str = "en",
        all_teams: bool = False,
    ) -> EvaluatorSeat:
        made = EvaluatorSeat(
            Session.open(path, "append"),
            Translator(ui),
            teams,
            name,
            all_teams=all_teams,
            clock=clock,
        )
        opened.append(made)
        return made

    yield make
    for made in opened:
        made.session.close()


@pytest.fixture
def evaluator_app(seat: Callable[..., EvaluatorSeat]) -> Callable[..., EvaluatorApp]:
    def make(path: Path, teams: tuple[str, ...] = ("team-1",), **kw: object) -> EvaluatorApp:
        return make_evaluator_app(seat(path, teams, **kw), poll=0.05, steady_cursor=True)

    return make
