"""Writing YAML a person edits and simtrain reads back: exactly what was meant, every time.

The translator's file (``l10n/<lang>.yaml``) is rewritten by ``simtrain i18n --update`` around
text anyone may have typed: ``: ``, quotes, ``#``, spaces at either end, CR, NEL, U+2028, NUL,
emoji. Each string is written the way :func:`simtrain.yamlio.loads` reads it back unchanged: plain
when the strict reader would type it as that very string, a literal block for ordinary multi-line
text, double quotes (where every character is itself or an escape) for everything else. Comments
carry the source text beside each entry; whatever YAML would read as a line break or refuse
is shown there as an escape, so a comment never spills into the data.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import ScalarNode

from simtrain.yamlio import STR, StrictResolver

_NO_FOLD = 1 << 30
"""A line width no text reaches: a folded scalar is one more way to read back something else."""

_NOT_IN_BLOCKS = frozenset("\r\x85\u2028\u2029\ufeff")
"""Characters a literal block would not give back as written (a reader turns CR and NEL into
newlines), so a text holding one is written double-quoted, where each is an escape."""


def _printable(char: str) -> bool:
    """YAML's printable set, less what a block may not hold (see :data:`_NOT_IN_BLOCKS`)."""
    code = ord(char)
    return char not in _NOT_IN_BLOCKS and (
        char in "\t\n"
        or 0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or code >= 0x10000
    )


printable = _printable
"""Whether a comment shows ``char`` as itself (else :func:`comment_safe` escapes it)."""

_RESOLVER: Any = StrictResolver()


def _plain_type(text: str) -> str:
    """The type our reader would give ``text`` written unquoted."""
    return str(_RESOLVER.resolve(ScalarNode, text, (True, False)))


class _ExactDumper(yaml.SafeDumper):
    """Strings that read back exactly as they were under the strict reader above."""


class _QuotedDumper(yaml.SafeDumper):
    """Every string double-quoted: each character either itself or an escape."""


def _represent_exact(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style: str | None = None
    if not all(_printable(char) for char in text):
        style = '"'
    elif _plain_type(text) != STR:  # ``1.5e5`` is a string to YAML 1.1, a number to our reader
        style = '"' if "\n" in text else "'"
    elif "\n" in text:
        style = "|"
    return dumper.represent_scalar(STR, text, style=style)


def _represent_quoted(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    return dumper.represent_scalar(STR, text, style='"')


_ExactDumper.add_representer(str, _represent_exact)
_QuotedDumper.add_representer(str, _represent_quoted)


def dump_exact(data: Any, *, quoted: bool = False) -> str:
    """Plain data as block YAML that :func:`loads` reads back as the same data: literal blocks for
    multi-line texts where that is exact, double quotes where anything could be read otherwise
    (``quoted``: for every string), never a folded line."""
    text = yaml.dump(
        data,
        Dumper=_QuotedDumper if quoted else _ExactDumper,
        allow_unicode=True,
        sort_keys=False,
        width=_NO_FOLD,
        default_flow_style=False,
    )
    # a block kept with its trailing newlines (``|+``) last in the document is followed by a
    # document end marker; the caller goes on writing the same document, so it goes
    return text.removesuffix("\n...\n") + "\n" if text.endswith("\n...\n") else text


def comment_safe(text: str) -> str:
    """``text`` for a ``#`` comment: every character YAML would read as a line break or refuse
    (CR, NEL, U+2028, U+2029, controls, a BOM) shown as its escape, so a comment stays one
    comment; newlines are left for the caller to split on."""
    return "".join(char if char == "\n" or _printable(char) else _escape(char) for char in text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
