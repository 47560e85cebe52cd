"""The session file: one SQLite database per run, an append-only table of events.

Why these settings: WAL lets the console and the team terminals read while one of them writes;
``synchronous=FULL`` makes a commit durable before ``append`` returns, so what a screen showed as
done survives ``kill -9`` and a power cut; ``BEGIN IMMEDIATE`` takes the write lock before reading
what others appended, so a check ("was this inject delivered already?") and the append that
depends on it happen atomically; a busy timeout plus a bounded retry means a second process waits
its turn instead of telling a facilitator that "the database is locked".

A file is recognised as a session by its SQLite ``application_id``; its ``user_version`` is the
schema version, and older schemas are migrated when the console opens them (readers never write:
see :mod:`store_open` for the three kinds of access). Anything else (not SQLite, another
program's database, a damaged file, a read-only file system, a full disk) raises
:class:`SessionError` with a message key, never a traceback.

A session is one file once its write-ahead log is checkpointed: the console does that every few
seconds and on exit (:meth:`Store.checkpoint`), and :meth:`Store.backup` writes a consistent copy
in one file even while others write.
"""

from __future__ import annotations

import contextlib
import math
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from pydantic import ValidationError

from simtrain.session.events import Recorded, event_from_json, events_from_json
from simtrain.session.store_open import (
    Access,
    SqliteTransaction,
    backup_to,
    busy,
    connect,
    insert,
    open_error,
    write_error,
)
from simtrain.session.store_protocol import SessionError

__all__ = [
    "APPLICATION_ID",
    "BUSY_TIMEOUT_S",
    "SCHEMA_VERSION",
    "SUFFIX",
    "Access",
    "SessionError",
    "SqliteTransaction",
    "Store",
]

APPLICATION_ID = 0x53494D54
"""``SIMT``: marks a SQLite file as a simtrain session."""

SCHEMA_VERSION = 1
SUFFIX = ".simtrain"
BUSY_TIMEOUT_S = 5.0
"""How long SQLite itself waits for another writer before we retry."""
RETRY_FOR_S = 60.0
"""How long we keep retrying a busy database before giving up with a clear message."""

_SQLITE_HEADER = b"SQLite format 3\x00"

