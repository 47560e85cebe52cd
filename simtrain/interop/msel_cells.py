"""What one MSEL cell says, both ways: written by ``msel`` and read back by ``import``.

Each format is made for a planner's eyes first (short labels in their language, one action a
paragraph) and is still exact enough to come back unchanged:

* time: ``1·2:15`` (day 1 of the programme, 2 h 15 min into it); ``D1 09:30``, ``Day 2, 0:15``
  and a bare ``2:15`` (the day of the row above) are read too;
* expected actions: ``1. [id] text`` then ``objective: protect · points: 15 · window: 2h``;
* the responsible role of each action: ``1. Lawyer`` (or one name for a single action);
* a decision: the question, then one ``- [option-id] text`` a line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from simtrain.i18n import UI_LANGUAGES, Translator
from simtrain.scenario.durations import format_clock, parse_duration, parse_spoken_duration
from simtrain.scenario.ids import is_id

DAY_MARK = "·"
NONE = "—"


def format_time(day: int, at: int) -> str:
    """``1·2:15``: the phase's number in the programme and the offset from its start."""
    return f"{day}{DAY_MARK}{format_clock(at, with_seconds=bool(at % 60))}"


_TIME = re.compile(
    r"(?:t\s*\+\s*|\+)?"
    r"(?:(?:d|day|день|д|giorno|g|gg)?\.?\s*(?P<day>\d{1,3})\s*(?:[·.,;/]\s*|\s+))?"
    r"(?P<clock>\d{1,3}:[0-5]\d(?::[0-5]\d)?)",
    re.IGNORECASE,
)


def parse_time(text: str) -> tuple[int | None, int] | None:
    """(day or None, seconds) from a time cell, or None when it is no time."""
    match = _TIME.fullmatch(text.strip())
    if match is None:
        return None
    seconds = parse_duration(match["clock"])
    if seconds is None:
        return None
    return (int(match["day"]) if match["day"] else None), seconds


def parse_day(text: str) -> int | None:
    """A day column's value: ``1``, ``D1``, ``Day 1``, ``День 1``, ``Giorno 1``."""
    match = re.fullmatch(r"(?:[^\W\d_]+\.?\s*)?(\d{1,3})", text.strip())
    return int(match[1]) if match else None


def parse_window(text: str) -> int | bool | None:
    """Seconds of a window, None for none (``—``, empty), False when it cannot be read."""
    text = text.strip()
    if text in ("", NONE, "-", "–"):
        return None
    seconds = parse_spoken_duration(text)
    return False if seconds is None else seconds


# --- expected actions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ExpectCell:
    """One expected action as the MSEL shows it."""

    ident: str | None
    text: str
    objective: str | None
    points: str | None
    window: str | None


def labels(t: Translator) -> tuple[str, str, str]:
    return (t("msel.expect.objective"), t("msel.expect.points"), t("msel.expect.window"))


def format_expect(actions: list[ExpectCell], t: Translator) -> str:
    objective, points, window = labels(t)
    blocks = []
    for n, a in enumerate(actions, 1):
        number = f"{n}. " if len(actions) > 1 else ""
        meta = f"{objective}: {a.objective} · {points}: {a.points} · {window}: {a.window or NONE}"
        blocks.append(f"{number}[{a.ident}] {a.text}\n{meta}")
    return "\n\n".join(blocks)


_LABELS: dict[str, str] = {}


def _known_labels() -> dict[str, str]:
    if not _LABELS:
        for lang in UI_LANGUAGES:
            for key, label in zip(
                ("objective", "points", "window"), labels(Translator(lang)), strict=True
            ):
                _LABELS[label.casefold()] = key
        extra = {"capability": "objective", "score": "points", "within": "window"}
        _LABELS.update({"time window": "window", "цель": "objective", **extra})
    return _LABELS


def _meta(line: str) -> dict[str, str] | None:
    """``objective: x · points: 10 · window: 1h`` as a dict, or None when the line is text."""
    found: dict[str, str] = {}
    for part in re.split(r"\s*[·|]\s*", line.strip()):
        label, colon, value = part.partition(":")
        key = _known_labels().get(label.strip().casefold())
        if not colon or key is None:
            return None
        found[key] = value.strip()
    return found or None


_NUMBERED = re.compile(r"^\s*(\d{1,3})[.)]\s+")
_BRACKET_ID = re.compile(r"^\[([^\]\n]{1,80})\]\s*")


