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
from simtrain.gc_policy import tune_gc
from simtrain.i18n import Translator, ui_language

COMMANDS = (
    "run",
    "resume",
    "team",
    "serve",
    "validate",
    "i18n",
    "schema",
    "new",
    "list",
    "rehearse",
    "report",
    "briefing",
    "backup",
)
"""In the order ``simtrain --help`` lists them."""


class _Parser(argparse.ArgumentParser):
    """argparse with our wording and exit code 2 for a command line it cannot read."""

    translator: Translator

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {self.translator('cli.error')}: {message}\n")


def _ui_lang_from(argv: Sequence[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--ui-lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--ui-lang="):
            return arg.split("=", 1)[1]
    return None


def _command_in(argv: Sequence[str]) -> str | None:
    for arg in argv:
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def build_parser(t: Translator, chosen: str | None = None) -> argparse.ArgumentParser:
    """The parser; only the chosen command's module is imported, to keep start-up lean."""
    _Parser.translator = t
    parser = _Parser(prog="simtrain", description=t("cli.description"))
    parser.add_argument("--version", action="version", version=f"simtrain {__version__}")
    sub = parser.add_subparsers(dest="command", metavar=t("cli.command_metavar"))
    for name in COMMANDS:
        text = t(f"cli.commands.{name}")
        command = sub.add_parser(name, help=text, description=text)
        command.add_argument("--ui-lang", metavar="LANG", help=t("cli.ui_lang"))
        if name == chosen:
            module = importlib.import_module(f"simtrain.commands.{name}")
            module.add_arguments(command, t)
            command.set_defaults(module=module)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    tune_gc()
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        t = Translator(ui_language(_ui_lang_from(args_list)))
        parser = build_parser(t, _command_in(args_list))
    except Exception as error:  # broken interface strings: say so in plain English, once
        print(f"simtrain: cannot start ({type(error).__name__}: {error})", file=sys.stderr)
        return 3
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if args.command is None:
        parser.print_help()
        return 2
    module: Any = args.module
    try:
        return int(module.run(args, t))
    except KeyboardInterrupt:
        print(t("cli.interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # the last line of defence: one line, never a traceback
        print(f"simtrain: {_crash(t, args, error)}", file=sys.stderr)
        return 3


def _crash(t: Translator, args: argparse.Namespace, error: BaseException) -> str:
    """Write the traceback beside the session the command was given (or to the user's cache)
    and say so in one line."""
    from simtrain.crashlog import report_crash

    session = getattr(args, "session", None)
    path = Path(session) if isinstance(session, str | Path) and str(session) else None
    return report_crash(t, f"simtrain {args.command}", error, path)
