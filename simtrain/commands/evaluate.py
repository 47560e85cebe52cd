"""``simtrain evaluate SESSION --team T [--team T2 …] [--name NAME] [--lang L] [--all-teams]``:
an evaluator's seat on a live run.

A mentor beside a team opens the same session file as the console (SQLite WAL): it sees the
injects its teams received with what is expected of them, rates them, writes observations and
follows what the teams report and decide. It never runs the clock and never delivers.
"""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path

from simtrain.commands.say import fail
from simtrain.i18n import Translator, speaking


def add_arguments(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("session", metavar="SESSION", help=t("evaluator.cli.session"))
    parser.add_argument(
        "--team", action="append", default=[], metavar="TEAM", help=t("evaluator.cli.team")
    )
    parser.add_argument("--name", metavar="NAME", help=t("evaluator.cli.name"))
    parser.add_argument("--lang", metavar="LANG", help=t("evaluator.cli.lang"))
    parser.add_argument("--all-teams", action="store_true", help=t("evaluator.cli.all_teams"))


def default_name() -> str:
    """The evaluator's name when none is given: the computer's user name."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def run(args: argparse.Namespace, t: Translator) -> int:
    from simtrain.session.store import SessionError
    from simtrain.tui.evaluator.app import make_evaluator_app, open_evaluator
    from simtrain.tui.evaluator.seat import EvaluatorError
    from simtrain.tui.team.seat import TeamError

    t = speaking(t, args.ui_lang, args.lang)
    if not args.team and not args.all_teams:
        fail(t("evaluator.no_team"))
        return 2
    name = args.name if args.name is not None else default_name()
    try:
        seat = open_evaluator(
            Path(args.session), t, args.team, name, args.lang, all_teams=args.all_teams
        )
    except (SessionError, TeamError, EvaluatorError) as error:
        fail(error.render(t))
        return 2
    app = make_evaluator_app(seat)
    app.run()
    if app.crash:
        fail(app.crash)
        return 3
    return 0
