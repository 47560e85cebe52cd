"""The setup screen through the real app: teams, their roles, and what a missing role costs."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from simtrain.session import Session
from simtrain.tui.console.app import Launch, make_console_app
from simtrain.tui.console.console_screen import ConsoleScreen
from simtrain.tui.console.setup_screen import SetupScreen
from tests.tui.conftest import FakeClock

SIZE = (120, 40)


async def test_teams_roles_and_start(
    tmp_path: Path, scenario_folder: Path, clock: FakeClock
) -> None:
    path = tmp_path / "sessions" / "harbour.simtrain"
    app = make_console_app(
        Launch(ui_lang="en", scenario=scenario_folder, session_path=path), clock, steady_cursor=True
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        line = screen.query_one("#column", Static)
        coverage = screen.query_one("#coverage", Static)
        assert str(coverage.render()) == ""  # every team covers every role
        await pilot.press("right")  # the investigator's column, named in full below the grid
        assert "Column: Criminal investigator" in str(line.render())
        await pilot.press("space")  # team 1 gives up the investigator
        # first-call is for the investigator and the NGO (still covered); none is investigator-only
        assert str(coverage.render()) == ""
        await pilot.press("right", "space")  # and the NGO: first-call and shelter-mail are lost
        assert str(coverage.render()) == (
            "Team 1 will not receive 2 of the 3 injects: "
            "it covers none of the roles they are addressed to."
        )
        await pilot.press("ctrl+s")  # a team with no role cannot start
        assert isinstance(app.screen, SetupScreen)
        assert "covers no role" in str(screen.query_one("#error", Static).render())
        await pilot.press("space", "a")  # NGO back for team 1; a third team
        await pilot.press("left", "left", "enter")  # rename team 1
        name = app.screen.query_one("#name", Input)
        name.value = "Harbour [bold]police[/]"
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
    with Session.open(path) as session:
        teams = [(t.name, t.roles) for t in session.teams]
    assert teams == [
        ("Harbour [bold]police[/]", ("ngo",)),
        ("Team 2", ("investigator", "ngo")),
        ("Team 3", ("investigator", "ngo")),
    ]


async def test_picker_opens_the_chosen_scenario_in_setup(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From the list of shipped scenarios to the setup of the one chosen, in Italian."""
    monkeypatch.chdir(tmp_path)  # no local scenarios: the three shipped ones
    app = make_console_app(Launch(ui_lang="it", content_lang="it"), clock, steady_cursor=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        assert screen.loaded.scenario.id == "field-to-fork"
        title = str(screen.query_one(".dialog-title", Static).render())
        assert title == (
            "Sfruttamento lavorativo nella catena di fornitura delle mense scolastiche"
        )
        path = screen.query_one("#path", Input).value
        assert path.startswith("sessions/field-to-fork-") and path.endswith(".simtrain")
