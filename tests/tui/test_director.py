"""The director's trial, remaining points (m2, m5, m8, m9, m10, m15, M8): through the real console.

Each test drives the app through Pilot on a real session file and reads the screen (or the file
as another reader sees it): a branch skip has its own glyph, the clock reads the day as the
timeline does, names replace ids, a skip keeps its reason, the rating dialog shows the role and
the team's latest report and takes P/S/M/U/N, and the setup grid keeps the team column.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Button, DataTable, Digits, Input, Select, SelectionList, Static

from simtrain.session import Session
from simtrain.session import events as ev
from simtrain.tui.console.app import ConsoleApp
from simtrain.tui.console.console_screen import ConsoleScreen
from simtrain.tui.console.dialogs import HelpScreen, RateDialog
from simtrain.tui.console.setup_screen import two_lines
from simtrain.tui.console.views import SYMBOLS, log_lines
from simtrain.tui.console.widgets import Timeline, short_from_to
from tests.tui.conftest import CONSOLE_SCENARIO, FakeClock

SIZE = (120, 40)


def screen_text(app: ConsoleApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def append(app: ConsoleApp, clock: FakeClock, *events: ev.Event, who: str = "control") -> None:
    """Events another seat wrote (a team terminal, the engine), then the screen's refresh."""
    f = app.facilitator
    assert f is not None
    recorded = f.session.append_many(list(events), wall_time=clock(), who=who)
    screen = app.screen
    assert isinstance(screen, ConsoleScreen)
    screen.after_events(recorded)


async def start_and_reach_first_call(pilot: object, clock: FakeClock) -> None:
    await pilot.press("space")  # type: ignore[attr-defined]
    clock.advance(600)
    await pilot.pause()  # type: ignore[attr-defined]


# --- m9: a branch skip is not a control skip ---------------------------------------------------


async def test_branch_skip_has_its_own_glyph_in_timeline_and_help(
    console: Callable[..., ConsoleApp], clock: FakeClock
) -> None:
    app = console()
    async with app.run_test(size=SIZE) as pilot:
        await start_and_reach_first_call(pilot, clock)
        append(
            app,
            clock,
            ev.InjectSkipped(team="team-1", inject="first-call", reason="control"),
            ev.InjectSkipped(team="team-2", inject="first-call", reason="guard"),
        )
        timeline = app.screen.query_one(Timeline)
        assert timeline.state_of("team-1", "first-call") == "skipped"
        assert timeline.state_of("team-2", "first-call") == "off_branch"
        cell = str(timeline.get_cell("first-call", "teams"))
        assert cell == "✗ ⊘"  # shape, not colour: a plain-text capture tells them apart
        assert SYMBOLS["off_branch"] not in (SYMBOLS["skipped"], SYMBOLS["pending"])
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "⊘" in shown and "not on this team's branch" in shown


# --- m10: the clock reads the day, as the timeline does ----------------------------------------


@pytest.mark.parametrize(("ui", "day"), [("en", "Day 2"), ("ru", "День 2"), ("it", "Giorno 2")])
async def test_header_clock_shows_day_and_time_since_it_began(
    console: Callable[..., ConsoleApp], clock: FakeClock, ui: str, day: str
) -> None:
    app = console(ui=ui)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        clock.advance(3 * 3600)
        app.screen.on_tick()  # type: ignore[attr-defined]
        await pilot.pause()
        assert screen_text(app, "#clock-day") == day.replace("2", "1")
        assert app.screen.query_one("#clock", Digits).value == "3:00:00"
        f = app.facilitator
        assert f is not None
        f.next_phase()
        clock.advance(22 * 60 + 5)
        app.screen.on_tick()  # type: ignore[attr-defined]
        await pilot.pause()
        assert screen_text(app, "#clock-day") == day
        assert app.screen.query_one("#clock", Digits).value == "0:22:05"  # seconds kept


# --- m5: names, not ids -------------------------------------------------------------------------


