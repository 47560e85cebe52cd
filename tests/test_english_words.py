"""The shared detector of English words in an Italian or Russian text, tested on itself."""

from __future__ import annotations

from tests.english_words import english_vocabulary, english_words, locale_values


def test_argparse_english_is_found_in_an_italian_text() -> None:
    help_text = (
        "usage: simtrain [-h]\n\npositional arguments:\n"
        "  -h, --help  show this help message and exit"
    )
    assert english_words(help_text) == [
        "usage",
        "positional",
        "arguments",
        "show",
        "this",
        "help",
        "message",
        "and",
        "exit",
    ]


def test_textual_words_and_the_control_cells_id_are_found() -> None:
    assert english_words("Focus Next · Copy selected text · consegnato g1-pattuglia (control)") == [
        "Focus",
        "Next",
        "Copy",
        "selected",
        "control",
    ]


def test_plain_italian_with_ids_paths_quotes_and_loanwords_passes() -> None:
    text = (
        "Ai semafori e dietro la porta di casa. L'alunno ha chiesto la targa entro 10 minuti; "
        "consegnato alla squadra Alfa via radio e email. File scenarios/a/scenario.yaml, "
        "opzione --ui-lang, chiave sconosciuta «message», il team ha un caso ad hoc; {count} inject"
    )
    assert english_words(text) == []


def test_every_latin_word_is_suspect_in_a_russian_text_unless_allowed() -> None:
    text = "Автор: control; нажмите Esc или space, файл scenario.yaml, формат YAML, SESSION"
    assert english_words(text) == ["control", "space", "SESSION"]
    assert english_words(text, allow={"control", "Space", "session"}) == []


def test_allow_list_is_without_case_and_a_word_is_listed_once() -> None:
    assert english_words("help Help HELP aiuto", allow=()) == ["help", "Help", "HELP"]
    assert english_words("help Help aiuto", allow={"HELP"}) == []


def test_italian_locale_values_share_no_word_with_the_vocabulary_by_construction() -> None:
    vocabulary = english_vocabulary()
    assert "usage" in vocabulary and "control" in vocabulary
    italian = {w.lower() for value in locale_values("it") for w in value.split()}
    assert not {"della", "squadra", "inject", "scenario"} & vocabulary
    assert "squadra" in italian
