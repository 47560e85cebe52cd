"""``simtrain serve SESSION [--host 127.0.0.1] [--port 8000]``: team terminals in a browser.

Prints one link per team, each with its join code; a trainee opens it on a laptop and sees the
same terminal ``simtrain team`` shows. It listens on this computer only unless ``--host`` says
otherwise, because a session's traffic is the exercise's and should not be on a network by
accident.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from simtrain.commands.say import fail, say
from simtrain.i18n import Translator, speaking


def add_arguments(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("session", metavar="SESSION", help=t("serve.session"))
    parser.add_argument("--host", default="127.0.0.1", metavar="HOST", help=t("serve.host"))
    parser.add_argument("--port", type=int, default=8000, metavar="PORT", help=t("serve.port"))
    parser.add_argument("--lang", metavar="LANG", help=t("serve.lang"))
    parser.add_argument("--new-codes", action="store_true", help=t("serve.new_codes"))


def run(args: argparse.Namespace, t: Translator) -> int:
    from simtrain.session.session import Session
    from simtrain.session.store import SessionError

    t = speaking(t, args.ui_lang, args.lang)
    if not 1 <= args.port <= 65535:
        fail(t("serve.bad_port", port=args.port))
        return 2
    path = Path(args.session)
    try:
        with Session.open(path, "read") as session:  # names as the fold shows them (S1)
            teams = [team.team for team in session.state.teams.values()]
    except SessionError as error:
        fail(error.render(t))
        return 2

    from simtrain.tui.team.server import JoinTarget, TeamServer, bind, join_codes, public_host

    codes, unkept = join_codes(path, [team.id for team in teams], renew=args.new_codes)
    targets = {codes[team.id]: JoinTarget(team.id, team.name, team.roles) for team in teams}
    try:
        sock = bind(args.host, args.port)
    except OSError as error:
        reason = error.strerror or str(error)
        fail(t("serve.cannot_listen", host=args.host, port=args.port, reason=reason))
        return 2
    if unkept:
        fail(t("serve.codes_unwritable", reason=unkept))
    base = f"http://{public_host(args.host)}:{args.port}"
    say(t("serve.heading", session=path))
    for team in teams:
        say(t("serve.team_line", team=team.name, url=f"{base}/t/{codes[team.id]}"))
    say()
    if args.host in ("127.0.0.1", "localhost", "::1"):
        say(t("serve.local_only"))
    say(t("serve.share"))
    say(t("serve.stop"), flush=True)
    server = TeamServer(path, targets, t, host=args.host, port=args.port, content_lang=args.lang)
    try:
        server.serve_on(sock)
    finally:
        sock.close()
    say(t("serve.stopped"))
    return 0
