"""``simtrain validate PATH...``: check scenarios the way a compiler checks code.

Exit 0 when every scenario is valid, 1 when one is invalid (or has warnings under ``--strict``),
2 when a path cannot be read at all. Every problem is one ``FILE:LINE:COL: severity: message`` line.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from simtrain.commands.say import say
from simtrain.i18n import Translator
from simtrain.scenario.catalog import Catalog
from simtrain.scenario.library import resolve
from simtrain.scenario.loader import LoadedScenario, load_scenario
from simtrain.scenario.problems import Problem, ScenarioError


def add_arguments(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help=t("validate.paths"))
    parser.add_argument("--strict", action="store_true", help=t("validate.strict"))


def translation_problems(loaded: LoadedScenario) -> list[Problem]:
    """Problems inside the ``l10n`` files (their shape, not their coverage: that is ``i18n``)."""
    catalog = Catalog(loaded.scenario, loaded.folder)
    problems: list[Problem] = []
    for lang in catalog.languages():
        if lang != loaded.scenario.language:
            problems += catalog.translation(lang).problems
    return problems


def check(path: Path, t: Translator, strict: bool) -> int:
    """Validate one scenario, print what is wrong, and return its exit code."""
    try:
        loaded = load_scenario(path)
    except ScenarioError as error:
        for problem in error.problems:
            say(problem.render(t), err=True)
        errors = sum(p.severity == "error" for p in error.problems)
        warnings = len(error.problems) - errors
        if not error.unreadable:
            say(_summary(t, errors, warnings), err=True)
        return 2 if error.unreadable else 1
    problems = [*loaded.warnings, *translation_problems(loaded)]
    for problem in problems:
        say(problem.render(t), err=True)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if errors or (strict and warnings):
        say(_summary(t, errors, warnings), err=True)
        return 1
    scenario = loaded.scenario
    say(
        t(
            "validate.ok",
            path=loaded.file,
            injects=t("count.injects", count=len(scenario.injects)),
            roles=t("count.roles", count=len(scenario.roles)),
            phases=t("count.phases", count=len(scenario.phases)),
        )
    )
    if warnings:
        say(_summary(t, 0, warnings), err=True)
    return 0


def _summary(t: Translator, errors: int, warnings: int) -> str:
    return t(
        "validate.summary",
        errors=t("count.errors", count=errors),
        warnings=t("count.warnings", count=warnings),
    )


def run(args: argparse.Namespace, t: Translator) -> int:
    worst = 0
    for argument in args.paths:
        worst = max(worst, check(resolve(argument), t, args.strict))
    return worst
