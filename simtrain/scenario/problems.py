"""Problems found in a scenario, placed at ``FILE:LINE:COL``, worded in the interface language.

Problems are collected, not raised one at a time: an author fixing a file wants every mistake in
one pass, as a compiler reports them. A problem stores a message key and parameters, never a
sentence, so the same problem reads well in English, Russian and Italian.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from simtrain.i18n import Translator
from simtrain.sanitize import visible
from simtrain.scenario.conditions import KINDS
from simtrain.scenario.hints import meant_word
from simtrain.yamlio import YamlProblem

Severity = Literal["error", "warning"]

TAIL_HINTS = frozenset({"refs.also_at"})
"""Hints that are sentences of their own, said after the "did you mean", not clauses before it."""


@dataclass(frozen=True)
class Problem:
    severity: Severity
    key: str
    params: dict[str, Any] = field(default_factory=dict)
    file: Path | None = None
    line: int | None = None
    column: int | None = None
    path: tuple[str | int, ...] = ()
    """Where in the data it is, until a line and column are known."""
    on_key: bool = False
    """Place it at the mapping key rather than at its value (an unknown key is the key's fault)."""
    hints: tuple[str, ...] = ()
    """Message keys said after the message, filled with the same params: what to write instead."""
    related: tuple[tuple[str | int, ...], ...] = ()
    """Other places the message names (the first of a duplicate id), until their lines are known."""

    @classmethod
    def from_yaml(cls, problem: YamlProblem, file: Path) -> Problem:
        """A file that is not simtrain YAML, as a problem placed where the reader stopped."""
        return cls(
            "error", f"yaml.{problem.key}", dict(problem.params), file, problem.line, problem.column
        )

    def placed(self, file: Path, line: int, column: int) -> Problem:
        return replace(self, file=file, line=line, column=column)

    def where(self) -> str:
        if self.file is None:
            return ""
        text = str(self.file)
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text

    def render(self, t: Translator) -> str:
        """One line: ``FILE:LINE:COL: error: message``, in the translator's language."""
        label = t(f"severity.{self.severity}")
        params = dict(self.params)
        if "kind" in params:
            params["kind"] = t(f"kinds.{params['kind']}")
        for name in ("found_kind", "wanted_kind"):
            if name in params:
                params[name] = t(f"refs.a.{params[name]}")
        if self.key == "wrong_type":
            params["expected"] = t(f"types.{params['expected']}")
        message = t(self.key if "." in self.key else f"problems.{self.key}", **params)
        suggestion = self.params.get("suggestion")
        for hint in self.hints:
            if hint not in TAIL_HINTS:
                message += "; " + t(hint, **params)
        if suggestion:
            message += ". " + t("problems.did_you_mean", suggestion=suggestion)
        for hint in self.hints:
            if hint in TAIL_HINTS:
                message += ("" if message.endswith(("?", ".")) else ".") + " " + t(hint, **params)
        where = self.where()
        line = f"{where}: {label}: {message}" if where else f"{label}: {message}"
        return visible(line, multiline=False)  # a key or a value quoted from the file: inert


def suggest(word: str, choices: Iterable[str]) -> str:
    """The closest known word to a misspelt one, or empty when nothing is close."""
    matches = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else ""


def shorten(value: Any) -> str:
    """A value as an author wrote it, cut to fit in a one-line message: YAML's own spelling
    (``[a, b]``, ``{delivered: x}``, ``true``, ``null``), never Python's (``['a']``, ``None``)."""
    text = as_written(value)
    return text if len(text) <= 40 else text[:37] + "..."


def as_written(value: Any) -> str:
    """A plain value back in YAML's flow spelling, the way an author types it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{as_written(k)}: {as_written(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(as_written(v) for v in value) + "]"
    return str(value)


_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "integer",
    "int_parsing": "integer",
    "int_from_float": "integer",
    "bool_type": "boolean",
    "bool_parsing": "boolean",
    "float_type": "number",
    "float_parsing": "number",
    "tuple_type": "list",
    "list_type": "list",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "dict_type": "mapping",
    "text_type": "text",
}

_OWN_KEYS = ("bad_id", "bad_lang", "empty_text", "duration", "trigger", "delay_without_after")
"""Errors our validators raise with a message key of ours and plain params."""


def describe_error(error: Any, field_names: Collection[str]) -> Problem:
    """One pydantic error as a problem with a message key of ours, not pydantic's English.

    ``field_names`` are the keys the file may hold, to suggest one for a misspelt key: a scenario
    and a rehearsal script share this wording but not their keys.
    """
    kind = error["type"]
    loc = tuple(error["loc"])
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        return Problem("error", "missing", {"field": str(loc[-1])}, path=loc[:-1])
    if kind == "extra_forbidden":
        key = str(loc[-1])
        params = {"key": key, "suggestion": suggest(key, field_names)}
        return Problem("error", "unknown_key", params, path=loc, on_key=True)
    if kind == "literal_error":
        raw = ctx.get("expected", "").replace("'", "")
        choices = [c.strip() for c in raw.replace(" or ", ", ").split(",")]
        expected = ", ".join(choices)
        params = {
            "value": shorten(value),
            "expected": expected,
            "suggestion": meant_word(value, choices) or suggest(shorten(value), choices),
        }
        return Problem("error", "not_one_of", params, path=loc)
    if kind == "condition":
        key = next(iter(value)) if isinstance(value, dict) and len(value) == 1 else ""
        meant = meant_word(key, KINDS) or suggest(key, KINDS) if key else ""
        params = {"kinds": ", ".join(KINDS), "suggestion": meant}
        return Problem("error", "condition", params, path=loc)
    if kind in _TYPE_NAMES:
        return Problem("error", "wrong_type", {"expected": _TYPE_NAMES[kind]}, path=loc)
    if kind in ("too_short", "too_long"):
        params = {"min": ctx.get("min_length", 0), "max": ctx.get("max_length", 0)}
        return Problem("error", kind, params, path=loc)
    if kind in ("greater_than_equal", "less_than_equal"):
        bounds = _bounds(loc, ctx)
        return Problem("error", "out_of_range", {"value": shorten(value), **bounds}, path=loc)
    if kind == "bad_lang" and "key" in ctx:  # an inline text's language: the key's fault
        params = {"value": str(ctx["value"]), "suggestion": str(ctx.get("suggestion", ""))}
        return Problem("error", kind, params, path=(*loc, str(ctx["key"])), on_key=True)
    if kind in _OWN_KEYS:
        return Problem("error", kind, {k: shorten(v) for k, v in ctx.items()}, path=loc)
    return Problem("error", "invalid", {"value": shorten(value)}, path=loc)  # no English detail


_RANGES = {"points": (0, 1000)}
"""Both ends of a bounded field: pydantic's error names only the end that was crossed."""


def _bounds(loc: tuple[Any, ...], ctx: dict[str, Any]) -> dict[str, Any]:
    low, high = _RANGES.get(str(loc[-1]) if loc else "", (ctx.get("ge"), ctx.get("le")))
    return {
        "min": shorten(low if low is not None else "…"),
        "max": shorten(high if high is not None else "…"),
    }


def drop_echoes(problems: list[Problem]) -> list[Problem]:
    """Pydantic adds ``too_short`` to a list whose items failed; the items' errors say it better."""
    paths = [p.path for p in problems]
    kept = []
    for problem in problems:
        if problem.key == "too_short" and any(
            len(other) > len(problem.path) and other[: len(problem.path)] == problem.path
            for other in paths
        ):
            continue
        kept.append(problem)
    return kept


class ScenarioError(Exception):
    """A scenario that could not be loaded; ``unreadable`` means the file could not even be read."""

    def __init__(self, problems: list[Problem], *, unreadable: bool = False) -> None:
        super().__init__(problems[0].key if problems else "invalid")
        self.problems = problems
        self.unreadable = unreadable
