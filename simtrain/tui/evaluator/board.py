"""What an evaluator's board shows, built from a run for a set of teams: pure functions.

Each function reads the session's state through a :class:`RunView` and returns frozen views
(:mod:`simtrain.tui.evaluator.views`) for the teams it is given and no other: the inject cards
with their expected actions and ratings, the reports and decisions the teams sent, what falls
due next for them (the engine's own rule, :func:`~simtrain.session.engine.due_time`) and the
observations in the log. :class:`~simtrain.tui.evaluator.seat.EvaluatorSeat` decides the teams.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from simtrain.live.acted_at import Clock, session_clock
from simtrain.live.run_view import RunView
from simtrain.live.score_text import disagreement, disagreement_text, evaluator_name
from simtrain.scenario.catalog import Resolved
from simtrain.session import events as ev
from simtrain.session.engine import action_for, due_time
from simtrain.session.state import AdhocRecord, LoggedText, RatingRecord, TeamState
from simtrain.tui.evaluator.views import (
    ActionView,
    ArrivalView,
    GivenRating,
    InjectCard,
    NoteView,
    UpcomingView,
)


def exercise_clock(run: RunView) -> Clock:
    """Now and the days' starts, as :mod:`simtrain.live.acted_at` reads and prints times."""
    session = run.session
    return session_clock(run.now(), session.index.phase_order, session.state.phases)


def _given(run: RunView, history: Sequence[RatingRecord]) -> tuple[GivenRating, ...]:
    t = run.t
    return tuple(
        GivenRating(r.rating, evaluator_name(r.evaluator, t), r.at, r.response_at, r.note, r.seq)
        for r in history
    )


def _differ(run: RunView, history: Sequence[RatingRecord], clock: Clock) -> str:
    records = disagreement(history)
    if not records:
        return ""
    return run.t("scores.disagree", ratings=disagreement_text(records, clock.text, run.t))


def _action(
    run: RunView,
    ts: TeamState,
    clock: Clock,
    fields: tuple[str, Resolved, str, str, int, int | None],
    delivered_at: int,
) -> ActionView:
    expect, text, by, objective, points, within = fields
    history = ts.ratings.get(expect, ())
    return ActionView(
        team=ts.team.id,
        expect=expect,
        text=text,
        role=run.role_name(by),
        objective=objective,
        objective_text=run.text(f"objectives.{objective}.text"),
        objective_label=run.objective_label(objective),
        points=points,
        within=within,
        delivered_at=delivered_at,
        ratings=_given(run, history),
        disagreement=_differ(run, history, clock),
    )


def cards(run: RunView, teams: Sequence[str]) -> tuple[InjectCard, ...]:
    """Every inject delivered to ``teams`` (scenario and ad-hoc), newest first, each with its
    expected actions for that team."""
    state = run.session.state
    clock = exercise_clock(run)
    found: list[InjectCard] = []
    for team in teams:
        ts = state.teams[team]
        for inject_id, delivery in ts.delivered.items():
            card = _scenario_card(run, ts, clock, inject_id, delivery.seq, delivery.at)
            if card is not None:
                found.append(card)
        for adhoc_id in ts.adhoc:
            record = state.adhoc.get(adhoc_id)
            if record is not None:
                found.append(_adhoc_card(run, ts, clock, record))
    found.sort(key=lambda card: card.seq, reverse=True)
    return tuple(found)


def _scenario_card(
    run: RunView, ts: TeamState, clock: Clock, inject_id: str, seq: int, at: int
) -> InjectCard | None:
    index = run.session.index
    k = index.position.get(inject_id)
    if k is None:
        return None
    inject = index.injects[k]
    base = f"injects.{inject.id}"
    actions = tuple(
        _action(
            run,
            ts,
            clock,
            (a.id, run.text(f"{base}.expect.{a.id}.text"), a.by, a.objective, a.points, a.within),
            at,
        )
        for a in inject.expect
    )
    team = ts.team
    return InjectCard(
        f"{team.id}/i:{inject.id}",
        team.id,
        team.name,
        inject.id,
        seq,
        at,
        inject.channel,
        run.text(f"{base}.title"),
        actions,
    )


def _adhoc_card(run: RunView, ts: TeamState, clock: Clock, record: AdhocRecord) -> InjectCard:
    """An ad-hoc inject: typed during the run, so in one language; its actions have no window."""
    event, lang = record.event, run.content_lang
    actions = tuple(
        _action(
            run,
            ts,
            clock,
            (a.id, Resolved(a.text, lang, False), a.by, a.objective, a.points, None),
            record.at,
        )
        for a in event.expect
    )
    team = ts.team
    return InjectCard(
        f"{team.id}/a:{event.adhoc}",
        team.id,
        team.name,
        event.adhoc,
        record.seq,
        record.at,
        event.channel,
        Resolved(event.title, lang, False),
        actions,
    )


