"""Issue 13 point 1 in the console: the rating dialog asks when the team acted (a time, an offset
or a team report as evidence), shows the time it read before confirming, and writes it with the
console's seat as the evaluator; two evaluators' differing ratings show in the dialog and on the
report screen. The real app through Pilot, a real session file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input, Select, Static

from simtrain.session import Session
from simtrain.session import events as ev
from simtrain.tui.console.app import ConsoleApp
from simtrain.tui.console.report_screen import ReportScreen
from tests.tui.conftest import FakeClock
from tests.tui.test_console_actions import SIZE, deliver_first


def shown(widget: Static) -> str:
    return str(widget.render())


async def test_the_dialog_reads_acted_at_and_writes_it_with_the_console_seat(
    console: Callable[..., ConsoleApp], tmp_path: Path, clock: FakeClock
) -> None:
    app = console()
    async with app.run_test(size=SIZE) as pilot:
        await deliver_first(pilot, app, clock)  # first-call reaches both teams at 0:10
        assert app.facilitator is not None
        app.facilitator.session.append(
            ev.TeamReport(team="team-1", text="NGO called"), wall_time=clock() + 120, who="team-1"
        )
        clock.advance(3600)  # the evaluator rates an hour later (1:10)
        await pilot.press("r")
        dialog = app.screen
        preview = dialog.query_one("#acted-preview", Static)
        assert "1:10" in shown(preview) and "1:00 after" in shown(preview)  # empty: now
        field = dialog.query_one("#acted-at", Input)
        field.value = "-50m"
        await pilot.pause()
        assert "The team acted at 1·0:20, 0:10 after the inject reached it." in shown(preview)
        field.value = "soon"
        await pilot.pause()
        assert "Write when the team acted" in shown(preview)
        dialog.query_one("#rating-call-ngo", Select).value = "P"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert dialog is app.screen  # no time, no write: the dialog stays with the reason
        assert "Write when the team acted" in shown(dialog.query_one("#error", Static))
        evidence = dialog.query_one("#evidence", Select)
        options = [(str(o[0]), o[1]) for o in evidence._options if isinstance(o[1], str)]
        [(label, value)] = options
        assert value.startswith("#") and "NGO called" in label
        evidence.value = value  # the team's report as evidence: its time
        await pilot.pause()
        assert field.value == value and "time of the team's report" in shown(preview)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert dialog is not app.screen
    with Session.open(tmp_path / "run.simtrain") as reader:
        [rating] = [r.event for r in reader.log if isinstance(r.event, ev.RatingGiven)]
        [report] = reader.state.teams["team-1"].reports
        result = next(a for a in reader.scores()["team-1"].actions if a.expect == "call-ngo")
    assert (rating.rating, rating.evaluator, rating.acted_at) == ("P", "control", report.at)
    assert result.response_time == report.at - 600  # from delivery to the report, not to r


async def test_two_evaluators_who_differ_show_in_the_dialog_and_on_the_report_screen(
    console: Callable[..., ConsoleApp], clock: FakeClock
) -> None:
    app = console()
    async with app.run_test(size=SIZE) as pilot:
        await deliver_first(pilot, app, clock)
        f = app.facilitator
        assert f is not None
        clock.advance(60)
        f.session.append(
            ev.RatingGiven(
                team="team-1", expect="call-ngo", rating="S", evaluator="evaluator:Maria"
            ),
            wall_time=clock(),
            who="evaluator:Maria",
        )
        clock.advance(240)
        f.rate("team-1", {"call-ngo": ("M", "")})  # the console: the latest counts
        await pilot.press("r")
        line = shown(app.screen.query_one("#differ-call-ngo", Static))
        assert line == "Evaluators differ: S by Maria at 1·0:11, M by control cell at 1·0:15"
        assert shown(app.screen.query_one("#differ-safe-room", Static)) == ""
        await pilot.press("escape")
        await pilot.press("t")
        assert isinstance(app.screen, ReportScreen)
        disputed = shown(app.screen.query_one("#report-disputed", Static))
        assert "S by Maria at 1·0:11, M by control cell at 1·0:15" in disputed
