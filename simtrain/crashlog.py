"""Where what went wrong is kept: a traceback log and a recovery file, beside the session.

An unexpected error reaches the person as one line (what stopped, and where the details are);
the full traceback goes to ``SESSION.errors.log`` beside the session file, or, with no session,
to ``errors.log`` in the user's cache folder. Text a person typed that could not be written to the
session (a note, an ad-hoc inject, a rating's notes) is appended to ``SESSION.recovered.txt``
with the time and what it was, so it can be typed in again. Both files are created readable by
their owner only: a traceback and a note may quote the scenario.

When the session's folder cannot be written (a read-only file system, a full disk), the user's
cache folder takes the file, then the system's temporary folder. Nothing here raises: a log that
cannot be written anywhere is reported as None.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from simtrain import __version__

ERRORS_SUFFIX = ".errors.log"
RECOVERED_SUFFIX = ".recovered.txt"
MAX_DETAIL = 160
"""Characters of an error's own message on the one line; the log has all of it."""


def cache_folder() -> Path:
    """The user's cache folder for simtrain (``$XDG_CACHE_HOME/simtrain``, ``~/.cache/simtrain``,
    ``%LOCALAPPDATA%\\simtrain``)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA")
    root = Path(base) if base else Path.home() / ".cache"
    return root / "simtrain"


def _fallbacks(name: str) -> list[Path]:
    uid = getattr(os, "getuid", lambda: "")()
    return [cache_folder() / name, Path(tempfile.gettempdir()) / f"simtrain-{uid}" / name]


def beside(session: Path | None, suffix: str, fallback: str) -> list[Path]:
    """Where a file about ``session`` goes, in order of preference."""
    places = [session.with_name(session.name + suffix)] if session is not None else []
    return [*places, *_fallbacks(fallback)]


def _append(places: list[Path], text: str) -> Path | None:
    """Append ``text`` to the first of ``places`` that takes it (owner-only when created)."""
    data = text.encode("utf-8", errors="replace")
    for place in places:
        try:
            place.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            descriptor = os.open(place, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(descriptor, data)
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
        except (OSError, ValueError):
            continue
        return place
    return None


def _stamp(wall: float | None = None) -> str:
    return time.strftime(
        "%Y-%m-%d %H:%M:%S %z", time.localtime(time.time() if wall is None else wall)
    )


def write_traceback(error: BaseException, what: str, session: Path | None = None) -> Path | None:
    """Append ``error``'s full traceback to the errors log; its path, or None if none took it."""
    lines = traceback.format_exception(type(error), error, error.__traceback__)
    header = f"=== {_stamp()} · simtrain {__version__} · {what} · {' '.join(sys.argv)}\n"
    return _append(beside(session, ERRORS_SUFFIX, "errors.log"), header + "".join(lines) + "\n")


def one_line(text: object, limit: int = MAX_DETAIL) -> str:
    """``text`` on one line, control characters shown as spaces, cut to ``limit``."""
    flat = "".join(" " if ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 else c for c in str(text))
    flat = " ".join(flat.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def crash_line(t: Callable[..., str], what: str, error: BaseException, log: Path | None) -> str:
    """The one line a person reads about an unexpected error: what stopped, why, and where the
    full details were written."""
    detail = one_line(f"{type(error).__name__}: {error}" if str(error) else type(error).__name__)
    if log is None:
        return t("crash.line_no_log", what=what, error=detail)
    return t("crash.line", what=what, error=detail, log=str(log))


def report_crash(
    t: Callable[..., str], what: str, error: BaseException, session: Path | None = None
) -> str:
    """Write the traceback and give the line to show."""
    return crash_line(t, what, error, write_traceback(error, what, session))


def keep_text(session: Path | None, what: str, text: str, wall: float | None = None) -> Path | None:
    """Append text that could not be written to the session to its recovery file, with the
    time and what it was; the file's path, or None when no place took it."""
    entry = f"--- {_stamp(wall)} · {one_line(what)}\n{text.rstrip()}\n\n"
    return _append(beside(session, RECOVERED_SUFFIX, "recovered.txt"), entry)
