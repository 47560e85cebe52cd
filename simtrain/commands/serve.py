"""``simtrain serve SESSION [--host 127.0.0.1] [--port 8000] [--evaluator NAME:TEAM,TEAM …]``:
team terminals and the control cell's seats in a browser.

Prints one link per team, each with its join code; a trainee opens it on a laptop and sees the
same terminal ``simtrain team`` shows. Then one link per evaluator's seat (``simtrain evaluate``:
one per team, named after it, and one per ``--evaluator``) and one per actor's seat (``simtrain
cues``: each character who sends injects), each with a code of its own. It listens on this
computer only unless ``--host`` says otherwise, because a session's traffic is the exercise's and
should not be on a network by accident.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import TYPE_CHECKING

from simtrain.commands.say import fail, say
from simtrain.i18n import Translator, speaking

if TYPE_CHECKING:
    from simtrain.session.session import Session
    from simtrain.tui.team.join import JoinTarget


def add_arguments(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("session", metavar="SESSION", help=t("serve.session"))
    parser.add_argument("--host", default="127.0.0.1", metavar="HOST", help=t("serve.host"))
    parser.add_argument("--port", type=int, default=8000, metavar="PORT", help=t("serve.port"))
    parser.add_argument("--lang", metavar="LANG", help=t("serve.lang"))
    parser.add_argument("--new-codes", action="store_true", help=t("serve.new_codes"))
    parser.add_argument(
        "--evaluator",
        action="append",
        default=[],
        metavar="NAME:TEAM,TEAM",
        help=t("serve_seats.evaluator_help"),
    )


class _BadSeat(Exception):
    """An ``--evaluator`` the command line refuses, with the line to say."""


def evaluator_seats(session: Session, t: Translator, wanted: list[str]) -> list[JoinTarget]:
    """One evaluator's seat per team, named after it, then one per ``--evaluator NAME:TEAMS``
    (``NAME:*`` sees every team); a given name replaces a team's seat of the same name."""
    from simtrain.tui.evaluator.seat import EvaluatorError, clean_name
    from simtrain.tui.team.join import JoinTarget
    from simtrain.tui.team.seat import TeamError, find_team

    teams = session.state.teams
    seats = {ts.team.name: JoinTarget.evaluator(ts.team.name, [tid]) for tid, ts in teams.items()}
    for value in wanted:
        name, colon, listed = value.rpartition(":")
        names = [part.strip() for part in listed.split(",") if part.strip()]
        if not colon or not names:
            raise _BadSeat(t("serve_seats.bad_evaluator", value=value))
        try:
            name = clean_name(name)
            every = names == ["*"]
            ids = [] if every else list(dict.fromkeys(find_team(session, n) for n in names))
        except (EvaluatorError, TeamError) as error:
            raise _BadSeat(f"--evaluator {value}: {error.render(t)}") from None
        seats[name] = JoinTarget.evaluator(name, ids, all_teams=every)
    return list(seats.values())


def actor_seats(session: Session, t: Translator, lang: str | None) -> list[JoinTarget]:
    """One actor's seat per character who sends injects, in the scenario's order."""
    from simtrain.live.run_view import RunView
    from simtrain.tui.team.join import JoinTarget

    run = RunView(session, t, lang, clock=time.time)
    senders = {inject.from_ for inject in session.scenario.injects}
    return [
        JoinTarget.actor(c.id, run.character_name(c.id))
        for c in session.scenario.characters
        if c.id in senders
    ]


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
            names = {team.id: team.name for team in teams}
            seats = evaluator_seats(session, t, args.evaluator)
            seats += actor_seats(session, t, args.lang)
    except SessionError as error:
        fail(error.render(t))
        return 2
    except _BadSeat as error:
        fail(str(error))
        return 2

    from simtrain.tui.team.join import JoinTarget, join_codes
    from simtrain.tui.team.server import TeamServer, bind, public_host

    every = [JoinTarget(team.id, team.name, team.roles) for team in teams] + seats
    codes, unkept = join_codes(path, [target.key for target in every], renew=args.new_codes)
    targets = {codes[target.key]: target for target in every}
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
    _seat_links(t, base, seats, codes, names)
    if args.host in ("127.0.0.1", "localhost", "::1"):
        say(t("serve.local_only"))
    say(t("serve.share"))
    say(t("serve_seats.share"))
    say(t("serve.stop"), flush=True)
    server = TeamServer(path, targets, t, host=args.host, port=args.port, content_lang=args.lang)
    try:
        server.serve_on(sock)
    finally:
        sock.close()
    say(t("serve.stopped"))
    return 0


def _seat_links(
    t: Translator,
    base: str,
    seats: list[JoinTarget],
    codes: dict[str, str],
    names: dict[str, str],
) -> None:
    """The evaluators' links, each with the teams it sees, then the actors'."""
    evaluators = [seat for seat in seats if seat.kind == "evaluator"]
    actors = [seat for seat in seats if seat.kind == "actor"]
    say(t("serve_seats.evaluators_heading"))
    for seat in evaluators:
        teams = (
            t("serve_seats.all_teams")
            if seat.all_teams
            else ", ".join(names[team] for team in seat.teams)
        )
        url = f"{base}/e/{codes[seat.key]}"
        say(t("serve_seats.evaluator_line", name=seat.name, teams=teams, url=url))
    say()
    if actors:
        say(t("serve_seats.actors_heading"))
        for seat in actors:
            say(t("serve_seats.actor_line", character=seat.name, url=f"{base}/a/{codes[seat.key]}"))
        say()
