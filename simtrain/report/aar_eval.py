"""The report's Exercise Evaluation Guide section, and its list of late responses.

HSEEP's Exercise Evaluation Guide (EEG) is what an evaluator fills in beside a team: per
objective, the critical tasks (here: the expected actions), what each evaluator observed and how
they rated it, and the final rating. The report rebuilds that page from the log: every rating of
every action each team received, who gave it, when, when they saw the team act, their note, and
the rating that counts (the latest), marked where evaluators disagree.

Lateness is kept apart from the ratings: a late response is listed here with its rating, and it
is never an area for improvement by itself.
"""

from __future__ import annotations

from simtrain.i18n import Translator
from simtrain.live.score_text import evaluator_name
from simtrain.report import wording as w
from simtrain.report.aar_model import ActionRow, RatingEntry, Report
from simtrain.report.blocks import (
    Badge,
    Block,
    Cell,
    Heading,
    Inline,
    Items,
    Marked,
    Para,
    Section,
    Seq,
    Table,
    plain,
)

SECTION = "evaluation"


def entry_text(entry: RatingEntry, t: Translator) -> str:
    """``S · Maria at 1:10 (acted 1:02): note``: one rating as an evaluator gave it."""
    line = t(
        "scores.eval.entry",
        rating=entry.rating,
        evaluator=evaluator_name(entry.evaluator, t),
        time=w.clock(entry.at),
        acted=w.clock(entry.acted_at),
    )
    note = " ".join(entry.note.split())
    return f"{line}: {note}" if note else line


def final_cell(row: ActionRow, t: Translator) -> Cell:
    if row.rating is None:
        return Cell(t("report.status.unrated"), "note")
    if row.disputed:
        return Cell(Seq((Badge(row.rating), " ", t("scores.eval.differ"))), "late")
    return Cell(Badge(row.rating))


def evaluation(report: Report, number: int, names: w.Names, t: Translator) -> Section:
    """Per objective: each team's expected actions received, every rating, the final one."""
    blocks: list[Block] = [
        Heading(2, f"{number}. {t('scores.eval.heading')}"),
        Para(t("scores.eval.intro"), "lead"),
    ]
    headers = [
        t("scores.eval.action"),
        t("scores.eval.team"),
        t("scores.eval.given"),
        t("scores.eval.final"),
    ]
    for objective in report.objectives:
        blocks.append(Heading(3, objective.text))
        rows: list[list[Inline | Cell]] = []
        for section in report.teams:
            for row in section.actions:
                if row.objective != objective.id or row.status not in ("rated", "unrated"):
                    continue
                role = names.roles.get(row.role, row.role)
                given = tuple(entry_text(e, t) for e in row.ratings) or ("—",)
                rows.append(
                    [
                        Seq((row.text, f" ({role})")),
                        section.name,
                        Cell(tuple(given), "txt"),
                        final_cell(row, t),
                    ]
                )
        if rows:
            blocks.append(Table(headers, rows, (None, None, "txt", None)))
        else:
            blocks.append(Para(t("scores.eval.none"), "line"))
    return Section(blocks, (("id", SECTION),))


def late_items(report: Report, objective: str, names: w.Names, t: Translator) -> list[Block]:
    """The late responses under one objective, whatever their rating, apart from the areas."""
    late = [f for f in report.late if f.objective == objective]
    blocks: list[Block] = [Heading(5, t("scores.late.heading"))]
    if late:
        blocks.append(Items([Marked(f.rating, w.finding_line(f, names, t)) for f in late]))
    else:
        blocks.append(Items([t("scores.late.none")], "note"))
    return blocks


__all__ = ["SECTION", "evaluation", "late_items", "plain"]
