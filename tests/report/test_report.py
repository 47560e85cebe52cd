"""After-action reports of rehearsal sessions: every format, every language, the right content."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from simtrain.cli import main
from simtrain.i18n import Translator
from simtrain.report import aar, csv_writer, html, json_writer, md
from simtrain.resources import scenarios_dir
from simtrain.session import Session
from tests.report.conftest import make_session, shipped_rehearsals

LANGS = ("en", "ru", "it")
ROOT = Path(__file__).resolve().parents[2]


def report_of(path: Path, lang: str) -> aar.Report:
    with Session.open(path) as session:
        return aar.build(session, lang)


SHARES = {"P": 1.0, "S": 0.66, "M": 0.33, "U": 0.0}
"""The HSEEP shares, written out here rather than imported: the test's own reading of the scale."""


def percent_by_hand(session: Session, team_id: str, objective: str | None) -> float | None:
    """Points earned over the points of the rated actions (issue 13: the quality of what is
    rated), recomputed from the scenario and the ratings given: only actions of injects
    delivered to the team, of roles it covers; N/A and unrated left out."""
    ts = session.state.teams[team_id]
    earned = at_stake = 0.0
    for inject in session.scenario.injects:
        if inject.id not in ts.delivered:
            continue
        for action in inject.expect:
            if action.by not in ts.team.roles or objective not in (None, action.objective):
                continue
            history = ts.ratings.get(action.id)
            rating = history[-1].rating if history else None
            if rating is None or rating == "N/A":
                continue
            at_stake += action.points
            earned += action.points * SHARES.get(rating or "U", 0.0)
    return round(100 * earned / at_stake, 1) if at_stake else None


def test_numbers_are_the_sessions_scores(two_teams: Path) -> None:
    with Session.open(two_teams) as session:
        report = aar.build(session, "en")
        for team_id in session.state.teams:
            assert report.totals[team_id].percent == percent_by_hand(session, team_id, None)
            for row in report.objectives:
                expected = percent_by_hand(session, team_id, row.id)
                assert row.teams[team_id].percent == expected, (team_id, row.id)
    alpha, bravo = report.totals["alpha"], report.totals["bravo"]
    assert alpha.percent is not None and bravo.percent is not None
    assert alpha.ratings["P"] == 2 and alpha.ratings["S"] == 1
    assert bravo.ratings["M"] == 2 and bravo.ratings["U"] == 1 and bravo.ratings["N/A"] == 1


