"""Problems turned into advice an author can act on, and placed at their lines.

:func:`improve` reads the model's problems against the plain data: the two halves of one mistake
in a union (``to: tutti`` is neither a list nor ``all``) become one message, a name written where
its id belongs points at the id, a bare id where a condition belongs gets the condition to write.
:func:`finish` places every problem, quotes values as the file spells them (``1.30``, not 1.3),
names the line of a duplicate's first use, and says a mistake repeated in several places once, at
the first, with the other lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from simtrain import yamlio
from simtrain.scenario.conditions import KINDS
from simtrain.scenario.durations import suggest_duration
from simtrain.scenario.hints import (
    CONDITION_KEYS,
    FIELD_KIND,
    Namespaces,
    id_from,
    meant_word,
)
from simtrain.scenario.problems import Problem, as_written, shorten, suggest

Path_ = tuple[str | int, ...]

MAX_LINES = 6
"""Lines named for a mistake repeated elsewhere; more are cut with an ellipsis."""

_MERGED_KEYS = frozenset(
    {"bad_id", "unknown_ref", "refs.other_kind", "refs.name_not_id", "duration", "not_one_of"}
)
"""Problems about a value the author wrote: the same value wrong in many places is said once."""


def real_path(data: Any, path: Path_) -> Path_:
    """``path`` without the elements that name no key in ``data`` (a union branch's tag)."""
    kept: list[str | int] = []
    node = data
    for element in path:
        in_list = isinstance(node, list) and isinstance(element, int) and 0 <= element < len(node)
        if not in_list and not (isinstance(node, Mapping) and element in node):
            continue
        node = node[element]
        kept.append(element)
    return tuple(kept)


def value_at(data: Any, path: Path_) -> Any:
    node = data
    for element in path:
        node = node[element]
    return node


def _field(path: Path_) -> str:
    """The key a value sits under: ``to`` for ``(injects, 3, to, 1)``."""
    return next((str(e) for e in reversed(path) if isinstance(e, str)), "")


def improve(problems: list[Problem], data: Any, folder: Path | None) -> list[Problem]:
    """The model's problems, each saying what to write instead where the data tells it."""
    spaces: Namespaces | None = None
    improved: list[Problem] = []
    said: set[Path_] = set()
    for problem in problems:
        path = real_path(data, problem.path)
        value = value_at(data, path)
        if (
            _field(path) == "to"
            and path[-1] == "to"
            and problem.key in ("wrong_type", "not_one_of")
        ):
            if isinstance(value, list) or path in said:
                continue  # the items' own errors say it; or its twin was said already
            said.add(path)
            spaces = spaces or Namespaces.of(data, folder)
            improved.append(_to_scalar(value, spaces, path))
            continue
        if problem.key in ("bad_id", "condition") or (
            problem.key == "wrong_type" and problem.params.get("expected") == "list"
        ):
            spaces = spaces or Namespaces.of(data, folder)
            improved.append(_advise(problem, value, spaces, path))
            continue
        improved.append(problem)
    return improved


def _advise(problem: Problem, value: Any, spaces: Namespaces, path: Path_) -> Problem:
    field = _field(path)
    if problem.key == "bad_id":
        kind = FIELD_KIND.get(field)
        if field == "to" and meant_word(value, ("all",)):
            return Problem("error", "refs.to_all_item", {"value": shorten(value)}, path=path)
        ident = spaces.by_name(kind, value) if kind else ""
        if ident:
            params = {"value": shorten(value), "id": ident}
            return Problem("error", "refs.name_not_id", params, path=path)
        written = id_from(value)
        known = list(spaces.ids[kind]) if kind else []
        close = suggest(written, known) if written else ""
        if close or not problem.params.get("suggestion"):
            return replace(problem, params={**problem.params, "suggestion": close or written})
        return problem
    if problem.key == "condition" and isinstance(value, str):
        kinds = [k for k in spaces.kinds_of(value) if k in CONDITION_KEYS]
        hint = f"refs.use.{kinds[0]}" if kinds else "refs.condition_example"
        params = {"value": shorten(value), "id": shorten(value), "kinds": ", ".join(KINDS)}
        return Problem("error", "refs.condition_bare", params, path=problem.path, hints=(hint,))
    many = isinstance(value, Mapping) and len(value) > 1 and all(k in KINDS for k in value)
    if problem.key == "condition" and many:  # two conditions in one mapping: all or any
        parts = [as_written({key: item}) for key, item in value.items()]
        params = {"example": "{all: [" + ", ".join(parts) + "]}"}
        return Problem("error", "refs.condition_many", params, path=problem.path)
    if problem.key == "wrong_type" and isinstance(value, str) and field in _LIST_FIELDS:
        params = {**problem.params, "field": field, "example": f"[{value}]"}
        return replace(problem, params=params, hints=(*problem.hints, "refs.write_list"))
    return problem


_LIST_FIELDS = frozenset({"attachments", "translations"})
"""Lists of plain values, where `[value]` is what to write; a list of mappings needs more."""


def _to_scalar(value: Any, spaces: Namespaces, path: Path_) -> Problem:
    """``to:`` written as one word: ``tutti``, a role's id or name, ids joined by commas."""
    parts = [part.strip() for part in value.split(",")] if isinstance(value, str) else []
    shown = {"value": shorten(value)}
    if len(parts) == 1 and meant_word(parts[0], ("all",)):
        return Problem("error", "refs.to_all", shown, path=path)
    roles = spaces.ids["role"]
    ids = [part if part in roles else spaces.by_name("role", part) for part in parts]
    if ids and all(ids):
        example = as_written(ids)
        return Problem("error", "refs.to_list", {**shown, "example": example}, path=path)
    return Problem("error", "refs.to_shape", {**shown, "ids": spaces.listed("role")}, path=path)


def finish(problems: list[Problem], file: Path, text: str) -> list[Problem]:
    """Each problem placed at its line and column, composing the file once for all of them."""
    if not problems:
        return []
    root = yamlio.compose(text)
    placed = []
    for problem in problems:
        if problem.file is not None:  # about another file (an l10n file's name): as it is
            placed.append(problem)
            continue
        where = yamlio.locate(root, problem.path, on_key=problem.on_key)
        params = dict(problem.params)
        hints = problem.hints
        written = None if problem.on_key else yamlio.scalar_text(root, problem.path)
        if "value" in params and written is not None:
            params["value"] = shorten(written)
        if problem.key == "duration" and written is not None:
            params["suggestion"] = suggest_duration(written)
        if problem.related:
            params["first_line"] = yamlio.locate(root, problem.related[0]).line
            hints = (*hints, "refs.first_at")
        placed.append(
            replace(
                problem, params=params, hints=hints, file=file, line=where.line, column=where.column
            )
        )
    return _merge_repeats(placed)


def _merge_repeats(problems: list[Problem]) -> list[Problem]:
    """The same wrong value in many places: one problem at the first, naming the other lines."""
    groups: dict[tuple[Any, ...], list[int]] = {}
    for index, problem in enumerate(problems):
        if problem.key in _MERGED_KEYS and problem.file is not None:
            groups.setdefault(_signature(problem), []).append(index)
    dropped: set[int] = set()
    merged: dict[int, Problem] = {}
    for indexes in groups.values():
        if len(indexes) < 2:
            continue
        first, *others = indexes
        dropped.update(others)
        merged[first] = _with_others(problems[first], [problems[i] for i in others])
    return [merged.get(i, p) for i, p in enumerate(problems) if i not in dropped]


def _signature(problem: Problem) -> tuple[Any, ...]:
    return (problem.severity, problem.key, problem.file, tuple(sorted(problem.params.items())))


def _with_others(first: Problem, others: Iterable[Problem]) -> Problem:
    lines = sorted({p.line for p in others if p.line is not None})
    shown = ", ".join(str(line) for line in lines[:MAX_LINES])
    if len(lines) > MAX_LINES:
        shown += ", …"
    params = {**first.params, "count": len(lines), "lines": shown}
    return replace(first, params=params, hints=(*first.hints, "refs.also_at"))
