"""Replace a file's content all at once: a reader sees the old file or the new one, never half.

simtrain keeps small files beside the author's and the facilitator's own (translations, join
codes, what a team has read). A crash, a full disk or a second terminal writing at the same time
must not leave one of them cut short: the text goes to a temporary file in the same folder (so
the final rename stays on one file system), is flushed to the disk, and only then takes the old
name with :func:`os.replace`, which is atomic on POSIX and Windows.

The folder itself is not synced after the rename: after a power cut the old content may come
back, never a torn one, which is all these files need.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

PRIVATE = 0o600
"""Only the owner reads it (join codes: whoever reads the file can join as the team)."""

SHARED = 0o666
"""What :func:`open` asks for: the process's umask decides (files the author keeps and shares)."""

_BINARY = getattr(os, "O_BINARY", 0)
"""Windows would otherwise translate newlines on a descriptor opened without it."""


def atomic_write(path: Path, data: str | bytes, *, mode: int | None = PRIVATE) -> None:
    """Make ``path`` hold ``data`` (text as UTF-8, written as is: no newline translation).

    ``mode`` is asked for when the file is created, and the umask applies, as with
    :func:`os.open`; the new file replaces the old one, so it does not inherit the old file's
    mode. ``None`` keeps the mode of the file being replaced (a document a translator owns),
    or makes a missing one as ``SHARED``. On any error the old file is untouched and no temporary
    file is left; the error is raised.
    """
    body = data.encode("utf-8") if isinstance(data, str) else data
    keep = _mode_of(path) if mode is None else None
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY
    descriptor = os.open(temp, flags, SHARED if mode is None else mode)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            if keep is not None:
                os.chmod(temp, keep)  # exactly the old bits, which the umask would trim
            handle.write(body)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def _mode_of(path: Path) -> int | None:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return None
