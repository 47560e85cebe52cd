"""``simtrain serve`` for real: started on loopback, its page fetched, wrong codes refused, the
terminal started over its websocket, and the page drawn by headless Chromium.

The Chromium test needs Debian's ``chromium`` at /usr/bin/chromium (.ci/run installs it) and skips
only when it is absent. It drives the browser over the DevTools protocol with aiohttp's websocket
client, so it can wait until the terminal has drawn before taking the screenshot.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from simtrain.i18n import Translator
from simtrain.session import events as ev
from simtrain.tui.team.join import CODE_LENGTH, JoinTarget, Misses, codes_path, join_codes
from simtrain.tui.team.server import MISS_WINDOW, MISSES_ALLOWED, TeamServer
from tests.team.conftest import FakeClock, control_append

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SIMTRAIN = [sys.executable, "-m", "simtrain"]
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class Served:
    def __init__(
        self, process: subprocess.Popen[str], port: int, links: dict[str, dict[str, str]]
    ) -> None:
        self.process = process
        self.port = port
        self.links = links["t"]
        """Each team's link, by its name."""
        self.evaluators = links["e"]
        """Each evaluator's link, by its line: ``Maria (Alpha, Bravo)``."""
        self.actors = links["a"]
        """Each actor's link, by the character's name."""
        self.base = f"http://127.0.0.1:{port}"


@pytest.fixture
def served(started: Path, clock: FakeClock) -> Iterator[Served]:
    control_append(started, clock, ev.InjectDelivered(team="team-1", inject="first-call"))
    port = free_port()
    process = subprocess.Popen(
        [
            *SIMTRAIN,
            "serve",
            str(started),
            "--port",
            str(port),
            "--evaluator",
            "Maria:Alpha,team-2",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "SIMTRAIN_LANG": "en"},
    )
    links: dict[str, dict[str, str]] = {"t": {}, "e": {}, "a": {}}
    assert process.stdout is not None
    for line in process.stdout:
        found = re.match(r"\s+(.+): (http://[^/]+/([tea])/\S+)$", line)
        if found:
            links[found[3]][found[1]] = found[2]
        if "Ctrl+C" in line:
            break
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.1)
        yield Served(process, port, links)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_one_link_per_team_on_loopback(served: Served, started: Path) -> None:
    assert set(served.links) == {"Alpha", "Bravo"}
    for url in served.links.values():
        assert re.fullmatch(rf"http://127\.0\.0\.1:{served.port}/t/[a-z2-9]{{{CODE_LENGTH}}}", url)
    stored = json.loads(codes_path(started).read_text())
    assert served.links["Alpha"].endswith(stored["team-1"])
    assert codes_path(started).stat().st_mode & 0o077 == 0  # the facilitator's eyes only


def test_the_page_is_served_for_a_valid_code(served: Served) -> None:
    url = served.links["Alpha"]
    status, body = get(url)
    assert status == 200
    page = body.decode()
    assert "textual-terminal" in page and "Alpha · simtrain" in page
    assert f'data-session-websocket-url="ws://127.0.0.1:{served.port}/t/' in page
    assert "googleapis" not in page  # nothing from outside the room
    status, script = get(url + "/static/js/textual.js")
    assert status == 200 and len(script) > 1000
    status, _ = get(url + "?role=ngo")
    assert status == 200


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/ws",
        "/static/js/textual.js",
        "/t/aaaaaaaaaa",
        "/t/aaaaaaaaaa/static/js/textual.js",
        "/t/aaaaaaaaaa/ws",
        "/t/",
        "/download/x",
    ],
)
def test_a_request_without_a_valid_code_gets_nothing(served: Served, path: str) -> None:
    status, body = get(served.base + path)
    assert status == 404
    assert body == b""


def test_a_right_code_always_opens_and_wrong_ones_slow_down(started: Path) -> None:
    """S26: a trainee's typos, or a scan, behind the room's one address never lock a team out; past
    the allowance each further wrong code waits before its 404, and the window forgets."""
    now = [0.0]
    right = "rightcode2"
    targets = {right: JoinTarget("team-1", "Alpha", ("investigator", "ngo"))}
    delay = 0.3
    server = TeamServer(started, targets, Translator("en"), clock=lambda: now[0], miss_delay=delay)

    async def scan() -> list[tuple[int, float]]:
        from aiohttp.test_utils import TestClient, TestServer

        answers: list[tuple[int, float]] = []

        async def get(path: str) -> None:
            began = time.monotonic()
            status = (await client.get(path)).status
            answers.append((status, time.monotonic() - began))

        async with TestClient(TestServer(await server._make_app())) as client:
            await get(f"/t/{right}")
            for k in range(MISSES_ALLOWED):
                await get(f"/t/wrongcode{k:02d}")
            await get(f"/t/{right}")  # opens, at once
            await get(f"/t/{right}/static/js/textual.js")
            await get("/t/wrongcode99")  # slowed down
            now[0] += MISS_WINDOW + 1
            await get("/t/wrongcode98")  # the window has passed: quick again
        return answers

    answers = asyncio.run(scan())
    statuses = [status for status, _ in answers]
    assert statuses == [200] + [404] * MISSES_ALLOWED + [200, 200, 404, 404]
    quick = [took for _, took in answers[: MISSES_ALLOWED + 3]] + [answers[-1][1]]
    assert max(quick) < delay
    assert answers[-2][1] >= delay


