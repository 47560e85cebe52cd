"""Inline SVG charts for the HTML report: score bars per objective and team, a timeline per team.

Hand-written SVG, no library and no script: the report is one self-contained file that prints the
same on any machine. Every label is escaped with :func:`html.escape`, since objective texts and team
names are untrusted. Colour never carries meaning alone: bars carry their value as text, rating
marks carry their letter, and every mark has a ``<title>`` for a reader hovering over it.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from simtrain.live.score_text import ScoreText
from simtrain.report.wording import clock
from simtrain.textfit import cut

TEAM_COLOURS = (
    "#0072b2",
    "#e69f00",
    "#009e73",
    "#cc79a7",
    "#56b4e9",
    "#d55e00",
    "#6a6a6a",
    "#f0e442",
)
"""Okabe-Ito: told apart by readers with common colour-vision deficiencies, and in grey print."""

RATING_COLOURS = {"P": "#1a7f37", "S": "#7cb342", "M": "#f0a020", "U": "#c62828", "N/A": "#9e9e9e"}


def team_colour(k: int) -> str:
    return TEAM_COLOURS[k % len(TEAM_COLOURS)]


CHAR_W = 6.4
"""A generous width of one character of a 10 px label (DejaVu/Noto Sans, Cyrillic included), so
a column sized from its longest label never cuts one."""
LINE_H = 12


def _text_width(text: str) -> int:
    return int(len(text) * CHAR_W + 0.999)


def wrap(text: str, limit: int) -> list[str]:
    """``text`` in lines of at most ``limit`` characters, broken at spaces (a longer word gets a
    line of its own, whole): a label is wrapped, never cut."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _lines(lines: list[str], x: float, y: float) -> str:
    """``<tspan>`` lines centred on ``y``."""
    first = y - (len(lines) - 1) * LINE_H / 2
    return "".join(
        f'<tspan x="{x:.1f}" y="{first + k * LINE_H + 3:.1f}">{escape(line)}</tspan>'
        for k, line in enumerate(lines)
    )


