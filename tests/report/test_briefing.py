"""Briefing packs: trainees never see an expected action or a control note; actors get their cues;
the handbook holds the whole MSEL and the evaluation guide."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simtrain.cli import main
from simtrain.report.briefing import Packs, render_html, render_md
from simtrain.resources import scenarios_dir
from simtrain.scenario.catalog import Catalog
from simtrain.scenario.loader import LoadedScenario, load_scenario

SHIPPED = sorted(p.parent.name for p in scenarios_dir().glob("*/scenario.yaml"))


def loaded(name: str) -> LoadedScenario:
    return load_scenario(scenarios_dir() / name)


def secret_texts(catalog: Catalog, lang: str) -> list[str]:
    """Every expected action, control note, decision and case summary, in ``lang`` and in the
    source language (a fallback would show the source)."""
    keys = [
        k
        for k in catalog.fields
        if ".expect." in k
        or k.endswith(".control_note")
        or ".decision." in k
        or k == "summary"
        or k.endswith(".message")
        or k.startswith("characters.")
        or (k.startswith("phases.") and k.endswith(".summary"))
    ]
    texts = []
    for key in keys:
        for candidate in {catalog.text(key, lang).text, catalog.source(key)}:
            texts.append(" ".join(candidate.split()))
    return texts


def flat(text: str) -> str:
    """Rendered text with Markdown escapes and HTML entities undone, whitespace folded."""
    import html

    text = re.sub(r"<[^>]+>", " ", text)
    text = html.unescape(text).replace("\\", "")
    return " ".join(text.split())


@pytest.mark.parametrize("name", SHIPPED)
def test_no_role_pack_leaks_anything_hidden(name: str) -> None:
    scenario = loaded(name)
    catalog = Catalog(scenario.scenario, scenario.folder)
    langs = catalog.languages()
    assert {"en", "ru", "it"} <= set(langs)
    checked = 0
    for lang in langs:
        packs = Packs(scenario.scenario, catalog, lang)
        secrets = secret_texts(catalog, lang)
        for role in scenario.scenario.roles:
            pack = packs.role(role.id)
            for rendered in (render_md(pack), render_html(pack)):
                shown = flat(rendered)
                for secret in secrets:
                    assert secret not in shown, (name, lang, role.id, secret[:60])
            briefing = " ".join(catalog.text(f"roles.{role.id}.briefing", lang).text.split())
            assert briefing in flat(render_md(pack))
            checked += 1
    assert checked == len(langs) * len(scenario.scenario.roles)


def test_actor_brief_lists_cues_with_times() -> None:
    scenario = loaded("online-recruitment")
    packs = Packs(scenario.scenario, Catalog(scenario.scenario, scenario.folder), "en")
    text = flat(render_md(packs.character("luka")))
    assert "Your cues" in text
    for inject in scenario.scenario.injects:
        title = " ".join(packs.text(f"injects.{inject.id}.title").text.split())
        assert (title in text) == (inject.from_ == "luka"), inject.id
    assert "Day 1 - An arrest at the bus station, 1:15" in text
    assert "Never show it to trainees" in text


def test_handbook_has_every_inject_expected_action_and_note() -> None:
    scenario = loaded("field-to-fork")
    packs = Packs(scenario.scenario, Catalog(scenario.scenario, scenario.folder), "it")
    text = flat(render_md(packs.handbook()))
    for inject in scenario.scenario.injects:
        assert inject.id in text
        for action in inject.expect:
            assert (
                " ".join(packs.text(f"injects.{inject.id}.expect.{action.id}.text").text.split())
                in text
            )
        if inject.control_note is not None:
            note = packs.text(f"injects.{inject.id}.control_note").text
            assert " ".join(note.split()) in text
    assert "Guida alla valutazione" in text and "P: svolta senza difficoltà" in text


def test_all_writes_every_pack_in_every_language(tmp_path: Path) -> None:
    assert main(["briefing", "central-mediterranean", "--all", "-o", str(tmp_path)]) == 0
    scenario = loaded("central-mediterranean").scenario
    per_lang = len(scenario.roles) + len(scenario.characters) + 1
    for lang in ("en", "ru", "it"):
        assert len(list((tmp_path / lang).glob("*.md"))) == per_lang
        assert len(list((tmp_path / lang).glob("*.html"))) == per_lang
    assert (tmp_path / "ru" / "handbook.html").read_text(encoding="utf-8").startswith("<!DOCTYPE")


def test_bad_input_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["briefing", "online-recruitment", "--role", "nope"]) == 2
    assert "no role 'nope'" in capsys.readouterr().err
    assert main(["briefing", "online-recruitment", "--character", "nope"]) == 2
    assert main(["briefing", "online-recruitment"]) == 2
    assert main(["briefing", "online-recruitment", "--all"]) == 2
    assert main(["briefing", "no-such-scenario", "--control"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err


def test_markup_in_scenario_text_is_literal(tmp_path: Path) -> None:
    folder = tmp_path / "evil"
    folder.mkdir()
    (folder / "scenario.yaml").write_text(
        'simtrain: 1\nid: evil\nlanguage: en\ntitle: "<script>alert(1)</script> | x"\n'
        'setting: "# not a heading\\n- not a list <img src=x onerror=alert(1)>"\n'
        'roles:\n  - id: r\n    name: "R **bold** [link](http://x)"\n    briefing: Brief.\n'
        "phases:\n  - id: p\n    title: P\n    duration: 1h\n",
        encoding="utf-8",
    )
    scenario = load_scenario(folder)
    pack = Packs(scenario.scenario, Catalog(scenario.scenario, folder), "en").role("r")
    page = render_html(pack)
    assert "<script>" not in page and "<img" not in page and "&lt;img src=x" in page
    text = render_md(pack)
    assert r"\<script\>" in text and r"\*\*bold\*\*" in text and r"\[link\]" in text
    assert "\n\\# not a heading" in text and "\\- not a list" in text
