"""The after-action report as plain data: every number and text the writers print, nothing else.

The report follows the HSEEP after-action report / improvement plan: an overview of the exercise,
the objectives x teams ratings, each team's timeline, decisions and branch, strengths and areas for
improvement drawn from the evaluators' notes, and an improvement plan. It is built once from an
open :class:`~simtrain.session.Session`, and every writer (Markdown, HTML, JSON, CSV) only formats
it, so the four files and the console's report screen cannot disagree: the scores come from
:meth:`Session.scores`, the very call the report screen makes.

Texts from the scenario are resolved here, in the report's content language, through the
:class:`~simtrain.scenario.catalog.Catalog`; each carries the language it came in and whether it
fell back to the source language, so writers can mark it. Nothing here formats for a reader:
times are exercise seconds, scores are numbers, labels are the writers' business (their strings
live in the locale files). The dataclasses double as the JSON format: ``schema/report.schema.json``
is generated from them (see :mod:`simtrain.report.json_writer`).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from simtrain import __version__
from simtrain.scenario.catalog import Catalog
from simtrain.scenario.model import ExpectedAction, Inject
from simtrain.session.scoring import Score, TeamScore
from simtrain.session.session import Session
from simtrain.session.state import LoggedText, TeamState

FORMAT = "simtrain-report"
VERSION = 1
RATING_LETTERS: tuple[str, ...] = ("P", "S", "M", "U", "N/A")
VIRTUAL_BEFORE = 946_684_800.0
"""Wall times before 2000-01-01 are a rehearsal's virtual clock (it starts at 0), not dates."""

EntryKind = Literal["delivered", "skipped", "adhoc", "rating", "decision", "report", "note"]
ActionStatus = Literal["rated", "unrated", "not_delivered", "skipped"]


@dataclass(frozen=True, slots=True)
class Txt:
    """A content text as shown: its words, the language they are in, and whether they fell back
    from the language asked for (writers mark those)."""

    text: str
    lang: str
    fallback: bool = False


@dataclass(frozen=True, slots=True)
class ScoreData:
    """A score as the report prints it; ``percent`` is :attr:`Score.percent`, one decimal."""

    percent: float | None
    earned: float
    at_stake: int
    rated: int
    unrated: int
    late: int
    ratings: dict[str, int]
    """How many expected actions got each rating (P, S, M, U, N/A); unrated ones are not here."""
    letter: str | None
    """The HSEEP letter nearest to the score (P >= 83 %, S >= 49.5 %, M >= 16.5 %, else U): the
    midpoints between the shares the letters earn, so the letter and the score tell one story.
    None until at least one action is rated: an evaluator's backlog is not a U."""


@dataclass(frozen=True, slots=True)
class RoleRef:
    id: str
    name: Txt


@dataclass(frozen=True, slots=True)
class TeamInfo:
    id: str
    name: str
    roles: list[RoleRef]


@dataclass(frozen=True, slots=True)
class PhasePlayed:
    id: str
    title: Txt
    started_at: int
    played: int
    """Exercise seconds from its start to the next phase's start (or the end of play)."""


@dataclass(frozen=True, slots=True)
class Overview:
    scenario_id: str
    title: Txt
    summary: Txt | None
    content_lang: str
    session_file: str
    scenario_file_status: str
    """same | changed | missing | unknown: whether the scenario file still matches the run."""
    started: str | None
    """ISO 8601 wall time of the session's first event (UTC), or None for a rehearsal."""
    finished: str | None
    rehearsal: bool
    """True when the run was on a virtual clock (``simtrain rehearse``): it has no dates."""
    exercise_time: int
    ended: bool
    events: int
    phases: list[PhasePlayed]
    teams: list[TeamInfo]
    objectives: int
    injects_delivered: int
    ratings_given: int
    unrated: int
    late: int


@dataclass(frozen=True, slots=True)
class ObjectiveRow:
    """One objective across every team: the HSEEP objective x team table."""

    id: str
    text: Txt
    teams: dict[str, ScoreData]


@dataclass(frozen=True, slots=True)
class RoleRow:
    """One role across teams; a team that does not cover the role has no entry."""

    id: str
    name: Txt
    teams: dict[str, ScoreData]


