"""Readers only read (S6, S12, S28, S2), a session is one file you can copy (S7), and ``run``
refuses a session of another scenario (S24): real files, the real CLI in a subprocess."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from simtrain.i18n import Translator
from simtrain.live.run_view import catalog_for
from simtrain.scenario.catalog import DocumentUnavailable
from simtrain.scenario.loader import LoadedScenario, load_scenario
from simtrain.session import NoteAdded, Session, SessionError
from simtrain.session.store import APPLICATION_ID, Store
from simtrain.tui.console.facilitator import Facilitator
from tests.session.conftest import ALPHA, BRAVO

ROOT = Path(__file__).resolve().parents[2]
HARBOUR = ROOT / "scenarios" / "central-mediterranean"


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "simtrain", *args, "--ui-lang", "en"],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        timeout=120,
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def made(tmp_path: Path, loaded: LoadedScenario, name: str = "run.simtrain") -> Path:
    path = tmp_path / name
    with Session.create(path, loaded, [ALPHA, BRAVO], wall_time=0) as session:
        session.append(NoteAdded(text="kept"), wall_time=1, who="control")
    return path


# --- S12, S6: readers never write ------------------------------------------------------------


def test_report_never_migrates_an_old_file(tmp_path: Path) -> None:
    path = tmp_path / "old.simtrain"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("CREATE TABLE t (x)")  # a user_version 0 file, with something in it
    db.commit()
    db.close()
    before = digest(path)
    done = cli("report", str(path), "--format", "json")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "simtrain resume" in done.stderr
    assert "Traceback" not in done.stderr
    assert digest(path) == before
    assert not Path(f"{path}-wal").exists()


def test_a_reader_keeps_no_derived_copy(branching: LoadedScenario, tmp_path: Path) -> None:
    path = made(tmp_path, branching)
    db = sqlite3.connect(path)
    db.execute("DELETE FROM meta WHERE key LIKE 'cache:%'")
    db.commit()
    db.close()
    before = digest(path)
    with Session.open(path, "read") as session:
        assert [n.text for n in session.state.notes] == ["kept"]
        with pytest.raises(SessionError) as refused:
            session.append(NoteAdded(text="no"), wall_time=2, who="control")
        assert refused.value.key == "read_only"
    with Session.open(path, "append"):  # a team terminal keeps no copy either
        pass
    rows = sqlite3.connect(path).execute("SELECT key FROM meta WHERE key LIKE 'cache:%'")
    assert rows.fetchall() == []
    assert digest(path) == before
    assert cli("report", str(path), "--format", "json").returncode == 0
    assert digest(path) == before


@pytest.fixture
def mount(tmp_path: Path) -> Iterator[Path]:
    """A small tmpfs of our own (root only), unmounted afterwards."""
    place = tmp_path / f"mnt-{uuid.uuid4().hex[:6]}"
    place.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(place)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("needs permission to mount a tmpfs")
    try:
        yield place
    finally:
        subprocess.run(["umount", "-l", str(place)], capture_output=True)


def test_a_read_only_file_system_is_named_and_its_report_works(
    branching: LoadedScenario, mount: Path
) -> None:
    path = made(mount, branching)
    subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
    with pytest.raises(SessionError) as caught:
        Session.open(path)
    assert caught.value.key == "read_only"
    with Session.open(path, "append") as seat:  # a team terminal can still read it
        assert isinstance(seat.store, Store) and seat.store.access == "read"
    done = cli("report", str(path), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["format"]
    resumed = cli("resume", str(path))
    assert resumed.returncode != 0
    assert "read-only" in resumed.stderr and "damaged" not in resumed.stderr


def test_a_full_disk_is_named_and_its_report_works(branching: LoadedScenario, mount: Path) -> None:
    path = made(mount, branching)
    filler = mount / "filler"
    subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=4k"], capture_output=True)
    with pytest.raises(SessionError) as caught, Session.open(path) as session:
        for k in range(200):
            session.append(NoteAdded(text="x" * 4000 + str(k)), wall_time=2, who="c")
    assert caught.value.key == "disk_full"
    done = cli("report", str(path), "--format", "json")
    assert done.returncode == 0, done.stderr
    filler.unlink()
    with Session.open(path) as session:
        assert session.store.integrity_check() == "ok"


# --- S7: one file -----------------------------------------------------------------------------


def test_the_console_checkpoints_so_the_file_alone_is_complete(
    branching: LoadedScenario, tmp_path: Path
) -> None:
    path = made(tmp_path, branching)
    wall = [1000.0]
    session = Session.open(path)
    f = Facilitator(session, Translator("en"), clock=lambda: wall[0])
    f.lease.claim()
    f.toggle_clock()
    for k in range(5):
        f.note(f"note {k}")
    wall[0] += 6  # past the checkpoint interval
    f.tick()
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copy(path, copy / path.name)  # the .simtrain alone, the console still open
    with Session.open(copy / path.name, "read") as alone:
        assert [n.text for n in alone.state.notes][-5:] == [f"note {k}" for k in range(5)]
    f.pause_for_exit()
    session.close()
    wal = Path(f"{path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0


WRITER = """
import sys, time
from pathlib import Path
from simtrain.session import NoteAdded, Session
with Session.open(Path(sys.argv[1])) as s:
    k = 0
    while not Path(sys.argv[2]).exists():
        s.append(NoteAdded(text=f"n{k}"), wall_time=time.time(), who="control")
        k += 1
