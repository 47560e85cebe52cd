"""The session file: one SQLite database per run, an append-only table of events.

Why these settings: WAL lets the console and the team terminals read while one of them writes;
``synchronous=FULL`` makes a commit durable before ``append`` returns, so what a screen showed as
done survives ``kill -9`` and a power cut; ``BEGIN IMMEDIATE`` takes the write lock before reading
what others appended, so a check ("was this inject delivered already?") and the append that
depends on it happen atomically; a busy timeout plus a bounded retry means a second process waits
its turn instead of telling a facilitator that "the database is locked".

A file is recognised as a session by its SQLite ``application_id``; its ``user_version`` is the
schema version, and older schemas are migrated on open. Anything else (not SQLite, another
program's database, a damaged file) raises :class:`SessionError` with a message key, never a
traceback.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import TracebackType

from pydantic import ValidationError

from simtrain.session.events import Recorded, event_from_json, event_to_json, events_from_json
from simtrain.session.store_protocol import SessionError

__all__ = [
    "APPLICATION_ID",
    "SCHEMA_VERSION",
    "SUFFIX",
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


def _write_error(error: sqlite3.DatabaseError, path: Path) -> SessionError:
    """What a failed write tells the person: it failed, or the file is damaged."""
    if isinstance(error, sqlite3.OperationalError | sqlite3.IntegrityError):
        return SessionError("write_failed", reason=str(error))
    return SessionError("corrupt", path=str(path))


def _busy(error: BaseException) -> bool:
    if not isinstance(error, sqlite3.OperationalError):
        return False
    text = str(error).lower()
    return "locked" in text or "busy" in text


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


class SqliteTransaction:
    """One attempt at a write, opened with ``BEGIN IMMEDIATE`` (so it holds the write lock).

    Leaving the ``with`` block normally commits; leaving it by an exception rolls back. A busy
    database (at commit or inside the block) is swallowed and marks the attempt as not
    :attr:`committed`, so :meth:`Store.attempts` goes round again; other SQLite errors become
    :class:`SessionError`.
    """

    def __init__(self, db: sqlite3.Connection, path: Path, others: list[Recorded]) -> None:
        self._db = db
        self._path = path
        self.others: Sequence[Recorded] = others
        self.committed = False

    def insert(self, records: Sequence[Recorded]) -> None:
        _insert(self._db, records)

    def execute(self, sql: str, params: Sequence[object] = ()) -> None:
        """A statement of the store's own (meta, migrations) inside this transaction."""
        self._db.execute(sql, params)

    def __enter__(self) -> SqliteTransaction:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool:
        if error is None:
            try:
                self._db.execute("COMMIT")
            except sqlite3.Error as failed:
                error = failed
            else:
                self.committed = True
                return False
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")
        if _busy(error):
            return True  # the next attempt
        if isinstance(error, sqlite3.DatabaseError):
            raise _write_error(error, self._path) from None
        if kind is None:
            raise error  # a failed COMMIT that is no database error
        return False


Row = tuple[int, str, float, int, str, str]


def _recorded(row: Row) -> Recorded:
    seq, ident, wall, at, who, payload = row
    try:
        event = event_from_json(payload)
    except (ValidationError, ValueError):
        raise SessionError("bad_event", seq=seq) from None
    return Recorded(seq, ident, wall, at, who, event)


class Store:
    """One open session file. Methods are safe to call from several threads of one process."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection
        self._lock = threading.Lock()

    # --- opening ------------------------------------------------------------------------------

    @staticmethod
    def _connect(path: Path, *, create: bool) -> sqlite3.Connection:
        uri = path.resolve().as_uri() + ("?mode=rwc" if create else "?mode=rw")
        try:
            db = sqlite3.connect(
                uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as error:
            raise SessionError("cannot_open", reason=str(error)) from None
        try:
            db.execute("PRAGMA synchronous=FULL")
            mode = db.execute("PRAGMA journal_mode=WAL").fetchone()
            if mode is None or str(mode[0]).lower() != "wal":
                raise SessionError("cannot_open", reason=f"journal mode {mode}")
        except sqlite3.DatabaseError:
            db.close()
            raise SessionError("corrupt", path=str(path)) from None
        return db

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
        db = cls._connect(temp, create=True)
        try:
            db.executescript("".join(MIGRATIONS.values()))
            db.execute("BEGIN IMMEDIATE")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute("INSERT INTO meta VALUES ('format', 'simtrain-session')")
            _insert(db, first())
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
    def open(cls, path: Path) -> Store:
        """An existing session file, migrated to the current schema if it is older."""
        if not path.exists():
            raise SessionError("missing", path=str(path))
        if path.is_dir():
            raise SessionError("is_dir", path=str(path))
        try:
            with path.open("rb") as handle:
                header = handle.read(len(_SQLITE_HEADER))
        except OSError as error:
            raise SessionError("cannot_open", reason=error.strerror or str(error)) from None
        if header != _SQLITE_HEADER:
            raise SessionError("not_session", path=str(path))
        db = cls._connect(path, create=False)
        try:
            app = db.execute("PRAGMA application_id").fetchone()[0]
            version = db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError:
            db.close()
            raise SessionError("corrupt", path=str(path)) from None
        if app != APPLICATION_ID:
            db.close()
            raise SessionError("not_session", path=str(path))
        if version > SCHEMA_VERSION:
            db.close()
            raise SessionError("too_new", path=str(path), version=version, supported=SCHEMA_VERSION)
        store = cls(path, db)
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
            if _busy(error):
                raise SessionError("busy") from None
            raise SessionError("corrupt", path=str(self.path)) from None
        except sqlite3.DatabaseError:
            raise SessionError("corrupt", path=str(self.path)) from None
        try:
            decoded = events_from_json([row[5] for row in rows])
        except (ValidationError, ValueError):
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
            if _busy(error):
                return None
            if isinstance(error, sqlite3.DatabaseError):
                raise _write_error(error, self.path) from None
            raise

    def integrity_check(self) -> str:
        with self._lock:
            return str(self._db.execute("PRAGMA integrity_check").fetchone()[0])

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
        """Keep a value derived from the log (safe to lose: it is made again when missing). A
        read-only or busy file simply keeps nothing."""

        with contextlib.suppress(SessionError, sqlite3.Error):
            self._set_meta(f"cache:{key}", value)

    def last_seen(self) -> float | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = 'last_seen'").fetchone()
        try:
            return float(row[0]) if row else None
        except ValueError:
            return None


def _insert(db: sqlite3.Connection, records: Sequence[Recorded]) -> None:
    db.executemany(
        "INSERT INTO events (seq, id, wall, at, who, type, team, inject, payload) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                r.seq,
                r.id,
                r.wall,
                r.at,
                r.who,
                r.event.type,
                getattr(r.event, "team", None),
                getattr(r.event, "inject", None),
                event_to_json(r.event),
            )
            for r in records
        ],
    )