def parse_expect(cell: str) -> list[ExpectCell]:
    """Every action in an expected-actions cell; text without labels is one action."""
    blocks: list[list[str]] = []
    for line in cell.splitlines():
        if _NUMBERED.match(line) or not blocks:
            if not line.strip() and not blocks:
                continue
            blocks.append([_NUMBERED.sub("", line, count=1)])
        else:
            blocks[-1].append(line)
    actions = []
    for block in blocks:
        meta: dict[str, str] = {}
        lines = [line for line in block if line.strip()]
        while lines and (found := _meta(lines[-1])) is not None:
            meta = {**found, **meta}
            lines.pop()
        text = "\n".join(lines).strip()
        match = _BRACKET_ID.match(text)
        ident = match[1].strip() if match else None
        text = text[match.end() :].strip() if match else text
        if text or meta:
            actions.append(
                ExpectCell(
                    ident, text, meta.get("objective"), meta.get("points"), meta.get("window")
                )
            )
    return actions


def format_roles_by_action(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return "\n".join(f"{n}. {name}" for n, name in enumerate(names, 1))


def parse_roles_by_action(cell: str, count: int) -> list[str | None]:
    """The role of each of ``count`` actions: numbered lines, one line each, or one for all."""
    lines = [line.strip() for line in cell.splitlines() if line.strip()]
    numbered = {
        int(m[1]): _NUMBERED.sub("", line).strip() for line in lines if (m := _NUMBERED.match(line))
    }
    if numbered:
        return [numbered.get(n) for n in range(1, count + 1)]
    if len(lines) == count:
        return list(lines)
    if len(lines) == 1:
        return [lines[0]] * count
    return [None] * count


# --- names joined in one cell --------------------------------------------------------------------


def join_names(names: Iterable[str]) -> str:
    """``A, B`` (or ``A; B`` or one a line when a name holds the separator)."""
    names = list(names)
    for sep in (", ", "; "):
        if not any(sep.strip() in name for name in names):
            return sep.join(names)
    return "\n".join(names)


def split_names(cell: str) -> list[str]:
    if "\n" in cell.strip():
        parts = cell.splitlines()
    elif ";" in cell:
        parts = cell.split(";")
    else:
        parts = cell.split(",")
    return [p.strip() for p in parts if p.strip()]


# --- decisions -----------------------------------------------------------------------------------


def format_decision(prompt: str, options: list[tuple[str, str]]) -> str:
    return "\n".join([prompt, *(f"- [{ident}] {text}" for ident, text in options)])


_OPTION = re.compile(r"^\s*[-•*]\s+")


def parse_decision(cell: str) -> tuple[str, list[tuple[str | None, str]]]:
    """The question and the options (id or None, text) of a decision cell."""
    prompt: list[str] = []
    options: list[list[str]] = []
    for line in cell.splitlines():
        if _OPTION.match(line):
            options.append([_OPTION.sub("", line, count=1)])
        elif options:
            options[-1].append(line)
        else:
            prompt.append(line)
    parsed: list[tuple[str | None, str]] = []
    for lines in options:
        text = "\n".join(lines).strip()
        match = _BRACKET_ID.match(text)
        parsed.append((match[1].strip(), text[match.end() :].strip()) if match else (None, text))
    return "\n".join(prompt).strip(), parsed


# --- ids -----------------------------------------------------------------------------------------

_LATIN = "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch _ y _ e iu ia"
_CYRILLIC = {
    c: latin.strip("_")
    for c, latin in zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", _LATIN.split(), strict=True)
}
"""Russian letters in Latin (the hard and soft signs are dropped), for ids made from titles."""


def slug(text: str, limit: int = 48) -> str:
    """An id made from a title: ``Charging conference`` -> ``charging-conference``."""
    text = "".join(_CYRILLIC.get(c, c) for c in text.casefold()).replace("-", " ")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", text)
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > limit:
            break
        out = f"{out}-{word}" if out else word
    return out or (words[0][:limit] if words else "")


def unique(base: str, taken: set[str], fallback: str) -> str:
    """``base`` (or ``fallback``) made an id nobody holds yet: ``-2``, ``-3``... on a clash."""
    base = base if is_id(base) else fallback
    ident, n = base, 2
    while ident in taken:
        ident = f"{base[:60]}-{n}"
        n += 1
    taken.add(ident)
    return ident
