"""Every file simtrain writes for a user replaces the old one whole: reports, briefing packs, the
schema, a new scenario, the console's export.

A file replaced atomically is a new file under the old name; one rewritten in place is the same
file cut short and refilled, which a crash or a full disk leaves torn. A second hard link to the
old file tells them apart: after an atomic write it still holds the old text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from simtrain.i18n import Translator
from simtrain.report.export import write_report
from simtrain.session import Session
from tests.conftest import Result
from tests.report.conftest import FIXTURES, make_session

OLD = "the previous file\n"


@pytest.fixture(scope="module")
def session_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sessions") / "two-teams.simtrain"
    return make_session("online-recruitment", FIXTURES / "two-teams.yaml", out)


def old_file(path: Path) -> Path:
    """``path`` holding :data:`OLD`, with a second name that keeps whatever file it is now."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(OLD, encoding="utf-8")
    keep = path.with_name(path.name + ".link")
    keep.hardlink_to(path)
    return keep


def replaced(path: Path, keep: Path) -> bool:
    leftovers = [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    return keep.read_text(encoding="utf-8") == OLD and path.read_text(encoding="utf-8") != OLD


def test_report_output_is_replaced_whole(
    cli: Callable[..., Result], session_file: Path, tmp_path: Path
) -> None:
    for name in ("r.md", "r.html", "r.csv", "r.json"):
        out = tmp_path / name
        keep = old_file(out)
        result = cli("report", str(session_file), "-o", str(out))
        assert result.code == 0, result.err
        assert replaced(out, keep), name


def test_report_refuses_a_language_that_is_no_code(
    cli: Callable[..., Result], session_file: Path, tmp_path: Path
) -> None:
    result = cli("report", str(session_file), "--lang", "../../x", "-o", str(tmp_path / "r.md"))
    assert result.code == 2
    assert result.err.count("\n") == 1 and "is not a language code" in result.err
    assert not (tmp_path / "r.md").exists()


def test_console_export_is_replaced_whole(session_file: Path, tmp_path: Path) -> None:
    targets = {"md": tmp_path / "e.md", "html": tmp_path / "e.html"}
    links = {fmt: old_file(path) for fmt, path in targets.items()}
    with Session.open(session_file) as session:
        write_report(session, targets, Translator("en"))
    for fmt, path in targets.items():
        assert replaced(path, links[fmt])


def test_briefing_packs_are_replaced_whole(cli: Callable[..., Result], tmp_path: Path) -> None:
    one = tmp_path / "handbook.md"
    keep = old_file(one)
    result = cli("briefing", "online-recruitment", "--control", "-o", str(one))
    assert result.code == 0, result.err
    assert replaced(one, keep)

    folder = tmp_path / "packs"
    first = cli("briefing", "online-recruitment", "--all", "-o", str(folder))
    assert first.code == 0, first.err
    handbook = folder / "en" / "handbook.md"
    keep = old_file(handbook)
    again = cli("briefing", "online-recruitment", "--all", "-o", str(folder))
    assert again.code == 0, again.err
    assert replaced(handbook, keep)

    bad = cli("briefing", "online-recruitment", "--control", "--lang", "../x")
    assert bad.code == 2 and "is not a language code" in bad.err


def test_schema_output_is_replaced_whole(cli: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "scenario.schema.json"
    keep = old_file(out)
    result = cli("schema", "-o", str(out))
    assert result.code == 0, result.err
    assert replaced(out, keep)


def test_new_scenario_leaves_no_partial_file(cli: Callable[..., Result], tmp_path: Path) -> None:
    schema = tmp_path / "scenarios" / "scenario.schema.json"
    old_file(schema)  # a file of the same name beside the folder, which new must not touch
    result = cli("new", "case", "--lang", "it")
    assert result.code == 0, result.err
    assert schema.read_text(encoding="utf-8") == OLD  # new writes nothing beside its folder
    assert sorted(p.name for p in schema.parent.iterdir()) == [
        "case",
        "scenario.schema.json",
        "scenario.schema.json.link",
    ]
    folder = tmp_path / "scenarios" / "case"
    assert sorted(p.name for p in folder.iterdir()) == [
        "docs",
        "rehearsal.schema.json",
        "rehearsals",
        "scenario.schema.json",
        "scenario.yaml",
    ]
    assert cli("validate", str(folder)).code == 0
