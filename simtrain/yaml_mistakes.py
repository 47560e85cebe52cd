"""Naming the everyday YAML mistake behind a parse error, at the line where it is, with the fix.

Called by :mod:`simtrain.yamlio` only after the parser has failed, so a valid file never pays for
it. The parser's own message is English and often points lines after the mistake (an unclosed
quote is reported where the next quote closes it). Here the text is read line by line, as an
author sees it, to collect the lines that look like a known mistake (a tab in the indentation, a
colon inside an unquoted text, an apostrophe inside single quotes, a quote never closed, a line
out of line with its siblings, a text block's line less indented than the block, a missing space
after ``:`` or ``-``). Each suspect comes with its fixed line; it is named only if the file with
that one line fixed parses, or fails later than the suspect line somewhere else: a guess never
reaches the author unconfirmed. Anything else is the generic, translated syntax message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from simtrain import yamlio
from simtrain.textfit import cut

MAX_TRIES = 16
"""Fixes tried at most: each is one parse (of the parser's events, up to a little past where it
stopped), paid only on a broken file."""

WINDOW = 200
"""Lines past the parser's stop kept when re-parsing with a fix (a long file's tail is not
needed to see that the fix moved the error on)."""

FIX_WIDTH = 100
"""A fixed line longer than this is shown cut (it stays on the error's one line)."""

_BREAK = re.compile(r"(\r\n|[\r\n\x85\u2028\u2029])")
_ITEM = re.compile(r"-(?:[ \t]+|$)")
_KEY = re.compile(r"""([^\s'"#\[\]{}&*!|>%@`,-][^:#]*?):(?:[ \t]+|$)""")
_NO_SPACE_KEY = re.compile(r"""([A-Za-z_][\w-]*):(["'\w«\[{|>].*)$""")
_NO_SPACE_DASH = re.compile(r"-([^\s\-\d.][^\s]*.*)$")
_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*\s*(?:#.*)?$")
_INDENTS = ("indent", "block_indent")
_COMMENT = re.compile(r"\s+#")


@dataclass
class Suspect:
    kind: str
    line: int
    """0-based index of the line in the file's lines."""
    column: int
    """1-based column shown to the author."""
    fixes: list[str]
    """Candidate replacements for the whole line, tried in order."""
    params: dict[str, Any] = field(default_factory=dict)
    first: bool = False
    """Try before the suspects of the next line (a line that left its block too early)."""


@dataclass
class _Scan:
    lines: list[str]
    suspects: list[Suspect] = field(default_factory=list)
    levels: list[tuple[int, int]] = field(default_factory=list)
    """Open indentation levels: (indent, line index of the line that set it)."""
    reported: int = 0
    """The line the parser stopped at (1-based)."""
    dedent: tuple[int, int, str, dict[int, int]] | None = None
    """The previous content line, if it closed blocks: its index, indent, text after the indent,
    and the columns it left (each with a line there). When the next line is out of line, the
    previous one may be the line that left its block too early."""
    opens: bool = True
    """The previous content line ended with an empty value (``key:``, ``-``): a nested block may
    start on this line."""


def diagnose(text: str, line: int | None, column: int | None, detail: str) -> yamlio.YamlProblem:
    """The problem to report for a file the parser refused at ``line``:``column`` (1-based)."""
    try:
        found = _diagnose(text, line)
    except Exception:  # a diagnosis must never hide the file's own problem
        found = None
    if found is None:
        return yamlio.YamlProblem("syntax", *_clamp(text, line, column), detail=detail)
    return yamlio.YamlProblem(
        f"mistakes.{found.kind}", found.line + 1, found.column, detail=detail, **found.params
    )


def _clamp(text: str, line: int | None, column: int | None) -> tuple[int | None, int | None]:
    """The parser's place, never past the file's last line (it may point just after the end)."""
    if line is None:
        return None, None
    lines = _BREAK.split(text)[::2]
    count = len(lines)
    while count > 1 and not lines[count - 1].strip():
        count -= 1
    if line > count:
        return count, 1
    return line, column


def _diagnose(text: str, line: int | None) -> Suspect | None:
    parts = _BREAK.split(text)
    lines = parts[::2]
    stop = len(lines) - 1 if line is None else min(line - 1, len(lines) - 1)
    # the file as far as a little past the parser's stop: what follows cannot confirm a fix
    parts = parts[: 2 * (stop + WINDOW) + 1]
    original = _error_at("".join(parts))
    if original is None:  # not the parser's (an alias to nothing): no mistake of ours to name
        return None
    scan = _Scan(lines, reported=stop + 1)
    _walk(scan, stop)
    tries = 0
    for suspect in sorted(scan.suspects, key=lambda s: _rank(s, stop)):
        for fix in suspect.fixes[:4]:
            tries += 1
            if tries > MAX_TRIES:
                return None
            fixed = parts.copy()
            fixed[2 * suspect.line] = fix
            after = _error_at("".join(fixed))
            if after is None or (after[0] > suspect.line + 1 and after != original):
                suspect.params.setdefault("fix", _shown(fix.strip()))
                suspect.params = _settle(suspect, fix)
                return suspect
    return None


def _shown(fix: str) -> str:
    """A fixed line short enough for one message line: a long one keeps its start (the key and
    the opening quote) and its end (the closing quote), cut in the middle."""
    if len(fix) <= FIX_WIDTH:
        return fix
    tail = FIX_WIDTH // 3
    return cut(fix[:-tail], FIX_WIDTH - tail) + fix[-tail:]


def _rank(suspect: Suspect, stop: int) -> tuple[bool, float]:
    """Mistakes seen on the line itself first, then lines out of line: nearest the stop first."""
    guess = suspect.kind in _INDENTS
    return guess, stop - suspect.line - 1.5 * suspect.first


def _settle(suspect: Suspect, fix: str) -> dict[str, Any]:
    """The message's parameters once the fix is chosen (the column it puts the line in)."""
    params = dict(suspect.params)
    if suspect.kind in (*_INDENTS, "tab"):
        params["target"] = len(fix) - len(fix.lstrip(" ")) + 1
        params.pop("fix", None)
        likes = params.pop("likes", {})
        params["like"] = likes.get(params["target"] - 1, suspect.line + 1)
    return params


def _error_at(text: str) -> tuple[int, int] | None:
    """Where the parser stops in ``text`` (1-based line and column), or None if it parses.

    Only the parser's events are read, no tree is built: about six times faster than composing,
    and a syntax mistake is the parser's."""
    loader = yaml.CSafeLoader(text) if yamlio.HAVE_LIBYAML else yaml.SafeLoader(text)
    try:
        while loader.check_event():
            loader.get_event()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return (mark.line + 1, mark.column + 1) if mark else (0, 0)
    except yaml.YAMLError:
        return (0, 0)
    finally:
        loader.dispose()
    return None


# --- reading the lines ---------------------------------------------------------------------------


def _walk(scan: _Scan, stop: int) -> None:
    """Collect suspects on lines 0..stop, skipping what is inside quotes and text blocks."""
    index = 0
    while index <= stop:
        index = _line(scan, index, stop)


def _line(scan: _Scan, index: int, stop: int) -> int:
    """Read the line at ``index`` (and any lines its value spans); the next index to read."""
    raw = scan.lines[index]
    body = raw.lstrip(" \t")
    lead = raw[: len(raw) - len(body)]
    if body.startswith("#") and "\t" in lead:
        _tab(scan, index, body)  # a comment may start anywhere, but not after a tab
    if not body or body.startswith("#") or body.startswith(("---", "...", "%")):
        return index + 1
    if "\t" in lead:
        indent = _tab(scan, index, body)
    else:
        indent = len(lead)
        _align(scan, index, indent, body)
    key_column, _, value, has_key = _split(body, indent)
    for level in _item_levels(body, indent):
        scan.levels.append((level, index))
    scan.opens = not value.strip() or value.lstrip().startswith("#")
    prefix = raw[: len(raw) - len(value)]
    head = value[:1]
    if head in ("'", '"'):
        return _quoted(scan, index, stop, prefix, value)
    if head in ("|", ">") and _BLOCK_HEADER.match(value):
        scan.opens = False
        return _block(scan, index, stop, key_column, value.split()[0])
    if head in ("[", "{"):
        return _flow(scan, index, stop)
    if has_key:
        _colon(scan, index, prefix, value)
    elif value.strip():
        _no_space(scan, index, prefix, value)
    return index + 1


def _split(body: str, indent: int) -> tuple[int, int, str, bool]:
    """After the indentation: skip ``- `` items and a ``key:``; the key's and the value's 0-based
    columns, the value, and whether a key came before it."""
    column = indent
    rest = body
    while match := _ITEM.match(rest):
        column += match.end()
        rest = rest[match.end() :]
    quoted = re.match(r"""("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')[ \t]*:(?:[ \t]+|$)""", rest)
    if quoted:
        return column, column + quoted.end(), rest[quoted.end() :], True
    match = _KEY.match(rest)
    if match:
        return column, column + match.end(), rest[match.end() :], True
    return column, column, rest, False


def _item_levels(body: str, indent: int) -> list[int]:
    """The columns a line's ``- `` items open (a mapping inside an item starts after its dash)."""
    levels, column, rest = [], indent, body
    while match := _ITEM.match(rest):
        column += match.end()
        rest = rest[match.end() :]
        if rest.strip():
            levels.append(column)
    return levels


def _key_like(body: str) -> bool:
    return bool(_ITEM.match(body) or _KEY.match(body))


def _pop(scan: _Scan, indent: int) -> list[tuple[int, int]]:
    popped = []
    while scan.levels and scan.levels[-1][0] > indent:
        popped.append(scan.levels.pop())
    return popped


def _candidates(scan: _Scan, popped: list[tuple[int, int]], indent: int) -> dict[int, int]:
    """Columns the line could belong to, nearest first, each with a line already there."""
    near = sorted({*popped, *scan.levels}, key=lambda lv: (abs(lv[0] - indent), -lv[1]))
    likes: dict[int, int] = {}
    for level, where in near:
        likes.setdefault(level, where + 1)
    return likes


def _align(scan: _Scan, index: int, indent: int, body: str) -> None:
    """Check the line's indentation against the open blocks; note a line out of line."""
    popped = _pop(scan, indent)
    top = scan.levels[-1][0] if scan.levels else -1
    left = {level: where + 1 for level, where in reversed(popped)}
    dedent, scan.dedent = scan.dedent, ((index, indent, body, left) if popped else None)
    if top == indent:
        setter = scan.lines[scan.levels[-1][1]].lstrip(" \t")
        if popped and _ITEM.match(body) and not _ITEM.match(setter):
            # an item back at its list's key (``steps:``), after items further in
            likes = {level: line for level, line in left.items() if level > indent}
            fixes = [" " * level + body for level in likes]
            params = {"now": indent + 1, "likes": likes}
            scan.suspects.append(Suspect("indent", index, indent + 1, fixes, params))
        scan.levels[-1] = (indent, index)  # the nearest sibling is the one to show
        return
    out_of_line = (popped or not scan.opens) and _key_like(body)
    if dedent and out_of_line:  # the line before left its block too early, or this one did
        back, now, text, likes = dedent
        likes = {**likes, indent: index + 1}
        fixes = [" " * level + text for level in likes]
        params = {"now": now + 1, "likes": likes}
        scan.suspects.append(Suspect("indent", back, now + 1, fixes, params, True))
    if out_of_line:
        likes = _candidates(scan, popped, indent)
        fixes = [" " * level + body for level in likes if level != indent]
        scan.suspects.append(
            Suspect("indent", index, indent + 1, fixes, {"now": indent + 1, "likes": likes})
        )
    if _key_like(body) or scan.opens:
        scan.levels.append((indent, index))


def _tab(scan: _Scan, index: int, body: str) -> int:
    """A tab in the indentation: suspect it, with the line moved to each column it may belong
    to (nested under the line before when that one opened a block, its sibling, an outer one)."""
    raw = scan.lines[index]
    scan.dedent = None
    top, where = scan.levels[-1] if scan.levels else (0, index)
    likes: dict[int, int] = {}
    if scan.opens:
        likes[top + 2 if scan.levels else 0] = where + 1
    likes.setdefault(top, where + 1)
    for level, line in sorted(scan.levels, key=lambda lv: (abs(lv[0] - top), -lv[1])):
        likes.setdefault(level, line + 1)
    likes.setdefault(0, 1)
    fixes = [" " * level + body for level in likes]
    scan.suspects.append(Suspect("tab", index, raw.index("\t") + 1, fixes, {"likes": likes}))
    indent = next(iter(likes))
    if not body.startswith("#"):
        _pop(scan, indent)
        if not scan.levels or scan.levels[-1][0] != indent:
            scan.levels.append((indent, index))
    return indent


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _closing(text: str, quote: str, start: int) -> int:
    """Index just past the quote that closes a ``quote`` text in ``text`` from ``start``, or -1."""
    position = start
    while position < len(text):
        char = text[position]
        if quote == '"' and char == "\\":
            position += 2
            continue
        if char == quote:
            if quote == "'" and text[position + 1 : position + 2] == "'":
                position += 2
                continue
            return position + 1
        position += 1
    return -1


def _quoted(scan: _Scan, index: int, stop: int, prefix: str, value: str) -> int:
    """A quoted value: an apostrophe ending a single-quoted text early, or a quote never closed
    (the lines down to the closing quote are inside the text)."""
    quote = value[0]
    end = _closing(value, quote, 1)
    if end >= 0:
        tail = value[end:].strip()
        if quote == "'" and tail and not tail.startswith("#"):
            whole = value.rstrip()
            inner = whole[1:-1] if whole.endswith("'") else whole[1:]
            fixes = [f'{prefix}"{_escape(inner)}"', prefix + "'" + inner.replace("'", "''") + "'"]
            column = len(prefix) + end
            scan.suspects.append(Suspect("apostrophe", index, column, fixes))
        return index + 1
    closed = f"{prefix}{value.rstrip()}{quote}"
    params = {"quote": quote, "until": scan.reported}
    scan.suspects.append(Suspect("unclosed_quote", index, len(prefix) + 1, [closed], params))
    for later in range(index + 1, stop + 1):
        if _closing(scan.lines[later], quote, 0) >= 0:
            return later + 1
    return stop + 1


def _block(scan: _Scan, index: int, stop: int, key_column: int, indicator: str) -> int:
    """A ``|`` or ``>`` text block: its lines are text; a line less indented than the block that
    reads as no key nor item is the block's line out of place."""
    content = -1
    later = index + 1
    while later <= stop:
        raw = scan.lines[later]
        body = raw.lstrip(" ")
        indent = len(raw) - len(body)
        if body.strip():
            if content < 0:
                if indent <= key_column:
                    return later
                content = indent
            elif indent < content:
                break
        later += 1
    if later > stop or content < 0:
        return later
    body = scan.lines[later].lstrip(" \t")
    if _key_like(body) or body.startswith("#"):
        return later
    params = {"start": index + 1, "indicator": indicator, "likes": {content: index + 2}}
    indent = len(scan.lines[later]) - len(body)
    fix = " " * content + body
    scan.suspects.append(Suspect("block_indent", later, indent + 1, [fix], params))
    return later + 1


def _flow(scan: _Scan, index: int, stop: int) -> int:
    """A ``[...]`` or ``{...}`` value: skip the lines until its brackets close."""
    depth = 0
    for later in range(index, stop + 1):
        text = re.sub(r""""(?:[^"\\]|\\.)*"|'(?:[^']|'')*'""", "", scan.lines[later])
        depth += text.count("[") + text.count("{") - text.count("]") - text.count("}")
        if depth <= 0:
            return later + 1
    return stop + 1


def _colon(scan: _Scan, index: int, prefix: str, value: str) -> None:
    """An unquoted text holding ``: `` (or ending in ``:``), which YAML reads as a second key."""
    comment = _COMMENT.search(value)
    text, rest = (value[: comment.start()], value[comment.start() :]) if comment else (value, "")
    text = text.rstrip()
    at = re.search(r":(?:[ \t]|$)", text)
    if at is None or text[:1] in ("&", "*", "!", "@", "`", "%"):
        return
    fix = f'{prefix}"{_escape(text)}"{rest}'
    scan.suspects.append(Suspect("colon", index, len(prefix) + at.start() + 1, [fix]))


def _no_space(scan: _Scan, index: int, prefix: str, value: str) -> None:
    """``title:"x"``, ``channel:email`` (a key glued to its value) or ``-investigatore``."""
    key = _NO_SPACE_KEY.match(value)
    if key and not key[2].startswith("//"):
        fix = f"{prefix}{key[1]}: {key[2]}"
        column = len(prefix) + len(key[1]) + 1
        scan.suspects.append(Suspect("colon_space", index, column, [fix]))
        return
    dash = _NO_SPACE_DASH.match(value)
    if dash:
        fix = f"{prefix}- {dash[1]}"
        scan.suspects.append(Suspect("dash_space", index, len(prefix) + 1, [fix]))
