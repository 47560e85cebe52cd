"""The setup screen: teams and the roles each covers, content language, where the session goes.

A grid of teams by roles is the compact form of "which team plays which roles": space toggles a
role, ``a`` adds a team, ``delete`` removes one, ``enter`` on a name renames it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Checkbox, DataTable, Footer, Input, Label, Select, Static

from simtrain.i18n import Translator
from simtrain.scenario.catalog import Catalog
from simtrain.scenario.loader import LoadedScenario
from simtrain.session.events import Team, covers
from simtrain.textfit import cut
from simtrain.tui.common.dialogs import ConfirmScreen, ConfirmWords
from simtrain.tui.console.opening import team_id
from simtrain.tui.literal import plain
from simtrain.tui.localized import localize_bindings, steady


@dataclass(frozen=True)
class SetupResult:
    teams: tuple[Team, ...]
    content_lang: str
    session_path: Path
    actors_confirm: bool = False
    """Actors' seats (``simtrain cues``) may confirm their own cues as played."""


@dataclass
class _Draft:
    name: str
    roles: set[str]


class RenameDialog(Screen[str | None]):
    """A one-line dialog for a team's name."""

    BINDINGS = [Binding("escape", "cancel", "keys.cancel")]  # noqa: RUF012

    def __init__(self, t: Translator, name: str) -> None:
        super().__init__()
        self.t = t
        self.name_value = name
        localize_bindings(self, t)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.t("setup.rename"), classes="dialog-title")
            yield Input(value=self.name_value, id="name")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        self.dismiss(value or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SetupScreen(Screen[SetupResult]):
    BINDINGS = [  # noqa: RUF012
        Binding("space", "toggle_role", "keys.toggle_role"),
        Binding("a", "add_team", "keys.add_team"),
        Binding("delete", "remove_team", "keys.remove_team"),
        Binding("ctrl+s", "start", "keys.start"),
        Binding("escape", "back", "keys.back"),
    ]

    def __init__(
        self,
        t: Translator,
        loaded: LoadedScenario,
        content_lang: str | None,
        session_path: Path,
        team_names: list[str],
        *,
        actors_confirm: bool = False,
    ) -> None:
        super().__init__()
        self.t = t
        self.actors_confirm = actors_confirm
        self.loaded = loaded
        self.catalog = Catalog(loaded.scenario, loaded.folder)
        langs = self.catalog.languages()
        wanted = content_lang or t.lang
        self.content_lang = wanted if wanted in langs else loaded.scenario.language
        self.session_path = session_path
        roles = {r.id for r in loaded.scenario.roles}
        self.drafts = [_Draft(name, set(roles)) for name in team_names]
        localize_bindings(self, t)

    def compose(self) -> ComposeResult:
        t = self.t
        title = self.catalog.text("title", self.content_lang).text
        with Vertical(id="setup"):
            yield Label(plain(title), classes="dialog-title")
            yield Static(t("setup.hint"), classes="hint")
            # the team column stays put while the cursor moves right through many roles (m2)
            yield DataTable[Text](
                id="grid", cursor_type="cell", fixed_columns=1, header_height=HEADING_LINES
            )
            yield Static("", id="column", classes="hint")
            yield Static("", id="coverage", classes="hint")
            with Horizontal(classes="setup-row"):
                yield Label(t("setup.content_language"))
                yield Select(
                    [(t(f"languages.{code}"), code) for code in self.catalog.languages()],
                    value=self.content_lang,
                    allow_blank=False,
                    id="content",
                )
            with Horizontal(classes="setup-row"):
                yield Label(t("setup.session_file"))
                yield Input(value=str(self.session_path), id="path")
            yield Checkbox(t("actor.setup_checkbox"), self.actors_confirm, id="actors-confirm")
            yield Static("", id="error", classes="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("setup.start"), variant="primary", id="start")
        yield Footer()

    def on_mount(self) -> None:
        steady(self)
        self._build()
        self.query_one("#grid", DataTable).focus()

    def _roles(self) -> list[str]:
        return [r.id for r in self.loaded.scenario.roles]

    def _build(self) -> None:
        grid = self.query_one("#grid", DataTable)
        cursor = grid.cursor_coordinate
        grid.clear(columns=True)
        grid.add_column(self.t("setup.team"), key="name", width=18)
        for role in self._roles():
            name = self.catalog.text(f"roles.{role}.name", self.content_lang).text
            width = heading_width(name)
            grid.add_column(plain(heading_lines(name, width)), key=role, width=width)
        for k, draft in enumerate(self.drafts):
            cells = [plain(draft.name)]
            cells += [Text(" ✓" if role in draft.roles else " ·") for role in self._roles()]
            grid.add_row(*cells, key=str(k))
        if self.drafts:
            grid.move_cursor(
                row=min(cursor.row, len(self.drafts) - 1), column=cursor.column, animate=False
            )
        self._coverage()

    def _coverage(self) -> None:
        """Say which teams will miss injects for want of a role: a team without the lawyer never
        hears the lawyer's calls, which is right, but should be a choice, not a surprise."""
        injects = self.loaded.scenario.injects
        lines = []
        for draft in self.drafts:
            missed = sum(1 for j in injects if not covers(draft.roles, j.to))
            if missed:
                lines.append(
                    self.t("setup.uncovered", team=draft.name, count=missed, total=len(injects))
                )
        self.query_one("#coverage", Static).update(plain("\n".join(lines)))

    @on(DataTable.CellHighlighted, "#grid")
    def _column(self, event: DataTable.CellHighlighted) -> None:
        """Headings are cut to fit nine roles on a screen; the highlighted one is named in full."""
        column = event.coordinate.column
        line = self.query_one("#column", Static)
        if column == 0 or column > len(self._roles()):
            line.update(plain(self.t("setup.column_team")))
            return
        role = self._roles()[column - 1]
        name = self.catalog.text(f"roles.{role}.name", self.content_lang).text
        line.update(plain(self.t("setup.column_role", role=name)))

    def action_toggle_role(self) -> None:
        grid = self.query_one("#grid", DataTable)
        if not self.drafts or grid.cursor_column == 0:
            return
        draft = self.drafts[grid.cursor_row]
        role = self._roles()[grid.cursor_column - 1]
        draft.roles ^= {role}
        grid.update_cell_at(grid.cursor_coordinate, Text(" ✓" if role in draft.roles else " ·"))
        self._coverage()

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        if event.coordinate.column == 0:
            row = event.coordinate.row

            def renamed(name: str | None) -> None:
                if name:
                    self.drafts[row].name = name
                    self._build()

            self.app.push_screen(RenameDialog(self.t, self.drafts[row].name), renamed)
        else:
            self.action_toggle_role()

    def action_add_team(self) -> None:
        number = len(self.drafts) + 1
        self.drafts.append(_Draft(self.t("setup.team_name", number=number), set(self._roles())))
        self._build()

    def action_remove_team(self) -> None:
        grid = self.query_one("#grid", DataTable)
        if len(self.drafts) > 1:
            del self.drafts[grid.cursor_row]
            self._build()

    def action_back(self) -> None:
        """Asks first: the teams and roles typed here exist nowhere else yet (no session file
        is written before Start), so a stray Esc must not throw them away."""
        t = self.t

        def done(answer: bool | None) -> None:
            if answer:
                self.app.exit()

        words = ConfirmWords("console_extra.setup_quit", "console_extra.setup_stay")
        question = t("console_extra.setup_quit_question")
        title = t("console_extra.setup_quit_title")
        # Enter keeps the setup; quitting takes its own button or ctrl+s
        screen = ConfirmScreen(t, title, question, words=words, default=False)
        self.app.push_screen(screen, done)

    @on(Select.Changed, "#content")
    def _content(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.content_lang = event.value
            self._build()

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        error = self.query_one("#error", Static)
        empty = [d.name for d in self.drafts if not d.roles]
        if empty:
            error.update(self.t("setup.no_roles", team=empty[0]))
            return
        names = [d.name for d in self.drafts]
        if len(set(names)) != len(names):
            error.update(self.t("setup.duplicate_names"))
            return
        path = Path(self.query_one("#path", Input).value.strip())
        if not path.name:
            error.update(self.t("setup.no_path"))
            return
        teams = tuple(
            Team(id=team_id(k), name=d.name, roles=tuple(r for r in self._roles() if r in d.roles))
            for k, d in enumerate(self.drafts, start=1)
        )
        actors = self.query_one("#actors-confirm", Checkbox).value
        self.dismiss(SetupResult(teams, self.content_lang, path, actors))


HEADING_LINES = 3
"""A role's heading takes up to three lines: 'Investigatore / di polizia / giudiziaria'."""


def heading_width(name: str) -> int:
    """A role's column: 12, or its longest word up to 16, so no word is broken."""
    return min(max(12, *(len(word) for word in name.split())), 16)


def heading_lines(text: str, width: int, lines: int = HEADING_LINES) -> str:
    """``text`` in at most ``lines`` lines of ``width``, broken at spaces; the last cut only
    when the name is longer than all of them (the line under the grid names it in full)."""
    out: list[str] = []
    words = text.split()
    while words and len(out) < lines:
        line = words.pop(0)
        while words and len(line) + 1 + len(words[0]) <= width:
            line += " " + words.pop(0)
        out.append(line)
    if words:
        out[-1] = cut(" ".join([out[-1], *words]), width)
    return "\n".join(cut(line, width) for line in out)


def two_lines(text: str, width: int) -> str:
    """A heading in two lines of ``width``, broken at spaces (the second cut if it must be): the
    cursor line under the grid names the highlighted role in full."""
    words = text.split()
    first = ""
    while words and len(first) + len(words[0]) + (1 if first else 0) <= width:
        first = f"{first} {words.pop(0)}" if first else words.pop(0)
    if not first:  # one word longer than the column: cut it across the two lines
        flat = " ".join(words)
        return flat[:width] + ("\n" + cut(flat[width:], width) if flat[width:] else "")
    rest = " ".join(words)
    return first + ("\n" + cut(rest, width) if rest else "")
