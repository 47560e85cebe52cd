"""Resume speed: reopening a session of 100,000 events (a replay of the whole log) must take
under a second. Printed with the ratio to merely reading those rows from SQLite
(``SELECT * FROM events`` into a list), the floor any replay stands on.

    python bench/resume.py [--events 100000]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from engine_ticks import generate, teams

from simtrain.gc_policy import tune_gc
from simtrain.session import (
    ClockStarted,
    InjectDelivered,
    NoteAdded,
    PhaseStarted,
    RatingGiven,
    Recorded,
    Session,
    TeamReport,
)
from simtrain.session.events import Event
from simtrain.session.store import Store

SIZES = (300, 5000)
"""A large real scenario and the 5,000-inject stress case: opening also reads the scenario (its
data, kept as JSON in the file after the first open) and plans every team x inject pair."""


def build_log(count: int, injects: int = SIZES[0]) -> tuple[Path, list[Recorded]]:
    loaded = generate(injects)
    team_list = teams(20)
    session = Session.in_memory(loaded, team_list, wall_time=0)
    log: list[Recorded] = list(session.log)
    events: list[Event] = [ClockStarted(), PhaseStarted(phase="day")]
    k = 0
    done: set[tuple[str, str]] = set()
    while len(events) + 1 < count:
        team = team_list[k % 20]
        inject = loaded.scenario.injects[(k // 20) % injects]
        if team.covers(inject.to) and k % 3 == 0 and (team.id, inject.id) not in done:
            done.add((team.id, inject.id))
            events.append(InjectDelivered(team=team.id, inject=inject.id))
            for action in inject.expect:
                events.append(RatingGiven(team=team.id, expect=action.id, rating="S", note="ok"))
        elif k % 3 == 1:
            events.append(NoteAdded(text=f"note {k}", team=team.id, author="evaluator"))
        else:
            events.append(TeamReport(team=team.id, text=f"report {k}"))
        k += 1
    events = events[: count - 1]
    for seq, event in enumerate(events, start=2):
        log.append(Recorded(seq, uuid.uuid4().hex, float(seq), seq // 10, "control", event))
    return Path(tempfile.mkdtemp()) / "big.simtrain", log


def main() -> None:
    tune_gc()  # as every simtrain command does
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    for injects in SIZES:
        measure(args.events, injects)


def measure(events: int, injects: int) -> None:
    path, log = build_log(events, injects)
    Store.create(path, lambda: log).close()
    with Session.open(path):
        pass  # the first open keeps the scenario's data; every later one reads it back

    raw = []
    for _ in range(3):
        began = time.perf_counter()
        db = sqlite3.connect(path)
        rows = db.execute("SELECT * FROM events").fetchall()
        db.close()
        raw.append(time.perf_counter() - began)
    assert len(rows) == events

    resume = []
    for _ in range(3):
        began = time.perf_counter()
        with Session.open(path) as session:
            assert session.state.seq == events
        resume.append(time.perf_counter() - began)
    best_raw, best_resume = min(raw), min(resume)
    print(
        f"resume of {events:,} events, {injects:,} injects x 20 teams: {best_resume:.3f} s "
        f"(raw SELECT * into a list: {best_raw:.3f} s; ratio {best_resume / best_raw:.1f}x); "
        f"{'under' if best_resume < 1 else 'OVER'} the 1 s budget"
    )


if __name__ == "__main__":
    main()
