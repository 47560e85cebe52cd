"""``simtrain schema [-o FILE]``: the JSON Schema of the format, so editors can autocomplete it."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from simtrain.commands.output import write_output
from simtrain.commands.say import say
from simtrain.i18n import Translator
from simtrain.scenario.model import Scenario


def scenario_schema() -> dict[str, Any]:
    """The schema of ``scenario.yaml``, field descriptions included."""
    schema = Scenario.model_json_schema(by_alias=True, mode="validation")
    schema["title"] = "simtrain scenario"
    return schema


def rehearsal_schema() -> dict[str, Any]:
    """The schema of a rehearsal script (``rehearsals/*.yaml``)."""
    from simtrain.rehearse.script import Script

    schema = Script.model_json_schema(by_alias=True, mode="validation")
    schema["title"] = "simtrain rehearsal"
    return schema


SCHEMA_KINDS = ("scenario", "rehearsal")


def schema_text(kind: str = "scenario", lang: str = "en") -> str:
    """The JSON Schema of ``kind`` (``scenario`` or ``rehearsal``) as text, described in ``lang``."""
    if kind not in SCHEMA_KINDS:
        raise ValueError(kind)
    schema = scenario_schema() if kind == "scenario" else rehearsal_schema()
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def add_arguments(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", help=t("schema.output"))


def run(args: argparse.Namespace, t: Translator) -> int:
    text = schema_text()
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
