"""The console's regions: clock header, timeline, inject detail, teams, event log.

Each widget handles one piece of data and is told what changed by the console screen (attributes
down); the timeline posts a message when the facilitator selects another inject (messages up).
Stateful tables are built once and then updated cell by cell.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable, Digits, Static

from simtrain.scenario.durations import format_clock
from simtrain.scenario.model import CHANNELS, Inject
from simtrain.session import events as ev
from simtrain.session.engine import Due
from simtrain.tui.console.control import SYMBOLS, CellState, ConsoleControl, Row, speed_label
from simtrain.tui.literal import fallback_marked, join, plain

TITLE_WIDTH = 16
"""The narrowest the title column gets; it takes whatever room the other columns leave."""
SIDE_WIDTH = 40
"""The detail pane and the event log (app.tcss uses the same figure)."""


class ClockHeader(Horizontal):
    """Title, phase and state on the left; the exercise clock in large digits on the right."""

    def compose(self) -> ComposeResult:
        with Vertical(id="header-text"):
            yield Static(id="header-title")
            yield Static(id="header-phase")
            yield Static(id="header-state")
        yield Digits("0:00:00", id="clock")

    def show(self, control: ConsoleControl) -> None:
        t = control.t
        title = control.text("title")
        self.query_one("#header-title", Static).update(
            fallback_marked(title.text, title.fallback, t("console.fallback_mark"))
        )
        state = control.session.state
        phase = state.current_phase
        if phase is None:
            shown = plain(t("console.not_started"))
        else:
            name = control.text(f"phases.{phase}.title")
            number = control.phase_number(phase)
            total = len(control.session.scenario.phases)
            words = t("console.phase_of", number=number, total=total, title="\0")
            before, _, after = words.partition("\0")
            shown = join(
                before, fallback_marked(name.text, name.fallback, t("console.fallback_mark")), after
            )
        self.query_one("#header-phase", Static).update(shown)
        self.tick(control)

    def tick(self, control: ConsoleControl) -> None:
        t = control.t
        state = control.session.state
        if state.ended_at is not None:
            status = t("console.ended")
        elif not state.clock.started:
            status = t("console.clock_not_started")
        elif state.clock.running:
            status = t("console.running", speed=speed_label(state.clock.speed))
        else:
            status = t("console.paused", speed=speed_label(state.clock.speed))
        waiting = len({due.inject for due in control.waiting()})
        if waiting:
            status += "  " + t("console.waiting", count=waiting)
        self.query_one("#header-state", Static).update(plain(status))
        self.query_one("#clock", Digits).update(control.clock_text())
        self.set_class(state.clock.running, "running")


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
        self._cells: dict[tuple[str, str], CellState] = {}
        self._rows_shown: dict[str, tuple[CellState, ...]] = {}
        self.title_width = TITLE_WIDTH
        self.channel_width = 8
        self._spaced = True

    def build(self, control: ConsoleControl) -> None:
        """Columns and rows from scratch: on start and when the interface language changes."""
        t = control.t
        self.clear(columns=True)
        self._cells.clear()
        self._rows_shown.clear()
        teams = len(control.session.state.teams)
        self._spaced = teams <= 10
        states_width = max(teams * 2 - 1 if self._spaced else teams, 5)
        # the channel column fits the longest channel name in this language ("documento")
        channel_width = max(len(t(f"channels.{c}")) for c in CHANNELS)
        channel_width = max(channel_width, len(t("console.col.channel")), 5)
        self.channel_width = channel_width
        fixed = 6 + 12 + channel_width + 12 + states_width + 2 * 6
        self.title_width = max(TITLE_WIDTH, _available(self) - fixed)
        self.add_column(t("console.col.time"), key="time", width=6)
        self.add_column(t("console.col.id"), key="id", width=12)
        self.add_column(t("console.col.channel"), key="channel", width=channel_width)
        self.add_column(t("console.col.from_to"), key="from_to", width=12)
        self.add_column(t("console.col.title"), key="title", width=self.title_width)
        numbers = [str(k % 10 if not self._spaced else k) for k in range(1, teams + 1)]
        header = (" " if self._spaced else "").join(numbers)
        self.add_column(header, key="teams", width=states_width)
        due = control.due_now()
        for row in control.rows:
            self._add(control, row, due)

    def _states(
        self, control: ConsoleControl, row: Row, due: dict[tuple[str, str], Due]
    ) -> tuple[CellState, ...]:
        states = []
        for tid, ts in control.session.state.teams.items():
            state = control.cell_state(ts, row, due)
            self._cells[(tid, row.key)] = state
            states.append(state)
        return tuple(states)

    def _glyphs(self, states: tuple[CellState, ...]) -> Text:
        out = Text()
        for k, state in enumerate(states):
            if k and self._spaced:
                out.append(" ")
            out.append_text(_symbol(state))
        return out

    def _add(self, control: ConsoleControl, row: Row, due: dict[tuple[str, str], Due]) -> None:
        states = self._states(control, row, due)
        self._rows_shown[row.key] = states
        self.add_row(
            plain(self._time(control, row)),
            plain(_short(row.key, 12)),
            plain(_short(control.t(f"channels.{self._channel(row)}"), self.channel_width)),
            plain(_short(self._from_to(control, row), 12)),
            _title(control, row, self.title_width),
            self._glyphs(states),
            key=row.key,
        )

    def add_rows_for(self, control: ConsoleControl, rows: Sequence[Row]) -> None:
        due = control.due_now()
        for row in rows:
            if row.key not in self.rows:
                self._add(control, row, due)

    def refresh_states(self, control: ConsoleControl, keys: set[str] | None = None) -> int:
        """Rewrite the state cell of rows whose states changed; ``keys`` limits the rows."""
        due = control.due_now()
        changed = 0
        if keys is None:
            rows = control.rows
        else:
            by_key = control.row_by_key
            rows = [by_key[k] for k in keys if k in by_key]
        for row in rows:
            states = self._states(control, row, due)
            if self._rows_shown.get(row.key) != states:
                self._rows_shown[row.key] = states
                if row.key in self.rows:
                    self.update_cell(row.key, "teams", self._glyphs(states))
                changed += 1
        return changed

    def state_of(self, team: str, key: str) -> CellState | None:
        return self._cells.get((team, key))

    def _time(self, control: ConsoleControl, row: Row) -> str:
        if row.inject is None:
            return control.t("console.adhoc_time")
        day = control.phase_number(row.inject.phase)
        if row.inject.at is not None:
            return f"{day}·{format_clock(row.inject.at)}"
        return f"{day}·↳"

    @staticmethod
    def _channel(row: Row) -> str:
        if row.inject is not None:
            return row.inject.channel
        assert row.adhoc is not None
        return row.adhoc.channel

    @staticmethod
    def _from_to(control: ConsoleControl, row: Row) -> str:
        if row.inject is None:
            return control.t("console.control_cell")
        source = row.inject.from_ or "control"
        to = control.t("console.all") if row.inject.to == "all" else ", ".join(row.inject.to)
        return f"{source} → {to}"

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


def _symbol(state: CellState) -> Text:
    styles = {
        "due": "bold reverse",
        "delivered": "bold",
        "rated": "bold",
        "skipped": "dim",
        "pending": "dim",
        "delayed": "italic",
    }
    return Text(SYMBOLS[state], style=styles.get(state, ""))


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _available(widget: DataTable[Text]) -> int:
    """Columns the table can fill: its own width once laid out, else the screen's share."""
    width = widget.size.width or (widget.app.size.width - SIDE_WIDTH - 1)
    return width - 2  # the vertical scrollbar


