"""HTML: the one renderer of document blocks (:mod:`simtrain.report.blocks`) to a self-contained
page (inline CSS, inline SVG, no fetches), for after-action reports and briefing packs alike.

A report is what a trainer prints or mails after the exercise, so it must open anywhere, offline,
and print cleanly on A4 (each team on a new page; rows and charts never split). Every text that did
not come from our own locale files passes through :func:`esc` (``html.escape``): a team called
``<script>`` is shown, never run. The page carries no script at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from html import escape
from importlib import resources

from simtrain.i18n import Translator
from simtrain.live.score_text import ScoreText
from simtrain.report.aar_blocks import lower, page_title
from simtrain.report.aar_model import Report
from simtrain.report.blocks import (
    FALLBACK_MARK,
    Badge,
    Block,
    Cell,
    Contents,
    Facts,
    Heading,
    Inline,
    Items,
    Marked,
    Notes,
    Para,
    ScoreCell,
    Seq,
    Svg,
    Table,
    Title,
)
from simtrain.sanitize import visible
from simtrain.scenario.catalog import Resolved


def esc(text: object) -> str:
    """``html.escape`` with a fast path: most cells (times, labels, numbers) need nothing; a
    terminal control or bidi override is shown as its placeholder (:mod:`simtrain.sanitize`)."""
    s = visible(str(text))
    if "&" in s or "<" in s or ">" in s or '"' in s or "'" in s:
        return escape(s, quote=True)
    return s


@cache
def css() -> str:
    return resources.files("simtrain.report").joinpath("report.css").read_text(encoding="utf-8")


def page(title: str, lang: str, body: Iterable[str]) -> str:
    """A whole HTML document around ``body`` (already escaped markup)."""
    return "".join(
        [
            f'<!DOCTYPE html>\n<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "style-src 'unsafe-inline'; img-src data:\">\n",
            f"<title>{esc(title)}</title>\n<style>\n{css()}</style>\n</head>\n<body>\n",
            *body,
            "\n</body>\n</html>\n",
        ]
    )


def content(txt: Resolved | None, t: Translator, *, block: bool = False) -> str:
    """A content text, escaped, in its own language, marked when it fell back."""
    if txt is None:
        return ""
    cls = ' class="txt"' if block else ""
    lang = f' lang="{esc(txt.lang)}"' if txt.fallback else ""
    tag = "div" if block else "span"
    mark = (
        f'<span class="fb" title="{esc(t("report.fallback"))}">{FALLBACK_MARK}</span> '
        if txt.fallback
        else ""
    )
    return f"{mark}<{tag}{cls}{lang}>{esc(txt.text)}</{tag}>"


def rating_badge(letter: str | None) -> str:
    if not letter:
        return ""
    cls = "NA" if letter == "N/A" else letter
    return f'<span class="rating r-{esc(cls)}">{esc(letter)}</span>'


def score(text: ScoreText) -> str:
    """A score's pieces in markup: the quality of what is rated, the letter's badge (once
    enough is rated), the letters given and the coverage beneath; or the words standing in for
    a number, with the coverage."""
    match text.status:
        case "scored":
            counts = f"{text.counts} · {text.coverage}" if text.counts else text.coverage
            return (
                f"{esc(text.quality)} {rating_badge(text.letter)}"
                f'<span class="counts">{esc(counts)}</span>'
            )
        case "unrated":
            return f'{esc(text.words)} <span class="counts">({esc(text.coverage)})</span>'
        case _:
            return esc(text.words)


def table(headers: Sequence[str], rows: Iterable[str], cls: str = "") -> str:
    """A table; ``headers`` are plain text (escaped here), ``rows`` ready ``<tr>`` markup."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    attr = f' class="{cls}"' if cls else ""
    return f"<table{attr}><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>\n"


def render(report: Report, t: Translator) -> str:
    """The after-action report as one HTML page, each top-level block on its own line."""
    body = [render_blocks([b], t) + "\n" for b in lower(report, t)]
    return page(page_title(report, t), t.lang, body)


def render_blocks(blocks: Sequence[Block], t: Translator) -> str:
    out: list[str] = []
    for b in blocks:
        _block(b, t, out)
    return "".join(out)


