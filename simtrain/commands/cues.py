"""``simtrain cues SESSION --character C [--lang L]``: an actor's seat on a live run.

The actor who plays a character opens the session file beside the console (SQLite WAL, in
append mode like a team terminal) and sees that character's brief and cues: when each comes,
to whom, what to say, and for every team whether it is still to come, due now, delivered, or
will not come.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from simtrain.commands.say import fail
from simtrain.i18n import Translator, speaking


def add_arguments(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("session", metavar="SESSION", help=t("actor.session"))
    parser.add_argument("--character", required=True, metavar="C", help=t("actor.character"))
    parser.add_argument("--lang", metavar="LANG", help=t("actor.lang"))


def run(args: argparse.Namespace, t: Translator) -> int:
    from simtrain.session.store import SessionError
    from simtrain.tui.actor.app import make_actor_app, open_actor
    from simtrain.tui.actor.seat import ActorError

    t = speaking(t, getattr(args, "ui_lang", None), args.lang)
    try:
        seat = open_actor(Path(args.session), t, args.character, args.lang)
    except (SessionError, ActorError) as error:
        fail(error.render(t))
        return 2
    app = make_actor_app(seat)
    app.run()
    if app.crash:
        fail(app.crash)
        return 3
    return 0
