"""What the report's writers say, in the reader's language, from the report's data.

Markdown and HTML print the same sentences and cells; they differ only in markup and escaping. The
wording lives here once (its strings in the locale files), so a table reads the same in both, and
the escaping stays in each writer, applied to what this module returns: plain text, never markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from simtrain.i18n import Translator
from simtrain.report.aar import (
    RATING_LETTERS,
    ActionRow,
    Finding,
    Report,
    ScoreData,
    TeamSection,
    TimelineEntry,
    Txt,
)
from simtrain.scenario.durations import format_clock

FALLBACK_MARK = "*"


def clock(seconds: int | None) -> str:
    """Exercise time or a duration as ``H:MM``, the way a control cell reads a clock."""
    return "—" if seconds is None else _clock(seconds)


@lru_cache(maxsize=65536)
def _clock(seconds: int) -> str:
    return format_clock(seconds)


class CachedTranslator(Translator):
    """A translator that remembers its answers: a report of a long exercise asks for the same
    labels, the same "(evaluator)" and the same "response 0:20, window 1:00" a hundred thousand
    times."""

    def __init__(self, t: Translator) -> None:
        super().__init__(t.lang)
        self._plain: dict[str, str] = {}
        self._filled: dict[tuple[Any, ...], str] = {}

    def __call__(self, key: str, /, **params: Any) -> str:
        if params:
            try:
                memo = (key, *sorted(params.items()))
                found = self._filled.get(memo)
            except TypeError:  # an unhashable parameter: not worth remembering
                return super().__call__(key, **params)
            if found is None:
                if len(self._filled) > 200_000:
                    self._filled.clear()
                found = self._filled[memo] = super().__call__(key, **params)
            return found
        found = self._plain.get(key)
        if found is None:
            found = self._plain[key] = super().__call__(key)
        return found


def cached(t: Translator) -> Translator:
    return t if isinstance(t, CachedTranslator) else CachedTranslator(t)


@dataclass(frozen=True)
class Names:
    """Id -> shown name maps of one report, built once per report rather than once per line."""

    roles: dict[str, str]
    objectives: dict[str, str]
    teams: dict[str, str]
    options: dict[str, str]
    injects: dict[str, str]


_LAST: list[tuple[Report, Names]] = []


def names(report: Report) -> Names:
    if _LAST and _LAST[0][0] is report:
        return _LAST[0][1]
    roles: dict[str, str] = {}
    for team in report.overview.teams:
        for role in team.roles:
            roles[role.id] = text_of(role.name)
    for row in report.roles:
        roles.setdefault(row.id, text_of(row.name))
    injects: dict[str, str] = {}
    for section in report.teams:
        for action in section.actions:
            injects.setdefault(action.inject, text_of(action.inject_title))
        for entry in section.timeline:
            if entry.kind in ("delivered", "skipped") and entry.label is not None:
                injects.setdefault(entry.ref, text_of(entry.label))
    found = Names(
        roles=roles,
        objectives={row.id: text_of(row.text) for row in report.objectives},
        teams={team.id: team.name for team in report.overview.teams},
        options={d.option: text_of(d.option_text) for t in report.teams for d in t.decisions},
        injects=injects,
    )
    _LAST[:] = [(report, found)]
    return found


def percent(value: float | None) -> str:
    """A score as the console's report screen prints it (whole percent), so the two agree."""
    return "—" if value is None else f"{value:.0f}%"


def rating_counts(score: ScoreData) -> str:
    """``P 2 · S 1 · U 1``: the letters that occur, in scale order."""
    parts = [
        f"{letter} {score.ratings[letter]}"
        for letter in RATING_LETTERS
        if score.ratings.get(letter)
    ]
    return " · ".join(parts)


