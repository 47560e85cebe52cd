"""The console app: picker, setup and the console screen, built by one factory.

``make_console_app`` is shared by ``simtrain run``, ``simtrain resume``, the tests and the
benchmarks, so all of them exercise the same app.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from textual.app import App, SystemCommand
from textual.screen import Screen

from simtrain.gc_policy import tune_gc
from simtrain.i18n import Translator
from simtrain.scenario.loader import LoadedScenario, load_scenario
from simtrain.scenario.problems import ScenarioError
from simtrain.session.events import ClockPaused, Team
from simtrain.session.session import Session
from simtrain.session.store import SUFFIX, SessionError
from simtrain.tui.console.console_screen import ConsoleScreen
from simtrain.tui.console.control import ConsoleControl
from simtrain.tui.console.picker_screen import PickerScreen
from simtrain.tui.console.setup_screen import SetupResult, SetupScreen
from simtrain.tui.localized import described, localize_palette


def default_session_path(scenario_id: str, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M")
    return Path("sessions") / f"{scenario_id}-{stamp}{SUFFIX}"


@dataclass
class Launch:
    """What the command line decided before the app starts."""

    ui_lang: str
    content_lang: str | None = None
    scenario: Path | None = None
    session_path: Path | None = None
    team_names: list[str] = field(default_factory=list)
    direct: bool = False
    """The command line named the teams: open the console without the setup screen."""


class ConsoleApp(App[Path | None]):
    """The facilitator's console. Returns the session path it worked on, for the exit message."""

    CSS_PATH = "app.tcss"
    TITLE = "simtrain"

    def __init__(
        self, launch: Launch, clock: Callable[[], float] = time.time, *, steady_cursor: bool = False
    ) -> None:
        super().__init__()
        tune_gc()  # tests and benches build the app without the command line
        self.steady_cursor = steady_cursor
        self.launch = launch
        self.t = Translator(launch.ui_lang)
        localize_palette(self, self.t)
        self.clock = clock
        self.control: ConsoleControl | None = None
        self.startup_error: str | None = None

    # --- start-up ----------------------------------------------------------------------------

    def on_mount(self) -> None:
        launch = self.launch
        if launch.session_path is not None and launch.session_path.exists():
            self.open_session(launch.session_path)
        elif launch.scenario is not None:
            self.scenario_chosen(launch.scenario)
        else:
            self.push_screen(PickerScreen(self.t, launch.content_lang), self.scenario_chosen)

    def scenario_chosen(self, folder: Path | None) -> None:
        if folder is None:
            self.exit()
            return
        try:
            loaded = load_scenario(folder)
        except ScenarioError as error:
            self.fail(error.problems[0].render(self.t))
            return
        launch = self.launch
        path = launch.session_path or default_session_path(loaded.scenario.id)
        names = launch.team_names or [self.t("setup.team_name", number=k) for k in (1, 2)]
        if launch.direct:
            roles = [r.id for r in loaded.scenario.roles]
            from simtrain.tui.console.control import make_teams

            try:
                teams = make_teams(names, roles)
            except ValueError as error:
                self.fail(str(error))
                return
            self.create_session(loaded, SetupResult(tuple(teams), launch.content_lang or "", path))
            return

        def done(result: SetupResult | None) -> None:
            if result is None:
                self.exit()
            else:
                self.create_session(loaded, result)

        self.push_screen(SetupScreen(self.t, loaded, launch.content_lang, path, names), done)

    def create_session(self, loaded: LoadedScenario, setup: SetupResult) -> None:
        path = setup.session_path
        if path.exists():  # never overwrite: a session that exists is resumed
            self.open_session(path)
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            session = Session.create(
                path,
                loaded,
                list(setup.teams),
                setup.content_lang or None,
                wall_time=self.clock(),
            )
        except (SessionError, OSError) as error:
            self.fail(error.render(self.t) if isinstance(error, SessionError) else str(error))
            return
        self.show_console(session, setup.content_lang or None)

    def open_session(self, path: Path) -> None:
        try:
            session = Session.open(path)
        except SessionError as error:
            self.fail(error.render(self.t))
            return
        if session.state.clock.running:
            # the console that ran it is gone (closed, crashed, killed): stop where it was last seen
            try:
                last_seen = max(session.store.last_seen() or 0.0, session.log[-1].wall)
                session.append(ClockPaused(), wall_time=last_seen, who="console")
            except SessionError as error:
                self.fail(error.render(self.t))
                return
        self.show_console(session, self.launch.content_lang)

    def show_console(self, session: Session, content_lang: str | None) -> None:
        self.control = ConsoleControl(session, self.t, content_lang, clock=self.clock)
        status = session.scenario_status()
        self.switch_or_push(ConsoleScreen(self.control))
        if status == "changed":
            self.notify(self.t("console.scenario_changed"), severity="warning", timeout=10)
        elif status == "missing":
            self.notify(self.t("console.scenario_missing"), severity="warning", timeout=10)

    def switch_or_push(self, screen: Screen[None]) -> None:
        # the picker and setup screens were pushed over the default screen; drop them
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(screen)

    def fail(self, message: str) -> None:
        self.startup_error = message
        self.exit(None, return_code=1)

    # --- run time ----------------------------------------------------------------------------

    def set_languages(self, ui: str, content: str) -> None:
        """Switch interface and content language: state holds ids, so nothing else changes."""
        self.t = Translator(ui)
        localize_palette(self, self.t)
        if self.control is None:
            return
        self.control.t = self.t
        self.control.content_lang = content
        for screen in self.screen_stack:
            if isinstance(screen, ConsoleScreen):
                screen.relocalize()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every console action in the command palette, in the interface language.

        Textual's own commands are English and include a screenshot written to the working
        folder; the console offers the theme, quitting and its own keys instead.
        """
        t = self.t
        yield SystemCommand(t("palette.theme"), t("palette.theme_help"), self.action_change_theme)
        if not isinstance(screen, ConsoleScreen):
            yield SystemCommand(t("keys.quit"), t("palette.quit_help"), self.action_quit)
        else:
            for binding in described(screen):
                action = binding.action
                yield SystemCommand(
                    binding.description,
                    binding.key_display or binding.key,
                    lambda action=action: screen.run_action(action),
                )

    def on_unmount(self) -> None:
        if self.control is not None:
            with contextlib.suppress(SessionError):
                self.control.pause_for_exit()
            self.control.session.close()


def make_console_app(
    launch: Launch, clock: Callable[[], float] = time.time, *, steady_cursor: bool = False
) -> ConsoleApp:
    """The one way to build the console: the CLI, the tests and the benchmarks share it."""
    return ConsoleApp(launch, clock, steady_cursor=steady_cursor)


def loaded_or_none(path: Path) -> LoadedScenario | None:
    try:
        return load_scenario(path)
    except ScenarioError:
        return None


__all__ = ["ConsoleApp", "Launch", "Team", "default_session_path", "make_console_app"]
