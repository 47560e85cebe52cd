"""Everything that happens in a run, as events: the session's only source of truth.

An event is frozen data that names things by id, never by text, so a run reads the same in any
interface language. The store keeps each one as a row with an envelope (sequence, event id, wall
time, exercise time, who) and the event itself as a JSON payload; :class:`Recorded` is that row in
memory. Nothing here touches a disk or a clock.

Who appends what (so the log explains every line afterwards):

* ``created``: whoever creates the session file (the console, ``simtrain rehearse``).
* clock and ``phase_started``: the facilitator, through the console.
* ``inject_delivered`` for an auto channel and ``inject_skipped`` with ``reason: guard``: whoever
  ticks (the console's clock, or the rehearsal runner), from what the engine says is due. For a
  channel a person plays, ``inject_delivered`` is appended when the control cell confirms it.
* ``inject_skipped`` (``reason: control``), ``inject_delayed``, ``adhoc_inject``: the control cell.
* ``rating_given``: an evaluator; ``decision_recorded``: the control cell or the team's terminal;
  ``note_added``: anyone; ``team_report``: a team's terminal; ``session_ended``: the facilitator.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, Field, TypeAdapter

from simtrain.frozen import FROZEN
from simtrain.scenario.ids import ID_PATTERN
from simtrain.scenario.model import Channel
from simtrain.session.hseep import Rating

Id = Annotated[str, Field(pattern=ID_PATTERN)]
"""The scenario's id grammar, checked by pydantic-core itself: events are written by code, and a
replay of 100,000 of them should not call a Python validator for every id."""


SkipReason = Literal["guard", "control"]
"""``guard``: the inject's ``when`` was false for the team when it fell due; ``control``: by
hand."""


class Team(BaseModel):
    """A trainee team: the roles it covers decide which injects reach it."""

    model_config = FROZEN
    id: Id
    name: str = Field(min_length=1)
    roles: tuple[Id, ...] = Field(min_length=1)

    def covers(self, to: tuple[str, ...] | Literal["all"]) -> bool:
        """Whether an inject addressed to ``to`` is for this team."""
        return covers(self.roles, to)


def covers(roles: Collection[str], to: tuple[str, ...] | Literal["all"]) -> bool:
    """Whether an inject addressed to ``to`` reaches a team covering ``roles``; the one rule,
    also for a team still being set up (which may have no role yet)."""
    return to == "all" or any(role in roles for role in to)


@dataclass(frozen=True, slots=True)
class Seat:
    """Who acts on a run: a team (optionally one of its roles), or a member of the control cell.

    The log's ``who`` is this value as text: ``team-1``, ``team-1/ngo``, ``control``,
    ``evaluator:Anna``. A team id is not told from a control-cell name by its spelling (a log
    from before seats were named says ``control`` or ``console``), so :meth:`parse` is given the
    session's team ids.
    """

    team: str | None = None
    role: str | None = None
    member: str | None = None
    """The control cell's seat (``control``, ``evaluator:Anna``) when ``team`` is None."""

    @classmethod
    def of_team(cls, team: str, role: str | None = None) -> Seat:
        return cls(team=team, role=role or None)

    @classmethod
    def of_control(cls, member: str = "control") -> Seat:
        return cls(member=member)

    @classmethod
    def parse(cls, who: str, teams: Collection[str]) -> Seat:
        head, _, role = who.partition("/")
        if head in teams:
            return cls(team=head, role=role or None)
        return cls(member=who)

    @property
    def is_team(self) -> bool:
        return self.team is not None

    def __str__(self) -> str:
        if self.team is None:
            return self.member or "control"
        return f"{self.team}/{self.role}" if self.role else self.team


class Created(BaseModel):
    """The first event: the scenario's full text travels with it, so a session outlives its file."""

    model_config = FROZEN
    type: Literal["created"] = "created"
    scenario_id: str
    content_hash: str
    scenario_text: str
    scenario_file: str | None = None
    """Where the scenario was loaded from, to notice later that it changed or vanished."""
    content_lang: str
    teams: tuple[Team, ...] = Field(min_length=1)
    actors_confirm: bool = False
    """Chosen at setup: an actor's seat (``simtrain cues``) may confirm the delivery of its own
    cues with its "played" key, as the console confirms one. Off unless chosen; older logs have
    none and fold as off."""


class ClockStarted(BaseModel):
    model_config = FROZEN
    type: Literal["clock_started"] = "clock_started"
    speed: float = Field(default=1.0, gt=0, le=3600)


class ClockPaused(BaseModel):
    model_config = FROZEN
    type: Literal["clock_paused"] = "clock_paused"


class ClockResumed(BaseModel):
    model_config = FROZEN
    type: Literal["clock_resumed"] = "clock_resumed"


class SpeedChanged(BaseModel):
    """Time compression: exercise seconds per wall second from now on."""

    model_config = FROZEN
    type: Literal["speed_changed"] = "speed_changed"
    speed: float = Field(gt=0, le=3600)


class PhaseStarted(BaseModel):
    """Time triggers of the phase count from here; the facilitator starts each phase by hand."""

    model_config = FROZEN
    type: Literal["phase_started"] = "phase_started"
    phase: Id


class InjectDelivered(BaseModel):
    """The inject reached the team; response times count from this event's exercise time."""

    model_config = FROZEN
    type: Literal["inject_delivered"] = "inject_delivered"
    team: Id
    inject: Id


