"""The console's line of connected seats, worked out without Textual.

Each seat (a team terminal, an evaluator's seat, an actor's seat) beats in the session's meta
(:mod:`simtrain.session.presence`); the console reads the seats seen in the last few seconds and
shows them in one line above its event log: teams in the session's order, then evaluators, then
actors. No seat seen, no line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from simtrain.live.run_view import RunView
from simtrain.sanitize import visible
from simtrain.session.presence import Seen

EVALUATOR = "evaluator:"
ACTOR = "actor:"


@dataclass(frozen=True)
class SeatsLine:
    """``Connected (3): Alpha, Bravo · NGO, Maria (evaluator)``; empty when nobody is."""

    text: str
    count: int


def seat_name(view: RunView, who: str) -> tuple[int, str]:
    """A seat's place in the line (0 teams, 1 evaluators, 2 actors, 3 anything else) and words."""
    t = view.t
    if who.startswith(EVALUATOR):
        name = visible(who.removeprefix(EVALUATOR), multiline=False)
        return 1, t("presence.evaluator", name=name)
    if who.startswith(ACTOR):
        character = who.removeprefix(ACTOR)
        known = {c.id for c in view.session.scenario.characters}
        name = view.character_name(character) if character in known else visible(character)
        return 2, t("presence.actor", name=name)
    seat = view.seat(who)
    return (0, view.seat_label(seat)) if seat.team is not None else (3, visible(who))


def seats_line(view: RunView, seen: Iterable[Seen]) -> SeatsLine:
    teams = list(view.session.state.teams)
    named: list[tuple[int, int, str]] = []
    for sighting in seen:
        group, words = seat_name(view, sighting.who)
        team = sighting.who.partition("/")[0]
        order = teams.index(team) if group == 0 and team in teams else 0
        named.append((group, order, words))
    if not named:
        return SeatsLine("", 0)
    names = ", ".join(words for *_, words in sorted(named))
    return SeatsLine(view.t("presence.connected", count=len(named), seats=names), len(named))