def arrivals(run: RunView, teams: Sequence[str]) -> tuple[ArrivalView, ...]:
    """The teams' reports and decisions, newest first, each with the seat that sent it."""
    session = run.session
    state, index = session.state, session.index
    lang = run.content_lang
    found: list[ArrivalView] = []
    for team in teams:
        ts = state.teams[team]
        name = ts.team.name
        for report in ts.reports:
            found.append(
                ArrivalView(
                    f"{team}/r:{report.seq}",
                    "report",
                    team,
                    name,
                    report.at,
                    report.seq,
                    run.seat_label(report.who),
                    Resolved(report.text, lang, False),
                )
            )
        for option, choice in ts.chosen.items():
            inject = index.decision_of.get(option, option)
            base = f"injects.{inject}.decision"
            recorded = session.find(choice.seq)
            by = run.seat_label(recorded.who) if recorded is not None else name
            found.append(
                ArrivalView(
                    f"{team}/d:{choice.seq}",
                    "decision",
                    team,
                    name,
                    choice.at,
                    choice.seq,
                    by,
                    run.text(f"{base}.options.{option}.text"),
                    run.text(f"{base}.prompt"),
                )
            )
    found.sort(key=lambda item: item.seq, reverse=True)
    return tuple(found)


Planned = tuple[int, str, str, int, bool]
"""(at, team, inject id, position in the scenario, guard false): one entry of the plan."""


def plan(run: RunView, teams: Sequence[str]) -> tuple[Planned, ...]:
    """What falls due for ``teams`` by the log as it stands, soonest first: the engine's own
    rule per team and inject (a started phase's timed injects, conditions that held, delays)."""
    session = run.session
    state, index = session.state, session.index
    if state.ended_at is not None:
        return ()
    found: list[Planned] = []
    for team in teams:
        ts = state.teams[team]
        for k, inject in enumerate(index.injects):
            if not ts.team.covers(inject.to):
                continue
            at = due_time(index, state, ts, k)
            if at is not None:
                found.append((at, team, inject.id, k, action_for(index, ts, k, at) == "skip"))
    found.sort(key=lambda item: (item[0], item[3], item[1]))
    return tuple(found)


def upcoming(
    run: RunView, planned: Sequence[Planned], now: int, limit: int
) -> tuple[UpcomingView, ...]:
    """The first ``limit`` entries of the plan as the board shows them at ``now``."""
    session = run.session
    out = []
    for at, team, inject_id, k, skip in planned[:limit]:
        inject = session.index.injects[k]
        out.append(
            UpcomingView(
                team,
                run.team_name(team),
                inject_id,
                at,
                run.text(f"injects.{inject_id}.title"),
                len(inject.expect),
                at <= now,
                skip,
            )
        )
    return tuple(out)


def notes(
    run: RunView, teams: Sequence[str], mine: str, shown: Callable[[LoggedText], bool]
) -> tuple[NoteView, ...]:
    """The observations ``shown`` lets through, newest first, with what each is tied to."""
    session = run.session
    scenario = session.scenario
    objectives = {o.id for o in scenario.objectives}
    out: list[NoteView] = []
    for note in reversed(session.state.notes):
        if not shown(note):
            continue
        objective = None
        if note.objective is not None and note.objective in objectives:
            objective = run.text(f"objectives.{note.objective}.text")
        action = None
        if note.expect is not None:
            action = expect_text(run, note.expect)
        out.append(
            NoteView(
                note.seq,
                note.at,
                evaluator_name(note.who, run.t),
                note.text,
                run.team_name(note.team) if note.team is not None else None,
                objective,
                action,
                note.who == mine,
            )
        )
    return tuple(out)


def expect_text(run: RunView, expect: str) -> Resolved | None:
    """An expected action's text: a scenario one in the content language, an ad-hoc one as typed."""
    session = run.session
    owner = session.index.expect.get(expect)
    if owner is not None:
        return run.text(f"injects.{owner[0].id}.expect.{expect}.text")
    for record in session.state.adhoc.values():
        for action in record.event.expect:
            if action.id == expect:
                return Resolved(action.text, run.content_lang, False)
    return None


def seat_of(who: str) -> ev.Seat:
    """The control-cell seat an evaluator writes as: ``evaluator:NAME``."""
    return ev.Seat.of_control(f"evaluator:{who}")
