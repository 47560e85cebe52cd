"""The scenario, format version 1: immutable data, validated once, shared by every part.

Texts are written in the scenario's own ``language``; translations come from ``l10n/<lang>.yaml``
or, for a small scenario, inline as ``{en: ..., ru: ..., it: ...}`` (see :mod:`catalog`). State and
events refer to things by id, never by text, so a language can change mid-exercise.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from simtrain.frozen import FROZEN
from simtrain.scenario.conditions import Condition
from simtrain.scenario.durations import PATTERN as DURATION_PATTERN
from simtrain.scenario.durations import parse_duration
from simtrain.scenario.ids import LANG_PATTERN, Id, Lang, is_lang

FORMAT_VERSION = 1

Channel = Literal["phone", "email", "document", "meeting", "media", "actor", "radio"]
CHANNELS: tuple[str, ...] = ("phone", "email", "document", "meeting", "media", "actor", "radio")

AUTO_CHANNELS = frozenset({"email", "document", "media"})
"""Channels a program can deliver by itself; the others are played by a person, who confirms."""


def _validate_text(value: Any) -> str | dict[str, str]:
    if isinstance(value, str):
        if not value.strip():
            raise PydanticCustomError("empty_text", "text is empty")
        return value
    if isinstance(value, dict) and value:
        for lang, text in value.items():
            if not is_lang(lang):
                raise _bad_inline_lang(lang)
            if not isinstance(text, str) or not text.strip():
                raise PydanticCustomError("empty_text", "text is empty")
        return dict(value)
    raise PydanticCustomError("text_type", "expected a text")


def _bad_inline_lang(lang: object) -> PydanticCustomError:
    """An inline text keyed by what is no language code (``IT``, ``ИТ``, ``it-IT``): the catalog
    would never find it under ``it``, so it is an error placed at the key, naming the code the
    catalog reads the tag as (``it``) when there is one."""
    from simtrain.scenario.catalog import language_code  # the catalog imports this module
    from simtrain.scenario.problems import as_written  # a key 1 or true, as the file spells it

    key = lang if isinstance(lang, str) else as_written(lang)
    shown = key if len(key) <= 40 else key[:37] + "..."
    ctx = {"value": shown, "key": key, "suggestion": language_code(key) or ""}
    return PydanticCustomError("bad_lang", "not a language code", ctx)


Text = Annotated[
    str | dict[str, str],
    PlainValidator(_validate_text),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {
                    "type": "object",
                    "propertyNames": {"pattern": LANG_PATTERN},
                    "additionalProperties": {"type": "string", "minLength": 1},
                    "minProperties": 1,
                },
            ]
        }
    ),
]
"""A text in the scenario's language, or the same text inline in several languages."""


def _validate_duration(value: Any) -> int:
    if isinstance(value, str):
        seconds = parse_duration(value)
        if seconds is not None:
            return seconds
    raise PydanticCustomError("duration", "not a duration", {"value": value})


Duration = Annotated[
    int,
    PlainValidator(_validate_duration),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": DURATION_PATTERN,
            "examples": ["45m", "1h30m", "0:15", "8h"],
        }
    ),
]
"""Seconds, written as ``45m``, ``1h30m``, ``90s``, ``0:15`` (h:mm) or ``1:30:00``."""


class Objective(BaseModel):
    """A learning objective: what the exercise trains and the report scores."""

    model_config = FROZEN
    id: Id
    text: Text
    short: Text | None = None


class Role(BaseModel):
    """A trainee role; a team covers one or more roles."""

    model_config = FROZEN
    id: Id
    name: Text
    briefing: Text


class Character(BaseModel):
    """A person in the story, played by an actor or by the control cell."""

    model_config = FROZEN
    id: Id
    name: Text
    played_by: Literal["actor", "control"] = "control"
    brief: Text


class Phase(BaseModel):
    """A stretch of exercise time, usually a day; injects' `at` counts from its start."""

    model_config = FROZEN
    id: Id
    title: Text
    duration: Duration
    summary: Text | None = None


class ExpectedAction(BaseModel):
    """What a good response to an inject looks like; hidden from trainees, rated by evaluators."""

    model_config = FROZEN
    id: Id
    by: Id
    text: Text
    objective: Id
    points: int = Field(default=10, ge=0, le=1000, strict=True)
    within: Duration | None = None


class Option(BaseModel):
    """One answer to a decision; later injects can test it with `{chose: ID}`."""

    model_config = FROZEN
    id: Id
    text: Text


class Decision(BaseModel):
    """A choice put to the team with an inject; the answer sends the team down a branch."""

    model_config = FROZEN
    prompt: Text
    options: tuple[Option, ...] = Field(min_length=2)


class Inject(BaseModel):
    """An event the control cell feeds into play: a call, an e-mail, a document, a visit."""

    model_config = FROZEN
    id: Id
    phase: Id
    at: Duration | None = None
    after: Condition | None = None
    delay: Duration = 0
    when: Condition | None = None
    from_: Id | None = Field(default=None, alias="from")
    to: tuple[Id, ...] | Literal["all"] = "all"
    channel: Channel
    delivery: Literal["auto", "confirm"] | None = None
    title: Text
    message: Text
    control_note: Text | None = None
    attachments: tuple[str, ...] = ()
    expect: tuple[ExpectedAction, ...] = ()
    decision: Decision | None = None

    @model_validator(mode="after")
    def _one_trigger(self) -> Inject:
        if (self.at is None) == (self.after is None):
            raise PydanticCustomError("trigger", "exactly one of at and after")
        if self.at is not None and self.delay:
            raise PydanticCustomError("delay_without_after", "delay goes with after")
        return self

    @property
    def confirmed_by_control(self) -> bool:
        """Whether delivery waits for a person in the control cell to say it happened."""
        if self.delivery is not None:
            return self.delivery == "confirm"
        return self.channel not in AUTO_CHANNELS


class Scenario(BaseModel):
    """A whole exercise case: who plays, what happens when, and what good work looks like."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        populate_by_name=True,
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )
    simtrain: Literal[1]
    id: Id
    language: Lang
    translations: tuple[Lang, ...] = ()
    title: Text
    summary: Text | None = None
    setting: Text | None = None
    objectives: tuple[Objective, ...] = ()
    roles: tuple[Role, ...] = Field(min_length=1)
    characters: tuple[Character, ...] = ()
    phases: tuple[Phase, ...] = Field(min_length=1)
    injects: tuple[Inject, ...] = ()
