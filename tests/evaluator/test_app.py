"""The evaluator's seat through the real app (Pilot): a rating in a few keys that lands in the
session file, a note tied to an action, only its own teams, reports arriving from another
connection, and the command line's one-line refusals."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from simtrain.session import events as ev
from simtrain.session.session import Session
from simtrain.session.store_protocol import SessionError
from simtrain.tui.evaluator.app import EvaluatorApp
from simtrain.tui.evaluator.dialogs import NoteScreen, RateScreen
from simtrain.tui.evaluator.evaluator_screen import EvaluatorScreen
from tests.evaluator.conftest import control
from tests.team.conftest import FakeClock

SIZE = (140, 44)
MakeApp = Callable[..., EvaluatorApp]


def screen_text(app: EvaluatorApp) -> str:
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def main_screen(app: EvaluatorApp) -> EvaluatorScreen:
    screen = app.screen_stack[1] if len(app.screen_stack) > 1 else app.screen
    assert isinstance(screen, EvaluatorScreen)
    return screen


def stored(path: Path) -> list[ev.Recorded]:
    with Session.open(path, "read") as session:
        return list(session.log)


async def test_rate_in_a_few_keys_and_it_lands_in_the_file(
    started: Path, evaluator_app: MakeApp, clock: FakeClock
) -> None:
    clock.advance(600)
    app = evaluator_app(started, name="Maria")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        action = screen.highlighted_action()
        assert action is not None and action.expect == "call-ngo"  # the newest inject's first
        await pilot.press("s")
        assert isinstance(app.screen, RateScreen)
        await pilot.press("enter")  # acted at: empty, now
        await pilot.pause()
        assert isinstance(app.screen, EvaluatorScreen)
        assert "[ S ]" in screen_text(app)
    last = stored(started)[-1]
    assert last.who == "evaluator:Maria"
    assert last.event == ev.RatingGiven(
        team="team-1", expect="call-ngo", rating="S", evaluator="Maria"
    )


async def test_acted_at_and_a_note_typed_in_the_dialog(
    started: Path, evaluator_app: MakeApp, clock: FakeClock
) -> None:
    clock.advance(1200)  # 0:30
    app = evaluator_app(started)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "n")  # the second action, N/A
        dialog = app.screen
        assert isinstance(dialog, RateScreen)
        await pilot.press("minus", "1", "0", "m")
        assert dialog.query_one("#acted-at", Input).value == "-10m"
        await pilot.press("tab")
        await pilot.press(*"no interpreter needed")
        assert dialog.query_one("#rate-note", Input).value == "no interpreter needed"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EvaluatorScreen)
    event = stored(started)[-1].event
    assert isinstance(event, ev.RatingGiven)
    assert (event.expect, event.rating, event.note, event.acted_at) == (
        "interpreter",
        "N/A",
        "no interpreter needed",
        1200,
    )


async def test_an_unreadable_time_keeps_the_dialog_open(
    started: Path, evaluator_app: MakeApp
) -> None:
    app = evaluator_app(started)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p", *"soon", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RateScreen)
        assert "Write when the team acted" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, EvaluatorScreen)
    assert not any(r.event.type == "rating_given" for r in stored(started))


async def test_a_note_tied_to_the_highlighted_action(started: Path, evaluator_app: MakeApp) -> None:
    app = evaluator_app(started)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        dialog = app.screen
        assert isinstance(dialog, NoteScreen)
        assert dialog.query_one(TextArea).has_focus
        await pilot.press(*"Hesitant on the phone")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EvaluatorScreen)
        await pilot.press("f3")
        await pilot.pause()
        assert "Hesitant on the phone" in screen_text(app)
    event = stored(started)[-1].event
    assert event == ev.NoteAdded(
        text="Hesitant on the phone",
        team="team-1",
        author="evaluator:Maria",
        objective="identify",
        expect="call-ngo",
    )


async def test_only_its_teams_show(started: Path, evaluator_app: MakeApp, clock: FakeClock) -> None:
    control(started, clock, ev.TeamReport(team="team-2", text="Bravo SECRET report"), who="team-2")
    app = evaluator_app(started, ("team-1",))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "Bravo" not in shown and "Charlie" not in shown
        assert "Evaluator Maria · Alpha" in shown
        await pilot.press("f1")
        assert "SECRET" not in screen_text(app)


async def test_reports_and_decisions_arrive_with_a_notice(
    started: Path, evaluator_app: MakeApp, clock: FakeClock
) -> None:
    app = evaluator_app(started, ("team-1", "team-2"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        clock.advance(60)
        control(
            started,
            clock,
            ev.TeamReport(team="team-2", text="We called the NGO."),
            who="team-2/ngo",
        )
        for _ in range(40):
            await pilot.pause(0.05)
            if main_screen(app).fresh:
                break
        shown = screen_text(app)
        assert "Reports and decisions (1 new)" in shown
        assert "We called the NGO." in shown
        assert "Report from Bravo · NGO victim support" in shown  # the toast and the panel
        control(started, clock, ev.DecisionRecorded(team="team-1", option="wait"), who="team-1")
        for _ in range(40):
            await pilot.pause(0.05)
            if len(main_screen(app).fresh) == 2:
                break
        assert "Decision by Alpha" in screen_text(app)


async def test_another_evaluators_rating_shows_and_disagreement_is_said(
    started: Path, evaluator_app: MakeApp, clock: FakeClock
) -> None:
    app = evaluator_app(started, name="Maria")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p", "enter")
        await pilot.pause()
        clock.advance(120)
        control(
            started,
            clock,
            ev.RatingGiven(team="team-1", expect="call-ngo", rating="M", evaluator="Oleg"),
            who="evaluator:Oleg",
        )
        for _ in range(40):
            await pilot.pause(0.05)
            if "[ M ]" in screen_text(app):
                break
        shown = screen_text(app)
        assert "[ M ]" in shown
        detail = str(main_screen(app).query_one("#detail-text").render())
        assert "Evaluators differ: P by Maria at 1·0:10, M by Oleg at 1·0:12" in detail


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "simtrain", *args], capture_output=True, text=True, timeout=60
    )


def test_cli_refuses_in_one_line(session_path: Path) -> None:
    unknown = run_cli("evaluate", str(session_path), "--team", "Zulu")
    assert unknown.returncode == 2
    assert unknown.stderr.strip().splitlines() == [
        "simtrain: this session has no team Zulu; its teams are: "
        "team-1 — Alpha; team-2 — Bravo; team-3 — Charlie"
    ]
    none = run_cli("--ui-lang", "ru", "evaluate", str(session_path))
    assert none.returncode == 2
    assert none.stderr.strip().startswith("simtrain: укажите, какую команду вы оцениваете")
    missing = run_cli("evaluate", str(session_path.with_name("nope.simtrain")), "--team", "a")
    assert missing.returncode == 2 and len(missing.stderr.strip().splitlines()) == 1
    assert "Traceback" not in unknown.stderr + none.stderr + missing.stderr


async def test_a_russian_keyboard_rates_too(started: Path, evaluator_app: MakeApp) -> None:
    """On a ЙЦУКЕН layout the P key types з: it still rates P, in a Russian seat."""
    app = evaluator_app(started, ui="ru")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("з")
        assert isinstance(app.screen, RateScreen)
        assert "P — выполнено без затруднений · Alpha" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
    event = stored(started)[-1].event
    assert isinstance(event, ev.RatingGiven) and event.rating == "P"


async def test_a_failed_write_keeps_the_dialog_and_the_typed_note(
    started: Path, evaluator_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full or read-only disk: the dialog stays, says why and where the note was kept."""
    app = evaluator_app(started)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        seat = main_screen(app).seat

        def refuse(*args: object, **kwargs: object) -> None:
            raise SessionError("write_failed", reason="No space left on device")

        monkeypatch.setattr(seat.session, "append", refuse)
        await pilot.press("u", "tab", *"never called", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RateScreen)
        shown = screen_text(app)
        assert "could not write to the session file: No space left on device" in shown
        kept = started.with_name(started.name + ".recovered.txt")
        assert "never called" in kept.read_text(encoding="utf-8")
    assert not any(r.event.type == "rating_given" for r in stored(started))
