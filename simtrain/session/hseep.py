"""The HSEEP rating scale and the score it makes: the one owner of both.

Every seat shows ratings and scores (the console's teams panel and report screen, the evaluator's
seat, the four report formats). They all take the letters, their shares, what counts as done or
missed, the letter thresholds and the states of a score from here, so a change of rule cannot
leave one display telling another story.

A rating earns a share of its expected action's points: P 100 %, S 66 %, M 33 %, U 0 %. N/A is
counted (so a reader sees it was given) but left out of both sides of the score.

A score has two numbers, never folded into one:

- **quality**: what the rated actions earned over their points ("78 % of rated"). An expected
  action delivered but not rated yet is left out: it is an evaluator's backlog, not a U, so
  delivering more injects never lowers a score, and a rating can lower it only by being worse
  than the ratings already given (a P never lowers it; with no M or U it stays at S or above).
- **coverage**: how many of the actions at stake are rated, counted in actions ("7 of 12 rated").

The HSEEP letter is the one nearest the quality, and it is withheld while coverage is below
:data:`LETTER_MIN_COVERAGE`: a letter drawn from a few ratings would speak for the whole team.
Lateness is counted apart (``late``); it never changes a rating or the quality.
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

LETTER_MIN_COVERAGE: Fraction = Fraction(1, 2)
"""The share of the actions at stake (in actions, N/A left out) that must be rated before a score
shows an HSEEP letter: below it the quality is shown with its coverage and no letter."""

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
    """Points earned over the points of the rated actions (the quality), how many of the actions
    at stake are rated (the coverage), and how many actions got each rating."""

    earned: Fraction = Fraction(0)
    at_stake: int = 0
    """Points of every action at stake, rated or not (N/A left out)."""
    rated: int = 0
    """Actions at stake with a P, S, M or U (N/A is counted in ``counts`` only)."""
    unrated: int = 0
    late: int = 0
    """Rated actions whose response came after their window: apart from the rating."""
    counts: tuple[int, ...] = _NO_COUNTS
    """How many actions got each rating, in :data:`RATINGS` order (N/A included)."""
    rated_points: int = 0
    """Points of the rated actions (P, S, M, U): the quality's denominator."""

    @property
    def status(self) -> ScoreStatus:
        if not self.at_stake:
            return "not_at_stake"
        return "scored" if self.rated else "unrated"

    @property
    def percent(self) -> float | None:
        """The quality: earned over the points of the rated actions, in percent to one decimal;
        None until something with points is rated (unrated actions are not zeros)."""
        if not self.rated_points:
            return None
        return round(float(self.earned * 100 / self.rated_points), 1)

    @property
    def at_stake_actions(self) -> int:
        """Actions at stake, rated or not (N/A left out): coverage's whole."""
        return self.rated + self.unrated

    @property
    def coverage(self) -> Fraction | None:
        """Rated actions over actions at stake; None when nothing is at stake."""
        whole = self.at_stake_actions
        return Fraction(self.rated, whole) if whole else None

    @property
    def letter_withheld(self) -> bool:
        """Scored, but too little of it is rated for a letter (:data:`LETTER_MIN_COVERAGE`)."""
        coverage = self.coverage
        return self.status == "scored" and (coverage is None or coverage < LETTER_MIN_COVERAGE)

    @property
    def letter(self) -> str | None:
        """The letter nearest the quality, once something is rated and enough of what is at
        stake is rated: a backlog is not a U, and a few ratings are not the whole team."""
        if self.status != "scored" or self.letter_withheld:
            return None
        return letter_of(self.percent)

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
            return Score(
                self.earned, self.at_stake, self.rated, self.unrated, self.late, counts,
                self.rated_points,
            )  # fmt: skip
        return Score(
            self.earned + earned(points, rating),
            self.at_stake + points,
            self.rated + (rating is not None),
            self.unrated + (rating is None),
            self.late + (late and rating is not None),
            counts,
            self.rated_points + (points if rating is not None else 0),
        )
