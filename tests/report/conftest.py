"""Real session files to report on, made by the rehearsal runner from scripts."""

from __future__ import annotations

from pathlib import Path

import pytest

from simtrain.rehearse.runner import run_script
from simtrain.rehearse.script import load_script
from simtrain.resources import scenarios_dir
from simtrain.scenario.loader import load_scenario

FIXTURES = Path(__file__).parent / "fixtures"


def make_session(scenario: str, script: Path, out: Path) -> Path:
    """Run ``script`` on a shipped scenario and keep the run as a session file."""
    loaded = load_scenario(scenarios_dir() / scenario)
    result = run_script(loaded, load_script(script, loaded.scenario))
    assert result.ok, [f.where for f in result.failures]
    result.session.save_as(out)
    return out


@pytest.fixture(scope="session")
def two_teams(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """online-recruitment, two teams whose branches part at the charging decision."""
    out = tmp_path_factory.mktemp("sessions") / "two-teams.simtrain"
    return make_session("online-recruitment", FIXTURES / "two-teams.yaml", out)


def shipped_rehearsals() -> list[tuple[str, Path]]:
    return [
        (folder.name, script)
        for folder in sorted(scenarios_dir().iterdir())
        for script in sorted((folder / "rehearsals").glob("*.yaml"))
    ]
