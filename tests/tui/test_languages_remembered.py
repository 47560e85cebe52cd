"""``resume`` keeps the interface and content languages of the run (trial M3).

The director ran in Russian, quit, and ``simtrain resume FILE`` opened an English console. The
session now remembers the languages its console last used (in its meta: no event, so the log,
the report and every reader are unchanged) and a console opened without ``--ui-lang``/``--lang``
uses them.
"""

from __future__ import annotations

from pathlib import Path

from simtrain.i18n import Translator
from simtrain.session import Session
from simtrain.tui.console.app import Launch, make_console_app
from simtrain.tui.console.console_screen import ConsoleScreen
from simtrain.tui.console.languages import KEY, remembered
from tests.tui.conftest import FakeClock

SIZE = (120, 40)


def events_in(path: Path) -> list[str]:
    with Session.open(path) as session:
        return [r.event.type for r in session.log]


async def test_a_resumed_console_speaks_the_language_of_the_run(
    tmp_path: Path, scenario_folder: Path, clock: FakeClock
) -> None:
    path = tmp_path / "run.simtrain"
    first = make_console_app(
        Launch(
            ui_lang="ru",
            content_lang="ru",
            scenario=scenario_folder,
            session_path=path,
            team_names=["Альфа", "Браво:ngo"],
            direct=True,
        ),
        clock,
        steady_cursor=True,
    )
    async with first.run_test(size=SIZE) as pilot:
        await pilot.pause()
    log = events_in(path)
    with Session.open(path) as reader:  # another process reads what the console remembered
        assert remembered(reader) == ("ru", "ru")

    # `simtrain resume FILE` on a laptop whose locale says English, no --ui-lang, no --lang
    again = make_console_app(
        Launch(ui_lang="en", session_path=path, ui_lang_given=False), clock, steady_cursor=True
    )
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, ConsoleScreen)
        assert again.t.lang == "ru"
        assert again.facilitator is not None
        assert (again.facilitator.t.lang, again.facilitator.content_lang) == ("ru", "ru")
        state = str(again.screen.query_one("#header-state").render())
        assert Translator("ru")("console.clock_not_started") in state
    assert events_in(path) == log  # remembering wrote no event


async def test_the_command_line_still_wins_and_a_switch_is_remembered(
    tmp_path: Path, scenario_folder: Path, clock: FakeClock
) -> None:
    path = tmp_path / "run.simtrain"
    launch = Launch(
        ui_lang="ru",
        content_lang="ru",
        scenario=scenario_folder,
        session_path=path,
        team_names=["Alpha"],
        direct=True,
    )
    async with make_console_app(launch, clock).run_test(size=SIZE) as pilot:
        await pilot.pause()
    # --ui-lang it given: Italian interface; no --lang: the remembered Russian content
    app = make_console_app(Launch(ui_lang="it", session_path=path, ui_lang_given=True), clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        f = app.facilitator
        assert f is not None
        assert (f.t.lang, f.content_lang) == ("it", "ru")
        f.set_languages(Translator("en"), "en")  # the console's `l` dialog, mid-run
    with Session.open(path) as reader:
        assert remembered(reader) == ("en", "en")
    app = make_console_app(Launch(ui_lang="ru", session_path=path, ui_lang_given=False), clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.facilitator is not None
        assert (app.facilitator.t.lang, app.facilitator.content_lang) == ("en", "en")


def test_a_damaged_memory_is_ignored(tmp_path: Path, scenario_folder: Path) -> None:
    from simtrain.scenario.loader import load_scenario
    from simtrain.tui.console.opening import make_teams

    loaded = load_scenario(scenario_folder)
    teams = make_teams(["Alpha"], [r.id for r in loaded.scenario.roles])
    with Session.create(tmp_path / "d.simtrain", loaded, teams, None, wall_time=0) as session:
        for value in ("not json", "[1, 2]", '{"ui": "xx", "content": 3}'):
            for tx in session.store.meta_attempts():
                with tx:
                    tx.set_meta(KEY, value)
            assert remembered(session) == (None, None)
