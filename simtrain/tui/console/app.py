"""The console app: picker, setup and the console screen, built by one factory.

``make_console_app`` is shared by ``simtrain run``, ``simtrain resume``, the tests and the
benchmarks, so all of them exercise the same app. It opens (or creates) the session and recovers
from a crash before the app exists (:mod:`opening`); the app only shows what it is given, and
asks :func:`opening.create_console` for a session once the setup screen is done.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from textual import on
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from simtrain.crashlog import report_crash
from simtrain.gc_policy import freeze_survivors, tune_gc
from simtrain.i18n import Translator
from simtrain.scenario.loader import LoadedScenario
from simtrain.session.events import Team
from simtrain.session.store import SessionError
from simtrain.tui.console.console_screen import ConsoleScreen
from simtrain.tui.console.facilitator import Facilitator
from simtrain.tui.console.languages import adopt, remember
from simtrain.tui.console.opening import (
    Opened,
    OpeningError,
    Start,
    create_console,
    default_session_path,
    load,
    start,
)
from simtrain.tui.console.picker_screen import PickerScreen
from simtrain.tui.console.setup_screen import SetupResult, SetupScreen
from simtrain.tui.localized import (
    described,
    key_display,
    localize_palette,
    open_palette,
    open_themes,
)
from simtrain.tui.textual_private import OneLineCrashApp
from simtrain.tui.visible_toasts import VisibleToasts


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
    ui_lang_given: bool = True
    """``--ui-lang`` was given; without it a resumed session's remembered language wins."""
    actors_confirm: bool = False
    """``--actors-confirm``: a new session lets actors confirm their own cues (the setup
    screen's checkbox starts ticked)."""


