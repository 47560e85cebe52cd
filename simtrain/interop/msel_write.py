"""``simtrain msel``: the scenario's master scenario events list as XLSX or CSV.

One row per inject, in scenario order, headers and texts in the chosen language (a text not yet
translated appears in the scenario's own language and is counted). XLSX is written with openpyxl:
a frozen, bold header row with an autofilter, column widths, wrapped text, and a page set up to
print landscape on A4, fitted to the page width, the header repeated on every page. Every value is
a text cell: a message that starts with ``=`` stays words in Excel. CSV is UTF-8 with a BOM (so
Excel reads it as UTF-8) and ``\\r\\n`` rows; a cell a spreadsheet would run as a formula starts
with an apostrophe, as in the report's CSV. Both are written atomically.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from simtrain.atomic import SHARED, atomic_write
from simtrain.i18n import Translator
from simtrain.interop.msel_cells import (
    ExpectCell,
    format_decision,
    format_expect,
    format_roles_by_action,
    join_names,
)
from simtrain.interop.msel_columns import COLUMNS, WIDTHS, neutralise
from simtrain.interop.msel_words import Words
from simtrain.sanitize import visible
from simtrain.scenario.catalog import Catalog
from simtrain.scenario.durations import format_duration
from simtrain.scenario.model import AUTO_CHANNELS, Inject

MAX_CELL = 32_767
"""The most characters a spreadsheet cell holds (Excel's limit)."""


class CellTooLong(ValueError):
    def __init__(self, inject: str, column: str) -> None:
        super().__init__(inject)
        self.inject = inject
        self.column = column


@dataclass(frozen=True)
class Msel:
    """The MSEL as text: headers, one row of cells per inject, and how many texts fell back."""

    headers: list[str]
    rows: list[list[str]]
    sheet: str
    title: str
    fallbacks: int


class _Rows:
    def __init__(self, catalog: Catalog, lang: str) -> None:
        self.catalog = catalog
        self.lang = lang
        self.t = Translator(lang)
        self.words = Words(catalog, lang)
        self.fallbacks = 0
        self.days = {p.id: n for n, p in enumerate(catalog.scenario.phases, 1)}

    def text(self, key: str) -> str:
        resolved = self.catalog.text(key, self.lang)
        self.fallbacks += resolved.fallback
        return resolved.text

    def role(self, ident: str) -> str:
        return self.text(f"roles.{ident}.name")

    def row(self, inject: Inject) -> list[str]:
        t, key = self.t, f"injects.{inject.id}"
        sender = (
            t("briefing.handbook.control_cell")
            if inject.from_ is None
            else self.text(f"characters.{inject.from_}.name")
        )
        to = (
            t("briefing.handbook.all_roles")
            if inject.to == "all"
            else join_names(self.role(r) for r in inject.to)
        )
        default = "auto" if inject.channel in AUTO_CHANNELS else "confirm"
        delivery = inject.delivery or default
        cells = {
            "when": self.words.trigger(inject, self.days[inject.phase]),
            "id": inject.id,
            "phase": self.text(f"phases.{inject.phase}.title"),
            "from": sender,
            "to": to,
            "channel": t(f"channels.{inject.channel}"),
            "delivery": t(f"msel.delivery.{delivery}"),
            "title": self.text(f"{key}.title"),
            "message": self.text(f"{key}.message"),
            "decision": self._decision(inject),
            "expect": self._expect(inject),
            "role": format_roles_by_action([self.role(a.by) for a in inject.expect])
            if inject.expect
            else "",
            "note": self.text(f"{key}.control_note") if inject.control_note is not None else "",
        }
        row = [visible(cells[c]) for c in COLUMNS]
        for column, value in zip(COLUMNS, row, strict=True):
            if len(value) > MAX_CELL:
                raise CellTooLong(inject.id, column)
        return row

    def _decision(self, inject: Inject) -> str:
        if inject.decision is None:
            return ""
        key = f"injects.{inject.id}.decision"
        options = [(o.id, self.text(f"{key}.options.{o.id}.text")) for o in inject.decision.options]
        return format_decision(self.text(f"{key}.prompt"), options)

    def _expect(self, inject: Inject) -> str:
        if not inject.expect:
            return ""
        cells = [
            ExpectCell(
                a.id,
                self.text(f"injects.{inject.id}.expect.{a.id}.text"),
                a.objective,
                str(a.points),
                format_duration(a.within) if a.within is not None else None,
            )
            for a in inject.expect
        ]
        return format_expect(cells, self.t)


def build(catalog: Catalog, lang: str) -> Msel:
    """The MSEL of a scenario in ``lang``; raises :class:`CellTooLong` for a text no cell holds."""
    rows = _Rows(catalog, lang)
    body = [rows.row(inject) for inject in catalog.scenario.injects]
    t = rows.t
    headers = [t(f"msel.columns.{c}") for c in COLUMNS]
    title = rows.text("title")
    return Msel(headers, body, t("msel.sheet"), title, rows.fallbacks)


def csv_bytes(msel: Msel) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(msel.headers)
    for row in msel.rows:
        writer.writerow([neutralise(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(msel: Msel) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = msel.sheet[:31]
    book.properties.title = msel.title[:255]
    book.properties.creator = "simtrain"
    wrap = Alignment(wrap_text=True, vertical="top")
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE3EA")
    for r, values in enumerate([msel.headers, *msel.rows], 1):
        for c, value in enumerate(values, 1):
            cell = sheet.cell(row=r, column=c)
            cell.value = value
            cell.data_type = "s"  # words, never a formula, whatever they start with
            cell.alignment = wrap
            if r == 1:
                cell.font, cell.fill = bold, fill
    for c, column in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(c)].width = WIDTHS[column]
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(COLUMNS))
    sheet.auto_filter.ref = f"A1:{last}{len(msel.rows) + 1}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write(msel: Msel, path: Path) -> None:
    """``path`` as .xlsx or .csv (by its suffix), replaced all at once; OSError is the caller's."""
    data = xlsx_bytes(msel) if path.suffix.lower() == ".xlsx" else csv_bytes(msel)
    atomic_write(path, data, mode=SHARED)
