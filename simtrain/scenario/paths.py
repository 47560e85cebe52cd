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


MAX_LISTED_FILES = 2000
"""Files looked at to suggest a close name for a missing attachment: more is no scenario folder."""


def document_files(root: Path) -> list[str]:
    """The folder's files an attachment could name, relative, with ``/`` (hidden ones, the
    scenario and its translations left out): to suggest ``docs/segnalazione-scuola.md`` for a
    missing ``docs/segnalazione_scuola.md``."""
    found: list[str] = []
    for directory, folders, names in os.walk(root):
        folders[:] = sorted(f for f in folders if not f.startswith(".") and f != "l10n")
        relative = PurePosixPath(Path(directory).relative_to(root).as_posix())
        for name in sorted(names):
            if not name.startswith(".") and not name.endswith((".yaml", ".yml")):
                found.append(str(relative / name) if str(relative) != "." else name)
            if len(found) >= MAX_LISTED_FILES:
                return found
    return found
