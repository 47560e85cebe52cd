"""The shared core every seat reads through: the HSEEP scale, a score's status and words, seats,
and the run view's clock and names, on a real scenario and an in-memory session."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simtrain.i18n import Translator
from simtrain.live.run_view import RunView
from simtrain.live.score_text import score_text
from simtrain.scenario.loader import load_scenario
from simtrain.session import ClockStarted, PhaseStarted, Session
from simtrain.session.events import Seat
from simtrain.session.hseep import RATINGS, SHARE, Score, letter_of
from tests.session.conftest import ALPHA, BRANCHING, BRAVO

EN = Translator("en")


def test_the_scale_is_the_rating_literal_in_order() -> None:
    assert RATINGS == ("P", "S", "M", "U", "N/A")
    assert set(SHARE) == set(RATINGS) - {"N/A"}


@pytest.mark.parametrize(
    ("percent", "letter"),
    [
        (None, None),
        (100, "P"),
        (83, "P"),
        (82.9, "S"),
        (49.5, "S"),
        (49.4, "M"),
        (16.5, "M"),
        (16.4, "U"),
        (0, "U"),
    ],
)
def test_letter_thresholds_sit_between_the_shares(percent: float | None, letter: str) -> None:
    assert letter_of(percent) == letter


def test_the_three_states_of_a_score() -> None:
    nothing = Score()
    assert nothing.status == "not_at_stake"
    only_na = nothing.add(10, "N/A", late=False)
    assert only_na.status == "not_at_stake"
    assert only_na.ratings["N/A"] == 1 and only_na.rated == 0
    backlog = only_na.add(10, None, late=False)
    assert backlog.status == "unrated" and backlog.letter is None
    # issue 13: an unrated action is a backlog, not a zero: no quality until something is rated
    assert backlog.percent is None and backlog.coverage == 0
    scored = backlog.add(10, "S", late=True)
    assert scored.status == "scored"
    assert (scored.rated, scored.unrated, scored.late) == (1, 1, 1)
    assert scored.earned == Fraction(66, 10) and scored.at_stake == 20
    # the quality is over the rated action only (66 %, not 33 %); half is rated: a letter
    assert scored.percent == 66.0 and scored.coverage == Fraction(1, 2)
    assert scored.letter == letter_of(66.0) == "S"
    assert scored.add(10, None, late=False).letter is None  # 1 of 3 rated: letter withheld


@given(st.lists(st.tuples(st.integers(1, 50), st.sampled_from([*RATINGS, None]), st.booleans())))
def test_a_score_counts_every_rating_once_and_na_on_neither_side(
    actions: list[tuple[int, str | None, bool]],
) -> None:
    score = Score()
    for points, rating, late in actions:
        score = score.add(points, rating, late)
    counted = [a for a in actions if a[1] != "N/A"]
    assert score.at_stake == sum(points for points, _, _ in counted)
    assert score.rated == sum(1 for _, rating, _ in counted if rating is not None)
    assert score.unrated == sum(1 for _, rating, _ in counted if rating is None)
    assert sum(score.counts) == sum(1 for _, rating, _ in actions if rating is not None)
    assert score.earned == sum(
        (points * SHARE.get(rating or "U", Fraction(0)) for points, rating, _ in counted),
        Fraction(0),
    )
    assert (score.status == "scored") == (score.rated > 0 and score.at_stake > 0)


def test_score_words_for_each_state() -> None:
    backlog = score_text(Score().add(10, None, late=False), EN)
    # issue 13: quality of what is rated, beside the coverage in actions; unrated is words
    assert (backlog.value(), backlog.with_progress(), backlog.with_letter()) == (
        "—",
        "not rated yet · 0/1",
        "not rated yet · 0 of 1 rated",
    )
    assert backlog.cell() == f"{EN('report.objectives.not_rated')} · 0 of 1 rated"
    none = score_text(Score(), EN)
    assert none.with_progress() == "—"
    assert none.cell() == EN("report.objectives.not_at_stake")
    scored = score_text(Score().add(10, "P", False).add(10, "N/A", False).add(10, None, False), EN)
    assert scored.value() == "100%" and scored.with_letter() == "100% of rated (P) · 1 of 2 rated"
    assert scored.with_progress() == "100% P · 1/2"
    assert scored.cell() == "100% of rated (P) · P 1 · N/A 1 · 1 of 2 rated"
    few = score_text(Score().add(10, "P", False).add(10, None, False).add(10, None, False), EN)
    assert few.letter is None and few.withheld  # 1 of 3 rated: no letter yet
    assert few.with_letter() == "100% of rated · 1 of 3 rated"
    assert few.with_progress() == "100% · 1/3"


@pytest.mark.parametrize(
    ("who", "seat", "text"),
    [
        ("alpha", Seat(team="alpha"), "alpha"),
        ("alpha/ngo", Seat(team="alpha", role="ngo"), "alpha/ngo"),
        ("control", Seat(member="control"), "control"),
        ("evaluator:Anna", Seat(member="evaluator:Anna"), "evaluator:Anna"),
    ],
)
def test_a_seat_reads_back_as_the_log_wrote_it(who: str, seat: Seat, text: str) -> None:
    parsed = Seat.parse(who, {"alpha", "bravo"})
    assert parsed == seat
    assert str(parsed) == text


def test_the_run_view_names_seats_and_tells_the_clock() -> None:
    branching = load_scenario(BRANCHING)
    wall = [0.0]
    session = Session.in_memory(branching, [ALPHA, BRAVO], wall_time=0)
    view = RunView(session, EN, clock=lambda: wall[0])
    assert view.clock_status() == "not_started"
    session.append_many([ClockStarted(), PhaseStarted(phase="day-1")], wall_time=0, who="control")
    wall[0] = 90.0
    assert view.clock_status() == "running"
    assert view.now() == 90 and view.clock_text().endswith("1:30")
    assert view.seat_label("alpha") == "Alpha"
    assert view.seat_label("alpha/ngo") == "Alpha · NGO worker"
    assert view.seat_label("control") == EN("console.control_cell")  # never the log's id
    assert view.character_name(None) == EN("console.control_cell")
    title = view.phase_title("day-1")
    assert title is not None and title.text
