"""Key bindings whose descriptions come from the locale, and can change language at run time.

Also the words Textual itself puts on screen: its screens' own bindings ("Focus Next", "Copy
selected text"), the command palette's search line and the names of keys ("space", "esc",
"^s"), each from the locale (``tui_words.*``), so a Russian or Italian console has no English.
"""

from __future__ import annotations

import re
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.keys import format_key
from textual.theme import ThemeProvider

from simtrain.i18n import Translator
from simtrain.tui.textual_private import (
    WordedCommandPalette,
    class_bindings,
    node_bindings,
    relabel_bindings,
    set_node_bindings,
)

TEXTUAL_WORDS = {
    # textual.screen.Screen
    "Focus Next": "tui_words.textual.focus_next",
    "Focus Previous": "tui_words.textual.focus_previous",
    "Copy selected text": "tui_words.textual.copy_text",
    # textual.app.App
    "Quit": "tui_words.textual.quit",
    # textual.command.CommandPalette
    "Exit the command palette": "tui_words.textual.close_palette",
    "Go to bottom": "tui_words.textual.bottom",
    "Go to top": "tui_words.textual.top",
    "Next command": "tui_words.textual.next_command",
    "Previous command": "tui_words.textual.previous_command",
    "Next page": "tui_words.textual.next_page",
    "Previous page": "tui_words.textual.previous_page",
}
"""Descriptions Textual gives its own bindings, and the message keys that say them."""

KEY_NAMES = frozenset(
    {
        "space",
        "enter",
        "escape",
        "tab",
        "delete",
        "backspace",
        "up",
        "down",
        "left",
        "right",
        "pageup",
        "pagedown",
        "home",
        "end",
        "insert",
    }
)
"""Keys with a name of their own in the locale (``tui_words.key.<key>``); others as Textual."""

MODIFIERS = frozenset({"ctrl", "shift", "alt"})


def words(t: Translator, description: str) -> str:
    """A binding's description in ``t``'s language: a message key, or one of Textual's own."""
    return t(TEXTUAL_WORDS.get(description, description))


def key_display(t: Translator, binding: Binding) -> str:
    """How a key is named in ``t``'s language (``Ctrl+S``, ``spazio``, ``Пробел``).

    A binding's own ``key_display`` (``F1``, ``+``, ``P/S/M/U/N``) is kept as written.
    """
    if binding.key_display:
        return binding.key_display
    modifiers, key = binding.parse_key()
    if key in KEY_NAMES:
        name = t(f"tui_words.key.{key}")
    elif re.fullmatch(r"f\d{1,2}", key):
        name = key.upper()
    else:
        name = format_key(key)
    if modifiers and t("tui_words.key.letters") == "upper":
        name = name[:1].upper() + name[1:]
    for modifier in reversed(modifiers):
        if modifier in MODIFIERS:
            name = t(f"tui_words.key.{modifier}", key=name)
        else:
            name = f"{modifier}+{name}"
    return name


def localize_bindings(node: DOMNode, t: Translator) -> None:
    """Give ``node``'s bindings descriptions in ``t``'s language.

    Class-level ``BINDINGS`` carry message keys as descriptions (``keys.deliver``); each instance
    gets a copy with the words filled in, so the footer and the help speak the interface language.
    """
    original = class_bindings(node)
    if original is None:
        return
    localized: list[Binding] = []
    for binding in original:
        description = words(t, binding.description) if binding.description else ""
        tooltip = words(t, binding.tooltip) if binding.tooltip else ""
        localized.append(
            Binding(
                binding.key,
                binding.action,
                description,
                show=binding.show,
                key_display=binding.key_display,
                priority=binding.priority,
                tooltip=tooltip,
                id=binding.id,
                system=binding.system,
            )
        )
    set_node_bindings(node, localized)


def described(node: DOMNode) -> list[Binding]:
    """One binding an action (the first key of several), for help screens and the palette."""
    seen: set[str] = set()
    out: list[Binding] = []
    for binding in node_bindings(node):
        if binding.description and binding.action not in seen:
            seen.add(binding.action)
            out.append(binding)
    return out


def steady(node: DOMNode) -> None:
    """Stop input cursors blinking when the app asks for it (snapshot tests need still frames)."""
    from textual.widgets import Input

    if getattr(node.app, "steady_cursor", False):
        for field in node.query(Input):
            field.cursor_blink = False


def localize_palette(app: App[Any], t: Translator) -> None:
    """Relabel the command palette key that Textual adds to every app with an English word."""

    def relabel(b: Binding) -> Binding:
        if b.action not in {"command_palette", "app.command_palette"}:
            return b
        return Binding(
            b.key,
            b.action,
            t("palette.open"),
            show=b.show,
            key_display=b.key_display,
            priority=b.priority,
            tooltip=t("palette.open_help"),
            id=b.id,
            system=b.system,
        )

    relabel_bindings(app, relabel)


def open_palette(app: App[Any], t: Translator) -> None:
    """Textual's command palette, its search line and "no matches" in ``t``'s language."""
    if app.use_command_palette and not CommandPalette.is_open(app):
        palette = WordedCommandPalette(
            t("tui_words.palette.no_matches"),
            placeholder=t("tui_words.palette.search"),
            id="--command-palette",
        )
        localize_bindings(palette, t)
        app.push_screen(palette)


def open_themes(app: App[Any], t: Translator) -> None:
    """Textual's theme list, searched in ``t``'s language (theme names are names: kept)."""
    palette = WordedCommandPalette(
        t("tui_words.palette.no_matches"),
        [ThemeProvider],
        placeholder=t("tui_words.palette.search_themes"),
    )
    localize_bindings(palette, t)
    app.push_screen(palette)
