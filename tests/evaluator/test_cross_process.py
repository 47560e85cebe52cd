"""A rating made in an evaluator's process reaches the console's views within a second.

The evaluator is a process of its own (``tests.evaluator.rater``, the seat as ``simtrain
evaluate`` opens it); the console is a :class:`Facilitator` in this process, polled as the
console's timer does. Two evaluators rate the same action: the console shows the latest and
the log keeps both, with who gave each.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from simtrain.i18n import Translator
from simtrain.live.score_text import disagreement
from simtrain.session.session import Session
from simtrain.tui.console.facilitator import Facilitator
from simtrain.tui.console.inject_views import rate_view
from simtrain.tui.console.views import log_text

ROOT = Path(__file__).resolve().parents[2]


def rater(path: Path, name: str) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.evaluator.rater", str(path), "team-1", name],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    return process


def rate(process: subprocess.Popen[str], expect: str, rating: str) -> tuple[float, int]:
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(f"{expect} {rating}\n")
    process.stdin.flush()
    _, wall, seq = process.stdout.readline().split()
    return float(wall), int(seq)


def test_ratings_from_two_seats_reach_the_console(started: Path) -> None:
    console = Facilitator(Session.open(started), Translator("en"), clock=time.time)
    inject = console.session.index.injects[0]
    maria, oleg = rater(started, "Maria"), rater(started, "Oleg")
    try:
        for process, rating in ((maria, "S"), (oleg, "M")):
            committed, seq = rate(process, "call-ngo", rating)
            while console.session.state.seq < seq:  # the console's timer, at 50 ms here
                # a guard against a hang, not a latency target: bench/evaluator_latency.py
                assert time.time() - committed < 30, "the console never saw the rating"
                console.tick()
                time.sleep(0.05)
            given = rate_view(console.run_view, inject, ["team-1"]).given["team-1"]
            assert given.ratings["call-ngo"][0] == rating
        history = console.session.state.teams["team-1"].ratings["call-ngo"]
        assert [(r.rating, r.evaluator) for r in history] == [("S", "Maria"), ("M", "Oleg")]
        assert len(disagreement(history)) == 2
        last = console.session.log[-1]
        assert last.who == "evaluator:Oleg"
        assert "Oleg" in log_text(console.run_view, last)
    finally:
        for process in (maria, oleg):
            assert process.stdin is not None
            process.stdin.close()
            process.wait(timeout=10)
        console.session.close()
