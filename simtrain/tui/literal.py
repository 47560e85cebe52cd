"""Turning untrusted text (a scenario's, a team's) into something a widget shows literally.

Rich and Textual read ``[bold]`` in a plain ``str`` as markup; a title such as ``[/]`` would crash
a render. Every text that did not come from our own locale files goes through here and becomes a
:class:`rich.text.Text`, which is never parsed.
"""

from __future__ import annotations

from rich.text import Text


def plain(text: object, style: str = "") -> Text:
    """A literal text: whatever brackets it holds are shown, never interpreted."""
    return Text(str(text), style=style)


def join(*parts: Text | str, sep: str = "") -> Text:
    """Concatenate pieces; ``str`` pieces are literal too."""
    out = Text()
    for k, part in enumerate(parts):
        if k and sep:
            out.append(sep)
        out.append(part if isinstance(part, Text) else Text(part))
    return out


def fallback_marked(text: str, fallback: bool, marker: str) -> Text:
    """A content text, marked when it came from another language than the one asked for."""
    shown = plain(text)
    if fallback:
        shown = join(plain(marker, "italic dim"), " ", shown)
    return shown