def test_misses_are_counted_per_address() -> None:
    now = [0.0]
    misses = Misses(lambda: now[0], 3, 60.0)
    for _ in range(10):
        misses.miss("10.0.0.1")
    assert misses.blocked("10.0.0.1") and not misses.blocked("10.0.0.2")
    assert len(misses._seen["10.0.0.1"]) == 3  # memory per address is bounded
    now[0] = 61.0
    assert not misses.blocked("10.0.0.1")


def test_valid_code_cannot_reach_beyond_its_team(served: Served) -> None:
    url = served.links["Alpha"]
    for tail in (
        "?role=journalist",
        "/ws/journalist",
        "/static/../../server.py",
        "/static/%2e%2e/x",
    ):
        status, body = get(url + tail)
        assert status == 404 and body == b""


def test_the_websocket_starts_the_team_terminal(served: Served) -> None:
    """What a browser does: connect, say its size, and receive the app's screen."""
    ws_url = served.links["Alpha"].replace("http://", "ws://") + "/ws?width=100&height=30"

    async def talk() -> int:
        received = 0
        async with aiohttp.ClientSession() as http, http.ws_connect(ws_url) as ws:
            await ws.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
            deadline = time.monotonic() + 30
            while received < 2000 and time.monotonic() < deadline:
                try:
                    message = await ws.receive(timeout=5)
                except TimeoutError:
                    continue
                if message.type == aiohttp.WSMsgType.BINARY:
                    received += len(message.data)
                elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                    break
        return received

    assert asyncio.run(talk()) >= 2000


def test_bad_port_and_missing_session_are_one_line(tmp_path: Path) -> None:
    for argv in (
        ["serve", str(tmp_path / "none.simtrain")],
        ["serve", str(tmp_path), "--port", "0"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "simtrain", *argv], cwd=ROOT, capture_output=True, text=True
        )
        assert done.returncode == 2
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_codes_are_kept_and_renewed(tmp_path: Path) -> None:
    session = tmp_path / "x.simtrain"
    first, _ = join_codes(session, ["team-1", "team-2"])
    again, _ = join_codes(session, ["team-1", "team-2"])
    renewed, _ = join_codes(session, ["team-1", "team-2"], renew=True)
    assert first == again
    assert first["team-1"] != renewed["team-1"] and first["team-1"] != first["team-2"]


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
def test_headless_chromium_draws_the_terminal(served: Served, tmp_path: Path) -> None:
    shot = tmp_path / "team-terminal.png"
    drawn = asyncio.run(screenshot(served.links["Alpha"], shot))
    assert drawn, "the terminal never drew in the browser"
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 5000
    artifacts = os.environ.get("SIMTRAIN_ARTIFACTS")
    if artifacts:  # CI may keep it for a human to look at
        Path(artifacts).mkdir(parents=True, exist_ok=True)
        (Path(artifacts) / shot.name).write_bytes(data)


