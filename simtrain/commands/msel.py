"""``simtrain msel SCENARIO -o FILE.xlsx|FILE.csv [--lang L]``: the MSEL as a spreadsheet.

Exit 0 when written, 2 when the scenario cannot be read, the file's kind is not .xlsx or .csv,
or it cannot be written, with one line saying why.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from simtrain.commands.say import fail, say
from simtrain.i18n import Translator


def add_arguments(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("scenario", metavar="SCENARIO", help=t("msel.cli.scenario"))
    parser.add_argument(
        "-o", "--output", metavar="FILE", type=Path, required=True, help=t("msel.cli.output")
    )
    parser.add_argument("--lang", metavar="L", help=t("msel.cli.lang"))


def run(args: argparse.Namespace, t: Translator) -> int:
    from simtrain.commands.rehearse import resolve_scenario
    from simtrain.interop.msel_write import CellTooLong, build, write
    from simtrain.scenario.catalog import Catalog
    from simtrain.scenario.loader import load_scenario
    from simtrain.scenario.problems import ScenarioError

    output: Path = args.output
    if output.suffix.lower() not in (".xlsx", ".csv"):
        fail(t("msel.cli.bad_suffix", path=str(output)))
        return 2
    path = resolve_scenario(args.scenario)
    if path is None:
        fail(t("rehearse.no_scenario", name=args.scenario))
        return 2
    try:
        loaded = load_scenario(path)
    except ScenarioError as error:
        for problem in error.problems:
            say(problem.render(t), err=True)
        return 2
    lang = args.lang or loaded.scenario.language
    if args.lang:
        t = Translator(lang)
    try:
        msel = build(Catalog(loaded.scenario, loaded.folder), lang)
        write(msel, output)
    except CellTooLong as error:
        fail(t("msel.cli.cell_too_long", id=error.inject, column=t(f"msel.columns.{error.column}")))
        return 2
    except OSError as error:
        fail(t("report.cli.cannot_write", path=str(output), reason=error.strerror or str(error)))
        return 2
    say(t("msel.cli.written", count=len(msel.rows), path=str(output)))
    if msel.fallbacks:
        say(t("msel.cli.fallbacks", count=msel.fallbacks, lang=lang), err=True)
    return 0
