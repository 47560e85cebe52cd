"""Opening a console's session before any screen exists: create, resume, recover from a crash.

These are decisions about the run, not about the screen, so they are made here, headless, and the
Textual app receives the result (as the team terminal does with ``open_team``): which session,
whether its clock was left running by a console that is gone, whether the scenario file still
matches, and in which content language to show it. Only the picker and the setup screen come
before a session exists; the app calls :func:`create_console` when setup is done.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from simtrain.errors import KeyedError
from simtrain.i18n import Translator
from simtrain.scenario.ids import is_id
from simtrain.scenario.loader import LoadedScenario, load_scenario
from simtrain.scenario.problems import ScenarioError
from simtrain.session import events as ev
from simtrain.session.lease import Lease
from simtrain.session.session import ScenarioStatus, Session
from simtrain.session.store import SUFFIX, SessionError
from simtrain.tui.console.facilitator import Facilitator


class OpeningError(Exception):
    """Why a console could not open its session, in the interface language, one line."""


@dataclass(frozen=True)
class Opened:
    """A session ready for the console screen, with what the facilitator should be told."""

    facilitator: Facilitator
    scenario_status: ScenarioStatus
    driven_by: Lease | None = None
    """The console that drives the clock when this one opened as a viewer (S5); None when this
    console drives it."""


@dataclass(frozen=True)
class Start:
    """What the app shows first: the console itself, or the setup screen for a scenario, or
    (neither given) the scenario picker."""

    opened: Opened | None = None
    loaded: LoadedScenario | None = None


def team_id(index: int) -> str:
    return f"team-{index}"


class TeamSpecError(KeyedError):
    """A ``--team`` spec that names a role the scenario does not have (key under ``run.``)."""

    PREFIX = "run"


def split_team_spec(spec: str, roles: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    """``NAME`` or ``NAME:role,role`` as (name, roles); a name may hold ``:`` itself.

    Only the part after the *last* colon can be a role list, and only when it reads as one: ids
    separated by commas (``Team: Alpha`` is a name, ``Alpha:ngo,police`` a name and two roles). An
    id list naming a role the scenario lacks is refused rather than taken into the name, so a typo
    is not silently a team called ``Alpha:polce``; a trailing ``:`` keeps the rest as the name
    (``Team:alpha:``). Empty roles mean every role.
    """
    name, colon, tail = spec.rpartition(":")
    if not colon:
        return spec.strip(), ()
    if not tail.strip():
        return name.strip(), ()
    items = [item.strip() for item in tail.split(",")]
    if not all(is_id(item) for item in items):
        return spec.strip(), ()
    unknown = [item for item in items if item not in roles]
    if unknown:
        raise TeamSpecError("unknown_role", spec=spec, role=unknown[0], known=", ".join(roles))
    return name.strip(), tuple(dict.fromkeys(items))


def make_teams(names: Sequence[str], roles: Sequence[str]) -> list[ev.Team]:
    """Teams from ``NAME`` or ``NAME:role,role`` specs; a team without roles covers them all.
    Raises :class:`TeamSpecError` for a role the scenario does not have."""
    teams = []
    for k, spec in enumerate(names, start=1):
        name, chosen = split_team_spec(spec, roles)
        teams.append(ev.Team(id=team_id(k), name=name or f"{k}", roles=chosen or tuple(roles)))
    return teams


def default_session_path(scenario_id: str, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M")
    return Path("sessions") / f"{scenario_id}-{stamp}{SUFFIX}"


def open_console(
    path: Path, t: Translator, content_lang: str | None, *, clock: Callable[[], float]
) -> Opened:
    """Resume the session at ``path``: as the console that drives the clock when no other live
    console does (recovering a clock a console that is gone left running), else as a viewer,
    which leaves the running clock alone."""
    try:
        session = Session.open(path)
    except SessionError as error:
        raise OpeningError(error.render(t)) from error
    return _opened(session, t, content_lang, clock)


def mismatch(
    session_path: Path, scenario: Path | None, team_names: Sequence[str], t: Translator
) -> str | None:
    """Why ``run SCENARIO --session EXISTING`` (S24) cannot resume that session as asked: teams
    given for a session that has its own, or a session made from another scenario; None when it
    can. Reads the session without writing to it."""
    if not session_path.exists():
        return None
    if team_names:
        return t("run.teams_with_session", path=str(session_path))
    if scenario is None:
        return None
    loaded = load(scenario, t)
    try:
        with Session.open(session_path, "read") as session:
            made_from = session.created.scenario_id
    except SessionError as error:
        return error.render(t)
    if made_from != loaded.scenario.id:
        return t(
            "run.other_scenario",
            path=str(session_path),
            session_scenario=made_from,
            scenario=loaded.scenario.id,
        )
    return None


def create_console(
    path: Path,
    loaded: LoadedScenario,
    teams: Sequence[ev.Team],
    content_lang: str | None,
    t: Translator,
    *,
    clock: Callable[[], float],
    actors_confirm: bool = False,
) -> Opened:
    """A new session at ``path``; a session that exists there is resumed, never overwritten.
    ``actors_confirm``: actors' seats may confirm their own cues (a new session only)."""
    if path.exists():
        return open_console(path, t, content_lang, clock=clock)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        session = Session.create(
            path,
            loaded,
            list(teams),
            content_lang,
            wall_time=clock(),
            actors_confirm=actors_confirm,
        )
    except SessionError as error:
        raise OpeningError(error.render(t)) from error
    except OSError as error:
        raise OpeningError(str(error)) from error
    return _opened(session, t, content_lang, clock)


def _opened(
    session: Session, t: Translator, content_lang: str | None, clock: Callable[[], float]
) -> Opened:
    # the content language asked for, else the one the session was created in (RunView's rule)
    facilitator = Facilitator(session, t, content_lang or None, clock=clock)
    try:
        facilitator.lease.claim()
    except SessionError as error:
        session.close()
        raise OpeningError(error.render(t)) from error
    return Opened(facilitator, session.scenario_status(), facilitator.lease.other)


def start(
    t: Translator,
    *,
    scenario: Path | None,
    session_path: Path | None,
    team_names: Sequence[str],
    direct: bool,
    content_lang: str | None,
    clock: Callable[[], float],
    actors_confirm: bool = False,
) -> Start:
    """Everything that can be decided before the app starts; raises :class:`OpeningError`.

    A session file that exists is resumed; a scenario named with its teams (``direct``) gets a
    new session at once; a scenario alone goes to setup; nothing named goes to the picker.
    """
    if session_path is not None and session_path.exists():
        return Start(opened=open_console(session_path, t, content_lang, clock=clock))
    if scenario is None:
        return Start()
    loaded = load(scenario, t)
    if not direct:
        return Start(loaded=loaded)
    try:
        teams = make_teams(team_names, [r.id for r in loaded.scenario.roles])
    except TeamSpecError as error:
        raise OpeningError(error.render(t)) from error
    path = session_path or default_session_path(loaded.scenario.id)
    opened = create_console(
        path, loaded, teams, content_lang, t, clock=clock, actors_confirm=actors_confirm
    )
    return Start(opened=opened)


def load(folder: Path, t: Translator) -> LoadedScenario:
    try:
        return load_scenario(folder)
    except ScenarioError as error:
        raise OpeningError(error.problems[0].render(t)) from error
