"""Whether actors may confirm their cues is chosen when the session is made, and the command line
of the actor's seat refuses a wrong character or session in one line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Checkbox

from simtrain.cli import build_parser
from simtrain.i18n import Translator
from simtrain.session.session import Session
from simtrain.tui.console.app import Launch, make_console_app
from simtrain.tui.console.console_screen import ConsoleScreen
from simtrain.tui.console.setup_screen import SetupScreen
from tests.actor.conftest import FakeClock
from tests.conftest import Result

SIZE = (120, 40)


def allowed(path: Path) -> bool:
    with Session.open(path, "read") as session:
        return session.created.actors_confirm


async def test_setup_checkbox_is_off_by_default_and_stored_when_ticked(
    tmp_path: Path, actor_folder: Path, clock: FakeClock
) -> None:
    for tick in (False, True):
        path = tmp_path / f"setup-{tick}.simtrain"
        launch = Launch(ui_lang="en", scenario=actor_folder, session_path=path)
        app = make_console_app(launch, clock, steady_cursor=True)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, SetupScreen)
            box = app.screen.query_one("#actors-confirm", Checkbox)
            assert box.value is False
            assert "Actors confirm their own cues" in str(box.label)
            if tick:
                await pilot.click("#actors-confirm")
                assert box.value is True
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, ConsoleScreen)
        assert allowed(path) is tick


async def test_run_flag_makes_a_session_that_lets_actors_confirm(
    tmp_path: Path, actor_folder: Path, clock: FakeClock
) -> None:
    path = tmp_path / "direct.simtrain"
    launch = Launch(
        ui_lang="en",
        scenario=actor_folder,
        session_path=path,
        team_names=["Alpha", "Bravo"],
        direct=True,
        actors_confirm=True,
    )
    app = make_console_app(launch, clock, steady_cursor=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
    assert allowed(path) is True


def test_run_reads_the_flag() -> None:
    t = Translator("en")
    parser = build_parser(t, "run")
    assert parser.parse_args(["run", "x", "--actors-confirm"]).actors_confirm is True
    assert parser.parse_args(["run", "x"]).actors_confirm is False


def test_unknown_character_is_one_line_listing_the_characters(
    cli: Callable[..., Result], session_path: Path
) -> None:
    result = cli("cues", str(session_path), "--character", "nobody")
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1
    assert "nobody" in lines[0]
    assert "duty-officer — Duty officer Rossi" in lines[0]
    assert "Traceback" not in result.err
    russian = cli("--ui-lang", "ru", "cues", str(session_path), "--character", "nobody")
    assert russian.code == 2 and "нет персонажа nobody" in russian.err


def test_a_missing_session_is_one_line(cli: Callable[..., Result], tmp_path: Path) -> None:
    result = cli("cues", str(tmp_path / "none.simtrain"), "--character", "duty-officer")
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1
    assert "Traceback" not in result.err
