"""``schema``, ``i18n``, ``new`` and ``list`` through the real entry point."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from simtrain import yamlio
from simtrain.commands.schema import schema_text
from simtrain.resources import schema_file
from tests.conftest import Result


def test_committed_schema_is_in_sync() -> None:
    assert schema_file().read_text(encoding="utf-8") == schema_text(), (
        "run: simtrain schema -o schema/scenario.schema.json"
    )


def test_schema_command(cli: Callable[..., Result], tmp_path: Path) -> None:
    result = cli("schema")
    schema = json.loads(result.out)
    assert schema["properties"]["injects"]["description"]
    inject = schema["$defs"]["Inject"]["properties"]
    assert "from" in inject and "from_" not in inject
    assert inject["at"]["anyOf"][0]["pattern"]
    assert cli("schema", "-o", str(tmp_path / "s.json")).code == 0
    assert json.loads((tmp_path / "s.json").read_text()) == schema


@pytest.mark.parametrize("lang", ["en", "ru", "it"])
def test_new_scenario_validates_in_each_language(
    cli: Callable[..., Result], tmp_path: Path, lang: str
) -> None:
    result = cli("new", "harbour-case", "--lang", lang)
    assert result.code == 0, result.err
    folder = tmp_path / "scenarios" / "harbour-case"
    text = (folder / "scenario.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=scenario.schema.json")
    assert (folder / "scenario.schema.json").is_file()  # inside the folder (tests/test_new.py)
    validated = cli("validate", "--strict", str(folder))
    assert validated.code == 0, validated.err
    assert validated.err == ""
    assert yamlio.load_file(folder / "scenario.yaml")["language"] == lang
    assert cli("new", "harbour-case", "--lang", lang).code == 1


def test_new_refuses_bad_id_and_language(cli: Callable[..., Result]) -> None:
    assert cli("new", "Bad Id").code == 2
    assert cli("new", "good", "--lang", "fr").code == 2


def test_list_shows_local_scenarios(cli: Callable[..., Result], tmp_path: Path) -> None:
    assert cli("new", "harbour-case", "--lang", "ru").code == 0
    records = json.loads(cli("list", "--json").out)
    local = [r for r in records if r["origin"] == "local"]
    assert local == [
        {
            "path": str((tmp_path / "scenarios" / "harbour-case").resolve()),
            "origin": "local",
            "id": "harbour-case",
            "title": "Женщина в центре временного размещения",
            "language": "ru",
            "languages": ["ru"],
            "phases": 1,
            "roles": 2,
            "injects": 4,
        }
    ]
    table = cli("list").out
    assert "harbour-case" in table and "Женщина в центре" in table


def test_list_survives_a_broken_local_scenario(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "scenarios" / "broken"
    folder.mkdir(parents=True)
    (folder / "scenario.yaml").write_text("simtrain: 1\n", encoding="utf-8")
    result = cli("list")
    assert result.code == 0
    assert "broken" in result.out and "invalid" in result.out


def test_i18n_update_check_loop(cli: Callable[..., Result], tmp_path: Path) -> None:
    assert cli("new", "case", "--lang", "en").code == 0
    folder = tmp_path / "scenarios" / "case"
    scenario = folder / "scenario.yaml"
    scenario.write_text(
        scenario.read_text().replace("translations: []", "translations: [it]"), encoding="utf-8"
    )
    before = cli("i18n", str(folder), "--strict")
    assert before.code == 1
    line = re.escape(str(scenario)) + r":\d+: missing translation of 'title'"
    assert re.search(line, before.out), before.out
    assert cli("i18n", str(folder), "--update").code == 2
    updated = cli("i18n", str(folder), "--update", "--lang", "it")
    assert updated.code == 0, updated.err
    assert "wrote" in updated.out
    l10n = folder / "l10n" / "it.yaml"
    data = yamlio.load_file(l10n)
    for entry in data["entries"].values():
        entry["text"] = "testo"
    l10n.write_text(yamlio.dump(data), encoding="utf-8")
    for doc in (folder / "docs").glob("*.md") if (folder / "docs").is_dir() else ():
        doc.with_suffix(".it.md").write_text("documento\n", encoding="utf-8")
    after = cli("i18n", str(folder), "--strict")
    assert after.code == 0, after.out
    # texts apart from documents, every one translated, no problem listed after them
    done = r"^it: (\d+) texts translated of \1(, (\d+) documents? of \3)?$"
    assert re.search(done, after.out, re.M), after.out


def test_i18n_in_russian(cli: Callable[..., Result], tmp_path: Path) -> None:
    assert cli("new", "case", "--lang", "it").code == 0
    folder = tmp_path / "scenarios" / "case"
    result = cli("i18n", str(folder), "--lang", "ru", "--ui-lang", "ru")
    assert re.search(r"^ru: переведено 0 текстов из \d+", result.out, re.M), result.out
    assert "нет перевода «title»" in result.out


def test_unknown_command_and_no_command(cli: Callable[..., Result]) -> None:
    assert cli("frobnicate").code == 2
    assert cli().code == 2
    assert "Traceback" not in cli("frobnicate").err
