"""The team screen: header and clock above four tabs (inbox, decisions, report, briefing).

A timer polls the session ten times a second, so a delivery the console (or its clock) appends
in another process shows here well within a second; only the widgets a change touches are told.
A decision or a report is appended to the log first and shown as sent only once it is committed.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, OptionList, TabbedContent, TabPane

from simtrain.i18n import plural_category
from simtrain.session.store import SessionError
from simtrain.tui.common.dialogs import ConfirmScreen, ConfirmWords, DocumentScreen
from simtrain.tui.common.seat_header import sentence
from simtrain.tui.common.seat_poll import SeatPoll
from simtrain.tui.literal import join, plain
from simtrain.tui.localized import localize_bindings, steady
from simtrain.tui.team.seat import MAX_REPORT, TeamError, TeamSeat
from simtrain.tui.team.views import Change
from simtrain.tui.team.widgets import (
    BriefingView,
    DecisionCard,
    DecisionList,
    Inbox,
    MessageView,
    ReportForm,
    TeamHeader,
)

POLL_S = 0.1
"""How often the log is read: a delivery shows within this plus a frame."""


class TeamScreen(Screen[None]):
    BINDINGS = [  # noqa: RUF012 - Textual's class-level convention
        Binding("f1", "tab('inbox')", "team.keys.inbox", key_display="F1"),
        Binding("f2", "tab('decisions')", "team.keys.decisions", key_display="F2"),
        Binding("f3", "tab('report')", "team.keys.report", key_display="F3"),
        Binding("f4", "tab('briefing')", "team.keys.briefing", key_display="F4"),
        Binding("ctrl+s", "send_report", "team.keys.send", show=False),
    ]

    def __init__(self, seat: TeamSeat, *, poll: float = POLL_S) -> None:
        super().__init__()
        self.seat = seat
        self.poll_s = poll
        self._poll = SeatPoll(self, seat, self.show)
        localize_bindings(self, seat.t)

    def compose(self) -> ComposeResult:
        t = self.seat.t
        yield TeamHeader(t, id="header")
        with TabbedContent(id="tabs"):
            with TabPane(t("team.tabs.inbox"), id="inbox"), Horizontal(id="inbox-box"):
                yield Inbox(t, id="inbox-list")
                yield MessageView(t, id="message")
            with TabPane(t("team.tabs.decisions"), id="decisions"):
                yield DecisionList(t, id="decision-list")
            with TabPane(t("team.tabs.report"), id="report"):
                yield ReportForm(t, MAX_REPORT, id="report-form")
            with TabPane(t("team.tabs.briefing"), id="briefing"):
                yield BriefingView(t, id="briefing-view")
        yield Footer()

    @property
    def inbox(self) -> Inbox:
        return self.query_one(Inbox)

    @property
    def message(self) -> MessageView:
        return self.query_one(MessageView)

    @property
    def report_form(self) -> ReportForm:
        return self.query_one(ReportForm)

    def on_mount(self) -> None:
        seat = self.seat
        self.sub_title = str(seat.who)
        self.query_one(TeamHeader).show(seat.header())
        self._show_inbox()
        self._show_message(None)
        self.query_one(DecisionList).show(seat.decisions())
        self.report_form.show_reports(seat.reports())
        self.query_one(BriefingView).show(seat.briefing())
        self._labels()
        # Babel reads its plural rules on first use (tens of ms): now, not when a message lands
        plural_category(seat.t.lang, 1)
        steady(self)
        self.inbox.focus()
        self.set_interval(self.poll_s, self.poll)

    # --- what other processes wrote ----------------------------------------------------------

    def poll(self) -> None:
        self._poll()

    def show(self, change: Change) -> None:
        """Tell the widgets a change touched; announce new messages."""
        seat = self.seat
        if change.header:
            self.query_one(TeamHeader).show(seat.header())
        if change.new_items:
            self._show_inbox()
            t = seat.t
            for key in change.new_items:
                item = seat.item(key)
                if item is not None:
                    self.notify(item.title.text, title=t("team.new_title"), markup=False, timeout=8)
            if self.inbox.highlighted is None:
                self._show_message(None)
        if change.decisions:
            self.query_one(DecisionList).show(seat.decisions())
        if change.reports:
            self.report_form.show_reports(seat.reports())
        if change.new_items or change.decisions:
            self._labels()

    def _show_inbox(self) -> None:
        self.inbox.show(self.seat.items(), self.seat.unread())

    def _show_message(self, key: str | None) -> None:
        item = None if key is None else self.seat.item(key)
        self.message.show(item, inbox_empty=not self.seat.items())

    def _labels(self) -> None:
        """Tab labels with what waits: new messages, open decisions."""
        seat = self.seat
        t = seat.t
        tabs = self.query_one(TabbedContent)
        unread = len(seat.unread())
        inbox = t("team.inbox_unread", count=unread) if unread else t("team.tabs.inbox")
        tabs.get_tab("inbox").label = plain(inbox)
        open_ = seat.open_decisions()
        decisions = t("team.decisions_open", count=open_) if open_ else t("team.tabs.decisions")
        tabs.get_tab("decisions").label = plain(decisions)

    # --- reading -----------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#inbox-list")
    def _opened(self, event: OptionList.OptionHighlighted) -> None:
        key = event.option.id
        if key is None:
            return
        seat = self.seat
        self._show_message(key)
        item = seat.item(key)
        if item is not None and seat.mark_read(key):
            self.inbox.mark(item, seat.is_unread(key))
            self._labels()

    @on(MessageView.AttachmentChosen)
    def _attachment(self, event: MessageView.AttachmentChosen) -> None:
        t = self.seat.t
        try:
            resolved = self.seat.attachment(event.name)
        except TeamError as error:
            self.notify(error.render(t), severity="error", markup=False)
            return
        title = plain(event.name)
        if resolved.fallback:
            title = join(title, " ", plain(t("team.fallback_mark"), "italic dim"))
        document = DocumentScreen(
            t, title, resolved.text, close="team.close", viewer=False, footer=False
        )  # links inert: a link must not open a file never delivered to the team
        self.app.push_screen(document)

    # --- sending -----------------------------------------------------------------------------

    @on(DecisionCard.Answered)
    def _answer(self, event: DecisionCard.Answered) -> None:
        t = self.seat.t
        question = sentence(t, "team.answer_question", {"option": event.text})

        def done(sure: bool | None) -> None:
            if not sure:  # said, not silent: the team must know nothing went
                self.notify(t("team.answer_not_sent"), severity="warning", markup=False)
                return
            try:
                self.seat.answer(event.inject, event.option)
            except (TeamError, SessionError) as error:
                self.notify(error.render(t), severity="error", markup=False)
            else:
                self.notify(t("team.answer_sent"), markup=False)
            self.show(self.seat.changes())

        confirm = ConfirmScreen(
            t,
            t("team.answer_title"),
            question,
            words=ConfirmWords("team.confirm", "team.cancel", "team.enter_hint"),
            default=True,  # the team chose the option on purpose: Enter sends it (the hint says so)
            confirm_key=False,
            footer=False,
        )
        self.app.push_screen(confirm, done)

    @on(ReportForm.Submitted)
    def _report(self, event: ReportForm.Submitted) -> None:
        t = self.seat.t
        try:
            self.seat.report(event.text)
        except (TeamError, SessionError) as error:
            self.report_form.error(error.render(t))
            return
        self.report_form.sent()
        self.notify(t("team.report_sent"))
        self.show(self.seat.changes())

    # --- actions -----------------------------------------------------------------------------

    FIRST_FOCUS = {  # noqa: RUF012 - a constant table
        "inbox": "#inbox-list",
        "decisions": "#decision-list",
        "report": "#report-text",
        "briefing": "#briefing-view",
    }

    def action_tab(self, pane: str) -> None:
        """Show a tab and move the focus into it (focus left in a hidden tab would pull the
        tabs back to it)."""
        self.query_one(TabbedContent).active = pane
        self.query_one(self.FIRST_FOCUS[pane]).focus()

    def action_send_report(self) -> None:
        if self.query_one(TabbedContent).active == "report":
            self.report_form.post_message(ReportForm.Submitted(self.report_form.area.text))