"""


def test_backup_while_a_writer_appends(branching: LoadedScenario, tmp_path: Path) -> None:
    path = made(tmp_path, branching)
    stop = tmp_path / "stop"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(stop)], cwd=ROOT)
    try:
        counts = []
        time.sleep(0.5)
        for k in range(3):
            dest = tmp_path / f"copy-{k}.simtrain"
            done = cli("backup", str(path), str(dest))
            assert done.returncode == 0, done.stderr
            assert not Path(f"{dest}-wal").exists()
            with Session.open(dest, "read") as copy:  # opens and folds
                assert copy.store.integrity_check() == "ok"
                notes = [n.text for n in copy.state.notes]
                assert notes[1:] == [f"n{j}" for j in range(len(notes) - 1)]  # no gap
                counts.append(len(copy.log))
            time.sleep(0.3)
        assert counts == sorted(counts) and counts[-1] > counts[0]
    finally:
        stop.touch()
        writer.wait(timeout=30)
    again = cli("backup", str(path), str(tmp_path / "copy-0.simtrain"))
    assert again.returncode == 2 and "already exists" in again.stderr


# --- S2, S28: documents only from the scenario's own folder ----------------------------------


def test_a_crafted_session_cannot_attach_a_file_outside_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "scenario"
    shutil.copytree(HARBOUR, folder)
    loaded = load_scenario(folder)
    path = made(tmp_path, loaded)
    db = sqlite3.connect(path)
    payload = json.loads(db.execute("SELECT payload FROM events WHERE seq = 1").fetchone()[0])
    payload["scenario_text"] = payload["scenario_text"].replace(
        "attachments: [docs/arrival-report.md]",
        "attachments: [docs/arrival-report.md, ../../../../../../../etc/passwd, /etc/hostname]",
    )
    assert "/etc/passwd" in payload["scenario_text"]
    db.execute("UPDATE events SET payload = ? WHERE seq = 1", (json.dumps(payload),))
    db.execute("DELETE FROM meta WHERE key LIKE 'cache:%'")
    db.commit()
    db.close()
    with Session.open(path, "read") as session:
        catalog = catalog_for(session)
        assert catalog.attachment("docs/arrival-report.md", "en")[1].text
        for name in ("../../../../../../../etc/passwd", "/etc/hostname"):
            with pytest.raises(DocumentUnavailable) as refused:
                catalog.attachment(name, "en")
            assert refused.value.key == "refused"


def test_a_session_pointing_its_scenario_file_elsewhere_reads_no_documents(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "scenario"
    shutil.copytree(HARBOUR, folder)
    path = made(tmp_path, load_scenario(folder))
    db = sqlite3.connect(path)
    payload = json.loads(db.execute("SELECT payload FROM events WHERE seq = 1").fetchone()[0])
    payload["scenario_file"] = "/etc/hostname"
    db.execute("UPDATE events SET payload = ? WHERE seq = 1", (json.dumps(payload),))
    db.commit()
    db.close()
    with Session.open(path, "read") as session:
        with pytest.raises(DocumentUnavailable) as refused:
            catalog_for(session).attachment("hostname", "en")
        assert refused.value.key == "folder_gone"


def test_with_the_folder_gone_nothing_is_read_from_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "scenario"
    shutil.copytree(HARBOUR, folder)
    path = made(tmp_path, load_scenario(folder))
    shutil.rmtree(folder)
    cwd = tmp_path / "cwd"
    (cwd / "docs").mkdir(parents=True)
    (cwd / "docs" / "arrival-report.md").write_text("# NOT THE SCENARIO'S DOCUMENT")
    monkeypatch.chdir(cwd)
    with Session.open(path, "read") as session, pytest.raises(DocumentUnavailable) as gone:
        catalog_for(session).attachment("docs/arrival-report.md", "en")
    assert gone.value.key == "folder_gone"
    assert "folder" in gone.value.render(Translator("en"))
    assert "папки" in gone.value.render(Translator("ru"))


# --- S24: run SCENARIO --session OTHER ---------------------------------------------------------


def test_run_refuses_a_session_of_another_scenario_or_new_teams(
    branching: LoadedScenario, tmp_path: Path
) -> None:
    path = made(tmp_path, branching)
    before = digest(path)
    other = cli("run", str(HARBOUR), "--session", str(path))
    assert other.returncode == 2 and other.stderr.count("\n") == 1
    assert "central-mediterranean" in other.stderr and "simtrain resume" in other.stderr
    teams = cli("run", str(HARBOUR), "--teams", "3", "--session", str(path))
    assert teams.returncode == 2 and "--teams" in teams.stderr
    assert digest(path) == before
    assert os.path.exists(path)
