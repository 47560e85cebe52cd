"""The one-key unions (conditions, rehearsal steps): each member's tag is the key it leads with."""

from __future__ import annotations

from typing import Any, get_args

import pytest
from pydantic import BaseModel, Tag, TypeAdapter, ValidationError

from simtrain.rehearse.script import STEP_KINDS, Rate, Step
from simtrain.scenario.conditions import KINDS, Condition, Delivered, Not
from simtrain.scenario.tags import lead_key


def _members(union: Any) -> list[tuple[type[BaseModel], str]]:
    """Each member model of an ``Annotated[A | B | ..., Discriminator]`` and its ``Tag``."""
    inner = get_args(union)[0]
    members = []
    for arm in get_args(inner):
        model, *meta = get_args(arm)
        (tag,) = [m.tag for m in meta if isinstance(m, Tag)]
        members.append((model, tag))
    return members


@pytest.mark.parametrize(("union", "kinds"), [(Condition, KINDS), (Step, STEP_KINDS)])
def test_every_tag_is_the_key_its_member_is_written_with(union: Any, kinds: tuple[str]) -> None:
    members = _members(union)
    assert [tag for _, tag in members] == [lead_key(model) for model, _ in members]
    assert sorted(tag for _, tag in members) == sorted(kinds)


def test_a_condition_is_one_known_key_and_nothing_else() -> None:
    adapter: TypeAdapter[Condition] = TypeAdapter(Condition)
    assert adapter.validate_python({"delivered": "a"}) == Delivered(delivered="a")
    assert isinstance(adapter.validate_python({"not": {"delivered": "a"}}), Not)
    for bad in ({"delivered": "a", "done": "b"}, {"deliverd": "a"}, {}, "delivered"):
        with pytest.raises(ValidationError) as info:
            adapter.validate_python(bad)
        assert info.value.errors()[0]["type"] == "condition"


def test_a_built_member_keeps_its_tag() -> None:
    adapter: TypeAdapter[Condition] = TypeAdapter(Condition)
    built = Not(**{"not": Delivered(delivered="a")})
    assert adapter.validate_python(built) == built


def test_a_note_beside_a_rating_is_the_ratings_comment() -> None:
    adapter: TypeAdapter[Step] = TypeAdapter(Step)
    step = adapter.validate_python({"rate": "call", "team": "a", "rating": "P", "note": "fast"})
    assert isinstance(step, Rate) and step.note == "fast"
    with pytest.raises(ValidationError) as info:
        adapter.validate_python({"deliver": "a", "skip": "a"})
    assert info.value.errors()[0]["type"] == "step"
