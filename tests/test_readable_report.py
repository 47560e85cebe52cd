"""Objectives' ``short:`` labels where space is tight in the after-action report: the chart's
labels and the per-team tables name an objective by its label (its whole sentence in the chart's
tooltip and once in the objectives section); an objective without one is cut, never lost."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from simtrain.i18n import Translator
from simtrain.report import aar, html, md
from simtrain.resources import scenarios_dir
from simtrain.scenario.catalog import Catalog
from simtrain.scenario.loader import load_scenario
from simtrain.session import Session
from tests.report.conftest import FIXTURES, make_session


@pytest.fixture(scope="module")
def session_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("readable") / "two-teams.simtrain"
    return make_session("online-recruitment", FIXTURES / "two-teams.yaml", out)


def labels(lang: str) -> dict[str, tuple[str, str]]:
    """Objective id -> (short label, whole text) of online-recruitment in ``lang``."""
    loaded = load_scenario(scenarios_dir() / "online-recruitment")
    catalog = Catalog(loaded.scenario, loaded.folder)
    return {
        o.id: (
            catalog.text(f"objectives.{o.id}.short", lang).text,
            catalog.text(f"objectives.{o.id}.text", lang).text,
        )
        for o in loaded.scenario.objectives
    }


@pytest.mark.parametrize("lang", ["it", "ru", "en"])
def test_html_chart_and_team_tables_use_short_labels(session_file: Path, lang: str) -> None:
    with Session.open(session_file) as session:
        report = aar.build(session, lang)
    page = unescape(html.render(report, Translator(lang)))
    chart = page[page.index('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') :]
    chart = chart[: chart.index("</svg>")]
    for short, text in labels(lang).values():
        assert len(short) < 40
        # the chart's label is the short one, wrapped never cut; its tooltip the whole sentence
        spans = " ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", chart))
        assert short in spans
        assert f"<title>{text}</title>" in chart
        # the whole sentence once in the objectives section, beside its label
        assert f"{short} — {text}" in re.sub(r"<[^>]+>", "", page)
    # each team's table of actions names the objective by its label, not its sentence
    cells = re.findall(r"<td>([^<]*)</td>", page)
    assert any(short in cells for short, _ in labels(lang).values())
    assert not any(text in cells for _, text in labels(lang).values())


def test_markdown_team_tables_do_not_repeat_the_sentence(session_file: Path) -> None:
    with Session.open(session_file) as session:
        report = aar.build(session, "it")
    text = md.render(report, Translator("it"))
    found = labels("it")
    action_rows = [line for line in text.splitlines() if line.startswith("|") and " | " in line]
    named = [s for s, _ in found.values() if any(f"| {s} |" in row for row in action_rows)]
    assert named, "per-team action rows name objectives by their short label"
    for _, sentence in found.values():
        assert sum(sentence in row for row in action_rows) <= 1


def test_an_objective_without_a_label_is_cut_in_tables_whole_in_the_tooltip(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "online-recruitment"
    source = scenarios_dir() / "online-recruitment"
    import shutil

    shutil.copytree(source, folder)
    scenario = folder / "scenario.yaml"
    scenario.write_text(
        re.sub(r"\n    short: [^\n]*", "", scenario.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    from simtrain.rehearse.runner import run_script
    from simtrain.rehearse.script import load_script

    loaded = load_scenario(folder)
    assert all(o.short is None for o in loaded.scenario.objectives)
    result = run_script(loaded, load_script(FIXTURES / "two-teams.yaml", loaded.scenario))
    result.session.save_as(tmp_path / "s.simtrain")
    with Session.open(tmp_path / "s.simtrain") as session:
        report = aar.build(session, "en")
    page = unescape(html.render(report, Translator("en")))
    text = loaded.scenario.objectives[0].text
    assert isinstance(text, str)
    sentence = " ".join(text.split())
    assert f"<title>{sentence}</title>" in page  # the chart's tooltip
    assert f'<td title="{sentence}">{sentence[:47]}…</td>' in page  # a team's table, cut