async def screenshot(url: str, out: Path) -> bool:
    """Load ``url`` in headless Chromium, wait for the terminal's first bytes, take a PNG."""
    # a profile under pytest's tmp_path: Chromium's helpers may still be writing to it as the
    # browser exits, which a TemporaryDirectory would fail to remove
    profile = out.parent / "chromium-profile"
    browser = subprocess.Popen(
        [
            str(CHROMIUM),
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",
            "--window-size=1280,800",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its helper processes go with it
    )
    try:
        port_file = Path(profile) / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and port_file.read_text().strip()):
            assert time.monotonic() < deadline, "chromium did not start"
            await asyncio.sleep(0.1)
        port = port_file.read_text().split()[0]
        async with aiohttp.ClientSession() as http:
            targets = await (await http.get(f"http://127.0.0.1:{port}/json/list")).json()
            page = next(t for t in targets if t["type"] == "page")
            async with http.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as cdp:
                calls = 0

                async def call(method: str, **params: object) -> dict[str, object]:
                    nonlocal calls
                    calls += 1
                    await cdp.send_json({"id": calls, "method": method, "params": params})
                    async for message in cdp:
                        data = json.loads(message.data)
                        if data.get("id") == calls:
                            return dict(data.get("result", data))
                    return {}

                await call("Page.enable")
                await call("Page.navigate", url=url)
                drawn = False
                deadline = time.monotonic() + 30
                while not drawn and time.monotonic() < deadline:
                    result = await call(
                        "Runtime.evaluate",
                        expression="document.body.classList.contains('-first-byte')",
                        returnByValue=True,
                    )
                    drawn = bool(result.get("result", {}).get("value"))  # type: ignore[attr-defined]
                    await asyncio.sleep(0.2)
                await asyncio.sleep(1.0)  # let the first frames settle
                shot = await call("Page.captureScreenshot", format="png")
                out.write_bytes(base64.b64decode(str(shot["data"])))
                return drawn
    finally:
        os.killpg(browser.pid, signal.SIGTERM)
        try:
            browser.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(browser.pid, signal.SIGKILL)
            browser.wait()


def test_a_plain_get_on_the_websocket_is_a_quiet_400(served: Served) -> None:
    """S17: no Upgrade header, a right code: a 400 like every other refusal, no traceback."""
    url = served.links["Alpha"] + "/ws"
    status, body = get(url)
    assert status == 400 and body == b""
    status, _ = get(served.links["Alpha"])  # the server is still there
    assert status == 200
    served.process.send_signal(signal.SIGINT)
    output, _ = served.process.communicate(timeout=15)
    assert "Traceback" not in output and "Unhandled exception" not in output
    assert "Bad Request" not in output


def test_a_gone_session_is_said_on_the_page_and_opens_no_terminal(
    served: Served, started: Path
) -> None:
    """S18: the session file is deleted; the page says so (410) instead of connecting forever,
    and the websocket is refused before any terminal process takes one of the team's slots."""
    started.unlink()
    status, body = get(served.links["Alpha"])
    assert status == 410
    assert "session file is gone" in body.decode()
    assert "textual-terminal" not in body.decode()

    async def connect() -> int:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as http:
            try:
                async with http.ws_connect(served.links["Alpha"] + "/ws"):
                    return 101
            except aiohttp.WSServerHandshakeError as error:
                return error.status

    assert asyncio.run(connect()) == 410


def test_a_terminal_that_ends_closes_its_socket_and_frees_its_slot(started: Path) -> None:
    """When the team process ends by itself, the browser's socket closes (its page shows "The
    terminal has closed" with a Reconnect button) and the team's slot is free again."""
    code = "rightcode2"
    targets = {code: JoinTarget("team-1", "Alpha", ("investigator", "ngo"))}
    server = TeamServer(started, targets, Translator("en"), python="/bin/false")

    async def talk() -> tuple[aiohttp.WSMsgType, int]:
        from aiohttp.test_utils import TestClient, TestServer

        async with TestClient(TestServer(await server._make_app())) as client:
            ws = await client.ws_connect(f"/t/{code}/ws")
            kind = aiohttp.WSMsgType.ERROR
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                try:
                    message = await ws.receive(timeout=5)
                except TimeoutError:
                    continue
                kind = message.type
                if kind in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                    break
            await ws.close()
            for _ in range(100):
                if server.open.get("team-1", 0) == 0:
                    break
                await asyncio.sleep(0.05)
            return kind, server.open.get("team-1", 0)

    kind, still_open = asyncio.run(talk())
    assert kind in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    assert still_open == 0


# --- the control cell's seats: evaluators and actors (issue 13, point 5) --------------------


def test_a_link_per_evaluator_and_actor_seat_with_codes_of_their_own(
    served: Served, started: Path
) -> None:
    """One evaluator's seat per team (named after it) plus each --evaluator, one actor's seat per
    character who sends injects; every code distinct, all kept in the owner-only join file."""
    assert set(served.evaluators) == {"Alpha (Alpha)", "Bravo (Bravo)", "Maria (Alpha, Bravo)"}
    assert set(served.actors) == {"Duty officer Rossi"}
    stored = json.loads(codes_path(started).read_text())
    assert set(stored) == {
        "team-1",
        "team-2",
        "evaluator:Alpha",
        "evaluator:Bravo",
        "evaluator:Maria",
        "actor:duty-officer",
    }
    assert len(set(stored.values())) == len(stored)
    assert served.evaluators["Maria (Alpha, Bravo)"].endswith("/e/" + stored["evaluator:Maria"])
    assert served.actors["Duty officer Rossi"].endswith("/a/" + stored["actor:duty-officer"])
    assert codes_path(started).stat().st_mode & 0o077 == 0


