"""Evaluator to console latency, and what one evaluator's seat costs in memory.

Target (issue 13, point 8): a rating made in an evaluator's seat shows on the console within one
second; the memory of one seat measured (a team terminal is about 64 MB).

Three processes besides this one, each the real app run headless as its command runs it: the
console (``make_console_app`` on the session, driving the clock), one evaluator's seat
(``make_evaluator_app``, ``simtrain evaluate``) and one team terminal (``make_team_app``, for the
memory comparison). This process tells the evaluator to rate; the evaluator rates through its
seat (the same call its P/S/M/U/N keys make) and reports the wall time right after the commit;
the console reports the moment its screen has taken the rating in (after the refresh that draws
its events). The figure per rating is console-drawn minus committed; over N ratings we print the
median and the worst, and each as a ratio of the 1 s target. Memory is each process's resident
set (VmRSS, and its peak VmHWM) from /proc once every rating has been shown.

    python bench/evaluator_latency.py [--rounds 20]   (BENCH_VERBOSE=1: every rating)
"""

from __future__ import annotations

import argparse
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TARGET_S = 1.0


def _say(line: str) -> None:
    os.write(1, (line + "\n").encode())


def console_child(session: str) -> None:
    """The console on the session; writes ``seen WALL SEQ`` once a rating is drawn."""
    from simtrain.session import events as ev
    from simtrain.tui.console.app import Launch, make_console_app
    from simtrain.tui.console.console_screen import ConsoleScreen

    original = ConsoleScreen.after_events

    def after_events(self: ConsoleScreen, new: Any) -> None:
        records = list(new)
        original(self, records)
        for recorded in records:
            if isinstance(recorded.event, ev.RatingGiven):

                def drawn(seq: int = recorded.seq) -> None:
                    _say(f"seen {time.time():.6f} {seq}")

                self.call_after_refresh(drawn)

    ConsoleScreen.after_events = after_events  # type: ignore[method-assign]
    app = make_console_app(Launch(ui_lang="en", session_path=Path(session)))

    def ready() -> None:
        if isinstance(app.screen, ConsoleScreen):
            _say("ready")
        else:
            app.set_timer(0.1, ready)

    app.call_later(ready)
    app.run(headless=True, size=(160, 50))


def evaluator_child(session: str, team: str) -> None:
    """An evaluator's seat; each stdin line ``EXPECT RATING`` is rated as the keys rate it."""
    from simtrain.i18n import Translator
    from simtrain.tui.evaluator.app import make_evaluator_app, open_evaluator
    from simtrain.tui.evaluator.evaluator_screen import EvaluatorScreen

    seat = open_evaluator(Path(session), Translator("en"), [team], "Bench")
    app = make_evaluator_app(seat)

    def rate(expect: str, rating: str) -> tuple[float, int]:
        recorded = seat.rate(team, expect, rating)
        committed = time.time()
        screen = app.screen
        if isinstance(screen, EvaluatorScreen):
            screen.show(seat.changes())
        return committed, recorded.seq

    def commands() -> None:
        for line in sys.stdin:
            parts = line.split()
            if len(parts) != 2:
                break
            committed, seq = app.call_from_thread(rate, parts[0], parts[1])
            _say(f"rated {committed:.6f} {seq}")
        app.call_from_thread(app.exit)

    def ready() -> None:
        _say("ready")
        threading.Thread(target=commands, daemon=True).start()

    app.call_later(ready)
    app.run(headless=True, size=(140, 44))


def team_child(session: str, team: str) -> None:
    from simtrain.i18n import Translator
    from simtrain.tui.team.app import make_team_app, open_team

    app = make_team_app(open_team(Path(session), Translator("en"), team))
    app.call_later(lambda: _say("ready"))
    app.run(headless=True, size=(120, 40))


