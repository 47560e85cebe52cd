"""No text drives the terminal (S1, S23), at the exits the views do not cover.

The fold, the catalog and the views show text through :func:`simtrain.sanitize.visible`; these
tests send the same corpus through what prints *around* them: ``serve``'s team lines and the page a
browser gets, ``rehearse``'s timeline and JSON, every command's one-line refusal quoting a path or
a value (argparse's too), a :class:`KeyedError`'s params, the console's toasts (an attachment that
cannot be read) and its sub-title (the session file's name), and the team terminal's toasts.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from textual.app import App

from simtrain.errors import KeyedError
from simtrain.session.session import Session
from simtrain.tui.console.app import Launch, make_console_app
from simtrain.tui.team.app import make_team_app
from simtrain.tui.team.seat import TeamError, TeamSeat
from tests.test_no_terminal_controls import EVIL, SIZE, TEAM_EVIL, evil_scenario, screen_text
from tests.test_sanitize import unsafe_chars
from tests.tui.conftest import CONSOLE_SCENARIO, FakeClock

ROOT = Path(__file__).resolve().parents[1]
BRANCHING = ROOT / "tests" / "session" / "fixtures" / "branching"

NAME_EVIL = "x\x1b]52;c;cHduZWQ=\x07\x1b[2J\x9b31m\u202eY"
"""A file or folder name: no NUL, no ``/`` (nothing else a Linux file name cannot hold)."""


def simtrain(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "simtrain", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        env={**os.environ, "SIMTRAIN_LANG": "en"},
        timeout=timeout,
        check=False,
    )


def quoted(text: str) -> str:
    """``text`` inside a YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text)


@pytest.fixture(scope="module")
def rehearsed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The branching fixture in a folder whose name carries the corpus, a script (in such a
    folder too) naming a team, a note and a report with the corpus, and the session it wrote."""
    root = tmp_path_factory.mktemp("exits")
    scenario = root / f"branching{NAME_EVIL}"
    shutil.copytree(BRANCHING, scenario)
    shutil.rmtree(scenario / "rehearsals")
    (root / NAME_EVIL).mkdir()
    script = root / NAME_EVIL / "run.yaml"
    script.write_text(
        "teams:\n"
        f"  - {{id: alpha, name: {quoted(TEAM_EVIL)}, roles: [investigator, ngo]}}\n"
        "steps:\n"
        '  - at: "0:15"\n'
        "  - deliver: landing-call\n"
        f"  - note: {quoted('note' + EVIL)}\n"
        "    team: alpha\n"
        f"  - report: {quoted('report' + EVIL)}\n"
        "    team: alpha\n",
        encoding="utf-8",
    )
    session = root / f"run{NAME_EVIL}.simtrain"
    done = simtrain("rehearse", scenario, "--script", script, "--session", session)
    assert done.returncode == 0, done.stdout + done.stderr
    return scenario, script, session


def assert_shown(text: str, *expected: str) -> None:
    assert unsafe_chars(text) == [], text
    assert "Traceback" not in text
    for words in expected:
        assert words in text, (words, text)


# --- rehearse and serve ----------------------------------------------------------------------


def test_rehearse_timeline_shows_the_fold_names_and_visible_notes(
    rehearsed: tuple[Path, Path, Path],
) -> None:
    scenario, script, _ = rehearsed
    done = simtrain("rehearse", scenario, "--script", script)
    assert done.returncode == 0, done.stderr
    assert_shown(
        done.stdout + done.stderr,
        "Alpha ␛[2J␛]52;c;cHduZWQ=␇⟨U+009B⟩31m⟨U+202E⟩X",
        "note ␛[2J",
        "report ␛[2J",
        "x␛]52;c;cHduZWQ=␇␛[2J⟨U+009B⟩31m⟨U+202E⟩Y/run.yaml",  # the script's path
    )
    timeline = [line for line in done.stdout.splitlines() if "note " in line or "report " in line]
    assert len(timeline) == 2  # each logged text on the timeline's one line


def test_rehearse_json_escapes_what_a_terminal_obeys_and_keeps_the_value(
    rehearsed: tuple[Path, Path, Path],
) -> None:
    scenario, script, _ = rehearsed
    done = simtrain("rehearse", scenario, "--script", script, "--json")
    assert done.returncode == 0, done.stderr
    assert unsafe_chars(done.stdout) == []
    assert "\\u009b" in done.stdout and "\\u202e" in done.stdout
    assert json.loads(done.stdout)["script"] == str(script)  # the exact path, for a program


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_prints_team_names_and_serves_pages_without_controls(
    rehearsed: tuple[Path, Path, Path],
) -> None:
    _, _, session = rehearsed
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "simtrain", "serve", str(session), "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        env={**os.environ, "SIMTRAIN_LANG": "en"},
    )
    printed: list[str] = []
    try:
        assert process.stdout is not None
        for line in process.stdout:
            printed.append(line)
            if "Ctrl+C" in line:
                break
        out = "".join(printed)
        assert_shown(out, "Alpha ␛[2J␛]52;c;cHduZWQ=␇⟨U+009B⟩31m⟨U+202E⟩X", "runx␛]52;")
        link = re.search(r"(http://127\.0\.0\.1:\d+/t/\w+)", out)
        assert link is not None, out
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.1)
        with urllib.request.urlopen(link[1], timeout=10) as response:
            page = response.read().decode("utf-8")
        assert_shown(page, "Alpha ␛[2J")
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- one-line refusals -----------------------------------------------------------------------


def test_keyed_error_params_are_shown_on_one_line() -> None:
    error = TeamError("unknown_role", role="r\x1b]52;c;eA==\x07\nfake line", team=Path("t\x9b"))
    rendered = error.render(lambda key, **params: f"{key}|{params}")
    assert rendered == (
        "team.unknown_role|{'role': 'r␛]52;c;eA==␇ fake line', 'team': 't⟨U+009B⟩'}"
    )
    counted = KeyedError("k", count=3).render(lambda key, **params: repr(params["count"]))
    assert counted == "3"  # numbers stay numbers (plurals)


def refusals(tmp: Path, session: Path) -> list[list[str | Path]]:
    """Every command refusing a path or a value that carries the corpus."""
    evil = tmp / NAME_EVIL
    return [
        ["resume", evil],
        ["report", evil],
        ["report", session, "-o", evil / "r.md"],
        ["team", evil, "--team", "a"],
        ["team", session, "--team", NAME_EVIL],
        ["team", session, "--team", "alpha", "--role", NAME_EVIL],
        ["serve", evil],
        ["serve", session, "--host", f"h{NAME_EVIL}"],
        ["backup", evil, tmp / "copy.simtrain"],
        ["backup", session, evil / "copy.simtrain"],
        ["briefing", evil, "--all", "-o", tmp],
        ["rehearse", evil],
        ["i18n", evil],
        ["validate", evil],
        ["new", NAME_EVIL, "--dir", tmp],
        ["schema", "-o", evil / "s.json"],
        ["validate", evil, f"--strict{NAME_EVIL}"],  # argparse: unrecognized arguments: …
    ]


def test_every_command_refusal_quotes_user_input_as_placeholders(
    rehearsed: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _, _, session = rehearsed
    wrong = []
    for argv in refusals(tmp_path, session):
        done = simtrain(*argv)
        said = done.stdout + done.stderr
        if done.returncode == 0 or unsafe_chars(said) or "␛" not in said or "Traceback" in said:
            wrong.append((argv[:2], done.returncode, said))
    assert wrong == []


# --- the apps' toasts and titles ---------------------------------------------------------------


DOC = "docs/report\u202e\x9btxt.md"
"""An attachment's name: ``validate`` refuses C0 controls in it, not a bidi override or a C1."""


