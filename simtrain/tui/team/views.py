"""The frozen values a team terminal's widgets are given: what they show, and nothing to reach into.

:class:`~simtrain.tui.team.seat.TeamSeat` builds them from the session, keeping to the trainee's
boundary; the widgets draw them. None holds a session, a seat or a catalog, so a widget cannot
fetch more than it was handed, and a test can build and check them without Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from simtrain.live.run_view import ClockStatus, RunView
from simtrain.scenario.catalog import Resolved


@dataclass(frozen=True)
class DecisionOption:
    """One answer a decision offers: its id, and its text in the content language."""

    option: str
    text: Resolved


@dataclass(frozen=True)
class DecisionView:
    """A decision put to the team, and its answer once the log holds one."""

    inject: str
    prompt: Resolved
    options: tuple[DecisionOption, ...]
    chosen: str | None = None
    chosen_at: int | None = None


@dataclass(frozen=True)
class InboxItem:
    """One message delivered to this seat: what a trainee may read of it, and nothing more."""

    key: str
    """``i:INJECT`` or ``a:ADHOC``: unique in a team's inbox, used for the read state."""
    seq: int
    at: int
    channel: str
    sender: Resolved
    title: Resolved
    message: Resolved
    attachments: tuple[str, ...] = ()
    decision: DecisionView | None = None


@dataclass(frozen=True)
class SentReport:
    """A team report as its team reads it back: when, which seat wrote it, what it says."""

    at: int
    by: str
    text: str


@dataclass(frozen=True)
class Briefing:
    """The briefing tab: the exercise's title, the setting all trainees read, the seat's roles."""

    title: Resolved
    setting: Resolved | None
    roles: tuple[tuple[Resolved, Resolved], ...]
    """Each role this seat plays that has a briefing: its name, then the briefing."""


@dataclass(frozen=True)
class ClockView:
    """What the header's clock shows; compared at every poll, so only a change redraws it."""

    status: ClockStatus
    time: str


@dataclass(frozen=True)
class HeaderView:
    """The header: whose terminal this is, the phase, and the clock."""

    team: str
    role: Resolved | None
    phase: Resolved | None
    clock: ClockView


@dataclass(frozen=True)
class Change:
    """What a refresh brought that the screen must show."""

    new_items: tuple[str, ...] = ()
    decisions: bool = False
    reports: bool = False
    header: bool = False

    def __bool__(self) -> bool:
        return bool(self.new_items or self.decisions or self.reports or self.header)


def clock_view(run: RunView) -> ClockView:
    """The clock as the header shows it now."""
    return ClockView(run.clock_status(), run.clock_text())


def header_view(run: RunView, team: str, role: str | None) -> HeaderView:
    """The header of the terminal seated at ``team`` (and ``role``), as the run stands now."""
    return HeaderView(
        team=run.team_name(team),
        role=None if role is None else run.role_name(role),
        phase=run.phase_title(run.session.state.current_phase),
        clock=clock_view(run),
    )
