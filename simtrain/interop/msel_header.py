"""Finding the MSEL in a grid: its header row, which column is which, and the sheet's language.

The header is the row among the first ten that names the most known columns (at least three, one
of them the title or the message): planners often put a title or a date above it. ``--map``
names headers no language here knows: a small YAML mapping of header -> column key.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simtrain.interop.msel_columns import (
    COLUMNS,
    MselRefused,
    Where,
    header_names,
    normalise_header,
)
from simtrain.interop.msel_read import Grid

KEYS = (*COLUMNS, "day")
SCAN_ROWS = 10


@dataclass(frozen=True)
class Header:
    index: int
    """Index in the grid's rows of the header row."""
    columns: dict[str, int]
    lang: str | None


def read_map(path: Path) -> dict[str, str]:
    """``--map FILE``: ``{header: key}`` (or under ``columns:``), read with simtrain's YAML."""
    from simtrain.yamlio import load_file

    where = Where(path.name)
    try:
        data: Any = load_file(path)  # a YamlProblem is the caller's to word, at its line
    except OSError as error:
        raise MselRefused("unreadable", where, reason=error.strerror or str(error)) from None
    if isinstance(data, dict) and isinstance(data.get("columns"), dict):
        data = data["columns"]
    if not isinstance(data, dict) or not data:
        raise MselRefused("bad_map", where)
    mapping: dict[str, str] = {}
    for header, key in data.items():
        if not isinstance(header, str) or key not in KEYS:
            raise MselRefused(
                "bad_map_key", where, header=str(header), column=str(key), keys=", ".join(KEYS)
            )
        mapping[normalise_header(header)] = key
    return mapping


def find_header(grid: Grid, mapping: dict[str, str] | None) -> Header:
    known = header_names()
    best: Header | None = None
    for index, (_number, cells) in enumerate(grid.rows[:SCAN_ROWS]):
        columns: dict[str, int] = {}
        langs: Counter[str] = Counter()
        for col, cell in enumerate(cells):
            name = normalise_header(cell)
            if not name:
                continue
            key = (mapping or {}).get(name)
            lang = None
            if key is None and name in known:
                key, lang = known[name]
            if key is not None and key not in columns:
                columns[key] = col
                if lang:
                    langs[lang] += 1
        usable = len(columns) >= 3 and ("title" in columns or "message" in columns)
        if usable and (best is None or len(columns) > len(best.columns)):
            guess = langs.most_common(1)[0][0] if langs else None
            best = Header(index, columns, guess)
    if best is None:
        first = grid.rows[0] if grid.rows else (1, [])
        found = ", ".join(c for c in first[1] if c)[:120]
        raise MselRefused("no_header", grid.where.at(None, first[0]), found=found or "—")
    if "when" not in best.columns and "day" not in best.columns:
        number = grid.rows[best.index][0]
        raise MselRefused("no_time_column", grid.where.at(None, number))
    return best
