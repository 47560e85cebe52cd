"""The report's lines for what the control cell wrote live and for answers that came too late.

Kept apart from :mod:`simtrain.report.aar_build`, which joins them in: the expected actions of
ad-hoc injects (rated and scored like a scenario inject's, their texts in the language they were
typed in) and a team's second answer to a decision (logged, shown as ignored, never counted).
"""

from __future__ import annotations

from collections.abc import Callable

from simtrain.report.aar_model import ActionRow, ActionStatus, TimelineEntry
from simtrain.report.aar_ratings import rating_entries
from simtrain.scenario.catalog import Resolved
from simtrain.session import events as ev
from simtrain.session.scoring import TeamScore
from simtrain.session.session import Session
from simtrain.session.state import TeamState


def adhoc_action_rows(session: Session, ts: TeamState, score: TeamScore) -> list[ActionRow]:
    """The expected actions of the ad-hoc injects the team received, for roles it covers."""
    results = {r.expect: r for r in score.actions}
    lang = session.created.content_lang
    rows = []
    for adhoc_id in ts.adhoc:
        event = session.state.adhoc[adhoc_id].event
        for action in event.expect:
            result = results.get(action.id)
            if result is None:
                continue  # a role the team does not cover
            record = ts.rating(action.id)
            status: ActionStatus = "unrated" if result.rating is None else "rated"
            entries, disputed = rating_entries(ts, action.id)
            rows.append(
                ActionRow(
                    team=ts.team.id, expect=action.id, text=Resolved(action.text, lang, False),
                    inject=adhoc_id, inject_title=Resolved(event.title, lang, False),
                    role=action.by, objective=action.objective, points=action.points,
                    status=status, rating=result.rating, earned=round(float(result.earned), 2),
                    delivered_at=result.delivered_at, rated_at=record.at if record else None,
                    response_time=result.response_time, within=None, late=False,
                    note=record.note if record else "",
                    evaluator=record.evaluator if record else "",
                    acted_at=result.acted_at, ratings=entries, disputed=disputed,
                )
            )  # fmt: skip
    return rows


def adhoc_source(
    event: ev.AdhocInject, texts: Callable[[str], Resolved], lang: str
) -> Resolved | None:
    """Who an ad-hoc inject came from: a character, a name typed live, or None (the cell)."""
    if event.character is not None:
        return texts(f"characters.{event.character}.name")
    return Resolved(event.from_, lang, False) if event.from_ else None


def ignored_answers(
    session: Session, ts: TeamState, texts: Callable[[str], Resolved]
) -> list[TimelineEntry]:
    """A team's answers to decisions it had already answered: in its timeline, marked late."""
    out = []
    for choice in ts.ignored:
        inject = session.index.decision_of.get(choice.option)
        if inject is not None:
            label = texts(f"injects.{inject}.decision.options.{choice.option}.text")
            out.append(
                TimelineEntry(choice.at, choice.seq, "decision", choice.option, label, late=True)
            )
    return out
