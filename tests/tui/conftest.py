"""Console fixtures: a real scenario folder, a real session file, a clock the test moves by hand."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from simtrain.tui.console.app import ConsoleApp, Launch, make_console_app

CONSOLE_SCENARIO = """\
simtrain: 1
id: harbour
language: en
translations: [ru]
title: The harbour case
objectives:
  - id: identify
    text: Identify presumed victims among new arrivals.
  - id: refer
    text: Refer presumed victims to assistance.
roles:
  - id: investigator
    name: Criminal investigator
    briefing: You lead the investigation.
  - id: ngo
    name: NGO victim support
    briefing: You support presumed victims.
characters:
  - id: duty-officer
    name: Duty officer
    brief: Calm, procedural.
phases:
  - id: day-1
    title: Day 1 - Arrival
    duration: 8h
  - id: day-2
    title: Day 2 - Follow-up
    duration: 8h
injects:
  - id: first-call
    phase: day-1
    at: "0:10"
    from: duty-officer
    to: [investigator, ngo]
    channel: phone
    title: A call from the reception centre
    message: A woman at the reception centre asks for help.
    control_note: Play the duty officer as hurried.
    attachments: [docs/report.md]
    expect:
      - id: call-ngo
        by: investigator
        text: Calls the NGO before any interview.
        objective: identify
        points: 10
        within: 30m
      - id: safe-room
        by: ngo
        text: Finds a safe room and an interpreter.
        objective: refer
        points: 20
        within: 1h
    decision:
      prompt: Interview her now?
      options:
        - id: interview-now
          text: Interview her now.
        - id: wait
          text: Wait for a support worker.
  - id: shelter-mail
    phase: day-1
    after: {chose: wait}
    delay: 20m
    to: [ngo]
    channel: email
    title: The shelter has a bed
    message: The shelter confirms a bed for tonight.
    expect:
      - id: book-bed
        by: ngo
        text: Books the bed and arranges transport.
        objective: refer
        points: 10
  - id: press-call
    phase: day-2
    at: "0:30"
    to: all
    channel: media
    title: A newspaper asks questions
    message: A reporter has heard about the case.
"""

RU = """\
language: ru
entries:
  title:
    src: {title}
    text: Дело в гавани
"""


@dataclass
class FakeClock:
    """Wall time the test sets; the console reads it instead of the real clock."""

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
    from simtrain.scenario.catalog import source_hash

    folder = tmp_path / "harbour"
    (folder / "docs").mkdir(parents=True)
    (folder / "scenario.yaml").write_text(CONSOLE_SCENARIO, encoding="utf-8")
    (folder / "docs" / "report.md").write_text("# Police report\n\nShe arrived at 02:40.\n")
    (folder / "l10n").mkdir()
    (folder / "l10n" / "ru.yaml").write_text(
        RU.format(title=source_hash("The harbour case")), encoding="utf-8"
    )
    return folder


@pytest.fixture
def branching(tmp_path: Path, scenario_folder: Path) -> Path:
    """The harbour scenario with its conditional e-mail played as a phone call: it waits for
    the control cell, so only the dialog decides who gets it (the trial's d1-surveillance)."""
    before = "    to: [ngo]\n    channel: email"
    text = CONSOLE_SCENARIO.replace(before, before.replace("email", "phone"))
    assert text != CONSOLE_SCENARIO
    (scenario_folder / "scenario.yaml").write_text(text, encoding="utf-8")
    return scenario_folder


@pytest.fixture
def console(tmp_path: Path, scenario_folder: Path, clock: FakeClock) -> Callable[..., ConsoleApp]:
    """A console on the harbour scenario with two teams, its session in ``tmp_path``."""

    def make(ui: str = "en", teams: list[str] | None = None, **launch: object) -> ConsoleApp:
        options: dict[str, object] = {
            "ui_lang": ui,
            "scenario": scenario_folder,
            "session_path": tmp_path / "run.simtrain",
            "team_names": teams or ["Alpha", "Bravo:ngo"],
            "direct": True,
        }
        options.update(launch)
        return make_console_app(Launch(**options), clock, steady_cursor=True)  # type: ignore[arg-type]

    return make


def dedent(text: str) -> str:
    return textwrap.dedent(text)
