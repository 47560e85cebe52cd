"""Files a command writes because the user asked for them (``-o``): whole, or not at all.

A report, a briefing pack or the schema replaces its file all at once (:func:`atomic_write`, the
mode the user's umask gives): an interrupted run, a full disk or a reader opening the file
half-way sees the old file or the new one, never a torn one. A path that names something other
than a regular file (``/dev/stdout``, a pipe) is written to as it is: there is nothing to replace
there, and a device must never be swapped for a file.
"""

from __future__ import annotations

from pathlib import Path

from simtrain.atomic import SHARED, atomic_write
from simtrain.yamlwrite import comment_safe


def one_line(value: str) -> str:
    """What a user typed, for an error message: on one line, its control characters escaped."""
    return comment_safe(value).replace("\n", "\\n")


def write_output(path: Path, text: str) -> None:
    """``text`` into ``path`` as UTF-8, atomically when it is (or will be) a regular file; an
    ``OSError`` is the caller's to word."""
    if path.exists() and not path.is_file():
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        return
    atomic_write(path, text, mode=SHARED)
