"""``simtrain run [SCENARIO]``: the facilitator's console, from a picker or a named scenario.

With ``--teams N`` or ``--team NAME[:role,role]`` the console opens directly; otherwise a setup
screen asks for the teams. A session file that exists is resumed, never overwritten.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simtrain.i18n import Translator
from simtrain.scenario.library import resolve


def add_arguments(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("scenario", nargs="?", metavar="SCENARIO", help=t("run.scenario"))
    parser.add_argument("--lang", metavar="LANG", help=t("run.lang"))
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--teams", type=int, metavar="N", help=t("run.teams"))
    group.add_argument("--team", action="append", metavar="NAME", default=[], help=t("run.team"))
    parser.add_argument("--session", metavar="FILE", help=t("run.session"))


def team_names(args: argparse.Namespace, t: Translator) -> list[str]:
    if args.teams:
        return [t("setup.team_name", number=k) for k in range(1, args.teams + 1)]
    return list(args.team)


def run(args: argparse.Namespace, t: Translator) -> int:
    if args.teams is not None and not 1 <= args.teams <= 50:
        print(t("run.bad_teams"), file=sys.stderr)
        return 2
    from simtrain.tui.console.app import Launch, make_console_app

    names = team_names(args, t)
    launch = Launch(
        ui_lang=t.lang,
        content_lang=args.lang,
        scenario=resolve(args.scenario) if args.scenario else None,
        session_path=Path(args.session) if args.session else None,
        team_names=names,
        direct=bool(names) and args.scenario is not None,
    )
    return finish(make_console_app(launch), t)


def finish(app: object, t: Translator) -> int:
    """Run the app; afterwards say where the session is, or the one line that stopped it."""
    from simtrain.tui.console.app import ConsoleApp

    assert isinstance(app, ConsoleApp)
    app.run()
    if app.startup_error:
        print(f"simtrain: {app.startup_error}", file=sys.stderr)
        return 1 if app.return_code in (None, 0) else app.return_code
    if app.facilitator is not None:
        # in the language the facilitator last chose in the console, not the one it started in
        print(app.facilitator.t("run.saved", path=app.facilitator.session.path))
    return 0
