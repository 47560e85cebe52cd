"""Which messages a seat has opened: the trainee's view state, never an exercise event.

"Unread" belongs to one terminal seat (a team, or one role in it), not to the exercise: a trainee
opening a message is not something the control cell scores or the log replays. So it stays out of
the session's event log and lives in a small JSON file beside the session,
``SESSION.read/TEAM.json`` or ``SESSION.read/TEAM.ROLE.json``. A file rather than memory because a
browser tab that reloads starts a new team process, and a trainee should not see every message
marked new again. When that folder cannot be written (a read-only share, a session kept in memory)
the seat keeps its state in memory and nothing else changes.
"""

from __future__ import annotations

import json
from pathlib import Path

from simtrain.atomic import SHARED, atomic_write

MAX_KEYS = 10_000
"""More than any exercise delivers; a bigger file is not ours and is ignored."""


def read_state_path(session_path: Path, team: str, role: str | None) -> Path | None:
    """Where a seat keeps what it has read; None for a session with no file (a rehearsal)."""
    if str(session_path) == ":memory:":
        return None
    name = f"{team}.{role}.json" if role else f"{team}.json"
    return session_path.with_name(session_path.name + ".read") / name


class ReadState:
    """The keys of the messages one seat has opened, kept in a file when it can be."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._read: set[str] = self._load()

    def _load(self) -> set[str]:
        if self.path is None:
            return set()
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return set()
        if not isinstance(data, list) or len(data) > MAX_KEYS:
            return set()
        return {str(key) for key in data if isinstance(key, str)}

    def __contains__(self, key: str) -> bool:
        return key in self._read

    def mark(self, key: str) -> bool:
        """Note ``key`` as read; True when it was unread before."""
        if key in self._read:
            return False
        self._read.add(key)
        self._save()
        return True

    def _save(self) -> None:
        """Merge with what another terminal of the same seat wrote, then replace atomically."""
        if self.path is None:
            return
        self._read |= self._load()
        try:
            self.path.parent.mkdir(exist_ok=True)
            atomic_write(self.path, json.dumps(sorted(self._read)), mode=SHARED)
        except OSError:
            self.path = None  # cannot keep it on disk: keep it in memory from now on
