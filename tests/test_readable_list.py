"""`simtrain list` at 80 and 120 columns: every id whole on one line (the one thing a user types),
the title wrapped instead; a scenario of the author's own is local, never shipped ('incluso')."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from simtrain.resources import scenarios_dir
from simtrain.scenario import library
from simtrain.scenario.library import SHIPPED
from tests.conftest import Result

LONG_ID = "accattonaggio-servitu-domestica"


@pytest.mark.parametrize("columns", [80, 120])
def test_list_never_cuts_an_id(cli: Callable[..., Result], columns: int) -> None:
    assert cli("new", LONG_ID, "--lang", "it").code == 0
    result = cli("--ui-lang", "it", "list", env={"COLUMNS": str(columns)})
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert all(len(line.rstrip()) <= columns for line in lines), result.out
    first_words = [line.split()[0] for line in lines[1:] if line and not line[0].isspace()]
    assert first_words == [*sorted(SHIPPED), LONG_ID], result.out
    assert "…" not in result.out
    local_row = next(line for line in lines if line.startswith(LONG_ID))
    assert local_row.rstrip().endswith("locale"), local_row
    assert "con simtrain" not in local_row and "incluso" not in result.out
    if columns == 120:  # room for the counts too
        assert "giorni" in lines[0] and "inject" in lines[0]


def test_a_new_folder_beside_the_shipped_ones_is_local(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a checkout the shipped folder is also the author's ./scenarios: a folder the author
    adds there is theirs, not shipped."""
    root = tmp_path / "scenarios"
    for name in ("field-to-fork", LONG_ID):
        (root / name).mkdir(parents=True)
        (root / name / "scenario.yaml").write_text("simtrain: 1\n", encoding="utf-8")
    monkeypatch.setattr(library, "scenarios_dir", lambda: root)
    origins = {f.folder.name: f.origin for f in library.find_all(cwd=tmp_path)}
    assert origins == {"field-to-fork": "shipped", LONG_ID: "local"}


def test_shipped_names_the_scenarios_the_repository_tracks() -> None:
    root = scenarios_dir()
    tracked = subprocess.run(
        ["git", "ls-files", "*/scenario.yaml"], cwd=root, capture_output=True, text=True
    )
    if tracked.returncode != 0 or not tracked.stdout:
        pytest.skip("not a git checkout")
    assert {Path(p).parent.name for p in tracked.stdout.split()} == SHIPPED


def test_list_json_keeps_the_origin(cli: Callable[..., Result]) -> None:
    assert cli("new", LONG_ID).code == 0
    records = json.loads(cli("list", "--json").out)
    assert {r["id"]: r["origin"] for r in records}[LONG_ID] == "local"
