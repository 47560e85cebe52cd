"""Builds the after-action report (:mod:`simtrain.report.aar_model`) from an open session.

The report follows the HSEEP after-action report / improvement plan: an overview of the exercise,
the objectives x teams ratings, each team's timeline, decisions and branch, strengths and areas for
improvement drawn from the evaluators' notes, and an improvement plan. Every writer (Markdown,
HTML, JSON, CSV) only formats what is built here, so the four files and the console's report
screen cannot disagree: the scores are :meth:`Session.scores`, the very call the report screen
makes, and an action's stakes are :class:`~simtrain.session.scoring.ActionResult`'s.

What spans teams (who answered a decision how, where branches parted) is worked out first, so
each section is built once, whole, and nothing is patched afterwards. Content texts are resolved
in the report's content language through the scenario's catalog, remembering whether any fell
back.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Mapping
from datetime import UTC, datetime

from simtrain import __version__
from simtrain.live.run_view import catalog_for
from simtrain.report.aar_adhoc import adhoc_action_rows, adhoc_source, ignored_answers
from simtrain.report.aar_model import (
    FORMAT,
    VERSION,
    ActionRow,
    ActionStatus,
    DecisionTaken,
    Finding,
    ObjectiveRow,
    Observation,
    Overview,
    PhasePlayed,
    PlanItem,
    Report,
    ResponseTimes,
    RoleRef,
    RoleRow,
    ScoreData,
    TeamInfo,
    TeamSection,
    TimelineEntry,
)
from simtrain.report.aar_path import branch, delay_entries
from simtrain.report.aar_ratings import late_findings, rating_entries
from simtrain.scenario.catalog import Catalog, Resolved
from simtrain.session.hseep import MISSED, Score
from simtrain.session.scoring import TeamScore
from simtrain.session.session import Session
from simtrain.session.state import LoggedText, TeamState

VIRTUAL_BEFORE = 946_684_800.0
"""Wall times before 2000-01-01 are a rehearsal's virtual clock (it starts at 0), not dates."""


class Texts:
    """Resolves catalog keys in one language, remembering whether anything fell back."""

    def __init__(self, catalog: Catalog, lang: str) -> None:
        self.catalog = catalog
        self.lang = lang
        self.fallback = False
        self._cache: dict[str, Resolved] = {}

    def __call__(self, key: str) -> Resolved:
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self.catalog.text(key, self.lang)
            self.fallback = self.fallback or found.fallback
        return found

    def optional(self, key: str) -> Resolved | None:
        return self(key) if key in self.catalog.fields else None


def build(session: Session, lang: str | None = None, catalog: Catalog | None = None) -> Report:
    """The whole report of ``session`` with content texts in ``lang`` (default: the run's)."""
    lang = lang or session.created.content_lang
    texts = Texts(catalog or catalog_for(session), lang)
    scores = session.scores()
    decisions = decisions_taken(session, texts)
    notes: dict[str | None, list[LoggedText]] = defaultdict(list)
    for note in session.state.notes:
        notes[note.team].append(note)
    sections = [
        team_section(session, ts, scores[tid], decisions[tid], texts, notes[tid])
        for tid, ts in session.state.teams.items()
    ]
    strengths, areas = findings(session, sections)
    return Report(
        format=FORMAT,
        version=VERSION,
        simtrain=__version__,
        lang=lang,
        overview=overview(session, texts, sections),
        objectives=objective_rows(session, scores, texts),
        roles=role_rows(session, scores, texts),
        totals={s.id: s.total for s in sections},
        teams=sections,
        strengths=strengths,
        areas=areas,
        plan=plan(session, areas, texts),
        late=late_findings(sections, _objective_order(session)),
        observations=[
            Observation(n.at, n.seq, n.team, n.who, n.text)
            for n in session.state.notes
            if n.team is None
        ],
        fallback=texts.fallback,
    )


