"""Shared pieces for the session tests: the branching scenario and two teams over it."""

from __future__ import annotations

from pathlib import Path

import pytest

from simtrain.scenario.loader import LoadedScenario, load_scenario
from simtrain.session import Team

FIXTURES = Path(__file__).parent / "fixtures"
BRANCHING = FIXTURES / "branching"

ALPHA = Team(id="alpha", name="Alpha", roles=("investigator", "ngo"))
BRAVO = Team(id="bravo", name="Bravo", roles=("investigator",))


@pytest.fixture(scope="session")
def branching() -> LoadedScenario:
    return load_scenario(BRANCHING)
