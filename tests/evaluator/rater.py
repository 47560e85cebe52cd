"""An evaluator in a process of its own, for the cross-process test and the benchmark.

``python -m tests.evaluator.rater SESSION TEAM NAME`` opens the evaluator's seat (append
access, as ``simtrain evaluate`` does), prints ``ready``, then for each line ``EXPECT RATING`` on
its standard input rates that action and prints ``rated WALL SEQ``: the wall time right after the
rating was committed. An empty line or the end of input ends it.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from simtrain.i18n import Translator
from simtrain.session.session import Session
from simtrain.tui.evaluator.seat import EvaluatorSeat


def main(argv: list[str]) -> int:
    path, team, name = Path(argv[0]), argv[1], argv[2]
    seat = EvaluatorSeat(Session.open(path, "append"), Translator("en"), [team], name)
    print("ready", flush=True)
    for line in sys.stdin:
        parts = line.split()
        if len(parts) != 2:
            break
        recorded = seat.rate(team, parts[0], parts[1], note=f"by {name}")
        print(f"rated {time.time():.6f} {recorded.seq}", flush=True)
    seat.session.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
