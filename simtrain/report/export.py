"""Writing after-action reports: the one path the ``report`` command and the console's export
share, so a file written from either is the same file.

Each writer is imported when its format is asked for: the JSON writer brings pydantic, which the
Markdown a trainer asks for at the command line does not need.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from simtrain.atomic import SHARED, atomic_write
from simtrain.i18n import Translator
from simtrain.report.aar_build import build
from simtrain.report.aar_model import Report
from simtrain.scenario.catalog import Catalog
from simtrain.session.session import Session


def render_report(report: Report, fmt: str, t: Translator) -> str:
    """A built report in one format (``md`` for anything else); ``t`` is the reader's language."""
    if fmt == "html":
        from simtrain.report import html

        return html.render(report, t)
    if fmt == "json":
        from simtrain.report import json_writer

        return json_writer.render(report)
    if fmt == "csv":
        from simtrain.report import csv_writer

        return csv_writer.render(report, t)
    from simtrain.report import md

    return md.render(report, t)


def report_text(
    session: Session,
    fmt: str,
    t: Translator,
    lang: str | None = None,
    catalog: Catalog | None = None,
) -> str:
    """The report of an open session in one format, content texts in ``lang`` (default: the
    run's); a caller that already holds the scenario's catalog passes it."""
    return render_report(build(session, lang, catalog), fmt, t)


def write_report(
    session: Session,
    targets: Mapping[str, Path],
    t: Translator,
    lang: str | None = None,
    catalog: Catalog | None = None,
) -> list[Path]:
    """The report built once and written in each format to its file (``{"html": path, ...}``);
    returns the paths written. An ``OSError`` is the caller's to word."""
    report = build(session, lang, catalog)
    written = []
    for fmt, path in targets.items():
        atomic_write(path, render_report(report, fmt, t), mode=SHARED)
        written.append(path)
    return written
