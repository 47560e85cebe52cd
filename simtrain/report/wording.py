"""What the after-action report says, in the reader's language, from the report's data.

The sentences and cells are worded here once (their strings in the locale files) and lowered to
blocks by :mod:`simtrain.report.aar_blocks`, so Markdown and HTML read the same; escaping stays
in each renderer, applied to what this module returns: plain text, never markup. Scores are not
worded here: they come from :func:`simtrain.live.score_text.score_text`, like every seat's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from simtrain.i18n import Translator
from simtrain.live.score_text import who_name
from simtrain.report.aar_model import Finding, ObjectiveRow, Report, TeamSection, TimelineEntry
from simtrain.report.blocks import plain
from simtrain.scenario.durations import format_clock
from simtrain.textfit import cut


def clock(seconds: int | None) -> str:
    """Exercise time or a duration as ``H:MM``, the way a control cell reads a clock."""
    return "—" if seconds is None else _clock(seconds)


@lru_cache(maxsize=65536)
def _clock(seconds: int) -> str:
    return format_clock(seconds)


@dataclass(frozen=True, slots=True)
class Names:
    """Id -> shown name maps of one report, built once per report rather than once per line."""

    roles: dict[str, str]
    objectives: dict[str, str]
    teams: dict[str, str]
    options: dict[str, str]
    injects: dict[str, str]
    """Inject id -> title, from everything the report mentions (timelines and action rows)."""

    @classmethod
    def of(cls, report: Report) -> Names:
        roles: dict[str, str] = {}
        for team in report.overview.teams:
            for role in team.roles:
                roles[role.id] = plain(role.name)
        for row in report.roles:
            roles.setdefault(row.id, plain(row.name))
        injects: dict[str, str] = {}
        for section in report.teams:
            for action in section.actions:
                injects.setdefault(action.inject, plain(action.inject_title))
            for entry in section.timeline:
                if entry.kind in ("delivered", "skipped", "delayed") and entry.label is not None:
                    injects.setdefault(entry.ref, plain(entry.label))
        return cls(
            roles=roles,
            objectives={row.id: objective_label(row) for row in report.objectives},
            teams={team.id: team.name for team in report.overview.teams},
            options={d.option: plain(d.option_text) for t in report.teams for d in t.decisions},
            injects=injects,
        )


OBJECTIVE_CUT = 48
"""Where a report's table names an objective without a ``short:`` label, its text is cut here;
the objectives section holds it whole."""


def objective_label(row: ObjectiveRow) -> str:
    """An objective in a per-team table or a chart: its ``short:`` label, else its text cut."""
    if row.short is not None:
        return plain(row.short)
    return cut(plain(row.text), OBJECTIVE_CUT, flat=True)


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


def entry_detail(entry: TimelineEntry, t: Translator) -> str:
    """The timeline's "detail" column, in one line of plain text."""
    kind = entry.kind
    if kind == "report":
        return entry.text
    if kind == "note":
        return _dashed(entry.text, rated_by(entry.who, t) if entry.who else "")
    label = plain(entry.label)
    if kind in ("delivered", "adhoc"):
        source = plain(entry.source) if entry.source else None
        text = entry.text if kind == "adhoc" else ""
        return _dashed(_sent_by(entry.channel, source, t), label, text)
    if kind == "skipped":
        reason = t(f"report.skip.{entry.text}") if entry.text in ("guard", "control") else ""
        return _dashed(label, reason, entry.note)
    if kind == "delayed":
        return _dashed(label, t("director.report_delayed", until=clock(entry.until)))
    if kind == "rating":
        response = response_text(entry.response_time, entry.within, entry.late, t)
        who = rated_by(entry.who, t) if entry.who else ""
        return _dashed(label, response, entry.text, who)
    if entry.late:  # a decision answered a second time: logged, not counted
        return _dashed(label, t("report.entry.answer_ignored"))
    return label  # a decision: the option chosen


def _dashed(*parts: str) -> str:
    """The parts that say something, one dash apart."""
    return " — ".join(filter(None, parts))


# A long exercise's report repeats the same few phrases (one channel and character, one
# evaluator, one response time and window) tens of thousands of times: each is worded once.


@lru_cache(maxsize=4096)
def _sent_by(channel: str | None, source: str | None, t: Translator) -> str:
    """How an inject came: "phone, from Aisha" or "email, from the control cell"."""
    words = t(f"channels.{channel}") if channel else ""
    if source is not None:
        return t("report.entry.from", channel=words, source=source)
    return t("report.entry.control", channel=words) if words else ""


@lru_cache(maxsize=4096)
def rated_by(evaluator: str, t: Translator) -> str:
    return t("report.findings.by", evaluator=author(evaluator, t))


def author(who: str, t: Translator) -> str:
    """Who wrote a note or gave a rating, by name: the control cell's name in the reader's
    language, never the log's ``control`` (the JSON and CSV keep the log's id)."""
    return who_name(who, t)


