"""The session file: bad files, a changed scenario, kill -9, and two writers at once."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from simtrain.scenario.loader import LoadedScenario, load_scenario
from simtrain.session import (
    ClockStarted,
    InjectDelivered,
    PhaseStarted,
    Session,
    SessionError,
)
from tests.session.conftest import ALPHA, BRANCHING, BRAVO

ROOT = Path(__file__).resolve().parents[2]


def make(path: Path, loaded: LoadedScenario) -> None:
    with Session.create(path, loaded, [ALPHA, BRAVO], wall_time=0) as session:
        session.append_many(
            [ClockStarted(), PhaseStarted(phase="day-1")], wall_time=0, who="control"
        )


def error_key(path: Path) -> str:
    with pytest.raises(SessionError) as caught:
        Session.open(path)
    return caught.value.key


def test_reopen_gives_the_same_state(branching: LoadedScenario, tmp_path: Path) -> None:
    path = tmp_path / "run.simtrain"
    make(path, branching)
    with Session.open(path) as session:
        session.tick(3600)
        state = session.state
    with Session.open(path) as again:
        assert again.state == state
        assert again.store.integrity_check() == "ok"


def test_the_scenario_is_parsed_once_then_read_back(
    branching: LoadedScenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reopening reads the kept copy of the scenario's data, not its YAML; a damaged copy is
    ignored (the stored text decides) and made anew."""
    path = tmp_path / "run.simtrain"
    make(path, branching)
    with Session.open(path) as session:
        expected = session.scenario
    rows = (
        sqlite3.connect(path)
        .execute("SELECT key FROM meta WHERE key LIKE 'cache:scenario-data:%'")
        .fetchall()
    )
    assert len(rows) == 1

    def no_yaml(text: str) -> object:
        raise AssertionError("the YAML was parsed again")

    monkeypatch.setattr("simtrain.session.session.yamlio.loads", no_yaml)
    with Session.open(path) as session:
        assert session.scenario == expected
    monkeypatch.undo()

    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value = '{\"not\": \"a scenario\"}' WHERE key LIKE 'cache:%'")
    db.commit()
    db.close()
    with Session.open(path) as session:
        assert session.scenario == expected  # from the text, and the copy is made anew
    with Session.open(path) as session:
        assert session.scenario == expected

    kept = (
        sqlite3.connect(path)
        .execute("SELECT value FROM meta WHERE key LIKE 'cache:scenario-data:%'")
        .fetchone()[0]
    )
    assert "not" not in json.loads(kept)  # the damaged copy was replaced


def test_bad_files_give_one_clear_error(branching: LoadedScenario, tmp_path: Path) -> None:
    assert error_key(tmp_path / "nothing.simtrain") == "missing"
    assert error_key(tmp_path) == "is_dir"
    text = tmp_path / "notes.simtrain"
    text.write_text("hello")
    assert error_key(text) == "not_session"
    empty = tmp_path / "empty.simtrain"
    empty.write_bytes(b"")
    assert error_key(empty) == "not_session"
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    db.close()
    assert error_key(other) == "not_session"
    good = tmp_path / "good.simtrain"
    make(good, branching)
    damaged = tmp_path / "damaged.simtrain"
    data = bytearray(good.read_bytes())
    data[100:4096] = os.urandom(4096 - 100)
    damaged.write_bytes(bytes(data))
    assert error_key(damaged) in {"corrupt", "not_session", "bad_event", "no_created"}


def test_a_newer_format_is_refused(branching: LoadedScenario, tmp_path: Path) -> None:
    path = tmp_path / "new.simtrain"
    make(path, branching)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    db.close()
    assert error_key(path) == "too_new"


def test_a_damaged_event_is_named(branching: LoadedScenario, tmp_path: Path) -> None:
    path = tmp_path / "run.simtrain"
    make(path, branching)
    with sqlite3.connect(path) as db:
        db.execute('UPDATE events SET payload = \'{"type": "nonsense"}\' WHERE seq = 2')
    db.close()
    with pytest.raises(SessionError) as caught:
        Session.open(path)
    assert caught.value.key == "bad_event"
    assert caught.value.params == {"seq": 2}


def test_an_existing_file_is_never_overwritten(branching: LoadedScenario, tmp_path: Path) -> None:
    path = tmp_path / "run.simtrain"
    make(path, branching)
    with pytest.raises(SessionError) as caught:
        make(path, branching)
    assert caught.value.key == "exists"


def test_a_changed_or_vanished_scenario_is_noticed(tmp_path: Path) -> None:
    folder = tmp_path / "branching"
    shutil.copytree(BRANCHING, folder)
    loaded = load_scenario(folder)
    path = tmp_path / "run.simtrain"
    make(path, loaded)
    with Session.open(path) as session:
        assert session.scenario_status() == "same"
    scenario_file = folder / "scenario.yaml"
    scenario_file.write_text(scenario_file.read_text() + "\n# edited\n")
    with Session.open(path) as session:
        assert session.scenario_status() == "changed"
    shutil.rmtree(folder)
    with Session.open(path) as session:
        assert session.scenario_status() == "missing"
        assert session.scenario.id == "branching"  # the session's own copy still plays
        session.tick(3600)
        assert "manifest" in session.state.teams["alpha"].delivered


CHILD = """
import sys
from pathlib import Path
from simtrain.session import Session, NoteAdded, InjectDelivered
path, name, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
with Session.open(path) as session:
    for i in range(count):
        recorded = session.append(NoteAdded(text=f"{name} {i}"), wall_time=float(i), who=name)
        print(recorded.seq, flush=True)
    session.append(InjectDelivered(team="alpha", inject="manifest"), wall_time=1.0, who=name)
print("done", flush=True)
"""


def child(path: Path, name: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), name, str(count)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_acknowledged_event_survives_kill_9(
    branching: LoadedScenario, tmp_path: Path, seed: int
) -> None:
    path = tmp_path / "run.simtrain"
    make(path, branching)
    kill_after = random.Random(seed).randint(1, 150)
    process = child(path, "writer", 100_000)
    assert process.stdout is not None
    acknowledged = []
    for line in process.stdout:
        acknowledged.append(int(line))
        if len(acknowledged) >= kill_after:
            break
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert acknowledged, process.stderr.read() if process.stderr else ""
    with Session.open(path) as session:
        seqs = {r.seq for r in session.log}
        assert set(acknowledged) <= seqs
        assert session.store.integrity_check() == "ok"
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


def test_two_processes_append_at_once(branching: LoadedScenario, tmp_path: Path) -> None:
    path = tmp_path / "run.simtrain"
    make(path, branching)
    count = 150
    processes = [child(path, name, count) for name in ("one", "two")]
    outputs = [p.communicate() for p in processes]
    for process, (out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err
        assert "locked" not in err
        assert out.splitlines()[-1] == "done"
    with Session.open(path) as session:
        notes = [r for r in session.log if r.event.type == "note_added"]
        assert len(notes) == 2 * count
        assert [r.seq for r in session.log] == list(range(1, len(session.log) + 1))
        for name in ("one", "two"):
            texts = [r.event.text for r in notes if r.who == name]  # type: ignore[union-attr]
            assert texts == [f"{name} {i}" for i in range(count)]
        deliveries = [r for r in session.log if isinstance(r.event, InjectDelivered)]
        assert len(deliveries) == 1  # both tried to deliver the manifest to alpha
