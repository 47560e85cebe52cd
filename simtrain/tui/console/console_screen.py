"""The console screen: what a facilitator looks at for four days.

Keys become calls on :class:`ConsoleControl`, which appends events and returns them; only then does
the screen show the action as done, updating just the cells the new events touched. A one-second
timer reads what other processes wrote and lets the program deliver what it delivers by itself.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen

from simtrain.scenario.model import Inject
from simtrain.session import events as ev
from simtrain.session.store import SessionError
from simtrain.tui.common.dialogs import ConfirmScreen, DocumentScreen
from simtrain.tui.console.control import ConsoleControl, Row
from simtrain.tui.console.dialogs import (
    AdhocAnswer,
    AdhocDialog,
    ChoiceDialog,
    HelpScreen,
    LanguageAnswer,
    LanguageDialog,
    NoteAnswer,
    NoteDialog,
    RateAnswer,
    RateDialog,
    TeamChoice,
    TeamsDialog,
)
from simtrain.tui.console.widgets import ClockHeader, EventLog, InjectDetail, TeamsPanel, Timeline
from simtrain.tui.footer import WrappingFooter
from simtrain.tui.localized import described, localize_bindings


class ConsoleScreen(Screen[None]):
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

    def __init__(self, control: ConsoleControl) -> None:
        super().__init__()
        self.control = control
        localize_bindings(self, control.t)
        self._notified: set[tuple[str, str]] = set()
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
                yield EventLog(id="log")
        yield WrappingFooter(id="console-footer")

    @property
    def timeline(self) -> Timeline:
        return self.query_one(Timeline)

    @property
    def detail(self) -> InjectDetail:
        return self.query_one(InjectDetail)

    @property
    def teams_panel(self) -> TeamsPanel:
        return self.query_one(TeamsPanel)

    def on_mount(self) -> None:
        self.rebuild()
        self.timeline.focus()
        self.set_interval(1.0, self.on_tick)
        # The scenario, the state and thousands of cells live as long as the exercise; a full
        # collection walking them all took 200-700 ms on a 5,000-inject scenario, at random key
        # presses. Frozen, they are never walked again; new garbage is collected as before.
        gc.collect()
        gc.freeze()

    def rebuild(self) -> None:
        """Everything from scratch: at start and after a change of language."""
        control = self.control
        self.query_one(ClockHeader).show(control)
        self.timeline.build(control)
        self.teams_panel.build(control)
        self.query_one(EventLog).show(control)
        self.detail.show(control, self.selected_row)
        self.sub_title = control.session.path.name

    # --- the clock ---------------------------------------------------------------------------

    def on_tick(self) -> None:
        try:
            new = self.control.tick()
        except SessionError as error:
            self.notify(error.render(self.control.t), severity="error", markup=False)
            return
        self.query_one(ClockHeader).tick(self.control)
        if new:
            self.after_events(new)
            self._notify_from_teams(new)
        self._show_due()
        self._notify_waiting()

    def _notify_from_teams(self, new: Iterable[ev.Recorded]) -> None:
        """A team's answer or report, written at its own terminal, is news for the control cell."""
        for recorded in new:
            if recorded.who == self.control.who:
                continue
            if isinstance(recorded.event, ev.DecisionRecorded | ev.TeamReport):
                self.notify(
                    self.control.describe(recorded),
                    title=self.control.t("console.from_team"),
                    timeout=10,
                    markup=False,
                )

    def _show_due(self) -> None:
        """Rows whose due status changed without an event (time passed): update just those."""
        due = {(d.team, d.inject) for d in self.control.session.due(self.control.now())}
        changed = {inject for _, inject in due ^ self._due}
        self._due = due
        if changed:
            self.timeline.refresh_states(self.control, changed)
            self.teams_panel.show(self.control)

    def _notify_waiting(self) -> None:
        """One notice an inject that newly waits for the control cell, naming its teams."""
        t = self.control.t
        fresh: dict[str, list[str]] = {}
        for due in self.control.waiting():
            key = (due.team, due.inject)
            if key not in self._notified:
                self._notified.add(key)
                fresh.setdefault(due.inject, []).append(due.team)
        teams = self.control.session.state.teams
        for inject, team_ids in fresh.items():
            names = ", ".join(teams[tid].team.name for tid in team_ids)
            title = self.control.text(f"injects.{inject}.title").text
            self.notify(
                t("console.due_notice", team=names, inject=inject, title=title),
                title=t("console.due_title"),
                severity="warning",
                timeout=8,
                markup=False,
            )

    def after_events(self, new: Iterable[ev.Recorded]) -> None:
        """Show what the log now says, touching only the rows the new events name.

        An event that names no inject (the clock, a phase, a decision) changes a row only by
        making something due or not due, which :meth:`_show_due` finds by comparing due sets; so
        no event ever makes the console walk the whole timeline.
        """
        records = list(new)
        if not records:
            return
        control = self.control
        keys: set[str] = set()
        for recorded in records:
            event = recorded.event
            inject = getattr(event, "inject", None)
            if isinstance(event, ev.AdhocInject):
                self.timeline.add_rows_for(
                    control, [r for r in control.rows if r.key == event.adhoc]
                )
            elif isinstance(inject, str):
                keys.add(inject)
            elif isinstance(event, ev.RatingGiven):
                owner = control.session.index.expect.get(event.expect)
                if owner is not None:
                    keys.add(owner[0].id)
        if keys:
            self.timeline.refresh_states(control, keys)
        self._show_due()
        self.teams_panel.show(control)
        self.query_one(EventLog).show(control)
        self.query_one(ClockHeader).show(control)
        row = self.selected_row
        if row is not None and row.key in keys:
            self.detail.show(control, row)

    # --- selection ---------------------------------------------------------------------------

    @property
    def selected_row(self) -> Row | None:
        key = self.timeline.selected_key
        if key is None:
            return None
        return self.control.row_by_key.get(key)

    @property
    def selected_inject(self) -> Inject | None:
        row = self.selected_row
        return row.inject if row is not None else None

    def action_next_waiting(self) -> None:
        """Move to the next inject due for some team, after the selected one, wrapping around:
        with several waiting, a facilitator steps through them without hunting."""
        due = {inject for _, inject in self.control.due_now()}
        if not due:
            self.notify(self.control.t("console.nothing_waiting"), markup=False)
            return
        timeline = self.timeline
        keys = [row.key.value for row in timeline.ordered_rows]
        start = timeline.cursor_row if timeline.row_count else -1
        for step in range(1, len(keys) + 1):
            k = (start + step) % len(keys)
            if keys[k] in due:
                timeline.move_cursor(row=k)
                return

    @on(Timeline.InjectSelected)
    def _selected(self, message: Timeline.InjectSelected) -> None:
        self.detail.show(self.control, self.selected_row)

    def _team_names(self, ids: Iterable[str] | None = None) -> list[tuple[str, str]]:
        teams = self.control.session.state.teams
        chosen = list(teams) if ids is None else list(ids)
        return [(tid, teams[tid].team.name) for tid in chosen]

    def _do(self, records: list[ev.Recorded]) -> None:
        self.after_events(records)

    def _guard(self) -> bool:
        """Refuse changes to an ended session, and say so."""
        if self.control.session.state.ended_at is not None:
            self.notify(self.control.t("console.session_ended"), severity="warning")
            return False
        return True

    def _run(self, action: str, *args: object) -> None:
        """Call a control action, and show a refused event as one line instead of a crash."""
        try:
            records = getattr(self.control, action)(*args)
        except SessionError as error:
            self.notify(error.render(self.control.t), severity="error", markup=False)
            return
        self._do(records)

    # --- actions -----------------------------------------------------------------------------

    def action_toggle_clock(self) -> None:
        if self._guard():
            self._run("toggle_clock")

    def action_faster(self) -> None:
        if self._guard():
            self._run("change_speed", 1)

    def action_slower(self) -> None:
        if self._guard():
            self._run("change_speed", -1)

    def _inject_or_warn(self) -> Inject | None:
        inject = self.selected_inject
        if inject is None:
            self.notify(self.control.t("console.select_inject"), severity="warning")
        return inject

    def action_deliver(self) -> None:
        self._for_teams("deliver")

    def action_skip(self) -> None:
        self._for_teams("skip")

    def action_delay(self) -> None:
        self._for_teams("delay")

    def _for_teams(self, action: str) -> None:
        """Deliver, skip or delay the selected inject for the teams chosen in a dialog; by
        default every team that has neither received nor skipped it yet."""
        inject = self._inject_or_warn()
        if inject is None or not self._guard():
            return
        open_teams = self.control.open_for(inject)
        if not open_teams:
            self.notify(self.control.t("console.nothing_open"), severity="warning")
            return
        t = self.control.t
        delay = action == "delay"

        def done(choice: TeamChoice | None) -> None:
            if choice is None:
                return
            if delay:
                self._run(action, inject.id, choice.teams, choice.seconds)
            else:
                self._run(action, inject.id, choice.teams)

        self.app.push_screen(
            TeamsDialog(
                t,
                t(f"dialog.{action}_title", inject=inject.id),
                self._team_names(open_teams),
                open_teams,
                delay=delay,
            ),
            done,
        )

    def action_rate(self) -> None:
        inject = self._inject_or_warn()
        if inject is None or not self._guard():
            return
        teams = [
            tid for tid, ts in self.control.session.state.teams.items() if inject.id in ts.delivered
        ]
        if not teams:
            self.notify(self.control.t("console.not_delivered"), severity="warning")
            return
        if not inject.expect and inject.decision is None:
            self.notify(self.control.t("console.nothing_to_rate"), severity="warning")
            return

        def done(answer: RateAnswer | None) -> None:
            if answer is not None:
                self._run("rate", answer.team, answer.ratings, answer.option)

        self.app.push_screen(RateDialog(self.control, inject, teams), done)

    def action_note(self) -> None:
        def done(answer: NoteAnswer | None) -> None:
            if answer is not None:
                self._run("note", answer.text, answer.team)

        self.app.push_screen(NoteDialog(self.control.t, self._team_names(), None), done)

    def action_adhoc(self) -> None:
        if not self._guard():
            return

        def done(answer: AdhocAnswer | None) -> None:
            if answer is not None:
                self._run("adhoc", answer.title, answer.message, answer.channel, answer.teams)

        self.app.push_screen(AdhocDialog(self.control.t, self._team_names()), done)

    def action_open_attachment(self) -> None:
        inject = self.selected_inject
        t = self.control.t
        if inject is None or not inject.attachments:
            self.notify(t("console.no_attachment"), severity="warning")
            return

        def show(name: str | None) -> None:
            if name is None:
                return
            try:
                _, resolved = self.control.catalog.attachment(name, self.control.content_lang)
            except OSError as error:
                self.notify(
                    t("console.attachment_unreadable", name=name, reason=str(error)), markup=False
                )
                return
            title = name if not resolved.fallback else f"{name} {t('console.fallback_mark')}"
            self.app.push_screen(DocumentScreen(t, title, resolved.text))

        if len(inject.attachments) == 1:
            show(inject.attachments[0])
        else:
            self.app.push_screen(
                ChoiceDialog(t, t("dialog.open_title"), [(a, a) for a in inject.attachments]), show
            )

    def action_next_phase(self) -> None:
        if not self._guard():
            return
        following = self.control.following_phase()
        t = self.control.t
        if following is None:
            self.notify(t("console.last_phase"), severity="warning")
            return

        def done(answer: bool | None) -> None:
            if answer:
                self._run("next_phase")

        self.app.push_screen(
            ConfirmScreen(
                t,
                t("dialog.phase_title"),
                self._phase_question(following),
            ),
            done,
        )

    def _phase_question(self, following: str) -> str:
        question = self.control.t(
            "dialog.phase_question", phase=self.control.name_of_phase(following)
        )
        left = self.control.open_in_phase()
        return (
            f"{question}\n\n{self.control.t('dialog.phase_left', count=left)}" if left else question
        )

    def action_report(self) -> None:
        from simtrain.tui.console.report_screen import ReportScreen

        self.app.push_screen(ReportScreen(self.control))

    def action_languages(self) -> None:
        control = self.control

        def done(answer: LanguageAnswer | None) -> None:
            if answer is None:
                return
            self.app.set_languages(answer.ui, answer.content)  # type: ignore[attr-defined]

        self.app.push_screen(
            LanguageDialog(control.t, control.content_lang, control.catalog.languages()), done
        )

    def action_help(self) -> None:
        keys = [(b.key_display or b.key, b.description) for b in described(self)]
        self.app.push_screen(HelpScreen(self.control.t, keys))

    def action_quit_console(self) -> None:
        """Asks first: a stray q in a live room should not close the control cell's screen.
        Nothing is lost either way; the exit pauses the clock and says how to resume."""
        t = self.control.t

        def done(answer: bool | None) -> None:
            if answer:
                self.app.exit()

        question = t("dialog.quit_question", path=str(self.control.session.path))
        self.app.push_screen(ConfirmScreen(t, t("dialog.quit_title"), question), done)

    def relocalize(self) -> None:
        localize_bindings(self, self.control.t)
        self.refresh_bindings()
        self.rebuild()
