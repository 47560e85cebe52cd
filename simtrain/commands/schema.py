"""``simtrain schema [--rehearsal] [-o FILE]``: the JSON Schema of the scenario format, or of a
rehearsal script with ``--rehearsal``, described in the interface language (``--ui-lang``), so an
editor's hover and completion speak the author's language."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from simtrain.commands.output import write_output
from simtrain.commands.say import say
from simtrain.i18n import Translator
from simtrain.schema_docs import SCHEMA_KINDS, SchemaKind, schema


def scenario_schema(lang: str = "en") -> dict[str, Any]:
    """The schema of ``scenario.yaml``, described in ``lang``."""
    return schema("scenario", lang)


def rehearsal_schema(lang: str = "en") -> dict[str, Any]:
    """The schema of a rehearsal script (``rehearsals/*.yaml``), described in ``lang``."""
    return schema("rehearsal", lang)


def schema_text(kind: str = "scenario", lang: str = "en") -> str:
    """The JSON Schema of ``kind`` (``scenario`` or ``rehearsal``) as text, described in ``lang``
    (English for a language the interface does not speak)."""
    from simtrain import schema_docs

    if kind not in SCHEMA_KINDS:
        raise ValueError(f"no schema of kind {kind!r}")
    chosen: SchemaKind = "scenario" if kind == "scenario" else "rehearsal"
    return schema_docs.schema_text(chosen, lang)


def add_arguments(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("--rehearsal", action="store_true", help=t("schema.rehearsal"))
    parser.add_argument("-o", "--output", metavar="FILE", help=t("schema.output"))


def run(args: argparse.Namespace, t: Translator) -> int:
    text = schema_text("rehearsal" if args.rehearsal else "scenario", t.lang)
    if args.output:
        try:
            write_output(Path(args.output), text)
        except OSError as error:
            say(f"{args.output}: {t('yaml.os_error', reason=error.strerror)}", err=True)
            return 2
        say(t("schema.written", path=args.output))
    else:
        sys.stdout.write(text)
    return 0
