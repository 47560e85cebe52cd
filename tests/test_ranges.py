"""A number out of its range names both ends of the range, wherever the file is: pydantic reports
only the end that was crossed, which once read "(0 to 0)"."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SHIPPED = Path(__file__).resolve().parent.parent / "scenarios" / "field-to-fork"


def simtrain(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "simtrain", *args], capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "(0 to 100)"), ("it", "(da 0 a 100)"), ("ru", "(от 0 до 100)")]
)
def test_a_scripts_objective_score_over_100(tmp_path: Path, lang: str, words: str) -> None:
    script = tmp_path / "r.yaml"
    script.write_text(
        "teams:\n  - id: alpha\n    roles: [investigator]\nsteps:\n"
        "  - check: {team: alpha, by_objective: {protect: 120}}\n",
        encoding="utf-8",
    )
    done = simtrain("--ui-lang", lang, "rehearse", str(SHIPPED), "--script", str(script))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith(f"{script}:5:")
    assert "120" in done.stderr and words in done.stderr


@pytest.mark.parametrize("points", ["-5", "1001"])
def test_points_out_of_range_name_both_ends(tmp_path: Path, points: str) -> None:
    folder = tmp_path / "s"
    shutil.copytree(SHIPPED, folder)
    scenario = folder / "scenario.yaml"
    text = scenario.read_text(encoding="utf-8")
    first = text.index("points: ")
    end = text.index("\n", first)
    line = text.count("\n", 0, first) + 1
    scenario.write_text(text[:first] + f"points: {points}" + text[end:], encoding="utf-8")
    done = simtrain("--ui-lang", "en", "validate", str(folder))
    assert done.returncode == 1
    wrong = [row for row in done.stderr.splitlines() if "out of range" in row]
    assert wrong == [
        f"{scenario}:{line}:{first - text.rfind(chr(10), 0, first) + 8}: error: "
        f"'{points}' is out of range (0 to 1000)"
    ]
