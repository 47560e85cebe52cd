"""The clock lease (S5): its pure rules, and claims on a real session file from two processes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from simtrain.scenario.loader import LoadedScenario
from simtrain.session import Session, lease
from simtrain.session.lease import Lease, claim, decide, release, releases
from tests.session.conftest import ALPHA, BRAVO

ROOT = Path(__file__).resolve().parents[2]


def test_the_rules_give_the_clock_to_one_console() -> None:
    mine = Lease("me", "host:1", 110.0)
    theirs = Lease("them", "host:2", 110.0)
    assert decide(None, "me", "host:1", 100.0) == Lease("me", "host:1", 100.0 + lease.TTL_S)
    assert decide(mine, "me", "host:1", 105.0) is not None  # a renewal
    assert decide(theirs, "me", "host:1", 105.0) is None  # live and not mine
    assert decide(theirs, "me", "host:1", 110.0) is not None  # expired: free
    assert decide(theirs, "me", "host:1", 105.0, take_over=True) is not None
    assert releases(mine, "me") and not releases(theirs, "me") and not releases(None, "me")
    assert Lease.parse(mine.to_text()) == mine
    assert Lease.parse("not json") is None and Lease.parse(None) is None


def test_a_claim_on_a_file_holds_against_a_second_console(
    branching: LoadedScenario, tmp_path: Path
) -> None:
    path = tmp_path / "run.simtrain"
    Session.create(path, branching, [ALPHA, BRAVO], wall_time=0).close()
    with Session.open(path) as first, Session.open(path) as second:
        got = claim(first.store, "a", "elsewhere:1", 100.0)
        assert got.drives and got.inherited  # nobody held it
        refused = claim(second.store, "b", "elsewhere:2", 101.0)
        assert not refused.drives and refused.after is not None
        assert refused.after.holder == "a"
        assert claim(first.store, "a", "elsewhere:1", 104.0).drives  # renewed
        later = claim(second.store, "b", "elsewhere:2", 104.0 + lease.TTL_S)
        assert later.drives and later.inherited  # "a" stopped renewing: gone
        taken = claim(first.store, "a", "elsewhere:1", 120.0, take_over=True)
        assert taken.drives and not taken.inherited  # a take-over from a live console
        release(second.store, "b")  # not the holder: nothing happens
        assert lease.holder(first.store, 121.0) is not None
        release(first.store, "a")
        assert lease.holder(first.store, 121.0) is None


def test_a_console_that_died_on_this_machine_frees_the_lease_at_once(
    branching: LoadedScenario, tmp_path: Path
) -> None:
    path = tmp_path / "run.simtrain"
    Session.create(path, branching, [ALPHA, BRAVO], wall_time=0).close()
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead = f"{lease.new_holder()[1].rpartition(':')[0]}:{child.stdout.strip()}"
    with Session.open(path) as session:
        assert claim(session.store, "dead", dead, 100.0).drives
        assert lease.gone(Lease("dead", dead, 1e12))
        assert lease.holder(session.store, 101.0) is None
        assert claim(session.store, "me", "x:1", 101.0).inherited


def test_two_processes_claiming_at_once_never_both_drive(
    branching: LoadedScenario, tmp_path: Path
) -> None:
    path = tmp_path / "run.simtrain"
    Session.create(path, branching, [ALPHA, BRAVO], wall_time=0).close()
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from simtrain.session import Session\n"
        "from simtrain.session.lease import claim\n"
        "s = Session.open(Path(sys.argv[1]))\n"
        "wins = sum(claim(s.store, sys.argv[2], 'far:1', 100.0).drives for k in range(50))\n"
        "print(wins)\n"
    )
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(path), name], cwd=ROOT, stdout=subprocess.PIPE
        )
        for name in ("a", "b")
    ]
    wins = [int(run.communicate(timeout=60)[0]) for run in runs]
    assert sorted(wins) == [0, 50]  # the first claim wins; the other never drives meanwhile
