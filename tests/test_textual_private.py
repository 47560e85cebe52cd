"""Textual's private API still has the shape simtrain/tui/textual_private.py relies on.

Textual is pinned; when the pin moves, this test is the one to read: each failure names the
private name that moved, not a footer that silently stopped wrapping or a console whose keys
went back to English.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from typing import Any, ClassVar

import textual
from textual.binding import Binding, BindingsMap, BindingType
from textual.dom import DOMNode
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Footer

FOOTER_KEY_PARAMETERS = {"key", "key_display", "description", "action", "disabled", "tooltip"}


class Keyed(Widget):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "deliver", "keys.deliver", tooltip="keys.deliver_help")
    ]


def footer_key() -> Any:
    return importlib.import_module("textual.widgets._footer").FooterKey


def footer_key_found() -> bool:
    return inspect.isclass(footer_key()) and issubclass(footer_key(), Widget)


def footer_key_shape() -> bool:
    cls = footer_key()
    parameters = set(inspect.signature(cls.__init__).parameters)
    key = cls("d", "D", "Deliver", "deliver", disabled=False, tooltip="", classes="x")
    return (
        parameters >= FOOTER_KEY_PARAMETERS
        and "classes" in parameters
        and isinstance(vars(cls).get("compact"), Reactive)
        and (key.key_display, key.description) == ("D", "Deliver")
    )


def merged_bindings() -> bool:
    merged = Keyed._merged_bindings
    return isinstance(merged, BindingsMap) and [b.action for _k, b in merged] == ["deliver"]


def node_bindings() -> bool:
    node = Keyed()
    own = node._bindings
    return (
        "_merged_bindings" in vars(DOMNode)
        and isinstance(own, BindingsMap)
        and isinstance(own.key_to_bindings, dict)
        and [(k, b.action) for k, b in own] == [("d", "deliver")]
        and own is not Keyed._merged_bindings
    )


def bindings_map_from_list() -> bool:
    made = BindingsMap([Binding("a", "one", "One"), Binding("a", "two", "Two")])
    return [b.action for b in made.key_to_bindings["a"]] == ["one", "two"]


def footer_bindings_ready() -> bool:
    return (
        isinstance(vars(Footer).get("_bindings_ready"), Reactive) and not Footer()._bindings_ready
    )


def app_unnotify() -> bool:
    from textual.app import App
    from textual.notifications import Notification

    parameters = list(inspect.signature(App._unnotify).parameters)
    app: App[None] = App()
    notification = Notification("x", "", "information", 5)
    app._notifications.add(notification)
    app._unnotify(notification, refresh=False)
    return parameters[:2] == ["self", "notification"] and notification not in app._notifications


def palette_no_matches() -> bool:
    """The method simtrain's palette rewrites still is the one that says "No matches found"."""
    from textual.command import CommandList, CommandPalette

    method = CommandPalette._start_no_matches_countdown
    source = inspect.getsource(method)
    return (
        list(inspect.signature(method).parameters) == ["self", "search_value"]
        and '"No matches found"' in source
        and "_list_visible" in source
        and "_no_matches_timer" in source
        and isinstance(CommandPalette._NO_MATCHES, str)
        and isinstance(CommandPalette._NO_MATCHES_COUNTDOWN, float)
        and callable(CommandPalette._stop_no_matches_countdown)
        and inspect.isclass(CommandList)
    )


PROBES: dict[str, Callable[[], bool]] = {
    "textual.widgets._footer.FooterKey (module or class moved)": footer_key_found,
    "FooterKey(key, key_display, description, action, disabled=, tooltip=, classes=) with a "
    "`compact` reactive and key_display/description attributes": footer_key_shape,
    "DOMNode._merged_bindings (a BindingsMap per class with BINDINGS)": merged_bindings,
    "DOMNode._bindings (each node's own BindingsMap copy, iterating (key, Binding))": node_bindings,
    "BindingsMap(iterable of Binding).key_to_bindings (key -> list of Binding)": (
        bindings_map_from_list
    ),
    "Footer._bindings_ready (a reactive, False until the screen's bindings arrive)": (
        footer_bindings_ready
    ),
    "App._unnotify(notification) removes it from App._notifications": app_unnotify,
    "CommandPalette._start_no_matches_countdown(search_value) adds the 'No matches found' "
    "option (_NO_MATCHES, _NO_MATCHES_COUNTDOWN, _list_visible, _no_matches_timer)": (
        palette_no_matches
    ),
}


def test_private_textual_names_simtrain_uses_are_still_there() -> None:
    moved: list[str] = []
    for name, probe in PROBES.items():
        try:
            if not probe():
                moved.append(f"{name}: changed shape")
        except Exception as error:  # a rename shows as AttributeError, ImportError, TypeError
            moved.append(f"{name}: {type(error).__name__}: {error}")
    assert not moved, (
        f"Textual {textual.__version__} moved private API used by "
        "simtrain/tui/textual_private.py:\n  " + "\n  ".join(moved)
    )


def test_the_wrappers_change_one_node_and_leave_its_class_alone() -> None:
    from simtrain.tui.textual_private import (
        class_bindings,
        node_bindings,
        relabel_bindings,
        set_node_bindings,
    )

    node = Keyed()
    declared = class_bindings(node)
    assert declared is not None
    assert [b.description for b in declared] == ["keys.deliver"]
    set_node_bindings(node, [Binding("d", "deliver", "Consegna")])
    assert [b.description for b in node_bindings(node)] == ["Consegna"]
    before = node._bindings
    relabel_bindings(node, lambda b: Binding(b.key, b.action, b.description.upper()))
    assert node._bindings is before  # in place: Textual may hold this map already
    assert [b.description for b in node_bindings(node)] == ["CONSEGNA"]
    assert [b.description for b in node_bindings(Keyed())] == ["keys.deliver"]


async def test_the_worded_palette_says_no_matches_in_its_own_words() -> None:
    from textual.app import App
    from textual.widgets import OptionList

    from simtrain.tui.textual_private import WordedCommandPalette

    class Palette(App[None]):
        def action_command_palette(self) -> None:
            self.push_screen(WordedCommandPalette("Nessun risultato", placeholder="Cercate…"))

    app = Palette()
    async with app.run_test() as pilot:
        await pilot.press("ctrl+p", *"zzqqzz")
        await pilot.pause(0.8)
        options = app.screen.query_one(OptionList)
        shown = [str(options.get_option_at_index(k).prompt) for k in range(options.option_count)]
        assert any("Nessun risultato" in line for line in shown), shown
        assert not any("No matches" in line for line in shown)
