"""The actor's seat app, built by one factory for ``simtrain cues``, the tests and the bench.

The command line opens the session and finds the character *before* the app starts, so a wrong
``--character`` is one line on the terminal (with the characters the scenario has) rather than a
full-screen app that closes at once.
"""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding

from simtrain.crashlog import report_crash
from simtrain.i18n import Translator
from simtrain.session.session import Session
from simtrain.tui.actor.cues_screen import POLL_S, CuesScreen
from simtrain.tui.actor.seat import ActorSeat
from simtrain.tui.localized import key_display, localize_bindings
from simtrain.tui.textual_private import OneLineCrashApp
from simtrain.tui.visible_toasts import VisibleToasts


class ActorApp(VisibleToasts, OneLineCrashApp[None]):
    """One actor's seat; the session stays open while it runs and is closed when it ends."""

    CSS_PATH = "actor.tcss"
    TITLE = "simtrain"
    ENABLE_COMMAND_PALETTE = False  # as the team terminal: no themes, no English help panel
    BINDINGS = [  # noqa: RUF012 - Textual's class-level convention
        Binding("ctrl+q", "quit", "actor.keys.quit", priority=True),
    ]

    def __init__(
        self, seat: ActorSeat, *, poll: float = POLL_S, steady_cursor: bool = False
    ) -> None:
        super().__init__()
        self.seat = seat
        self.poll = poll
        self.steady_cursor = steady_cursor
        self.title = seat.t("actor.seat", character=seat.name())
        self.crash: str | None = None
        """The one line to print about an unexpected error that ended the app."""
        localize_bindings(self, seat.t)

    def on_mount(self) -> None:
        self.push_screen(CuesScreen(self.seat, poll=self.poll))

    def get_key_display(self, binding: Binding) -> str:
        """Key names in the interface language (``Ctrl+Q``, ``Invio``, ``Пробел``)."""
        return key_display(self.seat.t, binding)

    def crashed(self, error: Exception) -> None:
        """An unexpected error: its traceback beside the session, one line kept for the exit."""
        if self.crash is None:
            t = self.seat.t
            self.crash = report_crash(t, t("actor.crash"), error, self.seat.session.path)

    def on_unmount(self) -> None:
        self.seat.session.close()


def open_actor(
    path: Path, t: Translator, character: str, content_lang: str | None = None
) -> ActorSeat:
    """The seat on an open session; raises SessionError or ActorError with a key."""
    session = Session.open(path, "append")  # its own events only: no migration, no cache
    try:
        return ActorSeat(session, t, character, content_lang)
    except BaseException:
        session.close()
        raise


def make_actor_app(
    seat: ActorSeat, *, poll: float = POLL_S, steady_cursor: bool = False
) -> ActorApp:
    """The one way to build the actor's seat: the CLI, tests and bench share it."""
    return ActorApp(seat, poll=poll, steady_cursor=steady_cursor)
