"""Text that cannot drive a terminal: every control character shown as a visible placeholder.

A scenario, a document, a note, a team report or an ad-hoc inject is written by someone we do not
control, and it reaches terminals (the console, a team terminal, xterm.js in a browser) and files
people ``cat`` (the reports, the packs). A terminal obeys an ESC sequence wherever it finds one:
``ESC [ 2 J`` wipes the screen, ``ESC ] 52 ; c ; … BEL`` writes the clipboard, ``ESC ] 8`` hides a
link behind words. A bidi override (U+202E) makes ``invoice‮txt.exe`` read as ``invoice`` +
``exe.txt``. :func:`visible` is the one function that makes such text inert, applied once where text
enters the views (the catalog's texts and documents, the fold's notes, reports, ad-hoc injects,
team names and seats), so every seat and every file format shows the same clean text.

What it does, character by character (it is a plain map, so it is idempotent and needs no parser):

* C0 controls (U+0000-U+001F) other than newline and tab, and DEL, become their Unicode *control
  pictures* (``␛`` for ESC, ``␇`` for BEL, ``␀`` for NUL, ``␈`` for backspace, ``␍`` for a lone
  carriage return, ``␡`` for DEL). ``\\r\\n`` is a line break written the Windows way and becomes
  ``\\n``.
* C1 controls (U+0080-U+009F, among them the 8-bit CSI ``\\x9b``, OSC ``\\x9d``, DCS ``\\x90``
  and ST ``\\x9c``) and the bidi embeddings, overrides and isolates (U+202A-U+202E,
  U+2066-U+2069) become ``⟨U+009B⟩``: they have no picture of their own, and the code point is what
  one searches for.
* A lone surrogate (which a crafted session's JSON can hold) becomes ``�``: it cannot even be
  encoded for a terminal.
* U+2028/U+2029 (line and paragraph separators) become a newline.

An escape *sequence* is therefore shown, not removed: ``ESC[2J`` reads ``␛[2J`` and an OSC 52
clipboard write reads ``␛]52;c;cHduZWQ=␇``. A sequence is only a sequence because of its introducer
(ESC or a C1 byte) and its terminator (BEL, ST), which are all pictures now, so nothing of it acts;
and the facilitator sees that a text carried terminal commands, and which, rather than words that
silently lost something. The left-to-right and right-to-left *marks* (U+200E, U+200F, U+061C) are
kept: they only set the direction of neutral characters next to them, cannot reorder strong text
as an override does, and belong in correctly written bidirectional text.

``multiline=False`` is for one-line contexts (a team name, a seat): newline, tab and the line
separators become a space as well.

Speed: a text with nothing to replace costs one regex scan and comes back as the same object (about
50 ms for 10 MB); otherwise each control character present is replaced with one ``str.replace``
(C speed; under half a second for 10 MB of nothing but controls), never a Python call per match.
"""

from __future__ import annotations

import re
from typing import Any

_C0 = {chr(c): chr(0x2400 + c) for c in range(0x20) if chr(c) not in "\n\t"}
_C0["\x7f"] = "\u2421"  # ␡
_MARKED = [*range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_CODE_POINTS = {chr(c): f"\u27e8U+{c:04X}\u27e9" for c in _MARKED}
_LINES = {"\u2028": "\n", "\u2029": "\n"}

_MULTILINE = {**_C0, **_CODE_POINTS, **_LINES}
_ONE_LINE = {**_MULTILINE, "\n": " ", "\t": " ", "\u2028": " ", "\u2029": " "}
_SURROGATE = re.compile("[\ud800-\udfff]")


def _pattern(table: dict[str, str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in table) + "\ud800-\udfff]")


_MULTILINE_UNSAFE = _pattern(_MULTILINE)
_ONE_LINE_UNSAFE = _pattern(_ONE_LINE)


def visible(text: str, *, multiline: bool = True) -> str:
    """``text`` with every terminal control, bidi override and lone surrogate shown as a visible
    placeholder (see the module's docstring); plain text comes back unchanged, as the same object.

    ``multiline=True`` keeps newlines and tabs; ``multiline=False`` turns them into spaces.
    """
    table, unsafe = (_MULTILINE, _MULTILINE_UNSAFE) if multiline else (_ONE_LINE, _ONE_LINE_UNSAFE)
    if unsafe.search(text) is None:
        return text
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    if _SURROGATE.search(text) is not None:
        text = _SURROGATE.sub("\ufffd", text)
    for char, shown in table.items():
        if char in text:
            text = text.replace(char, shown)
    return text


def is_visible(text: str, *, multiline: bool = True) -> bool:
    """Whether ``text`` holds nothing :func:`visible` would replace."""
    unsafe = _MULTILINE_UNSAFE if multiline else _ONE_LINE_UNSAFE
    return unsafe.search(text) is None


def visible_all(value: Any) -> Any:
    """:func:`visible` applied to every string inside plain data (dicts, lists, tuples), such as a
    model's ``model_dump()``; anything else is returned as it is."""
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, dict):
        return {key: visible_all(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(visible_all(item) for item in value)
    return value
