"""``simtrain list [--json]``: the scenarios a facilitator can run, shipped and local."""

from __future__ import annotations

import argparse
from typing import Any

from simtrain.commands.say import json_text, say
from simtrain.i18n import Translator
from simtrain.scenario.catalog import Catalog
from simtrain.scenario.library import find_all
from simtrain.scenario.loader import load_scenario
from simtrain.scenario.problems import ScenarioError


def add_arguments(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("--json", action="store_true", help=t("list.json"))


def describe(t: Translator) -> list[dict[str, Any]]:
    """One record a scenario: what a facilitator needs to choose among them."""
    records: list[dict[str, Any]] = []
    for found in find_all():
        record: dict[str, Any] = {"path": str(found.folder), "origin": found.origin}
        try:
            loaded = load_scenario(found.folder)
        except ScenarioError as error:
            record.update(id=found.folder.name, error=error.problems[0].render(t))
            records.append(record)
            continue
        scenario = loaded.scenario
        catalog = Catalog(scenario, loaded.folder)
        record.update(
            id=scenario.id,
            title=catalog.text("title", t.lang).text,
            language=scenario.language,
            languages=catalog.languages(),
            phases=len(scenario.phases),
            roles=len(scenario.roles),
            injects=len(scenario.injects),
        )
        records.append(record)
    return records


def run(args: argparse.Namespace, t: Translator) -> int:
    records = describe(t)
    if args.json:
        print(json_text(records, indent=2))
        return 0
    if not records:
        say(t("list.none"), err=True)
        return 0
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False)
    for column in ("id", "title", "languages", "phases", "roles", "injects", "where"):
        table.add_column(
            t(f"list.{column}"),
            justify="right" if column in ("phases", "roles", "injects") else "left",
        )
    for r in records:
        where = t(f"list.{r['origin']}")
        if "error" in r:
            table.add_row(
                Text(r["id"]), Text(t("list.invalid", problem=r["error"])), "", "", "", "", where
            )
            continue
        table.add_row(
            Text(r["id"]),
            Text(r["title"]),
            Text(", ".join(r["languages"])),
            str(r["phases"]),
            str(r["roles"]),
            str(r["injects"]),
            where,
        )
    Console(soft_wrap=False).print(table)
    return 0
