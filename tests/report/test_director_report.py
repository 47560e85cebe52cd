"""The director's trial, report points (M1, m9, m13, m14, m15): a real session file reported by the
real CLI in every format.

A delay is an entry of the team's timeline; a skip keeps the control cell's reason; a skip
because the team's branch never led there reads apart from a skip by the control cell; the
branches part at the first point the teams' paths differ, with its cause; the HTML charts' labels
are whole.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from simtrain.cli import main
from simtrain.i18n import Translator
from simtrain.report import aar, svg
from simtrain.report.wording import Names, branch_lines
from simtrain.scenario.loader import load_scenario
from simtrain.session import Session
from simtrain.session import events as ev
from tests.tui.conftest import CONSOLE_SCENARIO

START = 1_000_000.0


@pytest.fixture
def played(tmp_path: Path) -> Path:
    """The harbour scenario, two teams: at 0:05 Bravo's call is delayed to 0:40; at 0:10 Alpha
    gets the call, and at 0:12 the control cell skips it for Bravo with a reason."""
    folder = tmp_path / "harbour"
    (folder / "docs").mkdir(parents=True)
    (folder / "scenario.yaml").write_text(CONSOLE_SCENARIO, encoding="utf-8")
    (folder / "docs" / "report.md").write_text("# Report\n", encoding="utf-8")
    loaded = load_scenario(folder)
    teams = [
        ev.Team(id="alpha", name="Alpha", roles=("investigator", "ngo")),
        ev.Team(id="bravo", name="Bravo", roles=("investigator", "ngo")),
    ]
    path = tmp_path / "run.simtrain"
    with Session.create(path, loaded, teams, wall_time=START) as session:

        def at(minute: int, *events: ev.Event) -> None:
            session.append_many(list(events), wall_time=START + minute * 60, who="control")

        at(0, ev.ClockStarted(speed=1.0), ev.PhaseStarted(phase="day-1"))
        at(5, ev.InjectDelayed(team="bravo", inject="first-call", until=40 * 60))
        at(10, ev.InjectDelivered(team="alpha", inject="first-call"))
        at(12, ev.InjectSkipped(team="bravo", inject="first-call", note="The actor is ill"))
        at(20, ev.DecisionRecorded(team="alpha", option="wait"))
    return path


def test_delay_skip_note_and_first_divergence_in_the_model(played: Path) -> None:
    with Session.open(played, "read") as session:
        report = aar.build(session)
    alpha, bravo = report.teams
    delayed = [e for e in bravo.timeline if e.kind == "delayed"]
    assert [(e.at, e.ref, e.until) for e in delayed] == [(300, "first-call", 2400)]
    skipped = next(e for e in bravo.timeline if e.kind == "skipped")
    assert (skipped.text, skipped.note) == ("control", "The actor is ill")
    # Bravo's path left Alpha's when the call was skipped for it (0:10 Alpha had it, 0:12 the
    # skip): the earlier of the two moments, not a later decision
    assert (bravo.branch.parted_at, bravo.branch.cause, bravo.branch.peer) == (
        600,
        "skipped",
        "alpha",
    )
    assert (alpha.branch.parted_at, alpha.branch.cause) == (600, "peer_skipped")
    t = Translator("en")
    lines = branch_lines(bravo, Names.of(report), t)
    assert lines[0] == (
        "Its path parted from Alpha's at 0:10: the control cell skipped “A call from the "
        "reception centre” for it, while Alpha received it."
    )


@pytest.mark.parametrize("lang", ["en", "ru", "it"])
def test_every_format_reports_the_delay_and_the_skip_reason(
    played: Path, tmp_path: Path, lang: str
) -> None:
    out = {fmt: tmp_path / f"report-{lang}.{fmt}" for fmt in ("md", "html", "json", "csv")}
    for file in out.values():
        assert (
            main(["report", str(played), "--lang", lang, "--ui-lang", lang, "-o", str(file)]) == 0
        )
    t = Translator(lang)
    delayed = t("director.report_delayed", until="0:40")
    kind = t("director.kind_delayed")
    for fmt in ("md", "html"):
        text = out[fmt].read_text(encoding="utf-8")
        assert delayed in text and kind in text, fmt
        assert "The actor is ill" in text, fmt
    data = json.loads(out["json"].read_text(encoding="utf-8"))
    bravo = data["teams"][1]
    assert {"at": 300, "kind": "delayed", "ref": "first-call", "until": 2400}.items() <= next(
        e for e in bravo["timeline"] if e["kind"] == "delayed"
    ).items()
    assert bravo["branch"]["cause"] == "skipped"
    rows = list(csv.reader(io.StringIO(out["csv"].read_text(encoding="utf-8"))))
    header = rows[0]
    call = [dict(zip(header, r, strict=True)) for r in rows[1:] if r[0] == "bravo"]
    bravo_rows = [r for r in call if r[t("report.csv.inject")] == "first-call"]
    assert bravo_rows and all(r[t("report.csv.delayed_until")] == "2400" for r in bravo_rows)
    assert all(r[t("report.csv.skip_note")] == "The actor is ill" for r in bravo_rows)


def test_a_branch_skip_reads_apart_from_a_control_skip(played: Path, tmp_path: Path) -> None:
    with Session.open(played) as session:
        session.append(
            ev.InjectSkipped(team="alpha", inject="press-call", reason="guard"),
            wall_time=START + 30 * 60,
            who="control",
        )
    out = tmp_path / "r.md"
    assert main(["report", str(played), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "Not on its branch" in text  # Alpha's guard skip
    assert "Inject skipped" in text  # Bravo's skip by the control cell


def test_chart_labels_are_whole() -> None:
    long = "Identify presumed victims of trafficking among the new arrivals at the port"
    bars = svg.score_bars([(long, [])], ["Alpha"], title="t")
    shown = "".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", bars))
    assert "…" not in bars and shown.replace(" ", "") == long.replace(" ", "")
    lane = "Инжект доставлен командой"
    line = svg.timeline(
        title="t", end=3600, phases=[], delivered=[], ratings=[], decisions=[],
        labels=(lane, "Оценка", "Решение"),
    )  # fmt: skip
    left = int(re.search(r'<line x1="(\d+)"', line).group(1))  # type: ignore[union-attr]
    assert left >= len(lane) * svg.CHAR_W + 6  # the lane column fits its longest label
    assert f"<title>{lane}</title>" in line


def test_handbook_names_objectives_not_their_ids(played: Path, tmp_path: Path) -> None:
    folder = played.parent / "harbour"
    out = tmp_path / "handbook.md"
    assert main(["briefing", str(folder), "--control", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "(Identify presumed victims among new arrivals., 10, 30 min)" in text
    assert "(identify, " not in text and "(refer, " not in text
