"""What the rating dialog says of each expected action before it is rated: the objective it
serves (its ``short:`` label), its points and its window, with the deadline for the team shown.

Headless (no Textual): the console's rating dialog and the evaluator's seat word it alike.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from simtrain.live.acted_at import Clock, session_clock
from simtrain.live.run_view import RunView


@dataclass(frozen=True)
class ActionTerms:
    """One expected action's terms as the scenario (or an ad-hoc inject) sets them."""

    id: str
    objective: str
    points: int
    within: int | None = None


def deadline_text(view: RunView, clock: Clock, delivered_at: int | None, within: int | None) -> str:
    """``within 30 min of delivery, by 1·0:40``; without a window, ``no deadline``."""
    t = view.t
    if within is None:
        return t("readable.rate_no_window")
    window = t.span(within)
    if delivered_at is None:
        return t("readable.rate_window_undelivered", window=window)
    return t("readable.rate_window", window=window, deadline=clock.text(delivered_at + within))


def facts(
    view: RunView, actions: Sequence[ActionTerms], delivered: Mapping[str, int | None]
) -> dict[str, tuple[str, ...]]:
    """By team id: one line per action, in the order of ``actions``."""
    t, session = view.t, view.session
    clock = session_clock(view.now(), session.index.phase_order, session.state.phases)
    return {
        team: tuple(
            t(
                "readable.rate_facts",
                objective=view.objective_label(a.objective).text,
                points=a.points,
                window=deadline_text(view, clock, at, a.within),
            )
            for a in actions
        )
        for team, at in delivered.items()
    }
