"""The SQLite side of a session file: opening it, naming why it could not be opened, one write
transaction, and a copy made with the backup API.

Three kinds of access, one for each kind of program that opens a session:

``write``
    The console: read and write, WAL switched on, an older schema migrated, derived copies kept.
``append``
    A team terminal: it appends its own reports and answers but never migrates a file or keeps a
    derived copy; on a read-only file system it still opens, to read (its sends then say so).
``read``
    ``report``, ``serve``'s team list, ``backup``: SQLite's ``mode=ro`` plus ``query_only``, so
    nothing can be written. A session on read-only media whose write-ahead log is empty is read
    as ``immutable`` (SQLite cannot make its ``-shm`` there, and nobody can write it meanwhile).

A file that cannot be opened is *damaged* only when SQLite says so (``CORRUPT``, ``NOTADB``); a
read-only file system, a full disk or a missing permission is named as such.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import uuid
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Literal

from simtrain.session.events import Recorded, event_to_json
from simtrain.session.store_protocol import SessionError

Access = Literal["write", "append", "read"]

_READONLY = 8
_IOERR = 10
_CORRUPT = 11
_FULL = 13
_CANTOPEN = 14
_NOTADB = 26


def _primary(error: sqlite3.Error) -> int:
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else -1


def read_only_place(path: Path) -> bool:
    """Whether the folder holding ``path`` cannot be written (a read-only mount or permission)."""
    folder = path.resolve().parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return True
    except OSError:
        pass
    return not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK))


def disk_full(path: Path) -> bool:
    """Whether the file system holding ``path`` has no space left for an ordinary user."""
    try:
        stat = os.statvfs(path.resolve().parent)
    except OSError:
        return False
    return stat.f_bavail * stat.f_frsize < 64 * 1024


def open_error(error: sqlite3.Error | OSError, path: Path) -> SessionError:
    """What a failure to open (or first read) a session file tells the person."""
    if isinstance(error, OSError):
        if error.errno == errno.ENOSPC:
            return SessionError("disk_full", path=str(path))
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return SessionError("read_only", path=str(path))
        return SessionError("cannot_open", reason=error.strerror or str(error))
    code = _primary(error)
    if code in (_CORRUPT, _NOTADB):
        return SessionError("corrupt", path=str(path))
    if code == _FULL or (code in (_IOERR, _CANTOPEN) and disk_full(path)):
        return SessionError("disk_full", path=str(path))
    if code in (_READONLY, _CANTOPEN, _IOERR) and read_only_place(path):
        return SessionError("read_only", path=str(path))
    if code == -1 and isinstance(error, sqlite3.DatabaseError) and "malformed" in str(error):
        return SessionError("corrupt", path=str(path))
    return SessionError("cannot_open", reason=str(error))


def write_error(error: sqlite3.DatabaseError, path: Path) -> SessionError:
    """What a failed write tells the person: the disk is full, the file is read-only, the write
    failed, or the file is damaged."""
    code = _primary(error)
    if code == _FULL:
        return SessionError("disk_full", path=str(path))
    if code == _READONLY:
        return SessionError("read_only", path=str(path))
    if code in (_CORRUPT, _NOTADB):
        return SessionError("corrupt", path=str(path))
    if isinstance(error, sqlite3.OperationalError | sqlite3.IntegrityError):
        return SessionError("write_failed", reason=str(error))
    return SessionError("corrupt", path=str(path))


def busy(error: BaseException) -> bool:
    """Whether SQLite refused because another connection holds the lock (worth another try)."""
    if not isinstance(error, sqlite3.OperationalError):
        return False
    text = str(error).lower()
    return "locked" in text or "busy" in text


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
        insert(self._db, records)

    def execute(self, sql: str, params: Sequence[object] = ()) -> None:
        """A statement of the store's own (meta, migrations) inside this transaction."""
        self._db.execute(sql, params)

    def meta(self, key: str) -> str | None:
        """A meta value as it stands under this transaction's write lock."""
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def set_meta(self, key: str, value: str | None) -> None:
        """Set (or, with None, remove) a meta value in this transaction."""
        if value is None:
            self._db.execute("DELETE FROM meta WHERE key = ?", (key,))
        else:
            self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

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
        if busy(error):
            return True  # the next attempt
        if isinstance(error, sqlite3.DatabaseError):
            raise write_error(error, self._path) from None
        if kind is None:
            raise error  # a failed COMMIT that is no database error
        return False


