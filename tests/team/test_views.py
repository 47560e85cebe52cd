"""What the team terminal's widgets are handed, built and checked without Textual.

The widgets draw frozen views; these tests build the same views from a real session file and the
fake clock, so the header, the reports' authors and the briefing are checked on plain data.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from simtrain.i18n import Translator, slots
from simtrain.session import events as ev
from simtrain.tui.team.seat import TeamSeat
from simtrain.tui.team.views import ClockView, HeaderView
from tests.team.conftest import FakeClock, control_append


def test_the_header_names_the_seat_the_phase_and_the_clock(
    started: Path, team_seat: Callable[..., TeamSeat], clock: FakeClock
) -> None:
    header = team_seat(started, role="ngo").header()
    assert isinstance(header, HeaderView)
    assert header.team == "Alpha"
    assert header.role is not None and header.role.text == "NGO victim support"
    assert header.phase is not None and header.phase.text == "Day 1 - Arrival"
    assert header.clock == ClockView("running", "0:10:00", 1)  # day 1, ten minutes in
    assert team_seat(started).header().role is None  # the whole team's terminal
    control_append(started, clock, ev.ClockPaused())
    seat = team_seat(started)
    assert seat.clock_view().status == "paused"


def test_a_report_is_signed_with_the_seat_that_sent_it(
    started: Path, team_seat: Callable[..., TeamSeat]
) -> None:
    team, ngo = team_seat(started), team_seat(started, role="ngo")
    team.report("First.")
    ngo.report("Second.")
    team.refresh()
    assert [(r.by, r.text) for r in team.reports()] == [
        ("Alpha · NGO victim support", "Second."),
        ("Alpha", "First."),
    ]
    assert str(ngo.who) == "team-1/ngo"


def test_a_role_reads_its_own_briefing_and_the_setting(
    started: Path, team_seat: Callable[..., TeamSeat]
) -> None:
    briefing = team_seat(started, role="investigator").briefing()
    assert briefing.title.text == "The harbour case"
    assert briefing.setting is not None and "Portmar" in briefing.setting.text
    assert [name.text for name, _ in briefing.roles] == ["Criminal investigator"]
    assert len(team_seat(started).briefing().roles) == 2


def test_slots_keep_the_parts_whole_in_the_languages_order() -> None:
    """A slot's value is never formatted into the words: markup in it cannot be read as ours."""
    t = Translator("en")
    pieces = slots(t, "team.answered", {"option": "[b]"}, str.upper, time="0:10")
    assert pieces == ["YOUR TEAM'S ANSWER (AT 0:10): ", "[b]"]
    ru = slots(Translator("ru"), "team.seat_role", {"team": 1, "role": 2}, len)
    assert ru == [1, 3, 2]  # team, " · ", role
