"""One console owns the clock (S5): two consoles as separate processes on one session file.

The first console drives the clock; a second one, opened while it runs, is a viewer: it notes,
but its clock keys refuse and say why, and closing it never pauses the exercise. A viewer that
takes the clock over (confirmed) drives it; the first notices at its next renewal and becomes a
viewer, so its own exit no longer pauses the clock either.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from simtrain.i18n import Translator
from simtrain.scenario.loader import load_scenario
from simtrain.session import Session, SessionError
from simtrain.tui.common.dialogs import ConfirmScreen
from simtrain.tui.console.app import Launch, make_console_app
from simtrain.tui.console.opening import create_console, make_teams, open_console
from tests.tui.test_crash_resume import Terminal

ROOT = Path(__file__).resolve().parents[2]

DRIVER = """
import sys, time
from pathlib import Path
from simtrain.i18n import Translator
from simtrain.tui.console.opening import open_console

path, flags = Path(sys.argv[1]), Path(sys.argv[2])
f = open_console(path, Translator("en"), None, clock=time.time).facilitator
assert not f.lease.viewer
f.toggle_clock()
(flags / "running").touch()
while not (flags / "stop").exists():
    f.tick()
    if f.lease_news == "lost":
        (flags / "lost").touch()
        f.lease_news = None
    time.sleep(0.2)
paused = f.pause_for_exit()
print(len(paused))
"""


def wait_for(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.1)


def types(path: Path) -> list[str]:
    with Session.open(path, "read") as session:
        return [r.event.type for r in session.log]


def make_session(path: Path, folder: Path) -> None:
    loaded = load_scenario(folder)
    teams = make_teams(["Alpha", "Bravo"], [r.id for r in loaded.scenario.roles])
    opened = create_console(path, loaded, teams, None, Translator("en"), clock=time.time)
    opened.facilitator.pause_for_exit()
    opened.facilitator.session.close()


def test_a_viewer_never_pauses_and_a_take_over_moves_the_clock(
    tmp_path: Path, scenario_folder: Path
) -> None:
    path = tmp_path / "run.simtrain"
    make_session(path, scenario_folder)
    flags = tmp_path / "flags"
    flags.mkdir()
    driver = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(path), str(flags)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(lambda: (flags / "running").exists())
        t = Translator("en")
        viewer = open_console(path, t, None, clock=time.time)
        f = viewer.facilitator
        assert viewer.driven_by is not None and f.lease.viewer
        with pytest.raises(SessionError) as refused:
            f.toggle_clock()
        assert refused.value.key == "clock_held"
        with pytest.raises(SessionError):
            f.change_speed(1)
        assert f.note("from the second laptop")  # a viewer notes
        assert f.pause_for_exit() == []  # closing a viewer pauses nothing
        f.session.close()
        time.sleep(1.0)
        assert "clock_paused" not in types(path)

        taker = open_console(path, t, None, clock=time.time).facilitator
        assert taker.lease.viewer
        taker.take_clock()  # the facilitator confirmed
        assert not taker.lease.viewer
        wait_for(lambda: (flags / "lost").exists(), timeout=15)
        (flags / "stop").touch()
        out, _ = driver.communicate(timeout=30)
        assert out.strip() == "0"  # the first console, a viewer now, did not pause on exit
        assert "clock_paused" not in types(path)
        with Session.open(path, "read") as reader:
            assert reader.state.clock.running
        assert len(taker.pause_for_exit()) == 1  # the console that drives pauses on exit
        taker.session.close()
        assert types(path).count("clock_paused") == 1
    finally:
        (flags / "stop").touch()
        if driver.poll() is None:
            driver.kill()
        driver.communicate()


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux (.ci/run installs it)")
async def test_the_real_console_in_another_process_keeps_its_clock(
    tmp_path: Path, scenario_folder: Path
) -> None:
    """The first console is ``simtrain resume`` in a terminal; the second, the app under Pilot."""
    path = tmp_path / "run.simtrain"
    make_session(path, scenario_folder)
    command = [sys.executable, "-m", "simtrain", "resume", str(path), "--ui-lang", "en"]
    terminal = Terminal(command, tmp_path)
    try:
        wait_for(lambda: "Clock not started" in terminal.screen())
        terminal.keys("Space")
        wait_for(lambda: "Running" in terminal.screen())
        app = make_console_app(Launch(ui_lang="ru", session_path=path), steady_cursor=True)
        async with app.run_test(size=(120, 40)) as pilot:
            assert app.facilitator is not None and app.facilitator.lease.viewer
            header = str(app.screen.query_one("#header-state").render())
            assert "наблюдатель" in header
            await pilot.press("plus")
            await pilot.pause()
            said = [n.message for n in app._notifications]
            assert any("пробел" in m and "управляет другая консоль" in m for m in said)
            await pilot.press("space")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("escape")
            await pilot.pause()
            assert app.facilitator.lease.viewer
            app.exit()
        time.sleep(1.5)
        assert "clock_paused" not in types(path)
        assert "Running" in terminal.screen()
        assert "viewer" not in terminal.screen()
    finally:
        terminal.close()
