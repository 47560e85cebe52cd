"""Triggers in words, as the handbook words them, and read back from those words.

A condition is written with the briefing handbook's own phrases (``briefing.cond.*``), so the MSEL
and the handbook say the same thing: ``“Sarlo Housing is moving money” delivered``, ``option
“inspect-now” chosen``, nested groups in parentheses. Reading turns those phrases (in any
interface language) back into the condition; an inject delivered is named by its title when the
title is unique, else by its id. What cannot be read is None, and the caller keeps the words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from simtrain.i18n import UI_LANGUAGES, Translator
from simtrain.interop.msel_cells import format_time, parse_time
from simtrain.report.briefing import Packs
from simtrain.scenario.catalog import Catalog
from simtrain.scenario.conditions import Condition, Delivered
from simtrain.scenario.durations import format_duration, parse_spoken_duration
from simtrain.scenario.model import Inject

_MARK = "\x00"
_LEAVES = ("delivered", "done", "missed", "chose")


class Words(Packs):
    """The handbook's condition wording, without its fallback marks (the MSEL is data)."""

    def __init__(self, catalog: Catalog, lang: str) -> None:
        super().__init__(catalog.scenario, catalog, lang)
        counts: dict[str, int] = {}
        for inject in catalog.scenario.injects:
            title = self.text(f"injects.{inject.id}.title").text
            counts[title] = counts.get(title, 0) + 1
        ids = {i.id for i in catalog.scenario.injects}
        self._named = {
            i.id: self.text(f"injects.{i.id}.title").text for i in catalog.scenario.injects
        }
        self._unique = {
            ident for ident, title in self._named.items() if counts[title] == 1 and title not in ids
        }

    def plain(self, key: str) -> str:
        return self.text(key).text

    def condition(self, c: Condition) -> str:
        if isinstance(c, Delivered) and c.delivered not in self._unique:
            return self.t("briefing.cond.delivered", ref=c.delivered)
        return super().condition(c)

    def trigger(self, inject: Inject, day: int) -> str:
        """The time cell: ``1·2:15``, or the condition in words, and the guard on a line below."""
        if inject.at is not None:
            text = format_time(day, inject.at)
        else:
            assert inject.after is not None
            words = self.condition(inject.after)
            if inject.delay:
                delay = format_duration(inject.delay)
                text = self.t("msel.when.after", delay=delay, condition=words)
            else:
                text = self.t("msel.when.after_now", condition=words)
        if inject.when is not None:
            guard = self.t("briefing.handbook.guard", condition=self.condition(inject.when))
            text += "\n" + guard
        return text


def _pattern(template: str, *names: str) -> re.Pattern[str]:
    """A template's words as a regex, each named slot a group."""
    pieces = re.split(f"{_MARK}(\\w+){_MARK}", template)
    out = ""
    for k, piece in enumerate(pieces):
        out += f"(?P<{piece}>.+?)" if k % 2 else re.escape(piece)
    return re.compile(out, re.DOTALL | re.IGNORECASE)


def _slots(t: Translator, key: str, *names: str) -> str:
    return t(key, **{n: f"{_MARK}{n}{_MARK}" for n in names})


class Reader:
    """Reads triggers and guards written in any interface language (``lang``'s first)."""

    def __init__(self, lang: str) -> None:
        order = [lang, *(x for x in UI_LANGUAGES if x != lang)]
        self.langs = [Translator(x) for x in order]
        self.quotes: set[tuple[str, str]] = set()
        for t in self.langs:
            for kind in _LEAVES:
                before, _, after = t(f"briefing.cond.{kind}", ref=_MARK).partition(_MARK)
                if before and after and not before[-1].isalnum() and not after[0].isalnum():
                    self.quotes.add((before[-1], after[0]))

    def trigger(self, text: str, resolve: Callable[[str], str | None]) -> dict[str, Any] | None:
        """``{"after": ..., "delay": ...}`` from the words of a condition trigger, or None."""
        text = text.strip()
        for t in self.langs:
            for key, has_delay in (("msel.when.after", True), ("msel.when.after_now", False)):
                names = ("delay", "condition") if has_delay else ("condition",)
                match = _pattern(_slots(t, key, *names)).fullmatch(text)
                if match is None:
                    continue
                delay = parse_spoken_duration(match["delay"]) if has_delay else 0
                condition = self.condition(match["condition"], resolve)
                if delay is not None and condition is not None:
                    return {"after": condition, "delay": delay}
        return None

    def guard(self, text: str, resolve: Callable[[str], str | None]) -> dict[str, Any] | None:
        for t in self.langs:
            match = _pattern(_slots(t, "briefing.handbook.guard", "condition")).fullmatch(text)
            if match is not None:
                return self.condition(match["condition"], resolve)
        return None

    def is_guard(self, text: str) -> bool:
        return any(
            _pattern(_slots(t, "briefing.handbook.guard", "condition")).fullmatch(text.strip())
            for t in self.langs
        )

    def is_time(self, text: str) -> bool:
        return parse_time(text) is not None

    def condition(self, text: str, resolve: Callable[[str], str | None]) -> dict[str, Any] | None:
        text = _unwrap(text.strip())
        for t in self.langs:
            found = self._in(t, text, resolve)
            if found is not None:
                return found
        return None

    def _in(
        self, t: Translator, text: str, resolve: Callable[[str], str | None]
    ) -> dict[str, Any] | None:
        for kind in ("any", "all"):
            parts = self._split(
                text, t("briefing.cond.or" if kind == "any" else "briefing.cond.and")
            )
            if len(parts) > 1:
                children = [self.condition(p, resolve) for p in parts]
                if any(c is None for c in children):
                    return None
                return {kind: children}
        not_match = _pattern(_slots(t, "briefing.cond.not", "condition")).fullmatch(text)
        if not_match is not None and _balanced(not_match["condition"]):
            inner = self.condition(not_match["condition"], resolve)
            return None if inner is None else {"not": inner}
        for kind in _LEAVES:
            match = _pattern(_slots(t, f"briefing.cond.{kind}", "ref")).fullmatch(text)
            if match is None:
                continue
            ref = match["ref"].strip()
            ident = resolve(ref) if kind == "delivered" else ref
            if ident is not None:
                return {kind: ident}
        return None

    def _split(self, text: str, sep: str) -> list[str]:
        """``text`` cut at ``sep`` outside parentheses and quotes."""
        parts, depth, quoted, start, i = [], 0, 0, 0, 0
        opens = {o for o, _ in self.quotes}
        closes = {c for _, c in self.quotes}
        low, low_sep = text.casefold(), sep.casefold()
        while i < len(text):
            char = text[i]
            if char in opens and (char not in closes or not quoted):
                quoted += 1
            elif char in closes and quoted:
                quoted -= 1
            elif char == "(" and not quoted:
                depth += 1
            elif char == ")" and not quoted:
                depth -= 1
            elif not depth and not quoted and low.startswith(low_sep, i):
                parts.append(text[start:i])
                i += len(sep)
                start = i
                continue
            i += 1
        parts.append(text[start:])
        return [p.strip() for p in parts]


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _unwrap(text: str) -> str:
    """``(a and b)`` -> ``a and b`` when the outer parentheses hold the whole text."""
    while text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]):
        text = text[1:-1].strip()
    return text
