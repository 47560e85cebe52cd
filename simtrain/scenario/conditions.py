"""Conditions: structured data an author writes to branch a scenario, never code.

``{delivered: INJECT}``, ``{done: EXPECT}`` (rated P or S), ``{missed: EXPECT}`` (rated M or U, or
its window passed without a P or S), ``{chose: OPTION}``, ``{all: [...]}``, ``{any: [...]}``,
``{not: ...}``. They are evaluated per team by the engine; here they are only shapes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import BaseModel, Field, Tag

from simtrain.frozen import FROZEN
from simtrain.scenario.ids import Id
from simtrain.scenario.tags import key_discriminator

KINDS = ("delivered", "done", "missed", "chose", "all", "any", "not")


class Delivered(BaseModel):
    model_config = FROZEN
    delivered: Id


class Done(BaseModel):
    model_config = FROZEN
    done: Id


class Missed(BaseModel):
    model_config = FROZEN
    missed: Id


class Chose(BaseModel):
    model_config = FROZEN
    chose: Id


class All(BaseModel):
    model_config = FROZEN
    all: tuple[Condition, ...] = Field(min_length=1)


class AnyOf(BaseModel):
    model_config = FROZEN
    any: tuple[Condition, ...] = Field(min_length=1)


class Not(BaseModel):
    model_config = FROZEN
    not_: Condition = Field(alias="not")


Condition = Annotated[
    Annotated[Delivered, Tag("delivered")]
    | Annotated[Done, Tag("done")]
    | Annotated[Missed, Tag("missed")]
    | Annotated[Chose, Tag("chose")]
    | Annotated[All, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[Not, Tag("not")],
    key_discriminator(KINDS, error_type="condition", error_message="not a condition", alone=True),
]

All.model_rebuild()
AnyOf.model_rebuild()
Not.model_rebuild()

RefKind = Literal["delivered", "done", "missed", "chose"]


def references(condition: Condition) -> Iterator[tuple[RefKind, str, tuple[str | int, ...]]]:
    """Every id a condition refers to, with its kind and its path inside the condition."""
    stack: list[tuple[Condition, tuple[str | int, ...]]] = [(condition, ())]
    while stack:
        node, path = stack.pop()
        match node:
            case Delivered(delivered=ident):
                yield "delivered", ident, (*path, "delivered")
            case Done(done=ident):
                yield "done", ident, (*path, "done")
            case Missed(missed=ident):
                yield "missed", ident, (*path, "missed")
            case Chose(chose=ident):
                yield "chose", ident, (*path, "chose")
            case All(all=children):
                stack.extend((child, (*path, "all", i)) for i, child in enumerate(children))
            case AnyOf(any=children):
                stack.extend((child, (*path, "any", i)) for i, child in enumerate(children))
            case Not(not_=child):
                stack.append((child, (*path, "not")))
