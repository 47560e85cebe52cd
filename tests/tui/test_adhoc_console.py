"""M6 in the console: the ad-hoc dialog asks for a sender, the roles and an expected action, and
``r`` on the ad-hoc inject rates it (it used to say "select an inject first")."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input, Select, SelectionList, Static, TextArea

from simtrain.session import Session
from simtrain.session import events as ev
from simtrain.tui.console.app import ConsoleApp
from simtrain.tui.console.dialogs import RateDialog
from simtrain.tui.console.widgets import Timeline
from tests.tui.conftest import FakeClock

SIZE = (120, 40)


async def test_an_adhoc_inject_from_a_character_to_a_role_is_rated_with_r(
    console: Callable[..., ConsoleApp], tmp_path: Path, clock: FakeClock
) -> None:
    app = console(teams=["Alpha", "Bravo:investigator"])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("space", "a")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#title", Input).value = "Call from the embassy"
        dialog.query_one("#message", TextArea).text = "The consul asks about the woman."
        dialog.query_one("#character", Select).value = "duty-officer"
        dialog.query_one("#roles", SelectionList).deselect("investigator")
        dialog.query_one("#expect-text", Input).value = "Calls the consul back"
        dialog.query_one("#by", Select).value = "ngo"
        dialog.query_one("#objective", Select).value = "refer"
        dialog.query_one("#points", Input).value = "15"
        await pilot.press("ctrl+s")
        await pilot.pause()
        with Session.open(tmp_path / "run.simtrain") as reader:
            adhoc = [r.event for r in reader.log if isinstance(r.event, ev.AdhocInject)]
            assert reader.state.teams["team-2"].adhoc == ()  # Bravo plays no NGO
        assert len(adhoc) == 1
        event = adhoc[0]
        assert (event.character, event.from_, event.to) == ("duty-officer", None, ("ngo",))
        assert [(a.text, a.by, a.objective, a.points) for a in event.expect] == [
            ("Calls the consul back", "ngo", "refer", 15)
        ]
        timeline = app.screen.query_one(Timeline)
        assert timeline.state_of("team-1", "adhoc-1") == "delivered"
        assert timeline.state_of("team-2", "adhoc-1") == "none"
        timeline.move_cursor(row=timeline.keys.index("adhoc-1"))
        await pilot.pause()
        detail = str(app.screen.query_one("#detail-body", Static).render())
        # the expected action's objective by its words, as a scenario inject's, never its id
        assert "Refer presumed victims to assistance." in detail
        assert "refer" not in detail.replace("Refer", "")
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RateDialog)
        app.screen.query_one("#rating-adhoc-1-1", Select).value = "S"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not any("Select an inject" in n.message for n in app._notifications)
        assert timeline.state_of("team-1", "adhoc-1") == "rated"
    with Session.open(tmp_path / "run.simtrain") as reader:
        rating = reader.state.teams["team-1"].rating("adhoc-1-1")
        assert rating is not None and rating.rating == "S"
        assert reader.scores()["team-1"].by_objective["refer"].rated == 1
