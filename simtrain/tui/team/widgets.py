"""The team terminal's regions: header and clock, inbox, message, decisions, report, briefing.

Every widget is told what to show by the team screen (attributes down): it is given the frozen
views of :mod:`simtrain.tui.team.views` and the translator, never the seat, so it cannot fetch
what the trainee's boundary did not hand out. A press that needs the exercise to change posts a
message up (``DecisionCard.Answered``, ``ReportForm.Submitted``) and the screen appends the event.
Scenario and team texts reach the screen only as :class:`rich.text.Text`, never as markup.
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option, OptionDoesNotExist

from simtrain.i18n import Translator
from simtrain.scenario.durations import format_clock
from simtrain.tui.common.seat_header import SeatHeader, content, sentence
from simtrain.tui.literal import join, plain
from simtrain.tui.team.views import (
    Briefing,
    DecisionView,
    HeaderView,
    InboxItem,
    SentReport,
)

UNREAD = "●"
"""The unread mark: a shape as well as bold type, so it does not rely on colour."""


class TeamHeader(SeatHeader):
    """The team (and role), the phase and the clock's state; the exercise clock on the right."""

    def show(self, view: HeaderView) -> None:
        t = self.t
        seat = plain(view.team)
        if view.role is not None:
            seat = sentence(t, "team.seat_role", {"team": seat, "role": content(t, view.role)})
        self.show_seat(seat, view.phase, view.clock)


