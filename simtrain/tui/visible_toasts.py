"""Toasts that cannot drive the terminal, whoever raises them.

A toast often quotes what came from outside: a document's name and the operating system's words
about it, an error's params, the label another console wrote in the session. Textual draws a
toast's text as it is, and an ESC sequence in it reaches the terminal (or the browser's xterm.js).
Both apps take :class:`VisibleToasts` first among their bases, so every ``notify()`` (an app's, a
screen's, a widget's: they all end in ``App.notify``) shows its message and title through
:func:`simtrain.sanitize.visible`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.notifications import SeverityLevel

from simtrain.sanitize import visible

if TYPE_CHECKING:
    from textual.app import App

    _AppBase = App[Any]
else:
    _AppBase = object


class VisibleToasts(_AppBase):
    """``App.notify`` with the message and the title made visible (one line for the title)."""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        super().notify(
            visible(message),
            title=visible(title, multiline=False),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )
