"""A whole room on one session file for a minute (issue 13, point 8): five evaluators, one actor,
the console and ten team terminals, each its own process, all writing at once.

Each process is a seat as its command opens it, without the screen (the headless seats the apps
are built on): ``TeamSeat`` reports and answers, ``EvaluatorSeat`` rates and notes, ``ActorSeat``
plays its cue where it is due, a ``Facilitator`` ticks at 60x, delivers and notes. Every process
prints each write the session acknowledged (its seq and id); afterwards the file must hold every
one of them, with who wrote it, in an unbroken sequence, and no process may have met "database
is locked". Every seat's heartbeat (``seen:<who>``) is in the meta, and none is in the log.

It runs for :data:`SECONDS` (60, the issue's minute), or 20 under ``CI=true``, where the shared
runners are slower and the minute adds nothing the twenty seconds do not show. Run as a module
(``python -m tests.test_room_load ROLE SESSION ...``), this file is one of those processes.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from simtrain.i18n import Translator
from simtrain.scenario.loader import load_scenario
from simtrain.session import events as ev
from simtrain.session.presence import PREFIX
from simtrain.session.session import Session

ROOT = Path(__file__).resolve().parents[1]
SECONDS = 20.0 if os.environ.get("CI", "").lower() == "true" else 60.0
TEAMS = 10
EVALUATORS = 5
BY_CONSOLE = 5
"""The console delivers the call to the first five teams; the actor plays it to the others."""


# --- the processes ---------------------------------------------------------------------------


def _wait_for_go(path: Path) -> float:
    go = path.with_name(path.name + ".go")
    deadline = time.monotonic() + 60
    while not go.exists():
        if time.monotonic() > deadline:
            raise TimeoutError("no go signal")
        time.sleep(0.01)
    return float(go.read_text())


def _loop(path: Path, step: Callable[[], list[ev.Recorded]], pause: float) -> list[ev.Recorded]:
    """Run ``step`` every ``pause`` seconds until the room's minute is over."""
    end = _wait_for_go(path)
    written: list[ev.Recorded] = []
    while time.time() < end:
        written += step()
        time.sleep(pause)
    return written


def team(path: Path, team_id: str) -> list[ev.Recorded]:
    from simtrain.tui.team.seat import TeamSeat

    seat = TeamSeat(Session.open(path, "append"), Translator("en"), team_id)
    count = [0]
    answered = [False]

    def step() -> list[ev.Recorded]:
        seat.refresh()
        out = [seat.report(f"{team_id} report {count[0]}")]
        count[0] += 1
        if not answered[0] and seat.item("i:first-call") is not None:
            out.append(seat.answer("first-call", "wait"))
            answered[0] = True
        return out

    try:
        return _loop(path, step, 0.25)
    finally:
        seat.session.close()


def evaluator(path: Path, name: str, teams: list[str]) -> list[ev.Recorded]:
    from simtrain.tui.evaluator.seat import EvaluatorSeat

    seat = EvaluatorSeat(Session.open(path, "append"), Translator("en"), teams, name)
    count = [0]

    def step() -> list[ev.Recorded]:
        seat.refresh()
        k = count[0]
        count[0] += 1
        team = teams[k % len(teams)]
        if "first-call" in seat.session.state.teams[team].delivered:
            return [seat.rate(team, "call-ngo", "PSMU"[k % 4], note=f"{name} {k}")]
        return [seat.note(f"{name} watches {team} ({k})", team=team)]

    try:
        return _loop(path, step, 0.4)
    finally:
        seat.session.close()


def actor(path: Path, character: str) -> list[ev.Recorded]:
    from simtrain.tui.actor.seat import ActorSeat

    seat = ActorSeat(Session.open(path, "append"), Translator("en"), character)

    def step() -> list[ev.Recorded]:
        seat.refresh()
        return [seat.played(c.inject, tc.team) for c in seat.cues() for tc in c.due_for]

    try:
        return _loop(path, step, 0.2)
    finally:
        seat.session.close()


def console(path: Path) -> list[ev.Recorded]:
    from simtrain.tui.console.facilitator import Facilitator

    control = Facilitator(Session.open(path), Translator("en"), clock=time.time)
    teams = list(control.session.state.teams)
    started = [False]
    count = [0]

    def step() -> list[ev.Recorded]:
        out = [r for r in control.tick() if r.who == control.who]  # a tick reads others' too
        if not started[0]:
            started[0] = True
            out += control.toggle_clock()
            for _ in range(5):
                out += control.change_speed(+1)  # 60x: the call falls due after ten seconds
            out += control.deliver("first-call", teams[:BY_CONSOLE])
        count[0] += 1
        if count[0] % 5 == 0:
            out += control.note(f"console note {count[0]}")
        return out

    try:
        return _loop(path, step, 0.2)
    finally:
        control.session.close()


