"""Durations typed in the console accept the units of the interface language (trial M2).

The director typed ``30м`` on a Russian keyboard and was told to write ``10m``. A console field
takes the scenario's own forms and unit words of English, Russian and Italian, and reads back
whatever the interface itself writes for a span of time; the scenario file's grammar is unchanged.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simtrain.i18n import UI_LANGUAGES, Translator, format_span
from simtrain.scenario.durations import parse_duration, parse_spoken_duration

M, H = 60, 3600


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("30м", 30 * M),
        ("1ч30м", H + 30 * M),
        ("30 мин", 30 * M),
        ("1 ч 30 мин", H + 30 * M),
        ("2 часа", 2 * H),
        ("1 Ч 30 МИН", H + 30 * M),
        ("30 min", 30 * M),
        ("1 h 30 min", H + 30 * M),
        ("1 ora", H),
        ("2 ore 15 minuti", 2 * H + 15 * M),
        ("1 hr 30 min", H + 30 * M),
        ("2 hours, 5 minutes", 2 * H + 5 * M),
        ("45 sec", 45),
        ("10m", 10 * M),
        ("1h30m", H + 30 * M),
        ("0:15", 15 * M),
    ],
)
def test_spoken_units(text: str, seconds: int) -> None:
    assert parse_spoken_duration(text) == seconds


@pytest.mark.parametrize(
    "text", ["", "30", "м", "1ч1ч", "1ч 30", "30 parsecs", "1h30", "5" * 5000 + "м", "-5 мин"]
)
def test_not_a_duration(text: str) -> None:
    assert parse_spoken_duration(text) is None


def test_the_scenario_format_keeps_its_own_grammar() -> None:
    assert parse_duration("30м") is None
    assert parse_duration("1 ora") is None


@given(st.integers(min_value=1, max_value=9 * 24 * 60), st.sampled_from(sorted(UI_LANGUAGES)))
def test_what_the_interface_writes_reads_back(minutes: int, lang: str) -> None:
    """``1 ч 30 мин``, ``1 hr 30 min``, ``1 giorno 2 h``: every span the console shows parses."""
    assert parse_spoken_duration(format_span(minutes * M, lang)) == minutes * M


EXAMPLES = {
    "en": ["30 min", "1 hr 30 min", "1h30m", "0:15"],
    "ru": ["30 мин", "1 ч 30 мин", "1ч30м", "0:15"],
    "it": ["30 min", "1 h 30 min", "1 ora", "0:15"],
}


@pytest.mark.parametrize("lang", sorted(EXAMPLES))
def test_the_error_gives_examples_in_the_interface_language(lang: str) -> None:
    """The examples the error and the field's label give are in the interface's own units,
    and each one is accepted as written."""
    t = Translator(lang)
    for example in EXAMPLES[lang]:
        assert example in t("dialog.bad_duration")
        assert parse_spoken_duration(example)
    assert EXAMPLES[lang][0] in t("dialog.delay_for")
