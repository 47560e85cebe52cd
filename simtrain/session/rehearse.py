"""Rehearsing a scenario without a room full of people: scripted runs and an exploration.

A rehearsal script (``scenarios/<id>/rehearsals/*.yaml``) names teams and the roles each covers,
then steps on a virtual clock: advance the clock, start a phase, deliver or skip an inject, rate an
expected action, record a decision, add a note or a team report, and check what each team was
delivered or skipped and how it scored. The run goes through a real :class:`Session` (kept in
memory, or written to a file with ``--session``), so a rehearsal exercises exactly the code a live
exercise does; the virtual clock runs at speed 1 from wall time 0 and jumps straight to each moment
something falls due, so a day of exercise time costs milliseconds.

:func:`explore` answers the author's other question, "is every branch of my scenario playable?": it
runs the scenario for one team covering every role, and at each decision tries every option and at
each expected action a condition tests tries both a P and a U rating, and lists what no path
reaches.

Scripts are read only through :mod:`simtrain.yamlio` and validated with pydantic; problems are
placed at ``FILE:LINE:COL`` like a scenario's.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, ValidationError

from simtrain import yamlio
from simtrain.i18n import Translator
from simtrain.scenario.conditions import references
from simtrain.scenario.durations import format_clock
from simtrain.scenario.ids import Id
from simtrain.scenario.loader import LoadedScenario, _describe, _drop_echoes, place
from simtrain.scenario.model import Duration, Scenario
from simtrain.scenario.problems import Problem, suggest
from simtrain.session import events as ev
from simtrain.session.scoring import Score
from simtrain.session.session import Session
from simtrain.session.store import SessionError

REHEARSALS_DIR = "rehearsals"
WHO = "control"
"""Who the script's steps are appended as: they are what a control cell would do."""
TICKER = "auto"
"""Who appends what falls due by itself (auto channels, guard skips)."""

_FROZEN = ConfigDict(frozen=True, extra="forbid")


# --- the script ----------------------------------------------------------------------------------


class ScriptTeam(BaseModel):
    model_config = _FROZEN
    id: Id
    name: str | None = None
    roles: tuple[Id, ...] = Field(min_length=1)


class Advance(BaseModel):
    """Move the clock forward; everything that falls due on the way happens at its moment."""

    model_config = _FROZEN
    advance: Duration


class At(BaseModel):
    """Move the clock to an absolute exercise time, e.g. ``at: "1:30"``."""

    model_config = _FROZEN
    at: Duration


class StartPhase(BaseModel):
    model_config = _FROZEN
    phase: Id


class Deliver(BaseModel):
    """The control cell confirms an inject that is due (for one team, or each it is due for)."""

    model_config = _FROZEN
    deliver: Id
    team: Id | None = None


class Skip(BaseModel):
    model_config = _FROZEN
    skip: Id
    team: Id | None = None


class Rate(BaseModel):
    model_config = _FROZEN
    rate: Id
    team: Id
    rating: ev.Rating
    note: str = ""
    evaluator: str = ""


class Choose(BaseModel):
    model_config = _FROZEN
    choose: Id
    team: Id


class Note(BaseModel):
    model_config = _FROZEN
    note: str = Field(min_length=1)
    team: Id | None = None


class Report(BaseModel):
    model_config = _FROZEN
    report: str = Field(min_length=1)
    team: Id


class Expectations(BaseModel):
    model_config = _FROZEN
    team: Id
    delivered: tuple[Id, ...] = ()
    not_delivered: tuple[Id, ...] = ()
    skipped: tuple[Id, ...] = ()
    waiting: tuple[Id, ...] = ()
    """Due and waiting for the control cell's confirmation."""
    score: float | None = Field(default=None, ge=0, le=100)
    by_objective: dict[Id, float] = Field(default_factory=dict)


class Check(BaseModel):
    model_config = _FROZEN
    check: Expectations


STEP_KINDS = (
    "advance",
    "at",
    "phase",
    "deliver",
    "skip",
    "rate",
    "choose",
    "note",
    "report",
    "check",
)


