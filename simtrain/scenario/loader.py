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
from simtrain.scenario.problems import Problem, ScenarioError, suggest

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

_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "integer",
    "int_parsing": "integer",
    "int_from_float": "integer",
    "bool_type": "boolean",
    "bool_parsing": "boolean",
    "float_type": "number",
    "float_parsing": "number",
    "tuple_type": "list",
    "list_type": "list",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "dict_type": "mapping",
    "text_type": "text",
}


def _describe(error: Any) -> Problem:
    """One pydantic error as a problem with a message key of ours."""
    kind = error["type"]
    loc = tuple(error["loc"])
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        return Problem("error", "missing", {"field": str(loc[-1])}, path=loc[:-1])
    if kind == "extra_forbidden":
        key = str(loc[-1])
        return Problem(
            "error",
            "unknown_key",
            {"key": key, "suggestion": suggest(key, FIELD_NAMES)},
            path=loc,
            on_key=True,
        )
    if kind == "literal_error":
        raw = ctx.get("expected", "").replace("'", "")
        choices = [c.strip() for c in raw.replace(" or ", ", ").split(",")]
        expected = ", ".join(choices)
        return Problem(
            "error",
            "not_one_of",
            {"value": _short(value), "expected": expected, "suggestion": suggest(value, choices)},
            path=loc,
        )
    if kind == "condition":
        key = next(iter(value)) if isinstance(value, dict) and len(value) == 1 else ""
        return Problem(
            "error",
            "condition",
            {"kinds": ", ".join(KINDS), "suggestion": suggest(key, KINDS) if key else ""},
            path=loc,
        )
    if kind in _TYPE_NAMES:
        return Problem("error", "wrong_type", {"expected": _TYPE_NAMES[kind]}, path=loc)
    if kind in ("too_short", "too_long"):
        return Problem(
            "error",
            kind,
            {"min": ctx.get("min_length", 0), "max": ctx.get("max_length", 0)},
            path=loc,
        )
    if kind in ("greater_than_equal", "less_than_equal"):
        return Problem(
            "error", "out_of_range", {"value": _short(value), **_bounds(error["loc"])}, path=loc
        )
    if kind in (
        "bad_id",
        "bad_lang",
        "empty_text",
        "duration",
        "trigger",
        "delay_without_after",
    ):
        return Problem("error", kind, {k: str(v) for k, v in ctx.items()}, path=loc)
    return Problem("error", "invalid", {"detail": error.get("msg", kind)}, path=loc)


def _bounds(loc: tuple[Any, ...]) -> dict[str, int]:
    if loc and loc[-1] == "points":
        return {"min": 0, "max": 1000}
    return {"min": 0, "max": 0}


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _drop_echoes(problems: list[Problem]) -> list[Problem]:
    """Pydantic adds ``too_short`` to a list whose items failed; the items' errors say it better."""
    paths = [p.path for p in problems]
    kept = []
    for problem in problems:
        if problem.key == "too_short" and any(
            len(other) > len(problem.path) and other[: len(problem.path)] == problem.path
            for other in paths
        ):
            continue
        kept.append(problem)
    return kept


def place(problems: list[Problem], file: Path, text: str) -> list[Problem]:
    """Give each problem its line and column, composing the file once for all of them."""
    if not problems:
        return []
    root = yamlio.compose(text)
    placed = []
    for problem in problems:
        where = yamlio.locate(root, problem.path, on_key=problem.on_key)
        placed.append(problem.placed(file, where.line, where.column))
    return placed


def read_scenario_data(file: Path) -> tuple[str, Any]:
    """The text and plain data of a scenario file, or a :class:`ScenarioError` of one problem."""
    try:
        text = yamlio.decode(yamlio.read_bytes(file))
        data = yamlio.loads(text)
    except yamlio.YamlProblem as problem:
        raise ScenarioError(
            [
                Problem(
                    "error",
                    f"yaml.{problem.key}",
                    dict(problem.params),
                    file,
                    problem.line,
                    problem.column,
                )
            ],
            unreadable=problem.unreadable,
        ) from None
    return text, data


def parse_scenario(file: Path, text: str, data: Any) -> m.Scenario:
    """Validate plain data as a scenario; problems come back placed in ``file``."""
    if not isinstance(data, dict):
        raise ScenarioError([Problem("error", "not_a_mapping", {}, file, 1, 1)])
    version = data.get("simtrain")
    if version is None:
        raise ScenarioError([Problem("error", "no_version", {}, file, 1, 1)])
    if version != m.FORMAT_VERSION:
        where = yamlio.locate(yamlio.compose(text), ("simtrain",))
        raise ScenarioError(
            [
                Problem(
                    "error",
                    "unsupported_version",
                    {"version": _short(version), "supported": m.FORMAT_VERSION},
                    file,
                    where.line,
                    where.column,
                )
            ]
        )
    try:
        return m.Scenario.model_validate(data)
    except ValidationError as error:
        problems = _drop_echoes([_describe(e) for e in error.errors(include_url=False)])
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
