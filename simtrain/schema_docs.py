"""The JSON Schemas of the two formats an author writes, in the author's language.

``scenario.yaml`` and a rehearsal script (``rehearsals/*.yaml``) are pydantic models; their shapes
come from the models and every word of their schemas (titles, descriptions, enum explanations)
from ``locales/<lang>.yaml`` under ``schema_doc``: one source for the three languages, so an
editor's hover and completion (VS Code's YAML extension reads ``$schema`` from the file's first
line) speak Italian or Russian.

Keys: ``schema_doc.<Model>._title`` and ``._about`` for each model (the root one included), and
``schema_doc.<Model>.<key>`` for each of its properties, by the key written in YAML (``from``,
``not``). The models carry no field descriptions of their own; their class docstrings are for
developers and must say what the English ``_about`` says (a test holds them together).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import BaseModel

from simtrain.i18n import UI_LANGUAGES, Translator
from simtrain.scenario.durations import PATTERN as DURATION_PATTERN
from simtrain.scenario.ids import LANG_PATTERN
from simtrain.scenario.model import AUTO_CHANNELS, CHANNELS
from simtrain.session.hseep import RATINGS

SchemaKind = Literal["scenario", "rehearsal"]
SCHEMA_KINDS: tuple[SchemaKind, ...] = ("scenario", "rehearsal")
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

VALUE_WORDS = {
    ("auto", "confirm"): "schema_doc._delivery",
    ("actor", "control"): "schema_doc._played_by",
}
"""Enumerations explained value by value, under ``<prefix>.<value>`` (channels and ratings take
the interface's own words: ``channels.*``, ``ratings.*``)."""

SHARED_KEYS = (
    "schema_doc._text.inline",
    "schema_doc._formats.duration",
    "schema_doc._channel.auto",
    "schema_doc._channel.confirm",
    *(f"{prefix}.{value}" for values, prefix in VALUE_WORDS.items() for value in values),
)
"""Words the schemas use beside the models' own: the inline translations of a text, how a
duration is written, what a channel's default delivery is, what each value of an enumeration
means."""


def root_model(kind: SchemaKind) -> type[BaseModel]:
    """The model a file of this kind is (imported here: the scenario's schema needs no runner)."""
    if kind == "scenario":
        from simtrain.scenario.model import Scenario

        return Scenario
    from simtrain.rehearse.script import Script

    return Script


def _bare(kind: SchemaKind) -> dict[str, Any]:
    schema = root_model(kind).model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = JSON_SCHEMA_DIALECT
    return schema


def models(schema: dict[str, Any], kind: SchemaKind) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each model of a schema by name: the root one, then ``$defs`` in their order."""
    yield root_model(kind).__name__, schema
    yield from schema.get("$defs", {}).items()


def doc_keys(kind: SchemaKind) -> list[str]:
    """Every locale key the schema of ``kind`` is written with."""
    keys: list[str] = []
    for name, model in models(_bare(kind), kind):
        keys += [f"schema_doc.{name}._title", f"schema_doc.{name}._about"]
        keys += [f"schema_doc.{name}.{prop}" for prop in model.get("properties", {})]
    return keys


def schema(kind: SchemaKind, lang: str = "en") -> dict[str, Any]:
    """The JSON Schema of ``kind``, every title and description in ``lang``."""
    t = Translator(lang)
    result = copy.deepcopy(_bare(kind))
    for name, model in models(result, kind):
        model["title"] = t(f"schema_doc.{name}._title")
        model["description"] = t(f"schema_doc.{name}._about")
        _markdown(model)
        for prop, node in model.get("properties", {}).items():
            node.pop("title", None)
            node["description"] = t(f"schema_doc.{name}.{prop}")
            _explain(node, t)
    _inline_texts(result, t)
    return result


def schema_text(kind: SchemaKind = "scenario", lang: str = "en") -> str:
    return json.dumps(schema(kind, lang), ensure_ascii=False, indent=2) + "\n"


def _branches(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """A property's schema and, for an optional one, its non-null alternatives."""
    yield node
    for branch in node.get("anyOf", ()):
        if isinstance(branch, dict):
            yield branch


def _explain(node: dict[str, Any], t: Translator) -> None:
    """What hover and completion gain beyond the description: how a duration is written, what
    each channel and rating means (``enumDescriptions``, read by VS Code's YAML extension)."""
    extra = ""
    for branch in _branches(node):
        if branch.get("pattern") == DURATION_PATTERN:
            extra = t("schema_doc._formats.duration")
        for lang in (branch, branch.get("items", {})):
            if lang.get("pattern") == LANG_PATTERN:
                lang["examples"] = list(UI_LANGUAGES)
        values = tuple(branch.get("enum", ()))
        if values == CHANNELS:
            branch["enumDescriptions"] = [_channel(value, t) for value in values]
        elif values == RATINGS:
            branch["enumDescriptions"] = [t(f"ratings.{value}") for value in values]
        elif values in VALUE_WORDS:
            branch["enumDescriptions"] = [t(f"{VALUE_WORDS[values]}.{v}") for v in values]
    _markdown(node, extra)
    _onto_branches(node, t)


def _onto_branches(node: dict[str, Any], t: Translator) -> None:
    """The description again on the alternatives of an optional or two-form value, for an
    editor's hover. yaml-language-server takes alternatives it cannot tell apart by title and
    description for "all matched" and shows each one's words joined by ``||`` (empty ones for
    ``at: 0:15`` without this), so the words go on the first alternative only, and the inline form
    of a text has its own: the field's words, then what the form is."""
    words = {k: node[k] for k in ("description", "markdownDescription") if k in node}
    first = True
    for branch in node.get("anyOf", ()):
        if branch.get("propertyNames") == {"pattern": LANG_PATTERN}:
            inline = t("schema_doc._text.inline")
            text = words.get("markdownDescription", words["description"])
            branch["description"] = f"{words['description']}\n\n{inline}"
            branch["markdownDescription"] = f"{text}\n\n{inline}"
        elif first and branch != {"type": "null"}:
            branch.update(words)
            first = False


def _channel(value: str, t: Translator) -> str:
    delivery = "auto" if value in AUTO_CHANNELS else "confirm"
    return f"{t(f'channels.{value}')} — {t(f'schema_doc._channel.{delivery}')}"


def _markdown(node: dict[str, Any], extra: str = "") -> None:
    """``markdownDescription`` where Markdown shows more than the plain text: ``code`` in
    backticks (an editor shows the plain description with its backticks), or an added line."""
    text = node["description"]
    if extra:
        node["markdownDescription"] = f"{text}\n\n{extra}"
    elif "`" in text:
        node["markdownDescription"] = text


def _inline_texts(node: Any, t: Translator) -> None:
    """The ``{en: ..., it: ...}`` form of a text, wherever it is allowed."""
    if isinstance(node, dict):
        if node.get("propertyNames") == {"pattern": LANG_PATTERN}:
            node.setdefault("description", t("schema_doc._text.inline"))
        for value in node.values():
            _inline_texts(value, t)
    elif isinstance(node, list):
        for value in node:
            _inline_texts(value, t)
