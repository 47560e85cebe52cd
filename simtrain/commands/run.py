"""``simtrain run [SCENARIO]``: the facilitator's console, from a picker or a named scenario.

With ``--teams N`` or ``--team NAME[:role,role]`` the console opens directly; otherwise a setup
screen asks for the teams. A session file that exists is resumed, never overwritten.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from simtrain.commands.say import fail, say
from simtrain.i18n import Translator
from simtrain.scenario.library import resolve

if TYPE_CHECKING:  # the console is imported when it runs, not when the CLI starts
    from simtrain.tui.console.app import ConsoleApp


def add_arguments(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("scenario", nargs="?", metavar="SCENARIO", help=t("run.scenario"))
    parser.add_argument("--lang", metavar="LANG", help=t("run.lang"))
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--teams", type=int, metavar="N", help=t("run.teams"))
    group.add_argument("--team", action="append", metavar="NAME", default=[], help=t("run.team"))
    parser.add_argument("--session", metavar="FILE", help=t("run.session"))
    parser.add_argument("--actors-confirm", action="store_true", help=t("actor.run_flag"))


def team_names(args: argparse.Namespace, t: Translator) -> list[str]:
    if args.teams:
        return [t("setup.team_name", number=k) for k in range(1, args.teams + 1)]
    return list(args.team)


def run(args: argparse.Namespace, t: Translator) -> int:
    if args.teams is not None and not 1 <= args.teams <= 50:
        say(t("run.bad_teams"), err=True)
        return 2
    from simtrain.tui.console.app import Launch, make_console_app
    from simtrain.tui.console.opening import OpeningError, mismatch

    names = team_names(args, t)
    launch = Launch(
        ui_lang=t.lang,
        content_lang=args.lang,
        scenario=resolve(args.scenario) if args.scenario else None,
        session_path=Path(args.session) if args.session else None,
        team_names=names,
        direct=bool(names) and args.scenario is not None,
        ui_lang_given=getattr(args, "ui_lang", None) is not None,
        actors_confirm=args.actors_confirm,
    )
    if launch.session_path is not None:  # an existing session is resumed as it is (S24)
        try:
            refused = mismatch(launch.session_path, launch.scenario, names, t)
        except OpeningError as error:
            refused = str(error)
        if refused:
            fail(refused)
            return 2
    return finish(make_console_app(launch), t)


def finish(app: object, t: Translator) -> int:
    """Run the app; afterwards say where the session is, or the one line that stopped it."""
    from simtrain.tui.console.app import ConsoleApp

    assert isinstance(app, ConsoleApp)
    app.run()
    return farewell(app)


def farewell(app: ConsoleApp) -> int:
    """After the console closed: the one line of a crash or a start-up error, and "saved" only
    when every action the console showed as done is in the file; the exit code."""
    if app.crash:
        fail(app.crash)
    elif app.startup_error:
        fail(app.startup_error)
        return 1 if app.return_code in (None, 0) else app.return_code
    code = 3 if app.crash else 0
    f = app.facilitator
    if f is None:
        return code
    # in the language the facilitator last chose in the console, not the one it started in
    if not f.unsaved:  # "saved" only when every action the console showed as done is in the file
        say(f.t("run.saved", path=f.session.path))
        return code
    lines = [f.t("run.not_saved", count=f.unsaved, path=f.session.path)]
    if f.recovery_file is not None:
        lines.append(f.t("run.text_kept", path=f.recovery_file))
    say(" ".join(lines), err=True)
    return code or 1
