"""Driving a session through a script's steps on a virtual clock, as a control cell would.

The runner is a client of :class:`Session` like the console: it appends the events a person at the
control cell would append, and lets the session's own tick append what falls due by itself. A
failed check is recorded and the run goes on; a step that cannot be carried out (delivering what is
not due, going back in time, or anything the session refuses) ends the run, as it would stop a real
control cell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from simtrain.errors import KeyedError, shown_params
from simtrain.i18n import Translator, format_percent
from simtrain.rehearse.script import (
    Advance,
    At,
    Check,
    Choose,
    Deliver,
    Expectations,
    LoadedScript,
    Note,
    Rate,
    SkipInject,
    StartPhase,
    Step,
    WriteReport,
)
from simtrain.scenario.durations import format_clock
from simtrain.scenario.loader import LoadedScenario
from simtrain.session import events as ev
from simtrain.session.hseep import Score
from simtrain.session.session import Session
from simtrain.session.store import SessionError

WHO = "control"
"""Who the script's steps are appended as: they are what a control cell would do."""
TICKER = "auto"
"""Who appends what falls due by itself (auto channels, guard skips)."""


class StepFailed(KeyedError):
    """A step that could not be carried out, or a check that did not hold."""

    PREFIX: ClassVar[str] = "rehearse.fail"

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key, **params)
        self.hint: WaitsForControl | None = None

    def render(self, t: Callable[..., str]) -> str:
        text = super().render(t) if self.key not in _PERCENT_KEYS else self._percents(t)
        return text if self.hint is None else f"{text}; {self.hint.render(t)}"

    def _percents(self, t: Callable[..., str]) -> str:
        """A score check's percentages as the language writes them (``60,4%``, ``60,4 %``)."""
        lang = getattr(t, "lang", "en")
        params = {
            name: "-" if value is None else format_percent(float(value), lang, 1)
            if name in ("actual", "expected") else value
            for name, value in self.params.items()
        }  # fmt: skip
        return str(t(self.message_key, **shown_params(params)))


_PERCENT_KEYS = ("score", "objective_score")


class WaitsForControl(KeyedError):
    """Why an inject never reached a team: it waits for the control cell, which no step played."""

    PREFIX: ClassVar[str] = "rehearse.hint"

    def render(self, t: Callable[..., str]) -> str:
        params = dict(self.params)
        how = params.pop("how")
        params["how"] = t(f"channels.{how}") if how != "delivery" else "delivery: confirm"
        return str(t(f"{self.PREFIX}.{self.key}", **shown_params(params)))


@dataclass(frozen=True)
class Failure:
    """What went wrong at which step (``FILE:LINE``): a step or check, or the session's refusal."""

    where: str
    error: StepFailed | SessionError

    def message(self, t: Translator) -> str:
        return self.error.render(t)

    def render(self, t: Translator) -> str:
        return f"{self.where}: {t('rehearse.failed')}: {self.message(t)}"


@dataclass
class RunResult:
    session: Session
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