def _block(b: Block, t: Translator, out: list[str]) -> None:
    if isinstance(b, Table):
        out.append(_table(b, t))
    elif isinstance(b, Heading):
        level = min(b.level, 4)
        out.append(f"<h{level}>{inline(b.text, t)}</h{level}>")
    elif isinstance(b, Para):
        out.append(_para(b, t))
    elif isinstance(b, Items):
        li = f'<li class="{b.style}">' if b.style else "<li>"
        out.append("<ul>" + "".join(f"{li}{inline(i, t)}</li>" for i in b.items) + "</ul>")
    elif isinstance(b, Facts):
        rows = "".join(f"<tr><th>{esc(k)}</th><td>{inline(v, t)}</td></tr>" for k, v in b.rows)
        out.append(f'<table class="kv"><tbody>{rows}</tbody></table>')
    elif isinstance(b, Svg):
        out.append(b.draw())
    elif isinstance(b, Contents):
        links = "".join(f'<li><a href="#{esc(a)}">{esc(name)}</a></li>' for a, name in b.entries)
        out.append(f"<nav><h4>{esc(b.title)}</h4><ol>{links}</ol></nav>")
    elif isinstance(b, Title):
        out.append(f"<h1>{esc(b.words)}</h1><p><strong>{content(b.subject, t)}</strong></p>")
    else:
        attrs = "".join(f' {name}="{esc(value)}"' for name, value in b.attrs)
        out.append(f"<{b.tag}{attrs}>")
        for child in b.blocks:
            _block(child, t, out)
        out.append(f"</{b.tag}>")


_PARA_CLASS = {
    "line": "",
    "lead": ' class="note"',
    "note": ' class="note"',
    "meta": ' class="meta"',
    "warning": ' class="warning"',
    "audience": ' class="audience"',
    "restricted": ' class="audience restricted"',
}


def _para(p: Para, t: Translator) -> str:
    if p.style == "text":
        if isinstance(p.text, Resolved):
            return content(p.text, t, block=True)
        return f'<div class="txt">{inline(p.text, t)}</div>'
    return f"<p{_PARA_CLASS[p.style]}>{inline(p.text, t)}</p>"


def inline(text: Inline, t: Translator) -> str:
    """An inline piece as markup: untrusted words escaped, scenario texts marked when they fell
    back, ratings as badges."""
    if type(text) is str:
        return esc(text)
    if isinstance(text, Resolved):
        return content(text, t)
    if isinstance(text, Seq):
        return "".join(inline(p, t) for p in text.parts)
    if isinstance(text, Badge):
        return rating_badge(text.letter)
    if isinstance(text, Marked):
        return f"{rating_badge(text.letter)} {inline(text.text, t)}"
    if isinstance(text, ScoreCell):
        return score(text.text)
    assert isinstance(text, Notes)
    return "".join(f'<span class="counts">{esc(n)}</span>' for n in text.items)


def _table(b: Table, t: Translator) -> str:
    classes = [f' class="{c}"' if c is not None else "" for c in b.classes]
    classes += [""] * (len(b.headers) - len(classes))
    body: list[str] = []  # one flat list: a report's timelines have 100,000 rows
    add = body.append
    for row in b.rows:
        add("<tr>")
        for cls, c in zip(classes, row, strict=False):
            add(f"<td{cls}>{esc(c)}</td>" if type(c) is str else _cell(c, cls, t))
        add("</tr>")
    return table(b.headers, body)


def _cell(c: Inline | Cell, column: str, t: Translator) -> str:
    """A cell beyond plain words; ``column`` is the column's class attribute, for an inline."""
    if not isinstance(c, Cell):
        return f"<td{column}>{inline(c, t)}</td>"
    tag = "th" if c.header else "td"
    attr = f' class="{c.cls}"' if c.cls is not None else ""
    if c.tip is not None:
        attr += f' title="{esc(c.tip)}"'
    if isinstance(c.text, tuple):
        if not c.text:
            return f"<{tag}{attr}></{tag}>"
        items = "".join(f"<li>{inline(i, t)}</li>" for i in c.text)
        return f"<{tag}{attr}><ul>{items}</ul></{tag}>"
    return f"<{tag}{attr}>{inline(c.text, t)}</{tag}>"