def _step_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        found = [key for key in STEP_KINDS if key in value]
        if "rate" in found and "note" in found:
            found.remove("note")  # a rating's comment, not a note step
        return found[0] if len(found) == 1 else None
    return _STEP_TAGS.get(type(value))


Step = Annotated[
    Annotated[Advance, Tag("advance")]
    | Annotated[At, Tag("at")]
    | Annotated[StartPhase, Tag("phase")]
    | Annotated[Deliver, Tag("deliver")]
    | Annotated[Skip, Tag("skip")]
    | Annotated[Rate, Tag("rate")]
    | Annotated[Choose, Tag("choose")]
    | Annotated[Note, Tag("note")]
    | Annotated[Report, Tag("report")]
    | Annotated[Check, Tag("check")],
    Discriminator(_step_kind, custom_error_type="step", custom_error_message="not a step"),
]

_STEP_TAGS: dict[type, str] = {
    Advance: "advance",
    At: "at",
    StartPhase: "phase",
    Deliver: "deliver",
    Skip: "skip",
    Rate: "rate",
    Choose: "choose",
    Note: "note",
    Report: "report",
    Check: "check",
}


class Script(BaseModel):
    """A rehearsal: the teams and what happens, step by step."""

    model_config = _FROZEN
    teams: tuple[ScriptTeam, ...] = Field(min_length=1)
    auto_confirm: bool = False
    """Confirm every inject a person plays as soon as it is due, as a tireless control cell."""
    steps: tuple[Step, ...] = ()


_SCRIPT_FIELDS = frozenset(
    {"teams", "auto_confirm", "steps", "id", "name", "roles", *STEP_KINDS}
    | set(Rate.model_fields)
    | set(Expectations.model_fields)
)


@dataclass(frozen=True)
class LoadedScript:
    script: Script
    file: Path
    step_lines: tuple[int, ...]

    def where(self, step: int) -> str:
        return f"{self.file}:{self.step_lines[step]}"


class ScriptError(Exception):
    """A script that cannot be run: its problems, placed at ``FILE:LINE:COL``."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].key if problems else "invalid")
        self.problems = problems


def _describe_script(error: Any) -> Problem:
    if error["type"] == "step":
        return Problem(
            "error",
            "rehearse.problems.not_a_step",
            {"kinds": ", ".join(STEP_KINDS)},
            path=error["loc"],
        )
    problem = _describe(error)
    if problem.key == "unknown_key":
        key = str(problem.params.get("key", ""))
        return Problem(
            "error",
            "unknown_key",
            {"key": key, "suggestion": suggest(key, _SCRIPT_FIELDS)},
            path=problem.path,
            on_key=True,
        )
    return problem


def render_problem(problem: Problem, t: Translator) -> str:
    """Scenario-style problems render with ``problems.*``; the rehearsal's own under its key."""
    if not problem.key.startswith("rehearse."):
        return problem.render(t)
    where = problem.where()
    message = f"{t(f'severity.{problem.severity}')}: {t(problem.key, **problem.params)}"
    if problem.params.get("suggestion"):
        message += " " + t("problems.did_you_mean", suggestion=problem.params["suggestion"])
    return f"{where}: {message}" if where else message


def load_script(file: Path, scenario: Scenario) -> LoadedScript:
    """A script, validated against its scenario's roles; raises :class:`ScriptError`."""
    try:
        text = yamlio.decode(yamlio.read_bytes(file))
        data = yamlio.loads(text)
    except yamlio.YamlProblem as problem:
        raise ScriptError(
            [
                Problem(
                    "error",
                    f"yaml.{problem.key}",
                    dict(problem.params),
                    file,
                    problem.line,
                    problem.column,
                )
            ]
        ) from None
    if not isinstance(data, dict):
        raise ScriptError([Problem("error", "rehearse.problems.not_a_script", {}, file, 1, 1)])
    try:
        script = Script.model_validate(data)
    except ValidationError as error:
        problems = _drop_echoes([_describe_script(e) for e in error.errors(include_url=False)])
        raise ScriptError(place(problems, file, text)) from None
    problems = list(_cross_check(script, scenario))
    if problems:
        raise ScriptError(place(problems, file, text))
    root = yamlio.compose(text)
    lines = tuple(yamlio.locate(root, ("steps", k)).line for k in range(len(script.steps)))
    return LoadedScript(script, file, lines)


