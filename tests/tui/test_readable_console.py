"""Readable at 120 columns (and usable at 80), in Italian, on a shipped scenario: the report
screen names objectives by their short label, whole, and shows the highlighted one's sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from simtrain.resources import scenarios_dir
from simtrain.scenario.catalog import Catalog
from simtrain.scenario.loader import load_scenario
from simtrain.tui.console.app import ConsoleApp, Launch, make_console_app
from simtrain.tui.console.report_screen import ReportScreen
from tests.tui.conftest import FakeClock

SCENARIO = scenarios_dir() / "central-mediterranean"


def italian_console(tmp_path: Path, clock: FakeClock) -> ConsoleApp:
    launch = Launch(
        ui_lang="it",
        content_lang="it",
        scenario=SCENARIO,
        session_path=tmp_path / "run.simtrain",
        team_names=["Alfa", "Bravo", "Charlie"],
        direct=True,
    )
    return make_console_app(launch, clock, steady_cursor=True)


def italian(key: str) -> str:
    loaded = load_scenario(SCENARIO)
    return Catalog(loaded.scenario, loaded.folder).text(key, "it").text


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_report_screen_shows_short_labels_whole(
    tmp_path: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    app = italian_console(tmp_path, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        table = app.screen.query_one("#report-objectives", DataTable)
        objectives = load_scenario(SCENARIO).scenario.objectives
        for o in objectives:
            shown = table.get_cell(o.id, "objective").plain
            assert shown == italian(f"objectives.{o.id}.short"), shown
        # the highlighted objective's whole sentence, under the table
        full = app.screen.query_one("#report-objective-full", Static)
        assert str(full.render()) == italian(f"objectives.{objectives[0].id}.text")
        await pilot.press("down")
        await pilot.pause()
        assert str(full.render()) == italian(f"objectives.{objectives[1].id}.text")
