"""``simtrain stats`` and the balance warnings of ``validate``, through the real CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from simtrain.resources import scenarios_dir
from tests.conftest import MINIMAL, Result
from tests.scenario.test_loader import where
from tests.scenario.test_stats import BALANCE

WIDE = {"COLUMNS": "120"}


def test_table_in_english(cli: Callable[..., Result], write_scenario: Callable[..., Path]) -> None:
    result = cli("stats", str(write_scenario(BALANCE)), env=WIDE)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 120
    assert lines[:3] == ["balance — Balance", "Phase 1: Day 1 (8 hr)", "Phase 2: Day 2 (4 hr)"]
    header = next(line for line in lines if line.startswith("role"))
    assert header.split()[:5] == ["role", "phase", "injects", "actions", "on"]
    first = next(line for line in lines if line.startswith("Criminal investigator"))
    assert first.split() == ["Criminal", "investigator", "1", "2", "2", "1", "15", "4", "hr"]
    lawyer = next(line for line in lines if line.startswith("Lawyer"))
    assert "no expected action" in lawyer
    assert lines[-2:] == [
        "warning: Lawyer has no expected action in phase 1 (Day 1)",
        "warning: Criminal investigator carries 115 points, more than three times Lawyer (10)",
    ]


def test_a_balanced_scenario_says_so(
    cli: Callable[..., Result], write_scenario: Callable[..., Path]
) -> None:
    result = cli("stats", str(write_scenario(MINIMAL)), env=WIDE)
    assert result.code == 0, result.err
    assert result.out.splitlines()[-1] == (
        "Every role has an expected action in every phase, "
        "and none carries more than three times the points of another."
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ("--ui-lang", "ru"),  # names in the interface's language too, when the scenario has it
            [
                "предупреждение: Адвокат: нет ни одного ожидаемого действия на этапе 1 (Day 1)",
                "предупреждение: Criminal investigator: 115 баллов — более чем втрое больше, "
                "чем Адвокат (10)",
            ],
        ),
        (
            ("--lang", "ru"),
            [
                "предупреждение: Адвокат: нет ни одного ожидаемого действия на этапе 1 (Day 1)",
                "предупреждение: Criminal investigator: 115 баллов — более чем втрое больше, "
                "чем Адвокат (10)",
            ],
        ),
        (
            ("--lang", "it"),
            [
                "avviso: Avvocato: nessuna azione attesa nella fase 1 (Day 1)",
                "avviso: Criminal investigator: 115 punti, oltre il triplo di Avvocato (10)",
            ],
        ),
    ],
)
def test_words_and_names_in_the_chosen_language(
    cli: Callable[..., Result],
    write_scenario: Callable[..., Path],
    args: tuple[str, ...],
    expected: list[str],
) -> None:
    result = cli("stats", str(write_scenario(BALANCE)), *args, env=WIDE)
    assert result.code == 0, result.err
    assert result.out.splitlines()[-2:] == expected
    assert max(len(line.rstrip()) for line in result.out.splitlines()) <= 120


def test_json_is_stable(cli: Callable[..., Result], write_scenario: Callable[..., Path]) -> None:
    result = cli("stats", str(write_scenario(BALANCE)), "--json", "--lang", "it")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert list(data) == ["scenario", "lang", "ratio", "phases", "roles", "flags"]
    assert (data["scenario"], data["lang"], data["ratio"]) == ("balance", "it", 3)
    assert data["phases"] == [
        {"id": "day-1", "title": "Day 1", "duration": 28800},
        {"id": "day-2", "title": "Day 2", "duration": 14400},
    ]
    lawyer = data["roles"][2]
    assert (lawyer["id"], lawyer["name"]) == ("lawyer", "Avvocato")
    assert lawyer["phases"] == [
        {
            "phase": "day-1",
            "injects": 2,
            "actions": 0,
            "branch_actions": 0,
            "points": 0,
            "idle": 19800,
            "idle_from": 9000,
        },
        {
            "phase": "day-2",
            "injects": 1,
            "actions": 1,
            "branch_actions": 1,
            "points": 10,
            "idle": 14400,
            "idle_from": 0,
        },
    ]
    assert lawyer["total"] == {
        "injects": 3,
        "actions": 1,
        "branch_actions": 1,
        "points": 10,
        "idle": 19800,
    }
    assert data["flags"] == [
        {"kind": "no_action", "role": "lawyer", "phase": "day-1"},
        {
            "kind": "points_ratio",
            "role": "investigator",
            "points": 115,
            "lighter": "lawyer",
            "lighter_points": 10,
        },
    ]


def test_refusals_are_one_line(cli: Callable[..., Result], tmp_path: Path) -> None:
    missing = cli("stats", str(tmp_path / "nowhere"))
    assert missing.code == 2
    assert missing.err == f"{tmp_path / 'nowhere'}: error: no such file or folder\n"
    bad_lang = cli("stats", "central-mediterranean", "--lang", "x y")
    assert bad_lang.code == 2
    assert len(bad_lang.err.splitlines()) == 1
    assert "Traceback" not in missing.err + bad_lang.err


def test_names_never_drive_the_terminal(
    cli: Callable[..., Result], write_scenario: Callable[..., Path]
) -> None:
    text = BALANCE.replace("name: Criminal investigator", 'name: "Evil \\e]52;c;aGk=\\a"')
    result = cli("stats", str(write_scenario(text)), env=WIDE)
    assert result.code == 0, result.err
    assert "\x1b" not in result.out and "\x07" not in result.out
    assert "Evil ␛]52;c;aGk=␇" in result.out


def test_validate_warns_and_strict_fails(
    cli: Callable[..., Result], write_scenario: Callable[..., Path]
) -> None:
    folder = write_scenario(BALANCE)
    plain = cli("validate", str(folder))
    assert plain.code == 0, plain.err
    line, column = where(BALANCE, "lawyer\n    name:")
    file = folder / "scenario.yaml"
    assert (
        f"{file}:{line}:{column}: warning: role 'lawyer' has no expected action in phase 'day-1' "
        "(simtrain stats shows each role's work)"
    ) in plain.err.splitlines()
    assert "role 'investigator' carries 115 points, more than three times role 'lawyer' (10)" in (
        plain.err
    )
    assert cli("validate", "--strict", str(folder)).code == 1
    russian = cli("validate", str(folder), "--ui-lang", "ru")
    assert "у роли «lawyer» нет ни одного ожидаемого действия на этапе «day-1»" in russian.err
    assert "на роль «investigator» приходится 115 баллов" in russian.err


@pytest.mark.parametrize(
    "folder",
    sorted(p.parent for p in scenarios_dir().glob("*/scenario.yaml")),
    ids=lambda p: p.name,
)
def test_every_shipped_scenario_has_a_table(cli: Callable[..., Result], folder: Path) -> None:
    result = cli("stats", folder.name, "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["scenario"] == folder.name
    assert all(len(role["phases"]) == len(data["phases"]) for role in data["roles"])
