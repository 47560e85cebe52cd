"""Column widths for a Markdown table in the document viewer: every column at least as wide as
its longest word (so ``Ultimo giorno di presenza`` breaks at most between words, never inside
one), the rest of the room shared in proportion to what each column still lacks.

Textual's own table shrinks its columns from the left: a three-column form at 120 columns got a
first column of 10 characters and a label over three lines, while the last column kept half the
screen empty. This arithmetic is pure; :mod:`simtrain.tui.common.dialogs` applies it.
"""

from __future__ import annotations

from collections.abc import Sequence

PADDING = 2
"""A cell's padding, one column each side (Textual's table CSS)."""
WORD_CAP = 24
"""A longer word (a URL, an IBAN) may still break: it does not get a column of its own width."""


def column_widths(columns: Sequence[Sequence[str]], room: int) -> list[int]:
    """Widths (padding included) for ``columns`` (each the texts of one column, header first) in
    ``room`` cells, one cell of gutter between columns left out of ``room`` here."""
    if not columns:
        return []
    room = max(room - (len(columns) - 1), len(columns))
    natural = [max((len(text) for text in col), default=0) + PADDING for col in columns]
    least = [
        min(nat, min(WORD_CAP, max((len(w) for t in col for w in t.split()), default=0)) + PADDING)
        for nat, col in zip(natural, columns, strict=True)
    ]
    if sum(natural) <= room:
        return natural
    if sum(least) >= room:  # not even every word fits: share the room by the words
        total = sum(least)
        widths = [max(PADDING + 1, room * w // total) for w in least]
        widths[-1] += max(0, room - sum(widths))
        return widths
    # water-filling: a column narrower than its fair share of the room gets all it needs, whole;
    # the wide ones share what is left equally, never under their longest word
    widths = [0] * len(columns)
    open_ = list(range(len(columns)))
    while open_:
        left = room - sum(widths)
        done = [k for k in open_ if natural[k] * len(open_) <= left]
        if not done:
            floors = sum(least[k] for k in open_)
            share = (left - floors) // len(open_) if left > floors else 0
            for k in open_:
                widths[k] = least[k] + share
            widths[open_[-1]] += room - sum(widths)
            break
        for k in done:
            widths[k] = natural[k]
        open_ = [k for k in open_ if k not in done]
    return widths
