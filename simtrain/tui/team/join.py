"""Join codes for ``simtrain serve``: what each link opens, kept beside the session.

A link is ``/KIND/CODE`` where the kind says which sort of seat the code may open (``t`` a team's
terminal, ``e`` an evaluator's seat, ``a`` an actor's seat) and the code says which one. A code is
looked up among the targets of its own kind only, so a team's code never opens a control-cell
seat, and a seat's code opens only that seat. Codes are random (about 50 bits), kept in
``SESSION.join.json`` (readable by its owner only) so links survive a restart of the server; its
keys are a team's id, ``evaluator:NAME`` or ``actor:CHARACTER`` (a file written before seats
had links holds team ids only, and those codes still open the same terminals).
"""

from __future__ import annotations

import contextlib
import json
import secrets
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from simtrain.atomic import PRIVATE, atomic_write

CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
"""No 0/o, 1/l/i: a code read aloud or copied from a projector should survive."""
CODE_LENGTH = 10
"""31**10 is about 2**49: not guessable by trying links on a room's network."""

Kind = Literal["team", "evaluator", "actor"]
PATHS: dict[Kind, str] = {"team": "t", "evaluator": "e", "actor": "a"}
"""The first segment of each kind's links."""
KINDS: dict[str, Kind] = {path: kind for kind, path in PATHS.items()}


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def codes_path(session_path: Path) -> Path:
    return session_path.with_name(session_path.name + ".join.json")


def join_codes(
    session_path: Path, keys: Sequence[str], *, renew: bool = False
) -> tuple[dict[str, str], str | None]:
    """One code per key (a team id, ``evaluator:NAME``, ``actor:CHARACTER``), reused from beside
    the session unless ``renew``; no two keys share a code.

    Returns the codes and, when they could not be kept on disk, the reason (they still work for
    this run of the server).
    """
    file = codes_path(session_path)
    codes: dict[str, str] = {}
    if not renew:
        with contextlib.suppress(OSError, ValueError):
            stored = json.loads(file.read_text(encoding="utf-8"))
            if isinstance(stored, dict):
                for key, code in stored.items():
                    if key in keys and _valid_code(code) and code not in codes.values():
                        codes[str(key)] = str(code)
    missing = [key for key in keys if key not in codes]
    if not missing:
        return codes, None
    for key in missing:
        code = new_code()
        while code in codes.values():
            code = new_code()
        codes[key] = code
    try:
        atomic_write(file, json.dumps(codes, indent=1), mode=PRIVATE)
    except OSError as error:
        return codes, error.strerror or str(error)
    return codes, None


def _valid_code(code: object) -> bool:
    return (
        isinstance(code, str)
        and len(code) == CODE_LENGTH
        and all(char in CODE_ALPHABET for char in code)
    )


@dataclass(frozen=True)
class JoinTarget:
    """What a join code opens.

    A team's terminal (``team`` its id, with the roles a trainee may narrow it to), an
    evaluator's seat (``seat`` the evaluator's name, ``teams`` the ids it sees, or every team
    with ``all_teams``) or an actor's seat (``seat`` the character's id). ``name`` is what the
    page's title says.
    """

    team: str
    name: str
    roles: tuple[str, ...] = ()
    kind: Kind = "team"
    seat: str = ""
    teams: tuple[str, ...] = ()
    all_teams: bool = False

    @property
    def key(self) -> str:
        """The target's key in ``SESSION.join.json`` and in the server's count of open tabs."""
        return self.team if self.kind == "team" else f"{self.kind}:{self.seat}"

    @staticmethod
    def evaluator(
        name: str, teams: Sequence[str], *, all_teams: bool = False, shown: str = ""
    ) -> JoinTarget:
        return JoinTarget(
            "", shown or name, kind="evaluator", seat=name, teams=tuple(teams), all_teams=all_teams
        )

    @staticmethod
    def actor(character: str, shown: str) -> JoinTarget:
        return JoinTarget("", shown, kind="actor", seat=character)


class Misses:
    """Wrong codes per address in a sliding window: a trainee's typo costs nothing, a scan of the
    room's network stops after a few dozen guesses (each code is one in 2**49 anyway)."""

    def __init__(self, clock: Callable[[], float], allowed: int, window: float) -> None:
        self.clock = clock
        self.allowed = allowed
        self.window = window
        self._seen: dict[str, deque[float]] = {}

    def _recent(self, address: str) -> int:
        """Wrong codes from ``address`` still in the window; an address gone quiet is dropped."""
        times = self._seen.get(address)
        if times is None:
            return 0
        horizon = self.clock() - self.window
        while times and times[0] <= horizon:
            times.popleft()
        if not times:
            del self._seen[address]
        return len(times)

    def blocked(self, address: str) -> bool:
        return self._recent(address) >= self.allowed

    def miss(self, address: str) -> None:
        """One more wrong code; an address keeps only its last :attr:`allowed` times."""
        self._recent(address)
        self._seen.setdefault(address, deque(maxlen=self.allowed)).append(self.clock())
