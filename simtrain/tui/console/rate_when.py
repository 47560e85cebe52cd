"""What the rating dialog needs besides the ratings: when the team acted, and where evaluators
disagree. Pure (no Textual), tested without a terminal.

The dialog asks when the team acted (:mod:`simtrain.live.acted_at` reads the answer) so the
response time runs from the delivery to the team's action, not to the moment someone pressed
``r``; it offers the team's reports as evidence of that moment, newest first. Where two
evaluators' latest ratings of an action differ, each action shows who said what, when.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from simtrain.live.acted_at import ActedAt, Clock, describe, parse_acted_at, session_clock
from simtrain.live.run_view import RunView
from simtrain.live.score_text import disagreement, disagreement_text
from simtrain.session.state import LoggedText
from simtrain.tui.console.inject_views import RateView
from simtrain.tui.console.views import one_line


@dataclass(frozen=True)
class RateWhen:
    clock: Clock
    delivered_at: Mapping[str, int]
    """By team id: when the inject reached the team."""
    reports: Mapping[str, tuple[LoggedText, ...]]
    """By team id: its reports, newest first (the evidence to pick from)."""
    differ: Mapping[str, Mapping[str, str]]
    """By team id, by expected action: ``S by Maria at 1·2:10, M by Oleg at 1·2:14`` where
    evaluators' latest ratings differ (absent where they agree)."""

    def evidence(self, team: str, t_label: str) -> list[tuple[str, str]]:
        """(label, ``#SEQ``) of each report of the team, for the evidence picker."""
        return [
            (
                t_label.format(seq=r.seq, time=self.clock.text(r.at), text=one_line(r.text, 60)),
                f"#{r.seq}",
            )
            for r in self.reports.get(team, ())
        ]

    def read(self, team: str, text: str) -> ActedAt:
        delivered = self.delivered_at.get(team, 0)
        return parse_acted_at(text, self.clock, delivered, self.reports.get(team, ()))

    def preview(self, team: str, text: str, t: Callable[..., str]) -> str:
        """What the dialog shows under the field: the time read, or why it is no time."""
        return describe(self.read(team, text), self.clock, self.delivered_at.get(team, 0), t)


def rate_when(view: RunView, rate: RateView) -> RateWhen:
    """The acted-at side of ``rate``'s dialog: the clock, each team's delivery of the inject
    (a scenario inject or an ad-hoc one), its reports, and the disagreements per action."""
    session = view.session
    state = session.state
    clock = session_clock(view.now(), session.index.phase_order, state.phases)
    delivered: dict[str, int] = {}
    reports: dict[str, tuple[LoggedText, ...]] = {}
    differ: dict[str, dict[str, str]] = {}
    adhoc = state.adhoc.get(rate.inject)
    for tid, _ in rate.teams:
        ts = state.teams[tid]
        record = ts.delivered.get(rate.inject)
        delivered[tid] = record.at if record is not None else adhoc.at if adhoc else 0
        reports[tid] = tuple(reversed(ts.reports))
        lines = {}
        for action, _ in rate.actions:
            differing = disagreement(ts.ratings.get(action, ()))
            if differing:
                lines[action] = view.t(
                    "scores.disagree",
                    ratings=disagreement_text(differing, clock.text, view.t),
                )
        differ[tid] = lines
    return RateWhen(clock, delivered, reports, differ)
