"""A console's hold on the exercise clock, without the screen (see :mod:`simtrain.session.lease`).

The console that holds the lease drives the clock: it starts, pauses and changes its speed, moves
to the next phase, lets the program deliver what falls due, and pauses the clock when it closes.
Any other console on the same session is a viewer until the driver is gone (then the viewer takes
the clock, paused where the driver was last seen) or its facilitator confirms taking it over.

Every few seconds (by the injected clock) the driver renews its lease and a viewer looks whether
the lease is free; both fold the write-ahead log back into the session file, so the ``.simtrain``
alone is never far behind what the screen shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from simtrain.session import events as ev
from simtrain.session import lease
from simtrain.session.lease import Claim, Lease
from simtrain.session.session import Session
from simtrain.session.store_protocol import SessionError

RECOVERED_BY = "console"
"""The ``who`` of the pause appended on behalf of a console that is gone."""

CHECKPOINT_S = 5.0
"""How often a running console folds the write-ahead log back into the session file."""

Change = Literal["lost", "gained"]
"""What a look at the lease found: another console took the clock, or this one has it now."""


def recover(session: Session) -> list[ev.Recorded]:
    """A clock left running by a console that is gone (closed, crashed, killed): pause it where
    that console was last seen, so no exercise time passed unwatched."""
    if not session.state.clock.running:
        return []
    last_seen = max(session.store.last_seen() or 0.0, session.tail(1)[-1].wall)
    return [session.append(ev.ClockPaused(), wall_time=last_seen, who=RECOVERED_BY)]


class ClockLease:
    """This console's side of the lease: whether it drives, and who does when it does not."""

    def __init__(self, session: Session, clock: Callable[[], float]) -> None:
        self.session = session
        self.clock = clock
        self.me, self.label = lease.new_holder()
        self.drives: bool | None = None
        """None until the first claim (opening makes it), then whether this console drives."""
        self.other: Lease | None = None
        """The lease of the console that drives when this one does not."""
        self._looked = float("-inf")
        self._checkpointed = float("-inf")

    @property
    def viewer(self) -> bool:
        return self.drives is False

    def claim(self, *, take_over: bool = False) -> list[ev.Recorded]:
        """Claim (or renew) the clock; a running clock inherited from a console that is gone is
        paused where it was last seen. Returns the events that pause wrote."""
        found = self._claim(take_over)
        return recover(self.session) if found.inherited else []

    def _claim(self, take_over: bool = False) -> Claim:
        now = self.clock()
        found = lease.claim(self.session.store, self.me, self.label, now, take_over=take_over)
        self.drives = found.drives
        self.other = None if found.drives else found.after
        self._looked = now
        return found

    def keep(self) -> tuple[Change | None, list[ev.Recorded]]:
        """Every tick: each :data:`~simtrain.session.lease.RENEW_S` seconds renew the lease (the
        driver) or see whether it is free (a viewer); what changed, and any recovery events."""
        now = self.clock()
        if now - self._checkpointed >= CHECKPOINT_S:
            self._checkpointed = now
            self.session.store.checkpoint()
        if self.drives is not None and now - self._looked < lease.RENEW_S:
            return None, []
        was = self.drives
        if was is False:
            held = lease.holder(self.session.store, now)
            if held is not None and held.holder != self.me:
                self.other, self._looked = held, now
                return None, []
        found = self._claim()
        recovered = recover(self.session) if found.inherited else []
        if was is True and not found.drives:
            return "lost", recovered
        if was is False and found.drives:
            return "gained", recovered
        return None, recovered

    def held_elsewhere(self) -> Lease | None:
        """The live lease of another console, looked up now; None when this one may drive."""
        held = lease.holder(self.session.store, self.clock())
        return held if held is not None and held.holder != self.me else None

    def must_drive(self) -> list[ev.Recorded]:
        """Before a clock action: renew the lease, or raise ``SessionError('clock_held')`` naming
        the console that drives. Returns the pause written when this console just inherited a
        running clock from one that is gone (the action is then not taken)."""
        found = self._claim()
        if not found.drives:
            label = found.after.label if found.after is not None else "?"
            raise SessionError("clock_held", console=label)
        return recover(self.session) if found.inherited else []

    def still_drives(self) -> bool:
        """On exit: whether this console drives the clock at this moment (then it pauses it);
        a viewer never does."""
        return self.drives is not False and self._claim().drives

    def release(self) -> None:
        """On exit, after any pause: give the lease up and fold the log into the file."""
        try:
            if self.drives:
                lease.release(self.session.store, self.me)
        finally:
            self.session.store.checkpoint(truncate=True)