@dataclass(frozen=True, slots=True)
class ActionRow:
    """One expected action for one team: one CSV row, one line of the team's ratings table."""

    team: str
    expect: str
    text: Txt
    inject: str
    inject_title: Txt
    role: str
    objective: str
    points: int
    status: ActionStatus
    rating: str | None
    earned: float
    delivered_at: int | None
    rated_at: int | None
    response_time: int | None
    within: int | None
    late: bool
    note: str
    evaluator: str


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """Something that happened to or was done by one team, at an exercise time."""

    at: int
    seq: int
    kind: EntryKind
    ref: str
    """The inject, expected action, option or ad-hoc inject id; empty for a report or note."""
    label: Txt | None = None
    """The inject's title, the expected action's text, the chosen option's text."""
    channel: str | None = None
    source: Txt | None = None
    """Who the inject came from (a character); None when the control cell sent it."""
    rating: str | None = None
    response_time: int | None = None
    within: int | None = None
    late: bool = False
    text: str = ""
    """A note, a team report, an evaluator's comment, or a skip's reason (guard | control)."""
    who: str = ""


@dataclass(frozen=True, slots=True)
class DecisionTaken:
    """A team's answer to a decision, beside what every other team answered to it."""

    inject: str
    prompt: Txt
    option: str
    option_text: Txt
    at: int
    others: dict[str, str | None]
    """Other team id -> the option it chose (None: not answered or never asked)."""
    parted: bool
    """Whether another team that answered chose differently: the branches part here."""


@dataclass(frozen=True, slots=True)
class Branch:
    parted_at: int | None
    """Exercise time of the team's first decision another team answered differently."""
    parted_on: str | None
    """That decision's inject id."""
    only_here: list[str]
    """Injects this team received and no other team they were also meant for did."""
    not_here: list[str]
    """Injects another team received that were meant for this team too, and it never got."""


@dataclass(frozen=True, slots=True)
class ResponseTimes:
    count: int
    median: int | None
    mean: int | None
    longest: int | None
    late: int


@dataclass(frozen=True, slots=True)
class TeamSection:
    id: str
    name: str
    roles: list[RoleRef]
    total: ScoreData
    response: ResponseTimes
    timeline: list[TimelineEntry]
    decisions: list[DecisionTaken]
    branch: Branch
    actions: list[ActionRow]
    """Every expected action of a role the team covers, delivered or not, in scenario order."""


@dataclass(frozen=True, slots=True)
class Finding:
    """A strength or an area for improvement: one rated expected action of one team."""

    objective: str
    team: str
    expect: str
    text: Txt
    role: str
    rating: str
    note: str
    evaluator: str
    at: int
    response_time: int | None
    within: int | None
    late: bool


@dataclass(frozen=True, slots=True)
class PlanItem:
    """One improvement-plan row: an expected action some teams fell short on."""

    objective: str
    expect: str
    issue: Txt
    role: str
    responsible: Txt
    teams: list[str]
    ratings: list[str]
    notes: list[str]
    late: int


@dataclass(frozen=True, slots=True)
class Observation:
    """A note not tied to a rating: the control cell's or an evaluator's running notes."""

    at: int
    seq: int
    team: str | None
    author: str
    text: str


@dataclass(frozen=True, slots=True)
class Report:
    format: str
    version: int
    simtrain: str
    lang: str
    overview: Overview
    objectives: list[ObjectiveRow]
    roles: list[RoleRow]
    totals: dict[str, ScoreData]
    teams: list[TeamSection]
    strengths: list[Finding]
    areas: list[Finding]
    plan: list[PlanItem]
    observations: list[Observation]
    fallback: bool = field(default=False)
    """Whether any content text fell back to another language (the writers then explain the
    mark)."""


# --- building ------------------------------------------------------------------------------------


def letter_of(percent: float | None) -> str | None:
    if percent is None:
        return None
    if percent >= 83:
        return "P"
    if percent >= 49.5:
        return "S"
    if percent >= 16.5:
        return "M"
    return "U"


def score_data(score: Score, ratings: Mapping[str, int] | None = None) -> ScoreData:
    counts = {letter: 0 for letter in RATING_LETTERS}
    counts.update(ratings or {})
    return ScoreData(
        percent=score.percent,
        earned=round(float(score.earned), 2),
        at_stake=score.at_stake,
        rated=score.rated,
        unrated=score.unrated,
        late=score.late,
        ratings=counts,
        letter=letter_of(score.percent) if score.rated else None,
    )


def catalog_for(session: Session) -> Catalog:
    """The scenario's texts with the translations beside its file, if that folder still exists."""
    file = session.created.scenario_file
    folder = Path(file).parent if file else None
    if folder is not None and not folder.is_dir():
        folder = None
    return Catalog(session.scenario, folder)


