"""No text drives the terminal (S1, S23).

A scenario, a document, a team name, a note, a team report, a rating note and an ad-hoc inject
all carry terminal escapes, C0/C1 controls and bidi overrides, and neither app's screen, nor any
report format, nor any briefing pack holds one of them raw; the screens show the placeholders
instead. The session file keeps what was written.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Input, TextArea

from simtrain.i18n import Translator
from simtrain.session import events as ev
from simtrain.session.session import Session
from simtrain.tui.common.dialogs import DocumentScreen
from simtrain.tui.console.app import Launch, make_console_app
from simtrain.tui.team.app import make_team_app
from simtrain.tui.team.seat import TeamSeat
from tests.test_sanitize import unsafe_chars
from tests.tui.conftest import CONSOLE_SCENARIO, FakeClock

SIZE = (160, 50)

EVIL = (
    " \x1b[2J\x1b[31mRED\x1b[0m \x1b]52;c;cHduZWQ=\x07 \x1b]52;c;cHduZWQ=\x1b\\"
    " \x1b]8;;https://evil.example\x07HL\x1b]8;;\x07 \x1bP1$r0m\x1b\\ \x9b31m \x9d0;t\x9c"
    " N\x00UL B\x07EL BS\x08 paid\rDUE D\x7fEL invoice\u202etxt.exe \u202dL \u2067I\u2069"
    " [bold red]m[/] [@click=app.quit]q[/]"
)
"""The corpus as one text: CSI, OSC 52 with BEL and with ST, OSC 8, DCS, 8-bit CSI and OSC, NUL,
BEL, backspace, a lone CR, DEL, RLO, LRO, RLI/PDI, and Rich markup (shown literally)."""

TEAM_EVIL = "Alpha \x1b[2J\x1b]52;c;cHduZWQ=\x07\x9b31m\u202eX"
"""A team name: no ``:`` (the console reads ``name:roles``), else the same kinds."""

RAW = ["\x1b", "\x9b", "\x9d", "\x07", "\x00", "\u202e", "\u202d", "\u2067"]


def evil_scenario(folder: Path) -> Path:
    """The console tests' harbour scenario with the corpus in its texts and its document."""
    quoted = json.dumps(EVIL)[1:-1]  # a YAML double-quoted string reads JSON's escapes
    text = CONSOLE_SCENARIO
    for plain_text in (
        "The harbour case",
        "A call from the reception centre",
        "A woman at the reception centre asks for help.",
        "Duty officer",
        "Wait for a support worker.",
        "NGO victim support",
        "Calls the NGO before any interview.",
    ):
        line = next(ln for ln in text.splitlines() if ln.endswith(plain_text))
        key = line[: line.index(plain_text)]
        text = text.replace(line, f'{key}"{plain_text}{quoted}"')
    (folder / "docs").mkdir(parents=True)
    (folder / "scenario.yaml").write_text(text, encoding="utf-8")
    doc = EVIL.replace("\x00", "")  # a NUL makes a file binary, no document (S27)
    (folder / "docs" / "report.md").write_text(
        f"# Police report{doc}\n\nShe arrived.{doc}\n\nEntity &#x202E;reversed &#x1b;[2J\n",
        encoding="utf-8",
    )
    return folder


def raw_in(text: str) -> list[str]:
    return unsafe_chars(text)


