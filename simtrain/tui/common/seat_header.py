"""The header every seat away from the console shows: who sits there, the phase and the clock's
state on the left; the exercise day and clock on the right.

The team terminal, the actor's cues app and the evaluator's seat differ only in the first line
(the team and role, the character, the evaluator and their teams): each gives it as a
:class:`rich.text.Text`, and this widget does the rest. Scenario texts stay literal
(:func:`content`); a locale sentence keeps its parts literal where they fall (:func:`sentence`).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Static

from simtrain.i18n import Translator, slots
from simtrain.scenario.catalog import Resolved
from simtrain.tui.literal import fallback_marked, join, plain
from simtrain.tui.team.views import ClockView


def content(t: Translator, text: Resolved, style: str = "") -> Text:
    """A scenario text, literal, marked when it fell back to another language."""
    shown = fallback_marked(text.text, text.fallback, t("team.fallback_mark"))
    if style:
        shown.stylize(style)
    return shown


def sentence(t: Translator, key: str, parts: dict[str, Text], **params: object) -> Text:
    """A locale sentence whose ``parts`` are texts kept literal (and styled) where they fall."""
    return join(*slots(t, key, parts, plain, **params))


class SeatHeader(Horizontal):
    """Who sits at the seat, the phase and the clock's state; the exercise clock on the right.

    ``WHO_ID`` is the first line's id, which the seat's stylesheet sets in bold.
    """

    WHO_ID = "header-team"

    def __init__(self, t: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.t = t
        self._shown: ClockView | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="header-text"):
            yield Static(id=self.WHO_ID)
            yield Static(id="header-phase")
            yield Static(id="header-state")
        yield Static(id="clock-day")
        yield Digits("0:00:00", id="clock")

    def show_seat(self, who: Text, phase: Resolved | None, clock: ClockView) -> None:
        """Everything again: the seat's line, the phase, the clock."""
        t = self.t
        self.query_one(f"#{self.WHO_ID}", Static).update(who)
        if phase is None:
            shown = plain(t("team.no_phase"))
        else:
            shown = sentence(t, "team.phase", {"phase": content(t, phase)})
        self.query_one("#header-phase", Static).update(shown)
        self._shown = None
        self.tick(clock)

    def tick(self, clock: ClockView) -> None:
        """Called at every poll: touches a widget only when its text changed, so ten idle
        terminals on one laptop cost next to nothing between deliveries."""
        shown = self._shown
        if clock == shown:
            return
        if shown is None or clock.status != shown.status:
            state = self.t(f"team.clock.{clock.status}")
            self.query_one("#header-state", Static).update(plain(state))
            self.set_class(clock.status == "running", "running")
            self.set_class(clock.status == "no_contact", "no-contact")
        if shown is None or clock.day != shown.day:
            day = "" if clock.day is None else self.t("director.day", number=clock.day)
            self.query_one("#clock-day", Static).update(plain(day))
        if shown is None or clock.time != shown.time:
            self.query_one("#clock", Digits).update(clock.time)
        self._shown = clock
