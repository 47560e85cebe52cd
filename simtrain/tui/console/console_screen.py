"""The console screen: what a facilitator looks at for four days.

Keys become typed calls on the :class:`Facilitator`, which appends events and returns them; only
then does the screen show the action as done. It works out each region's view once per event or
clock tick (:mod:`views`) and sets it on the widget, touching only the rows the new events name. A
one-second timer reads what other processes wrote and lets the program deliver what it delivers
by itself. The keys' actions live in :mod:`console_actions`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from simtrain.sanitize import visible
from simtrain.session import events as ev
from simtrain.session.engine import Due
from simtrain.session.presence import seen
from simtrain.session.rules import adhoc_expect
from simtrain.session.store import SessionError
from simtrain.tui.console.console_actions import ConsoleActions
from simtrain.tui.console.facilitator import Facilitator
from simtrain.tui.console.inject_views import detail_view
from simtrain.tui.console.notices import Notice, Notices
from simtrain.tui.console.report_views import team_reports
from simtrain.tui.console.seats_view import seats_line
from simtrain.tui.console.views import (
    DueMap,
    HeaderView,
    Row,
    cell_states,
    header_view,
    log_lines,
    log_text,
    team_rows,
    timeline_row,
)
from simtrain.tui.console.widgets import ClockHeader, EventLog, InjectDetail, TeamsPanel, Timeline
from simtrain.tui.footer import WrappingFooter
from simtrain.tui.literal import plain
from simtrain.tui.localized import localize_bindings

READ_S = 0.25
"""How often the console reads what other processes appended (an idle read costs microseconds)."""


class ConsoleScreen(ConsoleActions, Screen[None]):
    """Header, timeline and detail side by side, teams and the event log below."""

    BINDINGS = [  # noqa: RUF012 - Textual's class-level convention
        Binding("space", "toggle_clock", "keys.clock"),
        Binding("plus,equals_sign", "faster", "keys.faster", key_display="+"),
        Binding("minus", "slower", "keys.slower", key_display="-"),
        Binding("w", "next_waiting", "keys.next_waiting"),
        Binding("d", "deliver", "keys.deliver"),
        Binding("s", "skip", "keys.skip"),
        Binding("x", "delay", "keys.delay"),
        Binding("r", "rate", "keys.rate"),
        Binding("n", "note", "keys.note"),
        Binding("a", "adhoc", "keys.adhoc"),
        Binding("o", "open_attachment", "keys.open", show=False),
        Binding("p", "next_phase", "keys.next_phase"),
        Binding("t", "report", "keys.report"),
        Binding("l", "languages", "keys.languages"),
        Binding("question_mark", "help", "keys.help", key_display="?"),
        Binding("q", "quit_console", "keys.quit"),
    ]

    class Ready(Message):
        """The console is built: what lives for the whole exercise exists now."""

    def __init__(self, facilitator: Facilitator) -> None:
        super().__init__()
        self.facilitator = facilitator
        localize_bindings(self, facilitator.t)
        self._notified: set[tuple[str, str]] = set()
        self.notices = Notices(self)
        """News toasts: held while a dialog is open, one "due" notice at a time."""
        self._due: set[tuple[str, str]] = set()

    # --- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield ClockHeader(id="header")
        with Horizontal(id="main"):
            yield Timeline(id="timeline")
            yield InjectDetail(id="detail")
        with Horizontal(id="bottom"):
            yield TeamsPanel(id="teams")
            with Vertical(id="log-box"):
                seats = Static(id="seats")  # the seats connected now; hidden while none is
                seats.display = False
                yield seats
                yield EventLog(id="log")
        yield WrappingFooter(id="console-footer")

    @property
    def header(self) -> ClockHeader:
        return self.query_one(ClockHeader)

    @property
    def timeline(self) -> Timeline:
        return self.query_one(Timeline)

    @property
    def detail(self) -> InjectDetail:
        return self.query_one(InjectDetail)

    @property
    def teams_panel(self) -> TeamsPanel:
        return self.query_one(TeamsPanel)

    @property
    def event_log(self) -> EventLog:
        return self.query_one(EventLog)

    def on_mount(self) -> None:
        self.rebuild()
        self.timeline.focus()
        self.set_interval(1.0, self.on_tick)
        # other seats' writes (a rating from an evaluator, a team's report) are read four times
        # a second, so they show within a second however the clock's tick falls
        self.set_interval(READ_S, self.on_read)
        self.post_message(self.Ready())

    def rebuild(self) -> None:
        """Everything from scratch: at start and after a change of language."""
        f = self.facilitator
        view, state = f.run_view, f.session.state
        due = f.due_now()
        self.header.show(self._header(f.waiting()))
        rows = [timeline_row(view, row, due) for row in f.rows()]
        self.timeline.build(f.t, list(state.teams), rows)
        self.teams_panel.build(f.t, [(tid, ts.team.name) for tid, ts in state.teams.items()])
        self._show_teams()
        self._show_log()
        self._show_detail()
        self.sub_title = visible(f.session.path.name, multiline=False)  # a file's name

    def relocalize(self) -> None:
        localize_bindings(self, self.facilitator.t)
        self.refresh_bindings()
        self.rebuild()

    # --- views set on the widgets ------------------------------------------------------------

    def _show_teams(self, waiting: list[Due] | None = None) -> None:
        f = self.facilitator
        waiting = f.waiting() if waiting is None else waiting
        self.teams_panel.show(team_rows(f.run_view, f.session.scores(), waiting))

    def _show_log(self) -> None:
        view = self.facilitator.run_view
        self.event_log.show(log_lines(view, view.session.tail(EventLog.LIMIT)))

    def _show_detail(self) -> None:
        row = self.selected_row
        self.detail.show(None if row is None else detail_view(self.facilitator.run_view, row))

    def _show_states(self, keys: Iterable[str], due: DueMap | None = None) -> None:
        f = self.facilitator
        due = f.due_now() if due is None else due
        state = f.session.state
        rows = [row for row in map(f.row, keys) if row is not None]
        self.timeline.set_states({row.key: cell_states(state, row, due) for row in rows})

    # --- the clock ---------------------------------------------------------------------------

    def _header(self, waiting: list[Due]) -> HeaderView:
        """The header's view; a viewer's says that another console drives the clock."""
        f = self.facilitator
        view = header_view(f.run_view, waiting)
        if not f.lease.viewer:
            return view
        return replace(view, status=f"{view.status}  · {f.t('lease.viewer_mark')}")

    def lease_changed(self, news: str) -> None:
        """Say that this console lost the clock to another, or has it now, and redraw."""
        f = self.facilitator
        other = f.lease.other.label if f.lease.other is not None else "?"
        self.notify(
            f.t(f"lease.{news}", console=other),
            severity="warning",
            timeout=15,
            markup=False,
        )
        self.header.show(self._header(f.waiting()))

    def on_tick(self) -> None:
        f = self.facilitator
        try:
            new = f.tick()
        except SessionError as error:
            self.notify(error.render(f.t), severity="error", markup=False)
            return
        waiting = f.waiting()
        self.header.tick(self._header(waiting))
        if f.lease_news is not None:
            news, f.lease_news = f.lease_news, None
            self.lease_changed(news)
        if new:
            self.after_events(new)
            self._notify_from_teams(new)
        self._show_due()
        self._notify_waiting(waiting)
        self._show_seats()

    def _show_seats(self) -> None:
        """The seats (teams, evaluators, actors) seen in the last seconds, in one line."""
        f = self.facilitator
        line = seats_line(f.run_view, seen(f.session.store, f.clock()))
        widget = self.query_one("#seats", Static)
        widget.display = bool(line.text)
        widget.update(plain(line.text))

    def on_read(self) -> None:
        f = self.facilitator
        try:
            new = f.read()
        except SessionError:
            return  # the next tick says what is wrong
        if new:
            self.after_events(new)
            self._notify_from_teams(new)

    def _notify_from_teams(self, new: Iterable[ev.Recorded]) -> None:
        """A team's answer or report, written at its own terminal, is news for the control cell."""
        f = self.facilitator
        for recorded in new:
            if recorded.who == f.who:
                continue
            if isinstance(recorded.event, ev.DecisionRecorded | ev.TeamReport):
                text = log_text(f.run_view, recorded)
                self.notices.news(Notice(text, f.t("console.from_team"), "information", 10))

    def _show_due(self, due_map: DueMap | None = None) -> None:
        """Rows whose due status changed without an event (time passed): update just those."""
        due_map = self.facilitator.due_now() if due_map is None else due_map
        due = set(due_map)
        changed = {inject for _, inject in due ^ self._due}
        self._due = due
        if changed:
            self._show_states(changed, due_map)
            self._show_teams(_waiting(due_map))

    def _notify_waiting(self, waiting: list[Due]) -> None:
        """One notice an inject that newly waits for the control cell, naming its teams."""
        f = self.facilitator
        t = f.t
        fresh: dict[str, list[str]] = {}
        for due in waiting:
            key = (due.team, due.inject)
            if key not in self._notified:
                self._notified.add(key)
                fresh.setdefault(due.inject, []).append(due.team)
        for inject, team_ids in fresh.items():
            names = ", ".join(f.run_view.team_name(tid) for tid in team_ids)
            title = f.run_view.text(f"injects.{inject}.title").text
            words = t("console.due_notice", team=names, inject=inject, title=title)
            self.notices.due(Notice(words, t("console.due_title"), "warning", 8))

    def after_events(self, new: Iterable[ev.Recorded]) -> None:
        """Show what the log now says, touching only the rows the new events name.

        An event that names no inject (the clock, a phase, a decision) changes a row only by
        making something due or not due, which :meth:`_show_due` finds by comparing due sets; so
        no event ever makes the console walk the whole timeline.
        """
        records = list(new)
        if not records:
            return
        f = self.facilitator
        keys: set[str] = set()
        for recorded in records:
            event = recorded.event
            if isinstance(event, ev.AdhocInject):
                row = f.row(event.adhoc)
                if row is not None:
                    self.timeline.add([timeline_row(f.run_view, row, f.due_now())])
            elif isinstance(event, ev.InjectDelivered | ev.InjectSkipped | ev.InjectDelayed):
                keys.add(event.inject)
            elif isinstance(event, ev.RatingGiven):
                owner = f.session.index.expect.get(event.expect)
                if owner is not None:
                    keys.add(owner[0].id)
                elif (adhoc := adhoc_expect(f.session.state, event.expect)) is not None:
                    keys.add(adhoc[0])  # an ad-hoc inject's expected action
        due = f.due_now()
        waiting = _waiting(due)
        if keys:
            self._show_states(keys, due)
        self._show_due(due)
        self._show_teams(waiting)
        self._show_log()
        self.header.show(self._header(waiting))
        row = self.selected_row
        if row is not None and row.key in keys:
            self._show_detail()

    # --- selection ---------------------------------------------------------------------------

    @property
    def selected_row(self) -> Row | None:
        key = self.timeline.selected_key
        return None if key is None else self.facilitator.row(key)

    def on_screen_resume(self) -> None:
        """Back on top after a dialog: the news that waited is shown now."""
        self.notices.flush()

    @on(DataTable.RowSelected, "#teams")
    def _team_chosen(self, message: DataTable.RowSelected) -> None:
        """Enter on a team: its reports, whole and newest first (the panel shows a cut)."""
        from simtrain.tui.console.team_reports_screen import TeamReportsScreen

        team = message.row_key.value
        f = self.facilitator
        if team is not None and team in f.session.state.teams:
            self.app.push_screen(TeamReportsScreen(f.t, team_reports(f.run_view, team)))

    @on(Timeline.InjectSelected)
    def _selected(self, message: Timeline.InjectSelected) -> None:
        self._show_detail()


def _waiting(due: DueMap) -> list[Due]:
    """What waits for a person among what is due (the facilitator's ``waiting``, from one map)."""
    return [d for d in due.values() if d.action == "confirm"]
