"""The team terminal through the real app: the session file -> the screen -> the session file."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Button, TabbedContent, TextArea

from simtrain.session import events as ev
from simtrain.session.session import Session
from simtrain.tui.common.dialogs import ConfirmScreen, DocumentScreen
from simtrain.tui.team.app import TeamApp
from simtrain.tui.team.seat import MAX_REPORT, TeamError, TeamSeat, clean_text
from simtrain.tui.team.team_screen import TeamScreen
from simtrain.tui.team.unread import read_state_path
from simtrain.tui.team.widgets import DecisionCard, Inbox
from tests.team.conftest import FakeClock, control_append

SIZE = (120, 40)


def screen_text(app: TeamApp) -> str:
    """Everything on the screen as plain text (the SVG export, without its tags)."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def stored(path: Path) -> list[ev.Recorded]:
    with Session.open(path) as session:
        return list(session.log)


def screen(app: TeamApp) -> TeamScreen:
    assert isinstance(app.screen, TeamScreen)
    return app.screen


async def test_inbox_newest_first_and_a_new_delivery_appears(
    started: Path, team_app: Callable[..., TeamApp], clock: FakeClock
) -> None:
    """What the console delivers from another connection shows up without a key press."""
    control_append(started, clock, ev.InjectDelivered(team="team-1", inject="first-call"))
    app = team_app(started)
    async with app.run_test(size=SIZE) as pilot:
        inbox = screen(app).inbox
        assert inbox.option_count == 1
        assert "A call from the reception centre" in screen_text(app)
        clock.advance(600)
        control_append(started, clock, ev.InjectDelivered(team="team-1", inject="ngo-mail"))
        for _ in range(40):
            await pilot.pause(0.05)
            if inbox.option_count == 2:
                break
        assert [inbox.get_option_at_index(k).id for k in range(2)] == ["i:ngo-mail", "i:first-call"]
        assert "Inbox (2 new)" in screen_text(app)
        assert inbox.highlighted is None
        await pilot.press("enter")  # nothing highlighted yet: Enter opens the newest
        await pilot.pause()
        assert inbox.highlighted == 0
        assert "Inbox (1 new)" in screen_text(app)


async def test_opening_a_message_marks_it_read_for_this_seat_only(
    started: Path, team_app: Callable[..., TeamApp], clock: FakeClock
) -> None:
    control_append(
        started,
        clock,
        ev.InjectDelivered(team="team-1", inject="first-call"),
        ev.InjectDelivered(team="team-1", inject="ngo-mail"),
    )
    app = team_app(started)
    async with app.run_test(size=SIZE) as pilot:
        assert screen(app).seat.unread() == ["i:ngo-mail", "i:first-call"]
        await pilot.press("down")  # the newest message
        await pilot.pause()
        assert screen(app).seat.unread() == ["i:first-call"]
        assert "Inbox (1 new)" in screen_text(app)
        assert "The shelter confirms a bed" in screen_text(app)
    file = read_state_path(started, "team-1", None)
    assert file is not None and json.loads(file.read_text()) == ["i:ngo-mail"]
    # never an event: the log holds only what the console wrote
    assert {r.type for r in stored(started)} == {
        "created",
        "clock_started",
        "phase_started",
        "inject_delivered",
    }
    # the same seat opened again remembers; another role's seat does not
    again = team_app(started)
    async with again.run_test(size=SIZE):
        assert screen(again).seat.unread() == ["i:first-call"]
    ngo = team_app(started, role="ngo")
    async with ngo.run_test(size=SIZE):
        assert screen(ngo).seat.unread() == ["i:ngo-mail", "i:first-call"]


async def test_attachment_opens_with_links_inert(
    started: Path, team_app: Callable[..., TeamApp], clock: FakeClock
) -> None:
    control_append(started, clock, ev.InjectDelivered(team="team-1", inject="first-call"))
    app = team_app(started)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")
        await pilot.pause()
        await pilot.click(".attachment")
        await pilot.pause()
        assert isinstance(app.screen, DocumentScreen)
        assert "Police report" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TeamScreen)


async def test_answer_a_decision_after_confirming(
    started: Path, team_app: Callable[..., TeamApp], clock: FakeClock
) -> None:
    """The answer is a decision_recorded by the seat; the first answer holds and shows."""
    control_append(started, clock, ev.InjectDelivered(team="team-1", inject="first-call"))
    app = team_app(started, role="investigator")
    async with app.run_test(size=SIZE) as pilot:
        assert "Decisions (1 open)" in screen_text(app)
        await pilot.press("f2")
        await pilot.pause()
        await pilot.click("#option-1")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#confirm")
        await pilot.pause()
        last = stored(started)[-1]
        assert last.event == ev.DecisionRecorded(team="team-1", option="wait")
        assert last.who == "team-1/investigator"
        card = app.screen.query_one(DecisionCard)
        assert card.has_class("answered")
        assert not card.query(Button)
        assert "Your team's answer" in screen_text(app)
        assert "Wait for a support worker." in screen_text(app)
        assert "Decisions (1 open)" not in screen_text(app)


async def test_cancelled_answer_writes_nothing(
    started: Path, team_app: Callable[..., TeamApp], clock: FakeClock
) -> None:
    control_append(started, clock, ev.InjectDelivered(team="team-1", inject="first-call"))
    app = team_app(started)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await pilot.click("#option-0")
        await pilot.pause()
        await pilot.click("#cancel")
        await pilot.pause()
        assert stored(started)[-1].type == "inject_delivered"


