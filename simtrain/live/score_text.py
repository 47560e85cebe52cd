"""A score in words: the one place that turns a :class:`Score`'s status into what a person reads.

The teams panel, the report screen and the four report formats used to decide each for itself
what a team with nothing rated yet shows; one said 0 %, which an evaluator's backlog is not. Each
display now takes its pieces from :func:`score_text` and only arranges them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from simtrain.session.hseep import RATINGS, Score, ScoreStatus

DASH = "—"


@dataclass(frozen=True, slots=True)
class ScoreText:
    """The pieces of a score, already in words; the methods are the arrangements in use."""

    status: ScoreStatus
    percent: str
    """``73%`` once scored, else a dash."""
    number: float | None
    """The percent as a number once scored (for a chart's bar), else None: no bar is drawn."""
    letter: str | None
    """The nearest HSEEP letter once scored."""
    counts: str
    """``P 2 · S 1 · N/A 1``: the letters given, in scale order; empty when none."""
    progress: str
    """``3/4``: actions rated of those at stake (N/A is in neither)."""
    words: str
    """What stands in for a number: "not at stake" or "not rated yet"; empty once scored."""

    @property
    def scored(self) -> bool:
        return self.status == "scored"

    def value(self) -> str:
        """The number alone (the teams panel): a dash until something is rated."""
        return self.percent

    def with_progress(self) -> str:
        """The number and how much of it is rated (the report screen): ``73% (3/4)``."""
        if self.status == "not_at_stake":
            return DASH
        return f"{self.percent} ({self.progress})"

    def with_letter(self) -> str:
        """The number and its letter (report summaries): ``73% (S)``."""
        return f"{self.percent} ({self.letter})" if self.scored else DASH

    def cell(self) -> str:
        """Everything, for a report's objective x team cell: ``73% S · P 2 · S 1 · 3/4``."""
        if self.status == "not_at_stake":
            return self.words
        if self.status == "unrated":
            return f"{self.words} · {self.progress}"
        parts = [f"{self.percent} {self.letter}"]
        if self.counts:
            parts.append(self.counts)
        parts.append(self.progress)
        return " · ".join(parts)


def percent_text(value: float | None) -> str:
    """A score in whole percent, as every display prints it, so they agree to the digit."""
    return DASH if value is None else f"{value:.0f}%"


def counts_text(counts: dict[str, int]) -> str:
    """``P 2 · S 1 · U 1``: the letters that occur, in scale order."""
    return " · ".join(f"{r} {counts[r]}" for r in RATINGS if counts.get(r))


def score_text(score: Score, t: Callable[..., str]) -> ScoreText:
    """The one reading of a score's status, for every seat and every report format."""
    status = score.status
    words = {
        "not_at_stake": t("report.objectives.not_at_stake"),
        "unrated": t("report.objectives.not_rated"),
        "scored": "",
    }[status]
    return ScoreText(
        status=status,
        percent=percent_text(score.percent) if status == "scored" else DASH,
        number=score.percent if status == "scored" else None,
        letter=score.letter,
        counts=counts_text(score.ratings),
        progress=f"{score.rated}/{score.rated + score.unrated}",
        words=words,
    )
