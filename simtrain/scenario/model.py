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

    key = lang if isinstance(lang, str) else str(lang)
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
                    "description": "The same text in several languages, keyed by language code.",
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
    raise PydanticCustomError("duration", "not a duration", {"value": str(value)})


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
    id: Id = Field(description="Stable id, used by expected actions and in reports.")
    text: Text = Field(description="The objective as trainees and evaluators read it.")
    short: Text | None = Field(
        default=None,
        description=(
            "A label of a few words for where space is tight (the console's report screen,"
            " the evaluator's seat, chart labels, per-team tables); the full text is shown once."
        ),
    )


class Role(BaseModel):
    """A trainee role; a team covers one or more roles."""

    model_config = FROZEN
    id: Id = Field(description="Stable id, used in `to:` and `by:`.")
    name: Text = Field(description="The role's name, e.g. 'Criminal investigator'.")
    briefing: Text = Field(
        description="What a trainee in this role knows and is responsible for at the start."
    )


class Character(BaseModel):
    """A person in the story, played by an actor or by the control cell."""

    model_config = FROZEN
    id: Id = Field(description="Stable id, used in an inject's `from:`.")
    name: Text = Field(description="The character's name and function, as trainees meet them.")
    played_by: Literal["actor", "control"] = Field(
        default="control", description="Who plays the character: an actor or the control cell."
    )
    brief: Text = Field(
        description="For the actor or controller: who this is, what they know, how to play them."
    )


class Phase(BaseModel):
    """A stretch of exercise time, usually a day; injects' `at` counts from its start."""

    model_config = FROZEN
    id: Id = Field(description="Stable id, used by injects' `phase:`.")
    title: Text = Field(description="The phase's title, e.g. 'Day 1 - Arrival'.")
    duration: Duration = Field(description="How long the phase runs on the exercise clock.")
    summary: Text | None = Field(
        default=None, description="What this phase is for, as the control cell explains it."
    )


class ExpectedAction(BaseModel):
    """What a good response to an inject looks like; hidden from trainees, rated by evaluators."""

    model_config = FROZEN
    id: Id = Field(description="Stable id, unique in the scenario; conditions use it.")
    by: Id = Field(description="The role expected to act.")
    text: Text = Field(description="The action, as an evaluator checks it.")
    objective: Id = Field(description="The learning objective this action serves.")
    points: int = Field(default=10, ge=0, le=1000, strict=True, description="Points at stake.")
    within: Duration | None = Field(
        default=None,
        description="Time window after delivery; a later response counts as late.",
    )


class Option(BaseModel):
    """One answer to a decision; later injects can test it with `{chose: ID}`."""

    model_config = FROZEN
    id: Id = Field(description="Stable id, unique in the scenario; conditions use it.")
    text: Text = Field(description="The option as the team reads it.")


class Decision(BaseModel):
    """A choice put to the team with an inject; the answer sends the team down a branch."""

    model_config = FROZEN
    prompt: Text = Field(description="The question the team must answer.")
    options: tuple[Option, ...] = Field(
        min_length=2, description="The possible answers, at least two."
    )


class Inject(BaseModel):
    """An event the control cell feeds into play: a call, an e-mail, a document, a visit."""

    model_config = FROZEN
    id: Id = Field(description="Stable id, unique in the scenario.")
    phase: Id = Field(description="The phase the inject belongs to.")
    at: Duration | None = Field(
        default=None, description="Time trigger: offset from the phase start, e.g. '0:15'."
    )
    after: Condition | None = Field(
        default=None,
        description="Condition trigger: the inject falls due once this holds for a team.",
    )
    delay: Duration = Field(
        default=0, description="With `after`: how long after the condition first holds."
    )
    when: Condition | None = Field(
        default=None,
        description="Guard checked per team when the inject falls due; false skips it for "
        "that team.",
    )
    from_: Id | None = Field(
        default=None,
        alias="from",
        description="The character it comes from; omitted when it comes from the control cell.",
    )
    to: tuple[Id, ...] | Literal["all"] = Field(
        default="all", description="Role ids it is addressed to, or 'all'."
    )
    channel: Channel = Field(description="How it reaches the team.")
    delivery: Literal["auto", "confirm"] | None = Field(
        default=None,
        description="'auto' delivers when due; 'confirm' waits for the control cell. By default "
        "email, document and media are auto, the channels a person plays are confirm.",
    )
    title: Text = Field(description="A short subject line.")
    message: Text = Field(description="What the team receives.")
    control_note: Text | None = Field(
        default=None, description="For the control cell only: how to play it, what to watch."
    )
    attachments: tuple[str, ...] = Field(
        default=(), description="Documents inside the scenario folder, e.g. 'docs/manifest.md'."
    )
    expect: tuple[ExpectedAction, ...] = Field(
        default=(), description="What a good response looks like; hidden from trainees."
    )
    decision: Decision | None = Field(
        default=None, description="A choice the team makes; later injects can test it."
    )

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
    simtrain: Literal[1] = Field(description="Format version; this simtrain reads version 1.")
    id: Id = Field(description="The scenario's id; by convention its folder's name.")
    language: Lang = Field(description="The language the author writes the texts in.")
    translations: tuple[Lang, ...] = Field(
        default=(), description="Other languages the scenario promises, checked by `simtrain i18n`."
    )
    title: Text = Field(description="The scenario's title.")
    summary: Text | None = Field(default=None, description="One paragraph: what the case is.")
    setting: Text | None = Field(
        default=None,
        description="The fictional country, places and institutions, as every trainee reads it.",
    )
    objectives: tuple[Objective, ...] = Field(
        default=(), description="Learning objectives the exercise trains and the report scores."
    )
    roles: tuple[Role, ...] = Field(min_length=1, description="The trainee roles.")
    characters: tuple[Character, ...] = Field(
        default=(), description="People of the story, played by actors or the control cell."
    )
    phases: tuple[Phase, ...] = Field(min_length=1, description="Phases in order, e.g. one a day.")
    injects: tuple[Inject, ...] = Field(
        default=(), description="Everything the control cell feeds into play."
    )