async def test_timeline_and_log_show_names_and_texts_not_ids(
    console: Callable[..., ConsoleApp], clock: FakeClock
) -> None:
    app = console()
    async with app.run_test(size=SIZE) as pilot:
        await start_and_reach_first_call(pilot, clock)
        timeline = app.screen.query_one(Timeline)
        from_to = str(timeline.get_cell("first-call", "from_to"))
        assert from_to == "Duty off…→Criminal …"  # names, each side cut to its share
        assert "duty-officer" not in from_to
        press = str(timeline.get_cell("press-call", "from_to"))
        assert press.startswith("control cell →")  # by its name in the interface language
        f = app.facilitator
        assert f is not None
        f.deliver("first-call", ["team-1"])
        f.rate("team-1", {"call-ngo": ("P", "")}, option="wait")
        lines = [line.text for line in log_lines(f.run_view, f.session.log)]
        assert "Alpha chose “Wait for a support worker.”" in lines
        assert any(
            line.startswith("Alpha: Calls the NGO before any interview. rated P") for line in lines
        )
        assert not any("call-ngo" in line or "chose wait" in line for line in lines)
        # the detail pane keeps the ids a facilitator may need
        detail = str(app.screen.query_one("#detail-body", Static).render())
        assert "[call-ngo]" in detail and "[wait]" in detail


def test_from_to_keeps_both_sides_when_cut() -> None:
    shown = short_from_to("Greta Amsel, hospital social worker → Social services, NGO", 18)
    assert len(shown) == 18 and shown.startswith("Greta") and "→Social" in shown
    assert short_from_to("Duty officer → NGO", 18) == "Duty officer → NGO"


# --- m15: a skip with a reason ------------------------------------------------------------------


async def test_skip_dialog_records_its_reason_in_log_and_file(
    console: Callable[..., ConsoleApp], tmp_path: Path, clock: FakeClock
) -> None:
    app = console(ui="ru")
    async with app.run_test(size=SIZE) as pilot:
        await start_and_reach_first_call(pilot, clock)
        await pilot.press("s")
        await pilot.pause()
        assert "Причина" in " ".join(str(label.render()) for label in app.screen.query("Label"))
        app.screen.query_one(SelectionList).deselect("team-2")
        app.screen.query_one("#note", Input).value = "актёр заболел"
        await pilot.press("ctrl+s")
        await pilot.pause()
        with Session.open(tmp_path / "run.simtrain") as reader:
            skips = [r.event for r in reader.log if isinstance(r.event, ev.InjectSkipped)]
            assert [(e.team, e.note) for e in skips] == [("team-1", "актёр заболел")]
            assert reader.state.teams["team-1"].skipped["first-call"].note == "актёр заболел"
        f = app.facilitator
        assert f is not None
        lines = [line.text for line in log_lines(f.run_view, f.session.log)]
        assert any("актёр заболел" in line and "пропущен" in line for line in lines)


def test_an_old_skip_without_a_note_still_folds() -> None:
    old = ev.InjectSkipped.model_validate(
        {"type": "inject_skipped", "team": "team-1", "inject": "x", "reason": "guard"}
    )
    assert old.note == ""


# --- M8 and m8: the rating dialog ----------------------------------------------------------------

THREE_ACTIONS = CONSOLE_SCENARIO.replace(
    """        points: 20
        within: 1h
""",
    """        points: 20
        within: 1h
      - id: log-call
        by: investigator
        text: Logs the call in the case file.
        objective: identify
        points: 5
      - id: tell-shelter
        by: ngo
        text: Tells the shelter a woman may arrive tonight.
        objective: refer
        points: 5
""",
)


@pytest.fixture
def three_actions(scenario_folder: Path) -> Path:
    assert THREE_ACTIONS != CONSOLE_SCENARIO
    (scenario_folder / "scenario.yaml").write_text(THREE_ACTIONS, encoding="utf-8")
    return scenario_folder


