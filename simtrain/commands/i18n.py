"""``simtrain i18n PATH [--lang L] [--strict] [--update]``: translation coverage, and the writer.

Each missing, stale, orphaned or placeholder-mismatched text is one ``FILE:LINE: message`` line, so
an editor can jump to it. ``--strict`` makes any of them fatal, for CI.
"""

from __future__ import annotations

import argparse
import sys

from simtrain.i18n import Translator, normalise
from simtrain.scenario.l10n_status import coverage, mark_documents, source_lines, write_translation
from simtrain.scenario.library import resolve
from simtrain.scenario.loader import load_scenario
from simtrain.scenario.problems import ScenarioError


def add_arguments(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("path", metavar="PATH", help=t("i18n.path"))
    parser.add_argument("--lang", metavar="LANG", help=t("i18n.lang"))
    parser.add_argument("--strict", action="store_true", help=t("i18n.strict"))
    parser.add_argument("--update", action="store_true", help=t("i18n.update"))


def run(args: argparse.Namespace, t: Translator) -> int:
    if args.update and not args.lang:
        print(t("i18n.update_needs_lang"), file=sys.stderr)
        return 2
    try:
        loaded = load_scenario(resolve(args.path))
    except ScenarioError as error:
        for problem in error.problems:
            print(problem.render(t), file=sys.stderr)
        return 2 if error.unreadable else 1
    scenario = loaded.scenario
    lines = source_lines(loaded)
    if args.update:
        lang = normalise(args.lang)
        if lang == scenario.language:
            print(t("i18n.update_source", lang=lang), file=sys.stderr)
            return 2
        written = write_translation(
            loaded,
            lang,
            lines,
            {"source": t("i18n.comment_source"), "stale": t("i18n.comment_stale")},
        )
        mark_documents(loaded, lang)
        print(
            t(
                "i18n.written",
                path=written.path,
                total=t("count.texts", count=written.total),
                new=written.new,
                stale=written.stale,
            )
        )
    langs = [normalise(args.lang)] if args.lang else list(scenario.translations)
    found_any = False
    total = len(lines)
    print(t("i18n.source_header", lang=scenario.language, total=t("count.texts", count=total)))
    for lang in langs:
        if lang == scenario.language:
            continue
        report = coverage(loaded, lang, lines)
        print(
            t(
                "i18n.header",
                lang=lang,
                done=report.done,
                total=report.total,
                missing=report.count("missing", "missing_doc"),
                stale=report.count("stale", "stale_doc"),
                orphaned=report.count("orphaned"),
                mismatch=report.count("mismatch"),
            )
        )
        for finding in report.findings:
            found_any = True
            message = t(f"i18n.{finding.kind}", key=finding.key, **finding.params)
            print(f"  {finding.file}:{finding.line}: {message}")
    return 1 if (args.strict and found_any) else 0
