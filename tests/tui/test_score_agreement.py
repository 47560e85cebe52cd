"""Issue 11: N/A, unrated and late actions count the same in the teams panel and the report screen
as in ``Session.scores()`` read through ``score_text``, on the real console driven by Pilot."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from simtrain.i18n import Translator
from simtrain.live.score_text import score_text
from simtrain.scenario.loader import load_scenario
from simtrain.session import Session
from simtrain.tui.console.app import Launch, make_console_app
from simtrain.tui.console.facilitator import Facilitator
from simtrain.tui.console.opening import make_teams
from simtrain.tui.console.report_screen import ReportScreen
from simtrain.tui.console.widgets import TeamsPanel
from tests.tui.conftest import FakeClock

SIZE = (140, 45)


def played(path: Path, folder: Path, clock: FakeClock) -> None:
    """Alpha: call-ngo rated N/A, safe-room rated S past its one-hour window (late), book-bed
    delivered and not rated. Bravo: nothing rated."""
    loaded = load_scenario(folder)
    teams = make_teams(["Alpha", "Bravo:ngo"], [r.id for r in loaded.scenario.roles])
    with Session.create(path, loaded, teams, None, wall_time=clock()) as session:
        f = Facilitator(session, Translator("en"), clock=clock)
        f.toggle_clock()
        clock.advance(600)
        f.tick()
        f.deliver("first-call", ["team-1", "team-2"])
        f.deliver("shelter-mail", ["team-1"])
        f.rate("team-1", {"call-ngo": ("N/A", "no NGO on duty")})
        clock.advance(2 * 3600)
        f.rate("team-1", {"safe-room": ("S", "")})
        f.toggle_clock()
        total = session.scores()["team-1"].total
        assert (total.rated, total.unrated, total.late, total.not_applicable) == (1, 1, 1, 1)


def plain(cell: object) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


async def test_teams_panel_and_report_screen_agree_with_the_scores(
    tmp_path: Path, scenario_folder: Path, clock: FakeClock
) -> None:
    path = tmp_path / "scored.simtrain"
    played(path, scenario_folder, clock)
    t = Translator("en")
    with Session.open(path) as session:
        scores = session.scores()
    app = make_console_app(Launch(ui_lang="en", session_path=path), clock, steady_cursor=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(TeamsPanel)
        for tid in ("team-1", "team-2"):
            total = scores[tid].total
            shown = score_text(total, t)
            assert plain(panel.get_cell(tid, "score")) == shown.value()
            delivered = plain(panel.get_cell(tid, "delivered"))
            # issue 13 (trial C2): rated / at stake, both in expected actions; N/A in neither
            assert delivered == f"{total.rated}/{total.rated + total.unrated}"
        assert plain(panel.get_cell("team-1", "delivered")) == "1/2"
        assert score_text(scores["team-1"].total, t).scored  # a number, not a dash
        assert plain(panel.get_cell("team-2", "score")) == "—"

        await pilot.press("t")
        assert isinstance(app.screen, ReportScreen)
        table = app.screen.objectives_table
        for tid in ("team-1", "team-2"):
            team = scores[tid]
            assert (
                plain(table.get_cell("__total__", tid)) == score_text(team.total, t).with_progress()
            )
            for objective, score in team.by_objective.items():
                assert plain(table.get_cell(objective, tid)) == score_text(score, t).with_progress()
        # issue 13: the quality of the one S (66 %), its letter (half is rated), coverage 1/2
        assert plain(table.get_cell("__total__", "team-1")) == "66% S · 1/2"
        assert plain(table.get_cell("__total__", "team-2")) == "not rated yet · 0/1"
