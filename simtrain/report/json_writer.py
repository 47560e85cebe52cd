"""The after-action report as JSON, documented by ``schema/report.schema.json``.

The JSON is the report's dataclasses serialised as they are (pydantic-core does it, fast enough for
a 100,000-event session), and the schema is generated from the same dataclasses, so the two cannot
drift apart; a test compares the committed schema with :func:`schema` and validates real reports
against it. Output is stable: keys in a fixed order, no timestamps of its own, the same session
always gives the same bytes.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from pydantic import TypeAdapter

from simtrain.report.aar_model import FORMAT, VERSION, Report

SCHEMA_ID = "https://simtrain.example/schema/report.schema.json"


@cache
def adapter() -> TypeAdapter[Report]:
    return TypeAdapter(Report)


def render(report: Report) -> str:
    return adapter().dump_json(report, indent=2).decode("utf-8") + "\n"


def schema() -> dict[str, Any]:
    """The JSON Schema of :func:`render`'s output (draft 2020-12)."""
    body = adapter().json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "simtrain after-action report",
        "description": (
            f"The output of `simtrain report SESSION --format json` ({FORMAT}, version {VERSION}). "
            "Times and durations are exercise seconds; percentages have one decimal; texts carry "
            "the language they are in and whether they fell back to the scenario's source language."
        ),
        **body,
    }


def schema_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"
