"""``simtrain i18n PATH [--lang L] [--strict] [--update]``: translation coverage, and the writer
(``--export xliff`` and ``--import FILE``: XLIFF for CAT tools, in :mod:`.i18n_xliff`).

Each missing, stale, orphaned or placeholder-mismatched text is one ``FILE:LINE: message`` line, so
an editor can jump to it. ``--strict`` makes any of them fatal, for CI. The header of each language
counts texts apart from documents, then only the problems it has; ``--update`` says what it wrote
(new keys apart from entries still empty, stale ones, moved ones) and each translation it moved
from a renamed id.

A translation file that cannot be read as one (a YAML syntax error, NUL bytes, a list at the top,
a ``language:`` that is not its name, an unknown key) is reported first, as ``validate`` reports
it (``FILE:LINE:COL: error: ...``), instead of counting its texts as missing; the command then
exits 1, and ``--update`` leaves such a file untouched: rewriting it would drop what the
translator wrote.
"""

from __future__ import annotations

import argparse

from simtrain.commands.output import one_line
from simtrain.commands.say import say
from simtrain.i18n import UI_LANGUAGES, Translator
from simtrain.scenario.catalog import Catalog, language_code
from simtrain.scenario.l10n_status import (
    Finding,
    LanguageReport,
    TranslationWriteError,
    Written,
    coverage,
    mark_documents,
    source_lines,
    write_translation,
)
from simtrain.scenario.library import resolve
from simtrain.scenario.loader import LoadedScenario, load_scenario
from simtrain.scenario.problems import ScenarioError