class _Texts:
    """Resolves catalog keys in one language, remembering whether anything fell back."""

    def __init__(self, catalog: Catalog, lang: str) -> None:
        self.catalog = catalog
        self.lang = lang
        self.fallback = False
        self._cache: dict[str, Txt] = {}

    def __call__(self, key: str) -> Txt:
        found = self._cache.get(key)
        if found is None:
            resolved = self.catalog.text(key, self.lang)
            found = self._cache[key] = Txt(resolved.text, resolved.lang, resolved.fallback)
            self.fallback = self.fallback or resolved.fallback
        return found

    def optional(self, key: str) -> Txt | None:
        return self(key) if key in self.catalog.fields else None


def _iso(wall: float) -> str:
    return datetime.fromtimestamp(wall, UTC).isoformat(timespec="seconds")


def build(session: Session, lang: str | None = None, catalog: Catalog | None = None) -> Report:
    """The whole report of ``session`` with content texts in ``lang`` (default: the run's)."""
    lang = lang or session.created.content_lang
    texts = _Texts(catalog or catalog_for(session), lang)
    scenario = session.scenario
    index = session.index
    state = session.state
    scores: dict[str, TeamScore] = session.scores()
    teams = list(state.teams.values())
    role_name = {r.id: texts(f"roles.{r.id}.name") for r in scenario.roles}

    counts = {tid: _rating_counts(ts, index.expect) for tid, ts in state.teams.items()}

    objectives = [
        ObjectiveRow(
            o.id,
            texts(f"objectives.{o.id}.text"),
            {
                tid: score_data(
                    scores[tid].by_objective.get(o.id, Score()), counts[tid]["objective"][o.id]
                )
                for tid in state.teams
            },
        )
        for o in scenario.objectives
    ]
    roles = [
        RoleRow(
            r.id,
            role_name[r.id],
            {
                tid: score_data(scores[tid].by_role[r.id], counts[tid]["role"][r.id])
                for tid in state.teams
                if r.id in scores[tid].by_role
            },
        )
        for r in scenario.roles
    ]
    totals = {tid: score_data(scores[tid].total, counts[tid]["total"][""]) for tid in state.teams}

    log = session.log
    notes: dict[str | None, list[LoggedText]] = defaultdict(list)
    for note in state.notes:
        notes[note.team].append(note)
    sections = [
        _team_section(session, ts, scores[ts.team.id], totals[ts.team.id], texts, notes[ts.team.id])
        for ts in teams
    ]
    _mark_decisions(sections)

    strengths: list[Finding] = []
    areas: list[Finding] = []
    for section in sections:
        for row in section.actions:
            if row.rating is None or row.rating == "N/A" or row.rated_at is None:
                continue
            finding = Finding(
                row.objective,
                section.id,
                row.expect,
                row.text,
                row.role,
                row.rating,
                row.note,
                row.evaluator,
                row.rated_at,
                row.response_time,
                row.within,
                row.late,
            )
            if row.rating in ("M", "U") or row.late:
                areas.append(finding)
            elif row.note.strip():
                strengths.append(finding)
    order = {o.id: k for k, o in enumerate(scenario.objectives)}
    strengths.sort(key=lambda f: (order.get(f.objective, len(order)), f.at))
    areas.sort(key=lambda f: (order.get(f.objective, len(order)), f.at))
    team_names = {ts.team.id: ts.team.name for ts in teams}
    plan = _plan(areas, texts, role_name, team_names, order)

    phases = _phases(session, texts)
    finished_at = state.ended_at if state.ended_at is not None else state.last_at
    first_wall, last_wall = log[0].wall, log[-1].wall
    rehearsal = first_wall < VIRTUAL_BEFORE
    overview = Overview(
        scenario_id=scenario.id,
        title=texts("title"),
        summary=texts.optional("summary") if scenario.summary else None,
        content_lang=lang,
        session_file=session.path.name,
        scenario_file_status=session.scenario_status(),
        started=None if rehearsal else _iso(first_wall),
        finished=None if rehearsal else _iso(last_wall),
        rehearsal=rehearsal,
        exercise_time=finished_at,
        ended=state.ended_at is not None,
        events=len(log),
        phases=phases,
        teams=[TeamInfo(s.id, s.name, s.roles) for s in sections],
        objectives=len(scenario.objectives),
        injects_delivered=sum(len(ts.delivered) for ts in teams),
        ratings_given=sum(t.rated for t in totals.values()),
        unrated=sum(t.unrated for t in totals.values()),
        late=sum(t.late for t in totals.values()),
    )
    observations = [
        Observation(n.at, n.seq, n.team, n.who, n.text) for n in state.notes if n.team is None
    ]
    return Report(
        format=FORMAT,
        version=VERSION,
        simtrain=__version__,
        lang=lang,
        overview=overview,
        objectives=objectives,
        roles=roles,
        totals=totals,
        teams=sections,
        strengths=strengths,
        areas=areas,
        plan=plan,
        observations=observations,
        fallback=texts.fallback,
    )