def test_overview_teams_timeline_decisions_branch(two_teams: Path) -> None:
    report = report_of(two_teams, "en")
    o = report.overview
    assert o.scenario_id == "online-recruitment" and o.rehearsal and o.started is None
    assert [t.id for t in o.teams] == ["alpha", "bravo"]
    assert [r.id for r in o.teams[1].roles] == [
        "investigator",
        "prosecutor",
        "lawyer",
        "child-protection",
    ]
    assert o.exercise_time == 6 * 3600
    alpha, bravo = report.teams
    delivered = [(e.at, e.ref) for e in alpha.timeline if e.kind == "delivered"]
    assert delivered[0] == (600, "arrest-call")
    rating = next(e for e in bravo.timeline if e.kind == "rating" and e.ref == "notify-cp")
    assert rating.rating == "M" and rating.at == 6600 and rating.response_time == 6000
    assert rating.late and rating.within == 3600
    charge = alpha.decisions[0]
    assert charge.option == "apply-non-punishment" and charge.parted
    assert charge.others == {"bravo": "charge-drug-offence"}
    # the paths part where they first differ (m14): Alpha did notify-cp, so cp-notified reached
    # it at 0:40 and never Bravo, long before the decision answered differently at 3:45
    assert (alpha.branch.parted_at, alpha.branch.parted_on) == (2400, "cp-notified")
    assert (alpha.branch.cause, alpha.branch.peer) == ("only_here", "bravo")
    assert (bravo.branch.parted_at, bravo.branch.cause) == (2400, "not_here")
    assert "nrm-referral" in alpha.branch.only_here
    assert "detention-hearing" in bravo.branch.only_here
    assert "nrm-referral" in bravo.branch.not_here
    assert bravo.response.late == 2
    assert {f.expect for f in report.strengths} == {
        "notify-cp",
        "presume-minor",
        "reasoned-decision",
    }
    assert all(f.team == "alpha" for f in report.strengths)
    assert {(f.team, f.expect) for f in report.areas} >= {
        ("bravo", "presume-minor"),
        ("bravo", "notify-cp"),
        ("bravo", "reasoned-decision"),
    }
    plan = {p.expect: p for p in report.plan}
    assert plan["presume-minor"].ratings == ["U"] and plan["presume-minor"].role == "investigator"
    assert [n.text for n in report.observations] == [
        "Good energy in the room; the interpreter arrived late for both teams."
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_markdown_in_each_language(two_teams: Path, lang: str) -> None:
    t = Translator(lang)
    text = md.render(report_of(two_teams, lang), t)
    for key in (
        "report.overview.heading",
        "report.objectives.heading",
        "report.teams.heading",
        "report.findings.heading",
        "report.plan.heading",
    ):
        assert t(key) in text
    assert "Team Alpha" in text
    assert r"Bravo \<b\>\&amp; \| co\</b\>" in text  # literal, and the table keeps its shape
    assert "<script>" not in text and r"\<script\>" in text
    assert "Questioned him as an adult for an hour \\| no lawyer" in text
    assert "3:45" in text and "1:50" in text
    for line in text.splitlines():
        if line.startswith("| Team Alpha |"):
            assert line.count(" | ") == 2
    title = {"en": "A job advert", "ru": "Объявление о работе", "it": "Un annuncio di lavoro"}
    assert title[lang] in text


@pytest.mark.parametrize("lang", LANGS)
def test_html_in_each_language(two_teams: Path, lang: str) -> None:
    t = Translator(lang)
    page = html.render(report_of(two_teams, lang), t)
    assert page.startswith("<!DOCTYPE html>") and f'<html lang="{lang}">' in page
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in page and "<link" not in page and "@import" not in page
    assert "Bravo &lt;b&gt;&amp;amp; | co&lt;/b&gt;" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<svg") == 1 + 2  # score bars, then one timeline per team
    assert "break-before: page" in page and "size: A4" in page
    assert t("report.plan.heading") in page
    assert '<span class="rating r-U">U</span>' in page


@pytest.mark.parametrize("lang", LANGS)
def test_csv_one_row_per_team_and_expected_action(two_teams: Path, lang: str) -> None:
    report = report_of(two_teams, lang)
    rows = list(csv.reader(io.StringIO(csv_writer.render(report, Translator(lang)))))
    header, body = rows[0], rows[1:]
    assert header[0] == Translator(lang)("report.csv.team")
    expected = sum(len(team.actions) for team in report.teams)
    assert len(body) == expected
    keys = {(r[0], r[2]) for r in body}
    assert len(keys) == len(body)
    bravo_notify = next(r for r in body if r[0] == "bravo" and r[2] == "notify-cp")
    assert bravo_notify[10] == "M" and bravo_notify[16] == "1" and bravo_notify[14] == "6000"
    assert bravo_notify[1] == "Bravo <b>&amp; | co</b>"
    not_delivered = [r for r in body if r[9] == "not_delivered"]
    assert not_delivered  # the rest of the four days was never played


def test_csv_defuses_formulas() -> None:
    assert csv_writer._safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert csv_writer._safe("Plain") == "Plain"


@pytest.mark.parametrize("lang", LANGS)
def test_json_is_stable_and_matches_its_schema(two_teams: Path, lang: str) -> None:
    first = json_writer.render(report_of(two_teams, lang))
    assert first == json_writer.render(report_of(two_teams, lang))
    data = json.loads(first)
    assert data["format"] == "simtrain-report" and data["version"] == 1 and data["lang"] == lang
    assert [t["id"] for t in data["teams"]] == ["alpha", "bravo"]
    assert data["totals"]["bravo"]["ratings"]["U"] == 1
    again = json_writer.adapter().validate_json(first)
    assert json_writer.render(again) == first
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(data, json_writer.schema())


def test_committed_schema_is_in_sync() -> None:
    """``schema/report.schema.json`` is what the dataclasses say; regenerate it with
    ``python -c "from simtrain.report import json_writer as j; print(j.schema_text(), end='')"
    > schema/report.schema.json`` after changing :mod:`simtrain.report.aar`."""
    committed = (ROOT / "schema" / "report.schema.json").read_text(encoding="utf-8")
    assert committed == json_writer.schema_text()


@pytest.mark.parametrize(
    ("scenario", "script"), shipped_rehearsals(), ids=lambda v: getattr(v, "stem", v)
)
def test_every_shipped_rehearsal_reports_in_every_format(
    scenario: str, script: Path, tmp_path: Path
) -> None:
    path = make_session(scenario, script, tmp_path / "run.simtrain")
    for lang in LANGS:
        for fmt in ("md", "html", "json", "csv"):
            out = tmp_path / f"report.{lang}.{fmt}"
            code = main(["report", str(path), "--lang", lang, "--format", fmt, "-o", str(out)])
            assert code == 0
            assert out.stat().st_size > 1000


def test_command_errors_are_one_line(tmp_path: Path) -> None:
    not_session = tmp_path / "x.simtrain"
    not_session.write_text("hello")
    cases = [
        ["report", str(tmp_path / "missing.simtrain")],
        ["report", str(not_session)],
        ["report", str(tmp_path)],
    ]
    for argv in cases:
        proc = subprocess.run(
            [sys.executable, "-m", "simtrain", *argv], capture_output=True, text=True
        )
        assert proc.returncode == 2, proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


def test_command_format_and_output(
    two_teams: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(two_teams), "--format", "pdf"]) == 2
    assert "pdf" in capsys.readouterr().err
    assert main(["report", str(two_teams), "-o", str(tmp_path / "no" / "r.md")]) == 2
    assert main(["report", str(two_teams), "-o", str(tmp_path / "r.html")]) == 0
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["report", str(two_teams), "--lang", "ru"]) == 0
    assert "Отчёт по итогам учений" in capsys.readouterr().out


