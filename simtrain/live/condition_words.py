"""When an inject comes, in words: its time, or the condition it waits for, and its guard.

One wording for every reader who plays or runs a cue: the actor brief in ``simtrain briefing``
and the actor's seat (``simtrain cues``) both say a condition through :func:`condition_words`,
so an actor reads the same sentence on paper and on screen. A condition names what it refers to
as people know it (:class:`TextNames`): an inject by its title, an option by its text, an
expected action by its text, never by an id. The handbook and the MSEL spreadsheet keep ids for
what they must read back (:class:`IdNames`), through the same sentences (``briefing.cond.*``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from simtrain.i18n import Translator
from simtrain.scenario.conditions import All, AnyOf, Chose, Condition, Delivered, Done, Missed, Not
from simtrain.scenario.durations import format_clock
from simtrain.scenario.model import Inject, Scenario


class Names(Protocol):
    """How a condition names what it refers to."""

    def inject(self, inject: str) -> str: ...

    def option(self, option: str) -> str: ...

    def expect(self, expect: str) -> str: ...


@dataclass(frozen=True)
class TextNames:
    """Names in words: an inject's title, an option's text, an expected action's text, each in
    one language through ``text`` (a catalog key -> the text people read). An id the scenario
    does not have is left as it is (a condition is checked on load; this is only a fallback)."""

    scenario: Scenario
    text: Callable[[str], str]
    _options: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    _expects: dict[str, str] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for inject in self.scenario.injects:
            for action in inject.expect:
                self._expects[action.id] = inject.id
            if inject.decision is not None:
                for option in inject.decision.options:
                    self._options[option.id] = inject.id

    def inject(self, inject: str) -> str:
        return self.text(f"injects.{inject}.title")

    def option(self, option: str) -> str:
        owner = self._options.get(option)
        if owner is None:
            return option
        return self.text(f"injects.{owner}.decision.options.{option}.text").strip()

    def expect(self, expect: str) -> str:
        owner = self._expects.get(expect)
        if owner is None:
            return expect
        return self.text(f"injects.{owner}.expect.{expect}.text").strip()


@dataclass(frozen=True)
class IdNames:
    """The handbook's and the MSEL's names: an inject by its title, the rest by id (what a
    spreadsheet reads back)."""

    title: Callable[[str], str]

    def inject(self, inject: str) -> str:
        return self.title(inject)

    def option(self, option: str) -> str:
        return option

    def expect(self, expect: str) -> str:
        return expect


def condition_words(
    c: Condition,
    t: Translator,
    names: Names,
    again: Callable[[Condition], str] | None = None,
) -> str:
    """A condition as one sentence in ``t``'s language; groups nest in parentheses.

    ``again`` words the parts of a group (default: this function with the same names), so a
    caller that words some conditions its own way (the MSEL) keeps its way in nested ones.
    """
    inner = again or (lambda x: condition_words(x, t, names))
    if isinstance(c, Delivered):
        return t("briefing.cond.delivered", ref=names.inject(c.delivered))
    if isinstance(c, Done):
        return t("briefing.cond.done", ref=names.expect(c.done))
    if isinstance(c, Missed):
        return t("briefing.cond.missed", ref=names.expect(c.missed))
    if isinstance(c, Chose):
        return t("briefing.cond.chose", ref=names.option(c.chose))
    if isinstance(c, All):
        return t("briefing.cond.and").join(_nested(x, inner) for x in c.all)
    if isinstance(c, AnyOf):
        return t("briefing.cond.or").join(_nested(x, inner) for x in c.any)
    assert isinstance(c, Not)
    return t("briefing.cond.not", condition=inner(c.not_))


def _nested(c: Condition, words: Callable[[Condition], str]) -> str:
    text = words(c)
    return f"({text})" if isinstance(c, All | AnyOf) else text


def when_words(
    t: Translator, inject: Inject, phase: str, condition: Callable[[Condition], str]
) -> str:
    """When an inject falls due: its phase (``phase``, its title) and a time, or its phase and
    the condition it waits for (with its delay), worded by ``condition``."""
    if inject.at is not None:
        return t("briefing.when.at", phase=phase, time=format_clock(inject.at))
    assert inject.after is not None
    words = condition(inject.after)
    if inject.delay:
        return t("briefing.when.after", phase=phase, delay=t.span(inject.delay), condition=words)
    return t("briefing.when.after_now", phase=phase, condition=words)


class CueWords:
    """The words of one scenario's cues in one language: what the actor brief and the actor's
    seat both say. ``text`` gives a catalog text as people read it (with its fallback mark, if
    the reader marks one)."""

    def __init__(self, scenario: Scenario, t: Translator, text: Callable[[str], str]) -> None:
        self.t = t
        self.text = text
        self.names = TextNames(scenario, text)

    def condition(self, c: Condition) -> str:
        return condition_words(c, self.t, self.names)

    def when(self, inject: Inject) -> str:
        phase = self.text(f"phases.{inject.phase}.title")
        return when_words(self.t, inject, phase, self.condition)

    def guard(self, inject: Inject) -> str | None:
        """The condition an inject's guard (``when``) asks for, or None when it has none: the
        cue comes only if it holds."""
        return None if inject.when is None else self.condition(inject.when)
