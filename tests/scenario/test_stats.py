"""The role × phase table: counts, points, nominal times, idle stretches and the two flags; and the
warnings ``validate`` draws from them, placed at the role's definition."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from simtrain.scenario.loader import load_scenario
from simtrain.scenario.model import Scenario
from simtrain.scenario.stats import (
    Imbalance,
    RoleTotal,
    imbalances,
    longest_gap,
    nominal_times,
    scenario_stats,
)
from simtrain.yamlio import loads
from tests.scenario.test_loader import where

H = 3600

BALANCE = """\
simtrain: 1
id: balance
language: en
title: Balance
objectives:
  - id: o
    text: An objective.
roles:
  - id: investigator
    name: Criminal investigator
    briefing: B.
  - id: ngo
    name: NGO victim support
    briefing: B.
  - id: lawyer
    name: {en: Lawyer, ru: Адвокат, it: Avvocato}
    briefing: B.
phases:
  - id: day-1
    title: Day 1
    duration: 8h
  - id: day-2
    title: Day 2
    duration: 4h
injects:
  - id: i1
    phase: day-1
    at: "0:00"
    to: all
    channel: email
    title: T
    message: M
    expect:
      - {id: e1, by: investigator, text: A, objective: o, points: 10, within: 1h}
  - id: i2
    phase: day-1
    at: "2:00"
    to: [ngo]
    channel: email
    title: T
    message: M
    expect:
      - {id: e2, by: ngo, text: A, objective: o, points: 20, within: 30m}
    decision:
      prompt: P
      options:
        - {id: go, text: Go}
        - {id: stay, text: Stay}
  - id: i3
    phase: day-1
    after: {chose: go}
    delay: 1h
    to: [investigator]
    channel: email
    title: T
    message: M
    expect:
      - {id: e3, by: investigator, text: A, objective: o, points: 5, within: 1h}
  - id: i4
    phase: day-1
    after: {missed: e2}
    to: [lawyer]
    channel: email
    title: T
    message: M
  - id: i5
    phase: day-2
    at: "1:00"
    to: [investigator, ngo]
    channel: email
    title: T
    message: M
    expect:
      - {id: e5, by: investigator, text: A, objective: o, points: 100, within: 2h}
      - {id: e6, by: ngo, text: A, objective: o, points: 10}
  - id: i6
    phase: day-2
    after: {delivered: i1}
    delay: 30m
    to: [lawyer]
    channel: email
    title: T
    message: M
    expect:
      - {id: e7, by: lawyer, text: A, objective: o, points: 10}
"""


def scenario(text: str = BALANCE) -> Scenario:
    return Scenario.model_validate(loads(text))


def test_nominal_times_follow_conditions_and_clamp_to_the_phase() -> None:
    assert nominal_times(scenario()) == {
        "i1": 0,
        "i2": 2 * H,
        "i3": 3 * H,  # chosen as soon as i2 arrives, plus the 1h delay
        "i4": 2 * H + 1800,  # e2 missed when its 30-minute window runs out
        "i5": H,
        "i6": 0,  # i1 was delivered the day before: due as day 2 starts
    }


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        ("{all: [{delivered: i1}, {delivered: i2}]}", 2 * H),
        ("{any: [{delivered: i1}, {delivered: i2}]}", 0),
        ("{not: {delivered: i2}}", 0),
        ("{done: e2}", 2 * H),
        ("{delivered: i3}", 3 * H),
    ],
)
def test_nominal_time_of_each_condition(after: str, expected: int) -> None:
    text = BALANCE.replace("after: {missed: e2}", f"after: {after}")
    assert nominal_times(scenario(text))["i4"] == expected


def test_an_inject_waiting_on_itself_has_no_time() -> None:
    text = BALANCE.replace("after: {missed: e2}", "after: {delivered: i4}")
    assert nominal_times(scenario(text))["i4"] is None


@pytest.mark.parametrize(
    ("busy", "expected"),
    [
        ([], (8 * H, 0)),
        ([(0, 0)], (8 * H, 0)),
        ([(0, H), (3 * H, 3 * H), (3 * H, 4 * H)], (4 * H, 4 * H)),
        ([(2 * H, 2 * H + 1800), (0, 0)], (5 * H + 1800, 2 * H + 1800)),
        ([(0, 8 * H)], (0, 0)),
        ([(H, 5 * H), (2 * H, 3 * H)], (3 * H, 5 * H)),  # a window inside another
    ],
)
def test_longest_gap(busy: list[tuple[int, int]], expected: tuple[int, int]) -> None:
    assert longest_gap(8 * H, busy) == expected


def test_role_by_phase() -> None:
    stats = scenario_stats(scenario())
    rows = {
        (c.role, c.phase): (c.injects, c.actions, c.branch_actions, c.points, c.idle, c.idle_from)
        for c in stats.cells
    }
    assert rows == {
        ("investigator", "day-1"): (2, 2, 1, 15, 4 * H, 4 * H),
        ("investigator", "day-2"): (1, 1, 0, 100, H, 0),
        ("ngo", "day-1"): (2, 1, 0, 20, 5 * H + 1800, 2 * H + 1800),
        ("ngo", "day-2"): (1, 1, 0, 10, 3 * H, H),
        ("lawyer", "day-1"): (2, 0, 0, 0, 5 * H + 1800, 2 * H + 1800),
        ("lawyer", "day-2"): (1, 1, 1, 10, 4 * H, 0),
    }
    assert [c.role for c in stats.cells] == ["investigator"] * 2 + ["ngo"] * 2 + ["lawyer"] * 2
    assert stats.total("investigator") == RoleTotal("investigator", 3, 3, 1, 115, 4 * H)
    assert stats.idle_phases == (("lawyer", "day-1"),)
    # 115 is more than three times the lawyer's 10; the NGO's 30 is exactly three times, not more
    assert stats.imbalances == (Imbalance("investigator", 115, "lawyer", 10),)


def test_a_role_without_points_is_flagged_by_phase_not_by_ratio() -> None:
    totals = [RoleTotal("a", 1, 1, 0, 40, 0), RoleTotal("b", 0, 0, 0, 0, 0)]
    assert imbalances(totals) == ()
    totals.append(RoleTotal("c", 1, 1, 0, 10, 0))
    assert imbalances(totals) == (Imbalance("a", 40, "c", 10),)


def test_validate_warns_at_the_role(write_scenario: Callable[..., Path]) -> None:
    loaded = load_scenario(write_scenario(BALANCE))
    found = [(p.key, p.params, p.line, p.column) for p in loaded.warnings]
    line, column = where(BALANCE, "lawyer\n    name:")
    heavy_line, heavy_column = where(BALANCE, "investigator\n    name:")
    assert found == [
        (
            "stats.problems.no_action",
            {"role": "lawyer", "phase": "day-1"},
            line,
            column,
        ),
        (
            "stats.problems.points_ratio",
            {
                "role": "investigator",
                "count": 115,
                "lighter": "lawyer",
                "lighter_points": 10,
                "ratio": 3,
            },
            heavy_line,
            heavy_column,
        ),
    ]


def test_a_balanced_scenario_has_no_balance_warning(write_scenario: Callable[..., Path]) -> None:
    text = BALANCE.replace("points: 100", "points: 20").replace(
        "    to: [lawyer]\n    channel: email\n    title: T\n    message: M\n  - id: i5",
        "    to: [lawyer]\n    channel: email\n    title: T\n    message: M\n    expect:\n"
        "      - {id: e4, by: lawyer, text: A, objective: o, points: 10}\n  - id: i5",
    )
    assert load_scenario(write_scenario(text)).warnings == ()
