"""The authors' own words (``author_words`` in the locales): each names a value the format has, and
no word stands for two values, in any pair of interface languages."""

from __future__ import annotations

import pytest

from simtrain.i18n import UI_LANGUAGES, messages
from simtrain.scenario.conditions import KINDS
from simtrain.scenario.hints import author_words, id_from, meant_word, normal
from simtrain.scenario.model import CHANNELS

VALUES = {*CHANNELS, *KINDS, "actor", "control", "auto", "confirm"}
"""Every value spelt in English in the format: channels, condition keys, played_by, delivery."""


def _words(lang: str) -> dict[str, list[str]]:
    prefix = "author_words."
    return {
        key[len(prefix) :]: [w.strip() for w in str(value).split(",") if w.strip()]
        for key, value in messages(lang).items()
        if key.startswith(prefix)
    }


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_each_word_names_a_value_of_the_format(lang: str) -> None:
    words = _words(lang)
    assert set(words) == VALUES
    assert all(words.values())


def test_no_word_stands_for_two_values() -> None:
    seen: dict[str, tuple[str, str]] = {}
    for lang in UI_LANGUAGES:
        for value, words in _words(lang).items():
            for word in words:
                key = normal(word)
                if key in seen:
                    assert seen[key][0] == value, (word, lang, value, seen[key])
                seen.setdefault(key, (value, lang))
    assert author_words()[normal("tutti")] == "all"


@pytest.mark.parametrize(
    ("word", "choices", "meant"),
    [
        ("Tutti", ("all",), "all"),
        ("ВСЕ", ("all",), "all"),
        ("telefono", CHANNELS, "phone"),
        ("Телефон", CHANNELS, "phone"),
        ("attore", ("actor", "control"), "actor"),
        ("consegnato", KINDS, "delivered"),
        ("tutti", CHANNELS, ""),  # a word is suggested only where its value is allowed
    ],
)
def test_meant_word(word: str, choices: tuple[str, ...], meant: str) -> None:
    assert meant_word(word, choices) == meant


@pytest.mark.parametrize(
    ("written", "id_"),
    [
        ("proteggere-minorità", "proteggere-minorita"),
        ("Звонок в отдел", "zvonok-v-otdel"),
        ("Ispettore del lavoro", "ispettore-del-lavoro"),
        ("ok-id", ""),
        ("!!!", ""),
    ],
)
def test_id_from(written: str, id_: str) -> None:
    assert id_from(written) == id_
