"""``simtrain i18n PATH --export xliff --lang L [-o FILE]`` and ``--import FILE [--lang L]``.

The export writes ``SCENARIO.LANG.xlf`` (or ``-o FILE``) for a translator's CAT tool; the import
brings its targets into ``l10n/<lang>.yaml`` through the ``--update`` writer. A file that cannot
be taken (hostile, not XLIFF, another language or scenario) is one line and exit 2; each refused
unit is one line naming it, and makes the exit 1, while the rest is taken.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from simtrain.commands.i18n import comment_labels, say_written
from simtrain.commands.output import one_line, write_output
from simtrain.commands.say import fail, say
from simtrain.i18n import Translator
from simtrain.interop.xliff import XliffError, export_xliff, read_xliff
from simtrain.interop.xliff_import import REFUSED, apply_plan, plan_import, target_language
from simtrain.scenario.catalog import Catalog, language_code
from simtrain.scenario.l10n_status import TranslationWriteError
from simtrain.scenario.library import resolve
from simtrain.scenario.loader import LoadedScenario, load_scenario
from simtrain.scenario.problems import ScenarioError


def run_xliff(args: argparse.Namespace, t: Translator) -> int:
    """The export or the import, whichever was asked for (never both, never with --update)."""
    if args.update or args.strict or (args.export is not None and args.import_file is not None):
        fail(t("xliff.conflict"))
        return 2
    lang = language_code(args.lang) if args.lang is not None else None
    if args.lang is not None and lang is None:
        fail(t("problems.bad_lang", value=one_line(args.lang)))
        return 2
    try:
        loaded = load_scenario(resolve(args.path))
    except ScenarioError as error:
        for problem in error.problems:
            say(problem.render(t), err=True)
        return 2 if error.unreadable else 1
    if args.export is not None:
        return _export(loaded, lang, args.output, t)
    return _import(loaded, Path(args.import_file), lang, t)


def _broken(loaded: LoadedScenario, lang: str, t: Translator) -> bool:
    """Print the problems of ``l10n/<lang>.yaml``, if it has any: then it is neither exported
    (its texts would read as missing) nor written (rewriting would lose what it holds)."""
    translation = Catalog(loaded.scenario, loaded.folder).translation(lang)
    for problem in translation.problems:
        say(problem.render(t), err=True)
    if translation.problems:
        fail(t("i18n.update_refused", path=str(translation.file)))
    return bool(translation.problems)


def _export(loaded: LoadedScenario, lang: str | None, output: str | None, t: Translator) -> int:
    if lang is None:
        fail(t("xliff.export_needs_lang"))
        return 2
    if lang == loaded.scenario.language:
        fail(t("i18n.update_source", lang=lang))
        return 2
    if _broken(loaded, lang, t):
        return 1
    exported = export_xliff(loaded, lang, t, comment_labels(t)[1])
    path = Path(output) if output else Path(f"{loaded.scenario.id}.{lang}.xlf")
    try:
        write_output(path, exported.data.decode("utf-8"))
    except OSError as error:
        fail(t("i18n.cannot_write", path=str(path), reason=error.strerror or str(error)))
        return 2
    say(
        t(
            "xliff.exported",
            path=str(path),
            units=t("count.texts", count=exported.units),
            new=t("translators.written_new", count=exported.new),
            review=t("translators.export_review", count=exported.review),
            documents=t("translators.export_documents", count=exported.documents),
        )
    )
    return 0


def _import(loaded: LoadedScenario, file: Path, asked: str | None, t: Translator) -> int:
    try:
        xliff = read_xliff(file)
        lang = target_language(loaded, xliff, asked)
    except XliffError as error:
        fail(error.render(t))
        return 2
    if _broken(loaded, lang, t):
        return 1
    plan = plan_import(loaded, xliff, lang)
    for problem in plan.problems:
        say(f"{file}: {t(f'xliff.unit.{problem.kind}', unit=one_line(problem.unit))}", err=True)
    labels, known = comment_labels(t)
    try:
        written = apply_plan(loaded, plan, labels, known)
    except TranslationWriteError as error:
        fail(error.render(t))
        return 1
    except OSError as error:
        reason = error.strerror or str(error)
        fail(t("i18n.cannot_write", path=str(error.filename or ""), reason=reason))
        return 1
    say(
        t(
            "xliff.imported",
            path=str(file),
            taken=len(plan.taken),
            unchanged=plan.unchanged,
            kept=plan.kept,
            refused=plan.refused,
        )
    )
    if written is None:
        say(t("xliff.nothing_written", lang=lang))
    else:
        say_written(written, t)
    return 1 if any(problem.kind in REFUSED for problem in plan.problems) else 0
