"""Engine speed: 20 teams x 5,000 injects over one exercise day at 1-second ticks.

Prints the total time of the day's ticks (engine, fold of the deliveries, in-memory log) and the
cost of an idle tick (nothing falls due) at 500 and at 5,000 injects: that cost must stay flat as
the scenario grows, because pending injects sit in a heap and conditions are indexed by the facts
they mention. The scenario is generated in memory: a mix of time triggers and condition triggers
(with delays and guards), every channel delivered automatically so the day really runs.

    python bench/engine_ticks.py [--injects 5000] [--teams 20]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from simtrain import yamlio
from simtrain.gc_policy import tune_gc
from simtrain.scenario.loader import LoadedScenario
from simtrain.scenario.model import Scenario
from simtrain.session import ClockStarted, PhaseStarted, Session, Team

DAY = 24 * 3600
ROLES = ["investigator", "inspector", "prosecutor", "ngo"]


def generate(injects: int, seed: int = 7) -> LoadedScenario:
    rng = random.Random(seed)
    items: list[dict[str, object]] = []
    timed: list[str] = []
    for k in range(injects):
        ident = f"i{k}"
        item: dict[str, object] = {
            "id": ident,
            "phase": "day",
            "to": "all" if rng.random() < 0.3 else rng.sample(ROLES, rng.randint(1, 2)),
            "channel": rng.choice(["email", "document", "media", "phone"]),
            "delivery": "auto",
            "title": f"Inject {k}",
            "message": "Something happens.",
            "expect": [
                {
                    "id": f"e{k}",
                    "by": ROLES[k % len(ROLES)],
                    "text": "Acts on it",
                    "objective": "o1",
                    "within": "30m",
                }
            ]
            if k % 5 == 0
            else [],
        }
        if not timed or rng.random() < 0.6:
            at = rng.randrange(DAY - 3600)
            item["at"] = f"{at // 3600}:{at % 3600 // 60:02d}:{at % 60:02d}"
            timed.append(ident)
        else:
            item["after"] = {"delivered": rng.choice(timed)}
            item["delay"] = f"{rng.randrange(0, 1800)}s"
        if rng.random() < 0.1:
            item["when"] = {"not": {"delivered": rng.choice(timed)}}
        items.append(item)
    data = {
        "simtrain": 1,
        "id": "bench",
        "language": "en",
        "title": "Benchmark",
        "objectives": [{"id": "o1", "text": "Objective"}],
        "roles": [{"id": r, "name": r, "briefing": "Brief"} for r in ROLES],
        "phases": [{"id": "day", "title": "Day", "duration": "24h"}],
        "injects": items,
    }
    text = yamlio.dump(data)
    scenario = Scenario.model_validate(data)
    return LoadedScenario(scenario, Path("."), Path("bench.yaml"), text)


def teams(count: int) -> list[Team]:
    rng = random.Random(3)
    return [
        Team(id=f"t{k}", name=f"Team {k}", roles=tuple(rng.sample(ROLES, rng.randint(1, 3))))
        for k in range(count)
    ]


def start(loaded: LoadedScenario, team_count: int) -> Session:
    session = Session.in_memory(loaded, teams(team_count), wall_time=0)
    session.append_many([ClockStarted(), PhaseStarted(phase="day")], wall_time=0, who="control")
    return session


def idle_tick(loaded: LoadedScenario, team_count: int, samples: int = 2000) -> tuple[float, float]:
    """Median seconds of a tick (and of the engine's ``due``) when nothing falls due."""
    session = start(loaded, team_count)
    wall = 0
    tick_costs: list[float] = []
    due_costs: list[float] = []
    while len(tick_costs) < samples and wall < DAY:
        wall += 1
        began = time.perf_counter()
        written = session.tick(wall)
        spent = time.perf_counter() - began
        if not written:
            tick_costs.append(spent)
            now = session.now(wall)
            began = time.perf_counter()
            session.due(now)
            due_costs.append(time.perf_counter() - began)
    return statistics.median(tick_costs), statistics.median(due_costs)


def main() -> None:
    tune_gc()  # as the console, which runs the engine, does
    parser = argparse.ArgumentParser()
    parser.add_argument("--injects", type=int, default=5000)
    parser.add_argument("--teams", type=int, default=20)
    args = parser.parse_args()

    loaded = generate(args.injects)
    session = start(loaded, args.teams)
    delivered = 0
    began = time.perf_counter()
    for wall in range(1, DAY + 1):
        delivered += len(session.tick(wall))
    total = time.perf_counter() - began
    print(
        f"day of {DAY:,} one-second ticks, {args.teams} teams x {args.injects:,} injects: "
        f"{total:.2f} s total, {delivered:,} deliveries and guard skips "
        f"({total / DAY * 1e6:.1f} us per tick on average)"
    )

    small = idle_tick(generate(args.injects // 10), args.teams)
    large = idle_tick(loaded, args.teams)
    print(
        f"idle tick (Session.tick, nothing due): {args.injects // 10:,} injects "
        f"{small[0] * 1e6:.1f} us, {args.injects:,} injects {large[0] * 1e6:.1f} us, "
        f"ratio {large[0] / small[0]:.2f}"
    )
    print(
        f"idle engine.due: {args.injects // 10:,} injects {small[1] * 1e6:.2f} us, "
        f"{args.injects:,} injects {large[1] * 1e6:.2f} us, ratio {large[1] / small[1]:.2f}"
    )


if __name__ == "__main__":
    main()
