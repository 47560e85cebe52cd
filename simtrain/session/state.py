"""The state of a run: a pure, deterministic fold of its event log.

``fold(events, state)`` returns a new frozen :class:`State`; the same log always gives the same
state, so a resumed run, a report written next week and a replay "as of 14:05" agree. Inside one
fold a mutable draft does the work (copying each team's containers once per fold, not once per
event), which keeps replaying 100,000 events linear; what comes out is read-only.

The fold is forgiving where the log could hold the same fact twice: a second delivery of an inject
to a team (two consoles ticking at once) changes nothing, and a team's first answer to a decision
holds. Events naming a team the session does not have are ignored rather than raised, because a
fold must never fail on a log that is already written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, TypeVar

from simtrain.sanitize import visible, visible_all
from simtrain.scenario.model import Scenario
from simtrain.session import events as ev
from simtrain.session.clock import ClockState


def _frozen(mapping: dict[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(mapping)


_EMPTY: Mapping[str, Any] = MappingProxyType({})


def _empty() -> Mapping[str, Any]:
    return _EMPTY


@dataclass(frozen=True, slots=True)
class Delivery:
    inject: str
    at: int
    seq: int
    who: str


@dataclass(frozen=True, slots=True)
class Skip:
    inject: str
    at: int
    seq: int
    reason: str
    who: str
    note: str = ""
    """The control cell's reason in its own words, made visible (empty when none was given)."""


@dataclass(frozen=True, slots=True)
class RatingRecord:
    expect: str
    rating: str
    at: int
    seq: int
    note: str
    evaluator: str
    acted_at: int | None

    @property
    def response_at(self) -> int:
        """When the team acted: the evaluator's word if given, else when the rating was made."""
        return self.acted_at if self.acted_at is not None else self.at


@dataclass(frozen=True, slots=True)
class Choice:
    option: str
    at: int
    seq: int


@dataclass(frozen=True, slots=True)
class LoggedText:
    """A note or a team report, with its time and author."""

    text: str
    at: int
    seq: int
    who: str
    team: str | None = None
    objective: str | None = None
    """A note tied to a learning objective (an evaluator's observation); None otherwise."""
    expect: str | None = None
    """A note tied to an expected action (an evaluator's observation); None otherwise."""


@dataclass(frozen=True, slots=True)
class AdhocRecord:
    """An ad-hoc inject as written, with where it stands in the log: its readers (inbox, timeline,
    report) place it by ``at`` and ``seq`` like any delivery, without going back to the log."""

    event: ev.AdhocInject
    at: int
    seq: int


@dataclass(frozen=True, slots=True)
class TeamState:
    """What one team has received, answered and been rated on; ids only, never texts."""

    team: ev.Team
    delivered: Mapping[str, Delivery] = field(default_factory=_empty)
    skipped: Mapping[str, Skip] = field(default_factory=_empty)
    delayed: Mapping[str, int] = field(default_factory=_empty)
    ratings: Mapping[str, tuple[RatingRecord, ...]] = field(default_factory=_empty)
    """Every rating of each expected action in log order; the last one counts."""
    chosen: Mapping[str, Choice] = field(default_factory=_empty)
    """Options chosen, keyed by option id."""
    adhoc: tuple[str, ...] = ()
    reports: tuple[LoggedText, ...] = ()
    ignored: tuple[Choice, ...] = ()
    """Answers to a decision already answered (two seats at once): shown late, never counted."""

    def rating(self, expect: str) -> RatingRecord | None:
        history = self.ratings.get(expect)
        return history[-1] if history else None


