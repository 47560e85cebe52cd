"""The evaluator app, built by one factory for ``simtrain evaluate``, the tests and the bench.

The command line opens the session and checks the teams and the name *before* the app starts,
so a wrong ``--team`` is one line on the terminal rather than a full-screen app that closes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual.binding import Binding

from simtrain.crashlog import report_crash
from simtrain.i18n import Translator
from simtrain.session.session import Session
from simtrain.tui.evaluator.evaluator_screen import POLL_S, EvaluatorScreen
from simtrain.tui.evaluator.seat import EvaluatorSeat
from simtrain.tui.localized import key_display, localize_bindings
from simtrain.tui.textual_private import OneLineCrashApp
from simtrain.tui.visible_toasts import VisibleToasts


class EvaluatorApp(VisibleToasts, OneLineCrashApp[None]):
    """One evaluator's seat; the session stays open while it runs and is closed when it ends."""

    CSS_PATH = "evaluator.tcss"
    TITLE = "simtrain"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [  # noqa: RUF012 - Textual's class-level convention
        Binding("ctrl+q", "quit", "evaluator.keys.quit", priority=True),
    ]

    def __init__(
        self, seat: EvaluatorSeat, *, poll: float = POLL_S, steady_cursor: bool = False
    ) -> None:
        super().__init__()
        self.seat = seat
        self.poll = poll
        self.steady_cursor = steady_cursor
        self.title = seat.t("evaluator.title", name=seat.name)
        self.crash: str | None = None
        """The one line to print about an unexpected error that ended the app."""
        localize_bindings(self, seat.t)

    def on_mount(self) -> None:
        self.push_screen(EvaluatorScreen(self.seat, poll=self.poll))

    def get_key_display(self, binding: Binding) -> str:
        """Key names in the interface language (``Ctrl+Q``, ``Invio``, ``Пробел``)."""
        return key_display(self.seat.t, binding)

    def crashed(self, error: Exception) -> None:
        """An unexpected error: its traceback beside the session, one line kept for the exit."""
        if self.crash is None:
            t = self.seat.t
            self.crash = report_crash(t, t("evaluator.crash_what"), error, self.seat.session.path)

    def on_unmount(self) -> None:
        self.seat.session.close()


def open_evaluator(
    path: Path,
    t: Translator,
    teams: Sequence[str],
    name: str,
    content_lang: str | None = None,
    *,
    all_teams: bool = False,
) -> EvaluatorSeat:
    """The seat on an open session; raises SessionError, TeamError or EvaluatorError."""
    session = Session.open(path, "append")  # its own events only: no migration, no cache
    try:
        return EvaluatorSeat(session, t, teams, name, content_lang, all_teams=all_teams)
    except BaseException:
        session.close()
        raise


def make_evaluator_app(
    seat: EvaluatorSeat, *, poll: float = POLL_S, steady_cursor: bool = False
) -> EvaluatorApp:
    """The one way to build the evaluator app: the CLI, tests and bench share it."""
    return EvaluatorApp(seat, poll=poll, steady_cursor=steady_cursor)
