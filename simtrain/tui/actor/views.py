"""The frozen values an actor's seat shows: a character's brief and cues, nothing to reach into.

:class:`~simtrain.tui.actor.seat.ActorSeat` builds them from the session, keeping to the actor's
boundary (one character's cues); the widgets draw them. Where a cue stands for a team is the
console's own answer (:func:`simtrain.tui.console.team_choice.team_choice`, from the engine's due
list and the team's state), folded into the four things an actor waiting in a corridor needs to
know: it is still to come, it is due now, it was delivered, or it will not come.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from simtrain.scenario.catalog import Resolved
from simtrain.tui.console.team_choice import Standing
from simtrain.tui.console.views import SYMBOLS
from simtrain.tui.team.views import HeaderView as HeaderView

CueState = Literal["pending", "due", "delivered", "will_not_come"]

STATE_OF: dict[Standing, CueState] = {
    "due": "due",
    "pending": "pending",
    "delayed": "pending",
    "not_started": "pending",
    "waiting": "pending",
    "delivered": "delivered",
    "skipped": "will_not_come",
    "guard": "will_not_come",
    "branch": "will_not_come",
}
"""The console's standing of an inject for a team, as the actor reads it. ``not_addressed`` has
no entry: a team none of whose roles the cue is for is not listed under the cue at all."""

MARK_OF: dict[Standing, str] = {
    "due": SYMBOLS["due"],
    "pending": SYMBOLS["pending"],
    "delayed": SYMBOLS["delayed"],
    "not_started": SYMBOLS["pending"],
    "waiting": SYMBOLS["pending"],
    "delivered": SYMBOLS["delivered"],
    "skipped": SYMBOLS["skipped"],
    "guard": SYMBOLS["off_branch"],
    "branch": SYMBOLS["off_branch"],
}
"""The console timeline's glyphs, so a mark means the same on both screens: ``✗`` skipped by the
control cell, ``⊘`` not on this team's branch (its condition is false)."""

RANK: dict[CueState, int] = {"due": 0, "pending": 1, "delivered": 3, "will_not_come": 4}


@dataclass(frozen=True)
class TeamCue:
    """Where one cue stands for one team."""

    team: str
    name: str
    state: CueState
    mark: str
    reason: str
    """Why, in the interface language: "due now (since 0:10)", "not its branch: it chose …"."""
    at: int | None
    """When it fell or falls due for the team (its delivery time once delivered), if known."""


@dataclass(frozen=True)
class Cue:
    """One inject the character plays: when, to whom, what to say, how, and per team where it
    stands. The inject id is the widget's key only; the screen shows words."""

    inject: str
    title: Resolved
    when: str
    only_if: str | None
    """The condition of the inject's guard in words: the cue comes only if it holds."""
    to: str
    channel: str
    message: Resolved
    control_note: Resolved | None
    teams: tuple[TeamCue, ...]

    @property
    def due_for(self) -> tuple[TeamCue, ...]:
        return tuple(tc for tc in self.teams if tc.state == "due")

    def team(self, team: str) -> TeamCue | None:
        return next((tc for tc in self.teams if tc.team == team), None)


def next_first(cue: Cue, position: int) -> tuple[int, int, int]:
    """The order of the cue list: due now first (longest waiting first), then what comes next by
    its time, then what waits for a condition, then what is done or will not come."""
    best = (5, 0)
    for tc in cue.teams:
        rank = RANK[tc.state]
        if tc.state == "pending" and tc.at is None:
            rank = 2
        best = min(best, (rank, tc.at if tc.at is not None and rank < 2 else 0))
    return best[0], best[1], position


@dataclass(frozen=True)
class ActorBrief:
    """The brief tab: the exercise's title, the character, who plays them, who they are."""

    title: Resolved
    character: Resolved
    played_by: str
    brief: Resolved


@dataclass(frozen=True)
class Change:
    """What a refresh brought that the screen must show."""

    new_due: tuple[tuple[str, str], ...] = ()
    """(inject, team) pairs that fell due since the last look: the screen announces them."""
    cues: bool = False
    header: bool = False

    def __bool__(self) -> bool:
        return bool(self.new_due or self.cues or self.header)
