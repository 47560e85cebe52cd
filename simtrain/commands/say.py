"""What a command prints, shown without terminal controls.

A command's lines quote what a person typed or a file held: a path, a team's name, an id, a note.
A terminal obeys an ESC sequence wherever it finds one, so a file named ``\\x1b]52;c;…\\x07.yaml``
would write the clipboard through ``simtrain: … not found``. Every line a command prints goes
through :func:`say`, which shows such characters as :func:`simtrain.sanitize.visible`
placeholders (``␛]52;c;…␇``); the interface's own words have none, so they are unchanged.

JSON a command prints for a program keeps every value exactly: :func:`json_text` writes the
characters a terminal could obey (C1 controls, bidi overrides, line separators, lone surrogates)
as ``\\uXXXX`` escapes, which any JSON reader turns back into the same text, and which
``json.dumps`` already does for C0 controls.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from simtrain.sanitize import visible

_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")


def say(text: str = "", *, err: bool = False, flush: bool = False) -> None:
    """Print ``text`` (to stderr with ``err``) with every terminal control shown, not obeyed."""
    print(visible(text), file=sys.stderr if err else sys.stdout, flush=flush)


def fail(message: str) -> None:
    """The one line of a refusal: ``simtrain: MESSAGE`` on stderr, no terminal control in it."""
    say(f"simtrain: {message}", err=True)


def json_text(data: Any, *, indent: int | None = None) -> str:
    """``data`` as JSON a terminal shows as text: non-ASCII kept readable, except the characters
    a terminal could obey, which are ``\\uXXXX`` escapes (the same value for a JSON reader)."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
