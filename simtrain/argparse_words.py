"""argparse's own words (``usage:``, ``positional arguments``, its error messages) and the
metavars of every command, in the interface language.

Why this module touches argparse's internals: argparse writes its headings and every error
message (``the following arguments are required``, ``invalid choice``, ``expected one
argument``…) through ``gettext``, looked up when the text is printed, by the module-level names
``argparse._`` and ``argparse.ngettext``, and offers no public hook for them. Python ships no
Italian or Russian catalog and a gettext domain is process-wide, so :func:`install` replaces
those two names with a lookup of the same English text in ``locales/*.yaml`` (block
``argparse``); :func:`translate_metavars` reads a parser's ``_actions`` to give each metavar
that is a word (``FILE``, ``SESSION``) its name in the language. Nothing else in simtrain
touches argparse's private names. A text a later Python adds or rewords is shown in English
until listed in :data:`MESSAGES`: ``tests/test_argparse_words.py`` fails when a listed text
is no longer in argparse's source, and ``tests/test_no_english_cli.py`` when ``--help`` or an
error of any command shows English in ru or it.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable

from simtrain.i18n import Translator

MESSAGES = {
    "usage: ": "usage",
    "positional arguments": "positionals",
    "options": "options",
    "show this help message and exit": "help",
    "argument %(argument_name)s: %(message)s": "argument",
    "unrecognized arguments: %s": "unrecognized",
    "not allowed with argument %s": "not_allowed",
    "ignored explicit argument %r": "ignored_explicit",
    "the following arguments are required: %s": "required",
    "one of the arguments %s is required": "one_required",
    "expected one argument": "expected_one",
    "expected at most one argument": "expected_at_most_one",
    "expected at least one argument": "expected_at_least_one",
    "ambiguous option: %(option)s could match %(matches)s": "ambiguous",
    "unexpected option string: %s": "unexpected_option",
    "invalid %(type)s value: %(value)r": "invalid_type",
    "invalid choice: %(value)r (choose from %(choices)s)": "invalid_choice",
    "can't open '%(filename)s': %(error)s": "cant_open",
}
"""argparse's English text (its gettext message id) → the key under ``argparse.`` in the
locales. The translations keep argparse's ``%`` placeholders."""

PLURAL_MESSAGES = {"expected %s argument": "expected_n"}
"""The singular id of an ``ngettext`` pair → its plural key (``{count}`` forms)."""

_REPR = re.compile(r"(?<![\w'])'([^'\s]*)'(?![\w'])")


def _gettext(t: Translator, message: str) -> str:
    key = MESSAGES.get(message)
    return t(f"argparse.{key}") if key else message


def _ngettext(t: Translator, singular: str, plural: str, n: int) -> str:
    key = PLURAL_MESSAGES.get(singular)
    if key:
        return t(f"argparse.{key}", count=n)
    return singular if n == 1 else plural


def install(t: Translator) -> None:
    """From now on argparse speaks ``t``'s language (see the module's docstring)."""
    gettext: Callable[[str], str] = lambda message: _gettext(t, message)  # noqa: E731
    setattr(argparse, "_", gettext)  # noqa: B010 - argparse's gettext name, see above
    setattr(argparse, "ngettext", lambda s, p, n: _ngettext(t, s, p, n))  # noqa: B010


def quoted(t: Translator, message: str) -> str:
    """argparse quotes a value as Python does (``'valid'``); in ru and it the interface's
    quotes (``«valid»``), in English as argparse wrote it."""
    if t.lang == "en":
        return message
    return _REPR.sub(lambda m: f"«{m[1]}»", message)


def translate_metavars(parser: argparse.ArgumentParser, t: Translator) -> None:
    """Each metavar with a name under ``cli.metavars`` (``FILE``, ``SESSION``, ``NAME:TEAM``) in
    the interface language; letters (``N``, ``L``) and unlisted names stay as written."""
    for action in parser._actions:  # private: see the module docstring
        if action.choices is not None and action.metavar is None:
            continue  # shown as {md,html}: the values to type
        name = action.metavar
        if name is None:
            name = action.dest if not action.option_strings else action.dest.upper()
        if not isinstance(name, str) or name == argparse.SUPPRESS:
            continue
        translated = _metavar(t, name)
        if translated != name:
            action.metavar = translated


def _metavar(t: Translator, name: str) -> str:
    """``NAME:TEAM,TEAM`` piece by piece; a piece without a translation stays."""
    pieces = re.split(r"([:,])", name)
    out = []
    for piece in pieces:
        key = f"cli.metavars.{piece}"
        value = t(key) if piece and piece not in ":," else piece
        out.append(piece if value == key else value)
    return "".join(out)