@dataclass(frozen=True, slots=True)
class State:
    """The whole run as the log says it is after event ``seq``."""

    seq: int = 0
    created: ev.Created | None = None
    clock: ClockState = field(default_factory=ClockState)
    phases: Mapping[str, int] = field(default_factory=_empty)
    """Phases started, with the exercise time each started at, in the order they started."""
    teams: Mapping[str, TeamState] = field(default_factory=_empty)
    adhoc: Mapping[str, AdhocRecord] = field(default_factory=_empty)
    """Ad-hoc injects by id, in the order they were written."""
    notes: tuple[LoggedText, ...] = ()
    ended_at: int | None = None
    last_at: int = 0
    """Exercise time of the latest event: no event is stamped earlier than this."""

    @property
    def current_phase(self) -> str | None:
        return list(self.phases)[-1] if self.phases else None

    def now(self, wall: float) -> int:
        """Exercise time at ``wall``, never earlier than an event already in the log."""
        return max(self.clock.now(wall), self.last_at)


EMPTY = State()


# --- the fold ------------------------------------------------------------------------------------


class _TeamDraft:
    """A team's containers, copied once per fold and frozen again at its end."""

    __slots__ = (
        "adhoc",
        "chosen",
        "decided",
        "delayed",
        "delivered",
        "ignored",
        "ratings",
        "reports",
        "skipped",
        "team",
    )

    def __init__(self, ts: TeamState, decided: set[str]) -> None:
        self.team = ts.team
        self.delivered = dict(ts.delivered)
        self.skipped = dict(ts.skipped)
        self.delayed = dict(ts.delayed)
        self.ratings = dict(ts.ratings)
        self.chosen = dict(ts.chosen)
        self.adhoc = list(ts.adhoc)
        self.reports = list(ts.reports)
        self.ignored = list(ts.ignored)
        self.decided = decided

    def freeze(self) -> TeamState:
        return TeamState(
            self.team,
            _frozen(self.delivered),
            _frozen(self.skipped),
            _frozen(self.delayed),
            _frozen(self.ratings),
            _frozen(self.chosen),
            tuple(self.adhoc),
            tuple(self.reports),
            tuple(self.ignored),
        )


class _Draft:
    def __init__(self, state: State, decision_of: Mapping[str, str]) -> None:
        self.state = state
        self.seq = state.seq
        self.created = state.created
        self.clock = state.clock
        self.phases: dict[str, int] | None = None
        self.teams: dict[str, TeamState] = dict(state.teams)
        self.team_drafts: dict[str, _TeamDraft] = {}
        self.adhoc: dict[str, AdhocRecord] | None = None
        self.notes: list[LoggedText] | None = None
        self.ended_at = state.ended_at
        self.last_at = state.last_at
        self.decision_of = decision_of

    def team(self, team_id: str) -> _TeamDraft | None:
        draft = self.team_drafts.get(team_id)
        if draft is None:
            ts = self.teams.get(team_id)
            if ts is None:
                return None
            decided = {self.decision_of.get(o, o) for o in ts.chosen}
            draft = self.team_drafts[team_id] = _TeamDraft(ts, decided)
        return draft

    def finish(self) -> State:
        for team_id, draft in self.team_drafts.items():
            self.teams[team_id] = draft.freeze()
        s = self.state
        return State(
            seq=self.seq,
            created=self.created,
            clock=self.clock,
            phases=s.phases if self.phases is None else _frozen(self.phases),
            teams=_frozen(self.teams)
            if self.team_drafts or self.created is not s.created
            else s.teams,
            adhoc=s.adhoc if self.adhoc is None else _frozen(self.adhoc),
            notes=s.notes if self.notes is None else tuple(self.notes),
            ended_at=self.ended_at,
            last_at=self.last_at,
        )


# --- the appliers: one per event class, each typed on its event ----------------------------------

_E = TypeVar("_E", bound=ev.Event)
_Applier = Callable[["_Draft", ev.Recorded, _E], None]

_APPLY: dict[type[Any], _Applier[Any]] = {}
"""Event class -> its applier. Registered through :func:`_applies`, which makes mypy check that
each applier takes the class it is filed under, so the lookup by ``type(event)`` in :func:`fold`
hands every applier the event it was written for. A dict keyed by class rather than a ``match``
over classes or ``functools.singledispatch``: isinstance on a pydantic model costs about 70 ns per
failed case and singledispatch about 300 ns a call, where this lookup costs one hash, and a replay
of 100,000 events goes through it 100,000 times."""


