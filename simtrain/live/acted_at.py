"""When the team acted: the one reading of what an evaluator types in a rating's "acted at" field.

A rating made an hour after the team acted must not make the team an hour late, so every seat that
rates (the console's rating dialog, an evaluator's seat) asks when the team did it and reads the
answer here. The forms, as a control cell speaks of time:

- nothing: now;
- an offset back from now: ``-10m``, ``-1h30m``, ``-0:15``, ``-30 мин`` (any duration the console
  accepts, :func:`~simtrain.scenario.durations.parse_spoken_duration`);
- an exercise time as the timeline prints it: ``1·2:15`` (day 1, 2:15 into it; ``1.2:15`` too),
  or ``2:15`` for today's day (the phase running now; before the first phase, since the start);
- ``#SEQ``: the time of one of the team's reports, taken as evidence of when it acted.

The result is never after now and never before the inject reached the team: a time outside is
moved to the nearest end and :attr:`ActedAt.clamped` says which. Pure: the caller gives now, the
phases' start times, the delivery time and the team's reports, so it is tested without a session.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from simtrain.scenario.durations import format_clock, parse_spoken_duration
from simtrain.session.state import LoggedText

MAX_CHARS = 40
"""Longer text is no time anyone types in this field."""

Clamped = Literal["future", "before_delivery"]

_DAY_TIME = re.compile(
    r"^(?:(?P<day>\d{1,3})\s*[·.]\s*)?(?P<h>\d{1,4}):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?$"
)
_REPORT = re.compile(r"^#\s*(?P<seq>\d{1,12})$")


@dataclass(frozen=True, slots=True)
class ActedAt:
    """What a typed "acted at" means: an exercise time, or why it is no time at all."""

    at: int | None
    """Exercise seconds, within [delivery, now]; None when the text could not be read."""
    error: str = ""
    """Under ``scores.acted_at.``: ``invalid``, ``no_day`` or ``no_report``; empty when read."""
    clamped: Clamped | None = None
    """The text named a time after now or before the delivery, and ``at`` was moved there."""
    report: LoggedText | None = None
    """The team report taken as evidence (``#SEQ``)."""
    params: Mapping[str, object] | None = None
    """What the error's message names (the day, the report number)."""


@dataclass(frozen=True, slots=True)
class Clock:
    """The exercise's time as the parser needs it: now, and when each day (phase) began."""

    now: int
    days: Mapping[int, int]
    """Phase number (1-based, the scenario's order) -> exercise time it started in this run."""

    def today(self) -> int:
        """When the phase running now began (0 before the first phase)."""
        started = [at for at in self.days.values() if at <= self.now]
        return max(started, default=0)

    def day_of(self, at: int) -> tuple[int | None, int]:
        """The day ``at`` falls in and the seconds since it began (no day before the first)."""
        day, start = None, 0
        for number, began in sorted(self.days.items(), key=lambda kv: (kv[1], kv[0])):
            if began <= at:
                day, start = number, began
        return day, at - start

    def text(self, at: int) -> str:
        """``1·2:15`` as the timeline prints a time; ``2:15`` before the first phase."""
        day, since = self.day_of(at)
        clock = format_clock(since)
        return f"{day}·{clock}" if day is not None else clock


def parse_acted_at(
    text: str, clock: Clock, delivered_at: int, reports: Sequence[LoggedText] = ()
) -> ActedAt:
    """The exercise time ``text`` names for an action delivered at ``delivered_at``."""
    text = " ".join(text.split())
    if len(text) > MAX_CHARS:
        return ActedAt(None, "invalid")
    if not text:
        return _bounded(clock.now, clock, delivered_at)
    if text.startswith(("-", "−")):
        back = parse_spoken_duration(text[1:])
        if back is None:
            return ActedAt(None, "invalid")
        return _bounded(clock.now - back, clock, delivered_at)
    if (found := _REPORT.match(text)) is not None:
        seq = int(found["seq"])
        report = next((r for r in reports if r.seq == seq), None)
        if report is None:
            return ActedAt(None, "no_report", params={"seq": seq})
        return _bounded(report.at, clock, delivered_at, report)
    if (found := _DAY_TIME.match(text)) is None:
        return ActedAt(None, "invalid")
    since = int(found["h"]) * 3600 + int(found["m"]) * 60 + int(found["s"] or 0)
    if found["day"] is None:
        return _bounded(clock.today() + since, clock, delivered_at)
    day = int(found["day"])
    if day not in clock.days:
        return ActedAt(None, "no_day", params={"day": day})
    return _bounded(clock.days[day] + since, clock, delivered_at)


def _bounded(at: int, clock: Clock, delivered_at: int, report: LoggedText | None = None) -> ActedAt:
    """``at`` moved into [delivery, now], saying so when it had to be."""
    if at > clock.now:
        return ActedAt(max(clock.now, delivered_at), clamped="future", report=report)
    if at < delivered_at:
        return ActedAt(delivered_at, clamped="before_delivery", report=report)
    return ActedAt(at, report=report)


def describe(acted: ActedAt, clock: Clock, delivered_at: int, t: Callable[..., str]) -> str:
    """The preview a rating dialog shows before it is confirmed: when, how long after the
    delivery, and what was moved; or why the text is no time."""
    if acted.at is None:
        return t(f"scores.acted_at.{acted.error}", **dict(acted.params or {}))
    line = t(
        "scores.acted_at.preview",
        time=clock.text(acted.at),
        after=format_clock(acted.at - delivered_at),
    )
    if acted.report is not None:
        line += " " + t("scores.acted_at.from_report", time=clock.text(acted.report.at))
    if acted.clamped is not None:
        line += " " + t(f"scores.acted_at.clamped_{acted.clamped}")
    return line


def session_clock(now: int, phase_order: Mapping[str, int], started: Mapping[str, int]) -> Clock:
    """A :class:`Clock` from a session: ``phase_order`` is the index's (phase id -> 0-based
    position), ``started`` the state's phases (phase id -> exercise time it started)."""
    days = {phase_order[p] + 1: at for p, at in started.items() if p in phase_order}
    return Clock(now, days)
