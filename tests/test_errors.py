"""Errors are one line with a log beside the session, damaged files say "damaged", and "saved"
is never said after a write failed (issue 12 point 5; S4, S11, S25)."""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from simtrain import cli
from simtrain.scenario.loader import load_scenario
from simtrain.session import Session
from simtrain.session import events as ev
from simtrain.session.store_protocol import SessionError
from tests.conftest import Result


def _boom(*_args: object, **_kwargs: object) -> int:
    raise RuntimeError("boom\nsecond line")


def test_cli_unexpected_error_is_one_line_with_a_log_in_the_cache(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import simtrain.commands.validate as validate

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(validate, "run", _boom)
    code = cli.main(["validate", str(tmp_path), "--ui-lang", "en"])
    err = capsys.readouterr().err
    assert code == 3
    assert err.count("\n") == 1 and "Traceback" not in err
    log = tmp_path / "cache" / "simtrain" / "errors.log"
    assert (
        "simtrain validate stopped on an unexpected error (RuntimeError: boom second line)" in err
    )
    assert str(log) in err
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "_boom" in text
    assert log.stat().st_mode & 0o077 == 0  # a traceback may quote the scenario


def test_cli_error_log_goes_beside_the_session(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import simtrain.commands.report as report

    monkeypatch.setattr(report, "run", _boom)
    session = tmp_path / "run.simtrain"
    assert cli.main(["report", str(session), "--ui-lang", "ru"]) == 3
    err = capsys.readouterr().err
    beside = tmp_path / "run.simtrain.errors.log"
    assert beside.exists() and str(beside) in err
    assert "непредвиденной ошибкой" in err and err.count("\n") == 1


# --- S11: damaged files are "damaged", exit 2 -------------------------------------------------


@pytest.fixture
def damaged(tmp_path: Path, write_scenario: Callable[..., Path]) -> Callable[[str], Path]:
    loaded = load_scenario(write_scenario())
    base = tmp_path / "base.simtrain"
    team = ev.Team(id="a", name="A", roles=("investigator", "ngo"))
    Session.create(base, loaded, [team], wall_time=time.time()).close()

    def make(sql: str) -> Path:
        path = tmp_path / f"case{len(list(tmp_path.glob('case*')))}.simtrain"
        shutil.copy(base, path)
        db = sqlite3.connect(path)
        db.executescript(sql)
        db.commit()
        db.close()
        return path

    return make


EVENT = "INSERT INTO events (seq, id, wall, at, who, type, team, inject, payload) VALUES "
DAMAGE = {
    "two_objects": EVENT + "(2,'x',1.0,0,'c','clock_paused',NULL,NULL,"
    """'{"type":"clock_paused"},{"type":"clock_resumed"}');""",
    "unknown_inject": EVENT + "(2,'x',1.0,0,'c','inject_delivered','a','nope',"
    """'{"type":"inject_delivered","team":"a","inject":"nope"}');""",
    "wall_text": EVENT + "(2,'x','abc',0,'c','clock_started',NULL,NULL,"
    """'{"type":"clock_started","speed":1}');""",
}


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_damaged_session_is_damaged_not_internal_error(
    case: str, damaged: Callable[[str], Path], cli: Callable[..., Result]
) -> None:
    path = damaged(DAMAGE[case])
    for command in (["report", str(path)], ["team", str(path), "--team", "a"]):
        result = cli(*command, timeout=60)
        assert result.code == 2, (command, result.err)
        assert result.err.strip() == "simtrain: event 2 in the session file is damaged"
    with pytest.raises(SessionError):
        Session.open(path)


def test_a_crafted_cache_is_ignored(damaged: Callable[[str], Path]) -> None:
    deep = "[" * 100_000
    path = damaged(f"INSERT OR REPLACE INTO meta VALUES ('cache:x', 'y'); "
                   f"UPDATE meta SET value = '{deep}' WHERE key LIKE 'cache:%';")  # fmt: skip
    with Session.open(path, "read") as session:
        assert session.scenario.id == "mini"
