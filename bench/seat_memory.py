"""Memory of one seat, and of a room of 30 seats on one laptop (issue 13, point 8).

Each seat is the real app, headless, in its own process, as its command runs it (``simtrain
team``, ``simtrain evaluate``, ``simtrain cues``; ``simtrain serve`` starts the same process per
browser tab), on the largest shipped scenario with a few injects delivered, so every list has
something in it. Once a seat has drawn its first screen and polled for a few seconds, its
resident memory (RSS) and its private memory (USS: what closing it would free) are read from
``/proc``. A room is then priced two ways: every seat's RSS added up (an upper bound: the pages
Python's libraries share between processes are counted once per seat), and the seats' private
memory plus one copy of what they share (closer to what the machine really gives). Linux only.

    python bench/seat_memory.py [--teams 20] [--evaluators 6] [--actors 4] [--settle 3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MB = 1024 * 1024


def child(kind: str, session: str, who: str) -> None:
    """One seat: the real app, headless; prints ``ready`` once its first screen is drawn."""
    import os

    from simtrain.i18n import Translator

    t = Translator("en")
    path = Path(session)
    if kind == "team":
        from simtrain.tui.team.app import make_team_app, open_team

        app: object = make_team_app(open_team(path, t, who))
    elif kind == "evaluator":
        from simtrain.tui.evaluator.app import make_evaluator_app, open_evaluator

        app = make_evaluator_app(open_evaluator(path, t, [who], "Bench"))
    else:
        from simtrain.tui.actor.app import make_actor_app, open_actor

        app = make_actor_app(open_actor(path, t, who))
    from textual.app import App

    assert isinstance(app, App)
    app.call_after_refresh(lambda: os.write(1, b"ready\n"))
    app.run(headless=True, size=(160, 50))


def memory(pid: int) -> tuple[int, int]:
    """(RSS, USS) of a process in bytes, from /proc/PID/smaps_rollup."""
    fields: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, _, rest = line.partition(":")
        parts = rest.split()
        if parts and parts[0].isdigit():
            fields[name] = int(parts[0]) * 1024
    return fields["Rss"], fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)


def machine_memory() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no MemTotal in /proc/meminfo")


def measure(kind: str, path: Path, who: str, settle: float) -> tuple[int, int]:
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", kind, str(path), who],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        if process.stdout.readline().strip() != "ready":
            raise RuntimeError(f"the {kind} seat did not start")
        time.sleep(settle)  # polling, clock ticking, as in a room
        return memory(process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--teams", type=int, default=20, help="team terminals in the room")
    parser.add_argument("--evaluators", type=int, default=6)
    parser.add_argument("--actors", type=int, default=4)
    parser.add_argument("--settle", type=float, default=3.0, help="seconds before measuring")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0

    from simtrain.resources import scenarios_dir
    from simtrain.scenario.loader import load_scenario
    from simtrain.session import events as ev
    from simtrain.session.session import Session

    loaded = load_scenario(scenarios_dir() / "central-mediterranean")
    scenario = loaded.scenario
    roles = tuple(r.id for r in scenario.roles)
    teams = [ev.Team(id=f"team-{k}", name=f"Team {k}", roles=roles) for k in (1, 2)]
    senders = [j.from_ for j in scenario.injects if j.from_]
    character = next(c.id for c in scenario.characters if c.id in senders)
    figures: dict[str, tuple[int, int]] = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.simtrain"
        with Session.create(path, loaded, teams, wall_time=time.time()) as session:
            first = [j.id for j in scenario.injects if j.phase == scenario.phases[0].id][:8]
            events: list[ev.Event] = [
                ev.ClockStarted(),
                ev.PhaseStarted(phase=scenario.phases[0].id),
            ]
            events += [ev.InjectDelivered(team=t.id, inject=j) for t in teams for j in first]
            session.append_many(
                events,
                wall_time=time.time(),
                who="control",
            )
        for kind, who in (("team", "team-1"), ("evaluator", "team-1"), ("actor", character)):
            figures[kind] = measure(kind, path, who, args.settle)
    room = {"team": args.teams, "evaluator": args.evaluators, "actor": args.actors}
    seats = sum(room.values())
    for kind, (rss, uss) in figures.items():
        print(f"{kind + ' seat:':<16}RSS {rss / MB:6.1f} MB, private {uss / MB:6.1f} MB")
    upper = sum(room[k] * figures[k][0] for k in room)
    shared = max(rss - uss for rss, uss in figures.values())
    closer = sum(room[k] * figures[k][1] for k in room) + shared
    total = machine_memory()
    mix = ", ".join(f"{n} {k}" for k, n in room.items())
    print(f"a room of {seats} seats ({mix}), each its own process on one laptop:")
    print(f"  every RSS added up: {upper / MB:7.0f} MB = {upper / total:5.1%} of this machine's")
    print(f"  private + shared once: {closer / MB:4.0f} MB = {closer / total:5.1%}", end="")
    print(f" ({total / MB / 1024:.1f} GB here; {closer / (8 * 1024 * MB):.1%} of an 8 GB laptop)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
