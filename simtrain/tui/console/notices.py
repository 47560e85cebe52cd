"""The console's news toasts, kept from piling up (trial m11).

A clock that runs while a dialog is open makes injects fall due and teams report; every one of
them used to toast over the dialog, and each new "due" notice stacked on the last. Here news
that arrives while a dialog covers the console waits until the console is on top again, and
only the newest "due" notice is ever shown: it replaces the older one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.notifications import Notification, Notify, SeverityLevel
from textual.screen import Screen

from simtrain.sanitize import visible
from simtrain.tui.textual_private import withdraw_notification

HELD_NEWS = 5
"""News from teams kept while a dialog is open; older ones are in the event log."""


@dataclass(frozen=True)
class Notice:
    message: str
    title: str
    severity: SeverityLevel
    timeout: float

    def raise_now(self) -> Notification:
        """The toast, its words made visible as ``App.notify`` makes them (VisibleToasts): a
        team's report quoted here never reaches the terminal as a control."""
        message, title = visible(self.message), visible(self.title, multiline=False)
        return Notification(message, title, self.severity, self.timeout, markup=False)


class Notices:
    """Toasts for one screen: shown while it is on top, held back while a dialog covers it."""

    def __init__(self, screen: Screen[Any]) -> None:
        self.screen = screen
        self._due: Notification | None = None
        self._held_due: Notice | None = None
        self._held_news: list[Notice] = []

    @property
    def covered(self) -> bool:
        return self.screen.app.screen is not self.screen

    def due(self, notice: Notice) -> None:
        """A "due" notice: replaces the one on screen; while covered, replaces the held one."""
        if self.covered:
            self._held_due = notice
            return
        app = self.screen.app
        if self._due is not None:
            withdraw_notification(app, self._due)
        self._due = notice.raise_now()
        app.post_message(Notify(self._due))

    def news(self, notice: Notice) -> None:
        """News from a team: shown now, or when the dialog closes (the latest few)."""
        if self.covered:
            self._held_news = [*self._held_news, notice][-HELD_NEWS:]
            return
        self.screen.app.post_message(Notify(notice.raise_now()))

    def flush(self) -> None:
        """The console is on top again: what waited is shown, the newest "due" notice last."""
        if self.covered:
            return
        news, self._held_news = self._held_news, []
        for notice in news:
            self.news(notice)
        due, self._held_due = self._held_due, None
        if due is not None:
            self.due(due)