def test_fallback_is_marked(two_teams: Path) -> None:
    """A language the scenario lacks falls back to the source, marked, never empty."""
    report = report_of(two_teams, "de")
    assert report.fallback and report.overview.title.fallback
    text = md.render(report, Translator("de"))
    assert r"\* A job advert" in text
    page = html.render(report, Translator("de"))
    assert 'class="fb"' in page and 'lang="en"' in page


def test_scenarios_dir_exists() -> None:
    assert (scenarios_dir() / "online-recruitment").is_dir()


def test_nothing_rated_yet_is_no_letter(tmp_path: Path) -> None:
    """An evaluator's backlog is shown as such, never as a U the team did not earn."""
    script = tmp_path / "unrated.yaml"
    script.write_text(
        "teams:\n"
        "  - id: alpha\n"
        "    name: Team Alpha\n"
        "    roles: [investigator, prosecutor, ngo, child-protection]\n"
        "auto_confirm: true\n"
        "steps:\n"
        '  - at: "1:00"\n',
        encoding="utf-8",
    )
    path = make_session("online-recruitment", script, tmp_path / "unrated.simtrain")
    report = report_of(path, "en")
    total = report.totals["alpha"]
    # issue 13: nothing rated is no number at all (not 0 %), and its coverage is in words
    assert total.rated == 0 and total.unrated > 0 and total.percent is None
    assert total.letter is None
    t = Translator("en")
    text = md.render(report, t)
    assert f"not rated yet · 0 of {total.unrated} rated" in text
    assert "0% U" not in text and "0%" not in text.split("## 2.")[1].split("## 3.")[0]
    assert f'not rated yet <span class="counts">(0 of {total.unrated} rated)</span>' in html.render(
        report, t
    )
