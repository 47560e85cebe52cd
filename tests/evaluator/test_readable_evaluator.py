"""The evaluator's seat names an action's objective by its short label where space is tight (the
list's rows, the rating dialog), its sentence whole in the detail pane; the rating dialog says
the action's objective, points and window; the focused field has a double frame."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from simtrain.scenario.loader import load_scenario
from simtrain.session import events as ev
from simtrain.session.session import Session
from simtrain.tui.evaluator.app import EvaluatorApp
from simtrain.tui.evaluator.dialogs import RateScreen
from simtrain.tui.evaluator.seat import EvaluatorSeat
from tests.evaluator.conftest import EVAL_SCENARIO, TEAMS, control
from tests.team.conftest import FakeClock

SIZE = (120, 40)


def screen_text(app: EvaluatorApp) -> str:
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


@pytest.fixture
def labelled(tmp_path: Path, clock: FakeClock) -> Path:
    """The fixture's scenario with a short label, its session started and the call delivered."""
    text = EVAL_SCENARIO.replace(
        "    text: Identify presumed victims early.\n",
        "    text: Identify presumed victims early.\n    short: Spot victims\n",
    )
    assert text != EVAL_SCENARIO
    folder = tmp_path / "harbour"
    folder.mkdir()
    (folder / "scenario.yaml").write_text(text, encoding="utf-8")
    path = tmp_path / "run.simtrain"
    Session.create(path, load_scenario(folder), TEAMS, wall_time=clock()).close()
    control(path, clock, ev.ClockStarted(), ev.PhaseStarted(phase="day-1"))
    clock.advance(600)
    control(path, clock, *(ev.InjectDelivered(team=t.id, inject="first-call") for t in TEAMS))
    return path


async def test_short_label_in_the_list_and_the_rating_dialog(
    labelled: Path, evaluator_app: Callable[..., EvaluatorApp], clock: FakeClock
) -> None:
    clock.advance(300)
    app = evaluator_app(labelled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Criminal investigator · Spot victims · 10 points" in text
        assert "Objective: Identify presumed victims early." in text  # the detail, whole
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, RateScreen)
        about = str(app.screen.query_one("#rate-about").render())
        assert "Objective: Spot victims · 10 points · " in about
        assert "0:30" in about  # the window
        assert "╔" in screen_text(app)  # the focused field's double frame


def test_a_note_ties_to_an_objective_by_its_label(
    labelled: Path, seat: Callable[..., EvaluatorSeat]
) -> None:
    assert seat(labelled).objectives() == (
        ("identify", "Spot victims"),
        ("protect", "Protect and refer the victim."),  # no short: label, its sentence
    )