def _rating_counts(
    ts: TeamState, expect: Mapping[str, tuple[Inject, ExpectedAction]]
) -> dict[str, dict[str, dict[str, int]]]:
    """Ratings per objective, role and in total, counting only what is at stake (delivered)."""
    out: dict[str, dict[str, dict[str, int]]] = {
        "objective": defaultdict(lambda: defaultdict(int)),
        "role": defaultdict(lambda: defaultdict(int)),
        "total": defaultdict(lambda: defaultdict(int)),
    }
    for expect_id, history in ts.ratings.items():
        owner = expect.get(expect_id)
        if owner is None or not history:
            continue
        inject, action = owner
        if inject.id not in ts.delivered or action.by not in ts.team.roles:
            continue
        rating = history[-1].rating
        out["objective"][action.objective][rating] += 1
        out["role"][action.by][rating] += 1
        out["total"][""][rating] += 1
    return out


def _phases(session: Session, texts: _Texts) -> list[PhasePlayed]:
    state = session.state
    started = list(state.phases.items())
    end = state.ended_at if state.ended_at is not None else state.last_at
    out = []
    for k, (phase, at) in enumerate(started):
        until = started[k + 1][1] if k + 1 < len(started) else end
        out.append(PhasePlayed(phase, texts(f"phases.{phase}.title"), at, max(0, until - at)))
    return out


def _team_section(
    session: Session,
    ts: TeamState,
    score: TeamScore,
    total: ScoreData,
    texts: _Texts,
    notes: list[LoggedText],
) -> TeamSection:
    index = session.index
    state = session.state
    team = ts.team
    results = {r.expect: r for r in score.actions}
    timeline: list[TimelineEntry] = []
    for d in ts.delivered.values():
        inject = index.injects[index.position[d.inject]]
        timeline.append(
            TimelineEntry(
                d.at,
                d.seq,
                "delivered",
                d.inject,
                label=texts(f"injects.{d.inject}.title"),
                channel=inject.channel,
                source=texts(f"characters.{inject.from_}.name") if inject.from_ else None,
                who=d.who,
            )
        )
    for s in ts.skipped.values():
        timeline.append(
            TimelineEntry(
                s.at,
                s.seq,
                "skipped",
                s.inject,
                label=texts(f"injects.{s.inject}.title"),
                text=s.reason,
                who=s.who,
            )
        )
    for adhoc_id in ts.adhoc:
        adhoc_record = state.adhoc[adhoc_id]
        event = adhoc_record.event
        timeline.append(
            TimelineEntry(
                adhoc_record.at,
                adhoc_record.seq,
                "adhoc",
                adhoc_id,
                label=Txt(event.title, session.created.content_lang),
                channel=event.channel,
                text=event.message,
            )
        )

    actions: list[ActionRow] = []
    for inject in index.injects:
        for action in inject.expect:
            if action.by not in team.roles or not team.covers(inject.to):
                continue
            result = results.get(action.id)
            record = ts.rating(action.id)
            delivery = ts.delivered.get(inject.id)
            status: ActionStatus
            if delivery is None:
                status = "skipped" if inject.id in ts.skipped else "not_delivered"
            else:
                status = "unrated" if record is None else "rated"
            row = ActionRow(
                team=team.id,
                expect=action.id,
                text=texts(f"injects.{inject.id}.expect.{action.id}.text"),
                inject=inject.id,
                inject_title=texts(f"injects.{inject.id}.title"),
                role=action.by,
                objective=action.objective,
                points=action.points,
                status=status,
                rating=record.rating if record and delivery else None,
                earned=round(float(result.earned), 2) if result and record else 0.0,
                delivered_at=delivery.at if delivery else None,
                rated_at=record.at if record and delivery else None,
                response_time=result.response_time if result else None,
                within=action.within,
                late=result.late if result else False,
                note=record.note if record and delivery else "",
                evaluator=record.evaluator if record and delivery else "",
            )
            actions.append(row)
            if record is not None and delivery is not None:
                timeline.append(
                    TimelineEntry(
                        record.at,
                        record.seq,
                        "rating",
                        action.id,
                        label=row.text,
                        rating=record.rating,
                        response_time=row.response_time,
                        within=action.within,
                        late=row.late,
                        text=record.note,
                        who=record.evaluator,
                    )
                )

    decisions: list[DecisionTaken] = []
    for choice in ts.chosen.values():
        inject_id = index.decision_of.get(choice.option)
        if inject_id is None:
            continue
        timeline.append(
            TimelineEntry(
                choice.at,
                choice.seq,
                "decision",
                choice.option,
                label=texts(f"injects.{inject_id}.decision.options.{choice.option}.text"),
            )
        )
        decisions.append(
            DecisionTaken(
                inject=inject_id,
                prompt=texts(f"injects.{inject_id}.decision.prompt"),
                option=choice.option,
                option_text=texts(f"injects.{inject_id}.decision.options.{choice.option}.text"),
                at=choice.at,
                others={},
                parted=False,
            )
        )
    decisions.sort(key=lambda d: d.at)
    for report in ts.reports:
        timeline.append(TimelineEntry(report.at, report.seq, "report", "", text=report.text))
    for note in notes:
        timeline.append(TimelineEntry(note.at, note.seq, "note", "", text=note.text, who=note.who))
    timeline.sort(key=lambda e: (e.at, e.seq))

    times = [a.response_time for a in score.actions if a.response_time is not None]
    response = ResponseTimes(
        count=len(times),
        median=int(statistics.median(times)) if times else None,
        mean=round(statistics.fmean(times)) if times else None,
        longest=max(times) if times else None,
        late=score.total.late,
    )
    branch = _branch(session, ts)
    return TeamSection(
        id=team.id,
        name=team.name,
        roles=[RoleRef(r, texts(f"roles.{r}.name")) for r in team.roles],
        total=total,
        response=response,
        timeline=timeline,
        decisions=decisions,
        branch=branch,
        actions=actions,
    )


