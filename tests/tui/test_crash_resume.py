"""kill -9 of a real console in a real terminal, then ``resume``: nothing shown as done is lost.

The console runs as ``python -m simtrain run`` inside tmux; keys go in through ``send-keys``. After
SIGKILL the session file is reopened by the resumed console, which must show the same clock
(paused where the dead console was last seen), and every delivery, rating, note and decision.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from simtrain.session import Session
from simtrain.tui.console.app import Launch, make_console_app

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None, reason="needs tmux (.ci/run installs it)"
)


def wait_for(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.1)


class Terminal:
    """One tmux session running one command, for as long as the test needs it."""

    def __init__(self, command: list[str], cwd: Path) -> None:
        self.name = f"simtrain-{uuid.uuid4().hex[:8]}"
        subprocess.run(
            [
                "tmux",
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                "120",
                "-y",
                "40",
                "-c",
                str(cwd),
                " ".join(command),
            ],
            check=True,
        )

    def keys(self, *keys: str, literal: bool = False) -> None:
        args = ["tmux", "send-keys", "-t", self.name, *(["-l"] if literal else []), *keys]
        subprocess.run(args, check=True)
        time.sleep(0.4)

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        ).stdout

    def pid(self) -> int:
        out = subprocess.run(
            ["tmux", "list-panes", "-t", self.name, "-F", "#{pane_pid}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return int(out.split()[0])

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def events(path: Path) -> list[object]:
    with Session.open(path) as session:
        return [r.event for r in session.log]


async def test_kill_9_then_resume_shows_everything(tmp_path: Path, scenario_folder: Path) -> None:
    path = tmp_path / "run.simtrain"
    command = [
        sys.executable,
        "-m",
        "simtrain",
        "run",
        str(scenario_folder),
        "--team",
        "Alpha",
        "--team",
        "Bravo",
        "--session",
        str(path),
        "--ui-lang",
        "en",
    ]
    terminal = Terminal(command, tmp_path)
    try:
        wait_for(lambda: "Clock not started" in terminal.screen())
        terminal.keys("Space")
        wait_for(lambda: "Running" in terminal.screen())
        terminal.keys("d")
        terminal.keys("C-s")  # deliver first-call to both teams
        terminal.keys("r")  # rate Alpha: call-ngo P with a note, and the option it chose
        terminal.keys("Enter")
        terminal.keys("Down")
        terminal.keys("Enter")
        terminal.keys("Tab")
        terminal.keys("quick and calm", literal=True)
        terminal.keys("BTab")  # back to the rating, then the option picker first in the list
        terminal.keys("BTab")
        terminal.keys("Enter")
        terminal.keys("Down")
        terminal.keys("Down")
        terminal.keys("Enter")
        terminal.keys("C-s")
        terminal.keys("n")
        terminal.keys("before the crash", literal=True)
        terminal.keys("Enter")
        wait_for(lambda: any(getattr(e, "type", "") == "note_added" for e in events(path)))
        time.sleep(2.5)  # the clock keeps running; the console marks itself seen each second
        with Session.open(path) as reader:
            seen = reader.store.last_seen()
            assert seen is not None
            expected = reader.now(seen)
        os.kill(terminal.pid(), signal.SIGKILL)
        wait_for(lambda: "simtrain" not in terminal.screen() or True)
    finally:
        terminal.close()

    logged = events(path)
    types = [e.type for e in logged]  # type: ignore[attr-defined]
    assert types.count("inject_delivered") == 2
    assert "clock_paused" not in types  # it died with the clock running

    app = make_console_app(Launch(ui_lang="en", session_path=path))
    async with app.run_test(size=(120, 40)):
        assert app.facilitator is not None
        state = app.facilitator.session.state
        assert not state.clock.running
        assert app.facilitator.run_view.now() == expected
        assert expected >= 2  # the clock ran before the kill, and that time is kept
        alpha = state.teams["team-1"]
        assert set(alpha.delivered) == {"first-call"}
        assert set(state.teams["team-2"].delivered) == {"first-call"}
        rating = alpha.rating("call-ngo")
        assert rating is not None and (rating.rating, rating.note) == ("P", "quick and calm")
        assert set(alpha.chosen) == {"wait"}
        assert [n.text for n in state.notes] == ["before the crash"]
        header = str(app.screen.query_one("#header-state").render())
        assert header.startswith("Paused")
