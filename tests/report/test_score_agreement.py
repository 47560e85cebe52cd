"""N/A, unrated and late actions count the same in every report format as in the session's scores.

A session file is written by the rehearsal runner (a real SQLite file), one report per format is
written from it by the ``report`` command, and each file is read back as a reader would: the
Markdown and HTML from a team's score line and its actions table, the CSV from its rows, the JSON
from its totals. Each must agree with :meth:`Session.scores` of the reopened file, and with the
counts the script was written to produce.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from simtrain.cli import main
from simtrain.i18n import Translator
from simtrain.session import Session
from tests.report.conftest import FIXTURES, make_session

T = Translator("en")
TEAMS = {
    "alpha": "Team Alpha",
    "bravo": "Team Bravo",
    "charlie": "Team Charlie",
    "delta": "Team Delta",
}


@dataclass(frozen=True)
class Shown:
    """What one format shows of one team's score (None: this format does not show it)."""

    status: str
    rated: int
    unrated: int
    late: int
    not_applicable: int


@pytest.fixture(scope="module")
def session_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("agreement") / "na-unrated-late.simtrain"
    return make_session("online-recruitment", FIXTURES / "na-unrated-late.yaml", out)


def written(path: Path, fmt: str) -> str:
    out = path.with_suffix(f".{fmt}")
    assert main(["report", str(path), "--lang", "en", "--format", fmt, "-o", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def status_of(rated: int, unrated: int) -> str:
    """The HSEEP reading, written out for the test: nothing at stake, only a backlog, or a score."""
    return "scored" if rated else "unrated" if unrated else "not_at_stake"


def from_score_line(cell: str) -> str:
    """The status a reader sees in a score's words: "nothing at stake", "not rated yet · 0 of 2
    rated", or "29% of rated (M) · P 1 · N/A 1 · 1 of 3 rated" (issue 13: the quality of what is
    rated beside the coverage; the letter only once half is rated)."""
    if cell == T("report.objectives.not_at_stake"):
        return "not_at_stake"
    if cell.startswith(T("report.objectives.not_rated")):
        return "unrated"
    assert re.match(r"\d+% of rated( \([PSMU]\))? · ", cell), cell
    return "scored"


def from_action_cells(ratings: list[str], late: int, status: str) -> Shown:
    rated = sum(r in ("P", "S", "M", "U") for r in ratings)
    unrated = ratings.count(T("report.status.unrated"))
    return Shown(status, rated, unrated, late, ratings.count("N/A"))


def md_shown(text: str, name: str) -> Shown:
    section = text.split(f"\n### {name}\n", 1)[1].split("\n### ", 1)[0]
    score_prefix = "- " + T("report.teams.score", score="")
    line = next(x for x in section.splitlines() if x.startswith(score_prefix))
    actions = section.split(f"#### {T('report.teams.actions')}", 1)[1]
    rows = [r.strip("|").split(" | ") for r in actions.splitlines() if r.startswith("| ")][1:]
    late_prefix = T("report.entry.late", response="\0", window="\0").split("\0")[0]
    late = sum(r[5].strip().startswith(late_prefix) for r in rows)
    status = from_score_line(line.removeprefix(score_prefix).replace("\\", ""))
    return from_action_cells([r[6].strip().replace("\\", "") for r in rows], late, status)


def html_shown(page: str, team_id: str) -> Shown:
    section = page.split(f'<section class="team" id="team-{team_id}">', 1)[1].split("</section>")[0]
    score_prefix = "<li>" + T("report.teams.score", score="")
    line = section.split(score_prefix, 1)[1].split("</li>", 1)[0]
    actions = section.split(f"<h4>{T('report.teams.actions')}</h4>", 1)[1]
    body = actions.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = [re.findall(r"<td( class=\"[^\"]*\")?>(.*?)</td>", r) for r in body.split("<tr>")[1:]]
    late = sum(r[5][0] == ' class="late"' for r in rows)
    ratings = [re.sub(r"<[^>]+>", "", r[6][1]) for r in rows]
    return from_action_cells(ratings, late, from_score_line(line))


def csv_shown(text: str, team_id: str) -> Shown:
    rows = [r for r in csv.reader(io.StringIO(text)) if r[0] == team_id]
    ratings = [r[10] for r in rows]
    rated = sum(r in ("P", "S", "M", "U") for r in ratings)
    unrated = sum(r[9] == "unrated" for r in rows)
    late = sum(r[16] == "1" for r in rows)
    return Shown(status_of(rated, unrated), rated, unrated, late, ratings.count("N/A"))


def json_shown(text: str, team_id: str) -> Shown:
    total = json.loads(text)["totals"][team_id]
    # issue 13: "percent" is the quality of what is rated, None until something is rated
    rated = total["percent"] is not None
    status = "scored" if rated else "unrated" if total["unrated"] else "not_at_stake"
    return Shown(status, total["rated"], total["unrated"], total["late"], total["ratings"]["N/A"])


def test_every_format_counts_na_unrated_and_late_as_the_session_does(session_file: Path) -> None:
    with Session.open(session_file) as session:
        scores = {tid: s.total for tid, s in session.scores().items()}
    expected = {
        tid: Shown(s.status, s.rated, s.unrated, s.late, s.not_applicable)
        for tid, s in scores.items()
    }
    # what the script was written to produce, so the session's own scores are checked too
    assert expected["alpha"] == Shown("scored", 1, 3, 1, 1)
    assert expected["bravo"].status == "unrated" and expected["bravo"].unrated >= 1
    assert expected["charlie"] == Shown("not_at_stake", 0, 0, 0, 0)
    assert expected["delta"] == Shown("not_at_stake", 0, 0, 0, 1)
    # a P on 10 of 40 points at stake: presume-minor 15, notify-cp 10 (P), welfare-first 10, and
    # investigator-halt 5 (cp-learns-late came: notify-cp was not done in its window); N/A is out.
    # Issue 13: the score is the quality of what is rated (the one P: 100 %), beside its coverage
    # (1 of 4 rated), which is too low for a letter; the unrated three are not zeros
    assert scores["alpha"].percent == 100.0 and scores["alpha"].letter is None

    md, page = written(session_file, "md"), written(session_file, "html")
    table, data = written(session_file, "csv"), written(session_file, "json")
    for tid, name in TEAMS.items():
        shown = {
            "md": md_shown(md, name),
            "html": html_shown(page, tid),
            "csv": csv_shown(table, tid),
            "json": json_shown(data, tid),
        }
        assert shown == dict.fromkeys(shown, expected[tid]), tid


def test_the_chart_draws_no_bar_for_a_score_its_table_calls_not_rated(session_file: Path) -> None:
    """The HTML chart and the table beside it read the same status: a team with only a backlog
    (Bravo) gets a dash and no bar on the total, not "0%" (which a U would earn)."""
    html = written(session_file, "html")
    chart = html[html.index('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') :]
    chart = chart[: chart.index("</svg>")]
    bars = re.findall(r'width="([\d.]+)"[^>]*><title>([^<:]+): ([^<]+)</title>', chart)
    bravo = [(width, shown) for width, name, shown in bars if name == TEAMS["bravo"]]
    assert bravo, chart[:400]
    assert all(shown == "—" and float(width) == 0 for width, shown in bravo), bravo
    alpha = [shown for _, name, shown in bars if name == TEAMS["alpha"]]
    assert any(shown.endswith("%") for shown in alpha), alpha