class ConsoleApp(VisibleToasts, OneLineCrashApp[Path | None]):
    """The facilitator's console. Returns the session path it worked on, for the exit message."""

    CSS_PATH = "app.tcss"
    TITLE = "simtrain"

    def __init__(
        self,
        launch: Launch,
        begin: Start | str,
        clock: Callable[[], float] = time.time,
        *,
        steady_cursor: bool = False,
    ) -> None:
        super().__init__()
        self.steady_cursor = steady_cursor
        self.launch = launch
        self.begin = begin
        self.t = Translator(launch.ui_lang)
        localize_palette(self, self.t)
        self.clock = clock
        self.facilitator: Facilitator | None = None
        self.startup_error: str | None = begin if isinstance(begin, str) else None
        self.crash: str | None = None
        """The one line to print about an unexpected error that ended the app."""

    # --- start-up ----------------------------------------------------------------------------

    def on_mount(self) -> None:
        begin = self.begin
        if isinstance(begin, str):
            self.fail(begin)
        elif begin.opened is not None:
            self.show_console(begin.opened)
        elif begin.loaded is not None:
            self.setup(begin.loaded)
        else:
            self.push_screen(PickerScreen(self.t, self.launch.content_lang), self.scenario_chosen)

    def scenario_chosen(self, folder: Path | None) -> None:
        if folder is None:
            self.exit()
            return
        try:
            self.setup(load(folder, self.t))
        except OpeningError as error:
            self.fail(str(error))

    def setup(self, loaded: LoadedScenario) -> None:
        launch = self.launch
        path = launch.session_path or default_session_path(loaded.scenario.id)
        names = launch.team_names or [self.t("setup.team_name", number=k) for k in (1, 2)]

        def done(result: SetupResult | None) -> None:
            if result is None:
                self.exit()
                return
            try:
                opened = create_console(
                    result.session_path,
                    loaded,
                    result.teams,
                    result.content_lang or None,
                    self.t,
                    clock=self.clock,
                    actors_confirm=result.actors_confirm,
                )
            except OpeningError as error:
                self.fail(str(error))
                return
            self.show_console(opened)

        screen = SetupScreen(
            self.t,
            loaded,
            launch.content_lang,
            path,
            names,
            actors_confirm=launch.actors_confirm,
        )
        self.push_screen(screen, done)

    def show_console(self, opened: Opened) -> None:
        self.facilitator = opened.facilitator
        remember(opened.facilitator.session, self.t.lang, opened.facilitator.content_lang)
        # the picker and setup screens were pushed over the default screen; drop them
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(ConsoleScreen(opened.facilitator))
        if opened.driven_by is not None:  # another live console drives the clock: a viewer
            words = self.t("lease.opened_viewer", console=opened.driven_by.label)
            self.notify(words, severity="warning", timeout=20, markup=False)
        if opened.scenario_status in ("changed", "missing"):
            key = f"console.scenario_{opened.scenario_status}"
            self.notify(self.t(key), severity="warning", timeout=10)

    def fail(self, message: str) -> None:
        self.startup_error = message
        self.exit(None, return_code=1)

    # --- run time ----------------------------------------------------------------------------

    @on(ConsoleScreen.Ready)
    def _console_ready(self) -> None:
        """What lives for the whole exercise is built now: the collector may stop walking it."""
        freeze_survivors()

    @on(ConsoleScreen.LanguagesChosen)
    def set_languages(self, message: ConsoleScreen.LanguagesChosen) -> None:
        """Switch interface and content language: state holds ids, so nothing else changes."""
        self.t = Translator(message.ui)
        localize_palette(self, self.t)
        if self.facilitator is None:
            return
        self.facilitator.set_languages(self.t, message.content)
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
                    self.get_key_display(binding),
                    lambda action=action: screen.run_action(action),
                )

    def get_key_display(self, binding: Binding) -> str:
        """Key names in the interface language (``spazio``, ``Canc``, ``Ctrl+S``)."""
        return key_display(self.t, binding)

    def action_command_palette(self) -> None:
        """Textual's palette, with its search line in the interface language."""
        open_palette(self, self.t)

    def search_themes(self) -> None:
        """Textual's theme list (``palette.theme``), searched in the interface language."""
        open_themes(self, self.t)

    def crashed(self, error: Exception) -> None:
        """An unexpected error: its traceback beside the session, one line kept for the exit."""
        if self.crash is None:
            session = self.facilitator.session.path if self.facilitator else None
            session = session or self.launch.session_path
            self.crash = report_crash(self.t, self.t("crash.console"), error, session)

    def on_unmount(self) -> None:
        if self.facilitator is not None:
            with contextlib.suppress(SessionError):
                self.facilitator.pause_for_exit()
            self.facilitator.session.close()


def make_console_app(
    launch: Launch, clock: Callable[[], float] = time.time, *, steady_cursor: bool = False
) -> ConsoleApp:
    """The one way to build the console: the CLI, the tests and the benchmarks share it.

    The session is opened (and a crash recovered) here, before the app exists; an error that
    stops it becomes the app's ``startup_error``, shown as one line when the app exits.
    """
    tune_gc()  # tests and benches build the app without the command line
    t = Translator(launch.ui_lang)
    try:
        begin: Start | str = start(
            t,
            scenario=launch.scenario,
            session_path=launch.session_path,
            team_names=launch.team_names,
            direct=launch.direct,
            content_lang=launch.content_lang,
            clock=clock,
            actors_confirm=launch.actors_confirm,
        )
    except OpeningError as error:
        begin = str(error)
    if isinstance(begin, Start) and begin.opened is not None:
        # a resumed run keeps the languages it was run in, unless the command line says
        given = launch.ui_lang_given, launch.content_lang is not None
        facilitator = begin.opened.facilitator
        launch.ui_lang = adopt(facilitator, ui_given=given[0], content_given=given[1])
    return ConsoleApp(launch, begin, clock, steady_cursor=steady_cursor)


__all__ = ["ConsoleApp", "Launch", "Team", "default_session_path", "make_console_app"]
