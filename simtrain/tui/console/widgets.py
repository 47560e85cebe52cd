"""The console's regions: clock header, timeline, inject detail, teams, event log.

Attributes down, messages up: the console screen works out each region's view (:mod:`views`,
:mod:`inject_views`) and sets it here; no widget reads the session or the facilitator. The
timeline posts a message when the facilitator selects another inject. Stateful tables are built
once and then updated cell by cell, and only where the view changed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable, Digits, Static

from simtrain.i18n import Translator
from simtrain.scenario.catalog import Resolved
from simtrain.scenario.model import CHANNELS
from simtrain.textfit import cut
from simtrain.tui.console.inject_views import DetailView
from simtrain.tui.console.views import SYMBOLS, CellState, HeaderView, LogLine, TeamRow, TimelineRow
from simtrain.tui.literal import fallback_marked, join, plain
from simtrain.tui.localized import localize_bindings

TITLE_WIDTH = 22
"""The narrowest the title column gets; it takes whatever room the other columns leave."""
FROM_TO_WIDTH = 28
"""The "From → to" column at its widest: character and role names, each side cut to its share."""
FROM_TO_MIN = 12
"""Narrower than this, the "From → to" column is left out (the detail pane says it whole)."""
FROM_TO_READABLE = 18
"""The "From → to" column gets this much before the channel column is shown."""
REPORT_MIN = 24
"""The teams panel spells out what waits only if the last report keeps this many columns."""
ID_MAX = 32
"""An inject id is never cut (the controller calls it out) up to this length."""
SIDE_WIDTH = 40
"""The detail pane and the event log (app.tcss uses the same figure)."""


def _marked(resolved: Resolved, mark: str) -> Text:
    return fallback_marked(resolved.text, resolved.fallback, mark)


class ClockHeader(Horizontal):
    """Title, phase and state on the left; the exercise clock in large digits on the right."""

    def compose(self) -> ComposeResult:
        with Vertical(id="header-text"):
            yield Static(id="header-title")
            yield Static(id="header-phase")
            yield Static(id="header-state")
        yield Static(id="clock-day")
        yield Digits("0:00:00", id="clock")

    def show(self, view: HeaderView) -> None:
        self.query_one("#header-title", Static).update(_marked(view.title, view.mark))
        phase = (
            plain(view.phase_before)
            if view.phase_title is None
            else join(view.phase_before, _marked(view.phase_title, view.mark), view.phase_after)
        )
        self.query_one("#header-phase", Static).update(phase)
        self.tick(view)

    def tick(self, view: HeaderView) -> None:
        """The parts that change as time passes: the clock and its state."""
        self.query_one("#header-state", Static).update(plain(view.status))
        self.query_one("#clock-day", Static).update(plain(view.day))
        self.query_one("#clock", Digits).update(view.clock)
        self.set_class(view.running, "running")


class Timeline(DataTable[Text]):
    """The master scenario events list: one row an inject, one glyph per team in its last column.

    All teams' states of an inject share one cell (a glyph per team, in team order), so a
    20-team exercise renders six cells a row instead of twenty-five, and a change for one team
    rewrites one cell.
    """

    class InjectSelected(Message):
        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self._teams: tuple[str, ...] = ()
        self._rows_shown: dict[str, tuple[CellState, ...]] = {}
        self.title_width = TITLE_WIDTH
        self.channel_width = 8
        self.id_width = 12
        self.from_to_width = FROM_TO_WIDTH
        self.columns_shown: tuple[str, ...] = ()
        self._spaced = True

    def build(self, t: Translator, teams: Sequence[str], rows: Sequence[TimelineRow]) -> None:
        """Columns and rows from scratch: on start and when the interface language changes."""
        self.clear(columns=True)
        self._rows_shown.clear()
        self._teams = tuple(teams)
        count = len(teams)
        self._spaced = count <= 10
        states_width = max(count * 2 - 1 if self._spaced else count, 5)
        # the channel column fits the longest channel name in this language ("documento")
        channel_width = max(len(t(f"channels.{c}")) for c in CHANNELS)
        self.channel_width = max(channel_width, len(t("console.col.channel")), 5)
        longest = max((len(row.key) for row in rows), default=0)
        self.id_width = min(max(longest, len(t("console.col.id")), 6), ID_MAX)
        self._fit(states_width)
        self.add_column(t("console.col.time"), key="time", width=6)
        self.add_column(t("console.col.id"), key="id", width=self.id_width)
        if "channel" in self.columns_shown:
            self.add_column(t("console.col.channel"), key="channel", width=self.channel_width)
        if "from_to" in self.columns_shown:
            self.add_column(t("console.col.from_to"), key="from_to", width=self.from_to_width)
        numbers = [str(k % 10 if not self._spaced else k) for k in range(1, count + 1)]
        header = (" " if self._spaced else "").join(numbers)
        # the teams' states before the title, which takes the rest: in sight on a narrow screen
        self.add_column(header, key="teams", width=states_width)
        self.add_column(t("console.col.title"), key="title", width=self.title_width)
        self.add(rows)

    def _fit(self, states_width: int) -> None:
        """Widths in the room there is, in order of need: the time, the id whole, the teams'
        states and a title of at least :data:`TITLE_WIDTH`; then "From → to" (between
        :data:`FROM_TO_MIN` and :data:`FROM_TO_READABLE`), the channel, "From → to" up to
        :data:`FROM_TO_WIDTH`; the title takes the rest. What does not fit is in the detail
        pane beside the table."""
        padding = 2  # each column's cell padding
        room = _available(self) - (6 + self.id_width + states_width + TITLE_WIDTH + 4 * padding)
        shown = ["time", "id"]
        from_to = 0
        if room >= FROM_TO_MIN + padding:
            shown.append("from_to")
            from_to = min(FROM_TO_READABLE, room - padding)
            room -= from_to + padding
        if room >= self.channel_width + padding:
            shown.insert(2, "channel")
            room -= self.channel_width + padding
        if from_to:
            grow = min(FROM_TO_WIDTH - from_to, max(room, 0) // 2)  # the title shares
            from_to, room = from_to + grow, room - grow
        self.from_to_width = from_to
        self.title_width = TITLE_WIDTH + max(room, 0)
        self.columns_shown = (*shown, "teams", "title")

    def add(self, rows: Sequence[TimelineRow]) -> None:
        """Rows not shown yet (an ad-hoc inject written live), at the end."""
        for row in rows:
            if row.key in self.rows:
                continue
            self._rows_shown[row.key] = row.cells
            cells = {
                "time": plain(row.time),
                "id": plain(cut(row.key, self.id_width)),
                "channel": plain(cut(row.channel, self.channel_width)),
                "from_to": plain(short_from_to(row.from_to, self.from_to_width)),
                "title": _title(row.title, self.title_width),
                "teams": self._glyphs(row.cells),
            }
            self.add_row(*(cells[c] for c in self.columns_shown), key=row.key)

    def set_states(self, states: Mapping[str, tuple[CellState, ...]]) -> int:
        """Rewrite the state cell of rows whose states changed; returns how many did."""
        changed = 0
        for key, cells in states.items():
            if self._rows_shown.get(key) != cells:
                self._rows_shown[key] = cells
                if key in self.rows:
                    self.update_cell(key, "teams", self._glyphs(cells))
                changed += 1
        return changed

    def state_of(self, team: str, key: str) -> CellState | None:
        """The state shown for one team and row (tests read the screen through it)."""
        cells = self._rows_shown.get(key)
        if cells is None or team not in self._teams:
            return None
        return cells[self._teams.index(team)]

    def _glyphs(self, states: tuple[CellState, ...]) -> Text:
        out = Text()
        for k, state in enumerate(states):
            if k and self._spaced:
                out.append(" ")
            out.append_text(_symbol(state))
        return out

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.InjectSelected(event.row_key.value))

    @property
    def selected_key(self) -> str | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(Coordinate(self.cursor_row, 0)).row_key.value
        return key

    @property
    def keys(self) -> list[str]:
        """Row keys in the order shown."""
        return [str(row.key.value) for row in self.ordered_rows]


_STYLES = {
    "due": "bold reverse",
    "delivered": "bold",
    "rated": "bold",
    "skipped": "dim",
    "off_branch": "dim",
    "pending": "dim",
    "delayed": "italic",
}


def _symbol(state: CellState) -> Text:
    return Text(SYMBOLS[state], style=_STYLES.get(state, ""))


def short_from_to(text: str, width: int) -> str:
    """``sender → roles`` in ``width`` columns: each side keeps a share, so a long character
    name never hides whom the inject is for."""
    if len(text) <= width or " → " not in text:
        return cut(text, width)
    sender, _, to = text.partition(" → ")
    room = width - 1  # one "→", no spaces
    keep = max(room // 2, room - len(to))
    sender = cut(sender, min(len(sender), keep))
    return f"{sender}→{cut(to, room - len(sender))}"


def _available(widget: DataTable[Text]) -> int:
    """Columns the table can fill: its own width once laid out, else the screen's share."""
    width = widget.size.width or (widget.app.size.width - SIDE_WIDTH - 1)
    return width - 2  # the vertical scrollbar


