"""One key press never sends a branch to the wrong team (issue 12, point 3; trial C1, C1a, m15).

The deliver, skip and delay dialogs tick only the teams the inject is due for; every other team
says why on its row, and can be added only on purpose. Ticked and unticked differ in shape.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from simtrain.i18n import Translator
from simtrain.scenario.loader import load_scenario
from simtrain.session import Session
from simtrain.tui.console.app import ConsoleApp, Launch, make_console_app
from simtrain.tui.console.checklist import CheckList
from simtrain.tui.console.console_screen import ConsoleScreen
from simtrain.tui.console.facilitator import Facilitator
from simtrain.tui.console.opening import make_teams
from simtrain.tui.console.team_choice import TeamChoiceView, delay_preview, team_choice
from simtrain.tui.console.team_dialog import TeamsDialog
from simtrain.tui.console.widgets import Timeline
from tests.tui.conftest import FakeClock

SIZE = (120, 40)
TEAMS = ["Alpha", "Bravo:ngo", "Charlie:investigator"]


@pytest.fixture(name="f")
def facilitator(tmp_path: Path, branching: Path, clock: FakeClock) -> Iterator[Facilitator]:
    loaded = load_scenario(branching)
    teams = make_teams(TEAMS, [r.id for r in loaded.scenario.roles])
    with Session.create(tmp_path / "c.simtrain", loaded, teams, None, wall_time=clock()) as s:
        yield Facilitator(s, Translator("en"), clock=clock)


def branches_parted(f: Facilitator, clock: FakeClock) -> None:
    """Alpha waits for a support worker (the e-mail's branch), Bravo interviews at once."""
    f.toggle_clock()
    clock.advance(600)
    f.deliver("first-call", ["team-1", "team-2", "team-3"])
    f.rate("team-1", {}, option="wait")
    f.rate("team-2", {}, option="interview-now")
    clock.advance(20 * 60)


def rows(choice: TeamChoiceView) -> dict[str, tuple[bool, bool, str]]:
    return {o.name: (o.preselected, o.selectable, o.reason) for o in choice.options}


def test_deliver_ticks_only_the_team_on_the_branch(f: Facilitator, clock: FakeClock) -> None:
    branches_parted(f, clock)
    inject = f.session.index.injects[f.session.index.position["shelter-mail"]]
    choice = team_choice(f.run_view, inject, "deliver", f.due_now())
    assert rows(choice) == {
        "Alpha": (True, True, "due now (since 0:30)"),
        "Bravo": (False, True, "not its branch: it chose “Interview her now.”"),
        "Charlie": (False, False, "none of its roles is addressed"),
    }
    assert [o.off_branch for o in choice.options] == [False, True, False]
    f.deliver("shelter-mail", ["team-1"])
    again = team_choice(f.run_view, inject, "deliver", f.due_now())
    assert rows(again)["Alpha"] == (False, False, "already delivered at 0:30")


def test_skip_ticks_nothing_when_nothing_is_due(f: Facilitator, clock: FakeClock) -> None:
    f.toggle_clock()
    clock.advance(300)
    inject = f.session.index.injects[f.session.index.position["press-call"]]
    choice = team_choice(f.run_view, inject, "skip", f.due_now())
    assert {o.name: (o.preselected, o.reason) for o in choice.options} == {
        "Alpha": (False, "its phase has not started"),
        "Bravo": (False, "its phase has not started"),
        "Charlie": (False, "its phase has not started"),
    }
    first = f.session.index.injects[0]
    skip = team_choice(f.run_view, first, "skip", f.due_now())
    assert [o.preselected for o in skip.options] == [False, False, False]  # due at 0:10, not yet
    delay = team_choice(f.run_view, first, "delay", f.due_now())
    assert [o.preselected for o in delay.options] == [True, True, True]
    assert delay.options[0].reason == "due at 0:10"


def test_a_team_that_has_not_answered_is_told_so(f: Facilitator, clock: FakeClock) -> None:
    f.toggle_clock()
    clock.advance(600)
    f.deliver("first-call", ["team-1", "team-2"])
    inject = f.session.index.injects[f.session.index.position["shelter-mail"]]
    choice = team_choice(f.run_view, inject, "delay", f.due_now())
    assert rows(choice)["Bravo"] == (
        False,
        True,
        "it has not answered “A call from the reception centre” yet",
    )


def test_the_delay_preview_counts_from_the_scheduled_time(f: Facilitator, clock: FakeClock) -> None:
    f.toggle_clock()
    clock.advance(300)  # 0:05; the call is due at 0:10
    first = f.session.index.injects[0]
    choice = team_choice(f.run_view, first, "delay", f.due_now())
    assert delay_preview(f.run_view, choice, ["team-2"], 30 * 60) == [
        "Bravo: will be delivered at 0:40 instead of 0:10"
    ]


def app_for(tmp_path: Path, folder: Path, clock: FakeClock, ui: str = "en") -> ConsoleApp:
    launch = Launch(
        ui_lang=ui,
        scenario=folder,
        session_path=tmp_path / "run.simtrain",
        team_names=TEAMS,
        direct=True,
    )
    return make_console_app(launch, clock, steady_cursor=True)


def lines_of(checklist: CheckList) -> list[str]:
    """The team list as a plain-text capture shows it: characters only, no colour."""
    return [checklist.render_line(y).text.rstrip() for y in range(checklist.option_count)]


def delivered(path: Path, inject: str) -> list[str]:
    with Session.open(path) as reader:
        return [
            r.event.team
            for r in reader.log
            if r.event.type == "inject_delivered" and r.event.inject == inject
        ]


async def test_w_d_ctrl_s_gives_the_branch_to_its_team_only(
    tmp_path: Path, branching: Path, clock: FakeClock
) -> None:
    """The trial's three keys on a conditional inject: the other branch's team stays unticked,
    in shape (☐), and says why."""
    app = app_for(tmp_path, branching, clock)
    async with app.run_test(size=SIZE) as pilot:
        assert app.facilitator is not None
        branches_parted(app.facilitator, clock)
        app.screen.on_tick()  # type: ignore[attr-defined]
        await pilot.press("w", "d")
        assert isinstance(app.screen, TeamsDialog)
        shown = lines_of(app.screen.query_one(CheckList))
        assert shown[0].startswith("▸☑  Alpha  — due now")
        assert shown[1].startswith(" ☐  Bravo  — not its branch: it chose “Interview her now.”")
        assert shown[2].startswith(" ☐  Charlie  — none of its roles is addressed")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
        assert delivered(tmp_path / "run.simtrain", "shelter-mail") == ["team-1"]


async def test_delivering_off_branch_asks_a_second_time(
    tmp_path: Path, branching: Path, clock: FakeClock
) -> None:
    app = app_for(tmp_path, branching, clock)
    async with app.run_test(size=SIZE) as pilot:
        assert app.facilitator is not None
        branches_parted(app.facilitator, clock)
        app.screen.on_tick()  # type: ignore[attr-defined]
        await pilot.press("w", "d", "down", "space")  # Bravo, ticked on purpose
        checklist = app.screen.query_one(CheckList)
        assert lines_of(checklist)[1].startswith("▸☑  Bravo")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, TeamsDialog)
        warning = str(app.screen.query_one("#error", Static).render())
        assert "not meant for this team now" in warning
        assert "Bravo: not its branch" in warning and "ctrl+s again" in warning
        assert delivered(tmp_path / "run.simtrain", "shelter-mail") == []
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
        assert delivered(tmp_path / "run.simtrain", "shelter-mail") == ["team-1", "team-2"]