def _title(control: ConsoleControl, row: Row, width: int = TITLE_WIDTH) -> Text:
    title = control.inject_title(row)
    short = _short(title.text, width - (2 if title.fallback else 0))
    return fallback_marked(short, title.fallback, "*")


class InjectDetail(VerticalScroll):
    """The selected inject in full, as the control cell needs it: never shown to trainees."""

    def compose(self) -> ComposeResult:
        yield Static(id="detail-body")

    def show(self, control: ConsoleControl, row: Row | None) -> None:
        body = self.query_one("#detail-body", Static)
        if row is None:
            body.update("")
            return
        body.update(detail_text(control, row))
        self.scroll_home(animate=False)


def detail_text(control: ConsoleControl, row: Row) -> Text:
    t = control.t
    mark = t("console.fallback_mark")
    out = Text()

    def heading(key: str) -> None:
        out.append("\n" + t(key) + "\n", style="bold underline")

    def content(key: str) -> None:
        resolved = control.text(key)
        out.append_text(fallback_marked(resolved.text.rstrip(), resolved.fallback, mark))
        out.append("\n")

    if row.adhoc is not None:
        out.append_text(plain(row.adhoc.title, "bold"))
        out.append("\n" + t("console.adhoc_label") + "\n\n", style="italic")
        out.append_text(plain(row.adhoc.message))
        return out
    inject = row.inject
    assert inject is not None
    title = control.text(f"injects.{inject.id}.title")
    shown = fallback_marked(title.text, title.fallback, mark)
    shown.stylize("bold")
    out.append_text(shown)
    out.append("\n")
    out.append_text(plain(_meta(control, inject), "dim"))
    out.append("\n")
    heading("console.detail.message")
    content(f"injects.{inject.id}.message")
    if inject.control_note is not None:
        heading("console.detail.control_note")
        content(f"injects.{inject.id}.control_note")
    if inject.attachments:
        heading("console.detail.attachments")
        for name in inject.attachments:
            out.append_text(plain(f"• {name}"))
            out.append("\n")
        out.append(t("console.detail.open_hint") + "\n", style="dim italic")
    if inject.expect:
        heading("console.detail.expect")
        for action in inject.expect:
            window = t.span(action.within) if action.within else "—"
            line = t(
                "console.detail.expect_line",
                role=control.name_of_role(action.by),
                points=action.points,
                window=window,
                objective=action.objective,
            )
            out.append_text(plain(f"• [{action.id}] ", "bold"))
            content(f"injects.{inject.id}.expect.{action.id}.text")
            out.append_text(plain(f"  {line}", "dim"))
            out.append("\n")
    if inject.decision is not None:
        heading("console.detail.decision")
        content(f"injects.{inject.id}.decision.prompt")
        for option in inject.decision.options:
            out.append_text(plain(f"  ◦ [{option.id}] ", "bold"))
            content(f"injects.{inject.id}.decision.options.{option.id}.text")
    return out


