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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from simtrain.session.events import Recorded, event_from_json, event_to_json, events_from_json

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


class SessionError(Exception):
    """A session file that cannot be used, with a message key under ``session.`` and params."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def render(self, t: Callable[..., str]) -> str:
        return str(t(f"session.{self.key}", **self.params))


def _busy(error: sqlite3.OperationalError) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


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
        def step() -> None:
            current = self._db.execute("PRAGMA user_version").fetchone()[0]
            for target in range(current + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[target].split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {target}")

        self._in_transaction(step)

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

    def append(
        self, after: int, build: Callable[[list[Recorded]], Sequence[Recorded]]
    ) -> tuple[list[Recorded], list[Recorded]]:
        """Read what others appended after ``after``, let ``build`` decide, append, commit.

        All of it happens under SQLite's write lock, so ``build`` sees the whole log and no other
        process can append between its check and this append. ``build`` may run more than once
        (when the database was busy), so it must not change anything outside. Returns the events
        read and the events written; when this returns, the written events are on disk.
        """
        result: list[tuple[list[Recorded], list[Recorded]]] = []

        def step() -> None:
            result.clear()
            others = self._read(after)
            mine = list(build(others))
            _insert(self._db, mine)
            result.append((others, mine))

        self._in_transaction(step)
        return result[0]

    def _in_transaction(self, step: Callable[[], None]) -> None:
        deadline: float | None = None
        pause = 0.005
        with self._lock:
            while True:
                try:
                    self._db.execute("BEGIN IMMEDIATE")
                    try:
                        step()
                        self._db.execute("COMMIT")
                    except BaseException:
                        if self._db.in_transaction:
                            self._db.execute("ROLLBACK")
                        raise
                    return
                except sqlite3.OperationalError as error:
                    if not _busy(error):
                        raise SessionError("write_failed", reason=str(error)) from None
                    # Retrying is a wait for another process, not a timing of the exercise:
                    # the monotonic clock here never reaches an event.
                    now = time.monotonic()
                    deadline = deadline or now + RETRY_FOR_S
                    if now > deadline:
                        raise SessionError("busy") from None
                    time.sleep(pause)
                    pause = min(pause * 2, 0.2)
                except sqlite3.IntegrityError as error:
                    raise SessionError("write_failed", reason=str(error)) from None
                except sqlite3.DatabaseError:
                    raise SessionError("corrupt", path=str(self.path)) from None

    def integrity_check(self) -> str:
        with self._lock:
            return str(self._db.execute("PRAGMA integrity_check").fetchone()[0])

    # --- liveness: not an event, so it never changes what the log says happened ----------------

    def mark_seen(self, wall: float) -> None:
        """Note that a console with a running clock was alive at ``wall``.

        After a crash the clock is stopped where the console was last seen, so exercise time
        does not run on while nobody watches; this is that last sighting.
        """

        def step() -> None:
            self._db.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('last_seen', ?)", (repr(wall),)
            )

        self._in_transaction(step)

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

        def step() -> None:
            self._db.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (f"cache:{key}", value)
            )

        with contextlib.suppress(SessionError, sqlite3.Error):
            self._in_transaction(step)

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


class MemoryStore:
    """A log kept in memory only: for rehearsals and explorations, which may keep it later with
    :meth:`Store.create`. Same interface as :class:`Store`; sequences run 1, 2, 3 ..."""

    def __init__(self, first: Sequence[Recorded]) -> None:
        self.path = Path(":memory:")
        self._rows: list[Recorded] = list(first)

    def read(self, after: int = 0) -> list[Recorded]:
        return self._rows[after:]

    def append(
        self, after: int, build: Callable[[list[Recorded]], Sequence[Recorded]]
    ) -> tuple[list[Recorded], list[Recorded]]:
        others = self._rows[after:]
        mine = list(build(others))
        self._rows.extend(mine)
        return others, mine

    def close(self) -> None:
        """Nothing to release."""

    def mark_seen(self, wall: float) -> None:
        self._seen = wall

    def last_seen(self) -> float | None:
        return getattr(self, "_seen", None)

    def integrity_check(self) -> str:
        return "ok"

    def cached(self, key: str) -> str | None:
        return None  # a rehearsal parses its scenario once anyway

    def keep(self, key: str, value: str) -> None:
        """Nothing to keep between runs."""
