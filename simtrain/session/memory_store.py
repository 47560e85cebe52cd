"""A log kept in memory only: rehearsals and explorations, which may keep it later in a file
(:meth:`~simtrain.session.session.Session.save_as`). Sequences run 1, 2, 3 ..., as in a file."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Literal

from simtrain.session.events import Recorded


class MemoryTransaction:
    """The one attempt a memory store needs: nobody else writes, so it is never busy. The batch
    joins the log when the ``with`` block ends normally, and not at all when it raises."""

    def __init__(self, rows: list[Recorded], after: int, meta: dict[str, str]) -> None:
        self._rows = rows
        self.others: Sequence[Recorded] = rows[after:]
        self._pending: list[Recorded] = []
        self._meta = meta
        self._meta_pending: dict[str, str | None] = {}

    def insert(self, records: Sequence[Recorded]) -> None:
        self._pending.extend(records)

    def meta(self, key: str) -> str | None:
        if key in self._meta_pending:
            return self._meta_pending[key]
        return self._meta.get(key)

    def set_meta(self, key: str, value: str | None) -> None:
        self._meta_pending[key] = value

    def __enter__(self) -> MemoryTransaction:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> Literal[False]:
        if error is None:
            self._rows.extend(self._pending)
            for key, value in self._meta_pending.items():
                if value is None:
                    self._meta.pop(key, None)
                else:
                    self._meta[key] = value
        return False


class MemoryStore:
    """An :class:`~simtrain.session.store_protocol.EventStore` in a list."""

    def __init__(self, first: Sequence[Recorded]) -> None:
        self._rows: list[Recorded] = list(first)
        self._seen: float | None = None
        self._meta: dict[str, str] = {}

    @property
    def path(self) -> Path:
        return Path(":memory:")

    def read(self, after: int = 0) -> list[Recorded]:
        return self._rows[after:]

    def attempts(self, after: int) -> Iterator[MemoryTransaction]:
        yield MemoryTransaction(self._rows, after, self._meta)

    def meta_attempts(self) -> Iterator[MemoryTransaction]:
        yield MemoryTransaction(self._rows, len(self._rows), self._meta)

    def meta(self, key: str) -> str | None:
        return self._meta.get(key)

    def meta_items(self, prefix: str) -> dict[str, str]:
        return {k: v for k, v in self._meta.items() if k.startswith(prefix)}

    def close(self) -> None:
        """Nothing to release."""

    def checkpoint(self, *, truncate: bool = False) -> bool:
        return True  # nothing to fold back

    def integrity_check(self) -> str:
        return "ok"

    def mark_seen(self, wall: float) -> None:
        self._seen = wall

    def last_seen(self) -> float | None:
        return self._seen

    def cached(self, key: str) -> str | None:
        return None  # a rehearsal parses its scenario once anyway

    def keep(self, key: str, value: str) -> None:
        """Nothing to keep between runs."""
