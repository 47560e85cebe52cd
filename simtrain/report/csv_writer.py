"""The after-action report as CSV: one row per team x expected action, for a spreadsheet.

Every expected action of a role the team covers gets a row, delivered or not, so a sponsor can
filter what was never played as easily as what was rated U. Headers are in the report's language;
codes (ids, rating letters, seconds) stay as they are so formulas work in any language. A cell that
a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``) is prefixed with an
apostrophe: team and evaluator text is untrusted.
"""

from __future__ import annotations

import csv
import io

from simtrain.i18n import Translator
from simtrain.report.aar_model import Report
from simtrain.report.blocks import plain
from simtrain.sanitize import visible

COLUMNS = (
    "team",
    "team_name",
    "expect",
    "text",
    "inject",
    "inject_title",
    "role",
    "objective",
    "points",
    "status",
    "rating",
    "earned",
    "delivered_at",
    "rated_at",
    "response_col",
    "window",
    "late",
    "note",
    "evaluator",
    "delayed_until",
    "skip_note",
)


def _safe(value: object) -> str:
    text = "" if value is None else visible(str(value))
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def render(report: Report, t: Translator) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([t(f"report.csv.{c}") for c in COLUMNS])
    for team in report.teams:
        delayed = {e.ref: e.until for e in team.timeline if e.kind == "delayed"}
        skipped = {e.ref: e.note for e in team.timeline if e.kind == "skipped"}
        for a in team.actions:
            writer.writerow(
                [
                    _safe(v)
                    for v in (
                        team.id,
                        team.name,
                        a.expect,
                        plain(a.text),
                        a.inject,
                        plain(a.inject_title),
                        a.role,
                        a.objective,
                        a.points,
                        a.status,
                        a.rating or "",
                        f"{a.earned:g}",
                        a.delivered_at,
                        a.rated_at,
                        a.response_time,
                        a.within,
                        "1" if a.late else "0",
                        " ".join(a.note.split()),
                        a.evaluator,
                        delayed.get(a.inject),
                        " ".join(skipped.get(a.inject, "").split()),
                    )
                ]
            )
    return out.getvalue()
