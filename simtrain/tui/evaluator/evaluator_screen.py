"""The evaluator's screen: header and clock; the injects and their actions on the left; on the
right the highlighted action in full, above the teams' reports and decisions, what comes next
and the observation log.

A rating takes a few keys: move to an action, press its letter (P, S, M, U, or N for N/A),
optionally say when the team acted and add a note, Enter. ``o`` writes an observation, tied by
default to the highlighted action. A timer polls the session ten times a second, so what a team
sends, or another evaluator rates, shows here within a second.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, TabbedContent, TabPane

from simtrain.errors import KeyedError
from simtrain.session.store_protocol import SessionError
from simtrain.tui.common.seat_header import content
from simtrain.tui.common.seat_poll import SeatPoll
from simtrain.tui.evaluator.dialogs import NoteScreen, RateScreen
from simtrain.tui.evaluator.seat import EvaluatorSeat
from simtrain.tui.evaluator.views import ActionView, Change
from simtrain.tui.evaluator.widgets import (
    ActionDetail,
    ActionList,
    ArrivalList,
    Header,
    NoteList,
    UpcomingList,
    action_terms,
)
from simtrain.tui.literal import join, plain
from simtrain.tui.localized import localize_bindings

POLL_S = 0.1
"""How often the log is read: a report or a rating shows within this plus a frame."""


class EvaluatorScreen(Screen[None]):
    BINDINGS = [  # noqa: RUF012 - Textual's class-level convention
        Binding("p", "rate('P')", "evaluator.keys.rate", key_display="P/S/M/U/N"),
        Binding("s", "rate('S')", "evaluator.keys.rate", show=False),
        Binding("m", "rate('M')", "evaluator.keys.rate", show=False),
        Binding("u", "rate('U')", "evaluator.keys.rate", show=False),
        Binding("n", "rate('N/A')", "evaluator.keys.rate", show=False),
        Binding("o", "note", "evaluator.keys.note", key_display="o"),
        # the same keys on a Russian (ЙЦУКЕН) layout, and the Cyrillic look-alikes р and м
        Binding("з,р", "rate('P')", "evaluator.keys.rate", show=False),
        Binding("ы", "rate('S')", "evaluator.keys.rate", show=False),
        Binding("ь,м", "rate('M')", "evaluator.keys.rate", show=False),
        Binding("г", "rate('U')", "evaluator.keys.rate", show=False),
        Binding("т", "rate('N/A')", "evaluator.keys.rate", show=False),
        Binding("щ", "note", "evaluator.keys.note", show=False),
        Binding("f1", "tab('arrivals')", "evaluator.keys.arrivals", key_display="F1"),
        Binding("f2", "tab('next')", "evaluator.keys.next", key_display="F2"),
        Binding("f3", "tab('notes')", "evaluator.keys.notes", key_display="F3"),
    ]

    def __init__(self, seat: EvaluatorSeat, *, poll: float = POLL_S) -> None:
        super().__init__()
        self.seat = seat
        self.poll_s = poll
        self._poll = SeatPoll(self, seat, self.show)
        self._minute = -1
        self.fresh: set[str] = set()
        """Reports and decisions that arrived since the evaluator last looked at the tab."""
        localize_bindings(self, seat.t)

    def compose(self) -> ComposeResult:
        t = self.seat.t
        yield Header(t, id="header")
        with Horizontal(id="body"):
            with Vertical(id="board"):
                yield Label(t("evaluator.injects"), classes="section")
                yield ActionList(t, id="actions")
            with Vertical(id="side"):
                yield ActionDetail(t, id="detail")
                with TabbedContent(id="tabs"):
                    with TabPane(t("evaluator.tabs.arrivals"), id="arrivals"):
                        yield ArrivalList(t, id="arrival-list")
                    with TabPane(t("evaluator.tabs.next"), id="next"):
                        yield UpcomingList(t, id="upcoming")
                    with TabPane(t("evaluator.tabs.notes"), id="notes"):
                        yield NoteList(t, id="note-list")
        yield Footer()

    @property
    def actions(self) -> ActionList:
        return self.query_one(ActionList)

    def on_mount(self) -> None:
        seat = self.seat
        self.sub_title = str(seat.who)
        self.query_one(Header).show(seat.header())
        self._show_cards()
        self._show_detail()
        self._show_arrivals()
        self.query_one(UpcomingList).show(seat.upcoming(), seat.now(), seat.clock_text)
        self.query_one(NoteList).show(seat.notes(), seat.clock_text)
        self.actions.focus()
        if self.actions.option_count:
            self.actions.action_first()  # the newest inject's first action
        self.set_interval(self.poll_s, self.poll)

    # --- what other processes wrote ----------------------------------------------------------

    def poll(self) -> None:
        if not self._poll():
            return
        minute = self.seat.now() // 60
        if minute != self._minute:  # the windows' time left, and what falls due, move on
            self._minute = minute
            self._show_cards()
            self._show_detail()
            self.query_one(UpcomingList).show(
                self.seat.upcoming(), self.seat.now(), self.seat.clock_text
            )

    def show(self, change: Change) -> None:
        """Tell the widgets a change touched; announce what the teams sent."""
        seat = self.seat
        if change.header:
            self.query_one(Header).show(seat.header())
        if change.cards:
            self._show_cards()
            self._show_detail()
        if change.new_arrivals:
            self.fresh.update(change.new_arrivals)
            self._announce(change.new_arrivals)
            self._show_arrivals()
        if change.upcoming or change.header:
            self.query_one(UpcomingList).show(seat.upcoming(), seat.now(), seat.clock_text)
        if change.notes:
            self.query_one(NoteList).show(seat.notes(), seat.clock_text)

    def _announce(self, keys: tuple[str, ...]) -> None:
        t = self.seat.t
        for key in keys:
            item = self.seat.arrival(key)
            if item is None:
                continue
            title = t(f"evaluator.arrival.{item.kind}", team=item.team_name, who=item.by)
            self.notify(item.text.text[:200], title=title, markup=False, timeout=8)

    def _show_cards(self) -> None:
        seat = self.seat
        self.actions.show(seat.cards(), seat.now(), len(seat.teams) > 1, seat.clock_text)
        self._minute = seat.now() // 60

    def _show_arrivals(self) -> None:
        seat = self.seat
        self.query_one(ArrivalList).show(seat.arrivals(), self.fresh, seat.clock_text)
        t = seat.t
        label = t("evaluator.tabs.arrivals")
        if self.fresh:
            label = t("evaluator.arrivals_new", count=len(self.fresh))
        self.query_one(TabbedContent).get_tab("arrivals").label = plain(label)

    def _show_detail(self) -> None:
        action = self.highlighted_action()
        team = self.seat.run.team_name(action.team) if action is not None else ""
        detail = self.query_one(ActionDetail)
        detail.show(action, team, self.seat.now(), self.seat.clock_text)

    def highlighted_action(self) -> ActionView | None:
        option = self.actions.highlighted_option
        if option is None or option.id is None or "/" not in option.id:
            return None
        team, expect = option.id.split("/", 1)
        return self.seat.action(team, expect)

    @on(OptionList.OptionHighlighted, "#actions")
    def _highlighted(self) -> None:
        self._show_detail()

    @on(TabbedContent.TabActivated, "#tabs")
    def _tab(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "arrivals" and self.fresh:
            self.fresh.clear()
            self._show_arrivals()

    # --- the two things an evaluator writes --------------------------------------------------

    def _write(self, write: Callable[[], object]) -> str | None:
        """Run a write through the seat: None when it is in the log, else the line saying why."""
        t = self.seat.t
        try:
            write()
        except (KeyedError, SessionError) as error:
            line = error.render(t)
            where = self.seat.recovery_file
            if where is not None and isinstance(error, SessionError):
                line += " " + t("evaluator.kept", path=str(where))
            return line
        self.show(self.seat.changes())
        return None

    def action_rate(self, rating: str) -> None:
        seat, t = self.seat, self.seat.t
        action = self.highlighted_action()
        if action is None:
            self.notify(t("evaluator.pick_first"), severity="warning", markup=False)
            return
        team = seat.run.team_name(action.team)
        title = plain(t("evaluator.rate_title", rating=t(f"ratings.{rating}"), team=team))
        about = join(content(t, action.text, "bold"), "\n", action_terms(t, action, seat.now()))
        if action.current is not None:
            about = join(about, "\n", plain(t("evaluator.replaces", rating=action.current.rating)))

        def submit(acted_at: str, note: str) -> str | None:
            return self._write(
                partial(seat.rate, action.team, action.expect, rating, note, acted_at)
            )

        def done(rated: bool | None) -> None:
            if rated:
                self.notify(t("evaluator.rated", rating=rating, team=team), markup=False)
            self.actions.focus()

        preview = partial(seat.preview, action.team, action.expect)
        self.app.push_screen(RateScreen(t, title, about, preview, submit), done)

    def action_note(self) -> None:
        seat, t = self.seat, self.seat.t
        action = self.highlighted_action()
        ties: list[tuple[str, str]] = [(t("evaluator.tie.none"), "")]
        tied = ""
        if action is not None:
            team = seat.run.team_name(action.team)
            ties.append(
                (t("evaluator.tie.action", action=action.text.text, team=team), "a:" + action.key)
            )
            tied = "a:" + action.key
        for tid in seat.teams:
            ties.append((t("evaluator.tie.team", team=seat.run.team_name(tid)), "t:" + tid))
        if action is None and len(seat.teams) == 1:
            tied = "t:" + seat.teams[0]
        for oid, text in seat.objectives():
            ties.append((t("evaluator.tie.objective", objective=text), "o:" + oid))

        def submit(text: str, tie: str) -> str | None:
            kind, _, value = tie.partition(":")
            if kind == "a":
                team, expect = value.split("/", 1)
                return self._write(partial(seat.note, text, team, None, expect))
            if kind == "t":
                return self._write(partial(seat.note, text, value))
            if kind == "o":
                return self._write(partial(seat.note, text, None, value))
            return self._write(partial(seat.note, text))

        def done(saved: bool | None) -> None:
            if saved:
                self.notify(t("evaluator.noted"), markup=False)
            self.actions.focus()

        self.app.push_screen(NoteScreen(t, ties, tied, submit), done)

    def action_tab(self, pane: str) -> None:
        self.query_one(TabbedContent).active = pane
