"""The ``simtrain`` command: one entry point, one module a command under :mod:`simtrain.commands`.

Command modules are imported only when their command runs, so ``simtrain validate`` never pays for
Textual. Each module offers ``add_arguments(parser, t)`` and ``run(args, t) -> int``. Whatever goes
wrong reaches the user as one line and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from simtrain import __version__
from simtrain.argparse_words import install, quoted, translate_metavars
from simtrain.gc_policy import tune_gc
from simtrain.i18n import UI_LANGUAGES, Translator, ui_language
from simtrain.sanitize import visible

COMMANDS = (
    "run",
    "resume",
    "team",
    "serve",
    "evaluate",
    "cues",
    "validate",
    "i18n",
    "schema",
    "new",
    "list",
    "rehearse",
    "report",
    "briefing",
    "msel",
    "import",
    "backup",
    "stats",
)
"""In the order ``simtrain --help`` lists them."""

MODULES = {"import": "import_msel"}
"""A command whose module has another name (``import`` is a Python keyword)."""


class _Parser(argparse.ArgumentParser):
    """argparse with our wording and exit code 2 for a command line it cannot read."""

    translator: Translator

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        # argparse quotes what was typed ("invalid choice: '…'"): shown, never obeyed (S1)
        t = self.translator
        self.exit(2, f"{self.prog}: {t('cli.error')}: {visible(quoted(t, message))}\n")


def _ui_langs_in(argv: Sequence[str]) -> list[str]:
    """Every ``--ui-lang`` value on the command line, before it is parsed (argparse keeps the
    last): the parser's own words are already in the interface language."""
    found: list[str] = []
    for i, arg in enumerate(argv):
        if arg == "--ui-lang" and i + 1 < len(argv):
            found.append(argv[i + 1])
        elif arg.startswith("--ui-lang="):
            found.append(arg.split("=", 1)[1])
    return found


def interface_code(value: str) -> str | None:
    """The interface language a ``--ui-lang`` names (``it``, ``IT``, ``it-IT``), or None: the
    grammar of every language code, then only the languages the interface speaks."""
    from simtrain.scenario.catalog import language_code

    code = language_code(value)
    return code if code in UI_LANGUAGES else None


def _typed(value: str) -> str:
    from simtrain.commands.output import one_line

    return one_line(value)


def _bad_ui_lang(value: str) -> int:
    """Refuse a ``--ui-lang`` in one line, in the environment's language (the asked one is no
    interface language): exit 2, before anything else is done."""
    t = Translator(ui_language())
    print(f"simtrain: {t('lang_check.bad_ui_lang', value=_typed(value))}", file=sys.stderr)
    return 2


def _languages_checked(args: argparse.Namespace, t: Translator) -> tuple[Translator, int]:
    """``--ui-lang`` and ``--lang`` as parsed (abbreviated ``--ui``/``--la`` included), checked
    and normalised before a command builds a path or opens a session from them: the translator
    to use, and 0 or the exit code of a refusal already said."""
    if args.ui_lang is not None:
        code = interface_code(args.ui_lang)
        if code is None:
            return t, _bad_ui_lang(args.ui_lang)
        args.ui_lang = code
        t = t if t.lang == code else Translator(code)
    lang = getattr(args, "lang", None)
    if lang is not None:
        from simtrain.scenario.catalog import language_code

        args.lang = language_code(lang)
        if args.lang is None:
            print(f"simtrain: {t('problems.bad_lang', value=_typed(lang))}", file=sys.stderr)
            return t, 2
    return t, 0


def _command_in(argv: Sequence[str]) -> str | None:
    after_option = False
    for arg in argv:
        if not arg.startswith("-") and not after_option:
            return arg if arg in COMMANDS else None
        after_option = arg == "--ui-lang"  # the one option before a command that takes a value
    return None


def build_parser(t: Translator, chosen: str | None = None) -> argparse.ArgumentParser:
    """The parser; only the chosen command's module is imported, to keep start-up lean. Every
    word argparse prints of its own is in ``t``'s language (:mod:`simtrain.argparse_words`)."""
    _Parser.translator = t
    install(t)
    parser = _Parser(prog="simtrain", description=t("cli.description"))
    parser.add_argument(
        "--version", action="version", version=f"simtrain {__version__}", help=t("cli.version")
    )
    parser.add_argument("--ui-lang", metavar="LANG", help=t("cli.ui_lang"))
    sub = parser.add_subparsers(dest="command", metavar=t("cli.command_metavar"))
    for name in COMMANDS:
        text = t(f"cli.commands.{name}")
        command = sub.add_parser(name, help=text, description=text)
        # SUPPRESS: given before the command (simtrain --ui-lang ru ...), it is not reset here
        command.add_argument(
            "--ui-lang", metavar="LANG", default=argparse.SUPPRESS, help=t("cli.ui_lang")
        )
        if name == chosen:
            module = importlib.import_module(f"simtrain.commands.{MODULES.get(name, name)}")
            module.add_arguments(command, t)
            command.set_defaults(module=module)
        translate_metavars(command, t)
    translate_metavars(parser, t)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    tune_gc()
    args_list = list(sys.argv[1:] if argv is None else argv)
    requested = _ui_langs_in(args_list)
    for value in requested:
        if interface_code(value) is None:
            return _bad_ui_lang(value)
    try:
        t = Translator(ui_language(interface_code(requested[-1]) if requested else None))
        parser = build_parser(t, _command_in(args_list))
    except Exception as error:  # broken interface strings: say so in plain English, once
        print(
            f"simtrain: cannot start ({type(error).__name__}: {visible(str(error))})",
            file=sys.stderr,
        )
        return 3
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if args.command is None:
        parser.print_help()
        return 2
    t, refused = _languages_checked(args, t)
    if refused:
        return refused
    module: Any = args.module
    try:
        return int(module.run(args, t))
    except KeyboardInterrupt:
        print(t("cli.interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # the last line of defence: one line, never a traceback
        print(f"simtrain: {visible(_crash(t, args, error))}", file=sys.stderr)
        return 3


def _crash(t: Translator, args: argparse.Namespace, error: BaseException) -> str:
    """Write the traceback beside the session the command was given (or to the user's cache)
    and say so in one line."""
    from simtrain.crashlog import report_crash

    session = getattr(args, "session", None)
    path = Path(session) if isinstance(session, str | Path) and str(session) else None
    return report_crash(t, f"simtrain {args.command}", error, path)