def _title(title: Resolved, width: int = TITLE_WIDTH) -> Text:
    short = cut(title.text, width - (2 if title.fallback else 0))
    return fallback_marked(short, title.fallback, "*")


class InjectDetail(VerticalScroll):
    """The selected inject in full, as the control cell needs it: never shown to trainees."""

    def compose(self) -> ComposeResult:
        yield Static(id="detail-body")

    def show(self, view: DetailView | None) -> None:
        body = self.query_one("#detail-body", Static)
        if view is None:
            body.update("")
            return
        body.update(detail_text(view))
        self.scroll_home(animate=False)


def detail_text(view: DetailView) -> Text:
    out = Text()
    for piece in view.pieces:
        if piece.kind == "heading":
            out.append("\n" + piece.text + "\n", style="bold underline")
        elif piece.kind == "content":
            shown = fallback_marked(piece.text, piece.fallback, view.mark)
            if piece.style:
                shown.stylize(piece.style)
            out.append_text(shown)
            out.append("\n")
        else:
            out.append_text(plain(piece.text, piece.style))
    return out


class TeamsPanel(DataTable[Text]):
    """Each team at a glance: score, progress, what waits on it, what it last reported.

    Enter on a team opens its reports, whole (the console screen answers ``RowSelected``)."""

    BINDINGS = [  # noqa: RUF012 - Textual's class-level convention
        Binding("enter", "select_cursor", "console_extra.keys_reports"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", **kwargs)  # type: ignore[arg-type]
        self._shown: dict[tuple[str, str], str] = {}
        self.report_width = 10
        self.long_waiting = False
        """Room for ``1 to deliver · 0 to decide`` rather than ``1 conf. · 0 dec.``."""

    def build(self, t: Translator, teams: Sequence[tuple[str, str]]) -> None:
        """Columns and one row per (id, name) team; :meth:`show` fills them."""
        localize_bindings(self, t)
        self.clear(columns=True)
        self._shown.clear()
        # a heading is never cut: a language with longer words gets a wider column
        # ("delivered" holds rated/at stake, ``120/120`` at most)
        widths = {"score": 5, "delivered": 7, "waiting": 16}
        for key in widths:
            widths[key] = max(widths[key], len(t(f"console.teams.{key}")))
        spelled = len(t("readable.waiting_long", confirm=10, decide=10))
        room = _available(self) - (2 + 14 + sum(widths.values()) + 2 * 6)
        self.long_waiting = room - (spelled - widths["waiting"]) >= REPORT_MIN
        if self.long_waiting:
            widths["waiting"] = spelled
        self.tooltip = t("readable.waiting_help")  # what the short form's words stand for
        self.add_column("#", key="number", width=2)
        self.add_column(t("console.teams.team"), key="team", width=14)
        for key, width in widths.items():
            self.add_column(t(f"console.teams.{key}"), key=key, width=width)
        used = 2 + 14 + sum(widths.values()) + 2 * 6
        heading = len(t("console.teams.report"))
        self.report_width = max(10, heading, _available(self) - used)
        self.add_column(t("console.teams.report"), key="report", width=self.report_width)
        for number, (tid, name) in enumerate(teams, start=1):
            self.add_row(plain(str(number)), plain(cut(name, 14)), *[Text("")] * 4, key=tid)

    def show(self, rows: Sequence[TeamRow]) -> None:
        for row in rows:
            if row.team not in self.rows:
                continue
            values = {
                "score": row.score_text,
                "delivered": row.delivered,
                "waiting": row.waiting_long if self.long_waiting else row.waiting,
                "report": cut(row.last_report, self.report_width),
            }
            for column, value in values.items():
                if self._shown.get((row.team, column)) != value:
                    self._shown[(row.team, column)] = value
                    self.update_cell(row.team, column, plain(value))


class EventLog(Static):
    """The latest events, newest first, each one line in the interface language."""

    LIMIT = 40
    """The box shows a handful of lines; the report and the session file keep everything."""

    def show(self, lines: Sequence[LogLine]) -> None:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, style="dim")
        grid.add_column()
        for line in lines:
            grid.add_row(line.time, plain(line.text))
        self.update(grid)
