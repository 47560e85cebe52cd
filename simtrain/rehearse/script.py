"""The rehearsal script format: its steps, reading a file, and checking it against its scenario.

A script is read like a scenario (one YAML module, one pydantic validation, problems collected and
placed at ``FILE:LINE:COL``), then cross-checked: every team, role, inject, expected action, option,
phase and objective it names must exist, so a typo is a problem before the run, not a failed step in
the middle of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, Field, Tag, ValidationError

from simtrain import yamlio
from simtrain.frozen import FROZEN
from simtrain.i18n import Translator
from simtrain.sanitize import visible
from simtrain.scenario.ids import Id
from simtrain.scenario.loader import place
from simtrain.scenario.model import Duration, Scenario
from simtrain.scenario.problems import Problem, describe_error, drop_echoes, shorten, suggest
from simtrain.scenario.tags import key_discriminator, lead_key
from simtrain.session.hseep import Rating

REHEARSALS_DIR = "rehearsals"


class ScriptTeam(BaseModel):
    model_config = FROZEN
    id: Id
    name: str | None = None
    roles: tuple[Id, ...] = Field(min_length=1)


# --- the steps: each is written as a mapping led by its own key (see simtrain.scenario.tags) -----


class Advance(BaseModel):
    """Move the clock forward; everything that falls due on the way happens at its moment."""

    model_config = FROZEN
    advance: Duration


class At(BaseModel):
    """Move the clock to an absolute exercise time, e.g. ``at: "1:30"``."""

    model_config = FROZEN
    at: Duration


class StartPhase(BaseModel):
    model_config = FROZEN
    phase: Id


class Deliver(BaseModel):
    """The control cell confirms an inject that is due (for one team, or each it is due for)."""

    model_config = FROZEN
    deliver: Id
    team: Id | None = None


class SkipInject(BaseModel):
    """The control cell skips an inject that is due (for one team, or each it is due for)."""

    model_config = FROZEN
    skip: Id
    team: Id | None = None


class Rate(BaseModel):
    """An evaluator's rating: ``acted_at`` is when the team acted (the syntax of ``at:``, an
    absolute exercise time; by default the moment of the step), ``by`` the evaluator's name."""

    model_config = FROZEN
    rate: Id
    team: Id
    rating: Rating
    note: str = ""
    evaluator: str = ""
    """The older spelling of ``by``."""
    by: str = ""
    acted_at: Duration | None = None


class Choose(BaseModel):
    model_config = FROZEN
    choose: Id
    team: Id


class Note(BaseModel):
    model_config = FROZEN
    note: str = Field(min_length=1)
    team: Id | None = None


class WriteReport(BaseModel):
    """A team's report, as a team terminal would send it."""

    model_config = FROZEN
    report: str = Field(min_length=1)
    team: Id


class Expectations(BaseModel):
    model_config = FROZEN
    team: Id
    delivered: tuple[Id, ...] = ()
    not_delivered: tuple[Id, ...] = ()
    skipped: tuple[Id, ...] = ()
    waiting: tuple[Id, ...] = ()
    """Due and waiting for the control cell's confirmation."""
    score: float | None = Field(default=None, ge=0, le=100)
    """The quality of what is rated, in percent (unrated actions are not zeros)."""
    by_objective: dict[Id, Annotated[float, Field(ge=0, le=100)]] = Field(default_factory=dict)
    """The same percentage for each learning objective: ``{objective-id: percent}``."""
    rated: int | None = Field(default=None, ge=0)
    """How many of the team's expected actions at stake are rated (the coverage, in actions)."""


class Check(BaseModel):
    model_config = FROZEN
    check: Expectations


STEP_MODELS: tuple[type[BaseModel], ...] = (
    Advance,
    At,
    StartPhase,
    Deliver,
    SkipInject,
    Rate,
    Choose,
    Note,
    WriteReport,
    Check,
)
STEP_KINDS = tuple(lead_key(model) for model in STEP_MODELS)
"""The key each step is written with, in the order the "not a step" message lists them."""

Step = Annotated[
    Annotated[Advance, Tag("advance")]
    | Annotated[At, Tag("at")]
    | Annotated[StartPhase, Tag("phase")]
    | Annotated[Deliver, Tag("deliver")]
    | Annotated[SkipInject, Tag("skip")]
    | Annotated[Rate, Tag("rate")]
    | Annotated[Choose, Tag("choose")]
    | Annotated[Note, Tag("note")]
    | Annotated[WriteReport, Tag("report")]
    | Annotated[Check, Tag("check")],
    key_discriminator(
        STEP_KINDS, error_type="step", error_message="not a step", beside={"note": "rate"}
    ),
]


class Script(BaseModel):
    """A rehearsal: the teams and what happens, step by step."""

    model_config = FROZEN
    teams: tuple[ScriptTeam, ...] = Field(min_length=1)
    auto_confirm: bool = False
    """Confirm every inject a person plays as soon as it is due, as a tireless control cell."""
    steps: tuple[Step, ...] = ()


