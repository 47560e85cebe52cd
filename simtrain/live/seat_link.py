"""What every seat away from the console does to stay current, without a screen.

A team terminal, an actor's cues app and an evaluator's seat each poll the session: read what
other processes appended, leave the presence beat the console shows as "connected", and watch
the console's own mark to say "no contact" when a running clock has nobody driving it. Each seat
then compares what it shows with what it showed last time; :class:`Watch` keeps that last look.
"""

from __future__ import annotations

import sqlite3
import time
from typing import Generic, TypeVar

from simtrain.i18n import Translator
from simtrain.live.run_view import RunView
from simtrain.session.presence import beat
from simtrain.session.session import Session
from simtrain.session.state import State
from simtrain.session.store_protocol import SessionError

T = TypeVar("T")

SEEN_EVERY_S = 1.0
"""The console's mark is read from the file at most this often, in real seconds."""


class SeatLink:
    """One seat's link to the log: the refresh with its beat, and the console last seen."""

    def __init__(self, run: RunView, who: str) -> None:
        self.run = run
        self.who = who
        """The log's ``who`` of the seat, as the beat names it: ``team-1``, ``actor:x``."""
        self._seen_read: tuple[float, float | None] | None = None

    def refresh(self) -> None:
        """Read what other processes appended; beat (the console's "connected")."""
        session = self.run.session
        session.refresh()
        beat(session.store, self.who, self.run.clock())

    def last_seen(self) -> float | None:
        """When a console was last seen driving the clock: read from the file at most once a
        second, and only while the clock runs (a paused clock needs no console)."""
        session = self.run.session
        if not session.state.clock.running:
            return None
        tick = time.monotonic()  # a bound on reads of the file, in real seconds
        if self._seen_read is None or tick - self._seen_read[0] >= SEEN_EVERY_S:
            try:
                seen = session.store.last_seen()
            except (sqlite3.Error, SessionError):  # an unreadable mark is no sighting
                seen = None
            self._seen_read = (tick, seen)
        return self._seen_read[1]

    def forget_seen(self) -> None:
        """Read the console's mark again at the next look (tests move a fake clock)."""
        self._seen_read = None


def header_mark(state: State) -> tuple[object, ...]:
    """What a seat's header shows of the state: the clock, the phase, whether it ended."""
    return (state.clock, state.current_phase, state.ended_at)


class Watch(Generic[T]):
    """The last look a seat took at what it shows, to tell what changed since."""

    def __init__(self) -> None:
        self._last: T | None = None

    def swap(self, now: T) -> T | None:
        """Keep ``now``; give the look before it (None the first time)."""
        last, self._last = self._last, now
        return last


class LiveSeat(Generic[T]):
    """The part every seat away from the console shares: its run, its link to the log, and the
    poll that reads what others appended and says what of it the seat must show.

    A seat sets :attr:`run` and :attr:`link` in its constructor and says what changed in
    :meth:`changes` (of type ``T``, the seat's own ``Change``).
    """

    run: RunView
    link: SeatLink

    @property
    def session(self) -> Session:
        return self.run.session

    @property
    def t(self) -> Translator:
        return self.run.t

    def last_seen(self) -> float | None:
        """When a console was last seen driving the clock, while it runs: the header says
        "no contact" when nobody drives a running clock."""
        return self.link.last_seen()

    def refresh(self) -> T:
        """Read what other processes appended; say what of it this seat must show."""
        self.link.refresh()
        return self.changes()

    def changes(self) -> T:
        """What differs from the last call, compared on what the seat shows."""
        raise NotImplementedError
