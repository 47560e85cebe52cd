"""Reading a spreadsheet someone else made, defensively: XLSX or CSV to a grid of texts.

The file is checked before anything is unpacked: its size, that an ``.xlsx`` is a zip archive at
all, and what the archive says it holds (how many members, how many bytes unpacked, how far each
is compressed), so a zip bomb is refused before openpyxl reads it. openpyxl then reads in
``read_only`` mode (rows streamed, never the whole sheet in memory), and rows are counted as they
come: past :data:`MAX_ROWS` the file is refused in one line. A formula is never evaluated: the
value Excel saved with it is read (a second streamed pass, only when there are formulas), and
each formula cell is reported. Merged cells hold their text in their first cell only; the phase and
day columns carry down an empty cell from the row above, which is what merging them means.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simtrain.interop.msel_columns import MselRefused, Where, normalise_header

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED = 100 * 1024 * 1024
MAX_MEMBERS = 2_000
MAX_RATIO = 100
MAX_ROWS = 5_000
"""Injects an MSEL may hold: the largest scenario simtrain is measured on (bench/)."""
MAX_COLUMNS = 64
SHEET_NAMES = {normalise_header(n) for n in ("injects", "инжекты", "inject", "msel")}


@dataclass
class Grid:
    """A sheet's non-empty rows: (row number, cell texts), where it is, and its formula cells."""

    where: Where
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    formulas: list[tuple[int, int]] = field(default_factory=list)
    """(column index, row number) of each formula cell."""
    title: str = ""
    """The workbook's title, when it has one (``msel`` writes the scenario's)."""


def read_grid(path: Path) -> Grid:
    """The grid of an ``.xlsx`` or ``.csv`` file; raises :class:`MselRefused` with one line."""
    where = Where(path.name)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise MselRefused("unreadable", where, reason=error.strerror or str(error)) from None
    if not path.is_file():
        raise MselRefused("not_a_file", where)
    if size > MAX_FILE_BYTES:
        raise MselRefused("too_big", where, size=_mb(size), limit=_mb(MAX_FILE_BYTES))
    if path.suffix.lower() == ".csv":
        return _read_csv(path, where)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise MselRefused("unknown_format", where)
    return _read_xlsx(path, where)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


def _text(value: Any) -> str:
    """A cell's value as the words it shows: a time as ``H:MM``, 15.0 as ``15``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.time):
        return f"{value.hour}:{value.minute:02d}" + (f":{value.second:02d}" if value.second else "")
    if isinstance(value, dt.timedelta):
        seconds = int(value.total_seconds())
        hours, rest = divmod(seconds, 3600)
        return f"{hours}:{rest // 60:02d}" + (f":{rest % 60:02d}" if rest % 60 else "")
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


# --- CSV --------------------------------------------------------------------------------


def _read_csv(path: Path, where: Where) -> Grid:
    data = path.read_bytes()
    if data[:2] == b"PK":
        raise MselRefused("csv_is_zip", where)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MselRefused("not_utf8", where) from None
    if "\x00" in text:
        raise MselRefused("binary", where)
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    grid = Grid(where)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, row in enumerate(reader, 1):
            cells = [_text(c) for c in row[:MAX_COLUMNS]]
            if any(cells):
                _add(grid, number, cells)
    except csv.Error as error:
        raise MselRefused("bad_csv", where.at(None, reader.line_num), reason=str(error)) from None
    return grid


def _add(grid: Grid, number: int, cells: list[str]) -> None:
    if len(grid.rows) >= MAX_ROWS + 10:  # a few title rows above the header are fine
        raise MselRefused("too_many_rows", grid.where, limit=MAX_ROWS)
    grid.rows.append((number, cells))


# --- XLSX -------------------------------------------------------------------------------


def _check_archive(path: Path, where: Where) -> None:
    if not zipfile.is_zipfile(path):
        raise MselRefused("not_xlsx", where)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise MselRefused("not_xlsx", where) from None
    if len(members) > MAX_MEMBERS:
        raise MselRefused("zip_bomb", where, limit=_mb(MAX_UNPACKED))
    unpacked = sum(m.file_size for m in members)
    squeezed = any(
        m.file_size > 1024 * 1024 and m.file_size > MAX_RATIO * max(m.compress_size, 1)
        for m in members
    )
    if unpacked > MAX_UNPACKED or squeezed:
        raise MselRefused("zip_bomb", where, limit=_mb(MAX_UNPACKED))
    if "xl/workbook.xml" not in {m.filename for m in members}:
        raise MselRefused("not_xlsx", where)


def _read_xlsx(path: Path, where: Where) -> Grid:
    _check_archive(path, where)
    import warnings

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes on styles and extensions
            book = load_workbook(path, read_only=True, data_only=False)
            try:
                sheet = _pick_sheet(book)
                grid = Grid(Where(where.file, sheet.title))
                grid.title = _text(getattr(book.properties, "title", None))[:200]
                _stream(sheet, grid, formulas=True)
            finally:
                book.close()
            if grid.formulas:
                grid = _cached_values(path, sheet.title, grid)
    except MselRefused:
        raise
    except Exception as error:  # a broken or hostile workbook is one line, never a traceback
        raise MselRefused("not_workbook", where, reason=type(error).__name__) from None
    return grid


def _pick_sheet(book: Any) -> Any:
    """The sheet named Injects (or MSEL) in any language, else the first one."""
    for sheet in book.worksheets:
        if normalise_header(sheet.title) in SHEET_NAMES:
            return sheet
    return book.worksheets[0]


def _stream(sheet: Any, grid: Grid, *, formulas: bool) -> None:
    for row in sheet.iter_rows(max_col=MAX_COLUMNS):
        cells: list[str] = []
        number = None
        for cell in row:
            if getattr(cell, "row", None) is not None:
                number = cell.row
            value = cell.value
            if formulas and getattr(cell, "data_type", None) == "f":
                grid.formulas.append((len(cells), cell.row))
                value = None
            cells.append(_text(value))
        if number is not None and any(cells):
            _add(grid, number, cells)


def _cached_values(path: Path, title: str, grid: Grid) -> Grid:
    """The values Excel saved with the formulas (openpyxl never calculates them)."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        values = Grid(grid.where, formulas=grid.formulas, title=grid.title)
        _stream(book[title], values, formulas=False)
    finally:
        book.close()
    return values
