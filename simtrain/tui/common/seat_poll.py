"""The timer of every seat's screen away from the console: read what other processes wrote, tell
the screen what changed, move the header's clock.

A read that fails (the file locked, moved, damaged) is said once, as a notice, not at every
tick; the next good read clears it, so a second failure is said again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

from textual.screen import Screen

from simtrain.i18n import Translator
from simtrain.session.store_protocol import SessionError
from simtrain.tui.common.seat_header import SeatHeader
from simtrain.tui.team.views import ClockView

C = TypeVar("C")
C_co = TypeVar("C_co", covariant=True)


class PolledSeat(Protocol[C_co]):
    """What the timer needs of a seat: its translator, its refresh, its clock."""

    @property
    def t(self) -> Translator: ...

    def refresh(self) -> C_co: ...

    def clock_view(self) -> ClockView: ...


class SeatPoll(Generic[C]):
    """One screen's poll: call it from the screen's interval timer."""

    def __init__(self, screen: Screen[None], seat: PolledSeat[C], show: Callable[[C], None]):
        self.screen = screen
        self.seat = seat
        self.show = show
        self.warned = False
        """Whether the failing read was said already."""

    def __call__(self) -> bool:
        """One read; False when it failed (and nothing was shown)."""
        try:
            change = self.seat.refresh()
        except SessionError as error:
            if not self.warned:  # once, not at every tick
                self.warned = True
                self.screen.notify(error.render(self.seat.t), severity="error", markup=False)
            return False
        self.warned = False
        self.show(change)
        self.screen.query_one(SeatHeader).tick(self.seat.clock_view())
        return True
