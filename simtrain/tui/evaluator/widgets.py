"""The evaluator's regions: header and clock, the injects with their actions, the selected
action in full, the teams' reports and decisions, what comes next, the observation log.

Every widget is told what to show by the screen: the frozen views of
:mod:`simtrain.tui.evaluator.views` and the translator, never the seat. Scenario, team and note
texts reach the screen only as :class:`rich.text.Text` (:mod:`simtrain.tui.literal`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from simtrain.i18n import Translator
from simtrain.scenario.durations import format_clock
from simtrain.tui.common.seat_header import SeatHeader, content, sentence
from simtrain.tui.evaluator.views import (
    ActionView,
    ArrivalView,
    EvaluatorHeader,
    InjectCard,
    NoteView,
    UpcomingView,
    window_state,
    window_text,
)
from simtrain.tui.literal import join, plain

UNRATED = "·"
"""The mark of an action nobody has rated yet (a shape, not a colour)."""

WINDOW_STYLE = {"open": "", "overdue": "bold", "in_time": "dim", "late": "bold", "none": "dim"}


class Header(SeatHeader):
    """Who evaluates which teams, the phase and the clock's state; the exercise clock."""

    WHO_ID = "header-who"

    def show(self, view: EvaluatorHeader) -> None:
        who = self.t("evaluator.header", name=view.name, teams=", ".join(view.teams))
        self.show_seat(plain(who), view.phase, view.clock)


def card_line(t: Translator, card: InjectCard, several: bool, clock: Callable[[int], str]) -> Text:
    """An inject's heading: when it reached the team, which team (when there are several), the
    title and the channel."""
    line = Text()
    line.append(clock(card.at), style="dim")
    line.append("  ")
    if several:
        line.append_text(plain(card.team_name, "bold reverse"))
        line.append(" ")
    line.append_text(content(t, card.title, "bold"))
    line.append(f" · {t(f'channels.{card.channel}')}", style="dim")
    if not card.actions:
        line.append("\n    ")
        line.append(t("evaluator.no_actions"), style="italic dim")
    return line


def action_line(t: Translator, action: ActionView, now: int) -> Text:
    """One expected action: its rating (or a dot), the action, who, the points, the window."""
    current = action.current
    line = Text("    ")
    mark = current.rating if current is not None else UNRATED
    line.append(f"[{mark:^3}]", style="bold" if current is not None else "dim")
    line.append(" ")
    line.append_text(content(t, action.text))
    line.append("\n          ")
    line.append_text(content(t, action.role, "dim"))
    if action.objective_label is not None:
        line.append(" · ", style="dim")
        line.append_text(content(t, action.objective_label, "dim"))
    line.append(" · " + t("evaluator.points", count=action.points), style="dim")
    state, _ = window_state(action, now)
    line.append(" · ")
    line.append(window_text(action, now, t), style=WINDOW_STYLE[state])
    if action.disagreement:
        line.append(" · ")
        line.append(t("evaluator.differ_mark"), style="bold")
    return line


def action_terms(t: Translator, action: ActionView, now: int) -> Text:
    """``Objective: Identify presumed victims · 10 points · within 0:30 · 0:12 left``: what the
    rating dialog says of the action before it is rated."""
    label = action.objective_label or action.objective_text
    line = sentence(t, "evaluator.objective", {"objective": content(t, label)})
    line.append(" · " + t("evaluator.points", count=action.points) + " · ")
    line.append(window_text(action, now, t))
    return line