def score_cell(score: ScoreData, t: Translator) -> str:
    """One objective x team cell: score, nearest letter, the letters given, rated of at stake."""
    if score.percent is None:
        return t("report.objectives.not_at_stake")
    if not score.rated:
        return f"{t('report.objectives.not_rated')} · 0/{score.unrated}"
    parts = [f"{percent(score.percent)} {score.letter}"]
    counts = rating_counts(score)
    if counts:
        parts.append(counts)
    parts.append(f"{score.rated}/{score.rated + score.unrated}")
    return " · ".join(parts)


def score_short(score: ScoreData) -> str:
    if score.percent is None or not score.rated:
        return "—"
    return f"{percent(score.percent)} ({score.letter})"


def text_of(txt: Txt | None) -> str:
    """A content text with the fallback mark when it is not in the report's language."""
    if txt is None:
        return ""
    return f"{FALLBACK_MARK} {txt.text}" if txt.fallback else txt.text


def role_names(report: Report) -> dict[str, str]:
    return names(report).roles


def objective_names(report: Report) -> dict[str, str]:
    return names(report).objectives


def team_names(report: Report) -> dict[str, str]:
    return names(report).teams


def response_line(team: TeamSection, t: Translator) -> str:
    r = team.response
    if not r.count:
        return t("report.teams.no_response")
    return t(
        "report.teams.response",
        median=clock(r.median),
        mean=clock(r.mean),
        longest=clock(r.longest),
        late=t("report.teams.late", count=r.late),
    )


def entry_event(entry: TimelineEntry, t: Translator) -> str:
    """The timeline's "event" column: what kind of thing happened (and the rating letter)."""
    label = t(f"report.kind.{entry.kind}")
    if entry.kind == "rating" and entry.rating:
        return f"{label} {entry.rating}"
    return label


def entry_detail(entry: TimelineEntry, t: Translator) -> str:
    """The timeline's "detail" column, in one line of plain text."""
    parts: list[str] = []
    if entry.kind in ("delivered", "adhoc"):
        channel = t(f"channels.{entry.channel}") if entry.channel else ""
        if entry.source is not None:
            parts.append(t("report.entry.from", channel=channel, source=text_of(entry.source)))
        elif channel:
            parts.append(t("report.entry.control", channel=channel))
        parts.append(text_of(entry.label))
        if entry.kind == "adhoc" and entry.text:
            parts.append(entry.text)
    elif entry.kind == "skipped":
        parts.append(text_of(entry.label))
        if entry.text in ("guard", "control"):
            parts.append(t(f"report.skip.{entry.text}"))
    elif entry.kind == "rating":
        parts.append(text_of(entry.label))
        parts.append(response_text(entry.response_time, entry.within, entry.late, t))
        if entry.text:
            parts.append(entry.text)
        if entry.who:
            parts.append(t("report.findings.by", evaluator=entry.who))
    elif entry.kind == "decision":
        parts.append(text_of(entry.label))
    else:
        parts.append(entry.text)
        if entry.kind == "note" and entry.who:
            parts.append(t("report.findings.by", evaluator=entry.who))
    return " — ".join(p for p in parts if p)


def response_text(response: int | None, window: int | None, late: bool, t: Translator) -> str:
    if response is None:
        return ""
    if late and window is not None:
        return t("report.entry.late", response=clock(response), window=clock(window))
    if window is not None:
        return t("report.entry.response_window", response=clock(response), window=clock(window))
    return t("report.entry.in_time", response=clock(response))


def action_status(row: ActionRow, t: Translator) -> str:
    """The rating column: the letter when rated, else why there is none."""
    if row.rating is not None:
        return row.rating
    return t(f"report.status.{row.status}")


