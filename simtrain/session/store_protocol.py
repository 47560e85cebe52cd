"""What a session asks of the place its log is kept: the interface every store satisfies.

Two stores exist: :class:`~simtrain.session.store.Store` (a SQLite file, shared by the console and
the team terminals) and :class:`~simtrain.session.memory_store.MemoryStore` (a rehearsal's log).
:class:`~simtrain.session.session.Session` sees only :class:`EventStore`, so a third one (a server
database for an exercise spread over several sites) can be added without touching the session, the
fold or the engine.

Writing is a loop of attempts, each a transaction that first shows what other writers appended
since the caller last looked and then takes the caller's batch, all or none::

    for tx in store.attempts(after=state.seq):
        with tx:
            state = fold(tx.others, state)
            mine = decide(state)             # checks hold: nobody can append meanwhile
            tx.insert(mine)
    # here the batch is durable; a busy database made the loop go round again

A store ends the loop after the first attempt that commits; an attempt that found the database
busy is rolled back and the loop runs again, so the body must decide afresh from ``tx.others``
each time and change nothing outside that it cannot redo.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import ClassVar, Protocol

from simtrain.errors import KeyedError
from simtrain.session.events import Recorded


class SessionError(KeyedError):
    """A session that cannot be used or an event it refuses, with a message key under
    ``session.`` and its params."""

    PREFIX: ClassVar[str] = "session"


class Transaction(Protocol):
    """One attempt at a write, holding the store's write lock from before :attr:`others` was read
    until it commits (leaving the ``with`` block normally) or rolls back (leaving it by an
    exception)."""

    @property
    def others(self) -> Sequence[Recorded]:
        """What other writers appended after the sequence the attempt was opened with."""
        ...

    def insert(self, records: Sequence[Recorded]) -> None:
        """Add ``records`` (numbered on from :attr:`others`) to this transaction."""
        ...

    def meta(self, key: str) -> str | None:
        """A meta value as it stands under this transaction's write lock."""
        ...

    def set_meta(self, key: str, value: str | None) -> None:
        """Set (None: remove) a meta value, committed with the transaction."""
        ...

    def __enter__(self) -> Transaction: ...

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool:
        """Commit or roll back; True (swallowing the error) only when the store was busy and the
        loop of attempts should try again."""
        ...


class EventStore(Protocol):
    """An append-only log of :class:`Recorded` events plus a little meta beside it."""

    @property
    def path(self) -> Path:
        """Where the log lives (``:memory:`` for a log that lives nowhere)."""
        ...

    def read(self, after: int = 0) -> list[Recorded]:
        """Every event after sequence ``after``, in order."""
        ...

    def attempts(self, after: int) -> Iterator[Transaction]:
        """Transactions to write in, one per attempt, until one commits (see the module text).
        Raises :class:`SessionError` (``busy``) when the store stays busy too long."""
        ...

    def meta_attempts(self) -> Iterator[Transaction]:
        """Like :meth:`attempts`, for the meta only (``others`` is empty): the clock lease."""
        ...

    def close(self) -> None: ...

    def checkpoint(self, *, truncate: bool = False) -> bool:
        """Fold a write-ahead log back into the file, if the store has one; True when done."""
        ...

    def meta(self, key: str) -> str | None:
        """A meta value as the store holds it now (no lock taken), or None."""
        ...

    def meta_items(self, prefix: str) -> dict[str, str]:
        """Every meta value whose key starts with ``prefix`` (no lock taken)."""
        ...

    def integrity_check(self) -> str:
        """``ok``, or what the store found wrong with itself."""
        ...

    # --- meta: beside the log, never part of what happened ------------------------------------

    def mark_seen(self, wall: float) -> None:
        """Note that a console with a running clock was alive at ``wall``."""
        ...

    def last_seen(self) -> float | None:
        """The latest :meth:`mark_seen`, if any: where a crashed console's clock stops."""
        ...

    def cached(self, key: str) -> str | None:
        """A value kept by :meth:`keep`, or None."""
        ...

    def keep(self, key: str, value: str) -> None:
        """Keep a value derived from the log; a store may drop it (it is made again)."""
        ...
