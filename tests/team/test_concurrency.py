"""The console and ten team terminals writing to one session file at once, as separate processes.

Nothing may be lost (every report, every answer, every delivery is in the log exactly once, with
sequence numbers unbroken) and no process may see "database is locked": SQLite's write lock is
waited for, never shown to a trainee.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from simtrain.scenario.loader import load_scenario
from simtrain.session import events as ev
from simtrain.session.session import Session

ROOT = Path(__file__).resolve().parents[2]
TEAMS = 10
REPORTS = 20


def test_console_and_ten_team_writers_at_once(tmp_path: Path, scenario_folder: Path) -> None:
    path = tmp_path / "busy.simtrain"
    teams = [
        ev.Team(id=f"team-{k}", name=f"Team {k}", roles=("investigator", "ngo"))
        for k in range(1, TEAMS + 1)
    ]
    Session.create(path, load_scenario(scenario_folder), teams, wall_time=time.time()).close()
    python = [sys.executable, "-m", "tests.team.writers"]
    commands = [[*python, "console", str(path), str(REPORTS)]]
    commands += [[*python, "team", str(path), t.id, str(REPORTS)] for t in teams]
    processes = [
        subprocess.Popen(c, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for c in commands
    ]
    time.sleep(1.0)  # let every process open the file and wait
    path.with_name(path.name + ".go").touch()
    results = [p.communicate(timeout=120) for p in processes]
    for process, (out, err) in zip(processes, results, strict=True):
        assert process.returncode == 0, err
        assert out.strip() == "ok"
        assert "locked" not in err.lower() and "busy" not in err.lower()

    with Session.open(path) as session:
        log = session.log
        assert session.store.integrity_check() == "ok"
        assert [r.seq for r in log] == list(range(1, len(log) + 1))
        types = Counter(r.type for r in log)
        assert types["team_report"] == TEAMS * REPORTS
        assert types["note_added"] == REPORTS
        assert types["decision_recorded"] == TEAMS
        assert types["inject_delivered"] == TEAMS
        texts = Counter(r.event.text for r in log if isinstance(r.event, ev.TeamReport))
        assert set(texts.values()) == {1}
        for team in teams:
            state = session.state.teams[team.id]
            assert len(state.reports) == REPORTS
            assert list(state.chosen) == ["wait"]
            assert {r.who for r in state.reports} == {team.id}
