"""Key bindings whose descriptions come from the locale, and can change language at run time."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode

from simtrain.i18n import Translator
from simtrain.tui.textual_private import (
    class_bindings,
    node_bindings,
    relabel_bindings,
    set_node_bindings,
)


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
        description = t(binding.description) if binding.description else ""
        tooltip = t(binding.tooltip) if binding.tooltip else ""
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
