"""Rules every interface string keeps, checked over locales/{en,ru,it}.yaml and the code that
uses them: plural forms wherever a count is shown with a word, one register per language
(Italian «voi», Russian «вы»), the language's quotes, and no "a" before a name in Italian."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from simtrain.i18n import UI_LANGUAGES, Translator, messages

SIMTRAIN = Path(__file__).resolve().parent.parent / "simtrain"


def _listed(words: str) -> frozenset[str]:
    return frozenset(words.split())


CATEGORIES = {"en": {"one", "other"}, "it": {"one", "other"}, "ru": {"one", "few", "many", "other"}}

COUNTS = ("count", "points", "teams", "actual", "rated", "total", "min", "max", "steps", "paths")
"""Placeholders that hold a count. ``{limit}`` and ``{size}`` hold fixed limits or MB, never 1."""

_COUNT_THEN_WORD = re.compile(r"\{(" + "|".join(COUNTS) + r")\}\s+([^\W\d_]+)")
_NOT_A_NOUN = {
    "en": {"of", "to", "in", "has", "from", "rated"},  # "{rated} of {count} rated": a participle
    "it": {"su", "di", "a", "da", "nel", "non", "e"},
    "ru": {"из", "до", "в", "не", "и"},
}
"""What may follow a count without agreeing with it: "{rated} of {count}", "da {min} a {max}"."""

ITALIAN_TU = _listed(
    "hai puoi vuoi devi sai tuo tua tuoi tue ti scrivi premi inserisci aprilo "
    "usalo indicalo correggilo scegline indicane riprova riprendila"
)
"""Tu-forms that cannot be read otherwise in a sentence ("usa" and "indica" can be the third
person: "la sessione usa la propria copia"; a button's one-word "Annulla", "Chiudi" is the
usual label, not an address)."""

ITALIAN_TU_IN_SENTENCES = _listed("scegli apri chiudi aggiungi togli correggi salva")
"""Tu imperatives allowed as a button's label, never inside a sentence."""

RUSSIAN_TY = _listed(
    "ты тебя тебе тобой твой твоя твоё твое твои твоего твоей твоих можешь хочешь нажми выбери "
    "введи укажи напиши открой закрой добавь удали исправь попробуй освободи проверь используй "
    "сохрани запусти перезапусти подожди отмени сделай переименуй задай"
)


def _values(lang: str) -> Iterator[tuple[str, str]]:
    for key, value in messages(lang).items():
        for text in value.values() if isinstance(value, dict) else [value]:
            yield key, text


def _is_sentence(text: str) -> bool:
    """Not a label: a button ("Annulla") or a line of key hints ("Ctrl+S: salva · Esc: annulla")."""
    if "·" in text:
        return False
    return bool(re.search(r"[.;:?!]\s|[.?!]$", text)) or len(text.split()) > 4


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_every_plural_has_the_forms_of_its_language(lang: str) -> None:
    wrong = {
        key: sorted(value)
        for key, value in messages(lang).items()
        if isinstance(value, dict) and set(value) != CATEGORIES[lang]
    }
    assert wrong == {}


def test_a_message_is_plural_in_every_language_or_in_none() -> None:
    kinds = {
        lang: {k for k, v in messages(lang).items() if isinstance(v, dict)} for lang in CATEGORIES
    }
    assert kinds["en"] == kinds["it"] == kinds["ru"]


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_a_count_followed_by_a_word_is_a_plural_message(lang: str) -> None:
    """``{count} percorsi`` with count=1 reads "1 percorsi": such a message has plural forms
    (or says "percorsi: {count}", which needs none)."""
    offenders = [
        f"{key}: {text}"
        for key, value in messages(lang).items()
        if not isinstance(value, dict)
        for text in [value]
        for _, word in _COUNT_THEN_WORD.findall(text)
        if word.lower() not in _NOT_A_NOUN[lang]
    ]
    assert offenders == []


def _literal_calls() -> Iterator[tuple[str, int, str, set[str | None]]]:
    for path in SIMTRAIN.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                keywords = {k.arg for k in node.keywords}
                yield path.name, node.lineno, node.args[0].value, keywords


def test_every_plural_message_is_given_its_count() -> None:
    """A plural message called without ``count=`` takes the form of 0 ("many" in Russian)."""
    plural = {k for k, v in messages("ru").items() if isinstance(v, dict)}
    missing = [
        f"{name}:{line} {key}"
        for name, line, key, keywords in _literal_calls()
        if key in plural and "count" not in keywords and None not in keywords
    ]
    assert missing == []


def test_italian_speaks_to_voi() -> None:
    offenders = []
    for key, text in _values("it"):
        for word in re.findall(r"[^\W\d_]+", text):
            lower = word.lower()
            if lower in ITALIAN_TU or (lower in ITALIAN_TU_IN_SENTENCES and _is_sentence(text)):
                offenders.append(f"{key}: {word} ({text[:80]})")
    assert offenders == []


def test_russian_speaks_to_vy() -> None:
    offenders = [
        f"{key}: {word} ({text[:80]})"
        for key, text in _values("ru")
        for word in re.findall(r"[^\W\d_]+", text)
        if word.lower() in RUSSIAN_TY
    ]
    assert offenders == []


@pytest.mark.parametrize("lang", ["it", "ru"])
def test_italian_and_russian_quote_with_guillemets(lang: str) -> None:
    """«…» for a quoted name or value; straight quotes only inside `code` (a YAML example)."""
    offenders = []
    for key, text in _values(lang):
        prose = re.sub(r"`[^`]*`", "", text)
        if re.search(r"[“”„]|(?<![\w])'[^'\s][^']*'(?![\w])|\"", prose):
            offenders.append(f"{key}: {text[:100]}")
    assert offenders == []


def test_italian_never_writes_a_before_a_name_or_before_a() -> None:
    """ "consegnato a Alfa": a team's or a person's name may begin with a vowel, so Italian
    says "alla squadra {team}"; before a word in a- it says "ad"."""
    names = "team|name|character|role|who|evaluator|source|console"
    before = re.compile(rf"(?<![\w'])a (\{{({names})\}}|[aA]\w)")
    keys = {"setup.hint"}  # "a aggiunge una squadra": a is the key to press, not a preposition
    offenders = [
        f"{key}: {text[:100]}"
        for key, text in _values("it")
        if before.search(text) and key not in keys
    ]
    assert offenders == []


# --- numbers and percentages through Babel ------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "whole", "decimal", "large"),
    [
        ("en", "83%", "16.7%", "12,345"),
        ("it", "83%", "16,7%", "12.345"),
        ("ru", "83\u00a0%", "16,7\u00a0%", "12\u00a0345"),
    ],
)
def test_numbers_and_percentages_are_written_as_the_language_does(
    lang: str, whole: str, decimal: str, large: str
) -> None:
    t = Translator(lang)
    assert t.percent(83.333) == whole
    assert t.percent(16.66, 1) == decimal
    assert t.percent(60.0, 1) == t.percent(60)  # no ",0"
    assert t.number(12345) == large
    assert large in t("rehearse.explore_truncated", count=12345)
    assert t("count.errors", count=3).startswith("3 ")


def test_a_score_reads_the_same_percent_as_the_language_writes_it() -> None:
    from simtrain.live.score_text import percent_text

    assert percent_text(83.3, "en") == "83%"
    assert percent_text(83.3, "it") == "83%"
    assert percent_text(83.3, "ru") == "83\u00a0%"
    assert percent_text(None, "ru") == "—"