def test_each_code_opens_its_own_seat_only(served: Served) -> None:
    """A team's code on an evaluator's or actor's path is a 404, and so is a seat's code on a
    team's path or on the other kind of seat's: the kind is part of what a code opens."""
    every = {
        "t": list(served.links.values()),
        "e": list(served.evaluators.values()),
        "a": list(served.actors.values()),
    }
    titles = {"e": "Evaluator Maria · simtrain", "a": "Duty officer Rossi · cues · simtrain"}
    status, page = get(served.evaluators["Maria (Alpha, Bravo)"])
    assert status == 200 and titles["e"] in page.decode()
    status, page = get(served.actors["Duty officer Rossi"])
    assert status == 200 and titles["a"] in page.decode()
    for kind, urls in every.items():
        for url in urls:
            code = url.rsplit("/", 1)[1]
            assert get(url)[0] == 200
            assert get(f"{url}/static/js/textual.js")[0] == 200
            for other in {"t", "e", "a"} - {kind}:
                for tail in ("", "/ws", "/static/js/textual.js"):
                    status, body = get(f"{served.base}/{other}/{code}{tail}")
                    assert (status, body) == (404, b""), (kind, other, tail)
    for url in every["e"] + every["a"]:  # a seat has no roles to narrow it to
        assert get(url + "?role=ngo")[0] == 404


def _seat_server(started: Path) -> TeamServer:
    targets = {
        "teamcode22": JoinTarget("team-1", "Alpha", ("investigator", "ngo")),
        "evalcode22": JoinTarget.evaluator("Maria", ["team-2"]),
        "leadcode22": JoinTarget.evaluator("Lead", [], all_teams=True),
        "actorcode2": JoinTarget.actor("duty-officer", "Duty officer Rossi"),
    }
    return TeamServer(started, targets, Translator("ru"), content_lang="it")


def test_a_seat_code_starts_only_that_seat(started: Path) -> None:
    """What each code runs: an evaluator's seat sees only its teams (unless it was given every
    team), an actor's seat its character; interface and content languages are passed on."""
    server = _seat_server(started)
    argv = {
        code: shlex.split(server.command_for(target, None))
        for code, target in server.targets.items()
    }
    tail = ["--ui-lang", "ru", "--lang", "it"]
    session = str(started.resolve())
    assert argv["teamcode22"][3:] == ["team", session, "--team", "team-1", *tail]
    assert argv["evalcode22"][3:] == [
        "evaluate",
        session,
        "--team",
        "team-2",
        "--name",
        "Maria",
        *tail,
    ]
    assert argv["leadcode22"][3:] == ["evaluate", session, "--all-teams", "--name", "Lead", *tail]
    assert argv["actorcode2"][3:] == ["cues", session, "--character", "duty-officer", *tail]


@pytest.mark.parametrize("kind", ["e", "a"])
def test_the_websocket_starts_the_evaluator_or_actor_seat(served: Served, kind: str) -> None:
    """The evaluator's and the actor's seat draw in the browser as a team's terminal does."""
    link = next(iter((served.evaluators if kind == "e" else served.actors).values()))
    ws_url = link.replace("http://", "ws://") + "/ws?width=100&height=30"

    async def talk() -> int:
        received = 0
        async with aiohttp.ClientSession() as http, http.ws_connect(ws_url) as ws:
            await ws.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
            deadline = time.monotonic() + 30
            while received < 2000 and time.monotonic() < deadline:
                try:
                    message = await ws.receive(timeout=5)
                except TimeoutError:
                    continue
                if message.type == aiohttp.WSMsgType.BINARY:
                    received += len(message.data)
                elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                    break
        return received

    assert asyncio.run(talk()) >= 2000


@pytest.mark.parametrize("value", ["Maria", "Maria:", "Maria:Zulu", ":Alpha", "   :Alpha"])
def test_a_wrong_evaluator_option_is_one_line(started: Path, value: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "simtrain", "serve", str(started), "--evaluator", value],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "SIMTRAIN_LANG": "en"},
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stdout == ""


def test_join_codes_of_an_older_file_still_open_the_same_terminals(tmp_path: Path) -> None:
    """A join file written before seats had links holds team ids only: those codes are kept and
    the seats get new ones beside them."""
    session = tmp_path / "x.simtrain"
    old, _ = join_codes(session, ["team-1", "team-2"])
    codes, _ = join_codes(session, ["team-1", "team-2", "evaluator:Alpha", "actor:duty-officer"])
    assert codes["team-1"] == old["team-1"] and codes["team-2"] == old["team-2"]
    assert len(set(codes.values())) == 4
