"""The rehearsal scripts that ship with each scenario: they pass, and together they walk it all.

Every ``scenarios/<id>/rehearsals/*.yaml`` runs through the real CLI in a subprocess and must pass.
Per scenario, the scripts together must choose every option of every decision, and deliver every
inject (so every contingency a ``missed:`` fires, and every guarded branch) to some team: a new
decision, option or inject without a rehearsal that reaches it fails the suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from simtrain.rehearse.runner import run_script
from simtrain.rehearse.script import Choose, find_scripts, load_script
from simtrain.scenario.conditions import references
from simtrain.scenario.loader import LoadedScenario, load_scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted(path.parent for path in (ROOT / "scenarios").glob("*/scenario.yaml"))
SCRIPTS = sorted((ROOT / "scenarios").glob("*/rehearsals/*.yaml"))


def _id(path: Path) -> str:
    return str(path.relative_to(ROOT / "scenarios"))


@cache
def _scenario(folder: Path) -> LoadedScenario:
    return load_scenario(folder)


def _rehearse(scenario: str, script: Path) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    environ.pop("SIMTRAIN_LANG", None)
    return subprocess.run(
        [sys.executable, "-m", "simtrain", "rehearse", scenario, "--script", str(script), "--json"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_every_shipped_scenario_has_rehearsals() -> None:
    assert SCENARIOS
    for folder in SCENARIOS:
        assert find_scripts(folder), f"{folder.name} has no rehearsal scripts"


@pytest.mark.parametrize("script", SCRIPTS, ids=_id)
def test_a_shipped_rehearsal_passes_through_the_cli(script: Path) -> None:
    scenario = script.parent.parent.name
    result = _rehearse(scenario, script)
    assert result.returncode == 0, result.stdout + result.stderr
    data = json.loads(result.stdout)
    assert data["scenario"] == scenario
    assert data["ok"] is True
    assert data["failures"] == []
    assert data["teams"], "the script names no team"
    for team, outcome in data["teams"].items():
        assert outcome["delivered"], f"team {team} received nothing"


def _options(loaded: LoadedScenario) -> dict[str, str]:
    """Option id -> the inject whose decision offers it."""
    return {
        option.id: inject.id
        for inject in loaded.scenario.injects
        if inject.decision is not None
        for option in inject.decision.options
    }


@pytest.mark.parametrize("folder", SCENARIOS, ids=lambda p: p.name)
def test_the_rehearsals_choose_every_option_of_every_decision(folder: Path) -> None:
    loaded = _scenario(folder)
    chosen = {
        step.choose
        for file in find_scripts(folder)
        for step in load_script(file, loaded.scenario).script.steps
        if isinstance(step, Choose)
    }
    missing = {o: j for o, j in _options(loaded).items() if o not in chosen}
    assert not missing, f"{folder.name}: no rehearsal chooses (option: decision inject) {missing}"


@pytest.mark.parametrize("folder", SCENARIOS, ids=lambda p: p.name)
def test_the_rehearsals_deliver_every_inject_and_every_contingency(folder: Path) -> None:
    loaded = _scenario(folder)
    delivered: set[str] = set()
    for file in find_scripts(folder):
        result = run_script(loaded, load_script(file, loaded.scenario))
        assert result.ok, f"{file}: {result.failures}"
        for team in result.session.state.teams.values():
            delivered |= set(team.delivered)
    contingencies = [
        inject.id
        for inject in loaded.scenario.injects
        if inject.after is not None
        and any(kind == "missed" for kind, _, _ in references(inject.after))
    ]
    assert set(contingencies) - delivered == set(), f"{folder.name}: contingencies never fired"
    never = [inject.id for inject in loaded.scenario.injects if inject.id not in delivered]
    assert not never, f"{folder.name}: no rehearsal delivers {never}"