def _applies(kind: type[_E]) -> Callable[[_Applier[_E]], _Applier[_E]]:
    def register(applier: _Applier[_E]) -> _Applier[_E]:
        _APPLY[kind] = applier
        return applier

    return register


@_applies(ev.Created)
def _created(d: _Draft, r: ev.Recorded, e: ev.Created) -> None:
    if d.created is not None:
        return  # a session has one scenario; a second "created" is ignored
    teams = tuple(_shown_team(team) for team in e.teams)
    d.created = e if teams == e.teams else e.model_copy(update={"teams": teams})
    for team in teams:
        d.teams[team.id] = TeamState(team)


def _line(text: str) -> str:
    """A name or a seat as shown: one line, no terminal control (:mod:`simtrain.sanitize`).

    The fold is where logged words enter every view (console, team terminals, reports), so they
    are made visible here, once; the log itself keeps what was written."""
    return visible(text, multiline=False)


def _shown_team(team: ev.Team) -> ev.Team:
    name = _line(team.name)
    return team if name is team.name else team.model_copy(update={"name": name})


def _shown_adhoc(e: ev.AdhocInject) -> ev.AdhocInject:
    """Every text an ad-hoc inject carries (title, message, sender, whatever it expects) made
    visible; the same event when there was nothing to change (the usual case)."""
    data = e.model_dump()
    shown = visible_all(data)
    return e if shown == data else ev.AdhocInject.model_validate(shown)


@_applies(ev.ClockStarted)
def _clock_started(d: _Draft, r: ev.Recorded, e: ev.ClockStarted) -> None:
    d.clock = d.clock.start(r.wall, e.speed)


@_applies(ev.ClockPaused)
def _clock_paused(d: _Draft, r: ev.Recorded, e: ev.ClockPaused) -> None:
    d.clock = d.clock.pause(r.wall)


@_applies(ev.ClockResumed)
def _clock_resumed(d: _Draft, r: ev.Recorded, e: ev.ClockResumed) -> None:
    d.clock = d.clock.resume(r.wall)


@_applies(ev.SpeedChanged)
def _speed_changed(d: _Draft, r: ev.Recorded, e: ev.SpeedChanged) -> None:
    d.clock = d.clock.with_speed(r.wall, e.speed)


@_applies(ev.PhaseStarted)
def _phase_started(d: _Draft, r: ev.Recorded, e: ev.PhaseStarted) -> None:
    if d.phases is None:
        d.phases = dict(d.state.phases)
    d.phases.setdefault(e.phase, r.at)  # a phase starts once; restarting it would rewrite history


@_applies(ev.InjectDelivered)
def _delivered(d: _Draft, r: ev.Recorded, e: ev.InjectDelivered) -> None:
    t = d.team(e.team)
    if t is None or e.inject in t.delivered:
        return
    t.delivered[e.inject] = Delivery(e.inject, r.at, r.seq, _line(r.who))
    # delivering a skipped inject is the control cell's change of mind
    t.skipped.pop(e.inject, None)


@_applies(ev.InjectSkipped)
def _skipped(d: _Draft, r: ev.Recorded, e: ev.InjectSkipped) -> None:
    t = d.team(e.team)
    if t is None or e.inject in t.delivered or e.inject in t.skipped:
        return
    t.skipped[e.inject] = Skip(e.inject, r.at, r.seq, e.reason, _line(r.who), visible(e.note))


@_applies(ev.InjectDelayed)
def _delayed(d: _Draft, r: ev.Recorded, e: ev.InjectDelayed) -> None:
    t = d.team(e.team)
    if t is None or e.inject in t.delivered or e.inject in t.skipped:
        return
    t.delayed[e.inject] = e.until


