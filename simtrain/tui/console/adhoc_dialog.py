"""The ad-hoc inject dialog: an inject the control cell writes live, addressed and rated like any.

Beside the title, message and channel it asks who sends it (a scenario character, or anyone named
in free text; nobody: the control cell), which teams and which roles it is for (a team receives it
only if it covers one of those roles, the rule of a scenario inject), and optionally one expected
action (text, role, objective, points), so ``r`` rates it as it rates a scenario inject.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Label, Select, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from simtrain.i18n import Translator
from simtrain.live.run_view import RunView
from simtrain.scenario.model import CHANNELS
from simtrain.tui.console.checklist import CheckList
from simtrain.tui.console.dialogs import Dialog
from simtrain.tui.console.facilitator import AdhocAction
from simtrain.tui.literal import plain

Pairs = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class AdhocChoices:
    """What the dialog offers, as (id, name) pairs in the console's languages."""

    teams: Pairs
    roles: Pairs
    characters: Pairs
    objectives: Pairs


def adhoc_choices(view: RunView) -> AdhocChoices:
    scenario, state = view.session.scenario, view.session.state
    return AdhocChoices(
        tuple((tid, ts.team.name) for tid, ts in state.teams.items()),
        tuple((r.id, view.role_name(r.id).text) for r in scenario.roles),
        tuple((c.id, view.character_name(c.id)) for c in scenario.characters),
        # a picker's line is short: each objective by its short: label, else its sentence
        tuple((o.id, view.objective_label(o.id).text) for o in scenario.objectives),
    )


@dataclass(frozen=True)
class AdhocAnswer:
    title: str
    message: str
    channel: str
    teams: tuple[str, ...] | Literal["all"]
    to: tuple[str, ...] | Literal["all"] = "all"
    sender: str = ""
    """A character's id, free text, or empty for the control cell."""
    expect: tuple[AdhocAction, ...] = ()


_CONTROL = "__control__"


class AdhocDialog(Dialog[AdhocAnswer]):
    """An inject the control cell writes live, to steer play where the script did not go."""

    def __init__(self, t: Translator, choices: AdhocChoices) -> None:
        super().__init__(t, t("dialog.adhoc_title"))
        self.choices = choices

    def body(self) -> ComposeResult:
        t, c = self.t, self.choices
        with VerticalScroll(id="adhoc-body"):
            yield Input(placeholder=t("dialog.adhoc_subject"), id="title")
            # a message is often several lines (a call script, an e-mail): Enter is a new line
            yield TextArea(placeholder=t("dialog.adhoc_message"), id="message", classes="message")
            yield Label(t("adhoc.sender"))
            with Horizontal(classes="adhoc-row"):
                yield Select(
                    [
                        (t("console.control_cell"), _CONTROL),
                        *[(plain(n), i) for i, n in c.characters],
                    ],
                    value=_CONTROL,
                    allow_blank=False,
                    id="character",
                )
                yield Input(placeholder=t("adhoc.sender_other"), id="sender")
            yield Select(
                [(t(f"channels.{ch}"), ch) for ch in CHANNELS],
                value="phone",
                allow_blank=False,
                id="channel",
            )
            yield Label(t("adhoc.teams"))
            yield CheckList(
                *[Selection(plain(name), tid, True) for tid, name in c.teams], id="teams"
            )
            yield Label(t("adhoc.roles"))
            yield CheckList(
                *[Selection(plain(name), rid, True) for rid, name in c.roles], id="roles"
            )
            yield Label(t("adhoc.expect"))
            yield Input(placeholder=t("adhoc.expect_text"), id="expect-text")
            with Horizontal(classes="adhoc-row"):
                yield Select(
                    [(plain(n), i) for i, n in c.roles], prompt=t("adhoc.expect_role"), id="by"
                )
                yield Select(
                    [(plain(n), i) for i, n in c.objectives],
                    prompt=t("adhoc.expect_objective"),
                    id="objective",
                )
                yield Input("10", placeholder=t("adhoc.points"), id="points", type="integer")
        yield Static("", id="error", classes="error")

    def on_mount(self) -> None:
        self.query_one("#adhoc-body").can_focus = False  # Tab goes from field to field
        self.query_one("#title", Input).focus()

    def _error(self, key: str) -> None:
        self.query_one("#error", Static).update(self.t(key))

    def answer(self) -> AdhocAnswer | None:
        title = self.query_one("#title", Input).value.strip()
        if not title:
            self._error("dialog.empty_text")
            return None
        teams = self._picked("#teams", "dialog.no_team")
        to = self._picked("#roles", "adhoc.no_role")
        if teams is None or to is None:
            return None
        expect = self._expect(to)
        if expect is None:
            return None
        free = self.query_one("#sender", Input).value.strip()
        character = self.query_one("#character", Select).value
        sender = free or (str(character) if character != _CONTROL else "")
        return AdhocAnswer(
            title,
            self.query_one("#message", TextArea).text.strip(),
            str(self.query_one("#channel", Select).value),
            teams,
            to,
            sender,
            expect,
        )

    def _picked(self, list_id: str, empty: str) -> tuple[str, ...] | Literal["all"] | None:
        chosen = tuple(self.query_one(list_id, SelectionList).selected)
        if not chosen:
            self._error(empty)
            return None
        everything = len(self.choices.teams if list_id == "#teams" else self.choices.roles)
        return "all" if len(chosen) == everything else chosen

    def _expect(self, to: tuple[str, ...] | Literal["all"]) -> tuple[AdhocAction, ...] | None:
        """The optional expected action: none when its text is empty; else all its fields."""
        text = self.query_one("#expect-text", Input).value.strip()
        if not text:
            return ()
        by = self.query_one("#by", Select).value
        objective = self.query_one("#objective", Select).value
        if not isinstance(by, str) or not isinstance(objective, str):
            self._error("adhoc.expect_incomplete")
            return None
        if to != "all" and by not in to:
            self._error("adhoc.expect_role_not_addressed")
            return None
        raw = self.query_one("#points", Input).value.strip() or "10"
        if not raw.isdigit() or not 0 <= int(raw) <= 1000:
            self._error("adhoc.bad_points")
            return None
        return (AdhocAction(text, by, objective, int(raw)),)