@lru_cache(maxsize=4096)
def response_text(response: int | None, window: int | None, late: bool, t: Translator) -> str:
    if response is None:
        return ""
    if late and window is not None:
        return t("report.entry.late", response=clock(response), window=clock(window))
    if window is not None:
        return t("report.entry.response_window", response=clock(response), window=clock(window))
    return t("report.entry.in_time", response=clock(response))


def branch_lines(team: TeamSection, names: Names, t: Translator) -> list[str]:
    """Where the team's branch parted from the others' and what it alone saw (or missed)."""
    lines: list[str] = []
    b = team.branch
    if b.parted_at is not None and b.parted_on is not None and b.cause not in (None, "decision"):
        lines.append(parted_line(team, names, t))
    elif b.parted_at is not None and b.parted_on is not None:
        question = next((d.prompt for d in team.decisions if d.inject == b.parted_on), None)
        lines.append(t("report.branch.parted", time=clock(b.parted_at), question=plain(question)))
    elif team.decisions and len(names.teams) > 1:
        answered_elsewhere = any(
            any(opt is not None for opt in d.others.values()) for d in team.decisions
        )
        lines.append(t("report.branch.same" if answered_elsewhere else "report.branch.alone"))
    if b.only_here:
        lines.append(t("report.branch.only_here", injects=_list(b.only_here, names.injects, t)))
    if b.not_here:
        lines.append(t("report.branch.not_here", injects=_list(b.not_here, names.injects, t)))
    return lines


def parted_line(team: TeamSection, names: Names, t: Translator) -> str:
    """Where the team's path first differed from another team's when no decision did it: the
    inject one received and the other did not, and why."""
    b = team.branch
    inject = b.parted_on or ""
    return t(
        f"director.parted.{b.cause}",
        time=clock(b.parted_at),
        inject=names.injects.get(inject, inject),
        team=names.teams.get(b.peer or "", b.peer or ""),
    )


def kind_key(entry: TimelineEntry) -> str:
    """The locale key of a timeline entry's kind: a skip because the team's branch never led
    there reads apart from a skip by the control cell."""
    if entry.kind == "skipped" and entry.text == "guard":
        return "director.kind_off_branch"
    if entry.kind == "delayed":
        return "director.kind_delayed"
    return f"report.kind.{entry.kind}"


def _list(ids: Iterable[str], titles: dict[str, str], t: Translator) -> str:
    """Titles in the reader's quotes: “…” in English, «…» in Italian and Russian."""
    return "; ".join(t("cli_words.quoted", text=titles.get(i, i)) for i in ids)


def others_text(others: dict[str, str | None], names: Names, t: Translator) -> str:
    """Other teams' answers to a decision: ``Bravo: charge-drug-offence; Charlie: not answered``."""
    parts = []
    for team_id, option in others.items():
        answer = names.options.get(option, option) if option else t("report.teams.not_answered")
        parts.append(f"{names.teams.get(team_id, team_id)}: {answer}")
    return "; ".join(parts)


def finding_line(finding: Finding, names: Names, t: Translator) -> str:
    """One strength or area: who, which action, the rating, how fast, the evaluator's words."""
    head = t(
        "report.findings.line",
        team=names.teams.get(finding.team, finding.team),
        role=names.roles.get(finding.role, finding.role),
        action=plain(finding.text),
    )
    parts = [head, t("report.findings.rated", rating=finding.rating)]
    response = response_text(finding.response_time, finding.within, finding.late, t)
    if response:
        parts.append(response)
    line = " — ".join(parts)
    if finding.note.strip():
        line += f": {finding.note.strip()}"
    if finding.evaluator:
        line += " " + rated_by(finding.evaluator, t)
    return line


def by_objective(findings: Iterable[Finding], report: Report) -> dict[str, list[Finding]]:
    """Findings grouped under their objectives, in the scenario's objective order (every
    objective present, an empty group included)."""
    groups: dict[str, list[Finding]] = {row.id: [] for row in report.objectives}
    for finding in findings:
        groups.setdefault(finding.objective, []).append(finding)
    return groups


def plan_teams(item_teams: list[str], ratings: list[str]) -> str:
    return "; ".join(f"{team} ({rating})" for team, rating in zip(item_teams, ratings, strict=True))


def played_line(report: Report, t: Translator) -> str:
    key = "report.overview.ended" if report.overview.ended else "report.overview.open"
    return t(key, time=clock(report.overview.exercise_time))


def dates_line(report: Report, t: Translator) -> str:
    """The exercise's calendar dates in the reader's language, or that it was a rehearsal."""
    o = report.overview
    if o.rehearsal or o.started is None or o.finished is None:
        return t("report.overview.rehearsal")
    from babel.dates import format_date  # only a dated run pays for Babel's date data

    start = datetime.fromisoformat(o.started).date()
    end = datetime.fromisoformat(o.finished).date()
    first = format_date(start, format="long", locale=t.lang)
    if end == start:
        return str(first)
    return f"{first} – {format_date(end, format='long', locale=t.lang)}"


def language_name(lang: str, t: Translator) -> str:
    name = t(f"languages.{lang}")
    return lang if name == f"languages.{lang}" else name