def main(argv: list[str]) -> int:
    role, path = argv[0], Path(argv[1])
    try:
        if role == "team":
            written = team(path, argv[2])
        elif role == "evaluator":
            written = evaluator(path, argv[2], argv[3:])
        elif role == "actor":
            written = actor(path, argv[2])
        else:
            written = console(path)
    except Exception as error:  # the test reads this line
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return 1
    for r in written:
        print(f"ack {r.seq} {r.id} {r.who}")
    print("ok")
    return 0


# --- the test --------------------------------------------------------------------------------


def test_a_room_of_seventeen_processes_loses_nothing(tmp_path: Path) -> None:
    from tests.team.conftest import TEAM_SCENARIO

    folder = tmp_path / "harbour"
    (folder / "docs").mkdir(parents=True)
    (folder / "scenario.yaml").write_text(TEAM_SCENARIO, encoding="utf-8")
    for name in ("report.md", "shelter.md", "secret.md"):
        (folder / "docs" / name).write_text(f"# {name}\n", encoding="utf-8")
    path = tmp_path / "room.simtrain"
    teams = [
        ev.Team(id=f"team-{k}", name=f"Team {k}", roles=("investigator", "ngo"))
        for k in range(1, TEAMS + 1)
    ]
    scenario = load_scenario(folder)
    Session.create(path, scenario, teams, wall_time=time.time(), actors_confirm=True).close()

    me = [sys.executable, "-m", "tests.test_room_load"]
    commands = [[*me, "console", str(path)], [*me, "actor", str(path), "duty-officer"]]
    commands += [[*me, "team", str(path), t.id] for t in teams]
    for k in range(EVALUATORS):
        pair = [teams[2 * k].id, teams[2 * k + 1].id]
        commands.append([*me, "evaluator", str(path), f"Evaluator {k + 1}", *pair])
    processes = [
        subprocess.Popen(c, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for c in commands
    ]
    try:
        time.sleep(3.0)  # every process opens the file and waits
        path.with_name(path.name + ".go").write_text(str(time.time() + SECONDS))
        results = [p.communicate(timeout=SECONDS + 120) for p in processes]
    finally:
        for p in processes:
            if p.poll() is None:
                p.kill()
                p.wait()
    acked: dict[int, tuple[str, str]] = {}
    for process, (out, err) in zip(processes, results, strict=True):
        assert process.returncode == 0, err
        assert "locked" not in err.lower() and "busy" not in err.lower()
        lines = out.split("\n")
        assert "ok" in lines, out[-500:]
        for line in lines:
            if line.startswith("ack "):
                _, seq, ident, who = line.split(" ", 3)
                assert int(seq) not in acked  # one seq, one write
                acked[int(seq)] = (ident, who)

    with Session.open(path, "read") as session:
        log = session.log
        assert session.store.integrity_check() == "ok"
        assert [r.seq for r in log] == list(range(1, len(log) + 1))  # unbroken
        by_seq = {r.seq: (r.id, r.who) for r in log}
        assert {seq: by_seq.get(seq) for seq in acked} == acked  # every ack is in the file
        assert len(acked) == len(log) - 1  # and nothing else but the Created event
        kinds = Counter(r.type for r in log)
        calls = [
            (r.event.team, r.who)
            for r in log
            if isinstance(r.event, ev.InjectDelivered) and r.event.inject == "first-call"
        ]
        assert sorted(team for team, _ in calls) == sorted(t.id for t in teams)  # once each
        assert {who for _, who in calls} == {"control", "actor:duty-officer"}
        assert kinds["decision_recorded"] == TEAMS
        assert kinds["team_report"] >= TEAMS * SECONDS / 2  # a report every ~0.25 s, at worst 0.5
        assert kinds["rating_given"] >= EVALUATORS * 10
        heartbeats = set(session.store.meta_items(PREFIX))
    seats = {f"{PREFIX}team-{k}" for k in range(1, TEAMS + 1)}
    seats |= {f"{PREFIX}evaluator:Evaluator {k}" for k in range(1, EVALUATORS + 1)}
    seats.add(f"{PREFIX}actor:duty-officer")
    assert heartbeats == seats


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
