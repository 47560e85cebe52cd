"""Report speed: the after-action report of a 100,000-event session must take under two seconds,
from opening the file to the finished HTML (the heaviest format). Printed with the ratio to merely
reading those rows from SQLite (``SELECT * FROM events`` into a list), the floor any report stands
on, and the time of each other format.

    python bench/report_speed.py [--events 100000]

The session is the one ``bench/resume.py`` builds: 20 teams, a 300-inject scenario, deliveries with
their ratings, notes and team reports.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from resume import build_log

from simtrain.gc_policy import tune_gc
from simtrain.i18n import Translator
from simtrain.report import aar, csv_writer, html, json_writer, md
from simtrain.session import Session
from simtrain.session.store import Store

BUDGET = 2.0


def best(runs: int, job: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        job()
        times.append(time.perf_counter() - began)
    return min(times)


def main() -> None:
    tune_gc()  # as every simtrain command does
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    path, log = build_log(args.events)
    Store.create(path, lambda: log).close()
    t = Translator("en")

    def raw() -> None:
        db = sqlite3.connect(path)
        rows = db.execute("SELECT * FROM events").fetchall()
        db.close()
        assert len(rows) == args.events

    def report(render: Callable[[aar.Report], str]) -> Callable[[], None]:
        def job() -> None:
            with Session.open(path) as session:
                render(aar.build(session, "en"))

        return job

    best_raw = best(args.runs, raw)
    formats = {
        "html": report(lambda r: html.render(r, t)),
        "md": report(lambda r: md.render(r, t)),
        "json": report(json_writer.render),
        "csv": report(lambda r: csv_writer.render(r, t)),
    }
    times = {name: best(args.runs, job) for name, job in formats.items()}
    with Session.open(path) as session:
        began = time.perf_counter()
        built = aar.build(session, "en")
        build_only = time.perf_counter() - began
        size = len(html.render(built, t))
    worst = max(times.values())
    print(
        f"report of {args.events:,} events (open + build + HTML): {times['html']:.3f} s "
        f"(raw SELECT * into a list: {best_raw:.3f} s; ratio {times['html'] / best_raw:.1f}x); "
        f"{'under' if worst < BUDGET else 'OVER'} the {BUDGET:.0f} s budget"
    )
    others = ", ".join(f"{name} {seconds:.3f} s" for name, seconds in times.items())
    print(f"  every format, open to text: {others}; building the data alone {build_only:.3f} s")
    print(f"  HTML size {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
