"""The console's keys: each opens its dialog, then runs one typed facilitator action.

A dialog's answer becomes a call bound with :func:`functools.partial`
(``partial(facilitator.deliver, inject, teams)``), which mypy checks like any call, in place of an
action name looked up with ``getattr``; :meth:`ConsoleActions._run` runs it, turns a refused
event into one line instead of a crash, and shows the events it returns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Literal, TypeVar

from textual.message import Message
from textual.screen import Screen

from simtrain.scenario.catalog import DocumentUnavailable
from simtrain.scenario.model import Inject
from simtrain.session import events as ev
from simtrain.session.store import SessionError
from simtrain.tui.common.dialogs import ConfirmScreen, DocumentScreen
from simtrain.tui.console.adhoc_dialog import AdhocAnswer, AdhocDialog, adhoc_choices
from simtrain.tui.console.dialogs import (
    ChoiceDialog,
    Dialog,
    HelpScreen,
    LanguageAnswer,
    LanguageDialog,
    NoteAnswer,
    NoteDialog,
    RateAnswer,
    RateDialog,
)
from simtrain.tui.console.facilitator import WRITE_FAILURES, Action, Facilitator
from simtrain.tui.console.inject_views import adhoc_rate_view, rate_view
from simtrain.tui.console.rate_when import rate_when
from simtrain.tui.console.report_views import report_view
from simtrain.tui.console.team_choice import delay_preview, team_choice
from simtrain.tui.console.team_dialog import TeamChoice, TeamsDialog
from simtrain.tui.console.views import Row, phase_name, team_names
from simtrain.tui.console.widgets import Timeline
from simtrain.tui.localized import described

Answer = TypeVar("Answer")

TeamAction = Literal["deliver", "skip", "delay"]


class ConsoleActions(Screen[None]):
    """The console screen's actions; :class:`ConsoleScreen` adds the layout and the views."""

    class LanguagesChosen(Message):
        """The facilitator chose interface and content languages; the app switches them."""

        def __init__(self, ui: str, content: str) -> None:
            super().__init__()
            self.ui = ui
            self.content = content

    facilitator: Facilitator

    def after_events(self, new: Iterable[ev.Recorded]) -> None:
        raise NotImplementedError

    @property
    def timeline(self) -> Timeline:
        return self.query_one(Timeline)

    @property
    def selected_row(self) -> Row | None:
        raise NotImplementedError

    @property
    def selected_inject(self) -> Inject | None:
        row = self.selected_row
        return row.inject if row is not None else None

    def _guard(self) -> bool:
        """Refuse changes to an ended session, and say so."""
        if self.facilitator.session.state.ended_at is not None:
            self.notify(self.facilitator.t("console.session_ended"), severity="warning")
            return False
        return True

    def _run(self, action: Action) -> None:
        """Run a facilitator action, and show a refused event as one line instead of a crash."""
        try:
            records = action()
        except SessionError as error:
            self.notify(error.render(self.facilitator.t), severity="error", markup=False)
            return
        self.after_events(records)

    def _attempt(self, action: Action) -> str | None:
        """Run an action from an open dialog: None when it was written (the dialog closes), else
        the line to show in the dialog, which keeps what was typed (and says where else the
        text was kept when the session file refused it)."""
        f = self.facilitator
        try:
            records = action()
        except SessionError as error:
            line = error.render(f.t)
            if error.key in WRITE_FAILURES and f.recovery_file is not None:
                line = f"{line}. {f.t('recovered.in_dialog', path=str(f.recovery_file))}"
            return line
        self.after_events(records)
        return None

    def _keep_typed(self, dialog: Dialog[Answer], attempt: Callable[[Answer], str | None]) -> None:
        """Push a dialog of typed text that closes only once its events are written."""
        dialog.attempt = attempt
        self.app.push_screen(dialog)

    def _warn(self, key: str) -> None:
        self.notify(self.facilitator.t(key), severity="warning")

    # --- the clock ---------------------------------------------------------------------------

    def lease_changed(self, news: str) -> None:
        raise NotImplementedError

    def _may_drive(self, *, offer: bool = False) -> bool:
        """Whether this console drives the clock. A viewer's key says why it does not and (with
        ``offer``, the space key) asks whether to take the clock over from the other console."""
        f = self.facilitator
        other = f.lease.held_elsewhere()
        if other is None:
            return True
        t = f.t
        if not offer:
            words = t("lease.viewer_refuses", console=other.label)
            self.notify(words, severity="warning", timeout=8, markup=False)
            return False

        def done(answer: bool | None) -> None:
            if answer:
                self._run(f.take_clock)
                if not f.lease.viewer:
                    self.lease_changed("taken")

        question = t("lease.take_question", console=other.label)
        self.app.push_screen(ConfirmScreen(t, t("lease.take_title"), question), done)
        return False

    def action_toggle_clock(self) -> None:
        if self._guard() and self._may_drive(offer=True):
            self._run(self.facilitator.toggle_clock)

    def action_faster(self) -> None:
        if self._guard() and self._may_drive():
            self._run(partial(self.facilitator.change_speed, 1))

    def action_slower(self) -> None:
        if self._guard() and self._may_drive():
            self._run(partial(self.facilitator.change_speed, -1))

    def action_next_waiting(self) -> None:
        """Move to the next inject due for some team, after the selected one, wrapping around:
        with several waiting, a facilitator steps through them without hunting."""
        due = {inject for _, inject in self.facilitator.due_now()}
        if not due:
            self.notify(self.facilitator.t("console.nothing_waiting"), markup=False)
            return
        timeline = self.timeline
        keys = timeline.keys
        start = timeline.cursor_row if timeline.row_count else -1
        for step in range(1, len(keys) + 1):
            k = (start + step) % len(keys)
            if keys[k] in due:
                timeline.move_cursor(row=k)
                return

    # --- injects -----------------------------------------------------------------------------

    def _inject_or_warn(self) -> Inject | None:
        inject = self.selected_inject
        if inject is None:
            self._warn("console.select_inject")
        return inject

    def action_deliver(self) -> None:
        self._for_teams("deliver")

    def action_skip(self) -> None:
        self._for_teams("skip")

    def action_delay(self) -> None:
        self._for_teams("delay")

    def _for_teams(self, kind: TeamAction) -> None:
        """Deliver, skip or delay the selected inject for the teams chosen in a dialog that
        ticks only the teams it is due for (:func:`team_choice`); every other team says why."""
        inject = self._inject_or_warn()
        if inject is None or not self._guard():
            return
        f = self.facilitator
        choice = team_choice(f.run_view, inject, kind, f.due_now())
        if not choice.any_selectable:
            self._warn("console.nothing_open")
            return

        def done(answer: TeamChoice | None) -> None:
            if answer is None:
                return
            if kind == "delay":
                self._run(partial(f.delay, inject.id, answer.teams, answer.seconds))
            elif kind == "skip":
                self._run(partial(f.skip, inject.id, answer.teams, answer.note))
            else:
                self._run(partial(f.deliver, inject.id, answer.teams))

        title = f.t(f"dialog.{kind}_title", inject=inject.id)
        preview = partial(delay_preview, f.run_view, choice) if kind == "delay" else None
        self.app.push_screen(TeamsDialog(f.t, title, choice, preview=preview), done)

    def action_rate(self) -> None:
        row = self.selected_row
        if row is not None and row.adhoc is not None:
            self._rate_adhoc(row.adhoc.adhoc)
            return
        inject = self._inject_or_warn()
        if inject is None or not self._guard():
            return
        f = self.facilitator
        teams = f.delivered_to(inject)
        if not teams:
            self._warn("console.not_delivered")
            return
        if not inject.expect and inject.decision is None:
            self._warn("console.nothing_to_rate")
            return

        def done(answer: RateAnswer) -> str | None:
            when = answer.acted_at
            return self._attempt(
                partial(f.rate, answer.team, answer.ratings, answer.option, acted_at=when)
            )

        rate = rate_view(f.run_view, inject, teams)
        self._keep_typed(RateDialog(f.t, rate, rate_when(f.run_view, rate)), done)

    def _rate_adhoc(self, adhoc: str) -> None:
        """``r`` on an ad-hoc inject: its expected actions, for the teams it reached."""
        f = self.facilitator
        record = f.session.state.adhoc.get(adhoc)
        if record is None or not self._guard():
            return
        teams = f.adhoc_teams(record)
        if not record.event.expect or not teams:
            self._warn("adhoc.nothing_to_rate")
            return

        def done(answer: RateAnswer) -> str | None:
            when = answer.acted_at
            return self._attempt(partial(f.rate, answer.team, answer.ratings, acted_at=when))

        rate = adhoc_rate_view(f.run_view, record, teams)
        self._keep_typed(RateDialog(f.t, rate, rate_when(f.run_view, rate)), done)

    def action_note(self) -> None:
        f = self.facilitator

        def done(answer: NoteAnswer) -> str | None:
            return self._attempt(partial(f.note, answer.text, answer.team))

        self._keep_typed(NoteDialog(f.t, team_names(f.session.state), None), done)

    def action_adhoc(self) -> None:
        if not self._guard():
            return
        f = self.facilitator

        def done(a: AdhocAnswer) -> str | None:
            return self._attempt(
                partial(
                    f.adhoc, a.title, a.message, a.channel, a.teams,
                    to=a.to, sender=a.sender, expect=a.expect,
                )
            )  # fmt: skip

        self._keep_typed(AdhocDialog(f.t, adhoc_choices(f.run_view)), done)

    def action_open_attachment(self) -> None:
        inject = self.selected_inject
        f = self.facilitator
        t = f.t
        if inject is None or not inject.attachments:
            self._warn("console.no_attachment")
            return

        def show(name: str | None) -> None:
            if name is None:
                return
            try:
                _, resolved = f.run_view.catalog.attachment(name, f.content_lang)
            except DocumentUnavailable as error:  # folder gone, or a path outside it
                self.notify(error.render(t), severity="warning", markup=False)
                return
            except OSError as error:
                reason = str(error)
                words = t("console.attachment_unreadable", name=name, reason=reason)
                self.notify(words, markup=False)
                return
            title = name if not resolved.fallback else f"{name} {t('console.fallback_mark')}"
            self.app.push_screen(DocumentScreen(t, title, resolved.text))

        if len(inject.attachments) == 1:
            show(inject.attachments[0])
        else:
            choices = [(a, a) for a in inject.attachments]
            self.app.push_screen(ChoiceDialog(t, t("dialog.open_title"), choices), show)

    # --- the run -----------------------------------------------------------------------------

    def action_next_phase(self) -> None:
        if not self._guard() or not self._may_drive():
            return
        f = self.facilitator
        following = f.following_phase()
        if following is None:
            self._warn("console.last_phase")
            return

        def done(answer: bool | None) -> None:
            if answer:
                self._run(f.next_phase)

        question = f.t("dialog.phase_question", phase=phase_name(f.run_view, following))
        left = f.open_in_phase()
        if left:
            question = f"{question}\n\n{f.t('dialog.phase_left', count=left)}"
        self.app.push_screen(ConfirmScreen(f.t, f.t("dialog.phase_title"), question), done)

    def action_report(self) -> None:
        from simtrain.tui.console.report_screen import ReportScreen

        f = self.facilitator
        view = report_view(f.run_view, f.session.scores())
        self.app.push_screen(ReportScreen(f.t, view, f.export_report))

    def action_languages(self) -> None:
        f = self.facilitator

        def done(answer: LanguageAnswer | None) -> None:
            if answer is not None:
                self.post_message(self.LanguagesChosen(answer.ui, answer.content))

        languages = f.run_view.catalog.languages()
        self.app.push_screen(LanguageDialog(f.t, f.content_lang, languages), done)

    def action_help(self) -> None:
        keys = [(self.app.get_key_display(b), b.description) for b in described(self)]
        self.app.push_screen(HelpScreen(self.facilitator.t, keys))

    def action_quit_console(self) -> None:
        """Asks first: a stray q in a live room should not close the control cell's screen.
        Nothing is lost either way; the exit pauses the clock and says how to resume."""
        t = self.facilitator.t

        def done(answer: bool | None) -> None:
            if answer:
                self.app.exit()

        question = t("dialog.quit_question", path=str(self.facilitator.session.path))
        self.app.push_screen(ConfirmScreen(t, t("dialog.quit_title"), question), done)