def _cross_check(script: Script, scenario: Scenario) -> Iterator[Problem]:
    roles = {r.id for r in scenario.roles}
    known: dict[str, set[str]] = {
        "inject": {j.id for j in scenario.injects},
        "expect": {a.id for j in scenario.injects for a in j.expect},
        "option": {o.id for j in scenario.injects if j.decision for o in j.decision.options},
        "phase": {p.id for p in scenario.phases},
        "objective": {o.id for o in scenario.objectives},
    }
    teams: set[str] = set()
    for i, spec in enumerate(script.teams):
        if spec.id in teams:
            yield Problem(
                "error",
                "rehearse.problems.duplicate_team",
                {"id": spec.id},
                path=("teams", i, "id"),
            )
        teams.add(spec.id)
        for k, role in enumerate(spec.roles):
            if role not in roles:
                yield _unknown("role", role, roles, ("teams", i, "roles", k))
    for s, step in enumerate(script.steps):
        refs: list[tuple[str, str, tuple[str | int, ...]]] = []
        team = getattr(step, "team", None)
        if isinstance(step, Check):
            team = step.check.team
            refs += [
                ("inject", j, ("check", name, n))
                for name in ("delivered", "not_delivered", "skipped", "waiting")
                for n, j in enumerate(getattr(step.check, name))
            ]
            refs += [
                ("objective", o, ("check", "by_objective", o)) for o in step.check.by_objective
            ]
        elif isinstance(step, Deliver | Skip):
            refs.append(
                (
                    "inject",
                    step.deliver if isinstance(step, Deliver) else step.skip,
                    ("deliver" if isinstance(step, Deliver) else "skip",),
                )
            )
        elif isinstance(step, Rate):
            refs.append(("expect", step.rate, ("rate",)))
        elif isinstance(step, Choose):
            refs.append(("option", step.choose, ("choose",)))
        elif isinstance(step, StartPhase):
            refs.append(("phase", step.phase, ("phase",)))
        if team is not None and team not in teams:
            where = ("check", "team") if isinstance(step, Check) else ("team",)
            yield _unknown("team", team, teams, ("steps", s, *where))
        for kind, ident, where_in_step in refs:
            if ident not in known[kind]:
                yield _unknown(kind, ident, known[kind], ("steps", s, *where_in_step))


def _unknown(kind: str, ident: str, known: set[str], path: tuple[str | int, ...]) -> Problem:
    return Problem(
        "error",
        f"rehearse.problems.unknown_{kind}",
        {"id": ident, "suggestion": suggest(ident, sorted(known))},
        path=path,
    )


def find_scripts(folder: Path) -> list[Path]:
    """The rehearsal scripts that travel with a scenario, in name order."""
    return sorted((folder / REHEARSALS_DIR).glob("*.yaml"))


# --- running -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Failure:
    where: str
    key: str
    params: dict[str, Any]

    def message(self, t: Translator) -> str:
        if self.key == "session":
            return t(f"session.{self.params['key']}", **self.params)
        return t(f"rehearse.fail.{self.key}", **self.params)

    def render(self, t: Translator) -> str:
        return f"{self.where}: {t('rehearse.failed')}: {self.message(t)}"


class StepFailed(Exception):
    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


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
        except StepFailed as failed:
            result.failures.append(Failure(script.where(k), failed.key, failed.params))
            break
        except SessionError as error:
            params = {"key": error.key, **error.params}
            result.failures.append(Failure(script.where(k), "session", params))
            break
        result.failures += [Failure(script.where(k), key, params) for key, params in failures]
    return result


