"""The frozen values a team terminal's widgets are given: what they show, and nothing to reach into.

:class:`~simtrain.tui.team.seat.TeamSeat` builds them from the session, keeping to the trainee's
boundary; the widgets draw them. None holds a session, a seat or a catalog, so a widget cannot
fetch more than it was handed, and a test can build and check them without Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from simtrain.live.run_view import ClockStatus, RunView
from simtrain.scenario.catalog import Resolved

SeatClockStatus = ClockStatus | Literal["no_contact"]
"""The clock as a team reads it: the run's status, or ``no_contact`` when the clock runs by the
log but no console has been seen for :data:`CONTACT_GRACE` seconds (it crashed or lost its
network), so the terminal stops the clock where the console was last seen instead of running on."""

CONTACT_GRACE = 5.0
"""Wall seconds without a sighting of the console before a team terminal stops its clock. The
console marks itself seen at every tick (once a second) while the clock runs."""


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
    to: tuple[Resolved, ...] = ()
    """The names of the seat's roles the message is addressed to (the "To:" line)."""


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

    status: SeatClockStatus
    time: str
    """``H:MM:SS`` since the current phase (day) began, as the console's header and timeline."""
    day: int | None = None
    """The number of that phase; None before the first, when ``time`` counts from the start."""


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


def clock_view(run: RunView, last_seen: float | None = None) -> ClockView:
    """The clock as the header shows it now; ``last_seen`` is the wall time a console was last
    seen driving the clock (``Store.last_seen``). A running clock with no console seen for
    :data:`CONTACT_GRACE` seconds shows ``no_contact``, frozen at the time of the last sighting,
    so a terminal never runs ahead of the console (which pauses there when it comes back)."""
    status = run.clock_status()
    if status == "running":
        clock = run.session.state.clock
        seen = max(last_seen or 0.0, clock.anchor)
        if run.clock() - seen > CONTACT_GRACE:
            day, time = run.day_clock(run.session.state.now(seen))
            return ClockView("no_contact", time, day)
    day, time = run.day_clock()
    return ClockView(status, time, day)


def header_view(
    run: RunView, team: str, role: str | None, last_seen: float | None = None
) -> HeaderView:
    """The header of the terminal seated at ``team`` (and ``role``), as the run stands now."""
    return HeaderView(
        team=run.team_name(team),
        role=None if role is None else run.role_name(role),
        phase=run.phase_title(run.session.state.current_phase),
        clock=clock_view(run, last_seen),
    )
