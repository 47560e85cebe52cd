"""Which seats are connected: a heartbeat per seat kept beside the log.

Every seat that works on a session (a team terminal, an evaluator's seat, an actor's seat) notes
in the session's meta, under ``seen:<who>``, the wall time it was last alive; the console lists
the seats seen within :data:`RECENT_S` seconds. Like the clock lease (:mod:`lease`) this is never
an event: who had a laptop open is not part of what happened in the exercise, and a report never
reads it.

A seat writes at most every :data:`EVERY_S` seconds, so ten terminals polling five times a second
cost the file about three small writes a second. A heartbeat that cannot be written (a read-only
file, a reader's connection, a busy disk) is simply missed: the seat's own writes say what is
wrong, the heartbeat never does. Readers (``report``, ``serve``'s list, ``backup``) never beat.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from simtrain.session.store_protocol import EventStore, SessionError

PREFIX = "seen:"
"""The meta keys of the heartbeats: ``seen:team-1/ngo``, ``seen:evaluator:Maria``."""

EVERY_S = 3.0
"""A seat writes its heartbeat at most this often."""

RECENT_S = 10.0
"""A seat seen within this many seconds is connected."""

_written: dict[tuple[str, str], float] = {}
"""When this process last wrote each (session file, seat)'s heartbeat."""


def beat(store: EventStore, who: str, wall: float, *, every: float = EVERY_S) -> bool:
    """Note that ``who`` is alive at ``wall``, unless it did less than ``every`` seconds ago;
    True when written. Never raises: a missed heartbeat is made up at the next one."""
    if getattr(store, "access", "write") == "read":
        return False
    key = (str(store.path), who)
    last = _written.get(key)
    if last is not None and 0 <= wall - last < every:
        return False
    try:
        for tx in store.meta_attempts():
            with tx:
                tx.set_meta(PREFIX + who, repr(wall))
    except (SessionError, OSError):
        return False
    _written[key] = wall
    return True


@dataclass(frozen=True)
class Seen:
    """A seat and when it was last seen (wall seconds)."""

    who: str
    wall: float


def seen(store: EventStore, wall: float, *, within: float = RECENT_S) -> tuple[Seen, ...]:
    """The seats seen within ``within`` seconds before ``wall``, in the order of their ``who``;
    a damaged value is no sighting."""
    found: list[Seen] = []
    for key, value in store.meta_items(PREFIX).items():
        with contextlib.suppress(ValueError):
            when = float(value)
            if wall - within <= when <= wall + within:  # a clock a little ahead still counts
                found.append(Seen(key.removeprefix(PREFIX), when))
    return tuple(sorted(found, key=lambda s: s.who))
