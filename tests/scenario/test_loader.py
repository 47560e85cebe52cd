"""Loading scenarios: every problem placed at its FILE:LINE:COL, valid files untouched."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from simtrain.scenario.loader import load_scenario
from simtrain.scenario.problems import Problem, ScenarioError
from tests.conftest import MINIMAL


def problems_of(folder: Path) -> list[Problem]:
    with pytest.raises(ScenarioError) as info:
        load_scenario(folder)
    return info.value.problems


def where(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    """Line and column (1-based) of a unique piece of text, plus ``offset`` columns."""
    assert text.count(needle) == 1, needle
    before = text[: text.index(needle)]
    return before.count("\n") + 1, len(before) - before.rfind("\n") + offset


def places(problems: list[Problem]) -> list[tuple[str, int | None, int | None]]:
    return [(p.key, p.line, p.column) for p in problems]


def test_minimal_loads(write_scenario: Callable[..., Path]) -> None:
    loaded = load_scenario(write_scenario())
    assert loaded.scenario.id == "mini"
    assert loaded.warnings == ()
    assert len(loaded.content_hash) == 64


def test_loads_from_the_file_too(write_scenario: Callable[..., Path]) -> None:
    folder = write_scenario()
    assert load_scenario(folder / "scenario.yaml").folder == folder


def test_unknown_key_with_suggestion(write_scenario: Callable[..., Path]) -> None:
    text = MINIMAL.replace("    briefing: You lead", "    brifing: You lead")
    found = problems_of(write_scenario(text))
    assert places(found) == [
        ("missing", *where(text, "id: investigator")),
        ("unknown_key", *where(text, "brifing")),
    ]
    assert found[1].params["suggestion"] == "briefing"


def test_wrong_literal_with_suggestion(write_scenario: Callable[..., Path]) -> None:
    text = MINIMAL.replace("channel: email", "channel: emial")
    found = problems_of(write_scenario(text))
    assert places(found) == [("not_one_of", *where(text, "emial"))]
    assert found[0].params["suggestion"] == "email"


def test_yaml_11_time_trap_is_caught(write_scenario: Callable[..., Path]) -> None:
    text = MINIMAL.replace('at: "0:15"', "at: 10:30")
    found = problems_of(write_scenario(text.replace("duration: 8h", "duration: 8")))
    assert places(found) == [("duration", *where(text, "8h"))]
    text = MINIMAL.replace('at: "0:15"', "at: 15")
    found = problems_of(write_scenario(text))
    assert places(found) == [("duration", *where(text, "15\n"))]


def test_bad_condition_is_placed(write_scenario: Callable[..., Path]) -> None:
    text = MINIMAL.replace("{chose: wait}", "{chosen: wait}")
    found = problems_of(write_scenario(text))
    assert places(found) == [("condition", *where(text, "{chosen"))]
    assert found[0].params["suggestion"] == "chose"


def test_bad_id_is_placed(write_scenario: Callable[..., Path]) -> None:
    text = MINIMAL.replace("- id: ngo", "- id: NGO Team")
    found = problems_of(write_scenario(text))
    assert places(found) == [("bad_id", *where(text, "NGO Team"))]


def test_missing_required_field_is_placed_on_its_mapping(
    write_scenario: Callable[..., Path],
) -> None:
    text = MINIMAL.replace("    channel: phone\n", "")
    found = problems_of(write_scenario(text))
    assert places(found) == [("missing", *where(text, "id: first-call"))]
    assert found[0].params["field"] == "channel"


def test_unsupported_version(write_scenario: Callable[..., Path]) -> None:
    found = problems_of(write_scenario(MINIMAL.replace("simtrain: 1", "simtrain: 2")))
    assert places(found) == [("unsupported_version", 1, 11)]


def test_not_a_scenario(write_scenario: Callable[..., Path]) -> None:
    assert problems_of(write_scenario("title: x\n"))[0].key == "no_version"
    assert problems_of(write_scenario("- a\n- b\n"))[0].key == "not_a_mapping"


def test_folder_without_scenario_file(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as info:
        load_scenario(tmp_path)
    assert info.value.unreadable
    assert info.value.problems[0].key == "no_scenario_file"


def test_many_problems_reported_together(write_scenario: Callable[..., Path]) -> None:
    text = MINIMAL.replace("channel: email", "channel: fax").replace("duration: 8h", "duration: 8")
    assert len(problems_of(write_scenario(text))) == 2
