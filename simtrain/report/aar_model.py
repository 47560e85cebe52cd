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

EntryKind = Literal[
    "delivered", "skipped", "delayed", "adhoc", "rating", "decision", "report", "note"
]
PartedCause = Literal[
    "decision",
    "guard",
    "skipped",
    "peer_skipped",
    "only_here",
    "not_here",
    "fallback_here",
    "fallback_there",
]
"""Why a team's path first differed from another's: ``decision`` it chose another option;
``guard`` an inject the other received was skipped for it (its condition was false);
``skipped`` the control cell skipped for it an inject the other received; ``peer_skipped`` it
received an inject skipped for the other; ``only_here`` / ``not_here`` an inject on a condition
reached only it / only the other; ``fallback_here`` / ``fallback_there`` the same for an inject
that falls due when an expected action is missed."""
ActionStatus = Literal["rated", "unrated", "not_delivered", "skipped"]


@dataclass(frozen=True, slots=True)
class ScoreData:
    """A score as the report prints it; ``percent`` is :attr:`Score.percent`, one decimal."""

    percent: float | None
    """The quality: points earned over the points of the RATED actions (P, S, M, U), in percent;
    None until something is rated. Unrated actions are not zeros: they are in ``unrated``."""
    earned: float
    at_stake: int
    """Points of every action at stake, rated or not (N/A left out)."""
    rated: int
    """Actions rated P, S, M or U: with ``unrated``, the coverage ("7 of 12 rated")."""
    unrated: int
    late: int
    """Rated actions answered after their window; counted apart, never changing a rating."""
    ratings: dict[str, int]
    """How many expected actions got each rating (P, S, M, U, N/A); unrated ones are not here."""
    letter: str | None
    """The HSEEP letter nearest to the quality (P >= 83 %, S >= 49.5 %, M >= 16.5 %, else U):
    the midpoints between the shares the letters earn. None until something is rated, and None
    while fewer than half the actions at stake are rated (hseep.LETTER_MIN_COVERAGE)."""
    rated_points: int = 0
    """Points of the rated actions: the quality's denominator."""

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
            rated_points=score.rated_points,
        )

    def score(self) -> Score:
        """The :class:`Score` back, so a writer reads its status and words from the one core
        (:func:`~simtrain.live.score_text.score_text`), even from a report read from JSON."""
        counts = tuple(self.ratings.get(letter, 0) for letter in RATINGS)
        earned = Fraction(str(self.earned))
        return Score(
            earned, self.at_stake, self.rated, self.unrated, self.late, counts, self.rated_points
        )


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
    short: Resolved | None = None
    """The objective's ``short:`` label, for charts and per-team tables; None without one."""


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
    """``acted_at`` - ``delivered_at``: how long the team took, not how long the rating took."""
    within: int | None
    late: bool
    """Answered after ``within``: reported apart, never lowering the rating or the score."""
    note: str
    evaluator: str
    """Who gave the rating that counts (the latest): ``control`` for the console,
    ``evaluator:NAME`` or the name a rehearsal gave."""
    acted_at: int | None = None
    """When the team acted, in exercise seconds like ``delivered_at``: the evaluator's word (a
    time, an offset, a team report's time), else the moment of the rating."""
    ratings: list[RatingEntry] = field(default_factory=list)
    """Every rating given to this action for this team, oldest first; the last one counts."""
    disputed: bool = False
    """Evaluators' latest ratings differ (two evaluators, two letters): the report says so."""


@dataclass(frozen=True, slots=True)
class RatingEntry:
    """One rating as it was given: several evaluators may rate one action; the latest counts."""

    rating: str
    evaluator: str
    at: int
    """When the rating was made (exercise seconds)."""
    acted_at: int
    """When the evaluator said the team acted (the rating's time when not said)."""
    note: str


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
    until: int | None = None
    """A delay: the exercise time it put the inject at."""
    note: str = ""
    """A skip: the control cell's reason in its own words (empty when none was given)."""


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
    """Exercise time at which the team's path first differed from another team's."""
    parted_on: str | None
    """The inject where it differed: the decision answered differently, or the inject one team
    received and the other did not."""
    only_here: list[str]
    """Injects this team received and no other team they were also meant for did."""
    not_here: list[str]
    """Injects another team received that were meant for this team too, and it never got."""
    cause: PartedCause | None = None
    """Why the paths parted there."""
    peer: str | None = None
    """The team (id) whose path it parted from first."""


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
    late: list[Finding] = field(default_factory=list)
    """Rated actions answered after their window, whatever their rating: lateness is reported
    here, apart from the rating; a P or S answered late is never an area for improvement."""
