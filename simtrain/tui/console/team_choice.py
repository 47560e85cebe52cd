"""Which teams a deliver, skip or delay dialog offers, and which it ticks: no Textual here.

One key press must never send a branch to the wrong team. So a dialog ticks only the teams for
which the inject is due now (deliver, skip) or on its way (delay; deliver when it is due for
nobody yet), from the engine's due list and each team's state. Every other team is listed with
the reason in words: it chose another option, it already has the inject, it was skipped, none of
its roles is addressed, its condition has not happened. A team the inject is not for can be added
only on purpose (a toggle), and delivering to it asks a second time (:attr:`TeamOption.off_branch`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from simtrain.i18n import Translator
from simtrain.live.run_view import RunView
from simtrain.scenario.conditions import All, AnyOf, Chose, Condition
from simtrain.scenario.durations import format_clock
from simtrain.scenario.model import Inject
from simtrain.session.engine import ScenarioIndex, due_time, holds
from simtrain.session.rules import delayed_until
from simtrain.session.state import TeamState
from simtrain.tui.console.views import DueMap

ChoiceKind = Literal["deliver", "skip", "delay"]

Standing = Literal[
    "due",
    "pending",
    "delayed",
    "delivered",
    "skipped",
    "not_addressed",
    "not_started",
    "branch",
    "waiting",
    "guard",
]
"""Where the inject stands for one team, as the dialog explains it."""

_OPEN: frozenset[Standing] = frozenset({"due", "pending", "delayed"})


@dataclass(frozen=True)
class TeamOption:
    """One team's row in a team dialog."""

    team: str
    name: str
    standing: Standing
    reason: str
    """Why it is or is not ticked, in the interface language."""
    selectable: bool
    preselected: bool
    off_branch: bool
    """Delivering to this team gives it an inject not (or no longer) meant for it: ask twice."""
    scheduled: int | None
    """When the inject would fall due for the team (with any delay), if known."""


@dataclass(frozen=True)
class TeamChoiceView:
    kind: ChoiceKind
    inject: str
    now: int
    options: tuple[TeamOption, ...]

    @property
    def any_selectable(self) -> bool:
        return any(o.selectable for o in self.options)

    def option(self, team: str) -> TeamOption:
        return next(o for o in self.options if o.team == team)


def team_choice(view: RunView, inject: Inject, kind: ChoiceKind, due: DueMap) -> TeamChoiceView:
    """Every team of the session, ticked only where the inject is due (or on its way) for it."""
    session, now = view.session, view.now()
    index, state = session.index, session.state
    k = index.position[inject.id]
    standings: list[tuple[TeamState, Standing, str, int | None]] = []
    for ts in state.teams.values():
        at = due_time(index, state, ts, k)
        standing, reason = _standing(view, index, ts, inject, due, at, now)
        standings.append((ts, standing, reason, at))
    due_somewhere = any(s == "due" for _, s, _, _ in standings)
    options = []
    for ts, standing, reason, at in standings:
        if kind == "deliver":
            ticked = standing == "due" or (not due_somewhere and standing == "pending")
        elif kind == "skip":
            ticked = standing == "due"
        else:
            ticked = standing in _OPEN
        selectable = _selectable(kind, standing)
        options.append(
            TeamOption(
                ts.team.id,
                ts.team.name,
                standing,
                reason,
                selectable,
                ticked and selectable,
                kind == "deliver" and standing not in _OPEN and selectable,
                at,
            )
        )
    return TeamChoiceView(kind, inject.id, now, tuple(options))


def _selectable(kind: ChoiceKind, standing: Standing) -> bool:
    if standing in ("not_addressed", "delivered"):
        return False  # the rules refuse the first; the second is done already
    if standing == "skipped":
        return kind == "deliver"  # delivering a skipped inject is a change of mind
    return True


