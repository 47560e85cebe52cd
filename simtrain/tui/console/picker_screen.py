"""The scenario picker: shipped and local scenarios, with what a facilitator chooses by."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Static

from simtrain.i18n import Translator
from simtrain.scenario.catalog import Catalog
from simtrain.scenario.library import find_all
from simtrain.scenario.loader import load_scenario
from simtrain.scenario.problems import ScenarioError
from simtrain.textfit import cut
from simtrain.tui.literal import plain
from simtrain.tui.localized import localize_bindings

TITLE_WIDTH = 64


class PickerScreen(Screen[Path]):
    """Choose a scenario; Enter opens the setup for it."""

    BINDINGS = [  # noqa: RUF012
        Binding("enter", "choose", "keys.choose"),
        Binding("q,escape", "quit_app", "keys.quit"),
    ]

    def __init__(self, t: Translator, content_lang: str | None) -> None:
        super().__init__()
        self.t = t
        self.content_lang = content_lang or t.lang
        self.folders: dict[str, Path] = {}
        self.summaries: dict[str, str] = {}
        localize_bindings(self, t)

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Label(self.t("picker.title"), classes="dialog-title")
            yield Static(self.t("picker.hint"), classes="hint")
            yield DataTable[Text](id="scenarios", cursor_type="row", zebra_stripes=True)
            yield Static(id="picker-summary")
        yield Footer()

    def on_mount(self) -> None:
        t = self.t
        table = self.query_one("#scenarios", DataTable)
        table.add_column(t("picker.col.title"), key="title", width=TITLE_WIDTH)
        table.add_column(t("picker.col.languages"), key="languages", width=10)
        table.add_column(t("picker.col.days"), key="days", width=5)
        table.add_column(t("picker.col.roles"), key="roles", width=5)
        table.add_column(t("picker.col.injects"), key="injects", width=7)
        table.add_column(t("picker.col.where"), key="where", width=12)
        for found in find_all():
            key = str(found.folder)
            try:
                loaded = load_scenario(found.folder)
            except ScenarioError as error:
                problem = error.problems[0].render(t)
                table.add_row(
                    plain(found.folder.name),
                    Text(""),
                    Text(""),
                    Text(""),
                    Text(""),
                    plain(t("picker.invalid"), "dim"),
                    key=key,
                )
                self.folders[key] = found.folder
                self.notify(problem, severity="warning", markup=False)
                continue
            scenario = loaded.scenario
            catalog = Catalog(scenario, loaded.folder)
            title = catalog.text("title", self.content_lang)
            summary = (
                catalog.text("summary", self.content_lang).text
                if scenario.summary is not None
                else ""
            )
            self.summaries[key] = summary
            table.add_row(
                plain(cut(title.text, TITLE_WIDTH)),
                plain(", ".join(catalog.languages())),
                plain(str(len(scenario.phases))),
                plain(str(len(scenario.roles))),
                plain(str(len(scenario.injects))),
                plain(t(f"list.{found.origin}")),
                key=key,
            )
            self.folders[key] = found.folder
        if not self.folders:
            self.query_one("#picker-summary", Static).update(t("list.none"))
        table.focus()

    def action_choose(self) -> None:
        table = self.query_one("#scenarios", DataTable)
        if not table.row_count:
            return
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        if key is not None:
            self.dismiss(self.folders[key])

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_choose()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Under the list, what the highlighted case is about, in the content language."""
        key = event.row_key.value
        summary = self.summaries.get(key or "", "")
        self.query_one("#picker-summary", Static).update(plain(" ".join(summary.split())))

    def action_quit_app(self) -> None:
        self.app.exit()
