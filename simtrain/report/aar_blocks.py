"""The after-action report lowered to document blocks, in the reader's language.

One function per section of the report, in the order a reader meets them; Markdown and HTML
then render the same blocks (:mod:`simtrain.report.md`, :mod:`simtrain.report.html`), so they
show the same sentences, cells and scores. Every score goes through
:func:`~simtrain.live.score_text.score_text`, the reading every seat shares. Charts are drawn
only when a renderer shows them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from simtrain.i18n import Translator, slots
from simtrain.live.score_text import score_text
from simtrain.report import aar_eval, svg
from simtrain.report import wording as w
from simtrain.report.aar_model import Report, ScoreData, TeamSection
from simtrain.report.blocks import (
    Badge,
    Block,
    Cell,
    Contents,
    Facts,
    Heading,
    Inline,
    Items,
    Marked,
    Notes,
    Para,
    ScoreCell,
    Section,
    Seq,
    Svg,
    Table,
    Title,
    plain,
)
from simtrain.session.hseep import RATINGS

SECTIONS = ("overview", "objectives", "teams", "findings", "plan", "observations")


@dataclass(frozen=True, slots=True)
class _Doc:
    """What every section's lowering needs: the report, its names, the reader's language."""

    report: Report
    names: w.Names
    t: Translator

    def heading(self, number: int) -> Heading:
        return Heading(2, f"{number}. {self.t(f'report.{SECTIONS[number - 1]}.heading')}")


def page_title(report: Report, t: Translator) -> str:
    return f"{t('report.title')}: {report.overview.title.text}"


def lower(report: Report, t: Translator) -> list[Block]:
    """The whole report as top-level blocks: a header, the contents, then its sections."""
    doc = _Doc(report, w.Names.of(report), t)
    contents = [(s, t(f"report.{s}.heading")) for s in SECTIONS]
    contents.append((aar_eval.SECTION, t("scores.eval.heading")))
    return [
        header(doc),
        Contents(t("report.contents"), contents),
        overview(doc),
        objectives(doc),
        Section([doc.heading(3)], (("id", "teams"),)),
        *[team(doc, section) for section in report.teams],
        findings(doc),
        plan(doc),
        observations(doc),
        aar_eval.evaluation(report, len(SECTIONS) + 1, doc.names, t),
    ]


def score_cell(data: ScoreData, t: Translator, *, short: bool = False) -> Cell:
    """A score cell; plain text shows it whole, or ``short``: number and letter only."""
    text = score_text(data.score(), t)
    plain_text = text.with_letter() if short else text.cell()
    return Cell(ScoreCell(text, plain_text), "num" if text.scored else "note")


def header(doc: _Doc) -> Section:
    report, t = doc.report, doc.t
    o = report.overview
    generated = t("report.generated", version=report.simtrain, file=o.session_file)
    blocks: list[Block] = [Title(t("report.title"), o.title), Para(generated, "meta")]
    if report.fallback:
        blocks.append(Para(t("report.fallback"), "meta"))
    return Section(blocks, tag="header")


def overview(doc: _Doc) -> Section:
    report, t = doc.report, doc.t
    o = report.overview
    blocks: list[Block] = [doc.heading(1)]
    if o.scenario_file_status in ("changed", "missing"):
        blocks.append(Para(t(f"report.overview.scenario_{o.scenario_file_status}"), "warning"))
    facts: list[tuple[str, Inline]] = [
        (t("report.overview.scenario"), Seq((o.title, f" ({o.scenario_id})"))),
        (t("report.overview.dates"), w.dates_line(report, t)),
        (t("report.overview.played"), w.played_line(report, t)),
        (t("report.overview.language"), w.language_name(o.content_lang, t)),
        (t("report.overview.session"), o.session_file),
        (t("report.overview.events"), str(o.events)),
        (t("report.overview.delivered"), str(o.injects_delivered)),
        (t("report.overview.rated"), str(o.ratings_given)),
        (t("report.overview.unrated"), str(o.unrated)),
        (t("report.overview.late"), str(o.late)),
    ]
    blocks.append(Facts(facts))
    if o.summary is not None:
        blocks += [Heading(3, t("report.overview.summary")), Para(o.summary)]
    if o.phases:
        lines: list[Inline] = [
            Seq(
                tuple(
                    slots(
                        t,
                        "report.overview.phase_line",
                        {"title": p.title},
                        str,
                        start=w.clock(p.started_at),
                        played=w.clock(p.played),
                    )
                )
            )
            for p in o.phases
        ]
        blocks += [Heading(3, t("report.overview.phases")), Items(lines)]
    rows: list[list[Inline | Cell]] = [
        [
            team.name,
            _joined(r.name for r in team.roles),
            score_cell(report.totals[team.id], t, short=True),
        ]
        for team in o.teams
    ]
    headers = [t("report.overview.team"), t("report.overview.roles"), t("report.overview.score")]
    blocks += [Heading(3, t("report.overview.teams")), Table(headers, rows)]
    return Section(blocks, (("id", "overview"),))


def _joined(texts: Iterable[Inline]) -> Seq:
    """Names in a row, separated by commas, each keeping its own fallback mark."""
    parts: list[Inline] = []
    for k, text in enumerate(texts):
        if k:
            parts.append(", ")
        parts.append(text)
    return Seq(tuple(parts))


def objectives(doc: _Doc) -> Section:
    report, t = doc.report, doc.t
    ids = [team.id for team in report.overview.teams]
    names = [team.name for team in report.overview.teams]
    total = t("report.objectives.total")

    def chart() -> str:
        bars = [
            (w.objective_label(row), [score_text(row.teams[tid].score(), t) for tid in ids])
            for row in report.objectives
        ]
        bars.append((total, [score_text(report.totals[tid].score(), t) for tid in ids]))
        tips = [plain(row.text) for row in report.objectives] + [total]
        return svg.score_bars(bars, names, title=t("report.objectives.chart"), tooltips=tips)

    rows: list[list[Inline | Cell]] = [
        [
            row.text if row.short is None else Seq((row.short, " — ", row.text)),
            *[score_cell(row.teams[tid], t) for tid in ids],
        ]
        for row in report.objectives
    ]
    rows.append([Cell(total, header=True), *[score_cell(report.totals[tid], t) for tid in ids]])
    not_covered = Cell(t("report.roles.not_covered"), "note")
    role_rows: list[list[Inline | Cell]] = [
        [
            row.name,
            *[score_cell(row.teams[tid], t) if tid in row.teams else not_covered for tid in ids],
        ]
        for row in report.roles
        if row.teams
    ]
    return Section(
        [
            doc.heading(2),
            Para(t("report.objectives.intro"), "lead"),
            Svg(chart),
            Table([t("report.objectives.objective"), *names], rows),
            Heading(3, t("report.roles.heading")),
            Table([t("report.roles.role"), *names], role_rows),
            Heading(3, t("report.scale.heading")),
            Items([Marked(letter, t(f"report.scale.{letter}")) for letter in RATINGS]),
            Para(t("report.scale.scoring"), "lead"),
        ],
        (("id", "objectives"),),
    )


def team(doc: _Doc, section: TeamSection) -> Section:
    t = doc.t
    roles = _joined(r.name for r in section.roles)
    total = score_text(section.total.score(), t).cell()
    summary: list[Inline] = [
        Seq(tuple(slots(t, "report.teams.roles", {"roles": roles}, str))),
        t("report.teams.score", score=total),
        w.response_line(section, t),
    ]
    blocks: list[Block] = [Heading(3, section.name), Items(summary)]
    blocks += timeline(doc, section)
    blocks.append(Heading(4, t("report.teams.decisions")))
    if section.decisions:
        rows: list[list[Inline | Cell]] = [
            [w.clock(d.at), d.prompt, d.option_text, w.others_text(d.others, doc.names, t)]
            for d in section.decisions
        ]
        headers = [
            t("report.teams.time"),
            t("report.teams.question"),
            t("report.teams.choice"),
            t("report.teams.others"),
        ]
        blocks.append(Table(headers, rows, ("time",)))
    else:
        blocks.append(Para(t("report.teams.no_decisions"), "line"))
    blocks += [Para(line, "line") for line in w.branch_lines(section, doc.names, t)]
    blocks += actions(doc, section)
    return Section(blocks, (("class", "team"), ("id", f"team-{section.id}")))


def timeline(doc: _Doc, section: TeamSection) -> list[Block]:
    """The team's run as a chart (phases, deliveries, ratings, decisions) and as a table."""
    t = doc.t
    o = doc.report.overview
    entries = section.timeline

    def chart() -> str:
        return svg.timeline(
            title=t("report.teams.timeline_chart", team=section.name),
            end=o.exercise_time,
            phases=[(plain(p.title), p.started_at) for p in o.phases],
            delivered=[(e.at, plain(e.label)) for e in entries if e.kind in ("delivered", "adhoc")],
            ratings=[
                (e.at, e.rating or "", e.late, plain(e.label))
                for e in entries
                if e.kind == "rating"
            ],
            decisions=[(e.at, plain(e.label)) for e in entries if e.kind == "decision"],
            labels=(t("report.kind.delivered"), t("report.kind.rating"), t("report.kind.decision")),
        )

    kinds: dict[str, str] = {}
    rows: list[list[Inline | Cell]] = []
    for e in entries:
        key = w.kind_key(e)
        kind = kinds.get(key) or kinds.setdefault(key, t(key))
        event: Inline = Seq((kind, " ", Badge(e.rating))) if e.rating else kind
        detail = w.entry_detail(e, t)
        rows.append([w.clock(e.at), event, Cell(detail, "late") if e.late else detail])
    headers = [t("report.teams.time"), t("report.teams.event"), t("report.teams.detail")]
    return [
        Heading(4, t("report.teams.timeline")),
        Svg(chart),
        Table(headers, rows, ("time", None, "")),
    ]


