"""The console shows which seats are connected: a team terminal and an evaluator's seat open on
the session (their refresh beats in its meta), the console's tick lists them in one line above
its log; once they fall quiet the line goes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static

from simtrain.i18n import Translator
from simtrain.session import presence
from simtrain.session.session import Session
from simtrain.tui.console.app import ConsoleApp
from simtrain.tui.evaluator.seat import EvaluatorSeat
from simtrain.tui.team.seat import TeamSeat
from tests.tui.conftest import FakeClock

SIZE = (120, 40)


async def test_the_console_lists_the_seats_seen_lately(
    console: Callable[..., ConsoleApp], tmp_path: Path, clock: FakeClock
) -> None:
    app = console(ui="ru")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = app.screen.query_one("#seats", Static)
        assert not line.display  # nobody yet: no line
        path = tmp_path / "run.simtrain"
        team = TeamSeat(Session.open(path, "append"), Translator("en"), "Alpha", clock=clock)
        evaluator = EvaluatorSeat(
            Session.open(path, "append"), Translator("en"), ["Bravo"], "Maria", clock=clock
        )
        try:
            team.refresh()
            evaluator.refresh()
            await pilot.pause(1.3)  # the console's tick, once a second
            assert line.display
            shown = str(line.render())
            assert shown.startswith("Подключены (2): ")
            assert "Alpha" in shown and "Maria (оценщик)" in shown
            clock.advance(presence.RECENT_S + 1)
            await pilot.pause(1.3)
            assert not line.display
        finally:
            team.session.close()
            evaluator.session.close()
