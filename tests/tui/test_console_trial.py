"""The director's trial, minor points in the console: Esc on setup asks (m1), notices do not pile
up over a dialog and a newer "due" notice replaces the older (m11), a team's reports read whole
(M8)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Button, Static

from simtrain.session import Session
from simtrain.session import events as ev
from simtrain.tui.common.dialogs import ConfirmScreen
from simtrain.tui.console.app import ConsoleApp, Launch, make_console_app
from simtrain.tui.console.console_screen import ConsoleScreen
from simtrain.tui.console.report_views import team_reports
from simtrain.tui.console.setup_screen import SetupScreen
from simtrain.tui.console.team_reports_screen import TeamReportsScreen
from tests.tui.conftest import FakeClock

SIZE = (120, 40)


async def test_esc_on_setup_asks_before_throwing_the_teams_away(
    tmp_path: Path, scenario_folder: Path, clock: FakeClock
) -> None:
    path = tmp_path / "harbour.simtrain"
    launch = Launch(ui_lang="ru", scenario=scenario_folder, session_path=path)
    app = make_console_app(launch, clock, steady_cursor=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("a")  # a third team, typed and not saved anywhere yet
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Выйти без сохранения?" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("enter")  # Enter keeps the setup: the focus is on "keep editing"
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert len(app.screen.drafts) == 3
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#confirm")
        await pilot.pause()
    assert app.return_code in (None, 0)
    assert not path.exists()


def toasts(app: ConsoleApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_notices_wait_while_a_dialog_is_open(
    console: Callable[..., ConsoleApp], clock: FakeClock
) -> None:
    """Injects fall due and a team reports while the note dialog is open: nothing is toasted
    over the dialog; closing it shows the report and the newest "due" notice only."""
    app = console()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ConsoleScreen)
        f = app.facilitator
        assert f is not None
        await pilot.press("space")
        await pilot.press("n")  # a dialog covers the console
        clock.advance(600)
        with Session.open(f.session.path) as terminal:  # the team's own process
            report = ev.TeamReport(team="team-1", text="On our way\x1b]52;c;aGk=\x07")
            terminal.append(report, wall_time=clock(), who="team-1")
        screen.on_tick()
        await pilot.pause()
        assert toasts(app) == []
        await pilot.press("escape")
        await pilot.pause()
        shown = toasts(app)
        assert len(shown) == 2
        assert "On our way" in shown[0] and "\x1b" not in shown[0] and "\x07" not in shown[0]
        assert "first-call is due — “A call from the reception centre”." in shown[1]


async def test_a_newer_due_notice_replaces_the_older(
    tmp_path: Path, branching: Path, clock: FakeClock
) -> None:
    """The call falls due for both teams (one notice); Alpha gets it and chooses to wait, and
    twenty minutes later the shelter's call falls due for Alpha: its notice replaces the first."""
    launch = Launch(
        ui_lang="en",
        scenario=branching,
        session_path=tmp_path / "run.simtrain",
        team_names=["Alpha", "Bravo:ngo"],
        direct=True,
    )
    app = make_console_app(launch, clock, steady_cursor=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ConsoleScreen)
        f = app.facilitator
        assert f is not None
        await pilot.press("space")
        clock.advance(600)
        screen.on_tick()
        await pilot.pause()
        assert [m for m in toasts(app) if "first-call is due" in m]
        f.deliver("first-call", ["team-1"])
        f.rate("team-1", {}, option="wait")
        clock.advance(20 * 60)
        screen.on_tick()
        await pilot.pause()
        due = [m for m in toasts(app) if " is due — " in m]
        assert len(due) == 1 and due[0].startswith("Alpha: shelter-mail is due"), due


async def test_enter_on_a_team_reads_its_reports_whole(
    console: Callable[..., ConsoleApp], clock: FakeClock
) -> None:
    app = console()
    long = "Social services met Tarik at the hospital; " * 6 + "[bold]no[/] # heading"
    async with app.run_test(size=SIZE) as pilot:
        f = app.facilitator
        assert f is not None
        f.session.append(
            ev.TeamReport(team="team-2", text="First"), wall_time=clock(), who="team-2/ngo"
        )
        clock.advance(60)
        f.session.append(ev.TeamReport(team="team-2", text=long), wall_time=clock(), who="team-2")
        view = team_reports(f.run_view, "team-2")
        assert view.title == "Reports from Bravo, newest first"
        assert [text for _, text in view.entries] == [long, "First"]
        assert view.entries[1][0].endswith("Bravo · NGO victim support")
        await pilot.press("tab")  # timeline -> the teams panel
        teams = app.screen.query_one("#teams")
        teams.focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TeamReportsScreen)
        texts = [str(s.render()) for s in app.screen.query(".report-text").results(Static)]
        assert texts == [long, "First"]  # literal: brackets and # stay as written
        await pilot.click(Button)
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