def insert(db: sqlite3.Connection, records: Sequence[Recorded]) -> None:
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


def _raw(uri: str, timeout: float) -> sqlite3.Connection:
    return sqlite3.connect(
        uri, uri=True, timeout=timeout, isolation_level=None, check_same_thread=False
    )


def connect(
    path: Path, *, create: bool, access: Access, timeout: float
) -> tuple[sqlite3.Connection, Access]:
    """An open connection and the access it really has (``append`` falls back to ``read`` on a
    read-only file system); raises :class:`SessionError`."""
    if access == "read":
        return connect_read(path, timeout), "read"
    uri = path.resolve().as_uri() + ("?mode=rwc" if create else "?mode=rw")
    try:
        db = _raw(uri, timeout)
    except sqlite3.Error as error:
        raise open_error(error, path) from None
    try:
        db.execute("PRAGMA synchronous=FULL")
        mode = db.execute("PRAGMA journal_mode=WAL").fetchone()
        if mode is None or str(mode[0]).lower() != "wal":
            raise SessionError("cannot_open", reason=f"journal mode {mode}")
    except sqlite3.Error as error:
        db.close()
        failure = open_error(error, path)
        if access == "append" and failure.key == "read_only":
            return connect_read(path, timeout), "read"
        raise failure from None
    return db, access


def connect_read(path: Path, timeout: float) -> sqlite3.Connection:
    """A connection that cannot write: ``mode=ro`` and ``query_only``; ``immutable`` when the file
    sits where SQLite cannot make its shared-memory file and no write-ahead log holds events."""
    base = path.resolve().as_uri() + "?mode=ro"
    for uri in (base, base + "&immutable=1"):
        db: sqlite3.Connection | None = None
        try:
            db = _raw(uri, timeout)
            db.execute("PRAGMA query_only=1")
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return db
        except sqlite3.Error as error:
            if db is not None:
                db.close()
            if uri == base and _code_allows_immutable(error) and _log_is_empty(path):
                continue
            raise open_error(error, path) from None
    raise SessionError("cannot_open", reason=str(path))  # not reached: the loop returns or raises


def _code_allows_immutable(error: sqlite3.Error) -> bool:
    return _primary(error) in (_READONLY, _CANTOPEN, _IOERR, _FULL)


def _log_is_empty(path: Path) -> bool:
    wal = Path(f"{path}-wal")
    try:
        return wal.stat().st_size == 0
    except FileNotFoundError:
        return True
    except OSError:
        return False


def backup_to(db: sqlite3.Connection, source: Path, dest: Path) -> int:
    """Copy the database behind ``db`` to ``dest`` with SQLite's backup API, as one file
    (``journal_mode=DELETE``), checked, under a temporary name first; returns its event count.
    Refuses to overwrite ``dest``."""
    if dest.exists():
        raise SessionError("exists", path=str(dest))
    temp = dest.with_name(f".{dest.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        target = sqlite3.connect(temp, isolation_level=None)
        try:
            db.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
            count = int(target.execute("SELECT count(*) FROM events").fetchone()[0])
            if str(target.execute("PRAGMA integrity_check").fetchone()[0]) != "ok":
                raise SessionError("corrupt", path=str(source))
        finally:
            target.close()
        os.link(temp, dest)  # fails if dest appeared meanwhile
    except FileExistsError:
        raise SessionError("exists", path=str(dest)) from None
    except (sqlite3.Error, OSError) as error:
        raise open_error(error, dest) from None
    finally:
        for leftover in (temp, Path(f"{temp}-journal")):
            leftover.unlink(missing_ok=True)
    return count
