"""The after-action report as one self-contained HTML file: inline CSS, inline SVG, no fetches.

It is what a trainer prints or mails after the exercise, so it must open anywhere, offline, and
print cleanly on A4 (each team on a new page; rows and charts never split). Every text that did
not come from our own locale files passes through :func:`esc` (``html.escape``): a team called
``<script>`` is shown, never run. The page carries no script at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from html import escape
from importlib import resources

from simtrain.i18n import Translator
from simtrain.report import svg, view
from simtrain.report.aar import Report, ScoreData, TeamSection, Txt


def esc(text: object) -> str:
    """``html.escape`` with a fast path: most cells (times, labels, numbers) need nothing."""
    s = str(text)
    if "&" in s or "<" in s or ">" in s or '"' in s or "'" in s:
        return escape(s, quote=True)
    return s


@cache
def css() -> str:
    return resources.files("simtrain.report").joinpath("report.css").read_text(encoding="utf-8")


def page(title: str, lang: str, body: Iterable[str]) -> str:
    """A whole HTML document around ``body`` (already escaped markup)."""
    return "".join(
        [
            f'<!DOCTYPE html>\n<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "style-src 'unsafe-inline'; img-src data:\">\n",
            f"<title>{esc(title)}</title>\n<style>\n{css()}</style>\n</head>\n<body>\n",
            *body,
            "\n</body>\n</html>\n",
        ]
    )


def content(txt: Txt | None, t: Translator, *, block: bool = False) -> str:
    """A content text, escaped, in its own language, marked when it fell back."""
    if txt is None:
        return ""
    cls = ' class="txt"' if block else ""
    lang = f' lang="{esc(txt.lang)}"' if txt.fallback else ""
    tag = "div" if block else "span"
    mark = (
        f'<span class="fb" title="{esc(t("report.fallback"))}">{view.FALLBACK_MARK}</span> '
        if txt.fallback
        else ""
    )
    return f"{mark}<{tag}{cls}{lang}>{esc(txt.text)}</{tag}>"


def rating_badge(letter: str | None) -> str:
    if not letter:
        return ""
    cls = "NA" if letter == "N/A" else letter
    return f'<span class="rating r-{esc(cls)}">{esc(letter)}</span>'


def score_td(score: ScoreData, t: Translator) -> str:
    if score.percent is None:
        return f'<td class="note">{esc(t("report.objectives.not_at_stake"))}</td>'
    if not score.rated:
        not_rated = esc(t("report.objectives.not_rated"))
        return f'<td class="note">{not_rated} <span class="counts">(0/{score.unrated})</span></td>'
    counts = view.rating_counts(score)
    counts_html = f" · {esc(counts)}" if counts else ""
    return (
        f'<td class="num">{esc(view.percent(score.percent))} {rating_badge(score.letter)}'
        f'<span class="counts">{counts_html.removeprefix(" · ")} '
        f"({score.rated}/{score.rated + score.unrated})</span></td>"
    )


def table(headers: list[str], rows: Iterable[Iterable[str]], cls: str = "") -> str:
    """A table; ``headers`` are plain text (escaped here), cells are ready ``<td>`` markup."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(r) + "</tr>" for r in rows)
    attr = f' class="{cls}"' if cls else ""
    return f"<table{attr}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>\n"


