"""SVG snapshots of the console's screens at 120x40, in English and Russian.

Each guards the layout a facilitator reads at a glance; update them deliberately with
``pytest tests/tui/test_snapshots.py --snapshot-update`` and look at the report before committing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select

from simtrain.tui.console.app import ConsoleApp, Launch, make_console_app
from tests.tui.conftest import FakeClock

SIZE = (120, 40)
LANGS = ["en", "ru"]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from an empty folder, so only shipped scenarios are listed and paths are short."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("lang", LANGS)
def test_picker(snap_compare: Any, here: Path, clock: FakeClock, lang: str) -> None:
    """The picker lists the shipped scenarios with languages, days, roles and injects."""
    app = make_console_app(Launch(ui_lang=lang, content_lang=lang), clock, steady_cursor=True)
    assert snap_compare(app, terminal_size=SIZE)


@pytest.mark.parametrize("lang", LANGS)
def test_setup(
    snap_compare: Any, here: Path, scenario_folder: Path, clock: FakeClock, lang: str
) -> None:
    """The setup grid: teams by roles, content language, where the session goes."""
    app = make_console_app(
        Launch(
            ui_lang=lang,
            scenario=scenario_folder,
            session_path=Path("sessions/harbour.simtrain"),
        ),
        clock,
        steady_cursor=True,
    )
    assert snap_compare(app, terminal_size=SIZE, press=["right", "space"])


def _console(here: Path, scenario_folder: Path, clock: FakeClock, lang: str) -> ConsoleApp:
    return make_console_app(
        Launch(
            ui_lang=lang,
            content_lang=lang,
            scenario=scenario_folder,
            session_path=Path("harbour.simtrain"),
            team_names=["Alpha", "Bravo:ngo", "Charlie:investigator"],
            direct=True,
        ),
        clock,
        steady_cursor=True,
    )


def _played(clock: FakeClock) -> Callable[[Pilot[Any]], Any]:
    """Start the clock, let the first call fall due, deliver it to the first team."""

    async def run(pilot: Pilot[Any]) -> None:
        await pilot.press("space")
        clock.advance(700)
        pilot.app.screen.on_tick()  # type: ignore[attr-defined]
        await pilot.press("d")
        pilot.app.screen.query_one("SelectionList").deselect("team-2")  # type: ignore[attr-defined]
        pilot.app.screen.query_one("SelectionList").deselect("team-3")  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.press("n", *"Alpha asked for an interpreter", "enter")
        clock.advance(5)
        pilot.app.screen.on_tick()  # type: ignore[attr-defined]
        await pilot.pause()
        pilot.app.clear_notifications()

    return run


@pytest.mark.parametrize("lang", LANGS)
def test_console(
    snap_compare: Any, here: Path, scenario_folder: Path, clock: FakeClock, lang: str
) -> None:
    """The console mid-exercise: clock, timeline with per-team symbols, detail, teams, log."""
    app = _console(here, scenario_folder, clock, lang)
    assert snap_compare(app, terminal_size=SIZE, run_before=_played(clock))


@pytest.mark.parametrize("lang", LANGS)
def test_rating_dialog(
    snap_compare: Any, here: Path, scenario_folder: Path, clock: FakeClock, lang: str
) -> None:
    """The rating dialog: P/S/M/U/N/A and a note per expected action, and the decision."""
    app = _console(here, scenario_folder, clock, lang)

    async def run(pilot: Pilot[Any]) -> None:
        await _played(clock)(pilot)
        await pilot.press("r")
        pilot.app.screen.query_one("#rating-call-ngo", Select).value = "S"
        pilot.app.screen.query_one("#note-call-ngo", Input).value = "late but thorough"
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run)


@pytest.mark.parametrize("lang", LANGS)
def test_report_screen(
    snap_compare: Any, here: Path, scenario_folder: Path, clock: FakeClock, lang: str
) -> None:
    """The report screen: scores by objective and team, and by role."""
    app = _console(here, scenario_folder, clock, lang)

    async def run(pilot: Pilot[Any]) -> None:
        await _played(clock)(pilot)
        await pilot.press("r")
        pilot.app.screen.query_one("#rating-call-ngo", Select).value = "S"
        pilot.app.screen.query_one("#rating-safe-room", Select).value = "P"
        await pilot.press("ctrl+s")
        await pilot.press("t")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run)


@pytest.mark.parametrize("lang", LANGS)
def test_deliver_dialog(
    snap_compare: Any, here: Path, scenario_folder: Path, clock: FakeClock, lang: str
) -> None:
    """The deliver dialog: ☑ and ☐ in shape, the ▸ cursor, and why each team is (not) ticked:
    Alpha has the call already, Bravo was unticked by hand, Charlie's is due now."""
    app = _console(here, scenario_folder, clock, lang)

    async def run(pilot: Pilot[Any]) -> None:
        await _played(clock)(pilot)
        await pilot.press("d", "space")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run)