def _standing(
    view: RunView,
    index: ScenarioIndex,
    ts: TeamState,
    inject: Inject,
    due: DueMap,
    at: int | None,
    now: int,
) -> tuple[Standing, str]:
    t = view.t
    if not ts.team.covers(inject.to):
        return "not_addressed", t("choice.not_addressed")
    delivery = ts.delivered.get(inject.id)
    if delivery is not None:
        return "delivered", t("choice.delivered", time=format_clock(delivery.at))
    skip = ts.skipped.get(inject.id)
    if skip is not None:
        if skip.reason == "guard" and inject.when is not None:
            why = _why_not(view, index, ts, inject.when) or t("choice.guard_false")
            return "skipped", t("choice.skipped_guard", time=format_clock(skip.at), why=why)
        return "skipped", t("choice.skipped", time=format_clock(skip.at))
    if inject.phase not in view.session.state.phases:
        return "not_started", t("choice.not_started")
    entry = due.get((ts.team.id, inject.id))
    guard = inject.when
    if entry is not None:
        guard_false = entry.action == "skip"
    else:  # on its way: would its guard let it through as things stand now?
        guard_false = at is not None and guard is not None and not holds(guard, index, ts, now)
    if guard_false:
        assert guard is not None
        return "guard", _why_not(view, index, ts, guard) or t("choice.guard_false")
    if entry is not None:
        return "due", t("choice.due", time=format_clock(entry.at))
    if at is None:
        assert inject.after is not None
        return "waiting", _why_not(view, index, ts, inject.after) or t("choice.waiting")
    if inject.id in ts.delayed:
        return "delayed", t("choice.delayed", time=format_clock(at))
    return "pending", t("choice.pending", time=format_clock(at))


def _why_not(view: RunView, index: ScenarioIndex, ts: TeamState, condition: Condition) -> str:
    """The branch a team took instead, in words, when ``condition`` asks for another option of a
    decision the team answered ("it chose «Gather intelligence first»"); or that the decision
    is still unanswered. Empty when the condition says nothing of a choice."""
    t = view.t
    for option in _chosen_options(condition):
        decision = index.decision_of.get(option)
        if decision is None:
            continue
        owner = index.injects[index.position[decision]].decision
        assert owner is not None
        taken = [o.id for o in owner.options if o.id in ts.chosen]
        if taken and option not in taken:
            key = f"injects.{decision}.decision.options.{taken[0]}.text"
            return t("choice.chose_other", option=view.text(key).text.strip())
        if not taken:
            title = view.text(f"injects.{decision}.title").text
            return t("choice.not_answered", title=title)
    return ""


def _chosen_options(condition: Condition) -> Iterator[str]:
    """The options a condition asks for (outside any ``not``)."""
    if isinstance(condition, Chose):
        yield condition.chose
    elif isinstance(condition, All | AnyOf):
        for child in condition.all if isinstance(condition, All) else condition.any:
            yield from _chosen_options(child)


# --- what the dialog says as the facilitator ticks and types ----------------------------------


def off_branch_warning(t: Translator, choice: TeamChoiceView, chosen: Sequence[str]) -> str:
    """The second-press warning for teams the inject is not meant for; empty when none is."""
    odd = [choice.option(team) for team in chosen if choice.option(team).off_branch]
    if not odd:
        return ""
    lines = [f"{o.name}: {o.reason}" for o in odd]
    return "\n".join([t("choice.off_branch", count=len(odd)), *lines, t("choice.again")])


def delay_preview(
    view: RunView, choice: TeamChoiceView, chosen: Sequence[str], seconds: int
) -> list[str]:
    """One line per chosen team: where the delay puts the inject ("at 2:00 instead of 1:30")."""
    t, session = view.t, view.session
    lines = []
    for team in chosen:
        option = choice.option(team)
        until = delayed_until(
            session.state, session.index, team, choice.inject, choice.now, seconds
        )
        if option.scheduled is None:
            words = t("choice.preview_unknown", time=format_clock(until))
        else:
            words = t(
                "choice.preview",
                time=format_clock(until),
                was=format_clock(option.scheduled),
            )
        lines.append(f"{option.name}: {words}")
    return lines