def _step(runner: Runner, step: Any) -> list[tuple[str, dict[str, Any]]]:
    session = runner.session
    clock = format_clock(runner.now, with_seconds=runner.now % 60 != 0)
    if isinstance(step, Advance):
        runner.advance_to(runner.now + step.advance)
    elif isinstance(step, At):
        if step.at < runner.now:
            raise StepFailed("time_backwards", time=format_clock(step.at), now=clock)
        runner.advance_to(step.at)
    elif isinstance(step, StartPhase):
        runner.append(ev.PhaseStarted(phase=step.phase))
    elif isinstance(step, Deliver | Skip):
        inject = step.deliver if isinstance(step, Deliver) else step.skip
        teams = runner.due_for(inject, step.team)
        if not teams:
            if step.team is None:
                raise StepFailed("not_due_any", inject=inject, time=clock)
            raise StepFailed("not_due", inject=inject, team=step.team, time=clock)
        for team in teams:
            if isinstance(step, Deliver):
                runner.append(ev.InjectDelivered(team=team.id, inject=inject))
            else:
                runner.append(ev.InjectSkipped(team=team.id, inject=inject, reason="control"))
    elif isinstance(step, Rate):
        owner = session.index.expect[step.rate][0].id
        if owner not in session.state.teams[step.team].delivered:
            raise StepFailed("not_delivered_to", inject=owner, team=step.team)
        runner.append(
            ev.RatingGiven(
                team=step.team,
                expect=step.rate,
                rating=step.rating,
                note=step.note,
                evaluator=step.evaluator or WHO,
            )
        )
    elif isinstance(step, Choose):
        owner = session.index.decision_of[step.choose]
        if owner not in session.state.teams[step.team].delivered:
            raise StepFailed("not_delivered_to", inject=owner, team=step.team)
        runner.append(ev.DecisionRecorded(team=step.team, option=step.choose))
    elif isinstance(step, Note):
        runner.append(ev.NoteAdded(text=step.note, team=step.team, author=WHO))
    elif isinstance(step, Report):
        runner.append(ev.TeamReport(team=step.team, text=step.report))
    elif isinstance(step, Check):
        return _check(runner, step.check)
    return []


def _check(runner: Runner, spec: Expectations) -> list[tuple[str, dict[str, Any]]]:
    session = runner.session
    ts = session.state.teams[spec.team]
    failures: list[tuple[str, dict[str, Any]]] = []
    team = spec.team
    for inject in spec.delivered:
        if inject not in ts.delivered:
            failures.append(("expected_delivered", {"team": team, "inject": inject}))
    for inject in spec.not_delivered:
        if inject in ts.delivered:
            at = format_clock(ts.delivered[inject].at)
            failures.append(
                ("expected_not_delivered", {"team": team, "inject": inject, "time": at})
            )
    for inject in spec.skipped:
        if inject not in ts.skipped:
            failures.append(("expected_skipped", {"team": team, "inject": inject}))
    waiting = {
        d.inject for d in session.due(runner.now) if d.team == team and d.action == "confirm"
    }
    for inject in spec.waiting:
        if inject not in waiting:
            failures.append(("expected_waiting", {"team": team, "inject": inject}))
    scores = session.scores()[team]
    if spec.score is not None and not _close(scores.total, spec.score):
        failures.append(
            ("score", {"team": team, "actual": _pct(scores.total), "expected": spec.score})
        )
    for objective, expected in spec.by_objective.items():
        actual = scores.by_objective.get(objective, Score())
        if not _close(actual, expected):
            failures.append(
                (
                    "objective_score",
                    {
                        "team": team,
                        "objective": objective,
                        "actual": _pct(actual),
                        "expected": expected,
                    },
                )
            )
    return failures


def _close(score: Score, expected: float) -> bool:
    percent = score.percent
    return percent is not None and abs(percent - expected) < 0.05 + 1e-9


def _pct(score: Score) -> str:
    return "-" if score.percent is None else f"{score.percent:g}"


