"""``simtrain team`` refuses bad input with one clear line and a non-zero exit, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def simtrain(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "simtrain", *argv, "--ui-lang", "en"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--team", "team-9"], "no team team-9; its teams are: team-1 — Alpha; team-2 — Bravo"),
        (["--team", "Charlie"], "no team Charlie; its teams are: team-1 — Alpha; team-2 — Bravo"),
        (["--team", "team-1", "--role", "journalist"], "has no role journalist"),
    ],
)
def test_unknown_team_or_role(session_path: Path, argv: list[str], words: str) -> None:
    done = simtrain("team", str(session_path), *argv)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and words in done.stderr
    assert "Traceback" not in done.stderr


def test_a_team_is_found_by_its_name_as_well_as_its_id(session_path: Path) -> None:
    """M10: a director types the name the console shows; the terminal opens that team."""
    from simtrain.i18n import Translator
    from simtrain.tui.team.app import open_team

    for wanted in ("team-2", "Bravo", " bravo "):
        seat = open_team(session_path, Translator("en"), wanted)
        try:
            assert seat.team == "team-2"
        finally:
            seat.session.close()


def test_missing_or_foreign_file(tmp_path: Path) -> None:
    foreign = tmp_path / "notes.txt"
    foreign.write_text("not a session")
    for path in (tmp_path / "none.simtrain", foreign, tmp_path):
        done = simtrain("team", str(path), "--team", "team-1")
        assert done.returncode == 2
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_team_is_required(session_path: Path) -> None:
    done = simtrain("team", str(session_path))
    assert done.returncode == 2 and "--team" in done.stderr


@pytest.mark.parametrize("command", ["team", "serve"])
def test_content_language_sets_the_interface_unless_told_otherwise(
    session_path: Path, command: str
) -> None:
    """An Italian room on laptops set to English: ``--lang it`` alone gives Italian words."""
    argv = [sys.executable, "-m", "simtrain", command, str(session_path), "--lang", "it"]
    argv += ["--team", "team-9"] if command == "team" else ["--port", "0"]
    env = {"PATH": "/usr/bin:/bin", "LANG": "en_US.UTF-8"}
    italian = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=60, env=env)
    english = subprocess.run(
        [*argv, "--ui-lang", "en"], cwd=ROOT, capture_output=True, text=True, timeout=60, env=env
    )
    assert italian.returncode == english.returncode == 2
    words = {"team": ("la squadra team-9", "no team team-9"), "serve": ("porta", "port")}
    assert words[command][0] in italian.stderr
    assert words[command][1] in english.stderr and words[command][0] not in english.stderr
