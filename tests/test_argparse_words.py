"""Guard of simtrain/argparse_words.py, the one module that replaces argparse's gettext names
and reads a parser's ``_actions``: every English text it translates is still one argparse
prints, each has a translation, and no other module touches those private names."""

from __future__ import annotations

import argparse
import inspect
import re
from pathlib import Path

import pytest

from simtrain import argparse_words
from simtrain.i18n import Translator, messages

SIMTRAIN = Path(argparse_words.__file__).resolve().parent


def test_every_listed_text_is_still_one_argparse_prints() -> None:
    source = inspect.getsource(argparse)
    for text in [*argparse_words.MESSAGES, *argparse_words.PLURAL_MESSAGES]:
        assert repr(text) in source or f'"{text}"' in source, text


def test_every_gettext_text_of_argparse_that_a_user_can_meet_is_listed() -> None:
    """Texts argparse raises at a programmer (bad add_argument calls) need no translation."""
    programmer_errors = {
        ".__call__() not defined",
        "conflicting subparser: %s",
        "conflicting subparser alias: %s",
        "unknown parser %(parser_name)r (choices: %(choices)s)",
        'argument "-" with mode %r',
        "cannot merge actions - two groups are named %r",
        "'required' is an invalid argument for positionals",
        "invalid option string %(option)r: must start with a character %(prefix_chars)r",
        "dest= is required for options like %r",
        "invalid conflict_resolution value: %r",
        "conflicting option string: %s",
        "mutually exclusive arguments must be optional",
        "cannot have multiple subparser arguments",
        "%r is not callable",
        "%(prog)s: error: %(message)s\n",  # simtrain's parser writes its own error line
    }
    source = inspect.getsource(argparse)
    calls = re.findall(r"\b(?:_|ngettext)\(\s*(['\"])(.*?)\1", source)
    known = set(argparse_words.MESSAGES) | set(argparse_words.PLURAL_MESSAGES)
    for _, text in calls:
        text = text.encode().decode("unicode_escape")
        if not any(text in listed or listed.startswith(text) for listed in programmer_errors):
            assert text in known, text


@pytest.mark.parametrize("lang", ["en", "ru", "it"])
def test_every_key_has_a_translation_with_argparses_placeholders(lang: str) -> None:
    flat = messages(lang)
    for text, key in argparse_words.MESSAGES.items():
        value = flat[f"argparse.{key}"]
        assert isinstance(value, str)
        named = set(re.findall(r"%\((\w+)\)", value))
        assert named <= set(re.findall(r"%\((\w+)\)", text)), (key, value)
        assert len(re.findall(r"%[sr]", value)) == len(re.findall(r"%[sr]", text)), (key, value)
    assert isinstance(flat["argparse.expected_n"], dict)


def test_install_makes_argparse_speak_the_language() -> None:
    t = Translator("it")
    argparse_words.install(t)
    try:
        parser = argparse.ArgumentParser(prog="p")
        parser.add_argument("path")
        assert "argomenti:" in parser.format_help()
        assert parser.format_usage().startswith("uso: p")
    finally:
        argparse_words.install(Translator("en"))


def test_no_other_module_touches_argparses_private_names() -> None:
    private = re.compile(r"argparse\._\b|\._actions\b|argparse\.ngettext|_get_positional_actions")
    offenders = [
        path.relative_to(SIMTRAIN).as_posix()
        for path in SIMTRAIN.rglob("*.py")
        if path.name != "argparse_words.py" and private.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