def score_bars(
    rows: list[tuple[str, list[ScoreText]]],
    teams: list[str],
    *,
    title: str,
    width: int = 720,
    tooltips: list[str] | None = None,
) -> str:
    """Grouped horizontal bars: one group per objective, one bar per team, 0-100 %.

    A score not yet rated draws no bar and a dash, as its table cell says "not rated yet". Each
    label (an objective's ``short:`` label, or its text cut) is wrapped, never cut further; its
    ``<title>`` is ``tooltips[r]`` when given (the objective's whole text), else the label.
    """
    label_w, value_w = 250, 44
    bar_h, gap = 12, 12
    plot_w = width - label_w - value_w
    legend_h = 18 * ((len(teams) + 2) // 3) + 8
    limit = int((label_w - 10) / CHAR_W)
    wrapped = [wrap(label, limit) for label, _ in rows]
    bars_h = bar_h * max(1, len(teams))
    heights = [max(bars_h, LINE_H * len(lines) + 2) + gap for lines in wrapped]
    tops = [legend_h + sum(heights[:r]) for r in range(len(rows))]
    height = legend_h + sum(heights) + 22
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for k, name in enumerate(teams):
        x = (k % 3) * (width // 3)
        y = 4 + 18 * (k // 3)
        legend = escape(cut(name, 34, flat=True))
        out.append(
            f'<rect x="{x}" y="{y}" width="12" height="12" fill="{team_colour(k)}"/>'
            f'<text x="{x + 17}" y="{y + 10}" class="legend">{legend}</text>'
        )
    top = legend_h
    for tick in (0, 25, 50, 75, 100):
        gx = label_w + plot_w * tick / 100
        out.append(
            f'<line x1="{gx:.1f}" y1="{top}" x2="{gx:.1f}" y2="{height - 18}" class="grid"/>'
            f'<text x="{gx:.1f}" y="{height - 5}" class="tick" text-anchor="middle">{tick}%</text>'
        )
    for r, (label, values) in enumerate(rows):
        y0 = tops[r] + (heights[r] - gap - bars_h) // 2
        tip = tooltips[r] if tooltips and r < len(tooltips) else label
        out.append(
            f'<text class="label" text-anchor="end"><title>{escape(tip)}</title>'
            f"{_lines(wrapped[r], label_w - 6, tops[r] + (heights[r] - gap) / 2)}</text>"
        )
        for k, score in enumerate(values):
            y = y0 + k * bar_h
            value, shown = score.number, score.value()
            w = 0.0 if value is None else plot_w * max(0.0, min(100.0, value)) / 100
            out.append(
                f'<rect x="{label_w}" y="{y + 1}" width="{w:.1f}" height="{bar_h - 2}" '
                f'fill="{team_colour(k)}"><title>{escape(teams[k])}: {shown}</title></rect>'
                f'<text x="{label_w + w + 3:.1f}" y="{y + bar_h - 2}" class="value">{shown}</text>'
            )
    out.append("</svg>")
    return "".join(out)


def timeline(
    *,
    title: str,
    end: int,
    phases: list[tuple[str, int]],
    delivered: list[tuple[int, str]],
    ratings: list[tuple[int, str, bool, str]],
    decisions: list[tuple[int, str]],
    labels: tuple[str, str, str],
    width: int = 720,
) -> str:
    """One team's run on the exercise clock: phases as bands, then three lanes of marks:
    injects delivered, ratings (a letter; late ones ringed), decisions taken."""
    right = 12
    left = min(max(90, max((_text_width(label) for label in labels), default=0) + 12), 300)
    lane_h = 22
    top = 18
    height = top + 3 * lane_h + 22
    span = max(end, 1)
    plot_w = width - left - right

    def x_of(at: int) -> float:
        return left + plot_w * min(max(at, 0), span) / span

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart timeline" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for k, (name, start) in enumerate(phases):
        stop = phases[k + 1][1] if k + 1 < len(phases) else span
        x0, x1 = x_of(start), x_of(stop)
        out.append(
            f'<rect x="{x0:.1f}" y="{top}" width="{max(0.0, x1 - x0):.1f}" '
            f'height="{3 * lane_h}" class="{"band-a" if k % 2 == 0 else "band-b"}"/>'
            f'<text x="{x0 + 3:.1f}" y="{top - 5}" class="tick"><title>{escape(name)}</title>'
            f"{escape(cut(name, max(4, int((x1 - x0) / 6)), flat=True))}</text>"
        )
    for lane, label in enumerate(labels):
        y = top + lane * lane_h + lane_h / 2
        out.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" class="label" text-anchor="end">'
            f"<title>{escape(label)}</title>{escape(label)}</text>"
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" class="grid"/>'
        )
    out += _marks(x_of, top, lane_h, delivered, ratings, decisions)
    base = top + 3 * lane_h
    steps = 6
    for k in range(steps + 1):
        at = span * k // steps
        out.append(
            f'<text x="{x_of(at):.1f}" y="{base + 14}" class="tick" text-anchor="middle">'
            f"{clock(at)}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def _marks(
    x_of: Callable[[int], float],
    top: int,
    lane_h: int,
    delivered: list[tuple[int, str]],
    ratings: list[tuple[int, str, bool, str]],
    decisions: list[tuple[int, str]],
) -> list[str]:
    """The three lanes' marks: a dot per inject, a lettered tile per rating (late ones ringed),
    a diamond per decision."""
    out = []
    y = top + lane_h / 2
    for at, name in delivered:
        out.append(
            f'<circle cx="{x_of(at):.1f}" cy="{y:.1f}" r="3.5" class="mark">'
            f"<title>{clock(at)} {escape(name)}</title></circle>"
        )
    y = top + lane_h * 1.5
    for at, letter, late, name in ratings:
        colour = RATING_COLOURS.get(letter, "#9e9e9e")
        ring = ' stroke="#000" stroke-width="1.5"' if late else ""
        x = x_of(at)
        out.append(
            f"<g><title>{clock(at)} {escape(letter)} {escape(name)}</title>"
            f'<rect x="{x - 6:.1f}" y="{y - 7:.1f}" width="12" height="14" rx="2" '
            f'fill="{colour}"{ring}/>'
            f'<text x="{x:.1f}" y="{y + 4:.1f}" class="letter" text-anchor="middle">'
            f"{escape(letter[0])}</text></g>"
        )
    y = top + lane_h * 2.5
    for at, name in decisions:
        x = x_of(at)
        out.append(
            f'<path d="M{x:.1f} {y - 6:.1f} L{x + 6:.1f} {y:.1f} L{x:.1f} {y + 6:.1f} '
            f'L{x - 6:.1f} {y:.1f} Z" class="decision"><title>{clock(at)} {escape(name)}</title>'
            "</path>"
        )
    return out