_SCHEMA_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE events (
    seq     INTEGER PRIMARY KEY,
    id      TEXT NOT NULL UNIQUE,
    wall    REAL NOT NULL,
    at      INTEGER NOT NULL,
    who     TEXT NOT NULL,
    type    TEXT NOT NULL,
    team    TEXT,
    inject  TEXT,
    payload TEXT NOT NULL
);
CREATE UNIQUE INDEX delivered_once ON events (team, inject) WHERE type = 'inject_delivered';
CREATE INDEX events_by_type ON events (type);
"""

MIGRATIONS: dict[int, str] = {1: _SCHEMA_V1}
"""Schema version -> the SQL that takes a file from the version before to it."""


class _Backoff:
    """Waits between attempts on a busy database: short at first, never past :data:`RETRY_FOR_S`.

    Retrying is a wait for another process, not a timing of the exercise: the monotonic clock
    here never reaches an event.
    """

    def __init__(self) -> None:
        self._deadline: float | None = None
        self._pause = 0.005

    def wait(self) -> None:
        now = time.monotonic()
        self._deadline = self._deadline or now + RETRY_FOR_S
        if now > self._deadline:
            raise SessionError("busy")
        time.sleep(self._pause)
        self._pause = min(self._pause * 2, 0.2)


Row = tuple[int, str, float, int, str, str]


def _recorded(row: Row) -> Recorded:
    seq, ident, wall, at, who, payload = row
    try:
        event = event_from_json(payload)
    except (ValidationError, ValueError, RecursionError):
        raise SessionError("bad_event", seq=seq) from None
    return Recorded(seq, ident, wall, at, who, event)


def _check_columns(rows: Sequence[Row]) -> None:
    """SQLite keeps any value in any column: a row whose times or names are not what the schema
    says is a damaged event (a text ``wall`` would fail in the fold's arithmetic much later)."""
    for seq, ident, wall, at, who, payload in rows:
        if not (
            type(wall) in (float, int)
            and math.isfinite(wall)
            and type(at) is int
            and isinstance(ident, str)
            and isinstance(who, str)
            and isinstance(payload, str)
        ):
            raise SessionError("bad_event", seq=seq)


class Store:
    """One open session file. Methods are safe to call from several threads of one process."""

    def __init__(
        self, path: Path, connection: sqlite3.Connection, access: Access = "write"
    ) -> None:
        self.path = path
        self.access: Access = access
        """What this store may do to its file (see :mod:`store_open`)."""
        self._db = connection
        self._lock = threading.Lock()

    # --- opening ------------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, first: Callable[[], Sequence[Recorded]]) -> Store:
        """A new session file holding ``first()``; refuses to overwrite an existing file.

        The file is built under a temporary name and moved into place only once its first
        events are committed, so a crash during creation never leaves a half-made session.
        """
        if path.exists():
            raise SessionError("exists", path=str(path))
        if not path.parent.is_dir():
            raise SessionError("no_folder", path=str(path.parent))
        temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
        db, _ = connect(temp, create=True, access="write", timeout=BUSY_TIMEOUT_S)
        try:
            db.executescript("".join(MIGRATIONS.values()))
            db.execute("BEGIN IMMEDIATE")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute("INSERT INTO meta VALUES ('format', 'simtrain-session')")
            insert(db, first())
            db.execute("COMMIT")
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except BaseException:
            db.close()
            for leftover in (temp, Path(f"{temp}-wal"), Path(f"{temp}-shm")):
                leftover.unlink(missing_ok=True)
            raise
        db.close()
        try:
            os.link(temp, path)  # fails if someone created the same file meanwhile
        except FileExistsError:
            temp.unlink(missing_ok=True)
            raise SessionError("exists", path=str(path)) from None
        except OSError:
            os.replace(temp, path)  # file systems without hard links
        else:
            temp.unlink()
        for leftover in (Path(f"{temp}-wal"), Path(f"{temp}-shm")):
            leftover.unlink(missing_ok=True)
        return cls.open(path)

    @classmethod
    def open(cls, path: Path, access: Access = "write") -> Store:
        """An existing session file; a console (``write``) migrates an older schema, a reader or
        a team terminal refuses it (``needs_upgrade``) without writing."""
        if not path.exists():
            raise SessionError("missing", path=str(path))
        if path.is_dir():
            raise SessionError("is_dir", path=str(path))
        if not path.is_file():  # a FIFO or a device: reading its header would wait forever
            raise SessionError("not_file", path=str(path))
        try:
            with path.open("rb") as handle:
                header = handle.read(len(_SQLITE_HEADER))
        except OSError as error:
            raise SessionError("cannot_open", reason=error.strerror or str(error)) from None
        if header != _SQLITE_HEADER:
            raise SessionError("not_session", path=str(path))
        db, access = connect(path, create=False, access=access, timeout=BUSY_TIMEOUT_S)
        try:
            app = db.execute("PRAGMA application_id").fetchone()[0]
            version = db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.Error as error:
            db.close()
            raise open_error(error, path) from None
        if app != APPLICATION_ID:
            db.close()
            raise SessionError("not_session", path=str(path))
        if version > SCHEMA_VERSION:
            db.close()
            raise SessionError("too_new", path=str(path), version=version, supported=SCHEMA_VERSION)
        if version < SCHEMA_VERSION and access != "write":
            db.close()
            raise SessionError("needs_upgrade", path=str(path))
        store = cls(path, db, access)
        if version < SCHEMA_VERSION:
            store._migrate(version)
        return store

    def _migrate(self, version: int) -> None:
        for tx in self._attempts(None):
            with tx:
                current = self._db.execute("PRAGMA user_version").fetchone()[0]
                for target in range(current + 1, SCHEMA_VERSION + 1):
                    for statement in MIGRATIONS[target].split(";"):
                        if statement.strip():
                            tx.execute(statement)
                    tx.execute(f"PRAGMA user_version = {target}")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # --- reading and writing ------------------------------------------------------------------

    def read(self, after: int = 0) -> list[Recorded]:
        """Every event after sequence ``after``, in order."""
        with self._lock:
            return self._read(after)

    def _read(self, after: int) -> list[Recorded]:
        try:
            rows = self._db.execute(
                "SELECT seq, id, wall, at, who, payload FROM events WHERE seq > ? ORDER BY seq",
                (after,),
            ).fetchall()
        except sqlite3.OperationalError as error:
            if busy(error):
                raise SessionError("busy") from None
            raise SessionError("corrupt", path=str(self.path)) from None
        except sqlite3.DatabaseError:
            raise SessionError("corrupt", path=str(self.path)) from None
        _check_columns(rows)
        try:
            decoded = events_from_json([row[5] for row in rows])
            if len(decoded) != len(rows):  # a payload of two objects: the array miscounts
                raise ValueError("payloads")
        except (ValidationError, ValueError, RecursionError):
            return [_recorded(row) for row in rows]  # names the first damaged event
        return [
            Recorded(row[0], row[1], row[2], row[3], row[4], event)
            for row, event in zip(rows, decoded, strict=True)
        ]

    def attempts(self, after: int) -> Iterator[SqliteTransaction]:
        """Write transactions, one per attempt, until one commits (see :mod:`store_protocol`).

        Each attempt takes SQLite's write lock and then reads what others appended after
        ``after``, so whatever the caller decides from :attr:`SqliteTransaction.others` still holds
        when its batch is written: no other process can append in between. When the loop ends
        the batch is on disk. The store's thread lock is held throughout, so the body must not
        call the store's other methods.
        """
        return self._attempts(after)

    def _attempts(self, after: int | None) -> Iterator[SqliteTransaction]:
        backoff = _Backoff()
        with self._lock:
            while True:
                tx = self._begin(after)
                if tx is None:
                    backoff.wait()
                    continue
                try:
                    yield tx
                finally:
                    if self._db.in_transaction:  # the caller left without its ``with`` block
                        self._db.execute("ROLLBACK")
                if tx.committed:
                    return
                backoff.wait()

    def _begin(self, after: int | None) -> SqliteTransaction | None:
        """An open transaction, having read what others appended; None when busy."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
            return SqliteTransaction(
                self._db, self.path, [] if after is None else self._read(after)
            )
        except BaseException as error:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            if busy(error):
                return None
            if isinstance(error, sqlite3.DatabaseError):
                raise write_error(error, self.path) from None
            raise

    def meta_attempts(self) -> Iterator[SqliteTransaction]:
        """Write transactions on the meta beside the log only (``others`` is empty), one per
        attempt until one commits: the clock lease is claimed, renewed and released here."""
        return self._attempts(None)

    def meta(self, key: str) -> str | None:
        """A meta value as the file holds it now; None when absent or unreadable."""
        try:
            with self._lock:
                row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return str(row[0]) if row else None

    def meta_items(self, prefix: str) -> dict[str, str]:
        """Every meta value whose key starts with ``prefix`` (the seats' heartbeats), as the file
        holds them now; empty when unreadable."""
        pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        try:
            with self._lock:
                rows = self._db.execute(
                    "SELECT key, value FROM meta WHERE key LIKE ? ESCAPE '\\'", (pattern,)
                ).fetchall()
        except sqlite3.Error:
            return {}
        return {str(k): str(v) for k, v in rows if str(k).startswith(prefix)}

    def integrity_check(self) -> str:
        with self._lock:
            return str(self._db.execute("PRAGMA integrity_check").fetchone()[0])

    # --- one file: the write-ahead log folded back, and a copy -------------------------------

    def checkpoint(self, *, truncate: bool = False) -> bool:
        """Copy the write-ahead log into the main file, so the ``.simtrain`` alone holds every
        event so far; True when the whole log went in. ``PASSIVE`` never waits for readers or
        writers; ``truncate`` (on exit) also empties the ``-wal`` file. Best effort: a busy or
        read-only file simply stays as it is."""
        if self.access == "read":
            return False
        mode = "TRUNCATE" if truncate else "PASSIVE"
        try:
            with self._lock:
                busy, frames, done = self._db.execute(f"PRAGMA wal_checkpoint({mode})").fetchone()
        except sqlite3.Error:
            return False
        return not busy and frames == done

    def backup(self, dest: Path) -> int:
        """Write a consistent copy of this session to ``dest`` in one file (no ``-wal``), with
        SQLite's backup API, while others may be writing; returns how many events it holds.
        ``dest`` appears complete or not at all; an existing file is never overwritten."""
        with self._lock:
            return backup_to(self._db, self.path, dest)

    # --- liveness: not an event, so it never changes what the log says happened ----------------

    def mark_seen(self, wall: float) -> None:
        """Note that a console with a running clock was alive at ``wall``.

        After a crash the clock is stopped where the console was last seen, so exercise time
        does not run on while nobody watches; this is that last sighting.
        """
        self._set_meta("last_seen", repr(wall))

    def _set_meta(self, key: str, value: str) -> None:
        for tx in self._attempts(None):
            with tx:
                tx.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    # --- a derived copy, never the record: the scenario's data, to skip parsing its YAML ------

    def cached(self, key: str) -> str | None:
        """A value kept by :meth:`keep`; None when absent or the file cannot say."""
        try:
            with self._lock:
                row = self._db.execute(
                    "SELECT value FROM meta WHERE key = ?", (f"cache:{key}",)
                ).fetchone()
        except sqlite3.Error:
            return None
        return str(row[0]) if row else None

    def keep(self, key: str, value: str) -> None:
        """Keep a value derived from the log (safe to lose: it is made again when missing). Only
        the console keeps one: a reader or a team terminal never writes it, and a read-only or
        busy file simply keeps nothing."""
        if self.access != "write":
            return
        with contextlib.suppress(SessionError, sqlite3.Error):
            self._set_meta(f"cache:{key}", value)

    def last_seen(self) -> float | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = 'last_seen'").fetchone()
        try:
            return float(row[0]) if row else None
        except ValueError:
            return None
