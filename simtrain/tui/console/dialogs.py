"""Dialogs: each a ``ModalScreen`` that dismisses with its answer (or None when cancelled).

The console screen pushes one with a callback that turns the answer into events, so the same
dialog serves the keyboard, the mouse, the command palette and the tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Footer,
    Input,
    Label,
    Select,
    Static,
)

from simtrain.i18n import UI_LANGUAGES, Translator
from simtrain.session.hseep import RATINGS
from simtrain.tui.console.inject_views import RateView
from simtrain.tui.console.rate_when import RateWhen
from simtrain.tui.console.views import SYMBOLS
from simtrain.tui.literal import plain
from simtrain.tui.localized import localize_bindings, steady

T = TypeVar("T")


class Dialog(ModalScreen[T | None], Generic[T]):
    """A modal with a title, a body, OK and Cancel; escape cancels, ctrl+s confirms."""

    BINDINGS = [  # noqa: RUF012 - Textual's class-level convention
        Binding("escape", "cancel", "keys.cancel"),
        Binding("ctrl+s", "confirm", "keys.confirm"),
    ]

    def __init__(self, t: Translator, title: str) -> None:
        super().__init__()
        self.t = t
        self.dialog_title = title
        self.attempt: Callable[[T], str | None] | None = None
        """When set, confirming runs it with the answer first: a line back (the session did not
        take the write) is shown in the dialog, which stays open with what was typed; None
        closes it."""
        localize_bindings(self, t)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self.dialog_title), classes="dialog-title")
            yield from self.body()
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.t("dialog.ok"), variant="primary", id="ok")
                yield Button(self.t("dialog.cancel"), id="cancel")
        yield Footer()  # the dialog's own keys, not the console's behind it

    def body(self) -> ComposeResult:
        yield from ()

    @on(events.Mount)
    def _steady_cursor(self) -> None:
        steady(self)

    def answer(self) -> T | None:
        raise NotImplementedError

    @on(Button.Pressed, "#ok")
    def action_confirm(self) -> None:
        value = self.answer()
        if value is None:
            return
        failure = self.attempt(value) if self.attempt is not None else None
        if failure is not None:
            for error in self.query("#error").results(Static):
                error.update(plain(failure))
                return
            self.notify(failure, severity="error", markup=False)
            return
        self.dismiss(value)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


RATING_KEYS = {r[0]: r for r in RATINGS} | {
    # the same keys on a Russian (ЙЦУКЕН) layout, and the Cyrillic look-alikes Р and М
    "З": "P", "Ы": "S", "Ь": "M", "Г": "U", "Т": "N/A", "Р": "P", "М": "M",
}  # fmt: skip
"""The key that picks each rating in the rating dialog: P, S, M, U, and N for N/A."""


@dataclass(frozen=True)
class RateAnswer:
    team: str
    ratings: dict[str, tuple[str, str]]
    option: str | None
    acted_at: int | None = None
    """When the team acted (exercise seconds); None: now, the moment of the rating."""


class RateDialog(Dialog[RateAnswer]):
    """Rate one team's response to one inject: P/S/M/U/N/A and a note per expected action."""

    def __init__(self, t: Translator, view: RateView, when: RateWhen | None = None) -> None:
        super().__init__(t, t("dialog.rate_title", inject=view.inject))
        self.view = view
        self.when = when
        """When the team acted, and evaluators' disagreements (:mod:`rate_when`)."""

    def body(self) -> ComposeResult:
        t, view = self.t, self.view
        yield Label(t("dialog.team"))
        yield Select(
            [(plain(name), tid) for tid, name in view.teams],
            value=view.teams[0][0],
            allow_blank=False,
            id="team",
        )
        if self.when is not None:
            yield Label(t("scores.acted_at.label"))
            with Horizontal(classes="rate-row"):
                field = Input(placeholder=t("scores.acted_at.placeholder"), id="acted-at")
                field.styles.width = 24  # a time is short; the reports to pick from are not
                yield field
                evidence = Select[str]([], prompt=t("scores.acted_at.no_evidence"), id="evidence")
                evidence.styles.width = "1fr"
                yield evidence
            yield Static("", id="acted-preview", classes="rate-who")
        with VerticalScroll(id="rate-actions"):
            if view.options:  # first: reachable without scrolling past every action
                yield Label(t("dialog.option_chosen"))
                yield Select(
                    [(plain(text), option) for option, text in view.options],
                    prompt=t("dialog.no_option"),
                    id="option",
                )
            for action, text in view.actions:
                yield Label(
                    Text.assemble((f"[{action}] ", "bold"), plain(text)), classes="rate-action"
                )
                yield Static("", id=f"facts-{action}", classes="rate-facts")
                yield Static("", id=f"who-{action}", classes="rate-who")
                yield Static("", id=f"differ-{action}", classes="rate-who")
                with Horizontal(classes="rate-row"):
                    yield Select(
                        [(t(f"ratings.{r}"), r) for r in RATINGS],
                        prompt=t("dialog.not_rated"),
                        id=f"rating-{action}",
                        classes="rating",
                    )
                    yield Input(placeholder=t("dialog.note"), id=f"note-{action}", classes="note")
        yield Static("", id="error", classes="error")

    def on_mount(self) -> None:
        self.query_one("#rate-actions").can_focus = False  # Tab goes from field to field
        # many rows scroll inside the dialog, and OK/Cancel stay in sight (m8)
        tall = len(self.view.actions) + (1 if self.view.options else 0) >= 3
        self.query_one(".dialog").set_class(tall, "rate-dialog")
        self._load(self.view.teams[0][0])
        first = self.query(".rating")
        if first:
            first.first().focus()

    @on(Select.Changed, "#team")
    def _team_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self._load(event.value)

    def _load(self, team: str) -> None:
        """Show what this team was already given, so a second rating corrects the first."""
        given = self.view.given[team]
        self._show_who(team)
        self._show_when(team)
        for action, _ in self.view.actions:
            select = self.query_one(f"#rating-{action}", Select)
            note = self.query_one(f"#note-{action}", Input)
            if action in given.ratings:
                select.value, note.value = given.ratings[action]
            else:
                select.clear()
                note.value = ""
        if self.view.options:
            option = self.query_one("#option", Select)
            if given.option is not None:
                option.value = given.option
                option.disabled = True
            else:
                option.clear()
                option.disabled = False

    def _show_who(self, team: str) -> None:
        """Under each action: its objective, points and deadline for this team; the role behind
        it and the report the team last sent (one line)."""
        view, t = self.view, self.t
        reports = view.reports.get(team, ())
        facts = view.facts.get(team, ())
        for k, (action, _) in enumerate(view.actions):
            if k < len(facts):
                self.query_one(f"#facts-{action}", Static).update(plain(facts[k]))
            role = view.roles[k] if k < len(view.roles) else ""
            report = reports[k] if k < len(reports) else ""
            words = (
                t("director.rate_report", role=role, report=report)
                if report
                else t("director.rate_no_report", role=role)
            )
            self.query_one(f"#who-{action}", Static).update(plain(words))

    def _show_when(self, team: str) -> None:
        """The team's reports to pick as evidence, the acted-at preview, and under each action
        the evaluators' differing ratings, if any."""
        when = self.when
        if when is None:
            return
        evidence = self.query_one("#evidence", Select)
        evidence.set_options(when.evidence(team, self.t("scores.acted_at.report_option")))
        self.query_one("#acted-at", Input).value = ""
        self._preview(team)
        differ = when.differ.get(team, {})
        for action, _ in self.view.actions:
            self.query_one(f"#differ-{action}", Static).update(plain(differ.get(action, "")))

    def _preview(self, team: str) -> None:
        if self.when is not None:
            text = self.query_one("#acted-at", Input).value
            line = self.when.preview(team, text, self.t)
            self.query_one("#acted-preview", Static).update(plain(line))

    @on(Input.Changed, "#acted-at")
    def _acted_changed(self) -> None:
        team = self.query_one("#team", Select).value
        if isinstance(team, str):
            self._preview(team)

    @on(Select.Changed, "#evidence")
    def _evidence_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.query_one("#acted-at", Input).value = event.value

    def on_key(self, event: events.Key) -> None:
        """P, S, M, U or N on a rating selector picks that rating (N: N/A), as on paper."""
        rating = RATING_KEYS.get((event.character or "").upper())
        focused = self.focused
        select = focused if isinstance(focused, Select) else None
        if select is None and focused is not None:
            select = next((a for a in focused.ancestors if isinstance(a, Select)), None)
        if rating is None or select is None or not select.has_class("rating"):
            return
        event.stop()
        event.prevent_default()
        select.expanded = False
        select.value = rating
        select.focus()

    def answer(self) -> RateAnswer | None:
        team = self.query_one("#team", Select).value
        assert isinstance(team, str)
        given = self.view.given[team]
        ratings: dict[str, tuple[str, str]] = {}
        for action, _ in self.view.actions:
            value = self.query_one(f"#rating-{action}", Select).value
            note = self.query_one(f"#note-{action}", Input).value.strip()
            if isinstance(value, str) and given.ratings.get(action) != (value, note):
                ratings[action] = (value, note)
        option: str | None = None
        if self.view.options:
            chosen = self.query_one("#option", Select).value
            if isinstance(chosen, str) and given.option is None:
                option = chosen
        if not ratings and option is None:
            self.query_one("#error", Static).update(self.t("dialog.nothing_rated"))
            return None
        acted_at: int | None = None
        if self.when is not None:
            text = self.query_one("#acted-at", Input).value
            acted = self.when.read(team, text)
            if acted.at is None:
                self.query_one("#error", Static).update(self.when.preview(team, text, self.t))
                return None
            acted_at = acted.at if text.strip() else None  # empty: now, the rating's own time
        return RateAnswer(team, ratings, option, acted_at)