class Runner:
    """Drives a :class:`Session` on a virtual clock: wall time 0 is exercise time 0, speed 1."""

    def __init__(
        self,
        loaded: LoadedScenario,
        teams: Sequence[ev.Team],
        *,
        auto_confirm: bool = False,
        content_lang: str | None = None,
    ) -> None:
        self.session = Session.in_memory(loaded, teams, content_lang, wall_time=0.0, who=WHO)
        self.auto_confirm = auto_confirm
        self.wall = 0
        first = loaded.scenario.phases[0].id
        self.session.append_many(
            [ev.ClockStarted(), ev.PhaseStarted(phase=first)], wall_time=0.0, who=WHO
        )
        self.settle()

    @property
    def now(self) -> int:
        return self.session.now(self.wall)

    def settle(self) -> list[ev.Recorded]:
        """Everything that happens by itself at the current moment (and, with auto-confirm, what a
        control cell would confirm at once)."""
        written: list[ev.Recorded] = []
        while True:
            batch = self.session.tick(self.wall, who=TICKER)
            if self.auto_confirm:
                confirm = [
                    ev.InjectDelivered(team=d.team, inject=d.inject)
                    for d in self.session.due(self.now)
                    if d.action == "confirm"
                ]
                if confirm:
                    batch += self.session.append_many(confirm, wall_time=self.wall, who=WHO)
            if not batch:
                return written
            written += batch

    def advance_to(self, target: int) -> None:
        """Move the clock to ``target``, stopping at every moment something falls due."""
        self.settle()
        while True:
            upcoming = self.session.engine.next_due_at(self.session.state)
            if upcoming is None or upcoming > target:
                break
            self.wall = upcoming
            self.settle()
        self.wall = max(self.wall, target)
        self.settle()

    def append(self, event: ev.Event) -> ev.Recorded:
        recorded = self.session.append(event, wall_time=self.wall, who=WHO)
        self.settle()
        return recorded

    def due_for(self, inject: str, team: str | None) -> list[ev.Team]:
        """Teams for which ``inject`` is due now (and not a guard skip)."""
        waiting = {
            d.team for d in self.session.due(self.now) if d.inject == inject and d.action != "skip"
        }
        return [t for t in self.session.teams if t.id in waiting and team in (None, t.id)]


def run_script(loaded: LoadedScenario, script: LoadedScript) -> RunResult:
    """Run every step; a failed check is recorded and the run goes on, a step that cannot be
    carried out (delivering what is not due) ends it."""
    spec = script.script
    teams = [ev.Team(id=t.id, name=t.name or t.id, roles=t.roles) for t in spec.teams]
    runner = Runner(loaded, teams, auto_confirm=spec.auto_confirm)
    result = RunResult(runner.session)
    for k, step in enumerate(spec.steps):
        try:
            failures = _step(runner, step)
        except (StepFailed, SessionError) as error:
            result.failures.append(Failure(script.where(k), error))
            break
        result.failures += [Failure(script.where(k), failed) for failed in failures]
    return result


def _step(runner: Runner, step: Step) -> list[StepFailed]:
    """Carry out one step; a check returns what did not hold, anything else raises."""
    session = runner.session
    match step:
        case Advance(advance=seconds):
            runner.advance_to(runner.now + seconds)
        case At(at=target):
            if target < runner.now:
                raise StepFailed("time_backwards", time=format_clock(target), now=_now(runner))
            runner.advance_to(target)
        case StartPhase(phase=phase):
            runner.append(ev.PhaseStarted(phase=phase))
        case Deliver(deliver=inject, team=team):
            for due in _due_for(runner, inject, team):
                runner.append(ev.InjectDelivered(team=due.id, inject=inject))
        case SkipInject(skip=inject, team=team):
            for due in _due_for(runner, inject, team):
                runner.append(ev.InjectSkipped(team=due.id, inject=inject, reason="control"))
        case Rate():
            inject = session.index.expect[step.rate][0].id
            _require_delivered(runner, inject, step.team)
            runner.append(
                ev.RatingGiven(
                    team=step.team,
                    expect=step.rate,
                    rating=step.rating,
                    note=step.note,
                    evaluator=step.by or step.evaluator or WHO,
                    acted_at=_acted_at(runner, step, inject),
                )
            )
        case Choose(choose=option, team=team):
            _require_delivered(runner, session.index.decision_of[option], team)
            runner.append(ev.DecisionRecorded(team=team, option=option))
        case Note(note=text, team=team):
            runner.append(ev.NoteAdded(text=text, team=team, author=WHO))
        case WriteReport(report=text, team=team):
            runner.append(ev.TeamReport(team=team, text=text))
        case Check(check=spec):
            return _check(runner, spec)
    return []


def _now(runner: Runner) -> str:
    return format_clock(runner.now, with_seconds=runner.now % 60 != 0)


def _due_for(runner: Runner, inject: str, team: str | None) -> list[ev.Team]:
    """The teams a deliver or skip step acts for; none is a failed step."""
    teams = runner.due_for(inject, team)
    if not teams:
        if team is None:
            raise StepFailed("not_due_any", inject=inject, time=_now(runner))
        raise StepFailed("not_due", inject=inject, team=team, time=_now(runner))
    return teams


