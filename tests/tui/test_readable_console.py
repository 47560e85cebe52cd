"""Readable at 120 columns (and usable at 80), in Italian, on a shipped scenario: the report
screen names objectives by their short label, whole, and shows the highlighted one's sentence."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Select, Static

from simtrain.resources import scenarios_dir
from simtrain.scenario.catalog import Catalog
from simtrain.scenario.loader import load_scenario
from simtrain.tui.console.app import ConsoleApp, Launch, make_console_app
from simtrain.tui.console.dialogs import RateDialog
from simtrain.tui.console.report_screen import ReportScreen
from simtrain.tui.console.widgets import Timeline
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


def screen_text(app: ConsoleApp) -> str:
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


async def open_rating(pilot: Pilot[object], app: ConsoleApp, clock: FakeClock, inject: str) -> None:
    """Start the clock, reach ``inject``'s time, deliver it to team 1, select it, press r."""
    await pilot.press("space")
    clock.advance(2 * 3600)
    app.screen.on_tick()  # type: ignore[attr-defined]
    control = app.facilitator
    assert control is not None
    control.deliver(inject, ["team-1"])
    timeline = app.screen.query_one(Timeline)
    timeline.move_cursor(row=timeline.keys.index(inject))
    await pilot.pause()
    await pilot.press("r")
    await pilot.pause()
    assert isinstance(app.screen, RateDialog)


async def test_rating_dialog_shows_each_actions_terms_and_the_option_first(
    tmp_path: Path, clock: FakeClock
) -> None:
    """d1-interpreter-choice: its action's objective (short label), points and deadline; the
    decision's picker above the actions, in sight without scrolling; the focused field framed."""
    app = italian_console(tmp_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await open_rating(pilot, app, clock, "d1-interpreter-choice")
        dialog = app.screen
        facts = str(dialog.query_one("#facts-vet-interpreter", Static).render())
        short = italian("objectives.identify.short")
        assert facts.startswith(f"obiettivo: {short} · punti: ")
        assert "entro 30 min dalla consegna, cioè entro le 1·" in facts, facts
        # the option picker comes before the first action's rating, and is on screen
        order = [w.id for w in dialog.query("Select")]
        assert order.index("option") < order.index("rating-vet-interpreter")
        option = dialog.query_one("#option", Select)
        assert option.region.y + option.region.height <= 40 and option.region.height > 0
        # the focused rating has a double frame (a shape), the others not
        text = screen_text(app)
        assert "╔" in text and "╚" in text


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_timeline_ids_whole_and_names_not_ids(
    tmp_path: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    """Every inject id whole (the controller calls it out), at 120 columns a title of at least
    22 characters, and "From → to" in names; at 80 the ids stay whole and the table scrolls."""
    app = italian_console(tmp_path, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        timeline = app.screen.query_one(Timeline)
        injects = load_scenario(SCENARIO).scenario.injects
        for inject in injects:
            assert timeline.get_cell(inject.id, "id").plain == inject.id
        if size[0] < 120:
            return
        assert timeline.title_width >= 30  # 16 before: 'Chi farà da int…'
        title = timeline.get_cell("d1-interpreter-choice", "title").plain
        assert title.startswith("Chi farà da interprete per")
        whole = timeline.get_cell("d1-mercy-age", "title").plain
        assert whole == italian("injects.d1-mercy-age.title") or len(whole) >= 30
        if "from_to" in timeline.columns_shown:
            shown = timeline.get_cell("d1-interpreter-choice", "from_to").plain
            assert "superintendent" not in shown and "-" not in shown.split("→")[0]


async def test_wide_console_spells_out_what_waits(tmp_path: Path, clock: FakeClock) -> None:
    """Where the teams panel has room, what waits is spelled out; at 120 columns the short form
    stays and the panel's tooltip says what its words stand for."""
    for size, spelled in (((170, 45), True), ((120, 40), False)):
        app = italian_console(tmp_path / str(size[0]), clock)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            panel = app.screen.query_one("#teams", DataTable)
            cell = panel.get_cell("team-1", "waiting").plain
            if spelled:
                assert cell == "0 da consegnare · 0 da decidere"
            else:
                assert cell == "0 cons. · 0 dec."
                assert "cons. = inject previsti" in str(panel.tooltip)


async def test_setup_role_headings_break_between_words(tmp_path: Path, clock: FakeClock) -> None:
    launch = Launch(
        ui_lang="it", content_lang="it", scenario=SCENARIO, session_path=tmp_path / "s.simtrain"
    )
    app = make_console_app(launch, clock, steady_cursor=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        grid = app.screen.query_one("#grid", DataTable)
        labels = [str(c.label) for c in grid.columns.values()]
        assert "Investigatore\ndi polizia\ngiudiziaria" in labels
        assert not any("…" in label for label in labels), labels