def _branch(session: Session, ts: TeamState) -> Branch:
    """What this team saw that others meant to see it did not, and the other way round."""
    only_here: list[str] = []
    not_here: list[str] = []
    others = [o for o in session.state.teams.values() if o.team.id != ts.team.id]
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
    return Branch(None, None, only_here, not_here)


def _mark_decisions(sections: list[TeamSection]) -> None:
    """Fill each decision's ``others`` and ``parted``, and each team's first parting point."""
    chosen = {s.id: {d.inject: d.option for d in s.decisions} for s in sections}
    for k, section in enumerate(sections):
        first: DecisionTaken | None = None
        for j, decision in enumerate(section.decisions):
            others = {o.id: chosen[o.id].get(decision.inject) for o in sections if o is not section}
            parted = any(opt is not None and opt != decision.option for opt in others.values())
            decision = DecisionTaken(
                decision.inject,
                decision.prompt,
                decision.option,
                decision.option_text,
                decision.at,
                others,
                parted,
            )
            section.decisions[j] = decision
            if parted and first is None:
                first = decision
        if first is not None:
            branch = section.branch
            sections[k] = _replace_branch(
                section, Branch(first.at, first.inject, branch.only_here, branch.not_here)
            )


def _replace_branch(section: TeamSection, branch: Branch) -> TeamSection:
    return replace(section, branch=branch)


def _plan(
    areas: list[Finding],
    texts: _Texts,
    role_name: Mapping[str, Txt],
    team_names: Mapping[str, str],
    order: Mapping[str, int],
) -> list[PlanItem]:
    """Areas for improvement grouped by expected action: one corrective action per shortfall,
    naming every team that fell short on it, in objective order."""
    grouped: dict[str, list[Finding]] = {}
    for finding in areas:
        grouped.setdefault(finding.expect, []).append(finding)
    plan = []
    for expect_id, findings in grouped.items():
        first = findings[0]
        plan.append(
            PlanItem(
                objective=first.objective,
                expect=expect_id,
                issue=first.text,
                role=first.role,
                responsible=role_name.get(first.role, Txt(first.role, texts.lang)),
                teams=[team_names.get(f.team, f.team) for f in findings],
                ratings=[f.rating for f in findings],
                notes=[f.note for f in findings if f.note.strip()],
                late=sum(f.late for f in findings),
            )
        )
    plan.sort(key=lambda p: (order.get(p.objective, len(order)), p.expect))
    return plan