# --- scores ----------------------------------------------------------------------------------


def objective_rows(
    session: Session, scores: Mapping[str, TeamScore], texts: Texts
) -> list[ObjectiveRow]:
    """The HSEEP objective x team table: a team with nothing at stake has an empty score."""
    return [
        ObjectiveRow(
            o.id,
            texts(f"objectives.{o.id}.text"),
            {tid: ScoreData.of(s.by_objective.get(o.id, Score())) for tid, s in scores.items()},
            None if o.short is None else texts(f"objectives.{o.id}.short"),
        )
        for o in session.scenario.objectives
    ]


def role_rows(session: Session, scores: Mapping[str, TeamScore], texts: Texts) -> list[RoleRow]:
    """One role across teams; a team that does not cover the role has no entry."""
    return [
        RoleRow(
            r.id,
            texts(f"roles.{r.id}.name"),
            {tid: ScoreData.of(s.by_role[r.id]) for tid, s in scores.items() if r.id in s.by_role},
        )
        for r in session.scenario.roles
    ]


# --- across teams, before the sections -------------------------------------------------------


def decisions_taken(session: Session, texts: Texts) -> dict[str, list[DecisionTaken]]:
    """Each team's answers in time order, each beside what every other team answered."""
    index = session.index
    taken = {
        tid: sorted(
            (c for c in ts.chosen.values() if c.option in index.decision_of), key=lambda c: c.at
        )
        for tid, ts in session.state.teams.items()
    }
    answer = {tid: {index.decision_of[c.option]: c.option for c in cs} for tid, cs in taken.items()}
    out: dict[str, list[DecisionTaken]] = {}
    for tid, choices in taken.items():
        out[tid] = []
        for choice in choices:
            inject = index.decision_of[choice.option]
            others = {other: answer[other].get(inject) for other in answer if other != tid}
            out[tid].append(
                DecisionTaken(
                    inject=inject,
                    prompt=texts(f"injects.{inject}.decision.prompt"),
                    option=choice.option,
                    option_text=texts(f"injects.{inject}.decision.options.{choice.option}.text"),
                    at=choice.at,
                    others=others,
                    parted=any(o is not None and o != choice.option for o in others.values()),
                )
            )
    return out


# --- one team --------------------------------------------------------------------------------


def team_section(
    session: Session,
    ts: TeamState,
    score: TeamScore,
    decisions: list[DecisionTaken],
    texts: Texts,
    notes: list[LoggedText],
) -> TeamSection:
    actions = action_rows(session, ts, score, texts) + adhoc_action_rows(session, ts, score)
    times = [a.response_time for a in score.actions if a.response_time is not None]
    return TeamSection(
        id=ts.team.id,
        name=ts.team.name,
        roles=[RoleRef(r, texts(f"roles.{r}.name")) for r in ts.team.roles],
        total=ScoreData.of(score.total),
        response=ResponseTimes(
            count=len(times),
            median=int(statistics.median(times)) if times else None,
            mean=round(statistics.fmean(times)) if times else None,
            longest=max(times) if times else None,
            late=score.total.late,
        ),
        timeline=timeline(session, ts, actions, texts, notes),
        decisions=decisions,
        branch=branch(session, ts, decisions),
        actions=actions,
    )


