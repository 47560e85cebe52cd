"""Interface strings: ``locales/<lang>.yaml``, CLDR plurals through Babel, ``{name}`` placeholders.

Every string a person reads in the interface comes from here, so a console in Italian, a validator
in Russian and a report in English share one mechanism. Content texts (the scenario's own) are the
catalog's business, not this module's.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, Literal, TypeVar

from simtrain import yamlio
from simtrain.resources import locales_dir

UI_LANGUAGES = ("en", "ru", "it")
DEFAULT_LANGUAGE = "en"
PLURAL_CATEGORIES = frozenset({"zero", "one", "two", "few", "many", "other"})
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, str | dict[str, str]]:
    flat: dict[str, str | dict[str, str]] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            if value and set(value) <= PLURAL_CATEGORIES and "other" in value:
                flat[name] = {str(k): str(v) for k, v in value.items()}
            else:
                flat.update(_flatten(value, name + "."))
        else:
            flat[name] = str(value)
    return flat


@cache
def messages(lang: str) -> dict[str, str | dict[str, str]]:
    """Every key of one interface language, flattened to dotted names."""
    data = yamlio.load_file(locales_dir() / f"{lang}.yaml")
    return _flatten(data)


def fill(template: str, params: Mapping[str, Any]) -> str:
    """Replace ``{name}`` placeholders; an unknown one stays visible rather than crashing."""
    return _PLACEHOLDER.sub(
        lambda m: str(params[m[1]]) if m[1] in params else m[0],
        template,
    )


@cache
def _plural_rule(lang: str) -> Any:
    from babel import Locale  # imported on first plural only: keeps CLI start-up lean

    return Locale.parse(lang).plural_form


def plural_category(lang: str, count: int | float) -> str:
    """The CLDR plural category of ``count`` in ``lang`` (one, few, many, other ...)."""
    return str(_plural_rule(lang)(abs(count)))


def format_span(seconds: int, lang: str) -> str:
    """A length of time as people of ``lang`` abbreviate it: ``1 hr 30 min``, ``1 ч 30 мин``,
    ``1 h 30 min`` (CLDR's short units, through Babel); the author's ``1h30m`` is for YAML."""
    from datetime import timedelta

    from babel.dates import format_timedelta

    seconds = int(seconds)
    sign = "-" if seconds < 0 else ""
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    # each part in its own unit, never rounded up into the next (Babel's threshold would write
    # 51 minutes as "1 hr" and 30 hours as "1 day")
    units: tuple[tuple[int, int, Literal["hour", "minute", "second"]], ...] = (
        (hours, 3600, "hour"),
        (minutes, 60, "minute"),
        (secs, 1, "second"),
    )
    parts = [
        format_timedelta(
            timedelta(seconds=amount * unit),
            format="short",
            locale=lang,
            granularity=name,
            threshold=float("inf"),
        )
        for amount, unit, name in units
        if amount
    ]
    if not parts:
        parts = [format_timedelta(timedelta(0), format="short", locale=lang, granularity="minute")]
    return sign + " ".join(parts)


def format_number(value: float, lang: str, decimals: int = 0) -> str:
    """A number as people of ``lang`` write it, through Babel (CLDR): ``12,345.5``,
    ``12.345,5``, ``12 345,5``; at most ``decimals`` decimals, none shown when they are zeros."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "#" * decimals if decimals > 0 else "")
    return str(format_decimal(round(value, decimals), format=pattern, locale=lang))


def format_percent(value: float, lang: str, decimals: int = 0) -> str:
    """A percentage (``value`` in percent, 0–100) as ``lang`` writes it, through Babel (CLDR):
    ``83%`` and ``16.7%`` in English, ``83%`` and ``16,7%`` in Italian, ``83 %`` and
    ``16,7 %`` (a no-break space) in Russian; at most ``decimals`` decimals, zeros dropped."""
    from babel import Locale
    from babel.numbers import format_percent as babel_percent

    pattern = Locale.parse(lang).percent_formats[None].pattern
    if decimals > 0:
        pattern = pattern.replace("0", "0." + "#" * decimals, 1)
    return str(babel_percent(round(value, decimals) / 100, format=pattern, locale=lang))


OS_ERRORS = (
    "ENOENT", "EACCES", "EPERM", "EROFS", "ENOSPC", "EISDIR", "ENOTDIR", "EEXIST", "ENOTEMPTY",
    "EBUSY", "ENAMETOOLONG", "EIO",
)  # fmt: skip
"""The errno names whose text (``os.strerror``) a message's ``{reason}`` shows translated."""


@cache
def _os_reasons() -> dict[str, str]:
    import errno

    return {os.strerror(getattr(errno, name)): name for name in OS_ERRORS if hasattr(errno, name)}


class Translator:
    """The interface strings of one language, with English behind any key a language lacks."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in UI_LANGUAGES else DEFAULT_LANGUAGE

    def __call__(self, key: str, /, **params: Any) -> str:
        value = messages(self.lang).get(key)
        if value is None:
            value = messages(DEFAULT_LANGUAGE).get(key)
        if value is None:
            return key
        if self.lang != DEFAULT_LANGUAGE and isinstance(params.get("reason"), str):
            params["reason"] = self.os_reason(params["reason"])
        if isinstance(value, dict):
            count = params.get("count", 0)
            category = plural_category(self.lang, count)
            value = value.get(category) or value["other"]
            if isinstance(count, int) and not isinstance(count, bool) and abs(count) >= 1000:
                # a count is a quantity, never an id or a line: 12,345 / 12.345 / 12 345
                params["count"] = format_number(count, self.lang)
        return fill(value, params)

    def os_reason(self, reason: str) -> str:
        """The operating system's words for a failed file operation (``No such file or
        directory``, always English from Python) in this language, for the errors a person
        meets; any other reason as it came. Every ``{reason}`` of a message goes through here."""
        key = _os_reasons().get(reason)
        return self(f"cli_words.os_error.{key}") if key else reason

    def span(self, seconds: int) -> str:
        """A duration in this language's words (see :func:`format_span`)."""
        return format_span(seconds, self.lang)

    def number(self, value: float, decimals: int = 0) -> str:
        """A number in this language's digits and separators (see :func:`format_number`)."""
        return format_number(value, self.lang, decimals)

    def percent(self, value: float, decimals: int = 0) -> str:
        """A percentage, ``value`` in percent, as this language writes it (see
        :func:`format_percent`): every percentage a person reads goes through here."""
        return format_percent(value, self.lang, decimals)