# --- reporting a run -----------------------------------------------------------------------------


def clock_text(seconds: int) -> str:
    """``H:MM``, or ``H:MM:SS`` when the seconds matter: readable, and parseable as a duration."""
    return format_clock(seconds, with_seconds=seconds % 60 != 0)


def result_json(result: RunResult, t: Translator, script: Path | None = None) -> dict[str, Any]:
    """The machine-readable outcome: what each team was delivered and skipped, and its score."""
    session = result.session
    scores = session.scores()
    teams: dict[str, Any] = {}
    for team_id, ts in session.state.teams.items():
        delivered = sorted(ts.delivered.values(), key=lambda d: d.seq)
        skipped = sorted(ts.skipped.values(), key=lambda s: s.seq)
        total = scores[team_id]
        teams[team_id] = {
            "roles": list(ts.team.roles),
            "delivered": [{"inject": d.inject, "at": clock_text(d.at)} for d in delivered],
            "skipped": [
                {"inject": s.inject, "at": clock_text(s.at), "reason": s.reason} for s in skipped
            ],
            "score": {
                "percent": total.total.percent,
                "by_objective": {o: s.percent for o, s in total.by_objective.items()},
                "by_role": {r: s.percent for r, s in total.by_role.items()},
            },
        }
    data: dict[str, Any] = {"scenario": session.scenario.id}
    if script is not None:
        data["script"] = str(script)
    data["ok"] = result.ok
    data["failures"] = [{"step": f.where, "message": f.message(t)} for f in result.failures]
    data["teams"] = teams
    return data


def timeline(result: RunResult, t: Translator) -> Iterator[str]:
    """Each team's run in time order, as a facilitator would read it back."""
    session = result.session
    scores = session.scores()
    for team in session.teams:
        yield t("rehearse.team_header", team=team.id, name=team.name, roles=", ".join(team.roles))
        for recorded in session.log:
            line = _timeline_line(session, team.id, recorded, t)
            if line:
                yield f"  {clock_text(recorded.at):>7}  {line}"
        yield "  " + _score_line(scores[team.id].total, scores[team.id].by_objective, t)


def _timeline_line(session: Session, team: str, r: ev.Recorded, t: Translator) -> str | None:
    e = r.event
    if isinstance(e, ev.PhaseStarted):
        return t("rehearse.line.phase", phase=e.phase)
    if getattr(e, "team", None) != team:
        return None
    if isinstance(e, ev.InjectDelivered):
        ts = session.state.teams[team]
        if ts.delivered.get(e.inject) is None or ts.delivered[e.inject].seq != r.seq:
            return None
        return t("rehearse.line.delivered", inject=e.inject, who=r.who)
    if isinstance(e, ev.InjectSkipped):
        key = "skipped_guard" if e.reason == "guard" else "skipped"
        return t(f"rehearse.line.{key}", inject=e.inject)
    if isinstance(e, ev.RatingGiven):
        return t("rehearse.line.rated", expect=e.expect, rating=e.rating)
    if isinstance(e, ev.DecisionRecorded):
        return t("rehearse.line.chose", option=e.option)
    if isinstance(e, ev.TeamReport):
        return t("rehearse.line.report", text=e.text)
    if isinstance(e, ev.NoteAdded):
        return t("rehearse.line.note", text=e.text)
    return None


def _score_line(total: Score, by_objective: dict[str, Score] | Any, t: Translator) -> str:
    if total.percent is None:
        return t("rehearse.score_none")
    parts = ", ".join(f"{o} {_pct(s)} %" for o, s in by_objective.items() if s.percent is not None)
    return t("rehearse.score", percent=_pct(total), objectives=parts or "-")


# --- exploring -----------------------------------------------------------------------------------


EXPLORE_LIMIT = 5000
"""Paths tried at most; a scenario with more branches is reported as not fully explored."""


