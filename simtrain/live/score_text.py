"""A score in words: the one place that turns a :class:`Score`'s status into what a person reads.

The teams panel, the report screen and the four report formats used to decide each for itself
what a team with nothing rated yet shows; one said 0 %, which an evaluator's backlog is not. Each
display now takes its pieces from :func:`score_text` and only arranges them.

A score is read as two things side by side (:mod:`simtrain.session.hseep`): the quality of what
has been rated ("78% of rated") and the coverage, in actions ("7 of 12 rated"). The letter is
present only when the score has one (enough is rated); an unrated score is words, never 0 %.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from simtrain.i18n import DEFAULT_LANGUAGE, format_percent
from simtrain.sanitize import visible
from simtrain.session.hseep import RATINGS, Score, ScoreStatus
from simtrain.session.state import RatingRecord

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
    quality: str = DASH
    """``78% of rated`` once scored, else :attr:`words`."""
    coverage: str = ""
    """``7 of 12 rated``: the progress in words, in actions; empty when nothing is at stake."""
    withheld: bool = False
    """Scored, but too little is rated for an HSEEP letter (``hseep.LETTER_MIN_COVERAGE``)."""

    @property
    def scored(self) -> bool:
        return self.status == "scored"

    def value(self) -> str:
        """The quality alone (the teams panel, a chart's bar): a dash until something is rated;
        the coverage goes in its own column or beside it."""
        return self.percent

    def number_letter(self) -> str:
        """``73% S``, or ``73%`` while the letter is withheld; a dash until something is rated."""
        return f"{self.percent} {self.letter}" if self.letter else self.percent

    def with_progress(self) -> str:
        """Quality and coverage, short (the report screen, whose heading says what they are):
        ``73% S · 3/4``; ``not rated yet · 0/4``; a dash when nothing is at stake."""
        if self.status == "not_at_stake":
            return DASH
        if self.status == "unrated":
            return f"{self.words} · {self.progress}"
        return f"{self.number_letter()} · {self.progress}"

    def with_letter(self) -> str:
        """Quality, letter and coverage in words (report summaries):
        ``73% of rated (S) · 3 of 4 rated``; without a letter while too little is rated."""
        if self.status == "not_at_stake":
            return DASH
        quality = f"{self.quality} ({self.letter})" if self.letter else self.quality
        return f"{quality} · {self.coverage}"

    def cell(self) -> str:
        """Everything, for a report's objective x team cell:
        ``73% of rated (S) · P 2 · S 1 · 3 of 4 rated``."""
        if self.status == "not_at_stake":
            return self.words
        if self.status == "unrated":
            return f"{self.words} · {self.coverage}"
        parts = [f"{self.quality} ({self.letter})" if self.letter else self.quality]
        if self.counts:
            parts.append(self.counts)
        parts.append(self.coverage)
        return " · ".join(parts)


def percent_text(value: float | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """A score in whole percent, as every display prints it, so they agree to the digit, in the
    way ``lang`` writes a percentage (Babel: ``83%`` in en and it, ``83 %`` in ru)."""
    return DASH if value is None else format_percent(value, lang)


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
    lang = getattr(t, "lang", DEFAULT_LANGUAGE)  # a Translator; a bare function speaks English
    percent = percent_text(score.percent, lang) if status == "scored" else DASH
    whole = score.at_stake_actions
    return ScoreText(
        status=status,
        percent=percent,
        number=score.percent if status == "scored" else None,
        letter=score.letter,
        counts=counts_text(score.ratings),
        progress=f"{score.rated}/{whole}",
        words=words,
        quality=t("scores.quality", percent=percent) if status == "scored" else words,
        coverage=t("scores.coverage", rated=score.rated, count=whole) if whole else "",
        withheld=score.letter_withheld,
    )


# --- several evaluators on one action --------------------------------------------------------


def latest_by_evaluator(history: Sequence[RatingRecord]) -> list[RatingRecord]:
    """Each evaluator's latest rating of one action, in the order they were given (N/A
    included): what each of them last said."""
    latest: dict[str, RatingRecord] = {}
    for record in history:
        latest.pop(record.evaluator, None)
        latest[record.evaluator] = record
    return list(latest.values())


def disagreement(history: Sequence[RatingRecord]) -> list[RatingRecord]:
    """The evaluators' latest ratings when more than one evaluator rated the action and they
    differ; empty otherwise (one evaluator correcting themselves is no disagreement)."""
    latest = latest_by_evaluator(history)
    if len(latest) < 2 or len({r.rating for r in latest}) < 2:
        return []
    return latest


CONTROL_WRITERS = frozenset({"", "control", "console"})
"""The log's ``who`` of the control cell itself: the console (``control``; ``console`` for a
tick or a recovery), nothing in an old log."""


def who_name(who: str, t: Callable[..., str]) -> str:
    """Who wrote a log line, as a person reads it, never the log's id: the control cell's name
    in the interface language for ``control``/``console``, "automatically" for a rehearsal's
    clock (``auto``), Maria for ``evaluator:Maria`` or ``actor:Maria``, else the text itself (a
    rehearsal's evaluator name, a team's seat id: callers with the teams name those first)."""
    if who in CONTROL_WRITERS:
        return t("console.control_cell")
    if who == "auto":
        return t("cli_words.who.auto")
    _, colon, name = who.partition(":")
    return visible(name if colon and name else who, multiline=False)


def evaluator_name(evaluator: str, t: Callable[..., str]) -> str:
    """Who rated, as a person reads it (see :func:`who_name`): the console (``control`` or
    nothing) is the control cell; ``evaluator:Maria`` is Maria; a rehearsal's name is itself."""
    return who_name(evaluator, t)


def disagreement_text(
    records: Sequence[RatingRecord], clock: Callable[[int], str], t: Callable[..., str]
) -> str:
    """``S by Maria at 1·2:10, M by Oleg at 1·2:14``: ``clock`` prints an exercise time."""
    return ", ".join(
        t(
            "scores.rated_by",
            rating=r.rating,
            evaluator=evaluator_name(r.evaluator, t),
            time=clock(r.at),
        )
        for r in records
    )
