"""Turning untrusted text (a scenario's, a team's) into something a widget shows literally.

Rich and Textual read ``[bold]`` in a plain ``str`` as markup; a title such as ``[/]`` would crash
a render. Every text that did not come from our own locale files goes through here and becomes a
:class:`rich.text.Text`, which is never parsed.

A ``Text`` blocks markup, not terminal controls: Rich writes an ESC or a C1 byte it is given to the
terminal as it is. Texts are made visible (:func:`simtrain.sanitize.visible`) where they enter the
views (the catalog, the fold); :func:`plain` applies the same function again as the last step
before a widget, which costs one scan and changes nothing for a text already clean.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from rich.text import Text

from simtrain.sanitize import visible


def plain(text: object, style: str = "") -> Text:
    """A literal text: whatever brackets it holds are shown, never interpreted."""
    return Text(visible(str(text)), style=style)


def join(*parts: Text | str, sep: str = "") -> Text:
    """Concatenate pieces; ``str`` pieces are literal too."""
    out = Text()
    for k, part in enumerate(parts):
        if k and sep:
            out.append(sep)
        out.append(part if isinstance(part, Text) else plain(part))
    return out


def fallback_marked(text: str, fallback: bool, marker: str) -> Text:
    """A content text, marked when it came from another language than the one asked for."""
    shown = plain(text)
    if fallback:
        shown = join(plain(marker, "italic dim"), " ", shown)
    return shown


def markdown_parser() -> MarkdownIt:
    """Textual's own Markdown parser ("gfm-like"), whose tokens are made visible once parsed.

    A document is cleaned when the catalog reads it, but the parser then decodes character
    references: ``&#x202E;`` becomes a bidi override after the cleaning. This rule, last of the
    parser's core rules, cleans what the parser made, so the widget never gets a control either.

    ``breaks``: a single newline is a line break. Attachments are letters and forms, whose
    letterhead (``**Istituto…**`` / ``**Protocollo n.:**`` / ``**Data:**``) is written one item
    a line; standard Markdown would run those lines into one.
    """
    parser = MarkdownIt("gfm-like", {"breaks": True})
    parser.core.ruler.push("simtrain_breaks", _hard_breaks)
    parser.core.ruler.push("simtrain_visible", _visible_tokens)
    return parser


def _hard_breaks(state: StateCore) -> None:
    """With the ``breaks`` option, a soft break is a line break in the tokens themselves (the
    option alone changes only markdown-it's HTML renderer; Textual reads the tokens)."""
    if not state.md.options.get("breaks"):
        return
    for token in state.tokens:
        for child in token.children or ():
            if child.type == "softbreak":
                child.type = "hardbreak"
                child.tag = "br"


def _visible_tokens(state: StateCore) -> None:
    pending = list(state.tokens)
    while pending:
        token = pending.pop()
        token.content = visible(token.content)
        token.info = visible(token.info)
        for name, value in token.attrs.items():
            if isinstance(value, str):
                token.attrs[name] = visible(value)
        pending.extend(token.children or ())
