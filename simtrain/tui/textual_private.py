"""Every use of Textual's private API in simtrain, in one module.

Textual offers no public way to give a widget's key bindings words in another language, or to
lay its footer keys out over several rows. simtrain reaches into Textual for both, and keeps
every such reach here, so that an upgrade of the pinned ``textual`` has one file to read:

- ``DOMNode._merged_bindings``: the bindings a class declares, merged over its bases;
- ``DOMNode._bindings`` (a ``BindingsMap``, with ``key_to_bindings``): one node's own bindings;
- ``Footer._bindings_ready``: the footer has been told the screen's bindings;
- ``textual.widgets._footer.FooterKey``: the footer's key widget, built as ``Footer`` builds it.
- ``App._unnotify``: take back a notification still on screen (a newer "due" notice replaces
  the older one instead of piling up on it).
- ``App._handle_exception``, ``App._fatal_error`` and ``App._exit_renderables``: what an app does
  with an unexpected exception (simtrain writes a log and shows one line, never Textual's boxed
  traceback with local variables).
- ``CommandPalette._start_no_matches_countdown`` (with ``_stop_no_matches_countdown``,
  ``_no_matches_timer``, ``_NO_MATCHES``, ``_NO_MATCHES_COUNTDOWN``, ``_list_visible``): the
  palette's "No matches found" line, an English literal inside the method; simtrain's palette
  says it in the interface language.

``tests/test_textual_private.py`` exercises each of them and names the one that moved.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from typing import TypeVar

from rich.align import Align
from rich.text import Text
from textual.app import App
from textual.binding import Binding, BindingsMap
from textual.command import CommandList, CommandPalette, ProviderSource
from textual.dom import DOMNode
from textual.notifications import Notification
from textual.widgets import Footer
from textual.widgets._footer import FooterKey
from textual.widgets.option_list import Option

__all__ = [
    "FooterKey",
    "OneLineCrashApp",
    "WordedCommandPalette",
    "class_bindings",
    "footer_ready",
    "node_bindings",
    "relabel_bindings",
    "set_node_bindings",
    "withdraw_notification",
]


def class_bindings(node: DOMNode) -> list[Binding] | None:
    """The bindings ``node``'s class declares (message keys as descriptions, in simtrain).

    None for a class Textual has not merged bindings for; each node starts from a copy of these.
    """
    merged = type(node)._merged_bindings
    return None if merged is None else [binding for _key, binding in merged]


def node_bindings(node: DOMNode) -> list[Binding]:
    """The bindings ``node`` itself answers to, in Textual's order."""
    return [binding for _key, binding in node._bindings]


def set_node_bindings(node: DOMNode, bindings: Iterable[Binding]) -> None:
    """Give ``node`` these bindings in place of its class's copy."""
    node._bindings = BindingsMap(bindings)


def relabel_bindings(node: DOMNode, change: Callable[[Binding], Binding]) -> None:
    """Replace each of ``node``'s bindings with ``change(binding)``, in place, key by key.

    In place because Textual adds some bindings to an app after it is built (the command
    palette's): the map it already holds is the one to change.
    """
    keys = node._bindings.key_to_bindings
    for key, bindings in keys.items():
        keys[key] = [change(binding) for binding in bindings]


def footer_ready(footer: Footer) -> bool:
    """Whether the footer has been told the screen's bindings (it composes nothing before)."""
    return footer._bindings_ready


ReturnType = TypeVar("ReturnType")


class OneLineCrashApp(App[ReturnType]):
    """An app whose unexpected exceptions end it with one line, not a traceback with locals.

    Textual sends every unhandled exception (in a handler, a timer, a worker) to
    ``_handle_exception``, which exits with return code 1 and renders a traceback (with local
    variables: scenario texts, paths) to print after the terminal is restored. Here the subclass's
    :meth:`crashed` is told first (it writes the log and keeps the line to print), Textual still
    ends the app and remembers the error (so Pilot tests see it raised), and nothing is rendered.
    """

    def crashed(self, error: Exception) -> None:
        """Called once per unexpected exception, before the app exits."""

    def _handle_exception(self, error: Exception) -> None:
        with contextlib.suppress(Exception):  # the log is best effort; the app still ends
            self.crashed(error)
        super()._handle_exception(error)
        self._exit_renderables.clear()

    def _fatal_error(self) -> None:
        """Textual's version renders a traceback with locals; the log has it, without them."""
        self.bell()
        self._close_messages_no_wait()


def withdraw_notification(app: App[object], notification: Notification) -> None:
    """Take ``notification`` off the screen if it is still there (a no-op once it expired)."""
    app._unnotify(notification)


class WordedCommandPalette(CommandPalette):
    """Textual's command palette, whose "No matches found" line is given in the app's language.

    The placeholder is public (``placeholder=``); the no-match line is a literal inside
    ``_start_no_matches_countdown``, rewritten here as Textual 8.2 writes it, with ``no_matches``.
    """

    def __init__(
        self,
        no_matches: str,
        providers: ProviderSource | None = None,
        *,
        placeholder: str,
        id: str | None = None,
    ) -> None:
        super().__init__(providers, placeholder=placeholder, id=id)
        self.no_matches = no_matches

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                line = Align.center(Text(self.no_matches, style="not bold"))
                option = Option(line, disabled=True, id=self._NO_MATCHES)
                self.query_one(CommandList).add_option(option)
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