class ActionList(OptionList):
    """The delivered injects, newest first, each followed by its expected actions: an action is
    what the evaluator highlights and rates (an inject's line cannot be highlighted)."""

    def __init__(self, t: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.t = t

    def show(
        self,
        cards: Sequence[InjectCard],
        now: int,
        several: bool,
        clock: Callable[[int], str],
    ) -> None:
        """All rows again (deliveries and ratings are rare), keeping the evaluator's place."""
        highlighted = self.highlighted_option.id if self.highlighted_option is not None else None
        options: list[Option] = []
        for card in cards:
            options.append(
                Option(card_line(self.t, card, several, clock), id=card.key, disabled=True)
            )
            options += [
                Option(action_line(self.t, action, now), id=action.key) for action in card.actions
            ]
        self.set_options(options)
        if highlighted is not None:
            with contextlib.suppress(OptionDoesNotExist):
                self.highlighted = self.get_option_index(highlighted)


class ActionDetail(VerticalScroll):
    """The highlighted action in full: objective, window, every rating with who gave it."""

    def __init__(self, t: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.t = t

    def compose(self) -> ComposeResult:
        yield Static(id="detail-text")

    def show(
        self, action: ActionView | None, team: str, now: int, clock: Callable[[int], str]
    ) -> None:
        """``clock`` prints an exercise time as the timeline does (``1·2:15``)."""
        t = self.t
        if action is None:
            self.query_one("#detail-text", Static).update(plain(t("evaluator.pick"), "italic"))
            return
        out = Text()
        out.append_text(content(t, action.text, "bold"))
        out.append("\n")
        out.append(t("evaluator.for_team", team=team) + "\n", style="dim")
        out.append_text(
            sentence(t, "evaluator.objective", {"objective": content(t, action.objective_text)})
        )
        out.append("\n")
        out.append_text(sentence(t, "evaluator.role", {"role": content(t, action.role)}))
        out.append("\n")
        out.append(t("evaluator.points", count=action.points) + " · ")
        out.append(window_text(action, now, t))
        out.append("\n\n")
        if not action.ratings:
            out.append(t("evaluator.not_rated"), style="italic")
        for k, given in enumerate(reversed(action.ratings)):
            words = t(
                "evaluator.given",
                rating=given.rating,
                evaluator=given.evaluator,
                time=clock(given.at),
                acted=clock(given.acted_at),
            )
            out.append_text(plain(words, "bold" if k == 0 else ""))
            if given.note:
                out.append("\n    ")
                out.append_text(plain(given.note))
            out.append("\n")
        if action.disagreement:
            out.append("\n")
            out.append_text(plain(action.disagreement, "bold"))
        self.query_one("#detail-text", Static).update(out)


class ArrivalList(VerticalScroll):
    """The teams' reports and decisions, newest first; the newest marked until looked at."""

    def __init__(self, t: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.t = t

    def compose(self) -> ComposeResult:
        yield Static(id="arrivals-text")

    def show(
        self, items: Sequence[ArrivalView], fresh: set[str], clock: Callable[[int], str]
    ) -> None:
        t = self.t
        if not items:
            self.query_one("#arrivals-text", Static).update(
                plain(t("evaluator.no_arrivals"), "italic")
            )
            return
        out = Text()
        for item in items:
            mark = "● " if item.key in fresh else "  "
            kind = t(f"evaluator.arrival.{item.kind}", team=item.team_name, who=item.by)
            out.append(mark, style="bold")
            out.append(f"#{item.seq} {clock(item.at)} · ", style="dim")
            out.append_text(plain(kind, "bold" if item.key in fresh else ""))
            out.append("\n")
            if item.prompt is not None:
                out.append_text(content(t, item.prompt, "italic"))
                out.append("\n→ ")
            out.append_text(content(t, item.text))
            out.append("\n\n")
        self.query_one("#arrivals-text", Static).update(out)


class UpcomingList(VerticalScroll):
    """What falls due next for the evaluator's teams, soonest first."""

    def __init__(self, t: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.t = t

    def compose(self) -> ComposeResult:
        yield Static(id="upcoming-text")

    def show(self, items: Sequence[UpcomingView], now: int, clock: Callable[[int], str]) -> None:
        t = self.t
        if not items:
            self.query_one("#upcoming-text", Static).update(
                plain(t("evaluator.nothing_next"), "italic")
            )
            return
        out = Text()
        for item in items:
            when = clock(item.at)
            if item.due:
                state = t("evaluator.next.due")
            else:
                state = t("evaluator.next.in", time=format_clock(item.at - now))
            out.append(f"{when} ", style="bold")
            out.append(f"({state}) ", style="dim")
            out.append_text(plain(item.team_name, "bold"))
            out.append(" · ")
            out.append_text(content(t, item.title))
            if item.actions:
                out.append(" · " + t("evaluator.next.actions", count=item.actions), style="dim")
            if item.skip:
                out.append(" · " + t("evaluator.next.skip"), style="italic")
            out.append("\n")
        self.query_one("#upcoming-text", Static).update(out)


class NoteList(VerticalScroll):
    """The observation log, newest first: when, who, what it is tied to, the words."""

    def __init__(self, t: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.t = t

    def compose(self) -> ComposeResult:
        yield Static(id="notes-text")

    def show(self, notes: Sequence[NoteView], clock: Callable[[int], str]) -> None:
        t = self.t
        if not notes:
            self.query_one("#notes-text", Static).update(plain(t("evaluator.no_notes"), "italic"))
            return
        out = Text()
        for note in notes:
            meta = f"{clock(note.at)} · {note.by}"
            out.append_text(plain(meta, "bold" if note.mine else "dim"))
            ties: list[Text] = []
            if note.team_name is not None:
                ties.append(plain(note.team_name))
            if note.objective is not None:
                ties.append(content(t, note.objective))
            if note.action is not None:
                ties.append(content(t, note.action))
            if ties:
                out.append(" · ", style="dim")
                out.append_text(join(*ties, sep=" › "))
            out.append("\n")
            out.append_text(plain(note.text))
            out.append("\n\n")
        self.query_one("#notes-text", Static).update(out)