def _meta(control: ConsoleControl, inject: Inject) -> str:
    t = control.t
    if inject.at is not None:
        when = t(
            "console.detail.at",
            phase=control.name_of_phase(inject.phase),
            time=format_clock(inject.at),
        )
    else:
        when = t(
            "console.detail.after",
            phase=control.name_of_phase(inject.phase),
            delay=t.span(inject.delay),
        )
    to = (
        t("console.all")
        if inject.to == "all"
        else ", ".join(control.name_of_role(r) for r in inject.to)
    )
    delivery = (
        t("console.detail.confirm") if inject.confirmed_by_control else t("console.detail.auto")
    )
    return join(
        when,
        t(f"channels.{inject.channel}"),
        control.name_of_character(inject.from_) + " → " + to,
        delivery,
        sep=" · ",
    ).plain


class TeamsPanel(DataTable[Text]):
    """Each team at a glance: score, progress, what waits on it, what it last reported."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", **kwargs)  # type: ignore[arg-type]
        self._shown: dict[tuple[str, str], str] = {}
        self.report_width = 10

    def build(self, control: ConsoleControl) -> None:
        t = control.t
        self.clear(columns=True)
        self._shown.clear()
        # a heading is never cut: a language with longer words gets a wider column
        widths = {"score": 5, "delivered": 12, "waiting": 16}
        for key in widths:
            widths[key] = max(widths[key], len(t(f"console.teams.{key}")))
        self.add_column("#", key="number", width=2)
        self.add_column(t("console.teams.team"), key="team", width=14)
        for key, width in widths.items():
            self.add_column(t(f"console.teams.{key}"), key=key, width=width)
        used = 2 + 14 + sum(widths.values()) + 2 * 6
        self.report_width = max(10, _available(self) - used)
        self.add_column(t("console.teams.report"), key="report", width=self.report_width)
        for number, (tid, ts) in enumerate(control.session.state.teams.items(), start=1):
            self.add_row(
                plain(str(number)), plain(_short(ts.team.name, 14)), *[Text("")] * 4, key=tid
            )
        self.show(control)

    def show(self, control: ConsoleControl) -> None:
        t = control.t
        scores = control.scores()
        waiting: dict[str, int] = {}
        for due in control.waiting():
            waiting[due.team] = waiting.get(due.team, 0) + 1
        for tid, ts in control.session.state.teams.items():
            if tid not in self.rows:
                continue
            total = scores[tid].total if tid in scores else None
            # nothing rated yet: a dash, as in the report, not a 0 % the team did not earn
            percent = total.percent if total is not None and total.rated else None
            rated = sum(1 for history in ts.ratings.values() if history)
            decisions = len(control.pending_decisions(ts))
            report = ts.reports[-1].text if ts.reports else ""
            values = {
                "score": "—" if percent is None else f"{percent:.0f}%",
                "delivered": f"{len(ts.delivered)}/{rated}",
                "waiting": t(
                    "console.teams.waiting_value", confirm=waiting.get(tid, 0), decide=decisions
                ),
                "report": _short(" ".join(report.split()), self.report_width),
            }
            for column, value in values.items():
                if self._shown.get((tid, column)) != value:
                    self._shown[(tid, column)] = value
                    self.update_cell(tid, column, plain(value))


class EventLog(Static):
    """The latest events, newest first, each one line in the interface language."""

    LIMIT = 40
    """The box shows a handful of lines; the report and the session file keep everything."""

    def show(self, control: ConsoleControl) -> None:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, style="dim")
        grid.add_column()
        for recorded in reversed(control.session.log[-self.LIMIT :]):
            if recorded.type == "created":
                continue
            grid.add_row(
                format_clock(recorded.at, with_seconds=True), plain(control.describe(recorded))
            )
        self.update(grid)


def log_lines(control: ConsoleControl) -> list[str]:
    """The event log as plain lines (for tests and the report screen)."""
    return [
        control.describe(r)
        for r in reversed(control.session.log)
        if not isinstance(r.event, ev.Created)
    ]
