"""Markdown: the one renderer of document blocks (:mod:`simtrain.report.blocks`) to the file a
trainer edits before it goes to the ministry, for after-action reports and briefing packs alike.

Every text that came from the scenario, a team or an evaluator is escaped: Markdown punctuation is
backslash-escaped so a note holding ``<script>`` or ``**`` reads literally in any renderer, and in
tables pipes are escaped and line breaks folded, so a note can never break a table's shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from simtrain.i18n import Translator
from simtrain.report.aar_blocks import lower
from simtrain.report.aar_model import Report
from simtrain.report.blocks import (
    Block,
    Cell,
    Contents,
    Facts,
    Heading,
    Inline,
    Items,
    Para,
    Section,
    Svg,
    Table,
    Title,
    plain,
)
from simtrain.sanitize import visible

_ESCAPES = {ord(c): "\\" + c for c in "\\`*_[]<>|~#&{}!"}
_BLOCK_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")


def inline(text: str) -> str:
    """Literal text inside a line: every Markdown-active character backslash-escaped, and no
    terminal control (texts arrive clean from the catalog and the fold; an attachment's name is
    the scenario's own, so this one pass makes sure of every text of every report and pack)."""
    return visible(text).translate(_ESCAPES)


def cell(text: str) -> str:
    """A table cell: literal, on one line, pipes escaped."""
    return inline(" ".join(text.split()))


def block(text: str) -> str:
    """Literal paragraphs: inline escapes, plus list/quote/heading markers at a line's start."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    out = []
    for paragraph in paragraphs:
        lines = [
            _BLOCK_START.sub(r"\1\\\2", inline(line.strip())) for line in paragraph.split("\n")
        ]
        out.append("  \n".join(lines))
    return "\n\n".join(out)


def table(headers: Sequence[str], rows: Iterable[list[str]]) -> list[str]:
    """A pipe table; headers are plain text (escaped here), cells already escaped."""
    lines = ["| " + " | ".join(cell(h) for h in headers) + " |"]
    lines.append("|" + "|".join("---" for _ in headers) + "|")
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def render_blocks(blocks: Sequence[Block]) -> str:
    """A whole Markdown document: each block, then a blank line."""
    out: list[str] = []
    _blocks(blocks, out)
    return "\n".join(out).rstrip() + "\n"


def render(report: Report, t: Translator) -> str:
    """The after-action report as Markdown."""
    return render_blocks(lower(report, t))


def _blocks(blocks: Sequence[Block], out: list[str]) -> None:
    for b in blocks:
        if isinstance(b, Table):
            out += table(
                b.headers,
                ([cell(c) if type(c) is str else _cell(c) for c in row] for row in b.rows),
            )
        elif isinstance(b, Heading):
            text = inline(plain(b.text))
            out.append("#" * b.level + " " + text if b.level <= 4 else f"**{text}**")
        elif isinstance(b, Para):
            out.append(_para(b))
        elif isinstance(b, Items):
            out += [f"- {cell(plain(item))}" for item in b.items]
        elif isinstance(b, Facts):
            out += table(["", ""], ([cell(label), cell(plain(value))] for label, value in b.rows))
        elif isinstance(b, Title):
            out.append(f"# {inline(b.words)}: {inline(plain(b.subject))}")
        elif isinstance(b, Section):
            _blocks(b.blocks, out)
            continue
        else:
            assert isinstance(b, Svg | Contents)  # nothing in Markdown
            continue
        out.append("")


def _cell(c: Inline | Cell) -> str:
    if isinstance(c, Cell):
        if isinstance(c.text, tuple):
            return "; ".join(cell(plain(item)) for item in c.text)
        return cell(plain(c.text))
    return cell(plain(c))


def _para(p: Para) -> str:
    body = block(plain(p.text))
    if p.style == "restricted":
        return f"> **{body}**"
    if p.style == "warning":
        return f"> {body}"
    if p.style in ("audience", "note", "meta") and "\n" not in body:
        return f"*{body}*"
    return body
