"""``simtrain stats SCENARIO [--json] [--lang L]``: how the work falls on each role, phase by phase.

A role × phase table (see :mod:`simtrain.scenario.stats`): injects addressed to the role, expected
actions (and how many sit on a branch), points, the longest stretch with nothing to do; a total
per role; flags for a role with no expected action in a phase and for a role carrying more than
three times the points of another. ``--lang`` names roles and phases in that language (and words
the table in it, when the interface speaks it). Exit 0 with the table, even when it flags
something (``validate --strict`` is the gate); 2 when the scenario cannot be read.

``--json`` prints one object, stable for programs (times in seconds from the phase start)::

    {"scenario": ID, "lang": L, "ratio": 3,
     "phases": [{"id", "title", "duration"}],
     "roles": [{"id", "name",
                "phases": [{"phase", "injects", "actions", "branch_actions", "points",
                            "idle", "idle_from"}],
                "total": {"injects", "actions", "branch_actions", "points", "idle"}}],
     "flags": [{"kind": "no_action", "role", "phase"}
               | {"kind": "points_ratio", "role", "points", "lighter", "lighter_points"}]}
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from simtrain.commands.output import one_line
from simtrain.commands.say import fail, json_text, say
from simtrain.i18n import Translator
from simtrain.sanitize import visible

if TYPE_CHECKING:
    from simtrain.scenario.catalog import Catalog
    from simtrain.scenario.model import Scenario
    from simtrain.scenario.stats import Stats

COLUMNS = ("injects", "actions", "branch", "points", "idle")


def add_arguments(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("scenario", metavar="SCENARIO", help=t("stats.cli.scenario"))
    parser.add_argument("--json", action="store_true", help=t("stats.cli.json"))
    parser.add_argument("--lang", metavar="L", help=t("stats.cli.lang"))


def run(args: argparse.Namespace, t: Translator) -> int:
    from simtrain.scenario.catalog import Catalog, language_code
    from simtrain.scenario.library import resolve
    from simtrain.scenario.loader import load_scenario
    from simtrain.scenario.problems import ScenarioError
    from simtrain.scenario.stats import scenario_stats

    lang = language_code(args.lang) if args.lang is not None else t.lang
    if lang is None:
        fail(t("problems.bad_lang", value=one_line(args.lang)))
        return 2
    if args.lang is not None:
        t = Translator(lang)
    try:
        loaded = load_scenario(resolve(args.scenario))
    except ScenarioError as error:
        for problem in error.problems:
            say(problem.render(t), err=True)
        return 2
    scenario = loaded.scenario
    catalog = Catalog(scenario, loaded.folder)
    stats = scenario_stats(scenario)
    if args.json:
        print(json_text(as_json(scenario, stats, catalog, lang), indent=2))
        return 0
    _print_table(scenario, stats, catalog, lang, t)
    return 0


def as_json(scenario: Scenario, stats: Stats, catalog: Catalog, lang: str) -> dict[str, Any]:
    """The stats as plain data: ids, the names in ``lang``, counts, points and seconds."""
    from simtrain.scenario.stats import RATIO

    roles = []
    for role in scenario.roles:
        total = stats.total(role.id)
        roles.append(
            {
                "id": role.id,
                "name": catalog.text(f"roles.{role.id}.name", lang).text,
                "phases": [
                    {
                        "phase": c.phase,
                        "injects": c.injects,
                        "actions": c.actions,
                        "branch_actions": c.branch_actions,
                        "points": c.points,
                        "idle": c.idle,
                        "idle_from": c.idle_from,
                    }
                    for c in stats.cells
                    if c.role == role.id
                ],
                "total": {
                    "injects": total.injects,
                    "actions": total.actions,
                    "branch_actions": total.branch_actions,
                    "points": total.points,
                    "idle": total.idle,
                },
            }
        )
    flags: list[dict[str, Any]] = [
        {"kind": "no_action", "role": role, "phase": phase} for role, phase in stats.idle_phases
    ]
    flags += [
        {
            "kind": "points_ratio",
            "role": i.role,
            "points": i.points,
            "lighter": i.lighter,
            "lighter_points": i.lighter_points,
        }
        for i in stats.imbalances
    ]
    return {
        "scenario": scenario.id,
        "lang": lang,
        "ratio": RATIO,
        "phases": [
            {
                "id": p.id,
                "title": catalog.text(f"phases.{p.id}.title", lang).text,
                "duration": p.duration,
            }
            for p in scenario.phases
        ],
        "roles": roles,
        "flags": flags,
    }


class _Names:
    """Roles, phases and the title as trainees read them in ``lang``, shown, never obeyed."""

    def __init__(self, scenario: Scenario, catalog: Catalog, lang: str) -> None:
        def text(key: str) -> str:
            return visible(catalog.text(key, lang).text, multiline=False)

        self.title = text("title")
        self.role = {r.id: text(f"roles.{r.id}.name") for r in scenario.roles}
        self.phase = {p.id: text(f"phases.{p.id}.title") for p in scenario.phases}
        self.number = {p.id: i for i, p in enumerate(scenario.phases, start=1)}


def flag_lines(stats: Stats, names: _Names, t: Translator) -> list[str]:
    """One line a flag, naming roles and phases as trainees read them."""
    label = t("severity.warning")
    lines = [
        f"{label}: "
        + t(
            "stats.flag.no_action",
            role=names.role[role],
            number=names.number[phase],
            phase=names.phase[phase],
        )
        for role, phase in stats.idle_phases
    ]
    lines += [
        f"{label}: "
        + t(
            "stats.flag.points_ratio",
            role=names.role[i.role],
            count=i.points,
            lighter=names.role[i.lighter],
            lighter_points=i.lighter_points,
        )
        for i in stats.imbalances
    ]
    return lines


def _print_table(
    scenario: Scenario, stats: Stats, catalog: Catalog, lang: str, t: Translator
) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    names = _Names(scenario, catalog, lang)
    console = Console(soft_wrap=False, highlight=False)
    console.print(Text(f"{visible(scenario.id)} — {names.title}", style="bold"))
    for phase in scenario.phases:
        line = t(
            "stats.phase_line",
            number=names.number[phase.id],
            title=names.phase[phase.id],
            span=t.span(phase.duration),
        )
        console.print(Text(line))
    table = Table(box=None, pad_edge=False, show_edge=False, padding=(0, 1))
    table.add_column(t("stats.columns.role"), max_width=28, overflow="fold")
    table.add_column(t("stats.columns.phase"), justify="right")
    for column in COLUMNS:
        table.add_column(t(f"stats.columns.{column}"), justify="right", no_wrap=column == "idle")
    table.add_column(t("stats.columns.notes"), max_width=34)
    heavy = {i.role: i for i in stats.imbalances}
    for role in scenario.roles:
        for k, c in enumerate(c for c in stats.cells if c.role == role.id):
            table.add_row(
                Text(names.role[role.id] if k == 0 else ""),
                str(names.number[c.phase]),
                *_numbers(c.injects, c.actions, c.branch_actions, c.points, c.idle, t),
                Text(t("stats.note.no_action") if c.actions == 0 else "", style="bold red"),
            )
        total = stats.total(role.id)
        over = heavy.get(role.id)
        note = (
            t("stats.note.heavy", lighter=names.role[over.lighter], points=over.lighter_points)
            if over
            else ""
        )
        table.add_row(
            "",
            t("stats.total"),
            *_numbers(
                total.injects, total.actions, total.branch_actions, total.points, total.idle, t
            ),
            Text(note, style="red"),
            end_section=True,
            style="bold",
        )
    console.print()
    console.print(table)
    console.print()
    console.print(Text(t("stats.legend")))
    for line in flag_lines(stats, names, t) or [t("stats.ok")]:
        console.print(Text(line))


def _numbers(
    injects: int, actions: int, branch: int, points: int, idle: int, t: Translator
) -> list[str]:
    return [str(injects), str(actions), str(branch) if branch else "–", str(points), t.span(idle)]
