"""The cues screen: header and clock above two tabs (the cues, the character's brief).

A timer polls the session as the team terminal does, so a delivery the console appends, or a cue
that falls due as the clock runs, shows here within a fraction of a second; a cue falling due is
announced (a notice and the terminal's bell). ``p`` confirms a cue as played for the highlighted
team, where the session allows it, after a question.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, OptionList, TabbedContent, TabPane

from simtrain.session.store import SessionError
from simtrain.tui.actor.seat import ActorError, ActorSeat
from simtrain.tui.actor.views import Change, Cue
from simtrain.tui.actor.widgets import BriefView, CueDetail, CueList, highlighted_id
from simtrain.tui.common.dialogs import ConfirmScreen, ConfirmWords
from simtrain.tui.common.seat_poll import SeatPoll
from simtrain.tui.localized import localize_bindings, steady
from simtrain.tui.team.widgets import TeamHeader

POLL_S = 0.1
"""How often the log is read, as in the team terminal."""


class CuesScreen(Screen[None]):
    BINDINGS = [  # noqa: RUF012 - Textual's class-level convention
        Binding("f1", "tab('cues')", "actor.keys.cues", key_display="F1"),
        Binding("f2", "tab('brief')", "actor.keys.brief", key_display="F2"),
        Binding("p", "played", "actor.keys.played"),
    ]

    def __init__(self, seat: ActorSeat, *, poll: float = POLL_S) -> None:
        super().__init__()
        self.seat = seat
        self.poll_s = poll
        self._poll = SeatPoll(self, seat, self.show)
        self._open: str | None = None
        """The cue whose detail is shown (its inject id)."""
        localize_bindings(self, seat.t)

    def compose(self) -> ComposeResult:
        t = self.seat.t
        yield TeamHeader(t, id="header")
        with TabbedContent(id="tabs"):
            with TabPane(t("actor.tabs.cues"), id="cues"), Horizontal(id="cues-box"):
                yield CueList(t, id="cue-list")
                yield CueDetail(t, id="cue")
            with TabPane(t("actor.tabs.brief"), id="brief"):
                yield BriefView(t, id="brief-view")
        yield Footer()

    @property
    def cue_list(self) -> CueList:
        return self.query_one(CueList)

    @property
    def detail(self) -> CueDetail:
        return self.query_one(CueDetail)

    def on_mount(self) -> None:
        seat = self.seat
        self.sub_title = str(seat.who)
        self.query_one(TeamHeader).show(seat.header())
        self.cue_list.show(seat.cues())
        if seat.cues():
            self.cue_list.highlighted = 0
        self._show_detail()
        self.query_one(BriefView).show(seat.brief())
        steady(self)
        self.cue_list.focus()
        self.set_interval(self.poll_s, self.poll)

    # --- what other processes wrote, and the clock --------------------------------------------

    def poll(self) -> None:
        self._poll()

    def show(self, change: Change) -> None:
        seat, t = self.seat, self.seat.t
        if change.header:
            self.query_one(TeamHeader).show(seat.header())
        if change.cues or change.new_due:
            self.cue_list.show(seat.cues())
            self._show_detail()
        by_cue: dict[str, list[str]] = {}
        for inject, team in change.new_due:
            by_cue.setdefault(inject, []).append(seat.run.team_name(team))
        for inject, names in by_cue.items():
            cue = seat.cue(inject)
            if cue is None:
                continue
            words = t("actor.due_notice", title=cue.title.text, teams=", ".join(names))
            self.notify(words, title=t("actor.due_title"), markup=False, timeout=12)
            self.app.bell()

    def _cue(self) -> Cue | None:
        key = highlighted_id(self.cue_list)
        return None if key is None else self.seat.cue(key)

    def _show_detail(self) -> None:
        t = self.seat.t
        hint = t("actor.play_hint") if self.seat.can_play else t("actor.play_off")
        empty = t("actor.pick_cue") if self.seat.cues() else t("briefing.actor.no_cues")
        self.detail.show(self._cue(), empty=empty, hint=hint)

    @on(OptionList.OptionHighlighted, "#cue-list")
    def _highlighted(self) -> None:
        key = highlighted_id(self.cue_list)
        if key != self._open:  # another cue: its own first due team is highlighted
            self._open = key
            self.detail.teams.clear_options()
        self._show_detail()

    # --- actions -----------------------------------------------------------------------------

    def action_tab(self, pane: str) -> None:
        self.query_one(TabbedContent).active = pane
        self.query_one("#cue-list" if pane == "cues" else "#brief-view").focus()

    def action_played(self) -> None:
        """Confirm the highlighted cue as played for the team under the cursor in its list."""
        seat, t = self.seat, self.seat.t
        if not seat.can_play:
            self.notify(t("actor.play_off"), severity="warning", markup=False)
            return
        cue = self._cue()
        if cue is None:
            self.notify(t("actor.pick_cue"), severity="warning", markup=False)
            return
        team = highlighted_id(self.detail.teams)
        if team is None:
            many = len(cue.due_for) > 1
            words = t("actor.choose_team") if many else t("actor.nothing_due")
            self.notify(words, severity="warning", markup=False)
            return
        entry = cue.team(team)
        assert entry is not None
        question = t("actor.confirm_question", title=cue.title.text, team=entry.name)

        def done(sure: bool | None) -> None:
            if sure:
                self._play(cue.inject, team, entry.name)

        buttons = ConfirmWords("actor.confirm", "actor.cancel")
        confirm = ConfirmScreen(t, t("actor.confirm_title"), question, words=buttons)
        self.app.push_screen(confirm, done)

    def _play(self, inject: str, team: str, name: str) -> None:
        t = self.seat.t
        try:
            self.seat.played(inject, team)
        except (ActorError, SessionError) as error:
            self.notify(error.render(t), severity="error", markup=False)
        else:
            self.notify(t("actor.played", team=name), markup=False)
            self.detail.teams.clear_options()  # the next team it is due for gets the highlight
        self.show(self.seat.changes())
