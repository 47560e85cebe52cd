"""Text cut to a column: the one rule for every table cell, label and log line that has a width.

Six places cut text with an ellipsis, some after folding its whitespace into single spaces (text
that may hold line breaks: a report, a chart label) and some not (a name typed on one line). They
now share this, so a cut reads the same in the console, the setup screen and the report's charts.
"""

from __future__ import annotations


def cut(text: str, width: int, *, flat: bool = False) -> str:
    """``text`` in at most ``width`` characters, ending in ``…`` when it had to be cut; with
    ``flat``, runs of whitespace (line breaks too) first become one space."""
    if flat:
        text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
