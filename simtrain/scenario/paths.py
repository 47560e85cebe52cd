"""Path confinement: a scenario names files only inside its own folder.

An attachment, or its translated copy, is a path an author typed; a shared scenario may come from
anyone, so it is refused when it is absolute, climbs out with ``..``, or resolves (through a
symlink) outside the folder. Both the scenario's checks and the catalog's document lookup hold paths
to this one rule before anything is read.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath


def attachment_problem(root: Path, name: str) -> str | None:
    """Why an attachment path is refused, or None: it must be a relative file inside the folder."""
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in name):
        return "attachment_control"  # a NUL (refused by the OS) or a line break in a file name
    pure = PurePosixPath(name.replace("\\", "/"))
    if pure.is_absolute() or (len(name) > 1 and name[1] == ":"):
        return "attachment_absolute"
    if ".." in pure.parts:
        return "attachment_outside"
    target = root / Path(*pure.parts)
    try:
        resolved = target.resolve(strict=True)
    except (FileNotFoundError, NotADirectoryError):
        return "attachment_missing"
    except (OSError, RuntimeError, ValueError):  # a symlink loop
        return "attachment_unreadable"
    if not resolved.is_relative_to(root):
        return "attachment_outside"
    if not resolved.is_file() or not os.access(resolved, os.R_OK):
        return "attachment_unreadable"
    return None
