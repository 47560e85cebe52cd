"""The HSEEP rating scale and the score it makes: the one owner of both.

Every seat shows ratings and scores (the console's teams panel and report screen, the evaluator's
seat, the four report formats). They all take the letters, their shares, what counts as done or
missed, the letter thresholds and the states of a score from here, so a change of rule cannot
leave one display telling another story.

A rating earns a share of its expected action's points: P 100 %, S 66 %, M 33 %, U 0 %. N/A is
counted (so a reader sees it was given) but left out of both sides of the score, and an expected
action delivered but not rated yet is at stake and earns nothing: its status says so, so an
evaluator's backlog is visible rather than read as a U.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal, get_args

Rating = Literal["P", "S", "M", "U", "N/A"]
"""HSEEP: performed without / with some / with major challenges, unable, not applicable."""

RATINGS: tuple[Rating, ...] = get_args(Rating)
"""The scale in its order, from the Literal itself so the two cannot drift."""

SHARE: Mapping[str, Fraction] = {
    "P": Fraction(1),
    "S": Fraction(66, 100),
    "M": Fraction(33, 100),
    "U": Fraction(0),
}
"""The share of an expected action's points each rating earns; N/A is not here: it is left out."""

DONE: frozenset[str] = frozenset({"P", "S"})
"""Ratings after which an expected action counts as done (a condition ``done:`` holds)."""

MISSED: frozenset[str] = frozenset({"M", "U"})
"""Ratings after which an expected action counts as missed (a condition ``missed:`` holds)."""

LETTER_FLOORS: tuple[tuple[float, str], ...] = ((83.0, "P"), (49.5, "S"), (16.5, "M"))
"""The lowest percent for each letter: the midpoints between the shares the letters earn (100,
66, 33, 0), so the letter nearest a score and the score tell one story."""

ScoreStatus = Literal["not_at_stake", "unrated", "scored"]
"""``not_at_stake``: nothing with points was delivered to the team (or everything was N/A);
``unrated``: points are at stake but no evaluator has rated any of them yet; ``scored``: at
least one rating counts."""


def letter_of(percent: float | None) -> str | None:
    """The HSEEP letter nearest to a score in percent; None for no score."""
    if percent is None:
        return None
    for floor, letter in LETTER_FLOORS:
        if percent >= floor:
            return letter
    return "U"


def earned(points: int, rating: str | None) -> Fraction:
    """What an action's rating earns of its points; unrated and N/A earn nothing."""
    return points * SHARE.get(rating or "U", Fraction(0))


def counts_score(rating: str | None) -> bool:
    """Whether a rating is on the scored side of the scale (N/A is not; no rating yet is)."""
    return rating != "N/A"


_NO_COUNTS: tuple[int, ...] = (0,) * len(RATINGS)
_POSITION: dict[str, int] = {letter: k for k, letter in enumerate(RATINGS)}


@dataclass(frozen=True, slots=True)
class Score:
    """Points earned over points at stake, with how many actions got each rating."""

    earned: Fraction = Fraction(0)
    at_stake: int = 0
    rated: int = 0
    """Actions at stake with a P, S, M or U (N/A is counted in ``counts`` only)."""
    unrated: int = 0
    late: int = 0
    counts: tuple[int, ...] = _NO_COUNTS
    """How many actions got each rating, in :data:`RATINGS` order (N/A included)."""

    @property
    def status(self) -> ScoreStatus:
        if not self.at_stake:
            return "not_at_stake"
        return "scored" if self.rated else "unrated"

    @property
    def percent(self) -> float | None:
        """Earned over at stake, in percent to one decimal; None when nothing is at stake."""
        if not self.at_stake:
            return None
        return round(float(self.earned * 100 / self.at_stake), 1)

    @property
    def letter(self) -> str | None:
        """The nearest letter, only once something is rated: a backlog is not a U."""
        return letter_of(self.percent) if self.status == "scored" else None

    @property
    def ratings(self) -> dict[str, int]:
        """``counts`` by letter, every letter of the scale present."""
        return dict(zip(RATINGS, self.counts, strict=True))

    @property
    def not_applicable(self) -> int:
        return self.counts[_POSITION["N/A"]]

    def add(self, points: int, rating: str | None, late: bool) -> Score:
        """This score with one more expected action at stake for the team."""
        counts = self.counts
        if rating is not None:
            k = _POSITION[rating]
            counts = (*counts[:k], counts[k] + 1, *counts[k + 1 :])
        if not counts_score(rating):
            return Score(self.earned, self.at_stake, self.rated, self.unrated, self.late, counts)
        return Score(
            self.earned + earned(points, rating),
            self.at_stake + points,
            self.rated + (rating is not None),
            self.unrated + (rating is None),
            self.late + late,
            counts,
        )
