"""The scenario model: durations, triggers, conditions, immutability, documented fields."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from simtrain import yamlio
from simtrain.i18n import messages
from simtrain.scenario import model as m
from simtrain.scenario.conditions import All, AnyOf, Chose, Delivered, Not, references
from simtrain.scenario.durations import format_clock, format_duration, parse_duration
from tests.conftest import MINIMAL


def scenario_data() -> dict[str, Any]:
    data: dict[str, Any] = yamlio.loads(MINIMAL)
    return data


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("45m", 2700),
        ("1h30m", 5400),
        ("0:15", 900),
        ("1:30:00", 5400),
        ("90s", 90),
        ("8h", 28800),
        ("1d", 86400),
        ("2h 5m", 7500),
    ],
)
def test_durations(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "15", "1:75", "m", "1h-5m", "abc", "1.5h"])
def test_not_durations(text: str) -> None:
    assert parse_duration(text) is None


@given(st.integers(min_value=0, max_value=10 * 86400))
def test_duration_round_trip(seconds: int) -> None:
    assert parse_duration(format_duration(seconds)) == seconds
    assert parse_duration(format_clock(seconds, with_seconds=True)) == seconds


def test_minimal_scenario_is_valid_and_frozen() -> None:
    scenario = m.Scenario.model_validate(scenario_data())
    assert scenario.injects[0].at == 900
    assert scenario.injects[1].after == Chose(chose="wait")
    assert scenario.injects[1].delay == 1200
    with pytest.raises(ValidationError):
        scenario.injects[0].title = "changed"


def test_integer_time_is_refused() -> None:
    data = scenario_data()
    data["injects"][0]["at"] = 630  # what YAML 1.1 makes of 10:30
    with pytest.raises(ValidationError) as info:
        m.Scenario.model_validate(data)
    assert info.value.errors()[0]["type"] == "duration"


def test_inject_needs_exactly_one_trigger() -> None:
    data = scenario_data()
    data["injects"][0]["after"] = {"delivered": "follow-up"}
    with pytest.raises(ValidationError) as info:
        m.Scenario.model_validate(data)
    assert [e["type"] for e in info.value.errors()] == ["trigger"]
    del data["injects"][0]["after"]
    del data["injects"][0]["at"]
    with pytest.raises(ValidationError):
        m.Scenario.model_validate(data)


def test_delay_only_with_after() -> None:
    data = scenario_data()
    data["injects"][0]["delay"] = "5m"
    with pytest.raises(ValidationError) as info:
        m.Scenario.model_validate(data)
    assert info.value.errors()[0]["type"] == "delay_without_after"


def test_nested_conditions_and_their_references() -> None:
    data = scenario_data()
    data["injects"][1]["after"] = {
        "all": [{"delivered": "first-call"}, {"not": {"any": [{"chose": "wait"}, {"done": "x"}]}}]
    }
    scenario = m.Scenario.model_validate(data)
    condition = scenario.injects[1].after
    assert isinstance(condition, All)
    assert isinstance(condition.all[1], Not)
    assert isinstance(condition.all[1].not_, AnyOf)
    assert isinstance(condition.all[0], Delivered)
    refs = sorted((kind, ident) for kind, ident, _ in references(condition))
    assert refs == [("chose", "wait"), ("delivered", "first-call"), ("done", "x")]


@pytest.mark.parametrize(
    "condition",
    [{"deliverd": "x"}, {"delivered": "x", "chose": "y"}, "delivered x", [], {"all": "x"}],
)
def test_malformed_conditions(condition: Any) -> None:
    data = scenario_data()
    data["injects"][1]["after"] = condition
    with pytest.raises(ValidationError):
        m.Scenario.model_validate(data)


def test_inline_texts() -> None:
    data = scenario_data()
    data["title"] = {"en": "Title", "ru": "Название", "it": "Titolo"}
    assert m.Scenario.model_validate(data).title == data["title"]
    data["title"] = {"en": ""}
    with pytest.raises(ValidationError):
        m.Scenario.model_validate(data)


def test_delivery_rule_by_channel_with_override() -> None:
    scenario = m.Scenario.model_validate(scenario_data())
    phone, email = scenario.injects
    assert phone.confirmed_by_control and not email.confirmed_by_control
    data = scenario_data()
    data["injects"][0]["delivery"] = "auto"
    data["injects"][1]["delivery"] = "confirm"
    phone, email = m.Scenario.model_validate(data).injects
    assert not phone.confirmed_by_control and email.confirmed_by_control


def _models(root: type[BaseModel]) -> set[type[BaseModel]]:
    seen: set[type[BaseModel]] = set()
    stack = [root]
    while stack:
        model = stack.pop()
        if model in seen:
            continue
        seen.add(model)
        for info in model.model_fields.values():
            for arg in _types(info.annotation):
                if isinstance(arg, type) and issubclass(arg, BaseModel):
                    stack.append(arg)
    return seen


def _types(annotation: Any) -> list[Any]:
    found = [annotation]
    for arg in getattr(annotation, "__args__", ()) or ():
        found += _types(arg)
    origin = getattr(annotation, "__origin__", None)
    if origin is not None:
        found.append(origin)
    return found


def test_every_field_is_described_and_every_model_frozen() -> None:
    models = _models(m.Scenario)
    assert {"Inject", "ExpectedAction", "Decision", "Delivered", "Not"} <= {
        x.__name__ for x in models
    }
    for model in models:
        assert model.model_config.get("frozen"), model
        assert model.model_config.get("extra") == "forbid", model
        for name, info in model.model_fields.items():
            # described in locales/*.yaml (schema_doc), the schema's one source of words
            key = f"schema_doc.{model.__name__}.{info.alias or name}"
            assert key in messages("en"), f"{model.__name__}.{name} has no description"