@_applies(ev.AdhocInject)
def _adhoc(d: _Draft, r: ev.Recorded, e: ev.AdhocInject) -> None:
    if d.adhoc is None:
        d.adhoc = dict(d.state.adhoc)
    if e.adhoc in d.adhoc:
        return
    d.adhoc[e.adhoc] = AdhocRecord(_shown_adhoc(e), r.at, r.seq)
    for team_id in list(d.teams) if e.teams == "all" else e.teams:
        t = d.team(team_id)
        if t is not None and ev.covers(t.team.roles, e.to):
            t.adhoc.append(e.adhoc)


@_applies(ev.RatingGiven)
def _rating(d: _Draft, r: ev.Recorded, e: ev.RatingGiven) -> None:
    t = d.team(e.team)
    if t is None:
        return
    note, evaluator = visible(e.note), _line(e.evaluator)
    record = RatingRecord(e.expect, e.rating, r.at, r.seq, note, evaluator, e.acted_at)
    t.ratings[e.expect] = (*t.ratings.get(e.expect, ()), record)


@_applies(ev.DecisionRecorded)
def _decision(d: _Draft, r: ev.Recorded, e: ev.DecisionRecorded) -> None:
    t = d.team(e.team)
    if t is None:
        return
    decision = d.decision_of.get(e.option, e.option)
    if e.option in t.chosen or decision in t.decided:
        t.ignored.append(Choice(e.option, r.at, r.seq))  # answered already: the first holds
        return
    t.decided.add(decision)
    t.chosen[e.option] = Choice(e.option, r.at, r.seq)


@_applies(ev.NoteAdded)
def _note(d: _Draft, r: ev.Recorded, e: ev.NoteAdded) -> None:
    if d.notes is None:
        d.notes = list(d.state.notes)
    who = _line(e.author or r.who)
    d.notes.append(LoggedText(visible(e.text), r.at, r.seq, who, e.team, e.objective, e.expect))


@_applies(ev.TeamReport)
def _report(d: _Draft, r: ev.Recorded, e: ev.TeamReport) -> None:
    t = d.team(e.team)
    if t is not None:
        t.reports.append(LoggedText(visible(e.text), r.at, r.seq, _line(r.who), e.team))


@_applies(ev.SessionEnded)
def _ended(d: _Draft, r: ev.Recorded, e: ev.SessionEnded) -> None:
    if d.ended_at is None:
        d.ended_at = r.at
    d.clock = d.clock.pause(r.wall)


assert set(_APPLY) == set(ev.EVENT_CLASSES), "every event class needs exactly one applier"


def fold(
    events: Iterable[ev.Recorded],
    state: State = EMPTY,
    decision_of: Mapping[str, str] | None = None,
) -> State:
    """The state after ``events``, starting from ``state``; pure and deterministic.

    ``decision_of`` maps each option id to its decision (the inject that asks it), so a team's
    second answer to the same decision is ignored; :func:`decisions_of` builds it from the
    scenario. Without it each option counts as its own decision.
    """
    draft = _Draft(state, decision_of or _EMPTY)
    for recorded in events:
        if recorded.seq <= draft.seq:
            continue  # already folded: replaying an overlap is harmless
        event = recorded.event
        _APPLY[type(event)](draft, recorded, event)
        draft.seq = recorded.seq
        draft.last_at = max(draft.last_at, recorded.at)
    if draft.seq == state.seq:
        return state  # nothing new: the same object, so caches keyed on it stay valid
    return draft.finish()


def decisions_of(scenario: Scenario) -> Mapping[str, str]:
    """Option id -> id of the inject whose decision offers it."""
    return MappingProxyType(
        {
            option.id: inject.id
            for inject in scenario.injects
            if inject.decision is not None
            for option in inject.decision.options
        }
    )


def with_clock(state: State, clock: ClockState) -> State:
    """A copy of ``state`` with another clock (for tests and what-if views)."""
    return replace(state, clock=clock)