def action_rows(session: Session, ts: TeamState, score: TeamScore, texts: Texts) -> list[ActionRow]:
    """Every expected action of a role the team covers, in scenario order; what is at stake and
    what it earned is scoring's :class:`ActionResult`, here only joined with the rating's words."""
    results = {r.expect: r for r in score.actions}
    team = ts.team
    rows = []
    for inject in session.index.injects:
        for action in inject.expect:
            if action.by not in team.roles or not team.covers(inject.to):
                continue
            result = results.get(action.id)
            record = ts.rating(action.id) if result is not None else None
            status: ActionStatus
            if result is None:
                status = "skipped" if inject.id in ts.skipped else "not_delivered"
            else:
                status = "unrated" if result.rating is None else "rated"
            entries, disputed = rating_entries(ts, action.id) if result else ([], False)
            rows.append(
                ActionRow(
                    team=team.id,
                    expect=action.id,
                    text=texts(f"injects.{inject.id}.expect.{action.id}.text"),
                    inject=inject.id,
                    inject_title=texts(f"injects.{inject.id}.title"),
                    role=action.by,
                    objective=action.objective,
                    points=action.points,
                    status=status,
                    rating=result.rating if result else None,
                    earned=round(float(result.earned), 2) if result else 0.0,
                    delivered_at=result.delivered_at if result else None,
                    rated_at=record.at if record else None,
                    response_time=result.response_time if result else None,
                    within=action.within,
                    late=result.late if result else False,
                    note=record.note if record else "",
                    evaluator=record.evaluator if record else "",
                    acted_at=result.acted_at if result else None,
                    ratings=entries,
                    disputed=disputed,
                )
            )
    return rows


def timeline(
    session: Session,
    ts: TeamState,
    actions: list[ActionRow],
    texts: Texts,
    notes: list[LoggedText],
) -> list[TimelineEntry]:
    """Everything that happened to or was done by the team, in the order it happened."""
    index = session.index
    out: list[TimelineEntry] = []
    for d in ts.delivered.values():
        inject = index.injects[index.position[d.inject]]
        source = texts(f"characters.{inject.from_}.name") if inject.from_ else None
        label = texts(f"injects.{d.inject}.title")
        out.append(
            TimelineEntry(
                d.at, d.seq, "delivered", d.inject, label, inject.channel, source, who=d.who
            )
        )
    for s in ts.skipped.values():
        label = texts(f"injects.{s.inject}.title")
        out.append(
            TimelineEntry(
                s.at, s.seq, "skipped", s.inject, label, text=s.reason, who=s.who, note=s.note
            )
        )
    out += delay_entries(session, ts, texts)
    lang = session.created.content_lang
    for adhoc_id in ts.adhoc:
        record = session.state.adhoc[adhoc_id]
        e = record.event
        label, source = Resolved(e.title, lang, False), adhoc_source(e, texts, lang)
        out.append(
            TimelineEntry(
                record.at, record.seq, "adhoc", adhoc_id, label, e.channel, source, text=e.message
            )
        )
    for row in actions:
        rated = ts.rating(row.expect) if row.rating is not None else None
        if rated is not None:
            out.append(
                TimelineEntry(
                    rated.at, rated.seq, "rating", row.expect, row.text, rating=rated.rating,
                    response_time=row.response_time, within=row.within, late=row.late,
                    text=rated.note, who=rated.evaluator,
                )
            )  # fmt: skip
    for choice in ts.chosen.values():
        inject_id = index.decision_of.get(choice.option)
        if inject_id is not None:
            label = texts(f"injects.{inject_id}.decision.options.{choice.option}.text")
            out.append(TimelineEntry(choice.at, choice.seq, "decision", choice.option, label))
    out += ignored_answers(session, ts, texts)  # a second answer: shown, marked as not counted
    out += [TimelineEntry(r.at, r.seq, "report", "", text=r.text) for r in ts.reports]
    out += [TimelineEntry(n.at, n.seq, "note", "", text=n.text, who=n.who) for n in notes]
    out.sort(key=lambda e: (e.at, e.seq))
    return out


# --- across the report -----------------------------------------------------------------------


