"""``simtrain team SESSION --team T [--role R] [--lang L]``: one team's terminal on a live run.

The session file is the only thing a trainee needs: the console and any number of team
terminals open it at once (SQLite WAL), each terminal seeing only its own team's traffic.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from simtrain.commands.say import fail
from simtrain.i18n import Translator, speaking


def add_arguments(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("session", metavar="SESSION", help=t("team.session"))
    parser.add_argument("--team", required=True, metavar="TEAM", help=t("team.team"))
    parser.add_argument("--role", metavar="ROLE", help=t("team.role"))
    parser.add_argument("--lang", metavar="LANG", help=t("team.lang"))


def run(args: argparse.Namespace, t: Translator) -> int:
    from simtrain.session.store import SessionError
    from simtrain.tui.team.app import make_team_app, open_team
    from simtrain.tui.team.seat import TeamError

    t = speaking(t, args.ui_lang, args.lang)
    try:
        seat = open_team(Path(args.session), t, args.team, args.role, args.lang)
    except (SessionError, TeamError) as error:
        fail(error.render(t))
        return 2
    app = make_team_app(seat)
    app.run()
    if app.crash:
        fail(app.crash)
        return 3
    return 0