def td(text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<td{attr}>{esc(text)}</td>"


def render(report: Report, t: Translator) -> str:
    t = view.cached(t)
    o = report.overview
    title = f"{t('report.title')}: {o.title.text}"
    body: list[str] = [f"<header><h1>{esc(t('report.title'))}</h1>"]
    body.append(f"<p><strong>{content(o.title, t)}</strong></p>")
    generated = t("report.generated", version=report.simtrain, file=o.session_file)
    body.append(f'<p class="meta">{esc(generated)}</p>')
    if report.fallback:
        body.append(f'<p class="meta">{esc(t("report.fallback"))}</p>')
    body.append("</header>\n")
    sections = [
        ("overview", t("report.overview.heading")),
        ("objectives", t("report.objectives.heading")),
        ("teams", t("report.teams.heading")),
        ("findings", t("report.findings.heading")),
        ("plan", t("report.plan.heading")),
        ("observations", t("report.observations.heading")),
    ]
    body.append(f"<nav><h4>{esc(t('report.contents'))}</h4><ol>")
    body += [f'<li><a href="#{anchor}">{esc(name)}</a></li>' for anchor, name in sections]
    body.append("</ol></nav>\n")

    body.append(f'<section id="overview"><h2>1. {esc(sections[0][1])}</h2>')
    if o.scenario_file_status in ("changed", "missing"):
        body.append(
            f'<p class="warning">{esc(t(f"report.overview.scenario_{o.scenario_file_status}"))}</p>'
        )
    kv = [
        (t("report.overview.scenario"), f"{content(o.title, t)} ({esc(o.scenario_id)})"),
        (t("report.overview.dates"), esc(view.dates_line(report, t))),
        (t("report.overview.played"), esc(view.played_line(report, t))),
        (t("report.overview.language"), esc(view.language_name(o.content_lang, t))),
        (t("report.overview.session"), esc(o.session_file)),
        (t("report.overview.events"), esc(o.events)),
        (t("report.overview.delivered"), esc(o.injects_delivered)),
        (t("report.overview.rated"), esc(o.ratings_given)),
        (t("report.overview.unrated"), esc(o.unrated)),
        (t("report.overview.late"), esc(o.late)),
    ]
    body.append(
        '<table class="kv"><tbody>'
        + "".join(f"<tr><th>{esc(k)}</th><td>{v}</td></tr>" for k, v in kv)
        + "</tbody></table>"
    )
    if o.summary is not None:
        body.append(
            f"<h3>{esc(t('report.overview.summary'))}</h3>{content(o.summary, t, block=True)}"
        )
    if o.phases:
        body.append(f"<h3>{esc(t('report.overview.phases'))}</h3><ul>")
        for p in o.phases:
            line = t(
                "report.overview.phase_line",
                title="\x00",
                start=view.clock(p.started_at),
                played=view.clock(p.played),
            )
            before, _, after = line.partition("\x00")
            body.append(f"<li>{esc(before)}{content(p.title, t)}{esc(after)}</li>")
        body.append("</ul>")
    body.append(f"<h3>{esc(t('report.overview.teams'))}</h3>")
    rows = [
        [
            td(team.name),
            f"<td>{', '.join(content(r.name, t) for r in team.roles)}</td>",
            score_td(report.totals[team.id], t),
        ]
        for team in o.teams
    ]
    headers = [t("report.overview.team"), t("report.overview.roles"), t("report.overview.score")]
    body.append(table(headers, rows))
    body.append("</section>\n")

    body.append(f'<section id="objectives"><h2>2. {esc(sections[1][1])}</h2>')
    body.append(f'<p class="note">{esc(t("report.objectives.intro"))}</p>')
    ids = [team.id for team in o.teams]
    names = [team.name for team in o.teams]
    chart_rows = [
        (view.text_of(row.text), [row.teams[tid].percent for tid in ids])
        for row in report.objectives
    ]
    chart_rows.append((t("report.objectives.total"), [report.totals[tid].percent for tid in ids]))
    body.append(svg.score_bars(chart_rows, names, title=t("report.objectives.chart")))
    rows = [
        [f"<td>{content(row.text, t)}</td>", *[score_td(row.teams[tid], t) for tid in ids]]
        for row in report.objectives
    ]
    rows.append(
        [
            f"<th>{esc(t('report.objectives.total'))}</th>",
            *[score_td(report.totals[tid], t) for tid in ids],
        ]
    )
    body.append(table([t("report.objectives.objective"), *names], rows))
    body.append(f"<h3>{esc(t('report.roles.heading'))}</h3>")
    rows = [
        [
            f"<td>{content(row.name, t)}</td>",
            *[
                score_td(row.teams[tid], t)
                if tid in row.teams
                else f'<td class="note">{esc(t("report.roles.not_covered"))}</td>'
                for tid in ids
            ],
        ]
        for row in report.roles
        if row.teams
    ]
    body.append(table([t("report.roles.role"), *names], rows))
    body.append(f"<h3>{esc(t('report.scale.heading'))}</h3><ul>")
    for letter in ("P", "S", "M", "U", "N/A"):
        body.append(f"<li>{rating_badge(letter)} {esc(t(f'report.scale.{letter}'))}</li>")
    body.append(f'</ul><p class="note">{esc(t("report.scale.scoring"))}</p></section>\n')

    body.append(f'<section id="teams"><h2>3. {esc(sections[2][1])}</h2></section>\n')
    for team in report.teams:
        body.append(_team(team, report, t))

    body.append(f'<section id="findings" class="team"><h2>4. {esc(sections[3][1])}</h2>')
    body.append(f'<p class="note">{esc(t("report.findings.intro"))}</p>')
    strengths = {oid: items for oid, _, items in view.by_objective(report.strengths, report)}
    areas = {oid: items for oid, _, items in view.by_objective(report.areas, report)}
    objective_txt = {row.id: row.text for row in report.objectives}
    for oid, name, _ in view.by_objective([], report):
        heading = content(objective_txt[oid], t) if oid in objective_txt else esc(name)
        body.append(f"<h3>{heading}</h3>")
        for key, group, none in (
            ("report.findings.strengths", strengths.get(oid, []), "report.findings.none_strengths"),
            ("report.findings.areas", areas.get(oid, []), "report.findings.none_areas"),
        ):
            body.append(f"<h4>{esc(t(key))}</h4><ul>")
            if group:
                body += [
                    f"<li>{rating_badge(f.rating)} {esc(view.finding_line(f, report, t))}</li>"
                    for f in group
                ]
            else:
                body.append(f'<li class="note">{esc(t(none))}</li>')
            body.append("</ul>")
    body.append("</section>\n")

    body.append(f'<section id="plan"><h2>5. {esc(sections[4][1])}</h2>')
    body.append(f'<p class="note">{esc(t("report.plan.intro"))}</p>')
    if report.plan:
        objectives = view.objective_names(report)
        rows = []
        for item in report.plan:
            notes = "".join(f'<span class="counts">{esc(n)}</span>' for n in item.notes)
            rows.append(
                [
                    td(objectives.get(item.objective, item.objective)),
                    f"<td>{content(item.issue, t)}{notes}</td>",
                    td(view.corrective(view.text_of(item.issue), t)),
                    f"<td>{content(item.responsible, t)}</td>",
                    td(view.plan_teams(item.teams, item.ratings)),
                    "<td></td>",
                    "<td></td>",
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
        body.append(table(headers, rows))
    else:
        body.append(f"<p>{esc(t('report.plan.none'))}</p>")
    body.append("</section>\n")

    body.append(f'<section id="observations"><h2>6. {esc(sections[5][1])}</h2>')
    if report.observations:
        rows = [
            [td(view.clock(n.at), "time"), td(n.author), f'<td class="txt">{esc(n.text)}</td>']
            for n in report.observations
        ]
        headers = [
            t("report.teams.time"),
            t("report.observations.author"),
            t("report.teams.detail"),
        ]
        body.append(table(headers, rows))
    else:
        body.append(f"<p>{esc(t('report.observations.none'))}</p>")
    body.append("</section>\n")
    return page(title, t.lang, body)


def _team(team: TeamSection, report: Report, t: Translator) -> str:
    out = [f'<section class="team" id="team-{esc(team.id)}"><h3>{esc(team.name)}</h3><ul>']
    roles = ", ".join(content(r.name, t) for r in team.roles)
    label, _, rest = t("report.teams.roles", roles="\x00").partition("\x00")
    out.append(f"<li>{esc(label)}{roles}{esc(rest)}</li>")
    out.append(f"<li>{esc(t('report.teams.score', score=view.score_cell(team.total, t)))}</li>")
    out.append(f"<li>{esc(view.response_line(team, t))}</li></ul>")

    out.append(f"<h4>{esc(t('report.teams.timeline'))}</h4>")
    o = report.overview
    out.append(
        svg.timeline(
            title=t("report.teams.timeline_chart", team=team.name),
            end=o.exercise_time,
            phases=[(view.text_of(p.title), p.started_at) for p in o.phases],
            delivered=[
                (e.at, view.text_of(e.label))
                for e in team.timeline
                if e.kind in ("delivered", "adhoc")
            ],
            ratings=[
                (e.at, e.rating or "", e.late, view.text_of(e.label))
                for e in team.timeline
                if e.kind == "rating"
            ],
            decisions=[
                (e.at, view.text_of(e.label)) for e in team.timeline if e.kind == "decision"
            ],
            labels=(t("report.kind.delivered"), t("report.kind.rating"), t("report.kind.decision")),
        )
    )
    rows = []
    for e in team.timeline:
        event = esc(t(f"report.kind.{e.kind}"))
        if e.kind == "rating":
            event += " " + rating_badge(e.rating)
        detail = esc(view.entry_detail(e, t))
        cls = "late" if e.late else ""
        rows.append(
            [td(view.clock(e.at), "time"), f"<td>{event}</td>", f'<td class="{cls}">{detail}</td>']
        )
    headers = [t("report.teams.time"), t("report.teams.event"), t("report.teams.detail")]
    out.append(table(headers, rows))

    out.append(f"<h4>{esc(t('report.teams.decisions'))}</h4>")
    if team.decisions:
        rows = [
            [
                td(view.clock(d.at), "time"),
                f"<td>{content(d.prompt, t)}</td>",
                f"<td>{content(d.option_text, t)}</td>",
                td(view.others_text(d.others, report, t)),
            ]
            for d in team.decisions
        ]
        headers = [
            t("report.teams.time"),
            t("report.teams.question"),
            t("report.teams.choice"),
            t("report.teams.others"),
        ]
        out.append(table(headers, rows))
    else:
        out.append(f"<p>{esc(t('report.teams.no_decisions'))}</p>")
    out += [f"<p>{esc(line)}</p>" for line in view.branch_lines(team, report, t)]

    out.append(f"<h4>{esc(t('report.teams.actions'))}</h4>")
    roles_by_id = view.role_names(report)
    objectives = view.objective_names(report)
    rows = []
    for a in team.actions:
        status = rating_badge(a.rating) if a.rating else esc(view.action_status(a, t))
        response = view.response_text(a.response_time, a.within, a.late, t) or "—"
        rows.append(
            [
                f"<td>{content(a.text, t)}</td>",
                td(roles_by_id.get(a.role, a.role)),
                td(objectives.get(a.objective, a.objective)),
                td(str(a.points), "num"),
                td(view.clock(a.delivered_at), "time"),
                td(response, "late" if a.late else ""),
                f"<td>{status}</td>",
                f'<td class="txt">{esc(a.note)}</td>',
            ]
        )
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
    out.append(table(headers, rows))
    out.append("</section>\n")
    return "".join(out)