def memory(pid: int) -> tuple[float, float]:
    """Resident and peak resident set of a process, in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]


class Child:
    """A child process whose stdout lines arrive on a queue as (kind, wall, seq)."""

    def __init__(self, *args: str, stdin: bool = False) -> None:
        self.process = subprocess.Popen(
            [sys.executable, __file__, *args],
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.lines: queue.Queue[tuple[str, float, int]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            parts = line.split()
            if parts == ["ready"]:
                self.lines.put(("ready", time.time(), 0))
            elif len(parts) == 3:
                self.lines.put((parts[0], float(parts[1]), int(parts[2])))

    def wait_for(self, kind: str, timeout: float = 60) -> tuple[float, int]:
        deadline = time.monotonic() + timeout
        while True:
            got, wall, seq = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            if got == kind:
                return wall, seq

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        children: dict[str, Callable[..., None]] = {
            "console": console_child,
            "evaluator": evaluator_child,
            "team": team_child,
        }
        children[kind](*rest)
        return 0

    from simtrain.resources import scenarios_dir
    from simtrain.scenario.loader import load_scenario
    from simtrain.session import events as ev
    from simtrain.session.session import Session

    loaded = load_scenario(scenarios_dir() / "central-mediterranean")
    scenario = loaded.scenario
    roles = tuple(r.id for r in scenario.roles)
    teams = [ev.Team(id=f"team-{k}", name=f"Team {k}", roles=roles) for k in (1, 2, 3)]
    rated = [j for j in scenario.injects if j.expect][:3]
    expects = [a.id for j in rated for a in j.expect]
    letters = ["P", "S", "M", "U"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.simtrain"
        with Session.create(path, loaded, teams, wall_time=time.time()) as session:
            phases = sorted({j.phase for j in rated}, key=[p.id for p in scenario.phases].index)
            session.append_many(
                [ev.ClockStarted(), *(ev.PhaseStarted(phase=p) for p in phases)],
                wall_time=time.time(),
                who="control",
            )
            session.append_many(
                [ev.InjectDelivered(team="team-1", inject=j.id) for j in rated],
                wall_time=time.time(),
                who="control",
            )
        console = Child("--child", "console", str(path))
        evaluator = Child("--child", "evaluator", str(path), "team-1", stdin=True)
        team = Child("--child", "team", str(path), "team-1")
        try:
            for child in (console, evaluator, team):
                child.wait_for("ready")
            time.sleep(1.5)  # every process polling, nothing pending
            latency: list[float] = []
            for k in range(args.rounds):
                evaluator.send(f"{expects[k % len(expects)]} {letters[k % len(letters)]}")
                committed, seq = evaluator.wait_for("rated", timeout=10)
                while True:
                    seen, got = console.wait_for("seen", timeout=10)
                    if got == seq:
                        break
                latency.append(seen - committed)
                if os.environ.get("BENCH_VERBOSE"):
                    print(f"rating {seq}: {1000 * (seen - committed):.0f} ms")
                time.sleep(0.13 + (k % 7) * 0.11)  # spread the ratings over the console's tick
            time.sleep(1.0)
            rss = {
                name: memory(child.process.pid)
                for name, child in (("evaluator", evaluator), ("team", team), ("console", console))
            }
        finally:
            for child in (evaluator, team, console):
                child.stop()
    median, worst = statistics.median(latency), max(latency)
    print(
        f"evaluator -> console, {len(latency)} ratings: median {median * 1000:.0f} ms "
        f"({median / TARGET_S:.2f} of the 1 s target), worst {worst * 1000:.0f} ms "
        f"({worst / TARGET_S:.2f} of the target)"
    )
    for name, (now, peak) in rss.items():
        print(f"memory, one {name} process: {now:.0f} MB resident (peak {peak:.0f} MB)")
    per_seat = rss["evaluator"][0]
    print(
        f"a room of 30 seats at the evaluator's size: about {30 * per_seat / 1024:.1f} GB "
        f"(team terminal: {30 * rss['team'][0] / 1024:.1f} GB)"
    )
    return 0 if worst < TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
