"""``simtrain briefing SCENARIO``: role packs, actor briefs and the control/evaluator handbook.

One of ``--role R``, ``--character C``, ``--control`` writes one pack (to standard output or
``-o FILE``); ``--all -o DIR`` writes every pack in every language the scenario has, as
``DIR/<lang>/role-<id>.md``, ``character-<id>.md`` and ``handbook.md`` (and ``.html``). Exit 0 on
success, 2 when the scenario cannot be read, a role or character is unknown, or a file cannot be
written, with one line saying why.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from simtrain.commands.output import one_line
from simtrain.commands.say import fail, say
from simtrain.i18n import Translator
from simtrain.scenario.catalog import language_code

if TYPE_CHECKING:
    from simtrain.report.briefing import Packs
    from simtrain.scenario.catalog import Catalog


def add_arguments(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("scenario", metavar="SCENARIO", help=t("briefing.cli.scenario"))
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--role", metavar="R", help=t("briefing.cli.role"))
    which.add_argument("--character", metavar="C", help=t("briefing.cli.character"))
    which.add_argument("--control", action="store_true", help=t("briefing.cli.control"))
    which.add_argument("--all", action="store_true", help=t("briefing.cli.all"))
    parser.add_argument("--lang", metavar="L", help=t("briefing.cli.lang"))
    parser.add_argument("--format", choices=("md", "html"), help=t("briefing.cli.format"))
    parser.add_argument("-o", "--output", metavar="PATH", type=Path, help=t("briefing.cli.output"))


def _error(message: str) -> int:
    fail(message)
    return 2


def run(args: argparse.Namespace, t: Translator) -> int:
    from simtrain.commands.rehearse import resolve_scenario
    from simtrain.scenario.catalog import Catalog
    from simtrain.scenario.loader import load_scenario
    from simtrain.scenario.problems import ScenarioError

    if not (args.role or args.character or args.control or args.all):
        return _error(t("briefing.cli.choose_one"))
    if args.all and args.output is None:
        return _error(t("briefing.cli.all_needs_dir"))
    path = resolve_scenario(args.scenario)
    if path is None:
        return _error(t("rehearse.no_scenario", name=args.scenario))
    try:
        loaded = load_scenario(path)
    except ScenarioError as error:
        for problem in error.problems:
            say(problem.render(t), err=True)
        return 2
    catalog = Catalog(loaded.scenario, loaded.folder)
    lang = language_code(args.lang) if args.lang is not None else loaded.scenario.language
    if lang is None:
        return _error(t("problems.bad_lang", value=one_line(args.lang)))
    if args.lang:
        t = Translator(lang)
    if args.all:
        return _write_every_pack(args, catalog, t)
    return _write_one_pack(args, catalog, lang, t)


def _write_every_pack(args: argparse.Namespace, catalog: Catalog, t: Translator) -> int:
    """``--all -o DIR``: every pack in every language the scenario has."""
    from simtrain.report.briefing import Packs, write_all

    formats: tuple[str, ...] = (args.format,) if args.format else ("md", "html")
    written: list[Path] = []
    built: list[Packs] = []
    try:
        for each in catalog.languages():
            built.append(Packs(catalog.scenario, catalog, each))
            written += write_all(built[-1], args.output, formats)
    except OSError as error:
        return _error(t("report.cli.cannot_write", path=str(args.output), reason=error.strerror))
    say(t("briefing.cli.written_all", count=len(written), path=str(args.output)))
    for packs in built:
        _warn_untranslated(packs, args.scenario, t)
    return 0


def _warn_untranslated(packs: Packs, scenario: str, t: Translator) -> None:
    """One line on the terminal for a language whose packs hold texts in the scenario's language
    (marked ``*``): a warning when they are mostly untranslated, a note otherwise."""
    from babel import Locale

    if not packs.fallbacks or not packs.texts:
        return
    share = packs.fallbacks / packs.texts
    language = Locale.parse(t.lang).languages.get(packs.lang, packs.lang)
    key = "translators.packs_untranslated" if share > 0.5 else "translators.packs_partly"
    # 0.4 %, never a rounded 0 % beside texts that are not translated
    percent = t.percent(share * 100, 1 if share < 0.1 else 0)
    message = t(key, share=percent, language=language, lang=packs.lang, scenario=scenario)
    say(message, err=share > 0.5)


def _write_one_pack(args: argparse.Namespace, catalog: Catalog, lang: str, t: Translator) -> int:
    """``--role``, ``--character`` or ``--control``: one pack, to a file or standard output."""
    from simtrain.report.briefing import Packs, render

    scenario = catalog.scenario
    packs = Packs(scenario, catalog, lang)
    if args.role:
        known = [r.id for r in scenario.roles]
        if args.role not in known:
            return _error(t("briefing.cli.unknown_role", role=args.role, known=", ".join(known)))
        pack = packs.role(args.role)
    elif args.character:
        known = [c.id for c in scenario.characters]
        if args.character not in known:
            return _error(
                t(
                    "briefing.cli.unknown_character",
                    character=args.character,
                    known=", ".join(known),
                )
            )
        pack = packs.character(args.character)
    else:
        pack = packs.handbook()
    fmt = args.format or (
        "html" if args.output and args.output.suffix in (".html", ".htm") else "md"
    )
    text = render(pack, fmt)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    from simtrain.commands.output import write_output

    try:
        write_output(args.output, text)
    except OSError as error:
        return _error(t("report.cli.cannot_write", path=str(args.output), reason=error.strerror))
    say(t("briefing.cli.written", path=str(args.output)), err=True)
    return 0