def branch_lines(team: TeamSection, report: Report, t: Translator) -> list[str]:
    """Where the team's branch parted from the others' and what it alone saw (or missed)."""
    lines: list[str] = []
    b = team.branch
    if b.parted_at is not None and b.parted_on is not None:
        question = next((d.prompt for d in team.decisions if d.inject == b.parted_on), None)
        lines.append(t("report.branch.parted", time=clock(b.parted_at), question=text_of(question)))
    elif team.decisions and len(report.teams) > 1:
        answered_elsewhere = any(
            any(opt is not None for opt in d.others.values()) for d in team.decisions
        )
        lines.append(t("report.branch.same" if answered_elsewhere else "report.branch.alone"))
    titles = inject_titles(report)
    if b.only_here:
        lines.append(t("report.branch.only_here", injects=_list(b.only_here, titles)))
    if b.not_here:
        lines.append(t("report.branch.not_here", injects=_list(b.not_here, titles)))
    return lines


def inject_titles(report: Report) -> dict[str, str]:
    """Inject id -> title, from everything the report mentions (timelines and action rows)."""
    return names(report).injects


def _list(ids: Iterable[str], titles: dict[str, str]) -> str:
    return "; ".join(f"“{titles.get(i, i)}”" for i in ids)


def others_text(others: dict[str, str | None], report: Report, t: Translator) -> str:
    """Other teams' answers to a decision: ``Bravo: charge-drug-offence; Charlie: not answered``."""
    names = team_names(report)
    options = option_texts(report)
    parts = []
    for team_id, option in others.items():
        answer = options.get(option, option) if option else t("report.teams.not_answered")
        parts.append(f"{names.get(team_id, team_id)}: {answer}")
    return "; ".join(parts)


def option_texts(report: Report) -> dict[str, str]:
    return names(report).options


def finding_line(finding: Finding, report: Report, t: Translator) -> str:
    """One strength or area: who, which action, the rating, how fast, the evaluator's words."""
    roles = role_names(report)
    names = team_names(report)
    head = t(
        "report.findings.line",
        team=names.get(finding.team, finding.team),
        role=roles.get(finding.role, finding.role),
        action=text_of(finding.text),
    )
    parts = [head, t("report.findings.rated", rating=finding.rating)]
    response = response_text(finding.response_time, finding.within, finding.late, t)
    if response:
        parts.append(response)
    line = " — ".join(parts)
    if finding.note.strip():
        line += f": {finding.note.strip()}"
    if finding.evaluator:
        line += " " + t("report.findings.by", evaluator=finding.evaluator)
    return line


def by_objective(
    findings: Iterable[Finding], report: Report
) -> list[tuple[str, str, list[Finding]]]:
    """Findings grouped under their objectives, in the scenario's objective order."""
    groups: dict[str, list[Finding]] = {row.id: [] for row in report.objectives}
    for finding in findings:
        groups.setdefault(finding.objective, []).append(finding)
    names = objective_names(report)
    return [(oid, names.get(oid, oid), items) for oid, items in groups.items()]


def plan_teams(item_teams: list[str], ratings: list[str]) -> str:
    return "; ".join(f"{team} ({rating})" for team, rating in zip(item_teams, ratings, strict=True))


def corrective(action: str, t: Translator) -> str:
    return t("report.plan.corrective_text", action=action)


def phase_line(title: str, start: int, played: int, t: Translator) -> str:
    return t("report.overview.phase_line", title=title, start=clock(start), played=clock(played))


def played_line(report: Report, t: Translator) -> str:
    key = "report.overview.ended" if report.overview.ended else "report.overview.open"
    return t(key, time=clock(report.overview.exercise_time))


def dates_line(report: Report, t: Translator) -> str:
    """The exercise's calendar dates in the reader's language, or that it was a rehearsal."""
    o = report.overview
    if o.rehearsal or o.started is None or o.finished is None:
        return t("report.overview.rehearsal")
    from datetime import datetime

    from babel.dates import format_date

    start = datetime.fromisoformat(o.started).date()
    end = datetime.fromisoformat(o.finished).date()
    first = format_date(start, format="long", locale=t.lang)
    if end == start:
        return str(first)
    return f"{first} – {format_date(end, format='long', locale=t.lang)}"


def language_name(lang: str, t: Translator) -> str:
    name = t(f"languages.{lang}")
    return lang if name == f"languages.{lang}" else name