class InjectSkipped(BaseModel):
    model_config = FROZEN
    type: Literal["inject_skipped"] = "inject_skipped"
    team: Id
    inject: Id
    reason: SkipReason = "control"
    note: str = ""
    """Why the control cell skipped it, in its own words (optional; older logs have none)."""


class InjectDelayed(BaseModel):
    """The control cell holds an inject back for a team until an exercise time (seconds)."""

    model_config = FROZEN
    type: Literal["inject_delayed"] = "inject_delayed"
    team: Id
    inject: Id
    until: int = Field(ge=0)


class AdhocExpect(BaseModel):
    """An expected action the control cell writes with an ad-hoc inject: rated with ``r`` and
    scored like a scenario's (it has no ``within``, so it is never late)."""

    model_config = FROZEN
    id: Id
    """Unique among the scenario's expected actions and every ad-hoc one of the session."""
    text: str = Field(min_length=1)
    by: Id
    """The role expected to act."""
    objective: Id
    points: int = Field(default=10, ge=0, le=1000, strict=True)


class AdhocInject(BaseModel):
    """An inject the control cell writes live; delivered at once to each of its teams that
    covers a role it is addressed to (``to``, the rule of a scenario inject).

    The sender is a scenario ``character`` (named in each reader's content language), else the
    free text ``from_``, else the control cell. Its expected actions, if any, are rated and scored
    like a scenario inject's. Every field after ``message`` was added later with a default, so a
    log written before still folds to what it said then.
    """

    model_config = FROZEN
    type: Literal["adhoc_inject"] = "adhoc_inject"
    adhoc: Id
    teams: tuple[Id, ...] | Literal["all"] = "all"
    channel: Channel = "document"
    title: str = Field(min_length=1)
    message: str = ""
    from_: str | None = None
    to: tuple[Id, ...] | Literal["all"] = "all"
    character: Id | None = None
    expect: tuple[AdhocExpect, ...] = ()


class RatingGiven(BaseModel):
    """An evaluator's HSEEP rating of one expected action for one team; the latest one counts."""

    model_config = FROZEN
    type: Literal["rating_given"] = "rating_given"
    team: Id
    expect: Id
    rating: Rating
    note: str = ""
    evaluator: str = ""
    acted_at: int | None = Field(default=None, ge=0)
    """When the team acted, if the evaluator says so; else the rating's own exercise time."""


class DecisionRecorded(BaseModel):
    """A team's answer to a decision; the first answer to each decision holds."""

    model_config = FROZEN
    type: Literal["decision_recorded"] = "decision_recorded"
    team: Id
    option: Id


class NoteAdded(BaseModel):
    model_config = FROZEN
    type: Literal["note_added"] = "note_added"
    text: str = Field(min_length=1)
    team: Id | None = None
    author: str = ""
    objective: Id | None = None
    """The learning objective the note is about, if tied to one (older logs have none)."""
    expect: Id | None = None
    """The expected action the note is about, if tied to one (older logs have none)."""


class TeamReport(BaseModel):
    """Free text a team sends: what it did, what it asks for."""

    model_config = FROZEN
    type: Literal["team_report"] = "team_report"
    team: Id
    text: str = Field(min_length=1)


class SessionEnded(BaseModel):
    model_config = FROZEN
    type: Literal["session_ended"] = "session_ended"


Event = Annotated[
    Created
    | ClockStarted
    | ClockPaused
    | ClockResumed
    | SpeedChanged
    | PhaseStarted
    | InjectDelivered
    | InjectSkipped
    | InjectDelayed
    | AdhocInject
    | RatingGiven
    | DecisionRecorded
    | NoteAdded
    | TeamReport
    | SessionEnded,
    Field(discriminator="type"),
]

EVENT_ADAPTER: TypeAdapter[Event] = TypeAdapter(Event)
EVENTS_ADAPTER: TypeAdapter[list[Event]] = TypeAdapter(list[Event])

EVENT_CLASSES: tuple[type[BaseModel], ...] = get_args(get_args(Event)[0])
"""The members of the :data:`Event` union, read from the union itself so no list can drift."""

EVENT_TYPES: tuple[str, ...] = tuple(c.model_fields["type"].default for c in EVENT_CLASSES)
"""Each event's ``type`` tag, in the union's order."""


def event_from_json(payload: str | bytes) -> Event:
    """An event from its stored JSON; raises pydantic's ValidationError when it is not one."""
    return EVENT_ADAPTER.validate_json(payload)


def events_from_json(payloads: list[str]) -> list[Event]:
    """Many events in one call (a replay): one JSON array is several times faster to validate
    than its items one by one. Raises ValidationError; the caller finds the culprit."""
    return EVENTS_ADAPTER.validate_json("[" + ",".join(payloads) + "]")


def event_to_json(event: Event) -> str:
    return event.model_dump_json()


@dataclass(frozen=True, slots=True)
class Recorded:
    """An event as the log holds it: its place (``seq``), identity, times and author."""

    seq: int
    id: str
    wall: float
    """Wall-clock seconds (Unix time, or a rehearsal's virtual clock) the appender passed in."""
    at: int
    """Exercise time in whole seconds when the event was appended, from the log's clock events."""
    who: str
    event: Event

    @property
    def type(self) -> str:
        return self.event.type