_T = TypeVar("_T")


def slots(
    t: Callable[..., str],
    key: str,
    parts: Mapping[str, _T],
    literal: Callable[[str], _T],
    /,
    **params: Any,
) -> list[_T]:
    """A sentence with pieces that are not plain words, in the order the language puts them.

    A placeholder may hold something the caller builds (a scenario text that must stay literal, a
    styled name, escaped HTML), so it cannot be formatted into the string: each name in ``parts``
    is filled with a marker, the sentence is cut there, and the words between become
    ``literal(words)``. ``join`` the result: ``join(*slots(t, "team.phase", {"phase": name},
    plain))`` in a terminal, ``"".join(slots(t, key, {"title": html}, escape))`` in a page.
    """
    words = t(key, **params, **{name: f"\0{name}\0" for name in parts})
    pieces = words.split("\0")
    return [parts[p] if k % 2 else literal(p) for k, p in enumerate(pieces) if k % 2 or p]


def speaking(t: Translator, ui_lang: str | None, content_lang: str | None) -> Translator:
    """A trainee's terminal speaks the language its content is shown in, unless told otherwise.

    ``--lang it`` alone gives an Italian inbox in an Italian frame, whatever the laptop's locale;
    an explicit ``--ui-lang`` still wins.
    """
    if ui_lang is None and content_lang and normalise(content_lang) in UI_LANGUAGES:
        lang = normalise(content_lang)
        return t if lang == t.lang else Translator(lang)
    return t


def ui_language(requested: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The interface language: the one asked for, else the environment's locale, else English."""
    if requested:
        return normalise(requested)
    env = os.environ if environ is None else environ
    for name in ("SIMTRAIN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            lang = normalise(value)
            if lang in UI_LANGUAGES:
                return lang
    return DEFAULT_LANGUAGE


def normalise(tag: str) -> str:
    """``it-IT``, ``ru_RU.UTF-8`` and ``EN`` to ``it``, ``ru`` and ``en``."""
    return re.split(r"[-_.@]", tag.strip(), maxsplit=1)[0].lower()