def screen_text(app: App[Any]) -> str:
    """Everything on the screen (the SVG export without its tags), as a terminal would get it."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def assert_clean_screen(app: App[Any], *expected: str) -> str:
    shown = screen_text(app)
    assert raw_in(shown) == [], f"raw controls on {type(app.screen).__name__}"
    for words in expected:
        assert words in shown, words
    return shown


@pytest.fixture
def evil_session(tmp_path: Path) -> tuple[Path, FakeClock]:
    """Where the console makes its session on the corpus scenario, and its clock."""
    evil_scenario(tmp_path / "harbour")
    return tmp_path / "run.simtrain", FakeClock()


async def _console_run(path: Path, clock: FakeClock) -> None:
    """The real console: started, the first inject delivered, a note and an ad-hoc inject typed
    with the corpus, a team report and a rating note from other seats; every screen checked."""
    launch = Launch(
        ui_lang="en",
        scenario=path.parent / "harbour",
        session_path=path,
        team_names=[TEAM_EVIL, "Bravo:ngo"],
        direct=True,
    )
    app = make_console_app(launch, clock, steady_cursor=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert_clean_screen(app, "The harbour case ␛[2J", "⟨U+009B⟩31m", "Alpha ␛[2J")
        await pilot.press("space")
        with Session.open(path) as other:  # a team terminal and an evaluator, from elsewhere
            other.append(
                ev.InjectDelivered(team="team-1", inject="first-call"),
                wall_time=clock(),
                who="control",
            )
            other.append(
                ev.TeamReport(team="team-1", text="report" + EVIL),
                wall_time=clock(),
                who="team-1/ngo",
            )
            other.append(
                ev.RatingGiven(
                    team="team-1", expect="call-ngo", rating="P", note="rated" + EVIL,
                    evaluator="evaluator:Eve\x1b]52;c;eA==\x07",
                ),
                wall_time=clock(),
                who="evaluator:Eve\x1b]52;c;eA==\x07",
            )  # fmt: skip
        clock.advance(2)
        await pilot.pause(0.3)
        assert_clean_screen(app, "A call from the reception centre ␛[2J")
        # a note and an ad-hoc inject typed at the console with the corpus in them
        await pilot.press("n")
        app.screen.query_one("#text", Input).value = "note" + EVIL
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("a")
        app.screen.query_one("#title", Input).value = "adhoc" + EVIL
        app.screen.query_one("#message", TextArea).text = "adhoc message" + EVIL
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        shown = assert_clean_screen(app, "note ␛[2J", "adhoc ␛[2J")
        assert "RED" in shown
        # the attachment, Markdown entities included, and the report screen
        await pilot.press("o")
        await pilot.pause(0.3)
        assert isinstance(app.screen, DocumentScreen)
        assert_clean_screen(app, "Police report ␛[2J", "⟨U+202E⟩reversed")
        await pilot.press("escape", "t")
        await pilot.pause(0.3)
        assert_clean_screen(app)
        await pilot.press("escape")
    with Session.open(path) as reader:  # the log keeps what was written, controls and all
        written = [getattr(r.event, "text", "") for r in reader.log]
        assert "note" + EVIL in written
        assert "report" + EVIL in written
        created = reader.log[0].event
        assert isinstance(created, ev.Created)
        assert created.teams[0].name == TEAM_EVIL


async def test_console_and_team_terminal_show_no_raw_control(
    evil_session: tuple[Path, FakeClock],
) -> None:
    path, clock = evil_session
    await _console_run(path, clock)
    seat = TeamSeat(Session.open(path), Translator("en"), "team-1", "ngo", clock=clock)
    app = make_team_app(seat, poll=0.05, steady_cursor=True)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause(0.3)
            assert_clean_screen(app, "adhoc ␛[2J", "Alpha ␛[2J")
            for key in ("down", "enter"):
                await pilot.press(key)
                await pilot.pause(0.2)
                assert_clean_screen(app)
            for tab in ("f2", "f3", "f4", "f1"):
                await pilot.press(tab)
                await pilot.pause(0.2)
                assert_clean_screen(app)
    finally:
        seat.session.close()


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "simtrain", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        timeout=120,
        check=False,
    )


async def test_every_report_format_and_briefing_pack_is_clean(
    evil_session: tuple[Path, FakeClock], tmp_path: Path
) -> None:
    path, clock = evil_session
    await _console_run(path, clock)
    for fmt in ("md", "html", "csv", "json"):
        out = tmp_path / f"report.{fmt}"
        done = _run("report", str(path), "--ui-lang", "en", "--format", fmt, "-o", str(out))
        assert done.returncode == 0, done.stderr
        text = out.read_text(encoding="utf-8")
        if fmt == "json":
            text = json.dumps(json.loads(text), ensure_ascii=False)  # escaped controls count too
        assert raw_in(text) == [], fmt
        assert "␛" in text and "⟨U+009B⟩" in text, fmt
    packs = tmp_path / "packs"
    done = _run(
        "briefing", str(path.parent / "harbour"), "--ui-lang", "en", "--all", "-o", str(packs)
    )
    assert done.returncode == 0, done.stderr
    files = sorted(p for p in packs.rglob("*") if p.is_file())
    assert {p.suffix for p in files} == {".md", ".html"}
    for pack in files:
        text = pack.read_text(encoding="utf-8")
        assert raw_in(text) == [], pack.name
        assert "␛" in text, pack.name
    assert not [c for c in RAW if c in done.stdout + done.stderr]


def test_validate_quotes_a_bad_key_or_id_without_its_controls(tmp_path: Path) -> None:
    """A problem line quotes what the file says (an unknown key, a bad id): shown, never obeyed."""
    folder = evil_scenario(tmp_path / "harbour")
    text = (folder / "scenario.yaml").read_text(encoding="utf-8")
    text = text.replace("simtrain: 1\n", 'simtrain: 1\n"bad\\e]52;c;cHduZWQ=\\akey": 1\n', 1)
    text = text.replace("  - id: first-call", '  - id: "first\\e[2Jcall"', 1)
    (folder / "scenario.yaml").write_text(text, encoding="utf-8")
    done = _run("validate", str(folder), "--ui-lang", "en")
    assert done.returncode == 1
    assert raw_in(done.stdout + done.stderr.replace("\n", "")) == []
    assert "unknown key 'bad␛]52;c;cHduZWQ=␇key'" in done.stderr
    assert "'first␛[2Jcall' is not a valid id" in done.stderr
