"""Where scenarios are found: shipped with simtrain, or in ``./scenarios`` beside the user.

Commands take SCENARIO as a path or as the id of a known scenario; this module is the one place that
turns either into a folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from simtrain.resources import scenarios_dir
from simtrain.scenario.loader import SCENARIO_FILE

LOCAL_DIR = Path("scenarios")

SHIPPED = frozenset({"central-mediterranean", "field-to-fork", "online-recruitment"})
"""The folders simtrain ships. In a checkout or an editable install the shipped folder is also the
author's ``./scenarios``, so a folder there is shipped only if it is one of these (a test keeps
this in step with the scenarios the repository tracks)."""


@dataclass(frozen=True)
class Found:
    folder: Path
    origin: Literal["shipped", "local"]


def _folders(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if (p / SCENARIO_FILE).is_file())


def find_all(cwd: Path | None = None) -> list[Found]:
    """Shipped scenarios, then local ones; the shipped folder itself is listed once."""
    shipped_root = scenarios_dir().resolve()
    local_root = ((cwd or Path.cwd()) / LOCAL_DIR).resolve()
    found = [Found(p, "shipped" if p.name in SHIPPED else "local") for p in _folders(shipped_root)]
    if local_root != shipped_root:
        found += [Found(p, "local") for p in _folders(local_root)]
    return sorted(found, key=lambda f: f.origin != "shipped")


def resolve(argument: str, cwd: Path | None = None) -> Path:
    """The scenario folder or file a command-line argument names.

    An existing path wins; otherwise the id of a local scenario, then of a shipped one. An unknown
    name comes back unchanged, so the loader reports it as missing in the usual way.
    """
    path = Path(argument)
    if path.exists():
        return path
    base = cwd or Path.cwd()
    for root in (base / LOCAL_DIR, scenarios_dir()):
        candidate = root / argument
        if "/" not in argument and (candidate / SCENARIO_FILE).is_file():
            return candidate
    return path
