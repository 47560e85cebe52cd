"""Team delivery latency: ten team terminals open on one session, a delivery reaches all of them.

Target (issue 7, team terminals): with 10 team terminals open on one session, a delivery reaches
all of them in under a second.

Each terminal is the real team app (``make_team_app``), headless, in its own process, as
``simtrain team`` runs it; the benchmark plays the console from this process and delivers one
inject to all ten teams in one transaction, as the console's deliver key does. A terminal reports
the moment its screen has taken the new message in (after the refresh that draws it). The figure
is, per delivery, the time from the commit to the *slowest* of the ten terminals; over several
deliveries we print the median and the worst.

    python bench/team_delivery.py [--terminals 10] [--rounds 10]   (BENCH_VERBOSE=1: every arrival)
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
from pathlib import Path

TARGET_S = 1.0


def child(session: str, team: str) -> None:
    """One terminal: the real app, headless; writes ``seen WALL KEY`` when a delivery is drawn."""
    from simtrain.i18n import Translator
    from simtrain.tui.team.app import make_team_app, open_team
    from simtrain.tui.team.team_screen import TeamScreen
    from simtrain.tui.team.views import Change

    original = TeamScreen.show

    def show(self: TeamScreen, change: Change) -> None:
        original(self, change)
        for key in change.new_items:

            def drawn(key: str = key) -> None:
                os.write(1, f"seen {time.time():.6f} {key}\n".encode())

            self.call_after_refresh(drawn)

    TeamScreen.show = show  # type: ignore[method-assign]
    control = open_team(Path(session), Translator("en"), team)
    app = make_team_app(control)
    app.call_later(lambda: os.write(1, b"ready\n"))
    app.run(headless=True, size=(120, 40))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--terminals", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--child", nargs=2, metavar=("SESSION", "TEAM"), help=argparse.SUPPRESS)
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
    teams = [
        ev.Team(id=f"team-{k}", name=f"Team {k}", roles=roles) for k in range(1, args.terminals + 1)
    ]
    injects = [j.id for j in scenario.injects][: args.rounds]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.simtrain"
        session = Session.create(path, loaded, teams, wall_time=time.time())
        session.append_many(
            [ev.ClockStarted(), ev.PhaseStarted(phase=scenario.phases[0].id)],
            wall_time=time.time(),
            who="control",
        )
        seen: queue.Queue[tuple[str, float, str]] = queue.Queue()
        processes = []
        for team in teams:
            process = subprocess.Popen(
                [sys.executable, __file__, "--child", str(path), team.id],
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
            processes.append(process)

            def read(process: subprocess.Popen[str] = process, team: str = team.id) -> None:
                assert process.stdout is not None
                for line in process.stdout:
                    parts = line.split()
                    if parts and parts[0] == "ready":
                        seen.put((team, time.time(), "ready"))
                    elif len(parts) == 3 and parts[0] == "seen":
                        seen.put((team, float(parts[1]), parts[2]))

            threading.Thread(target=read, daemon=True).start()
        try:
            ready: set[str] = set()
            deadline = time.monotonic() + 60
            while len(ready) < len(teams):
                team_id, _, what = seen.get(timeout=max(0.1, deadline - time.monotonic()))
                if what == "ready":
                    ready.add(team_id)
            time.sleep(1.0)  # every terminal polling, nothing pending
            worst: list[float] = []
            for inject in injects:
                batch = [ev.InjectDelivered(team=t.id, inject=inject) for t in teams]
                session.append_many(batch, wall_time=time.time(), who="control")
                committed = time.time()
                arrived: dict[str, float] = {}
                while len(arrived) < len(teams):
                    team_id, at, key = seen.get(timeout=10)
                    if key == f"i:{inject}":
                        arrived[team_id] = at
                worst.append(max(arrived.values()) - committed)
                if os.environ.get("BENCH_VERBOSE"):
                    print(inject, sorted(round(v - committed, 3) for v in arrived.values()))
                time.sleep(0.3)
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
            session.close()
    median = statistics.median(worst)
    print(
        f"team delivery, {len(teams)} terminals, {len(worst)} deliveries: slowest terminal "
        f"median {median * 1000:.0f} ms, worst {max(worst) * 1000:.0f} ms "
        f"(target < {TARGET_S * 1000:.0f} ms)"
    )
    return 0 if max(worst) < TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