@dataclass(frozen=True)
class NoteAnswer:
    text: str
    team: str | None


class NoteDialog(Dialog[NoteAnswer]):
    """A timestamped note, about the whole exercise or one team."""

    def __init__(self, t: Translator, teams: list[tuple[str, str]], team: str | None) -> None:
        super().__init__(t, t("dialog.note_title"))
        self.teams = teams
        self.team = team

    def body(self) -> ComposeResult:
        yield Label(self.t("dialog.team"))
        yield Select(
            [(self.t("dialog.all_teams"), "*"), *[(plain(n), tid) for tid, n in self.teams]],
            value=self.team or "*",
            allow_blank=False,
            id="team",
        )
        yield Input(placeholder=self.t("dialog.note_text"), id="text")
        yield Static("", id="error", classes="error")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def answer(self) -> NoteAnswer | None:
        text = self.query_one("#text", Input).value.strip()
        if not text:
            self.query_one("#error", Static).update(self.t("dialog.empty_text"))
            return None
        team = self.query_one("#team", Select).value
        return NoteAnswer(text, None if team == "*" or not isinstance(team, str) else team)

    def on_input_submitted(self) -> None:
        self.action_confirm()


@dataclass(frozen=True)
class LanguageAnswer:
    ui: str
    content: str


class LanguageDialog(Dialog[LanguageAnswer]):
    """Interface and content languages, each chosen on its own, at any time."""

    def __init__(self, t: Translator, content: str, content_langs: list[str]) -> None:
        super().__init__(t, t("dialog.languages_title"))
        self.content = content
        self.content_langs = content_langs

    def body(self) -> ComposeResult:
        t = self.t
        yield Label(t("dialog.ui_language"))
        yield Select(
            [(t(f"languages.{code}"), code) for code in UI_LANGUAGES],
            value=self.t.lang,
            allow_blank=False,
            id="ui",
        )
        yield Label(t("dialog.content_language"))
        yield Select(
            [(t(f"languages.{code}"), code) for code in self.content_langs],
            value=self.content if self.content in self.content_langs else self.content_langs[0],
            allow_blank=False,
            id="content",
        )

    def answer(self) -> LanguageAnswer | None:
        ui = self.query_one("#ui", Select).value
        content = self.query_one("#content", Select).value
        return LanguageAnswer(str(ui), str(content))


