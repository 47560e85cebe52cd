"""Processes for the concurrency test and the benchmark: a team terminal's or the console's writes.

``python -m tests.team.writers team SESSION TEAM N`` sends N reports and answers the first
decision once it is delivered; ``... console SESSION N`` starts the clock, delivers the first
call to every team and writes N notes while ticking. Both wait for ``SESSION.go`` to exist, so
every process starts writing at the same moment. Exit 0 and print ``ok``, or print the one line
that went wrong to stderr and exit 1.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from simtrain.i18n import Translator
from simtrain.session.session import Session
from simtrain.tui.console.facilitator import Facilitator
from simtrain.tui.team.seat import TeamSeat


def wait_for_go(path: Path) -> None:
    go = path.with_name(path.name + ".go")
    deadline = time.monotonic() + 30
    while not go.exists():
        if time.monotonic() > deadline:
            raise TimeoutError("no go signal")
        time.sleep(0.005)


def team(path: Path, team_id: str, count: int) -> None:
    seat = TeamSeat(Session.open(path), Translator("en"), team_id)
    wait_for_go(path)
    answered = False
    for k in range(count):
        seat.report(f"{team_id} report {k}")
        seat.refresh()
        if not answered and seat.item("i:first-call") is not None:
            seat.answer("first-call", "wait")
            answered = True
    deadline = time.monotonic() + 20
    while not answered:
        if time.monotonic() > deadline:
            raise TimeoutError("first-call never arrived")
        time.sleep(0.02)
        seat.refresh()
        if seat.item("i:first-call") is not None:
            seat.answer("first-call", "wait")
            answered = True
    seat.session.close()


def console(path: Path, count: int) -> None:
    session = Session.open(path)
    control = Facilitator(session, Translator("en"), clock=time.time)
    wait_for_go(path)
    control.toggle_clock()
    control.deliver("first-call", list(session.state.teams))
    for k in range(count):
        control.note(f"console note {k}")
        control.tick()
    session.close()


def main(argv: list[str]) -> int:
    try:
        if argv[0] == "team":
            team(Path(argv[1]), argv[2], int(argv[3]))
        else:
            console(Path(argv[1]), int(argv[2]))
    except Exception as error:  # the test reads this line
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
