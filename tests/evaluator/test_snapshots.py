"""SVG snapshot of the evaluator's seat at 140x44, in English and Russian: two teams, an action
rated by two evaluators who differ, a report arrived, an observation written. Update deliberately
with ``--snapshot-update`` and look before committing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from simtrain.session import events as ev
from simtrain.tui.evaluator.app import EvaluatorApp
from tests.evaluator.conftest import control
from tests.team.conftest import FakeClock


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_evaluator_seat(
    snap_compare: Any,
    started: Path,
    clock: FakeClock,
    evaluator_app: Callable[..., EvaluatorApp],
    lang: str,
) -> None:
    clock.advance(600)
    control(started, clock, ev.InjectDelivered(team="team-1", inject="ngo-mail"))
    clock.advance(120)
    control(
        started,
        clock,
        ev.RatingGiven(team="team-1", expect="call-ngo", rating="S", evaluator="Maria"),
        who="evaluator:Maria",
    )
    clock.advance(60)
    control(
        started,
        clock,
        ev.RatingGiven(team="team-1", expect="call-ngo", rating="M", evaluator="Oleg"),
        ev.NoteAdded(
            text="Rang the hotline only after the interview.",
            team="team-1",
            author="evaluator:Oleg",
            objective="identify",
            expect="call-ngo",
        ),
        who="evaluator:Oleg",
    )
    control(started, clock, ev.TeamReport(team="team-2", text="Interpreter booked."), who="team-2")
    app = evaluator_app(started, ("team-1", "team-2"), ui=lang)
    assert snap_compare(app, terminal_size=(140, 44), press=["down", "down"])