async def test_an_answer_from_the_console_closes_the_decision_here(
    started: Path, team_app: Callable[..., TeamApp], clock: FakeClock
) -> None:
    control_append(started, clock, ev.InjectDelivered(team="team-1", inject="first-call"))
    app = team_app(started)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        control_append(started, clock, ev.DecisionRecorded(team="team-1", option="interview-now"))
        await pilot.pause(0.3)
        assert app.screen.query_one(DecisionCard).has_class("answered")
        assert "Interview her now." in screen_text(app)


def test_second_answer_refused_by_the_seat(
    started: Path, team_seat: Callable[..., TeamSeat], clock: FakeClock
) -> None:
    control_append(started, clock, ev.InjectDelivered(team="team-1", inject="first-call"))
    one = team_seat(started)
    two = team_seat(started, role="ngo")
    one.answer("first-call", "wait")
    with pytest.raises(TeamError) as refused:
        two.answer("first-call", "interview-now")
    assert refused.value.key == "already_answered"
    with pytest.raises(TeamError):
        one.answer("ngo-mail", "wait")  # not delivered, asks nothing
    with pytest.raises(TeamError):
        one.answer("first-call", "arrest-now")


async def test_send_a_report(
    started: Path, team_app: Callable[..., TeamApp], clock: FakeClock
) -> None:
    app = team_app(started, role="ngo")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        area = app.screen.query_one("#report-text", TextArea)
        area.insert("Called the shelter [bold]now[/]\x1b[2J")
        await pilot.pause()
        await pilot.click("#report-send")
        await pilot.pause()
        last = stored(started)[-1]
        assert last.event == ev.TeamReport(team="team-1", text="Called the shelter [bold]now[/][2J")
        assert last.who == "team-1/ngo"
        assert area.text == ""
        assert "Called the shelter [bold]now[/]" in screen_text(app)  # literal, not markup
        assert "Alpha · NGO victim support" in screen_text(app)  # the seat, as people name it


async def test_empty_and_overlong_reports_are_refused_with_a_line(
    started: Path, team_app: Callable[..., TeamApp]
) -> None:
    app = team_app(started)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await pilot.click("#report-send")
        await pilot.pause()
        assert "Write something before sending." in screen_text(app)
        app.screen.query_one("#report-text", TextArea).insert("x" * (MAX_REPORT + 1))
        await pilot.pause(0.3)  # a button ignores presses while it shows the last one
        await pilot.click("#report-send")
        await pilot.pause()
        assert f"at most {MAX_REPORT:,} characters" in screen_text(app)  # 2,000: a count, grouped
    assert stored(started)[-1].type == "phase_started"


def test_clean_text_strips_escapes_and_bidi() -> None:
    assert clean_text("a\x1b[31mb\u202ec\r\nd\x00") == "a[31mbc\nd"
    assert len(clean_text("y" * 5000)) == MAX_REPORT


async def test_clock_header_and_briefing(
    started: Path, team_app: Callable[..., TeamApp], clock: FakeClock
) -> None:
    app = team_app(started, role="ngo")
    async with app.run_test(size=SIZE) as pilot:
        text = screen_text(app)
        assert "Alpha · NGO victim support" in text
        assert "Phase: Day 1 - Arrival" in text
        assert "Exercise running" in text
        assert screen(app).seat.run.clock_text() == "0:10:00"
        await pilot.press("f4")
        await pilot.pause()
        text = screen_text(app)
        assert "Portmar is a coastal state" in text
        assert "You support presumed victims" in text
        assert "You lead the investigation" not in text  # another role's briefing
        control_append(started, clock, ev.ClockPaused())
        await pilot.pause(0.3)
        assert "Exercise paused" in screen_text(app)


async def test_russian_interface(
    started: Path, team_app: Callable[..., TeamApp], clock: FakeClock
) -> None:
    control_append(started, clock, ev.InjectDelivered(team="team-1", inject="first-call"))
    app = team_app(started, ui="ru")
    async with app.run_test(size=SIZE):
        text = screen_text(app)
        assert "Входящие (1 новое)" in text
        assert "Решения (1 ждёт ответа)" in text


async def test_markup_in_scenario_text_is_shown_literally(
    started: Path, team_app: Callable[..., TeamApp], clock: FakeClock
) -> None:
    control_append(started, clock, ev.InjectDelivered(team="team-1", inject="first-call"))
    app = team_app(started)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")
        await pilot.pause()
        assert "[bold]not markup[/bold] [/]" in screen_text(app)


async def test_tabs_by_key(started: Path, team_app: Callable[..., TeamApp]) -> None:
    app = team_app(started)
    async with app.run_test(size=SIZE) as pilot:
        tabs = app.screen.query_one(TabbedContent)
        for key, pane in (
            ("f2", "decisions"),
            ("f3", "report"),
            ("f4", "briefing"),
            ("f1", "inbox"),
        ):
            await pilot.press(key)
            await pilot.pause()
            assert tabs.active == pane
        assert isinstance(app.screen.focused, Inbox)


def test_unknown_team_or_role_is_one_clear_refusal(
    started: Path, team_seat: Callable[..., TeamSeat]
) -> None:
    with pytest.raises(TeamError) as refused:
        team_seat(started, team="team-9")
    assert refused.value.key == "unknown_team"
    with pytest.raises(TeamError) as refused:
        team_seat(started, role="journalist")
    assert refused.value.key == "unknown_role"


async def test_ctrl_q_is_shown_and_quits(started: Path, team_app: Callable[..., TeamApp]) -> None:
    app = team_app(started)
    async with app.run_test(size=SIZE) as pilot:
        assert "^q Quit" in screen_text(app)
        await pilot.press("ctrl+q")
    assert not app.is_running
