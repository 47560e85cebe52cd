"""The after-action report's schema: these dataclasses ARE its JSON format.

Every number and text the writers print, nothing else: times are exercise seconds, scores are
numbers, content texts are :class:`~simtrain.scenario.catalog.Resolved` (the words, the language
they are in, whether they fell back). ``schema/report.schema.json`` is generated from these classes
(see :mod:`simtrain.report.json_writer`), so a change here is a change of the published format:
their docstrings are its descriptions. The builder is :mod:`simtrain.report.aar_build`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

from simtrain.scenario.catalog import Resolved
from simtrain.session.hseep import RATINGS, Score

FORMAT = "simtrain-report"
VERSION = 1

EntryKind = Literal["delivered", "skipped", "adhoc", "rating", "decision", "report", "note"]
ActionStatus = Literal["rated", "unrated", "not_delivered", "skipped"]


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

    @classmethod
    def of(cls, score: Score) -> ScoreData:
        """The JSON form of a :class:`Score`: ``earned`` to two decimals, which is exact (every
        rating earns a whole percent of whole points)."""
        return cls(
            percent=score.percent,
            earned=round(float(score.earned), 2),
            at_stake=score.at_stake,
            rated=score.rated,
            unrated=score.unrated,
            late=score.late,
            ratings=score.ratings,
            letter=score.letter,
        )

    def score(self) -> Score:
        """The :class:`Score` back, so a writer reads its status and words from the one core
        (:func:`~simtrain.live.score_text.score_text`), even from a report read from JSON."""
        counts = tuple(self.ratings.get(letter, 0) for letter in RATINGS)
        earned = Fraction(str(self.earned))
        return Score(earned, self.at_stake, self.rated, self.unrated, self.late, counts)


@dataclass(frozen=True, slots=True)
class RoleRef:
    id: str
    name: Resolved


@dataclass(frozen=True, slots=True)
class TeamInfo:
    id: str
    name: str
    roles: list[RoleRef]


@dataclass(frozen=True, slots=True)
class PhasePlayed:
    id: str
    title: Resolved
    started_at: int
    played: int
    """Exercise seconds from its start to the next phase's start (or the end of play)."""


@dataclass(frozen=True, slots=True)
class Overview:
    scenario_id: str
    title: Resolved
    summary: Resolved | None
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
    text: Resolved
    teams: dict[str, ScoreData]


@dataclass(frozen=True, slots=True)
class RoleRow:
    """One role across teams; a team that does not cover the role has no entry."""

    id: str
    name: Resolved
    teams: dict[str, ScoreData]


@dataclass(frozen=True, slots=True)
class ActionRow:
    """One expected action for one team: one CSV row, one line of the team's ratings table."""

    team: str
    expect: str
    text: Resolved
    inject: str
    inject_title: Resolved
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
    label: Resolved | None = None
    """The inject's title, the expected action's text, the chosen option's text."""
    channel: str | None = None
    source: Resolved | None = None
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
    prompt: Resolved
    option: str
    option_text: Resolved
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
    text: Resolved
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
    issue: Resolved
    role: str
    responsible: Resolved
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
