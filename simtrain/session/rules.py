"""What may be appended, and what a tick appends: the session's rules, as pure functions.

A write is load, decide, save (:class:`~simtrain.session.session.Session`): load what others
appended, decide with these functions on the state that gives, save the batch. Deciding needs only
the state and the scenario's index, never a store, so the rules are the same for a file, a
rehearsal's memory or any store added later, and tests can call them with a state alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from simtrain.session import events as ev
from simtrain.session.engine import Due, ScenarioIndex, due_time
from simtrain.session.state import State
from simtrain.session.store_protocol import SessionError


@dataclass(frozen=True, slots=True)
class Settled:
    """The event is in the log in effect already: the one at :attr:`seq` did what it asks, so it
    is not written again (two consoles that tick at once deliver once)."""

    seq: int


def check(state: State, index: ScenarioIndex, event: ev.Event) -> Settled | None:
    """None when ``event`` may be appended to the log that gave ``state``; :class:`Settled` when
    an earlier event already did it. Raises :class:`SessionError` for an event that names what
    the session does not have (a team, phase, expected action, option or inject) or an inject
    not addressed to the team."""
    match event:
        case ev.Created():
            raise SessionError("already_created")
        case ev.PhaseStarted(phase=phase) if phase not in index.phase_order:
            raise SessionError("unknown_phase", phase=phase)
        case ev.AdhocInject():
            _adhoc_rule(state, index, event)
        case ev.RatingGiven(team=team, expect=expect):
            _team(state, team)
            if expect not in index.expect and adhoc_expect(state, expect) is None:
                raise SessionError("unknown_expect", expect=expect)
        case ev.DecisionRecorded(team=team, option=option):
            _team(state, team)
            if option not in index.decision_of:
                raise SessionError("unknown_option", option=option)
        case ev.NoteAdded(team=str(team)) | ev.TeamReport(team=team):
            _team(state, team)
        case ev.InjectDelivered() | ev.InjectSkipped() | ev.InjectDelayed():
            return _inject_rule(state, index, event)
    return None


def adhoc_expect(state: State, expect: str) -> tuple[str, ev.AdhocExpect] | None:
    """The ad-hoc inject (its id) and expected action ``expect`` names, if one of them has it."""
    for adhoc, record in state.adhoc.items():
        for action in record.event.expect:
            if action.id == expect:
                return adhoc, action
    return None


def _adhoc_rule(state: State, index: ScenarioIndex, event: ev.AdhocInject) -> None:
    """An ad-hoc inject names only what the session has, reaches at least one team by the rule
    of a scenario inject (a role it is addressed to), and its expected actions have ids of their
    own and a role it is addressed to."""
    scenario = index.scenario
    roles = {r.id for r in scenario.roles}
    teams = list(state.teams) if event.teams == "all" else list(event.teams)
    for name in teams:
        _team(state, name)
    for role in () if event.to == "all" else event.to:
        if role not in roles:
            raise SessionError("adhoc_unknown_role", role=role)
    if event.character is not None and event.character not in {c.id for c in scenario.characters}:
        raise SessionError("adhoc_unknown_character", character=event.character)
    if not any(state.teams[name].team.covers(event.to) for name in teams):
        raise SessionError("adhoc_reaches_nobody")
    objectives = {o.id for o in scenario.objectives}
    seen: set[str] = set()
    for action in event.expect:
        if action.id in seen or action.id in index.expect or adhoc_expect(state, action.id):
            raise SessionError("adhoc_expect_taken", expect=action.id)
        seen.add(action.id)
        if action.by not in roles or not ev.covers((action.by,), event.to):
            raise SessionError("adhoc_expect_role", expect=action.id, role=action.by)
        if action.objective not in objectives:
            raise SessionError("adhoc_expect_objective", objective=action.objective)


def _team(state: State, team: str) -> None:
    if team not in state.teams:
        raise SessionError("unknown_team", team=team)


def _inject_rule(
    state: State,
    index: ScenarioIndex,
    event: ev.InjectDelivered | ev.InjectSkipped | ev.InjectDelayed,
) -> Settled | None:
    """An inject for a team: it must exist and be addressed to the team; a delivery or skip of
    one the team already has (or a skip of one already skipped) is settled by that event."""
    team = state.teams.get(event.team)
    if team is None:
        raise SessionError("unknown_team", team=event.team)
    k = index.position.get(event.inject)
    if k is None:
        raise SessionError("unknown_inject", inject=event.inject)
    if not team.team.covers(index.injects[k].to):
        raise SessionError("not_for_team", inject=event.inject, team=team.team.id)
    if isinstance(event, ev.InjectDelayed):
        return None
    done = team.delivered.get(event.inject)
    if done is not None:
        return Settled(done.seq)
    skip = team.skipped.get(event.inject)
    if isinstance(event, ev.InjectSkipped) and skip is not None:
        return Settled(skip.seq)
    return None


def due_events(due: Iterable[Due]) -> list[ev.Event]:
    """What a tick appends for what the engine says is due: a delivery for an inject a program
    delivers (an e-mail, a document, a media item), a guard skip for one whose ``when`` was false.
    An inject a person plays (``confirm``) stays due until the control cell confirms it."""
    events: list[ev.Event] = []
    for d in due:
        if d.action == "deliver":
            events.append(ev.InjectDelivered(team=d.team, inject=d.inject))
        elif d.action == "skip":
            events.append(ev.InjectSkipped(team=d.team, inject=d.inject, reason="guard"))
    return events


def ticks_anything(due: Iterable[Due]) -> bool:
    """Whether a tick would append anything for ``due``: answered in memory, before a tick
    takes the write lock, so a console whose clock runs with nothing due writes nothing."""
    return any(d.action != "confirm" for d in due)


def delayed_until(
    state: State, index: ScenarioIndex, team: str, inject: str, now: int, seconds: int
) -> int:
    """The exercise time a control cell's delay of ``seconds`` holds ``inject`` back to for
    ``team``: the time it would fall due (its schedule, or an earlier delay) plus the delay.

    A delay counts from the inject's own time, never from now: delaying a 1:30 inject by 30
    minutes at 0:52 means 2:00, not 1:22 (which would change nothing while the log said it did).
    An inject already due waits from now; one whose time is not known yet (its phase has not
    started, its condition has not happened) is held until at least now plus the delay.
    """
    ts = state.teams[team]
    k = index.position[inject]
    at = due_time(index, state, ts, k)
    return (now if at is None else max(at, now)) + seconds