class ChoiceDialog(Dialog[str]):
    """Pick one of several (an attachment to open)."""

    def __init__(self, t: Translator, title: str, choices: list[tuple[str, str]]) -> None:
        super().__init__(t, title)
        self.choices = choices

    def body(self) -> ComposeResult:
        yield Select(
            [(plain(label), value) for label, value in self.choices],
            value=self.choices[0][1],
            allow_blank=False,
            id="choice",
        )

    def answer(self) -> str | None:
        value = self.query_one("#choice", Select).value
        return value if isinstance(value, str) else None


class HelpScreen(ModalScreen[None]):
    """Keys, symbols and what each action records."""

    BINDINGS = [Binding("escape,question_mark,q", "dismiss_screen", "keys.close")]  # noqa: RUF012

    def __init__(self, t: Translator, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.t = t
        self.keys = keys
        localize_bindings(self, t)

    def compose(self) -> ComposeResult:
        t = self.t
        text = Text()
        text.append(t("help.keys") + "\n", style="bold underline")
        for key, description in self.keys:
            text.append(f"  {key:<10}", style="bold")
            text.append(description + "\n")
        text.append("\n" + t("help.symbols") + "\n", style="bold underline")
        for state, symbol in SYMBOLS.items():
            if state != "none":
                text.append(f"  {symbol}  ", style="bold")
                text.append(t(f"help.state.{state}") + "\n")
        text.append("  ↳  ", style="bold")
        text.append(t("console.after") + "\n")
        text.append("  *  ", style="bold")
        text.append(t("help.fallback") + "\n")
        text.append("\n" + t("help.safety") + "\n", style="italic")
        with VerticalScroll(classes="dialog help"):
            yield Static(text)
        yield Footer()

    def action_dismiss_screen(self) -> None:
        self.dismiss(None)