async def test_rating_rows_show_the_role_and_the_team_latest_report(
    three_actions: Path, console: Callable[..., ConsoleApp], clock: FakeClock
) -> None:
    app = console()
    async with app.run_test(size=SIZE) as pilot:
        await start_and_reach_first_call(pilot, clock)
        f = app.facilitator
        assert f is not None
        f.deliver("first-call", ["team-1"])
        team = ev.Seat.of_team("team-1")
        ngo = ev.Seat.of_team("team-1", "ngo")
        text = "Safe room [b]found[/b]\nnow."
        append(app, clock, ev.TeamReport(team="team-1", text=text), who=str(ngo))
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RateDialog)
        # the investigator's seat wrote nothing: the team's latest report, from any seat
        assert screen_text(app, "#who-call-ngo") == (
            "Criminal investigator · latest report: Safe room [b]found[/b] now."
        )  # one line, literal: no markup runs
        assert screen_text(app, "#who-safe-room") == (
            "NGO victim support · latest report: Safe room [b]found[/b] now."
        )
        await pilot.press("escape")
        append(app, clock, ev.TeamReport(team="team-1", text="We call the NGO."), who=str(team))
        await pilot.press("r")
        await pilot.pause()
        assert screen_text(app, "#who-call-ngo").endswith("latest report: We call the NGO.")
        # the NGO's row keeps what the NGO's own seat last reported
        assert screen_text(app, "#who-safe-room").endswith("Safe room [b]found[/b] now.")


async def test_rating_letters_pick_the_rating_and_ok_stays_visible(
    three_actions: Path, console: Callable[..., ConsoleApp], tmp_path: Path, clock: FakeClock
) -> None:
    app = console()
    async with app.run_test(size=SIZE) as pilot:
        await start_and_reach_first_call(pilot, clock)
        f = app.facilitator
        assert f is not None
        f.deliver("first-call", ["team-1"])
        await pilot.press("r")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RateDialog)
        ok = dialog.query_one("#ok", Button)
        assert ok.region.height and ok.region.bottom <= SIZE[1] - 1  # above the footer
        assert dialog.focused is dialog.query_one("#rating-call-ngo", Select)
        await pilot.press("г")  # the U key on a Russian layout
        assert dialog.query_one("#rating-call-ngo", Select).value == "U"
        await pilot.press("p")
        assert dialog.query_one("#rating-call-ngo", Select).value == "P"
        assert dialog.query_one("#note-call-ngo", Input).value == ""
        await pilot.press("tab", "tab")  # past the note, to the next rating
        await pilot.press("s")
        await pilot.press("tab", "tab", "m", "tab", "tab", "n")
        assert dialog.query_one("#rating-safe-room", Select).value == "S"
        assert dialog.query_one("#rating-log-call", Select).value == "M"
        assert dialog.query_one("#rating-tell-shelter", Select).value == "N/A"
        await pilot.press("tab", "x", "y")  # a letter in a note is a letter
        assert dialog.query_one("#note-tell-shelter", Input).value == "xy"
        await pilot.press("ctrl+s")
        await pilot.pause()
        with Session.open(tmp_path / "run.simtrain") as reader:
            given = [
                (r.event.expect, r.event.rating)
                for r in reader.log
                if isinstance(r.event, ev.RatingGiven)
            ]
        assert given == [
            ("call-ngo", "P"),
            ("safe-room", "S"),
            ("log-call", "M"),
            ("tell-shelter", "N/A"),
        ]


# --- m2: the setup grid --------------------------------------------------------------------------


def test_role_headings_take_two_lines() -> None:
    assert two_lines("Financial investigator", 12) == "Financial\ninvestigator"
    assert two_lines("НКО по поддержке пострадавших", 12) == "НКО по\nподдержке п…"
    assert two_lines("Press", 12) == "Press"


async def test_setup_grid_keeps_the_team_column(
    console: Callable[..., ConsoleApp],
) -> None:
    app = console(direct=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        grid = app.screen.query_one("#grid", DataTable)
        assert grid.fixed_columns == 1 and grid.header_height == 3  # a role over up to three lines
        labels = [str(c.label) for c in grid.columns.values()]
        assert "Criminal\ninvestigator" in labels
