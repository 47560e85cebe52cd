"""The deliver, skip and delay dialog: which teams, ticked only where the inject is due.

What to tick and why each other team is left out is worked out without Textual
(:mod:`team_choice`); this dialog only draws it: ``☑``/``☐`` rows with the reason on each,
rows that cannot be chosen dimmed, a second ``ctrl+s`` before an off-branch delivery, and for a
delay a preview of where it puts the inject ("at 2:00 instead of 1:30").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from simtrain.i18n import Translator
from simtrain.scenario.durations import parse_spoken_duration
from simtrain.tui.console.checklist import CheckList
from simtrain.tui.console.dialogs import Dialog
from simtrain.tui.console.team_choice import TeamChoiceView, off_branch_warning
from simtrain.tui.literal import plain

Preview = Callable[[Sequence[str], int], list[str]]
"""Where a delay of N seconds puts the inject for the chosen teams, one line each."""


@dataclass(frozen=True)
class TeamChoice:
    teams: tuple[str, ...]
    seconds: int = 0
    note: str = ""
    """A skip's reason, in the control cell's words (empty: none given)."""


class TeamsDialog(Dialog[TeamChoice]):
    """Choose the teams an action applies to; with a ``preview``, it is a delay: for how long."""

    def __init__(
        self,
        t: Translator,
        title: str,
        choice: TeamChoiceView,
        *,
        preview: Preview | None = None,
    ) -> None:
        super().__init__(t, title)
        self.choice = choice
        self.preview = preview
        self._warned: tuple[str, ...] | None = None

    def body(self) -> ComposeResult:
        rows = []
        for option in self.choice.options:
            prompt = Text.assemble(plain(option.name), ("  — " + option.reason, "dim italic"))
            rows.append(
                Selection(prompt, option.team, option.preselected, disabled=not option.selectable)
            )
        yield CheckList(*rows, id="teams", classes="team-choice")
        yield Static(self.t("choice.hint"), classes="dialog-hint")
        if self.preview is not None:
            yield Label(self.t("dialog.delay_for"))
            yield Input(value=self.t.span(600), id="delay")
            yield Static("", id="preview", classes="preview")
        if self.choice.kind == "skip":
            yield Label(self.t("director.skip_reason"))
            yield Input(placeholder=self.t("director.skip_reason_hint"), id="note")
        yield Static("", id="error", classes="error")

    def on_mount(self) -> None:
        self.query_one("#teams", CheckList).focus()
        self._show_preview()

    @property
    def chosen(self) -> tuple[str, ...]:
        return tuple(self.query_one("#teams", CheckList).selected)

    @on(SelectionList.SelectedChanged)
    @on(Input.Changed, "#delay")
    def _show_preview(self) -> None:
        self._warned = None
        self.query_one("#error", Static).update("")
        if self.preview is None:
            return
        seconds = parse_spoken_duration(self.query_one("#delay", Input).value)
        lines = self.preview(self.chosen, seconds) if seconds and self.chosen else []
        self.query_one("#preview", Static).update(plain("\n".join(lines)))

    def answer(self) -> TeamChoice | None:
        chosen = self.chosen
        error = self.query_one("#error", Static)
        if not chosen:
            error.update(self.t("dialog.no_team"))
            return None
        seconds = 0
        if self.preview is not None:
            parsed = parse_spoken_duration(self.query_one("#delay", Input).value)
            if not parsed:
                error.update(self.t("dialog.bad_duration"))
                return None
            seconds = parsed
        if self.choice.kind == "deliver" and self._warned != chosen:
            warning = off_branch_warning(self.t, self.choice, chosen)
            if warning:
                self._warned = chosen  # the next ctrl+s with the same teams delivers
                error.update(plain(warning))
                return None
        notes = self.query("#note").results(Input)
        note = next(notes).value.strip() if self.choice.kind == "skip" else ""
        return TeamChoice(chosen, seconds, note)

    def on_input_submitted(self) -> None:
        self.action_confirm()