def actions(doc: _Doc, section: TeamSection) -> list[Block]:
    """Every expected action of the team's roles: when delivered, how fast, how rated."""
    t, names = doc.t, doc.names
    objective = objective_cells(doc)
    rows: list[list[Inline | Cell]] = []
    for a in section.actions:
        response = w.response_text(a.response_time, a.within, a.late, t) or "—"
        rows.append(
            [
                a.text,
                names.roles.get(a.role, a.role),
                objective.get(a.objective, a.objective),
                str(a.points),
                w.clock(a.delivered_at),
                Cell(response, "late") if a.late else response,
                Badge(a.rating) if a.rating else t(f"report.status.{a.status}"),
                a.note,
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
    classes = (None, None, None, "num", "time", None, None, "txt")
    return [Heading(4, t("report.teams.actions")), Table(headers, rows, classes)]


def objective_cells(doc: _Doc) -> dict[str, Inline | Cell]:
    """An objective in a per-team table: its label; a sentence cut to the column keeps its whole
    text as the HTML cell's tooltip."""
    out: dict[str, Inline | Cell] = {}
    for row in doc.report.objectives:
        label, whole = doc.names.objectives.get(row.id, row.id), plain(row.text)
        out[row.id] = label if label == whole or row.short is not None else Cell(label, tip=whole)
    return out


def findings(doc: _Doc) -> Section:
    """Strengths and areas for improvement under each objective, as the evaluators rated them."""
    report, t = doc.report, doc.t
    strengths = w.by_objective(report.strengths, report)
    areas = w.by_objective(report.areas, report)
    blocks: list[Block] = [doc.heading(4), Para(t("report.findings.intro"), "lead")]
    for row in report.objectives:
        if row.short is None:
            blocks.append(Heading(3, row.text))
        else:  # a heading of a few words, the objective's sentence under it
            blocks += [Heading(3, row.short), Para(row.text, "lead")]
        for key, group, none in (
            ("report.findings.strengths", strengths[row.id], "report.findings.none_strengths"),
            ("report.findings.areas", areas[row.id], "report.findings.none_areas"),
        ):
            blocks.append(Heading(5, t(key)))
            if group:
                lines = [Marked(f.rating, w.finding_line(f, doc.names, t)) for f in group]
                blocks.append(Items(lines))
            else:
                blocks.append(Items([t(none)], "note"))
        blocks += aar_eval.late_items(report, row.id, doc.names, t)
    return Section(blocks, (("id", "findings"), ("class", "team")))


def plan(doc: _Doc) -> Section:
    report, t = doc.report, doc.t
    blocks: list[Block] = [doc.heading(5), Para(t("report.plan.intro"), "lead")]
    if not report.plan:
        blocks.append(Para(t("report.plan.none"), "line"))
        return Section(blocks, (("id", "plan"),))
    objective = objective_cells(doc)
    rows: list[list[Inline | Cell]] = [
        [
            objective.get(item.objective, item.objective),
            Seq((item.issue, Notes(tuple(item.notes)))),
            t("report.plan.corrective_text", action=plain(item.issue)),
            item.responsible,
            w.plan_teams(item.teams, item.ratings),
            "",
            "",
        ]
        for item in report.plan
    ]
    headers = [
        t("report.plan.objective"),
        t("report.plan.issue"),
        t("report.plan.corrective"),
        t("report.plan.responsible"),
        t("report.plan.teams"),
        t("report.plan.start"),
        t("report.plan.end"),
    ]
    blocks.append(Table(headers, rows))
    return Section(blocks, (("id", "plan"),))


def observations(doc: _Doc) -> Section:
    report, t = doc.report, doc.t
    blocks: list[Block] = [doc.heading(6)]
    if report.observations:
        rows: list[list[Inline | Cell]] = [
            [w.clock(n.at), w.author(n.author, t), n.text] for n in report.observations
        ]
        headers = [
            t("report.teams.time"),
            t("report.observations.author"),
            t("report.teams.detail"),
        ]
        blocks.append(Table(headers, rows, ("time", None, "txt")))
    else:
        blocks.append(Para(t("report.observations.none"), "line"))
    return Section(blocks, (("id", "observations"),))