class ScriptRateFailed(StepFailed):
    """A rating step whose ``acted_at`` or coverage check does not hold (keys of its own)."""

    PREFIX: ClassVar[str] = "scores.rehearse"


def _acted_at(runner: Runner, step: Rate, inject: str) -> int | None:
    """``acted_at:`` as written; a script is exact, so a time after the step or before the
    delivery is a failed step rather than moved (the console moves it and says so)."""
    if step.acted_at is None:
        return None
    delivered = runner.session.state.teams[step.team].delivered[inject].at
    if step.acted_at > runner.now:
        raise ScriptRateFailed(
            "acted_after_now", time=format_clock(step.acted_at), now=_now(runner)
        )
    if step.acted_at < delivered:
        raise ScriptRateFailed(
            "acted_before_delivery",
            time=format_clock(step.acted_at),
            delivered=format_clock(delivered),
        )
    return step.acted_at


def _require_delivered(runner: Runner, inject: str, team: str) -> None:
    """A rating or a decision answers an inject, so the team must have been delivered it."""
    if inject not in runner.session.state.teams[team].delivered:
        raise _hinted(
            runner, StepFailed("not_delivered_to", inject=inject, team=team), team, inject
        )


def _hinted(runner: Runner, failed: StepFailed, team: str, inject: str) -> StepFailed:
    """``failed``, with a hint when ``inject`` (or, failing that, an earlier inject the team's
    branch may hang on) is due but waits for the control cell's confirmation: a script without
    ``auto_confirm`` must confirm each with a ``deliver:`` step."""
    session = runner.session
    waiting = sorted(
        (d for d in session.due(runner.now) if d.team == team and d.action == "confirm"),
        key=lambda d: (d.inject != inject, d.at, session.index.position[d.inject]),
    )
    if waiting:
        first = session.index.injects[session.index.position[waiting[0].inject]]
        how = "delivery" if first.delivery == "confirm" else first.channel
        failed.hint = WaitsForControl("waits_for_control", inject=first.id, how=how)
    return failed


def _check(runner: Runner, spec: Expectations) -> list[StepFailed]:
    session = runner.session
    ts = session.state.teams[spec.team]
    team = spec.team
    failures = [
        _hinted(runner, StepFailed("expected_delivered", team=team, inject=inject), team, inject)
        for inject in spec.delivered
        if inject not in ts.delivered
    ]
    failures += [
        StepFailed(
            "expected_not_delivered",
            team=team,
            inject=inject,
            time=format_clock(ts.delivered[inject].at),
        )
        for inject in spec.not_delivered
        if inject in ts.delivered
    ]
    failures += [
        StepFailed("expected_skipped", team=team, inject=inject)
        for inject in spec.skipped
        if inject not in ts.skipped
    ]
    waiting = {
        d.inject for d in session.due(runner.now) if d.team == team and d.action == "confirm"
    }
    failures += [
        StepFailed("expected_waiting", team=team, inject=inject)
        for inject in spec.waiting
        if inject not in waiting
    ]
    return failures + _check_scores(session, spec)


def _check_scores(session: Session, spec: Expectations) -> list[StepFailed]:
    team = spec.team
    scores = session.scores()[team]
    failures = []
    if spec.score is not None and not _close(scores.total, spec.score):
        actual = scores.total.percent
        failures.append(StepFailed("score", team=team, actual=actual, expected=spec.score))
    for objective, expected in spec.by_objective.items():
        score = scores.by_objective.get(objective, Score())
        if not _close(score, expected):
            failures.append(
                StepFailed(
                    "objective_score",
                    team=team,
                    objective=objective,
                    actual=score.percent,
                    expected=expected,
                )
            )
    total = scores.total
    if spec.rated is not None and total.rated != spec.rated:
        failures.append(
            ScriptRateFailed(
                "rated", team=team, actual=total.rated, count=total.at_stake_actions,
                expected=spec.rated,
            )
        )  # fmt: skip
    return failures


def _close(score: Score, expected: float) -> bool:
    percent = score.percent
    return percent is not None and abs(percent - expected) < 0.05 + 1e-9
