"""The actor's seat through the real app: the session file -> the screen -> the session file."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from simtrain.session import events as ev
from simtrain.session.session import Session
from simtrain.tui.actor.app import ActorApp
from simtrain.tui.actor.cues_screen import CuesScreen
from simtrain.tui.common.dialogs import ConfirmScreen
from tests.actor.conftest import FakeClock, console_seen, control_append, start

SIZE = (120, 40)
App = Callable[..., ActorApp]


def screen_text(app: ActorApp) -> str:
    """Everything on the screen as plain text (the SVG export, without its tags)."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def notices(app: ActorApp) -> str:
    return "\n".join(f"{n.title}: {n.message}" for n in app._notifications)


def screen(app: ActorApp) -> CuesScreen:
    assert isinstance(app.screen, CuesScreen)
    return app.screen


def deliveries(path: Path) -> list[tuple[str, str, str]]:
    with Session.open(path, "read") as session:
        return [
            (r.who, r.event.team, r.event.inject)
            for r in session.log
            if isinstance(r.event, ev.InjectDelivered)
        ]


async def until(pilot: Pilot[Any], check: Callable[[], bool]) -> None:
    for _ in range(60):
        if check():
            return
        await pilot.pause(0.05)
    assert check()


async def test_cues_shown_and_no_other_characters(
    session_path: Path, actor_app: App, clock: FakeClock
) -> None:
    start(session_path, clock, minutes=5)
    app = actor_app(session_path)
    async with app.run_test(size=SIZE) as pilot:
        text = screen_text(app)
        assert "A call from the reception centre" in text
        assert "The officer calls back" in text and "The officer offers a room" in text
        assert "[bold]not markup[/bold]" in text  # scenario text shown literally
        assert "Duty officer Rossi" in text
        await pilot.press("f2")
        await pilot.pause()
        brief = screen_text(app)
        assert "Hurried and evasive" in brief
        for shown in (text, brief):
            assert "OTHERCHAR" not in shown


async def test_states_change_when_the_console_delivers(
    session_path: Path, actor_app: App, clock: FakeClock
) -> None:
    start(session_path, clock, minutes=10)
    app = actor_app(session_path)
    async with app.run_test(size=SIZE) as pilot:
        assert "Alpha: due now — since 0:10" in screen_text(app)
        control_append(session_path, clock, ev.InjectDelivered(team="team-1", inject="first-call"))
        await until(pilot, lambda: "Alpha: delivered" in screen_text(app))
        assert "Bravo: due now" in screen_text(app)


async def test_a_cue_falling_due_is_announced(
    session_path: Path, actor_app: App, clock: FakeClock
) -> None:
    start(session_path, clock, minutes=9)
    app = actor_app(session_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        assert "Your cue is due" not in notices(app)
        clock.advance(60)
        console_seen(session_path, clock)
        await until(pilot, lambda: "Your cue is due" in notices(app))
        assert "A call from the reception centre — Alpha, Bravo, Charlie" in notices(app)


async def test_played_is_refused_when_the_session_does_not_allow_it(
    session_path: Path, actor_app: App, clock: FakeClock
) -> None:
    start(session_path, clock, minutes=10)
    app = actor_app(session_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        assert "confirms deliveries in this session" in screen_text(app)  # the hint says so
        await pilot.press("p")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert "confirms deliveries in this session" in notices(app)
    assert deliveries(session_path) == []


async def test_played_lands_in_the_file(
    confirming_path: Path, actor_app: App, clock: FakeClock
) -> None:
    start(confirming_path, clock, minutes=10)
    app = actor_app(confirming_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        assert screen(app).detail.teams.highlighted == 0  # the first team it is due for
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await until(pilot, lambda: "Alpha: delivered" in screen_text(app))
        assert "Delivery to Alpha confirmed." in notices(app)
    assert deliveries(confirming_path) == [("actor:duty-officer", "team-1", "first-call")]


async def test_played_can_be_cancelled(
    confirming_path: Path, actor_app: App, clock: FakeClock
) -> None:
    start(confirming_path, clock, minutes=10)
    app = actor_app(confirming_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CuesScreen)
    assert deliveries(confirming_path) == []


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_actor_seat_snapshot(
    snap_compare: Any, confirming_path: Path, clock: FakeClock, actor_app: App, lang: str
) -> None:
    """The cue due now first, its detail, and where it stands for each team."""
    start(confirming_path, clock, minutes=10)
    control_append(confirming_path, clock, ev.InjectDelivered(team="team-1", inject="first-call"))
    console_seen(confirming_path, clock)
    app = actor_app(confirming_path, ui=lang)
    assert snap_compare(app, terminal_size=SIZE)