_SCRIPT_FIELDS = frozenset(
    {"teams", "auto_confirm", "steps", "id", "name", "roles", *STEP_KINDS}
    | set(Rate.model_fields)
    | set(Expectations.model_fields)
)


# --- reading a script ----------------------------------------------------------------------------


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
    loc = tuple(error["loc"])
    if len(loc) > 2 and loc[0] == "steps" and loc[2] in STEP_KINDS:
        loc = (*loc[:2], *loc[3:])  # pydantic names the step's kind in the path; the file does not
        error = {**error, "loc": loc}
    if error["type"] == "step":
        return Problem(
            "error",
            "rehearse.problems.not_a_step",
            {"kinds": ", ".join(STEP_KINDS)},
            path=loc,
        )
    if error["type"] in ("greater_than_equal", "less_than_equal"):
        value = shorten(error.get("input"))
        if loc[-1] == "rated":
            return Problem("error", "rehearse.problems.not_negative", {"value": value}, path=loc)
        return Problem("error", "out_of_range", {"value": value, "min": 0, "max": 100}, path=loc)
    return describe_error(error, _SCRIPT_FIELDS)


def render_problem(problem: Problem, t: Translator) -> str:
    """Scenario-style problems render with ``problems.*``; the rehearsal's own under its key."""
    if not problem.key.startswith("rehearse."):
        return problem.render(t)
    where = problem.where()
    message = f"{t(f'severity.{problem.severity}')}: {t(problem.key, **problem.params)}"
    if problem.params.get("suggestion"):
        message += ". " + t("problems.did_you_mean", suggestion=problem.params["suggestion"])
    return visible(f"{where}: {message}" if where else message, multiline=False)


def load_script(file: Path, scenario: Scenario) -> LoadedScript:
    """A script, validated against its scenario's roles; raises :class:`ScriptError`."""
    try:
        text = yamlio.decode(yamlio.read_bytes(file))
        data = yamlio.loads(text)
    except yamlio.YamlProblem as problem:
        raise ScriptError([Problem.from_yaml(problem, file)]) from None
    if not isinstance(data, dict):
        raise ScriptError([Problem("error", "rehearse.problems.not_a_script", {}, file, 1, 1)])
    try:
        script = Script.model_validate(data)
    except ValidationError as error:
        problems = drop_echoes([_describe_script(e) for e in error.errors(include_url=False)])
        raise ScriptError(place(problems, file, text)) from None
    problems = list(_cross_check(script, scenario))
    if problems:
        raise ScriptError(place(problems, file, text))
    root = yamlio.compose(text)
    lines = tuple(yamlio.locate(root, ("steps", k)).line for k in range(len(script.steps)))
    return LoadedScript(script, file, lines)


def find_scripts(folder: Path) -> list[Path]:
    """The rehearsal scripts that travel with a scenario, in name order."""
    return sorted((folder / REHEARSALS_DIR).glob("*.yaml"))


# --- cross-checks against the scenario -----------------------------------------------------------

_Path = tuple[str | int, ...]
_Ref = tuple[str, str, _Path]
"""A kind of id (``inject``, ``expect``, ...), the id, and its place inside the step."""


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
        team, team_at, refs = _references(step)
        if team is not None and team not in teams:
            yield _unknown("team", team, teams, ("steps", s, *team_at))
        for kind, ident, where_in_step in refs:
            if ident not in known[kind]:
                yield _unknown(kind, ident, known[kind], ("steps", s, *where_in_step))


def _references(step: Step) -> tuple[str | None, _Path, list[_Ref]]:
    """The team a step names (and where), and every other id it refers to."""
    match step:
        case Check(check=spec):
            refs: list[_Ref] = [
                ("inject", j, ("check", name, n))
                for name in ("delivered", "not_delivered", "skipped", "waiting")
                for n, j in enumerate(getattr(spec, name))
            ]
            refs += [("objective", o, ("check", "by_objective", o)) for o in spec.by_objective]
            return spec.team, ("check", "team"), refs
        case Deliver(deliver=inject, team=team):
            return team, ("team",), [("inject", inject, ("deliver",))]
        case SkipInject(skip=inject, team=team):
            return team, ("team",), [("inject", inject, ("skip",))]
        case Rate(rate=expect, team=team):
            return team, ("team",), [("expect", expect, ("rate",))]
        case Choose(choose=option, team=team):
            return team, ("team",), [("option", option, ("choose",))]
        case StartPhase(phase=phase):
            return None, (), [("phase", phase, ("phase",))]
        case Note(team=team) | WriteReport(team=team):
            return team, ("team",), []
        case Advance() | At():
            return None, (), []


def _unknown(kind: str, ident: str, known: set[str], path: _Path) -> Problem:
    return Problem(
        "error",
        f"rehearse.problems.unknown_{kind}",
        {"id": ident, "suggestion": suggest(ident, sorted(known))},
        path=path,
    )
