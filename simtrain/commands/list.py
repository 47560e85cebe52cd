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

    console = Console(soft_wrap=False)
    console.print(_table(records, t, console.width))
    return 0


# Columns a narrow terminal drops, in this order, before the id could ever be cut; the title wraps.
_OPTIONAL = (("phases", "roles", "injects"), ("languages",), ("where",))


def _table(records: list[dict[str, Any]], t: Translator, width: int) -> Any:
    """The table at ``width`` columns: every id whole on one line (the one thing a user types);
    the title wraps; counts, then languages, then the origin go when there is no room."""
    from rich.table import Table

    columns = ["id", "title", "languages", "phases", "roles", "injects", "where"]
    id_width = max(len(t("list.id")), *(len(r["id"]) for r in records))
    title_min = 16
    for dropped in _OPTIONAL:
        fixed = sum(_width(c, records, t) + 2 for c in columns if c not in ("id", "title"))
        if id_width + 2 + title_min + fixed <= width:
            break
        columns = [c for c in columns if c not in dropped]
    table = Table(box=None, pad_edge=False)
    for column in columns:
        table.add_column(
            t(f"list.{column}"),
            justify="right" if column in ("phases", "roles", "injects") else "left",
            no_wrap=column != "title",
            min_width=id_width if column == "id" else None,
            overflow="fold" if column == "title" else "ellipsis",
        )
    for r in records:
        cells = _cells(r, t)
        table.add_row(*(cells[c] for c in columns))
    return table


def _cells(r: dict[str, Any], t: Translator) -> dict[str, Any]:
    from rich.text import Text

    cells: dict[str, Any]
    if "error" in r:
        cells = dict.fromkeys(("languages", "phases", "roles", "injects"), "")
        cells.update(title=Text(t("list.invalid", problem=r["error"])))
    else:
        cells = {
            "title": Text(r["title"]),
            "languages": Text(", ".join(r["languages"])),
            **{k: str(r[k]) for k in ("phases", "roles", "injects")},
        }
    return {"id": Text(r["id"]), "where": t(f"list.{r['origin']}"), **cells}


def _width(column: str, records: list[dict[str, Any]], t: Translator) -> int:
    """The widest cell of a column that never wraps, its header included."""
    cells = [_cells(r, t)[column] for r in records]
    return max(len(t(f"list.{column}")), *(len(str(c)) for c in cells))
