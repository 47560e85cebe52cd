"""Which console drives the exercise clock: a lease kept beside the log.

Several consoles may hold one session open (a director and an assistant, or a second laptop in
the room). Only one of them starts, pauses and changes the speed of the clock, delivers by itself
what falls due, and pauses the clock when it closes: the one holding the lease. The others are
viewers: they note, rate and deliver, and closing them changes nothing.

The lease is a row of the session's meta (never an event: who sat at which laptop is not part of
what happened in the exercise). Its holder renews it every :data:`RENEW_S` seconds while it runs;
a lease not renewed for :data:`TTL_S` seconds belongs to a console that is gone (closed lid,
crash, ``kill -9``), and the next console to look may take it. A viewer takes a live lease only
when its facilitator confirms (``take_over``); the old holder learns it at its next renewal.

The rules (:func:`decide`) are pure; :func:`claim` and :func:`release` apply them inside one write
transaction of the store, so two consoles claiming at once cannot both win.
"""

from __future__ import annotations

import json
import os
import socket
import uuid
from dataclasses import dataclass
from pathlib import Path

from simtrain.session.store_protocol import EventStore

KEY = "clock_lease"
"""The meta row holding the lease."""

TTL_S = 12.0
"""A lease not renewed for this long belongs to a console that is gone."""

RENEW_S = 3.0
"""How often a running console renews its lease (and a viewer looks whether it is free)."""


@dataclass(frozen=True)
class Lease:
    """Who drives the clock (``holder``, unique per console process), a label people can read
    (``host:pid``), and until when the lease holds without a renewal (Unix seconds)."""

    holder: str
    label: str
    expires: float

    def live(self, wall: float) -> bool:
        return wall < self.expires

    def to_text(self) -> str:
        return json.dumps({"holder": self.holder, "label": self.label, "expires": self.expires})

    @staticmethod
    def parse(text: str | None) -> Lease | None:
        """The lease a meta value holds; None for none or a damaged one (which nobody holds)."""
        if not text:
            return None
        try:
            data = json.loads(text)
            return Lease(str(data["holder"]), str(data["label"]), float(data["expires"]))
        except (ValueError, TypeError, KeyError):
            return None


def new_holder() -> tuple[str, str]:
    """A holder id for this console process and the label shown to other consoles."""
    return uuid.uuid4().hex, f"{socket.gethostname()}:{os.getpid()}"


def gone(lease: Lease) -> bool:
    """Whether the console holding ``lease`` ran on this machine and its process has ended (a
    console restarted at once after ``kill -9`` need not wait for the lease to expire)."""
    host, _, pid = lease.label.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:  # exists, owned by someone else
        return False
    return _zombie(int(pid))


def _zombie(pid: int) -> bool:
    """A process that has ended but was not yet reaped by its parent (Linux only)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[:1] == ["Z"]


@dataclass(frozen=True)
class Claim:
    """The outcome of a claim: whether the claimant drives, the lease before and after, and
    whether it inherited the clock from nobody alive (no lease, an expired one, or one whose
    console is gone): then a clock left running has run unwatched since that console was last
    seen."""

    drives: bool
    before: Lease | None
    after: Lease | None
    inherited: bool = False


# --- the rules -------------------------------------------------------------------------------


def decide(
    current: Lease | None,
    me: str,
    label: str,
    wall: float,
    *,
    take_over: bool = False,
    ttl: float = TTL_S,
) -> Lease | None:
    """The lease to write for a claim by ``me`` at ``wall``, or None: another console holds a
    live lease and the claimant did not ask to take it over."""
    if current is None or current.holder == me or not current.live(wall) or take_over:
        return Lease(me, label, wall + ttl)
    return None


def releases(current: Lease | None, me: str) -> bool:
    """Whether a release by ``me`` removes the lease: only its holder gives it up."""
    return current is not None and current.holder == me


# --- applied in one transaction of the store -------------------------------------------------


def claim(
    store: EventStore,
    me: str,
    label: str,
    wall: float,
    *,
    take_over: bool = False,
    ttl: float = TTL_S,
) -> Claim:
    """Acquire or renew the lease for ``me`` (or take it over); raises ``SessionError`` when the
    file cannot be written."""
    for tx in store.meta_attempts():
        with tx:
            before = Lease.parse(tx.meta(KEY))
            other = before is not None and before.holder != me
            dead = other and before is not None and (not before.live(wall) or gone(before))
            after = decide(before, me, label, wall, take_over=take_over or dead, ttl=ttl)
            if after is not None:
                tx.set_meta(KEY, after.to_text())
    inherited = after is not None and (before is None or dead)
    return Claim(after is not None, before, after or before, inherited)


def release(store: EventStore, me: str) -> None:
    """Give the lease up, if ``me`` holds it (a console closing)."""
    for tx in store.meta_attempts():
        with tx:
            if releases(Lease.parse(tx.meta(KEY)), me):
                tx.set_meta(KEY, None)


def holder(store: EventStore, wall: float) -> Lease | None:
    """The live lease as the file holds it now, without taking any lock; None when nobody
    drives the clock (no lease, an expired one, or one whose console is gone)."""
    lease = Lease.parse(store.meta(KEY))
    return lease if lease is not None and lease.live(wall) and not gone(lease) else None
