"""The team terminal app, built by one factory for ``simtrain team``, ``simtrain serve``'s
processes, the tests and the benchmark.

The command line opens the session and checks the team and role *before* the app starts, so a
wrong ``--team`` is one line on the terminal rather than a full-screen app that closes at once.
"""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding

from simtrain.crashlog import report_crash
from simtrain.i18n import Translator
from simtrain.session.session import Session
from simtrain.tui.localized import key_display, localize_bindings
from simtrain.tui.team.seat import TeamSeat
from simtrain.tui.team.team_screen import POLL_S, TeamScreen
from simtrain.tui.textual_private import OneLineCrashApp
from simtrain.tui.visible_toasts import VisibleToasts


class TeamApp(VisibleToasts, OneLineCrashApp[None]):
    """One seat's terminal; the session stays open while it runs and is closed when it ends."""

    CSS_PATH = "team.tcss"
    TITLE = "simtrain"
    # Textual's palette offers themes, an English help panel and screenshots written on the
    # host running the terminal (the server, in a browser); a trainee's seat needs none of them.
    ENABLE_COMMAND_PALETTE = False
    # Textual's own ctrl+q takes priority but hides from the footer; a trainee should see it
    BINDINGS = [  # noqa: RUF012 - Textual's class-level convention
        Binding("ctrl+q", "quit", "team.keys.quit", priority=True),
    ]

    def __init__(
        self, seat: TeamSeat, *, poll: float = POLL_S, steady_cursor: bool = False
    ) -> None:
        super().__init__()
        self.seat = seat
        self.poll = poll
        self.steady_cursor = steady_cursor
        self.title = seat.run.team_name(seat.team)
        self.crash: str | None = None
        """The one line to print about an unexpected error that ended the app."""
        localize_bindings(self, seat.t)

    def on_mount(self) -> None:
        self.push_screen(TeamScreen(self.seat, poll=self.poll))

    def get_key_display(self, binding: Binding) -> str:
        """Key names in the interface language (``Ctrl+Q``, ``Invio``, ``Пробел``)."""
        return key_display(self.seat.t, binding)

    def crashed(self, error: Exception) -> None:
        """An unexpected error: its traceback beside the session, one line kept for the exit."""
        if self.crash is None:
            t = self.seat.t
            self.crash = report_crash(t, t("crash.team"), error, self.seat.session.path)

    def on_unmount(self) -> None:
        self.seat.session.close()


def open_team(
    path: Path,
    t: Translator,
    team: str,
    role: str | None = None,
    content_lang: str | None = None,
) -> TeamSeat:
    """The seat on an open session; raises SessionError or TeamError with a key."""
    session = Session.open(path, "append")  # its own events only: no migration, no cache
    try:
        return TeamSeat(session, t, team, role, content_lang)
    except BaseException:
        session.close()
        raise


def make_team_app(seat: TeamSeat, *, poll: float = POLL_S, steady_cursor: bool = False) -> TeamApp:
    """The one way to build the team terminal: the CLI, the server, tests and bench share it."""
    return TeamApp(seat, poll=poll, steady_cursor=steady_cursor)
