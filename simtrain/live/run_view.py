"""One run as any seat reads it: content texts in its language, the clock, and who is who.

Every seat needs the same few answers about a run: a scenario text in the content language (with
the fallback mark when it is missing), the exercise time and whether the clock runs, the name of
a role, a character, a phase or a seat. They were restated by each seat and had started to
differ; here they exist once, over a :class:`Session` and an injected wall clock.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Literal

from simtrain import yamlio
from simtrain.i18n import Translator
from simtrain.live.score_text import who_name
from simtrain.scenario.catalog import Catalog, Resolved
from simtrain.scenario.durations import format_clock
from simtrain.session.events import Seat
from simtrain.session.session import Session
from simtrain.session.state import State

ClockStatus = Literal["not_started", "running", "paused", "ended"]


def clock_status(state: State) -> ClockStatus:
    """Where the exercise clock stands: the one rule the console header and team header share."""
    if state.ended_at is not None:
        return "ended"
    if not state.clock.started:
        return "not_started"
    return "running" if state.clock.running else "paused"


def catalog_for(session: Session) -> Catalog:
    """The scenario's texts, with the translations beside its file if that folder still exists.

    The session carries the scenario's own text, so a run reads after its folder moved; only the
    ``l10n/`` sidecars and documents need the folder, and are skipped when it is gone.
    """
    return Catalog(session.scenario, scenario_folder(session))


def scenario_folder(session: Session) -> Path | None:
    """The folder recorded for the session, when it still holds the session's scenario; else None.

    Documents are read from here only (the catalog confines each path to it). A session file
    may come from anyone and names its own ``scenario_file``, so the folder is trusted only when
    that file is absolute and holds the same scenario: the same text, or an edited text with the
    same id. Never the working directory (S28), never a folder a crafted session points at (S2).
    """
    file = session.created.scenario_file
    if not file or not Path(file).is_absolute():
        return None
    path = Path(file)
    status = session.scenario_status()
    if status == "same" or (status == "changed" and _holds(path, session.created.scenario_id)):
        return path.parent
    return None


def _holds(file: Path, scenario_id: str) -> bool:
    """Whether ``file`` is a scenario with this id (one read of the YAML, on opening only)."""
    try:
        data = yamlio.loads(yamlio.decode(yamlio.read_bytes(file)))
    except yamlio.YamlProblem:
        return False
    return isinstance(data, dict) and data.get("id") == scenario_id


class RunView:
    """A session seen in one interface language (``t``) and one content language."""

    def __init__(
        self,
        session: Session,
        t: Translator,
        content_lang: str | None = None,
        *,
        clock: Callable[[], float],
        catalog: Catalog | None = None,
    ) -> None:
        self.session = session
        self.clock = clock
        self.catalog = catalog or catalog_for(session)
        self.t = t
        self.content_lang = content_lang or session.created.content_lang

    def set_languages(self, t: Translator, content_lang: str) -> None:
        """Switch languages mid-run (the console's ``l``): texts resolve anew from here on."""
        self.t = t
        self.content_lang = content_lang

    # --- texts -------------------------------------------------------------------------------

    def text(self, key: str) -> Resolved:
        """A scenario text in the content language, or the scenario's own with the fallback flag."""
        return self.catalog.text(key, self.content_lang)

    def objective_label(self, objective: str) -> Resolved:
        """An objective's ``short:`` label, else its text (see Catalog.objective_label)."""
        return self.catalog.objective_label(objective, self.content_lang)

    def role_name(self, role: str) -> Resolved:
        return self.text(f"roles.{role}.name")

    def character_name(self, character: str | None) -> str:
        """A character's name; no character means the control cell itself sends."""
        if character is None:
            return self.t("console.control_cell")
        return self.text(f"characters.{character}.name").text

    def phase_title(self, phase: str | None) -> Resolved | None:
        return None if phase is None else self.text(f"phases.{phase}.title")

    def phase_number(self, phase: str) -> int:
        return self.session.index.phase_order[phase] + 1

    def team_name(self, team: str) -> str:
        teams = self.session.state.teams
        return teams[team].team.name if team in teams else team

    def seat(self, who: str) -> Seat:
        """The seat a log line's ``who`` names."""
        return Seat.parse(who, self.session.state.teams)

    def seat_label(self, seat: Seat | str) -> str:
        """A seat as people read it: ``Alpha``, ``Alpha · NGO``, or the control cell's name."""
        if isinstance(seat, str):
            seat = self.seat(seat)
        if seat.team is None:  # the control cell by its name, a member by theirs (from the log)
            return who_name(str(seat), self.t)
        name = self.team_name(seat.team)
        if seat.role is None:
            return name
        return self.t("team.seat_role", team=name, role=self.role_name(seat.role).text)

    # --- the clock ---------------------------------------------------------------------------

    def now(self) -> int:
        """Exercise seconds now, from the log's clock events and the injected wall clock."""
        return self.session.now(self.clock())

    def clock_text(self) -> str:
        return format_clock(self.now(), with_seconds=True)

    def day_clock(self, at: int | None = None) -> tuple[int | None, str]:
        """Exercise time ``at`` (default: now) as the timeline reads it: the number of the phase
        (day) it falls in and ``H:MM:SS`` since that phase began; before the first phase, no
        number and the time since the start."""
        at = self.now() if at is None else at
        phase, start = None, 0
        for started, began in self.session.state.phases.items():
            if began <= at:
                phase, start = started, began
        number = None if phase is None else self.phase_number(phase)
        return number, format_clock(at - start, with_seconds=True)

    def clock_status(self) -> ClockStatus:
        return clock_status(self.session.state)