class Inbox(OptionList):
    """What was delivered to this seat, newest first; unread ones marked and bold."""

    def __init__(self, t: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.t = t

    def show(self, items: Sequence[InboxItem], unread: Collection[str]) -> None:
        """All rows again (new deliveries are rare), keeping the trainee's place."""
        highlighted = self.highlighted_option.id if self.highlighted_option is not None else None
        self.set_options(
            [Option(self._prompt(item, item.key in unread), id=item.key) for item in items]
        )
        if highlighted is not None:
            with contextlib.suppress(OptionDoesNotExist):  # it vanished: leave the highlight
                self.highlighted = self.get_option_index(highlighted)

    def action_select(self) -> None:
        """Enter with nothing highlighted opens the newest message, not nothing."""
        if self.highlighted is None and self.option_count:
            self.highlighted = 0
            return
        super().action_select()

    def mark(self, item: InboxItem, unread: bool) -> None:
        self.replace_option_prompt(item.key, self._prompt(item, unread))

    def _prompt(self, item: InboxItem, unread: bool) -> Text:
        t = self.t
        line = Text()
        line.append(f"{UNREAD} " if unread else "  ", style="bold")
        line.append(format_clock(item.at), style="dim")
        line.append("  ")
        line.append_text(content(t, item.title, "bold" if unread else ""))
        line.append("\n    ")
        line.append_text(content(t, item.sender, "dim"))
        line.append(f" · {t(f'channels.{item.channel}')}", style="dim")
        return line


class MessageView(VerticalScroll):
    """One message as the team reads it: sender, channel, time, text, attachments."""

    class AttachmentChosen(Message):
        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def __init__(self, t: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.t = t

    def compose(self) -> ComposeResult:
        yield Static(id="message-text")
        yield Vertical(id="attachments")

    def show(self, item: InboxItem | None, *, inbox_empty: bool = False) -> None:
        """One message; with none, a word on why: nothing came yet, or none is picked."""
        t = self.t
        box = self.query_one("#attachments", Vertical)
        box.remove_children()  # the buttons carry no ids, so new ones may come before these go
        if item is not None and item.attachments:
            box.mount(Label(t("team.attachments"), classes="attachments-label"))
            box.mount_all([AttachmentButton(name) for name in item.attachments])
        if item is None:
            key = "team.empty_inbox" if inbox_empty else "team.pick_message"
            self.query_one("#message-text", Static).update(plain(t(key), "italic"))
            return
        body = Text()
        body.append_text(content(t, item.title, "bold"))
        body.append("\n")
        body.append_text(sentence(t, "team.from", {"sender": content(t, item.sender)}))
        body.append("\n")
        if item.to:
            roles = join(*(content(t, name) for name in item.to), sep=", ")
            body.append_text(sentence(t, "team.to", {"roles": roles}))
            body.append("\n")
        channel = t(f"channels.{item.channel}")
        body.append(t("team.received", channel=channel, time=format_clock(item.at)), style="dim")
        body.append("\n\n")
        body.append_text(content(t, item.message))
        if item.decision is not None:
            body.append("\n\n")
            body.append(t("team.decision_hint"), style="bold")
        self.query_one("#message-text", Static).update(body)
        self.scroll_home(animate=False)

    @on(Button.Pressed, ".attachment")
    def _chosen(self, event: Button.Pressed) -> None:
        event.stop()
        if isinstance(event.button, AttachmentButton):
            self.post_message(self.AttachmentChosen(event.button.attachment))


class AttachmentButton(Button):
    """A button that opens one attached document; its label is the file name, literally."""

    def __init__(self, attachment: str) -> None:
        super().__init__(plain(attachment), classes="attachment")
        self.attachment = attachment


class DecisionCard(Vertical):
    """One decision put to the team: the question, then its options or the answer given."""

    class Answered(Message):
        def __init__(self, inject: str, option: str, text: Text) -> None:
            super().__init__()
            self.inject = inject
            self.option = option
            self.text = text

    def __init__(self, t: Translator, item: InboxItem, decision: DecisionView) -> None:
        super().__init__(classes="decision")
        self.t = t
        self.item = item
        self.decision = decision
        self.shown_choice: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(classes="decision-title")
        yield Static(classes="decision-prompt")
        yield Vertical(classes="decision-options")

    def on_mount(self) -> None:
        self.show(self.decision)

    def show(self, decision: DecisionView) -> None:
        t = self.t
        self.decision = decision
        title = join(plain(format_clock(self.item.at) + "  ", "dim"), content(t, self.item.title))
        self.query_one(".decision-title", Static).update(title)
        self.query_one(".decision-prompt", Static).update(content(t, decision.prompt, "bold"))
        box = self.query_one(".decision-options", Vertical)
        if self.is_mounted and self.shown_choice == decision.chosen and box.children:
            return
        self.shown_choice = decision.chosen
        box.remove_children()
        self.set_class(decision.chosen is not None, "answered")
        if decision.chosen is None:
            for k, choice in enumerate(decision.options):
                box.mount(Button(content(t, choice.text), id=f"option-{k}", classes="option"))
            return
        chosen = next(c for c in decision.options if c.option == decision.chosen)
        at = format_clock(decision.chosen_at or 0)
        option = content(t, chosen.text, "bold")
        box.mount(Static(sentence(t, "team.answered", {"option": option}, time=at)))

    @on(Button.Pressed, ".option")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        k = int((event.button.id or "option-0").rsplit("-", 1)[1])
        choice = self.decision.options[k]
        self.post_message(
            self.Answered(self.decision.inject, choice.option, content(self.t, choice.text))
        )


class DecisionList(VerticalScroll):
    """Every decision put to the team, newest first; cards are added and updated, not rebuilt."""

    def __init__(self, t: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.t = t

    def show(self, decisions: Sequence[tuple[InboxItem, DecisionView]]) -> None:
        cards = {card.decision.inject: card for card in self.query(DecisionCard)}
        empty = self.query("#no-decisions")
        if decisions and empty:
            empty.remove()
        elif not decisions and not empty:
            self.mount(Static(plain(self.t("team.no_decisions"), "italic"), id="no-decisions"))
        for item, decision in reversed(decisions):  # oldest first, each new one on top
            card = cards.get(decision.inject)
            if card is None:
                new = DecisionCard(self.t, item, decision)
                if self.children:
                    self.mount(new, before=0)
                else:
                    self.mount(new)
            else:
                card.show(decision)


class ReportForm(Vertical):
    """A few lines of what the team did; sent as one team report, bounded in length."""

    class Submitted(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, t: Translator, limit: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.t = t
        self.limit = limit
        """The seat's bound on a report's length, shown as the team types."""

    def compose(self) -> ComposeResult:
        t = self.t
        yield Label(t("team.report_label"))
        yield TextArea(id="report-text", placeholder=t("team.report_placeholder"))
        with Horizontal(id="report-bar"):
            yield Button(t("team.report_send"), variant="primary", id="report-send")
            yield Static(id="report-length")
        yield Static(id="report-error", classes="error")
        yield Label(t("team.reports_sent"), classes="section")
        yield Static(id="reports")

    @property
    def area(self) -> TextArea:
        return self.query_one("#report-text", TextArea)

    def on_mount(self) -> None:
        self._length()

    @on(TextArea.Changed, "#report-text")
    def _length(self) -> None:
        length = len(self.area.text.strip())
        words = self.t("team.report_length", length=length, limit=self.limit)
        self.query_one("#report-length", Static).update(plain(words))
        self.set_class(length > self.limit, "too-long")

    @on(Button.Pressed, "#report-send")
    def _send(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Submitted(self.area.text))

    def sent(self) -> None:
        self.area.clear()
        self.error("")

    def error(self, text: str) -> None:
        self.query_one("#report-error", Static).update(plain(text))

    def show_reports(self, reports: Sequence[SentReport]) -> None:
        t = self.t
        if not reports:
            self.query_one("#reports", Static).update(plain(t("team.no_reports"), "italic"))
            return
        out = Text()
        for report in reports:
            meta = t("team.report_line", time=format_clock(report.at), who=report.by)
            out.append(meta + "\n", style="dim")
            out.append_text(plain(report.text))
            out.append("\n\n")
        self.query_one("#reports", Static).update(out)


class BriefingView(VerticalScroll):
    """The setting as every trainee reads it, and this seat's role briefings."""

    def __init__(self, t: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.t = t

    def compose(self) -> ComposeResult:
        yield Static(id="briefing-text")

    def show(self, briefing: Briefing) -> None:
        t = self.t
        out = Text()
        out.append_text(content(t, briefing.title, "bold"))
        out.append("\n\n")
        if briefing.setting is not None:
            out.append(t("team.setting") + "\n", style="bold underline")
            out.append_text(content(t, briefing.setting))
            out.append("\n\n")
        for name, text in briefing.roles:
            heading = sentence(t, "team.your_role", {"role": content(t, name)})
            heading.stylize("bold underline")
            out.append_text(heading)
            out.append("\n")
            out.append_text(content(t, text))
            out.append("\n\n")
        self.query_one("#briefing-text", Static).update(out)
