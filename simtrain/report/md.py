"""The after-action report as Markdown: the file a trainer edits before it goes to the ministry.

Every text that came from the scenario, a team or an evaluator is escaped: Markdown punctuation is
backslash-escaped so a note holding ``<script>`` or ``**`` reads literally in any renderer, and in
tables pipes are escaped and line breaks folded, so a note can never break a table's shape.
"""

from __future__ import annotations

import re

from simtrain.i18n import Translator
from simtrain.report import view
from simtrain.report.aar import Report, TeamSection

_ESCAPES = {ord(c): "\\" + c for c in "\\`*_[]<>|~#&{}!"}
_BLOCK_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")


def inline(text: str) -> str:
    """Literal text inside a line: every Markdown-active character backslash-escaped."""
    return text.translate(_ESCAPES)


def cell(text: str) -> str:
    """A table cell: literal, on one line, pipes escaped."""
    return inline(" ".join(text.split()))


def block(text: str) -> str:
    """Literal paragraphs: inline escapes, plus list/quote/heading markers at a line's start."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    out = []
    for paragraph in paragraphs:
        lines = [
            _BLOCK_START.sub(r"\1\\\2", inline(line.strip())) for line in paragraph.split("\n")
        ]
        out.append("  \n".join(lines))
    return "\n\n".join(out)


def table(headers: list[str], rows: list[list[str]]) -> list[str]:
    """A pipe table; headers and cells are plain text, escaped here."""
    lines = ["| " + " | ".join(cell(h) for h in headers) + " |"]
    lines.append("|" + "|".join("---" for _ in headers) + "|")
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return lines


def render(report: Report, t: Translator) -> str:
    t = view.cached(t)
    out: list[str] = []
    o = report.overview
    title = view.text_of(o.title)
    out += [f"# {inline(t('report.title'))}: {inline(title)}", ""]
    out += [f"*{inline(t('report.generated', version=report.simtrain, file=o.session_file))}*", ""]
    if report.fallback:
        out += [f"*{inline(t('report.fallback'))}*", ""]

    out += [f"## 1. {inline(t('report.overview.heading'))}", ""]
    if o.scenario_file_status in ("changed", "missing"):
        out += [f"> {inline(t(f'report.overview.scenario_{o.scenario_file_status}'))}", ""]
    rows = [
        [t("report.overview.scenario"), f"{title} ({o.scenario_id})"],
        [t("report.overview.dates"), view.dates_line(report, t)],
        [t("report.overview.played"), view.played_line(report, t)],
        [t("report.overview.language"), view.language_name(o.content_lang, t)],
        [t("report.overview.session"), o.session_file],
        [t("report.overview.events"), str(o.events)],
        [t("report.overview.delivered"), str(o.injects_delivered)],
        [t("report.overview.rated"), str(o.ratings_given)],
        [t("report.overview.unrated"), str(o.unrated)],
        [t("report.overview.late"), str(o.late)],
    ]
    out += [*table(["", ""], rows), ""]
    if o.summary is not None:
        out += [
            f"### {inline(t('report.overview.summary'))}",
            "",
            block(view.text_of(o.summary)),
            "",
        ]
    if o.phases:
        out += [f"### {inline(t('report.overview.phases'))}", ""]
        for p in o.phases:
            line = view.phase_line(view.text_of(p.title), p.started_at, p.played, t)
            out.append(f"- {inline(line)}")
        out.append("")
    out += [f"### {inline(t('report.overview.teams'))}", ""]
    team_rows = [
        [
            team.name,
            ", ".join(view.text_of(r.name) for r in team.roles),
            view.score_short(report.totals[team.id]),
        ]
        for team in o.teams
    ]
    headers = [t("report.overview.team"), t("report.overview.roles"), t("report.overview.score")]
    out += [*table(headers, team_rows), ""]

    out += [
        f"## 2. {inline(t('report.objectives.heading'))}",
        "",
        inline(t("report.objectives.intro")),
        "",
    ]
    names = [team.name for team in o.teams]
    ids = [team.id for team in o.teams]
    obj_rows = [
        [view.text_of(row.text), *[view.score_cell(row.teams[tid], t) for tid in ids]]
        for row in report.objectives
    ]
    obj_rows.append(
        [t("report.objectives.total"), *[view.score_cell(report.totals[tid], t) for tid in ids]]
    )
    out += [*table([t("report.objectives.objective"), *names], obj_rows), ""]
    out += [f"### {inline(t('report.roles.heading'))}", ""]
    role_rows = [
        [
            view.text_of(row.name),
            *[
                view.score_cell(row.teams[tid], t)
                if tid in row.teams
                else t("report.roles.not_covered")
                for tid in ids
            ],
        ]
        for row in report.roles
        if row.teams
    ]
    out += [*table([t("report.roles.role"), *names], role_rows), ""]
    out += [f"### {inline(t('report.scale.heading'))}", ""]
    for letter in ("P", "S", "M", "U", "N/A"):
        out.append(f"- {inline(t(f'report.scale.{letter}'))}")
    out += ["", inline(t("report.scale.scoring")), ""]

    out += [f"## 3. {inline(t('report.teams.heading'))}", ""]
    for team in report.teams:
        out += _team(team, report, t)

    out += [
        f"## 4. {inline(t('report.findings.heading'))}",
        "",
        inline(t("report.findings.intro")),
        "",
    ]
    strengths = {oid: items for oid, _, items in view.by_objective(report.strengths, report)}
    areas = {oid: items for oid, _, items in view.by_objective(report.areas, report)}
    for oid, name, _ in view.by_objective([], report):
        out += [f"### {inline(name)}", ""]
        for key, group, none in (
            ("report.findings.strengths", strengths.get(oid, []), "report.findings.none_strengths"),
            ("report.findings.areas", areas.get(oid, []), "report.findings.none_areas"),
        ):
            out += [f"**{inline(t(key))}**", ""]
            if group:
                out += [
                    f"- {inline(' '.join(view.finding_line(f, report, t).split()))}" for f in group
                ]
            else:
                out.append(f"- {inline(t(none))}")
            out.append("")

    out += [f"## 5. {inline(t('report.plan.heading'))}", "", inline(t("report.plan.intro")), ""]
    if report.plan:
        objectives = view.objective_names(report)
        plan_rows = []
        for item in report.plan:
            issue = view.text_of(item.issue)
            if item.notes:
                issue += " — " + " / ".join(item.notes)
            plan_rows.append(
                [
                    objectives.get(item.objective, item.objective),
                    issue,
                    view.corrective(view.text_of(item.issue), t),
                    view.text_of(item.responsible),
                    view.plan_teams(item.teams, item.ratings),
                    "",
                    "",
                ]
            )
        headers = [
            t("report.plan.objective"),
            t("report.plan.issue"),
            t("report.plan.corrective"),
            t("report.plan.responsible"),
            t("report.plan.teams"),
            t("report.plan.start"),
            t("report.plan.end"),
        ]
        out += [*table(headers, plan_rows), ""]
    else:
        out += [inline(t("report.plan.none")), ""]

    out += [f"## 6. {inline(t('report.observations.heading'))}", ""]
    if report.observations:
        obs_rows = [[view.clock(n.at), n.author, n.text] for n in report.observations]
        headers = [
            t("report.teams.time"),
            t("report.observations.author"),
            t("report.teams.detail"),
        ]
        out += [*table(headers, obs_rows), ""]
    else:
        out += [inline(t("report.observations.none")), ""]
    return "\n".join(out).rstrip() + "\n"


def _team(team: TeamSection, report: Report, t: Translator) -> list[str]:
    out = [f"### {inline(team.name)}", ""]
    roles = ", ".join(view.text_of(r.name) for r in team.roles)
    out.append(f"- {inline(t('report.teams.roles', roles=roles))}")
    out.append(f"- {inline(t('report.teams.score', score=view.score_cell(team.total, t)))}")
    out.append(f"- {inline(view.response_line(team, t))}")
    out.append("")

    out += [f"#### {inline(t('report.teams.timeline'))}", ""]
    rows = [
        [view.clock(e.at), view.entry_event(e, t), view.entry_detail(e, t)] for e in team.timeline
    ]
    headers = [t("report.teams.time"), t("report.teams.event"), t("report.teams.detail")]
    out += [*table(headers, rows), ""]

    out += [f"#### {inline(t('report.teams.decisions'))}", ""]
    if team.decisions:
        rows = [
            [
                view.clock(d.at),
                view.text_of(d.prompt),
                view.text_of(d.option_text),
                view.others_text(d.others, report, t),
            ]
            for d in team.decisions
        ]
        headers = [
            t("report.teams.time"),
            t("report.teams.question"),
            t("report.teams.choice"),
            t("report.teams.others"),
        ]
        out += [*table(headers, rows), ""]
    else:
        out += [inline(t("report.teams.no_decisions")), ""]
    for line in view.branch_lines(team, report, t):
        out += [inline(line), ""]

    out += [f"#### {inline(t('report.teams.actions'))}", ""]
    roles_by_id = view.role_names(report)
    objectives = view.objective_names(report)
    rows = [
        [
            view.text_of(a.text),
            roles_by_id.get(a.role, a.role),
            objectives.get(a.objective, a.objective),
            str(a.points),
            view.clock(a.delivered_at),
            view.response_text(a.response_time, a.within, a.late, t) or "—",
            view.action_status(a, t),
            a.note,
        ]
        for a in team.actions
    ]
    headers = [
        t("report.teams.action"),
        t("report.teams.role"),
        t("report.teams.objective"),
        t("report.teams.points"),
        t("report.teams.delivered_at"),
        t("report.teams.response_col"),
        t("report.overview.rating"),
        t("report.teams.note"),
    ]
    out += [*table(headers, rows), ""]
    return out
