"""A team's path through the scenario, as the report tells it: delays, and where branches parted.

Kept apart from :mod:`simtrain.report.aar_build`, which joins them in. A delay is an entry of the
team's timeline ("delayed until 2:00"): the fold keeps only where a delay put the inject, so the
delays are read from the log, each as it was made. The branch is where the team's path first
differed from another team's: a different option chosen, an inject skipped for one team (its
condition false, or by the control cell) that the other received, or an inject only one of them
received (a fallback after a missed action, a condition that held for one team only).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from simtrain.report.aar_model import Branch, DecisionTaken, PartedCause, TimelineEntry
from simtrain.sanitize import visible
from simtrain.scenario.catalog import Resolved
from simtrain.scenario.conditions import references
from simtrain.scenario.model import Inject
from simtrain.session import events as ev
from simtrain.session.session import Session
from simtrain.session.state import TeamState

Texts = Callable[[str], Resolved]


def delay_entries(session: Session, ts: TeamState, texts: Texts) -> list[TimelineEntry]:
    """Each delay the control cell made for the team, before the inject was delivered or
    skipped (a later one changed nothing, as the fold says), with where it put the inject."""
    team = ts.team.id
    out = []
    for r in session.log:
        e = r.event
        if not isinstance(e, ev.InjectDelayed) or e.team != team:
            continue
        done = ts.delivered.get(e.inject) or ts.skipped.get(e.inject)
        if done is not None and done.seq < r.seq:
            continue
        label = texts(f"injects.{e.inject}.title")
        who = visible(r.who, multiline=False)
        out.append(TimelineEntry(r.at, r.seq, "delayed", e.inject, label, until=e.until, who=who))
    return out


@dataclass(frozen=True, slots=True)
class _Parting:
    at: int
    seq: int
    inject: str
    cause: PartedCause
    peer: str


def branch(session: Session, ts: TeamState, decisions: list[DecisionTaken]) -> Branch:
    """Where the team's path first differed from another team's, and why; what it saw that the
    others it shares injects with did not, and the other way round."""
    only_here: list[str] = []
    not_here: list[str] = []
    others = [o for o in session.state.teams.values() if o.team.id != ts.team.id]
    partings: list[_Parting] = []
    for inject in session.index.injects:
        if not ts.team.covers(inject.to):
            continue
        peers = [o for o in others if o.team.covers(inject.to)]
        if not peers:
            continue
        here = inject.id in ts.delivered
        there = any(inject.id in o.delivered for o in peers)
        if here and not there:
            only_here.append(inject.id)
        elif there and not here:
            not_here.append(inject.id)
        partings += [p for peer in peers if (p := _parting(inject, ts, peer)) is not None]
    for d in decisions:
        for peer, option in d.others.items():
            if option is not None and option != d.option:
                choice = ts.chosen.get(d.option)
                seq = choice.seq if choice is not None else 0
                partings.append(_Parting(d.at, seq, d.inject, "decision", peer))
    first = min(partings, key=lambda p: (p.at, p.seq), default=None)
    if first is None:
        return Branch(None, None, only_here, not_here)
    return Branch(first.at, first.inject, only_here, not_here, first.cause, first.peer)


def _parting(inject: Inject, ts: TeamState, peer: TeamState) -> _Parting | None:
    """Where ``inject`` parts the team from ``peer``: one received it and the other did not
    (skipped it, or it never fell due for it: a fallback or a condition of its own)."""
    mine, theirs = ts.delivered.get(inject.id), peer.delivered.get(inject.id)
    if (mine is None) == (theirs is None):
        return None
    fallback = _is_fallback(inject)
    if mine is not None:
        skipped = peer.skipped.get(inject.id)
        if skipped is not None:
            first = min((mine.at, mine.seq), (skipped.at, skipped.seq))
            return _Parting(*first, inject.id, "peer_skipped", peer.team.id)
        if inject.at is not None:
            return None  # on the clock for both: the other team's is still to be delivered
        cause: PartedCause = "fallback_here" if fallback else "only_here"
        return _Parting(mine.at, mine.seq, inject.id, cause, peer.team.id)
    assert theirs is not None
    skip = ts.skipped.get(inject.id)
    if skip is not None:
        first = min((theirs.at, theirs.seq), (skip.at, skip.seq))
        cause = "guard" if skip.reason == "guard" else "skipped"
        return _Parting(*first, inject.id, cause, peer.team.id)
    if inject.at is not None:
        return None
    cause = "fallback_there" if fallback else "not_here"
    return _Parting(theirs.at, theirs.seq, inject.id, cause, peer.team.id)


def _is_fallback(inject: Inject) -> bool:
    """Whether the inject falls due when an expected action is missed."""
    return inject.after is not None and any(
        kind == "missed" for kind, _, _ in references(inject.after)
    )
