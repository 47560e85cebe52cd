"""Issue 13 (trial C2): a score is the quality of what is rated, beside its coverage; it never
falls because injects were delivered, and no HSEEP letter speaks for a team while little is
rated."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from simtrain.i18n import Translator
from simtrain.live.score_text import score_text
from simtrain.session.hseep import LETTER_MIN_COVERAGE, SHARE, Score

EN, RU = Translator("en"), Translator("ru")

Action = tuple[int, str | None]
actions = st.lists(
    st.tuples(st.integers(1, 50), st.sampled_from(["P", "S", "M", "U", "N/A", None])),
    max_size=30,
)


def scored(items: list[Action]) -> Score:
    score = Score()
    for points, rating in items:
        score = score.add(points, rating, late=False)
    return score


def test_the_trial_team_rated_6_p_5_s_2_m_does_not_read_34_percent_m() -> None:
    # Alpha: P 6, S 5, M 2 and twenty unrated actions; Bravo: rated worse (S 2, P 1 against
    # P 2, S 1 on one objective, here: S 8, M 3), with fewer unrated actions
    alpha = scored([(10, "P")] * 6 + [(10, "S")] * 5 + [(10, "M")] * 2 + [(10, None)] * 20)
    bravo = scored([(10, "S")] * 8 + [(10, "M")] * 3 + [(10, None)] * 2)
    a, b = score_text(alpha, EN), score_text(bravo, EN)
    assert a.percent == "77%" and "34%" not in a.with_letter()  # (60 + 33 + 6.6) / 130
    assert a.letter is None  # 13 of 33 rated: below LETTER_MIN_COVERAGE, no letter at all
    assert a.with_letter() == "77% of rated · 13 of 33 rated"
    assert alpha.percent is not None and bravo.percent is not None
    assert alpha.percent > bravo.percent  # the better-rated team ranks above
    assert b.letter == "S" and b.with_letter() == "57% of rated (S) · 11 of 13 rated"
    ru = score_text(alpha, RU)
    assert ru.with_letter() == "77\u00a0% по оценённым · оценено 13 из 33"  # CLDR: 77 %


def test_one_objective_of_the_trial_ranks_the_better_rated_team_first() -> None:
    # "Alpha 27% M · P 2 · S 1 (3/11)" against "Bravo 35% M · P 1 · S 2 (3/8)"
    alpha = scored([(10, "P"), (10, "P"), (10, "S")] + [(10, None)] * 8)
    bravo = scored([(10, "P"), (10, "S"), (10, "S")] + [(10, None)] * 5)
    assert alpha.percent == 88.7 and bravo.percent == 77.3
    assert alpha.letter is None and bravo.letter is None  # 3 of 11, 3 of 8: too few for a letter


@given(actions, st.integers(1, 50))
def test_delivering_another_inject_never_lowers_the_quality(
    items: list[Action], points: int
) -> None:
    before = scored(items)
    after = before.add(points, None, late=False)
    assert after.percent == before.percent
    assert after.coverage is not None and (
        before.coverage is None or after.coverage <= before.coverage
    )


@given(actions, st.integers(1, 50))
def test_a_p_never_lowers_the_quality(items: list[Action], points: int) -> None:
    before = scored(items)
    after = before.add(points, "P", late=False)
    assert after.percent is not None
    assert before.percent is None or after.percent >= before.percent


@given(actions, st.integers(1, 50), st.sampled_from(["P", "S", "M", "U"]))
def test_only_a_rating_worse_than_the_quality_lowers_it(
    items: list[Action], points: int, rating: str
) -> None:
    before = scored(items)
    after = before.add(points, rating, late=False)
    if before.percent is not None and after.percent is not None and after.percent < before.percent:
        assert float(SHARE[rating] * 100) < before.percent


@given(actions)
def test_without_an_m_or_u_the_quality_stays_at_s_or_above(items: list[Action]) -> None:
    kept = [(p, r) for p, r in items if r not in ("M", "U")]
    score = scored(kept)
    assert score.percent is None or score.percent >= 66.0
    assert score.letter in (None, "P", "S")


@given(actions, st.booleans())
def test_lateness_never_changes_the_quality(items: list[Action], late: bool) -> None:
    plain = scored(items)
    marked = Score()
    for points, rating in items:
        marked = marked.add(points, rating, late=late)
    assert (marked.percent, marked.letter, marked.rated) == (
        plain.percent,
        plain.letter,
        plain.rated,
    )


@given(actions)
def test_a_letter_only_with_enough_rated(items: list[Action]) -> None:
    score = scored(items)
    if score.letter is not None:
        assert score.coverage is not None and score.coverage >= LETTER_MIN_COVERAGE
        assert score_text(score, EN).with_letter().count("(") == 1
    text = score_text(score, EN)
    assert "0%" not in text.with_progress() or score.rated  # unrated is words, never 0 %
