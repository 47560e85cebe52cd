"""The log a session has read, as its readers see it: in order, read-only, never copied whole.

A console shows the latest forty events after every event, and a report walks the log once; a
copy of 100,000 records for either would cost more than the work itself. The view reads the
session's own list, so it grows as the session does.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from typing import overload

from simtrain.session.events import Recorded


class LogView(Sequence[Recorded]):
    """A read-only sequence over a session's log, with the two reads its readers need most."""

    __slots__ = ("_log", "_seqs")

    def __init__(self, log: list[Recorded], seqs: list[int]) -> None:
        self._log = log
        self._seqs = seqs
        """``seq`` of each record, kept beside the log by the session, for :meth:`since`."""

    def __len__(self) -> int:
        return len(self._log)

    @overload
    def __getitem__(self, index: int) -> Recorded: ...

    @overload
    def __getitem__(self, index: slice) -> list[Recorded]: ...

    def __getitem__(self, index: int | slice) -> Recorded | list[Recorded]:
        return self._log[index]

    def __iter__(self) -> Iterator[Recorded]:
        return iter(self._log)

    def __reversed__(self) -> Iterator[Recorded]:
        return reversed(self._log)

    def tail(self, n: int) -> list[Recorded]:
        """The latest ``n`` records, oldest first."""
        return self._log[-n:] if n > 0 else []

    def since(self, seq: int) -> list[Recorded]:
        """The records after sequence ``seq``, oldest first."""
        return self._log[bisect.bisect_right(self._seqs, seq) :]

    def find(self, seq: int) -> Recorded | None:
        """The record with sequence ``seq``, if this log has it."""
        k = bisect.bisect_left(self._seqs, seq)
        if k < len(self._seqs) and self._seqs[k] == seq:
            return self._log[k]
        return None

    def __repr__(self) -> str:
        return f"LogView({len(self._log)} records)"
