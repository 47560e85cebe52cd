"""The console's own errors: a crash is one line with a log beside the session, and a failed
write keeps the typed text and takes back "saved" (issue 12 point 5; S4, S25)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from simtrain.commands.run import farewell
from simtrain.session import events as ev
from simtrain.session.store_protocol import SessionError
from simtrain.tui.console.app import ConsoleApp
from simtrain.tui.console.console_screen import ConsoleScreen
from simtrain.tui.console.dialogs import NoteDialog

SIZE = (120, 40)


def _boom(*_args: object, **_kwargs: object) -> list[ev.Recorded]:
    raise RuntimeError("boom")


async def test_console_crash_is_logged_beside_the_session_and_said_in_one_line(
    console: Callable[..., ConsoleApp],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    app = console()
    with pytest.raises(RuntimeError):  # Pilot re-raises what ended the app
        async with app.run_test(size=SIZE) as pilot:
            assert app.facilitator is not None
            app.facilitator.toggle_clock = _boom  # type: ignore[method-assign]
            await pilot.press("space")
            await pilot.pause()
    assert app.return_code == 1
    assert app.crash is not None and "\n" not in app.crash
    log = tmp_path / "run.simtrain.errors.log"
    assert "the console stopped on an unexpected error (RuntimeError" in app.crash
    assert str(log) in app.crash
    assert "RuntimeError: boom" in log.read_text(encoding="utf-8")
    assert farewell(app) == 3
    out = capsys.readouterr()
    assert out.err.count("\n") == 1 and "Traceback" not in out.err
    assert "Session saved in" in out.out  # nothing the console showed as done was lost


# --- S25: "saved" only when saved; typed text is kept ------------------------------------------


async def test_a_failed_write_keeps_the_note_and_the_exit_does_not_say_saved(
    console: Callable[..., ConsoleApp],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    app = console()
    async with app.run_test(size=SIZE) as pilot:
        f = app.facilitator
        assert f is not None and isinstance(app.screen, ConsoleScreen)
        session = f.session
        append = session.append_many

        def full_disk(*_args: object, **_kwargs: object) -> list[ev.Recorded]:
            raise SessionError("write_failed", reason="database or disk is full")

        monkeypatch.setattr(session, "append_many", full_disk)
        await pilot.press("n", *"the interpreter left at 10:40", "enter")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)  # still open, with the text
        assert app.screen.query_one("#text", Input).value == "the interpreter left at 10:40"
        shown = str(app.screen.query_one("#error", Static).render())
        assert "disk is full" in shown and "run.simtrain.recovered.txt" in shown
        kept = (tmp_path / "run.simtrain.recovered.txt").read_text(encoding="utf-8")
        assert "note\nthe interpreter left at 10:40" in kept
        assert f.unsaved == 1
        monkeypatch.setattr(session, "append_many", append)  # the disk has room again
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConsoleScreen)
        assert [r.event.text for r in session.log if isinstance(r.event, ev.NoteAdded)] == [
            "the interpreter left at 10:40"
        ]
    assert farewell(app) == 1
    out = capsys.readouterr()
    assert "Session saved" not in out.out
    assert "1 action could not be written" in out.err
    assert "run.simtrain.recovered.txt" in out.err
