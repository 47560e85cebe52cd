"""``simtrain rehearse`` through its real entry point: exit codes, JSON, FILE:LINE of failures."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from simtrain.session import Session

ROOT = Path(__file__).resolve().parents[2]
BRANCHING = ROOT / "tests" / "session" / "fixtures" / "branching"
ARREST = BRANCHING / "rehearsals" / "arrest.yaml"


def rehearse(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "simtrain", "rehearse", *map(str, args), "--ui-lang", "en"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_every_shipped_rehearsal_of_the_fixture_passes() -> None:
    result = rehearse(BRANCHING)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "alpha — Team Alpha (investigator, ngo)" in result.stdout
    assert "skipped        shelter-offer (its condition was false)" in result.stdout


def test_json_shape() -> None:
    result = rehearse(BRANCHING, "--script", ARREST, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["scenario"] == "branching"
    alpha = data["teams"]["alpha"]
    assert alpha["delivered"][:2] == [
        {"inject": "landing-call", "at": "0:15"},
        {"inject": "manifest", "at": "0:30"},
    ]
    assert alpha["skipped"] == [{"inject": "shelter-offer", "at": "1:00", "reason": "guard"}]
    assert alpha["score"]["percent"] == 77.3
    assert alpha["score"]["by_objective"] == {"identify": 100.0, "cooperate": 66.0}
    assert [d["inject"] for d in data["teams"]["bravo"]["delivered"]] == [
        "landing-call",
        "manifest",
        "network-call",
        "shelter-offer",
    ]


def test_a_failed_check_exits_1_and_names_its_step(tmp_path: Path) -> None:
    script = tmp_path / "wrong.yaml"
    script.write_text(
        "teams:\n"
        "  - {id: alpha, roles: [investigator, ngo]}\n"
        "steps:\n"
        "  - advance: 30m\n"
        "  - check: {team: alpha, delivered: [skipper-silent]}\n"
        "  - check:\n"
        "      team: alpha\n"
        "      score: 50\n"
    )
    result = rehearse(BRANCHING, "--script", script, "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert [f["step"] for f in data["failures"]] == [f"{script}:5", f"{script}:6"]
    text = rehearse(BRANCHING, "--script", script)
    assert text.returncode == 1
    assert (
        f"{script}:5: failed: team alpha: expected 'skipper-silent' to be delivered" in text.stdout
    )


def test_an_impossible_step_exits_1(tmp_path: Path) -> None:
    script = tmp_path / "early.yaml"
    script.write_text("teams: [{id: a, roles: [ngo]}]\nsteps:\n  - deliver: landing-call\n")
    result = rehearse(BRANCHING, "--script", script)
    assert result.returncode == 1
    assert f"{script}:3: failed: 'landing-call' is not due for any team at 0:00" in result.stdout


def test_a_bad_script_is_placed_at_file_line_col(tmp_path: Path) -> None:
    script = tmp_path / "bad.yaml"
    script.write_text(
        "teams:\n"
        "  - {id: alpha, roles: [investigater]}\n"
        "steps:\n"
        "  - advance: soon\n"
        "  - jump: 5m\n"
        "  - deliver: landing-cal\n"
    )
    result = rehearse(BRANCHING, "--script", script)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert any(line.startswith(f"{script}:4:14: error: 'soon' is not a duration") for line in lines)
    assert any(line.startswith(f"{script}:5:5: error: not a step") for line in lines)
    result = rehearse(BRANCHING, "--script", tmp_path / "nothing.yaml")
    assert result.returncode == 2
    assert "no such file" in result.stderr


def test_unknown_ids_in_a_script_are_placed(tmp_path: Path) -> None:
    script = tmp_path / "ids.yaml"
    script.write_text(
        "teams:\n  - {id: alpha, roles: [investigater]}\nsteps:\n  - deliver: landing-cal\n"
    )
    result = rehearse(BRANCHING, "--script", script)
    assert result.returncode == 2
    assert f"{script}:2:25: error: the scenario has no role 'investigater'" in result.stderr
    assert "Did you mean 'investigator'?" in result.stderr
    assert f"{script}:4:14: error: the scenario has no inject 'landing-cal'" in result.stderr


def test_an_unknown_scenario_is_one_line() -> None:
    result = rehearse("no-such-scenario", "--explore")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "no scenario 'no-such-scenario'" in result.stderr


def test_explore_lists_what_no_path_reaches() -> None:
    result = rehearse(BRANCHING, "--explore", "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["unreachable"] == {"injects": ["unreachable"], "expects": [], "options": []}
    text = rehearse(BRANCHING, "--explore")
    assert f"{BRANCHING / 'scenario.yaml'}:" in text.stdout
    assert "no path delivers inject 'unreachable'" in text.stdout


def test_explore_passes_when_everything_is_reachable(tmp_path: Path) -> None:
    folder = tmp_path / "branching"
    shutil.copytree(BRANCHING, folder)
    scenario = folder / "scenario.yaml"
    text = scenario.read_text()
    scenario.write_text(text[: text.index("  - id: unreachable")])
    result = rehearse(folder, "--explore")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "every inject, expected action and decision option is reachable" in result.stdout


def test_session_out_keeps_a_run_the_console_can_open(tmp_path: Path) -> None:
    out = tmp_path / "rehearsal.simtrain"
    result = rehearse(BRANCHING, "--script", ARREST, "--session", out)
    assert result.returncode == 0, result.stderr
    with Session.open(out) as session:
        assert session.scenario.id == "branching"
        assert session.scores()["alpha"].total.percent == 77.3
        assert session.scenario_status() == "same"
    again = rehearse(BRANCHING, "--script", ARREST, "--session", out)
    assert again.returncode == 2
    assert "already exists" in again.stderr