def add_arguments(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("path", metavar="PATH", help=t("i18n.path"))
    parser.add_argument("--lang", metavar="LANG", help=t("i18n.lang"))
    parser.add_argument("--strict", action="store_true", help=t("i18n.strict"))
    parser.add_argument("--update", action="store_true", help=t("i18n.update"))
    parser.add_argument("--export", choices=["xliff"], metavar="xliff", help=t("xliff.export"))
    parser.add_argument("--import", dest="import_file", metavar="FILE", help=t("xliff.import"))
    parser.add_argument("-o", "--output", metavar="FILE", help=t("xliff.output"))


def run(args: argparse.Namespace, t: Translator) -> int:
    if args.export is not None or args.import_file is not None:
        from simtrain.commands.i18n_xliff import run_xliff  # a CAT tool's file: XLIFF 1.2

        return run_xliff(args, t)
    if args.update and args.lang is None:
        say(t("i18n.update_needs_lang"), err=True)
        return 2
    lang = language_code(args.lang) if args.lang is not None else None
    if args.lang is not None and lang is None:
        say(t("problems.bad_lang", value=one_line(args.lang)), err=True)
        return 2
    try:
        loaded = load_scenario(resolve(args.path))
    except ScenarioError as error:
        for problem in error.problems:
            say(problem.render(t), err=True)
        return 2 if error.unreadable else 1
    scenario = loaded.scenario
    lines = source_lines(loaded)
    if args.update:
        assert lang is not None
        if lang == scenario.language:
            say(t("i18n.update_source", lang=lang), err=True)
            return 2
        if not _update(loaded, lang, lines, t):
            return 1
    langs = [lang] if lang else list(scenario.translations)
    found_any = broken = False
    total = len(lines)
    say(t("i18n.source_header", lang=scenario.language, total=t("count.texts", count=total)))
    for each in langs:
        if each == scenario.language:
            continue
        if _file_problems(loaded, each, t):
            broken = True
            continue
        report = coverage(loaded, each, lines)
        say(header_line(report, t))
        for finding in report.findings:
            found_any = True
            say(f"  {finding.file}:{finding.line}: {finding_message(finding, each, t)}")
    return 1 if broken or (args.strict and found_any) else 0


def _file_problems(loaded: LoadedScenario, lang: str, t: Translator) -> bool:
    """Print the problems of ``l10n/<lang>.yaml`` as ``validate`` does; True when it has any."""
    translation = Catalog(loaded.scenario, loaded.folder).translation(lang)
    if not translation.problems:
        return False
    for problem in translation.problems:
        say(problem.render(t), err=True)
    say(t("i18n.file_broken", lang=lang, path=str(translation.file)))
    return True


def _update(loaded: LoadedScenario, lang: str, lines: dict[str, int], t: Translator) -> bool:
    """``--update``: rewrite the language's file, or say in one line why it was left alone."""
    translation = Catalog(loaded.scenario, loaded.folder).translation(lang)
    for problem in translation.problems:
        say(problem.render(t), err=True)
    labels, known = comment_labels(t)
    try:
        written = write_translation(loaded, lang, lines, labels, known=known)
        mark_documents(loaded, lang)
    except TranslationWriteError as error:
        say(error.render(t), err=True)
        return False
    except OSError as error:
        reason = error.strerror or str(error)
        say(t("i18n.cannot_write", path=str(error.filename or ""), reason=reason), err=True)
        return False
    say_written(written, t)
    return True


def comment_labels(t: Translator) -> tuple[dict[str, str], frozenset[str]]:
    """The words of the translator's comments in the interface language, and the words a source
    comment may carry in any interface language (the file may have been written in another)."""
    keys = {
        "source": "i18n.comment_source",
        "stale": "i18n.comment_stale",
        "before": "translators.comment_before",
        "now": "translators.comment_now",
    }
    labels = {name: t(key) for name, key in keys.items()}
    known = {
        Translator(lang)(keys[name])
        for lang in UI_LANGUAGES
        for name in ("source", "before", "now")
    }
    return labels, frozenset(known)


def header_line(report: LanguageReport, t: Translator) -> str:
    """``it: 94 texts translated of 94, 3 documents of 3; 1 stale``: what a language has, texts
    apart from documents, then only the problems it has, each count in its plural."""
    texts = t(
        "translators.texts_done",
        count=report.done - report.documents_done,
        total=report.total - report.documents,
    )
    parts = [texts]
    if report.documents:
        parts.append(
            t("translators.documents_done", count=report.documents_done, total=report.documents)
        )
    problems = {
        "missing": report.count("missing", "missing_doc", "binary_doc"),
        "stale": report.count("stale", "stale_doc"),
        "orphaned": report.count("orphaned"),
        "mismatch": report.count("mismatch"),
    }
    line = t("translators.header", lang=report.lang, done=", ".join(parts))
    found = [t(f"translators.{kind}", count=n) for kind, n in problems.items() if n]
    return f"{line}; {', '.join(found)}" if found else line


def finding_message(finding: Finding, lang: str, t: Translator) -> str:
    if finding.kind == "orphaned" and "to" in finding.params:
        return t("translators.orphaned_moves", key=finding.key, to=finding.params["to"], lang=lang)
    if finding.kind == "stale_doc" and not finding.params.get("marked"):
        return t("translators.stale_doc_unmarked", key=finding.key, lang=lang)
    params = {k: v for k, v in finding.params.items() if k != "marked"}
    return t(f"i18n.{finding.kind}", key=finding.key, **params)


def say_written(written: Written, t: Translator) -> None:
    """What ``--update`` (or an XLIFF import) wrote: the counts, each move, each orphan left."""
    path = str(written.path)
    for old, new in written.moved:
        say(t("translators.moved", path=path, old=old, new=new))
    for key, keys in written.ambiguous:
        say(t("translators.not_moved", path=path, key=key, keys=", ".join(keys)))
    counts = {
        "new": written.new,
        "empty": written.empty,
        "stale": written.stale,
        "moved": len(written.moved),
    }
    line = t("translators.written", path=path, total=t("count.texts", count=written.total))
    found = [t(f"translators.written_{kind}", count=n) for kind, n in counts.items() if n]
    say(f"{line}; {', '.join(found)}" if found else line)
    if written.backup is not None:
        say(t("i18n.backup", path=written.backup))
