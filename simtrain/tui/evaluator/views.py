"""The frozen values an evaluator's widgets are given: what they show, and nothing to reach into.

:class:`~simtrain.tui.evaluator.seat.EvaluatorSeat` builds them from the session, for the
evaluator's teams only; the widgets draw them. None holds a session or a catalog, so a widget
cannot fetch another team's traffic, and a test can build and check them without Textual.

A window's time left changes with the clock, not with the log: an action carries its deadline,
and :func:`window_state` reads it against the exercise time the header shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from simtrain.live.run_view import RunView
from simtrain.scenario.catalog import Resolved
from simtrain.scenario.durations import format_clock
from simtrain.tui.team.views import ClockView, clock_view

__all__ = [
    "ActionView",
    "ArrivalView",
    "Change",
    "ClockView",
    "EvaluatorHeader",
    "GivenRating",
    "InjectCard",
    "NoteView",
    "UpcomingView",
    "WindowState",
    "header_view",
    "window_state",
    "window_text",
]


@dataclass(frozen=True)
class GivenRating:
    """One rating of an action as the log holds it: what, who, when, when the team acted."""

    rating: str
    evaluator: str
    """Who rated, as people read it (``Maria``; the control cell for the console)."""
    at: int
    acted_at: int
    """When the team acted: the evaluator's word, else the rating's own time."""
    note: str
    seq: int


@dataclass(frozen=True)
class ActionView:
    """One expected action of an inject, for one team: what it asks, and how it stands."""

    team: str
    expect: str
    text: Resolved
    role: Resolved
    objective: str
    objective_text: Resolved
    points: int
    within: int | None
    """The window, in exercise seconds after the delivery; None: no window (never late)."""
    delivered_at: int
    ratings: tuple[GivenRating, ...] = ()
    """Every rating of it, oldest first; the last one counts."""
    disagreement: str = ""
    """``S by Maria at 1·2:10, M by Oleg at 1·2:14`` where evaluators' latest ratings differ."""
    objective_label: Resolved | None = None
    """The objective's ``short:`` label (else its text): the list's rows and the rating dialog;
    the detail pane shows ``objective_text`` whole."""

    @property
    def key(self) -> str:
        return f"{self.team}/{self.expect}"

    @property
    def deadline(self) -> int | None:
        return None if self.within is None else self.delivered_at + self.within

    @property
    def current(self) -> GivenRating | None:
        """The rating that counts: the latest."""
        return self.ratings[-1] if self.ratings else None


WindowState = Literal["none", "open", "overdue", "in_time", "late"]
"""``none``: no window; ``open``/``overdue``: not rated, the window runs / ran out; ``in_time`` and
``late``: rated, judged on when the team acted."""


def window_state(action: ActionView, now: int) -> tuple[WindowState, int]:
    """Where the action stands against its window at exercise time ``now``, and the seconds that
    go with it: left in the window (open), past it (overdue, late), or 0."""
    deadline = action.deadline
    if deadline is None:
        return "none", 0
    current = action.current
    if current is None:
        return ("open", deadline - now) if now <= deadline else ("overdue", now - deadline)
    if current.acted_at <= deadline:
        return "in_time", 0
    return "late", current.acted_at - deadline


def window_text(action: ActionView, now: int, t: Callable[..., str]) -> str:
    """The window in words: ``within 0:30 · 0:12 left``, ``0:05 past the window``,
    ``late by 0:04``."""
    if action.within is None:
        return t("evaluator.window.none")
    state, seconds = window_state(action, now)
    within = format_clock(action.within)
    return t(f"evaluator.window.{state}", within=within, time=format_clock(seconds))


@dataclass(frozen=True)
class InjectCard:
    """An inject delivered to one of the evaluator's teams, with its expected actions."""

    key: str
    """``TEAM/i:INJECT`` or ``TEAM/a:ADHOC``: unique across the evaluator's teams."""
    team: str
    team_name: str
    inject: str
    seq: int
    at: int
    channel: str
    title: Resolved
    actions: tuple[ActionView, ...]


@dataclass(frozen=True)
class ArrivalView:
    """A team's report or decision as it reached the control cell."""

    key: str
    """``TEAM/r:SEQ`` or ``TEAM/d:SEQ``: what a notice is given once for."""
    kind: Literal["report", "decision"]
    team: str
    team_name: str
    at: int
    seq: int
    by: str
    """The seat that sent it (``Alpha · NGO``)."""
    text: Resolved
    """The report's words, or the option the team chose."""
    prompt: Resolved | None = None
    """For a decision: the question it answered."""


@dataclass(frozen=True)
class UpcomingView:
    """An inject that will fall due for one of the evaluator's teams, by the log as it stands."""

    team: str
    team_name: str
    inject: str
    at: int
    title: Resolved
    actions: int
    """How many expected actions come with it."""
    due: bool
    """Due already: waiting for the control cell to play it."""
    skip: bool
    """Its guard is false at that time: it will be skipped, not delivered."""


@dataclass(frozen=True)
class NoteView:
    """An observation in the log: when, who, what, and what it is tied to."""

    seq: int
    at: int
    by: str
    text: str
    team_name: str | None = None
    objective: Resolved | None = None
    action: Resolved | None = None
    mine: bool = False
    """Written from this seat."""


@dataclass(frozen=True)
class EvaluatorHeader:
    """The header: who evaluates which teams, the phase, and the clock."""

    name: str
    teams: tuple[str, ...]
    phase: Resolved | None
    clock: ClockView


def header_view(
    run: RunView, name: str, teams: tuple[str, ...], last_seen: float | None = None
) -> EvaluatorHeader:
    return EvaluatorHeader(
        name=name,
        teams=tuple(run.team_name(team) for team in teams),
        phase=run.phase_title(run.session.state.current_phase),
        clock=clock_view(run, last_seen),
    )


@dataclass(frozen=True)
class Change:
    """What a refresh brought that the screen must show."""

    new_cards: tuple[str, ...] = ()
    cards: bool = False
    """Deliveries or ratings changed: the inject list is drawn again."""
    new_arrivals: tuple[str, ...] = ()
    notes: bool = False
    upcoming: bool = False
    header: bool = False

    def __bool__(self) -> bool:
        return bool(
            self.new_cards
            or self.cards
            or self.new_arrivals
            or self.notes
            or self.upcoming
            or self.header
        )
