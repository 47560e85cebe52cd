"""Ratings as the report lists them: every rating an action got, who gave it, and whether the
evaluators disagree, plus the late responses reported apart from the ratings.

Several evaluators may rate one action (an evaluator beside each team, the director at the
console): the latest rating counts, and every one stays in the report with who gave it and when
they said the team acted, so a debrief can see where evaluators saw things differently.
"""

from __future__ import annotations

from simtrain.live.score_text import disagreement
from simtrain.report.aar_model import Finding, RatingEntry, TeamSection
from simtrain.session.state import TeamState


def rating_entries(ts: TeamState, expect: str) -> tuple[list[RatingEntry], bool]:
    """Every rating of ``expect`` for the team, oldest first, and whether evaluators disagree."""
    history = ts.ratings.get(expect, ())
    entries = [RatingEntry(r.rating, r.evaluator, r.at, r.response_at, r.note) for r in history]
    return entries, bool(disagreement(history))


def late_findings(sections: list[TeamSection], order: dict[str, int]) -> list[Finding]:
    """Rated actions answered after their window, whatever the rating, in objective order then
    time: the report's list of lateness, kept apart from strengths and areas for improvement."""
    late = [
        Finding(
            row.objective,
            section.id,
            row.expect,
            row.text,
            row.role,
            row.rating,
            row.note,
            row.evaluator,
            row.rated_at,
            row.response_time,
            row.within,
            row.late,
        )
        for section in sections
        for row in section.actions
        if row.late and row.rating is not None and row.rated_at is not None
    ]
    late.sort(key=lambda f: (order.get(f.objective, len(order)), f.at))
    return late