async def test_delay_in_russian_units_moves_the_inject_from_its_time(
    tmp_path: Path, branching: Path, clock: FakeClock
) -> None:
    """Trial M1 and M2: at 0:05 a 30-minute delay of the 0:10 call typed as ``30м`` puts it
    at 0:40 for that team, as the preview said; the other teams get it at 0:10."""
    app = app_for(tmp_path, branching, clock, ui="ru")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        clock.advance(300)
        await pilot.press("x")
        dialog = app.screen
        assert isinstance(dialog, TeamsDialog)
        assert lines_of(dialog.query_one(CheckList))[0].startswith("▸☑  Alpha  — по плану в 0:10")
        await pilot.press("space", "down", "down", "space")  # untick Alpha and Charlie
        dialog.query_one("#delay", Input).value = "30м"
        await pilot.pause()
        preview = str(dialog.query_one("#preview", Static).render())
        assert preview == "Bravo: будет выдан в 0:40 вместо 0:10"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
        clock.advance(300)  # 0:10
        app.screen.on_tick()
        timeline = app.screen.query_one(Timeline)
        assert timeline.state_of("team-1", "first-call") == "due"
        assert timeline.state_of("team-2", "first-call") == "delayed"
        clock.advance(30 * 60)  # 0:40
        app.screen.on_tick()
        assert timeline.state_of("team-2", "first-call") == "due"
    with Session.open(tmp_path / "run.simtrain") as reader:
        until = [r.event.until for r in reader.log if r.event.type == "inject_delayed"]
    assert until == [40 * 60]


async def test_every_team_list_draws_ticks_in_shape(
    console: Callable[..., ConsoleApp], clock: FakeClock
) -> None:
    """C1a: the ad-hoc dialog's list too: ☑ and ☐, never the same glyph in two colours."""
    app = console()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        teams = app.screen.query_one("#teams")
        assert isinstance(teams, CheckList)
        teams.deselect("team-2")
        await pilot.pause()
        shown = lines_of(teams)
        assert shown[0].lstrip("▸ ").startswith("☑  Alpha")
        assert shown[1].lstrip("▸ ").startswith("☐  Bravo")
