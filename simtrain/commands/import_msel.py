"""``simtrain import MSEL.xlsx|MSEL.csv -o DIR [--lang L] [--map FILE]``: a scenario from an MSEL.

Writes ``DIR/scenario.yaml`` (and nothing else, nowhere else) into a new or empty folder, then
validates it as ``simtrain validate`` would. Each problem names its cell
(``msel.xlsx:Injects!C12: error: ...``). Exit 0 when written (warnings allowed), 2 when the file
is refused, the folder is not empty, or a row has an error, with one line for each.
"""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path

from simtrain.commands.say import fail, say
from simtrain.i18n import UI_LANGUAGES, Translator

MAX_SHOWN = 40
"""Problems printed; the rest are counted."""


def add_arguments(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("file", metavar="MSEL", type=Path, help=t("msel.cli.file"))
    parser.add_argument(
        "-o", "--output", metavar="DIR", type=Path, required=True, help=t("msel.cli.dir")
    )
    parser.add_argument("--lang", metavar="L", help=t("msel.cli.import_lang"))
    parser.add_argument("--map", metavar="FILE", type=Path, help=t("msel.cli.map"))


def run(args: argparse.Namespace, t: Translator) -> int:
    from simtrain.interop.msel_columns import MselRefused
    from simtrain.interop.msel_header import find_header, read_map
    from simtrain.interop.msel_read import read_grid
    from simtrain.interop.msel_scenario import build
    from simtrain.yamlio import YamlProblem

    folder: Path = args.output
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        fail(t("msel.cli.dir_not_empty", path=str(folder)))
        return 2
    try:
        mapping = read_map(args.map) if args.map else None
        grid = read_grid(args.file)
        header = find_header(grid, mapping)
    except MselRefused as refused:
        fail(refused.line(t))
        return 2
    except YamlProblem as bad_map:
        where = f"{args.map}:{bad_map.line}" if bad_map.line else str(args.map)
        fail(f"{where}: {t(f'yaml.{bad_map.key}', **bad_map.params)}")
        return 2
    lang = args.lang or header.lang or t.lang
    if lang not in UI_LANGUAGES and args.lang is None:
        lang = "en"
    result = build(grid, header, lang, _scenario_id(folder), grid.title or args.file.stem)
    shown = result.problems[:MAX_SHOWN]
    for problem in shown:
        say(problem.render(t), err=True)
    if len(result.problems) > MAX_SHOWN:
        say(t("msel.cli.more", count=len(result.problems) - MAX_SHOWN), err=True)
    errors = sum(p.severity == "error" for p in result.problems)
    if errors:
        fail(t("msel.cli.not_imported", count=errors))
        return 2
    return _write(folder, result.data, result.injects, t)


def _scenario_id(folder: Path) -> str:
    from simtrain.interop.msel_cells import slug
    from simtrain.scenario.ids import is_id

    name = folder.resolve().name
    return name if is_id(name) else (slug(name) or "imported")


def _write(folder: Path, data: dict[str, object], injects: int, t: Translator) -> int:
    from simtrain.atomic import SHARED, atomic_write
    from simtrain.scenario.loader import load_scenario
    from simtrain.scenario.problems import ScenarioError
    from simtrain.yamlwrite import dump_exact

    created = not folder.exists()
    file = folder / "scenario.yaml"
    try:
        folder.mkdir(exist_ok=True)
        atomic_write(file, t("msel.cli.yaml_header") + "\n" + dump_exact(data), mode=SHARED)
    except OSError as error:
        fail(t("report.cli.cannot_write", path=str(file), reason=error.strerror or str(error)))
        return 2
    try:
        loaded = load_scenario(folder)
    except ScenarioError as error:  # a sheet this module did not foresee: say it, leave nothing
        for problem in error.problems:
            say(problem.render(t), err=True)
        with contextlib.suppress(OSError):
            file.unlink()
            if created:
                folder.rmdir()
        return 2
    say(t("msel.cli.imported", count=injects, path=str(folder)))
    if loaded.warnings:
        say(t("msel.cli.warnings", count=len(loaded.warnings)), err=True)
    return 0
