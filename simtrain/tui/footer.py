"""Textual's footer, over as many rows as its keys need.

The console has fifteen keys; in Russian or Italian their names do not fit one row of a
120-column terminal, and a key the facilitator cannot see is a key they do not know. The keys are
Textual's own ``FooterKey`` widgets (same look, same click), laid out row after row.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.events import Resize
from textual.widgets import Footer

from simtrain.tui.textual_private import FooterKey, footer_ready


class WrappingFooter(Footer):
    """A footer that starts a new row rather than hiding the keys that do not fit."""

    DEFAULT_CSS = """
    WrappingFooter {
        layout: vertical;
        height: auto;
        max-height: 4;
        HorizontalGroup.footer-row {
            height: 1;
            width: 1fr;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._width = 0

    def compose(self) -> ComposeResult:
        if not footer_ready(self):
            return
        seen: set[str] = set()
        keys: list[FooterKey] = []
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            keys.append(
                FooterKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    disabled=not enabled,
                    tooltip=tooltip,
                ).data_bind(compact=Footer.compact)
            )
        palette = self._palette_key()
        width = self.app.size.width or 120
        rows: list[list[FooterKey]] = [[]]
        used = 0
        reserve = _width_of(palette) + 1 if palette is not None else 0
        for key in keys:
            needed = _width_of(key)
            if rows[-1] and used + needed > width - reserve:
                rows.append([])
                used = 0
            rows[-1].append(key)
            used += needed
        for k, row in enumerate(rows):
            with HorizontalGroup(classes="footer-row"):
                yield from row
                if palette is not None and k == 0:
                    yield palette

    def _palette_key(self) -> FooterKey | None:
        if not (self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE):
            return None
        found = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if found is None:
            return None
        _node, binding, enabled, _tooltip = found
        return FooterKey(
            binding.key,
            self.app.get_key_display(binding),
            binding.description,
            binding.action,
            classes="-command-palette",
            disabled=not enabled,
            tooltip=binding.tooltip or binding.description,
        )

    def on_resize(self, event: Resize) -> None:
        """Rows are cut for a width: a new width may need another cut."""
        if event.size.width != self._width:
            self._width = event.size.width
            self.call_after_refresh(self.recompose)


def _width_of(key: FooterKey) -> int:
    """Cells the key takes in the non-compact style: `` key `` then ``description ``."""
    description = f"{key.description} " if key.description else ""
    return len(key.key_display) + 2 + len(description)