@dataclass
class Exploration:
    scenario: Scenario
    paths: int = 0
    complete: bool = True
    injects: set[str] = field(default_factory=set)
    expects: set[str] = field(default_factory=set)
    options: set[str] = field(default_factory=set)

    def unreached(self) -> dict[str, list[str]]:
        """What no explored path reaches, in file order."""
        s = self.scenario
        return {
            "inject": [j.id for j in s.injects if j.id not in self.injects],
            "expect": [a.id for j in s.injects for a in j.expect if a.id not in self.expects],
            "option": [
                o.id
                for j in s.injects
                if j.decision
                for o in j.decision.options
                if o.id not in self.options
            ],
        }


def explore(loaded: LoadedScenario, limit: int = EXPLORE_LIMIT) -> Exploration:
    """Try every decision option and both sides of every tested expected action.

    One team covers every role, so every inject is addressed to it. Each path is a run on the
    virtual clock: phases start one after another as each one's duration ends, every inject a
    person plays is confirmed as soon as it is due, and when an inject is delivered the path picks
    an option of its decision and a rating (P or U) for each of its expected actions that a
    condition tests. Paths are enumerated depth-first by replaying a prefix of choices.
    """
    scenario = loaded.scenario
    tested = {
        ident
        for inject in scenario.injects
        for condition in (inject.after, inject.when)
        if condition is not None
        for kind, ident, _ in references(condition)
        if kind in ("done", "missed")
    }
    team = ev.Team(id="explorer", name="explorer", roles=tuple(r.id for r in scenario.roles))
    found = Exploration(scenario)
    stack: list[list[int]] = [[]]
    while stack:
        if found.paths >= limit:
            found.complete = False
            break
        prefix = stack.pop()
        taken, widths = _explore_path(loaded, team, tested, prefix, found)
        found.paths += 1
        for depth in range(len(taken) - 1, len(prefix) - 1, -1):
            for alternative in range(widths[depth] - 1, 0, -1):
                stack.append([*taken[:depth], alternative])
    return found


def _explore_path(
    loaded: LoadedScenario,
    team: ev.Team,
    tested: set[str],
    prefix: list[int],
    found: Exploration,
) -> tuple[list[int], list[int]]:
    runner = Runner(loaded, [team], auto_confirm=True)
    session = runner.session
    taken: list[int] = []
    widths: list[int] = []

    def pick(width: int) -> int:
        choice = prefix[len(taken)] if len(taken) < len(prefix) else 0
        taken.append(choice)
        widths.append(width)
        return choice

    handled: set[str] = set()

    def respond() -> None:
        """Answer every newly delivered inject: a decision option, ratings for tested actions."""
        while True:
            ts = session.state.teams[team.id]
            new = [
                d
                for d in sorted(ts.delivered.values(), key=lambda d: d.seq)
                if d.inject not in handled
            ]
            if not new:
                return
            for delivery in new:
                handled.add(delivery.inject)
                found.injects.add(delivery.inject)
                inject = session.index.injects[session.index.position[delivery.inject]]
                for action in inject.expect:
                    found.expects.add(action.id)
                    if action.id in tested:
                        rating = ("P", "U")[pick(2)]
                        runner.append(ev.RatingGiven(team=team.id, expect=action.id, rating=rating))
                if inject.decision is not None:
                    option = inject.decision.options[pick(len(inject.decision.options))]
                    found.options.add(option.id)
                    runner.append(ev.DecisionRecorded(team=team.id, option=option.id))

    def run_until(target: int | None) -> None:
        guard = 0
        respond()
        while guard < 100_000:
            guard += 1
            upcoming = session.engine.next_due_at(session.state)
            if upcoming is None or (target is not None and upcoming > target):
                break
            runner.advance_to(upcoming)
            respond()
        if target is not None:
            runner.advance_to(target)
            respond()

    phases = loaded.scenario.phases
    start = 0
    for k, phase in enumerate(phases):
        if k:
            runner.append(ev.PhaseStarted(phase=phase.id))
            respond()
        start = max(start, runner.now)
        end = start + phase.duration
        run_until(end if k < len(phases) - 1 else None)
        start = end
    return taken, widths
