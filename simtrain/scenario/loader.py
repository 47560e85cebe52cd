"""Loading a scenario folder: bytes to data to an immutable :class:`Scenario`, or placed problems.

A valid file costs one libyaml parse and one pydantic validation. Only when something is wrong is
the file composed again with marks, to turn pydantic's error locations and the cross-checks' paths
into ``FILE:LINE:COL``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from simtrain import yamlio
from simtrain.scenario import model as m
from simtrain.scenario.conditions import KINDS
from simtrain.scenario.problems import (
    Problem,
    ScenarioError,
    describe_error,
    drop_echoes,
    shorten,
)
from simtrain.scenario.refine import finish, improve

SCENARIO_FILE = "scenario.yaml"


@dataclass(frozen=True)
class LoadedScenario:
    """A valid scenario with where it came from, its exact text and the warnings it carries."""

    scenario: m.Scenario
    folder: Path
    file: Path
    text: str
    warnings: tuple[Problem, ...] = field(default=())

    @cached_property
    def content_hash(self) -> str:
        """Identifies this exact text, so a session notices its scenario changed."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def scenario_file(path: Path) -> Path:
    """The ``scenario.yaml`` a path names: the file itself, or the one inside a folder."""
    if path.is_dir():
        return path / SCENARIO_FILE
    return path


def _all_field_names() -> frozenset[str]:
    names: set[str] = set(KINDS)
    for model in (
        m.Scenario,
        m.Objective,
        m.Role,
        m.Character,
        m.Phase,
        m.Inject,
        m.ExpectedAction,
        m.Option,
        m.Decision,
    ):
        for name, info in model.model_fields.items():
            names.add(info.alias or name)
    return frozenset(names)


FIELD_NAMES = _all_field_names()


def place(problems: list[Problem], file: Path, text: str) -> list[Problem]:
    """Give each problem its line and column, composing the file once for all of them; values
    quoted as written, a repeated mistake said once (see :func:`refine.finish`)."""
    return finish(problems, file, text)


def read_scenario_data(file: Path) -> tuple[str, Any]:
    """The text and plain data of a scenario file, or a :class:`ScenarioError` of one problem."""
    try:
        text = yamlio.decode(yamlio.read_bytes(file))
        data = yamlio.loads(text)
    except yamlio.YamlProblem as problem:
        raise ScenarioError(
            [Problem.from_yaml(problem, file)], unreadable=problem.unreadable
        ) from None
    return text, data


def parse_scenario(file: Path, text: str, data: Any) -> m.Scenario:
    """Validate plain data as a scenario; problems come back placed in ``file``."""
    if not isinstance(data, dict):
        raise ScenarioError([Problem("error", "not_a_mapping", {}, file, 1, 1)])
    version = data.get("simtrain")
    if version is None:
        raise ScenarioError([Problem("error", "no_version", {}, file, 1, 1)])
    # strict: True == 1 and 1.0 == 1 in Python, but neither is the format version 1
    if type(version) is not int or version != m.FORMAT_VERSION:
        where = yamlio.locate(yamlio.compose(text), ("simtrain",))
        raise ScenarioError(
            [
                Problem(
                    "error",
                    "unsupported_version",
                    {"version": shorten(version), "supported": m.FORMAT_VERSION},
                    file,
                    where.line,
                    where.column,
                )
            ]
        )
    try:
        return m.Scenario.model_validate(data)
    except ValidationError as error:
        errors = error.errors(include_url=False)
        problems = drop_echoes([describe_error(e, FIELD_NAMES) for e in errors])
        problems = improve(problems, data, file.parent)
        raise ScenarioError(place(problems, file, text)) from None


def load_scenario(path: Path) -> LoadedScenario:
    """A scenario from its folder or file, checked; raises :class:`ScenarioError` when invalid.

    Warnings come back on the result; errors (from the model or the cross-checks) are raised
    together, each placed at its line and column.
    """
    from simtrain.scenario.checks import cross_check

    file = scenario_file(path)
    if path.is_dir() and not file.exists():
        raise ScenarioError(
            [Problem("error", "no_scenario_file", {"name": SCENARIO_FILE}, path)],
            unreadable=True,
        )
    text, data = read_scenario_data(file)
    scenario = parse_scenario(file, text, data)
    folder = file.parent
    problems = cross_check(scenario, folder)
    if problems:
        problems = place(problems, file, text)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ScenarioError(problems)
    return LoadedScenario(scenario, folder, file, text, tuple(problems))
