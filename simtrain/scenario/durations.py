"""Durations as authors write them: ``45m``, ``1h30m``, ``90s``, ``0:15`` or ``1:30:00``.

Everything inside simtrain counts whole seconds; these helpers are the only place text becomes
seconds and back.
"""

from __future__ import annotations

import re

_UNITS = re.compile(r"^(?:(?P<d>\d+)d)?(?:(?P<h>\d+)h)?(?:(?P<m>\d+)m)?(?:(?P<s>\d+)s)?$")
_CLOCK = re.compile(r"^(?P<h>\d+):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?$")

MAX_CHARS = 24
"""Longer text is no duration anyone writes; refusing it before ``int`` keeps a 5,000-digit
number from reaching Python's digit limit (and its hint about ``sys.set_int_max_str_digits``)."""

MAX_SECONDS = 366 * 86400
"""A year: no phase, trigger or window of a training exercise runs longer."""

PATTERN = r"^(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?$|^\d+:[0-5]\d(?::[0-5]\d)?$"
"""The same grammar for the JSON Schema, so editors flag a bad duration as it is typed."""


def parse_duration(text: str) -> int | None:
    """Seconds in ``text``, or None when it is not a duration."""
    text = text.strip().replace(" ", "")
    if not text or len(text) > MAX_CHARS:
        return None
    seconds = _seconds(text)
    return seconds if seconds is not None and seconds <= MAX_SECONDS else None


def _seconds(text: str) -> int | None:
    match = _CLOCK.match(text)
    if match:
        return int(match["h"]) * 3600 + int(match["m"]) * 60 + int(match["s"] or 0)
    match = _UNITS.match(text)
    if match and any(match.groupdict().values()):
        parts = {k: int(v or 0) for k, v in match.groupdict().items()}
        return parts["d"] * 86400 + parts["h"] * 3600 + parts["m"] * 60 + parts["s"]
    return None


_CLOCK_MISTYPED = re.compile(r"^(\d{1,3})[.,h'](\d{2})$")


def suggest_duration(text: str) -> str:
    """What an author who wrote ``text`` meant, in the scenario's own spelling, or '': a clock
    with a dot or a comma (``1.30``, ``1,30`` -> ``1:30``), units in words of any interface
    language (``30 min`` -> ``30m``, ``1 ora`` -> ``1h``, ``2 часа`` -> ``2h``)."""
    text = text.strip()
    match = _CLOCK_MISTYPED.match(text)
    if match and int(match[2]) < 60:
        return f"{match[1]}:{match[2]}"
    seconds = parse_spoken_duration(text) if len(text) <= 32 else None
    return format_duration(seconds) if seconds is not None else ""


def format_duration(seconds: int) -> str:
    """The compact form an author would write: ``1h30m``, ``45m``, ``20s``, ``0m``."""
    seconds = int(seconds)
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    text = (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes else "")
    text += f"{secs}s" if secs else ""
    return sign + (text or "0m")


def format_clock(seconds: int, *, with_seconds: bool = False) -> str:
    """Exercise time as ``H:MM`` (or ``H:MM:SS``), the way a control cell reads a clock."""
    seconds = int(seconds)
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if with_seconds:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{hours}:{minutes:02d}"


# --- durations a person types in the console, in the interface language ------------------------

_SPOKEN_UNITS: dict[str, int] = {
    **dict.fromkeys(("d", "day", "days", "д", "дн", "день", "дня", "дней", "g", "gg"), 86400),
    **dict.fromkeys(("giorno", "giorni"), 86400),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours", "ч", "час", "часа", "часов"), 3600),
    **dict.fromkeys(("ora", "ore"), 3600),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes", "м", "мин", "минута"), 60),
    **dict.fromkeys(("минуты", "минут", "минуту", "minuto", "minuti"), 60),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds", "с", "сек", "секунда"), 1),
    **dict.fromkeys(("секунды", "секунд", "секунду", "secondo", "secondi"), 1),
}
"""Unit words of every interface language (en, ru, it), short and long, as people type them:
``30 min``, ``1 hr``, ``30м``, ``1ч30м``, ``1 ч 30 мин``, ``1 ora``. No word means one unit in one
language and another in a second, so a Russian keyboard and an English one read alike."""

_SPOKEN_PART = re.compile(r"\s*(\d{1,6})\s*([^\W\d_]+)\.?\s*,?")


def parse_spoken_duration(text: str) -> int | None:
    """Seconds in a duration a person typed in the console: the scenario's own forms
    (``10m``, ``1h30m``, ``0:15``) or numbers with unit words of any interface language
    (``30м``, ``1ч30м``, ``30 мин``, ``1 ч 30 мин``, ``1 h 30 min``, ``1 ora``, ``2 hours``);
    each unit at most once. None when it is not a duration (a bare number names no unit).

    The scenario format keeps its own grammar (:func:`parse_duration`): a file reads the same
    whoever opens it, while a person at the keyboard writes in their own language.
    """
    text = text.strip()
    if not text:
        return None
    own = parse_duration(text) if len(text) <= 32 else None
    if own is not None:
        return own
    total, pos, units = 0, 0, set()
    while pos < len(text):
        match = _SPOKEN_PART.match(text, pos)
        if match is None or match.end() == pos:
            return None
        unit = _SPOKEN_UNITS.get(match[2].lower())
        if unit is None or unit in units:
            return None
        units.add(unit)
        total += int(match[1]) * unit
        pos = match.end()
    return total if units else None
