"""The console's views are pure functions of the run: called here without Textual."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from simtrain.i18n import Translator
from simtrain.scenario.loader import load_scenario
from simtrain.session import Session
from simtrain.tui.console.facilitator import Facilitator
from simtrain.tui.console.inject_views import detail_view, rate_view
from simtrain.tui.console.opening import make_teams, open_console
from simtrain.tui.console.report_views import report_view
from simtrain.tui.console.views import (
    Row,
    cell_state,
    header_view,
    log_lines,
    team_rows,
    timeline_row,
)
from tests.tui.conftest import FakeClock


@pytest.fixture
def facilitator(tmp_path: Path, scenario_folder: Path, clock: FakeClock) -> Iterator[Facilitator]:
    loaded = load_scenario(scenario_folder)
    teams = make_teams(["Alpha", "Bravo:ngo"], [r.id for r in loaded.scenario.roles])
    with Session.create(tmp_path / "v.simtrain", loaded, teams, None, wall_time=clock()) as s:
        yield Facilitator(s, Translator("en"), clock=clock)


def test_the_header_reads_phase_clock_and_waiting(
    facilitator: Facilitator, clock: FakeClock
) -> None:
    view = header_view(facilitator.run_view, facilitator.waiting())
    assert (view.phase_before, view.phase_title) == ("not started", None)
    assert view.status.startswith("Clock not started") and not view.running
    facilitator.toggle_clock()
    clock.advance(600)
    view = header_view(facilitator.run_view, facilitator.waiting())
    assert view.phase_title is not None and view.phase_title.text == "Day 1 - Arrival"
    assert view.clock == "0:10:00" and view.running
    assert "1 inject waits for the control cell" in view.status


def test_timeline_rows_and_cells(facilitator: Facilitator, clock: FakeClock) -> None:
    facilitator.toggle_clock()
    clock.advance(600)
    inject = facilitator.session.scenario.injects[0]
    row = Row(inject.id, inject)
    shown = timeline_row(facilitator.run_view, row, facilitator.due_now())
    assert (shown.time, shown.channel, shown.from_to) == (
        "1·0:10",
        "phone",
        "Duty officer → Criminal investigator, NGO victim support",
    )
    assert shown.cells == ("due", "due")
    facilitator.deliver(inject.id, ["team-1"])
    alpha = facilitator.session.state.teams["team-1"]
    assert cell_state(alpha, row, facilitator.due_now()) == "delivered"


def test_team_rows_count_n_a_as_the_score_does(facilitator: Facilitator) -> None:
    facilitator.toggle_clock()
    facilitator.deliver("first-call", ["team-1"])
    facilitator.rate("team-1", {"call-ngo": ("N/A", "")})
    rows = team_rows(facilitator.run_view, facilitator.session.scores(), facilitator.waiting())
    alpha = rows[0]
    # issue 13: rated / at stake in one unit (actions); N/A is in neither
    assert (alpha.team, alpha.score_text, alpha.delivered) == ("team-1", "—", "0/1")
    facilitator.rate("team-1", {"safe-room": ("P", "")})
    rows = team_rows(facilitator.run_view, facilitator.session.scores(), facilitator.waiting())
    assert (rows[0].score_text, rows[0].delivered) == ("100%", "1/1")


def test_log_lines_newest_first_with_the_seat_that_spoke(facilitator: Facilitator) -> None:
    facilitator.toggle_clock()
    facilitator.note("Alpha asked for an interpreter", "team-1")
    lines = log_lines(facilitator.run_view, facilitator.session.log)
    assert lines[0].text.startswith("Note") and "interpreter" in lines[0].text
    assert lines[0].time == "0:00:00"


def test_detail_rate_and_report_views(facilitator: Facilitator) -> None:
    inject = facilitator.session.scenario.injects[0]
    detail = detail_view(facilitator.run_view, Row(inject.id, inject))
    words = "".join(piece.text for piece in detail.pieces)
    assert "Play the duty officer as hurried." in words and "docs/report.md" in words
    facilitator.toggle_clock()
    facilitator.deliver(inject.id, ["team-1"])
    facilitator.rate("team-1", {"call-ngo": ("P", "fast")}, "wait")
    form = rate_view(facilitator.run_view, inject, ["team-1"])
    assert form.given["team-1"].ratings == {"call-ngo": ("P", "fast")}
    assert form.given["team-1"].option == "wait"
    report = report_view(facilitator.run_view, facilitator.session.scores())
    total = report.total.cells[0]
    # issue 13: the quality of the one rated action (P: 100 %), its coverage 1 of 2 (enough for
    # a letter); the unrated safe-room is not a zero (it read 33 % before)
    assert total is not None and total.with_progress() == "100% P · 1/2"


def test_opening_recovers_a_running_clock(facilitator: Facilitator, clock: FakeClock) -> None:
    facilitator.toggle_clock()
    path = facilitator.session.path
    facilitator.session.close()
    clock.advance(3600)  # the console was gone for an hour
    opened = open_console(path, Translator("en"), None, clock=clock)
    try:
        assert not opened.facilitator.session.state.clock.running
        assert opened.facilitator.run_view.now() == 0
    finally:
        opened.facilitator.session.close()


def test_the_console_views_and_facilitator_load_no_textual() -> None:
    modules = ["views", "inject_views", "facilitator", "opening"]
    code = (
        "import sys\n"
        + "".join(f"import simtrain.tui.console.{m}\n" for m in modules)
        + "bad = [m for m in ('textual', 'rich') if m in sys.modules]\n"
        + "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