def toasts(app: App[Any]) -> list[str]:
    return [f"{n.title}|{n.message}" for n in app._notifications]


async def test_console_toast_for_an_unreadable_attachment_and_sub_title(tmp_path: Path) -> None:
    """The attachment is gone after the session started: the toast names it and quotes the
    operating system's words; the screen's sub-title is the session file's name."""
    folder = tmp_path / "harbour"
    (folder / "docs").mkdir(parents=True)
    text = CONSOLE_SCENARIO.replace("[docs/report.md]", f"[{quoted(DOC)}]")
    assert text != CONSOLE_SCENARIO
    (folder / "scenario.yaml").write_text(text, encoding="utf-8")
    (folder / DOC).write_text("# Police report\n", encoding="utf-8")
    path = tmp_path / f"run{NAME_EVIL}.simtrain"
    launch = Launch(
        ui_lang="en", scenario=folder, session_path=path, team_names=["Alpha"], direct=True
    )
    app = make_console_app(launch, FakeClock(), steady_cursor=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.startup_error is None
        sub_title = str(app.screen.sub_title)
        assert unsafe_chars(sub_title) == [] and "␛]52;c;cHduZWQ=␇" in sub_title
        (folder / DOC).unlink()
        await pilot.press("o")
        await pilot.pause(0.3)
        said = toasts(app)
        assert any("Cannot read docs/report⟨U+202E⟩⟨U+009B⟩txt.md" in words for words in said)
        app.notify("direct\x1b[2J\x9b31m", title="t\x1b]0;x\x07\nY")  # any toast, any caller
        await pilot.pause(0.2)
        said = toasts(app)
        assert "t␛]0;x␇ Y|direct␛[2J⟨U+009B⟩31m" in said
        assert unsafe_chars("".join(said)) == []
        assert unsafe_chars(screen_text(app)) == []


async def test_team_terminal_toasts_show_no_raw_control(tmp_path: Path) -> None:
    folder = evil_scenario(tmp_path / "harbour")
    path = tmp_path / "run.simtrain"
    clock = FakeClock()
    launch = Launch(
        ui_lang="en", scenario=folder, session_path=path, team_names=[TEAM_EVIL], direct=True
    )
    console = make_console_app(launch, clock, steady_cursor=True)
    async with console.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
    from simtrain.i18n import Translator

    seat = TeamSeat(Session.open(path), Translator("en"), "team-1", None, clock=clock)
    app = make_team_app(seat, poll=0.05, steady_cursor=True)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause(0.2)
            app.notify(f"toast{EVIL}", title=f"title{EVIL}")
            await pilot.pause(0.2)
            said = toasts(app)
            assert unsafe_chars("".join(said)) == [] and "toast ␛[2J" in said[-1]
            assert unsafe_chars(screen_text(app)) == []
            assert unsafe_chars(app.title) == [] and "Alpha ␛[2J" in app.title
    finally:
        seat.session.close()
