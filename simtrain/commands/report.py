"""``simtrain report SESSION``: the after-action report of a run, as Markdown, HTML, JSON or CSV.

Exit 0 when the report was written; 2 when the session cannot be read or the output cannot be
written, with one line saying why. The report reads the session only (SQLite ``mode=ro``): it never
appends, migrates or caches anything, so it can run while the exercise is still going on, and on a
session archived on read-only media. The text comes from
:func:`simtrain.report.export.report_text`, the path the console's export writes through too
(:func:`~simtrain.report.export.write_report`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simtrain.commands.output import one_line, write_output
from simtrain.commands.say import fail, say
from simtrain.i18n import Translator

FORMATS = ("md", "html", "json", "csv")


def add_arguments(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("session", metavar="SESSION", type=Path, help=t("report.cli.session"))
    parser.add_argument("--format", metavar="FORMAT", help=t("report.cli.format"))
    parser.add_argument("--lang", metavar="L", help=t("report.cli.lang"))
    parser.add_argument("-o", "--output", metavar="FILE", type=Path, help=t("report.cli.output"))


def _error(message: str) -> int:
    fail(message)
    return 2


def choose_format(requested: str | None, output: Path | None) -> str | None:
    """The format asked for, else the output file's extension, else Markdown; None if unknown."""
    if requested:
        fmt = requested.lower().lstrip(".")
        fmt = "md" if fmt == "markdown" else fmt
        return fmt if fmt in FORMATS else None
    if output is not None:
        suffix = output.suffix.lower().lstrip(".")
        if suffix in ("htm", "html"):
            return "html"
        if suffix in FORMATS:
            return suffix
    return "md"


def run(args: argparse.Namespace, t: Translator) -> int:
    from simtrain.report.export import report_text
    from simtrain.scenario.catalog import language_code
    from simtrain.session import Session, SessionError

    fmt = choose_format(args.format, args.output)
    if fmt is None:
        return _error(t("report.cli.unknown_format", format=args.format))
    lang = language_code(args.lang) if args.lang is not None else None
    if args.lang is not None and lang is None:
        return _error(t("problems.bad_lang", value=one_line(args.lang)))
    if lang is not None:
        t = Translator(lang)
    try:
        with Session.open(args.session, "read") as session:
            text = report_text(session, fmt, t, lang)
    except SessionError as error:
        return _error(error.render(t))
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        write_output(args.output, text)
    except OSError as error:
        return _error(t("report.cli.cannot_write", path=str(args.output), reason=error.strerror))
    say(t("report.cli.written", path=str(args.output)), err=True)
    return 0
