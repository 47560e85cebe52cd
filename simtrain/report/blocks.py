"""Neutral document blocks: what a briefing pack or an after-action report says, before markup.

A document is lowered once to these blocks; :mod:`simtrain.report.md` and
:mod:`simtrain.report.html` are each one renderer of them, so the section order, the table
headers and the loops exist once however many formats there are, and escaping happens in one place
per format. Blocks hold plain text, scenario texts (:class:`Resolved`, marked when they fell back to
another language) and a few inline pieces whose markup differs by format (a rating badge, a score);
never markup.

Some blocks and fields only matter to one format (a section's HTML attributes, a chart, the table
of contents; a cell's CSS class): the other format ignores them, and says so below.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from simtrain.live.score_text import ScoreText
from simtrain.scenario.catalog import Resolved

FALLBACK_MARK = "*"
"""Put before a scenario text shown in another language than the one asked for."""


# --- inline pieces ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Badge:
    """A rating letter: a coloured badge in HTML, the letter in plain text."""

    letter: str


@dataclass(frozen=True, slots=True)
class Marked:
    """Words that already name a rating, with its badge beside them in HTML only."""

    letter: str
    text: Inline


@dataclass(frozen=True, slots=True)
class Seq:
    """Pieces read as one text (a sentence with a scenario text in it, a list of names)."""

    parts: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class ScoreCell:
    """A score: HTML arranges the pieces of ``text``; plain text prints ``plain``, the
    arrangement of those pieces the document chose (``text.cell()``, ``text.with_letter()``)."""

    text: ScoreText
    plain: str


@dataclass(frozen=True, slots=True)
class Notes:
    """Side notes after a text: small lines in HTML, `` — a / b`` in plain text."""

    items: tuple[str, ...]


Inline = str | Resolved | Badge | Marked | Seq | ScoreCell | Notes


def plain(text: Inline | None) -> str:
    """An inline piece as plain text (Markdown, CSV, a chart's label): fallbacks marked."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    if isinstance(text, Resolved):
        return f"{FALLBACK_MARK} {text.text}" if text.fallback else text.text
    if isinstance(text, Badge):
        return text.letter
    if isinstance(text, Marked):
        return plain(text.text)
    if isinstance(text, Seq):
        return "".join(plain(p) for p in text.parts)
    if isinstance(text, ScoreCell):
        return text.plain
    return " — " + " / ".join(text.items) if text.items else ""


# --- blocks ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Title:
    """A document's title naming its subject: ``# words: subject`` in Markdown, a heading and
    the subject in bold beneath it in HTML."""

    words: str
    subject: Resolved


@dataclass(frozen=True, slots=True)
class Heading:
    """Levels above 4 are run-in headings: bold lines in Markdown, ``h4`` in HTML."""

    level: int
    text: Inline


ParaStyle = str
"""``text``: a scenario's body text, kept in its lines and paragraphs; ``line``: one sentence;
``lead``: a section's explanation (muted in HTML, plain in Markdown); ``note``: an aside and
``meta``: where the document came from (muted in HTML, italic in Markdown); ``warning``: a quote in
Markdown; ``audience`` / ``restricted``: who may read a pack (boxed in HTML, italic or a bold
quote in Markdown)."""


@dataclass(frozen=True, slots=True)
class Para:
    text: Inline
    style: ParaStyle = "text"


@dataclass(frozen=True, slots=True)
class Items:
    """A bulleted list; ``style`` is the HTML class of each item (``note``: a muted "none")."""

    items: Sequence[Inline]
    style: str = ""


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell that is more than its text: a CSS class (HTML only; None writes no class
    attribute, even where the column has one), a row heading, or several items (a list in
    HTML, joined by ``;`` in Markdown)."""

    text: Inline | tuple[Inline, ...]
    cls: str | None = None
    header: bool = False
    tip: str | None = None
    """The whole text of a cut one, as the HTML cell's tooltip (Markdown leaves it out)."""


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of cells under headers. ``classes`` gives each column's CSS class for its plain
    cells (HTML only; None: no attribute, ``""``: an empty one); a :class:`Cell` brings its own."""

    headers: Sequence[str]
    rows: Sequence[Sequence[Inline | Cell]]
    classes: Sequence[str | None] = ()


@dataclass(frozen=True, slots=True)
class Facts:
    """Label and value pairs: a key-value table in HTML, a two-column table in Markdown."""

    rows: Sequence[tuple[str, Inline]]


@dataclass(frozen=True, slots=True)
class Svg:
    """A chart as inline SVG markup (escaped where it is drawn); HTML only, so it is drawn only
    when a renderer asks for it."""

    draw: Callable[[], str]


@dataclass(frozen=True, slots=True)
class Contents:
    """Links to the document's sections by anchor; HTML only (a Markdown reader has its own)."""

    title: str
    entries: Sequence[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Section:
    """Blocks that belong together: an HTML element (``section``, ``header``) with attributes
    in the order given (an anchor, a page break before it); Markdown shows only its blocks."""

    blocks: Sequence[Block]
    attrs: tuple[tuple[str, str], ...] = ()
    tag: str = "section"


Block = Title | Heading | Para | Items | Table | Facts | Svg | Contents | Section