def findings(session: Session, sections: list[TeamSection]) -> tuple[list[Finding], list[Finding]]:
    """Strengths (rated P or S, with the evaluator's words) and areas for improvement (rated M
    or U), each in objective order, then time. Lateness is not a rating: a P or S answered late
    is never an area for improvement (the report lists late responses apart)."""
    strengths: list[Finding] = []
    areas: list[Finding] = []
    for section in sections:
        for row in section.actions:
            if row.rating is None or row.rating == "N/A" or row.rated_at is None:
                continue
            finding = Finding(
                row.objective, section.id, row.expect, row.text, row.role, row.rating, row.note,
                row.evaluator, row.rated_at, row.response_time, row.within, row.late,
            )  # fmt: skip
            if row.rating in MISSED:
                areas.append(finding)
            elif row.note.strip():
                strengths.append(finding)
    order = _objective_order(session)
    strengths.sort(key=lambda f: (order.get(f.objective, len(order)), f.at))
    areas.sort(key=lambda f: (order.get(f.objective, len(order)), f.at))
    return strengths, areas


def _objective_order(session: Session) -> dict[str, int]:
    return {o.id: k for k, o in enumerate(session.scenario.objectives)}


def plan(session: Session, areas: list[Finding], texts: Texts) -> list[PlanItem]:
    """Areas for improvement grouped by expected action: one corrective action per shortfall,
    naming every team that fell short on it, in objective order."""
    grouped: dict[str, list[Finding]] = {}
    for finding in areas:
        grouped.setdefault(finding.expect, []).append(finding)
    team_names = {tid: ts.team.name for tid, ts in session.state.teams.items()}
    roles = {r.id for r in session.scenario.roles}
    items = []
    for expect_id, group in grouped.items():
        first = group[0]
        responsible = (
            texts(f"roles.{first.role}.name")
            if first.role in roles
            else Resolved(first.role, texts.lang, False)
        )
        items.append(
            PlanItem(
                objective=first.objective,
                expect=expect_id,
                issue=first.text,
                role=first.role,
                responsible=responsible,
                teams=[team_names.get(f.team, f.team) for f in group],
                ratings=[f.rating for f in group],
                notes=[f.note for f in group if f.note.strip()],
                late=sum(f.late for f in group),
            )
        )
    order = _objective_order(session)
    items.sort(key=lambda p: (order.get(p.objective, len(order)), p.expect))
    return items


def overview(session: Session, texts: Texts, sections: list[TeamSection]) -> Overview:
    scenario = session.scenario
    state = session.state
    log = session.log
    first_wall, last_wall = log[0].wall, log[-1].wall
    rehearsal = first_wall < VIRTUAL_BEFORE
    totals = [s.total for s in sections]
    return Overview(
        scenario_id=scenario.id,
        title=texts("title"),
        summary=texts.optional("summary") if scenario.summary else None,
        content_lang=texts.lang,
        session_file=session.path.name,
        scenario_file_status=session.scenario_status(),
        started=None if rehearsal else _iso(first_wall),
        finished=None if rehearsal else _iso(last_wall),
        rehearsal=rehearsal,
        exercise_time=state.ended_at if state.ended_at is not None else state.last_at,
        ended=state.ended_at is not None,
        events=len(log),
        phases=phases(session, texts),
        teams=[TeamInfo(s.id, s.name, s.roles) for s in sections],
        objectives=len(scenario.objectives),
        injects_delivered=sum(len(ts.delivered) for ts in state.teams.values()),
        ratings_given=sum(t.rated for t in totals),
        unrated=sum(t.unrated for t in totals),
        late=sum(t.late for t in totals),
    )


def phases(session: Session, texts: Texts) -> list[PhasePlayed]:
    """Each phase started, with how long it was played: up to the next one's start, or the end."""
    state = session.state
    started = list(state.phases.items())
    end = state.ended_at if state.ended_at is not None else state.last_at
    out = []
    for k, (phase, at) in enumerate(started):
        until = started[k + 1][1] if k + 1 < len(started) else end
        out.append(PhasePlayed(phase, texts(f"phases.{phase}.title"), at, max(0, until - at)))
    return out


def _iso(wall: float) -> str:
    return datetime.fromtimestamp(wall, UTC).isoformat(timespec="seconds")
