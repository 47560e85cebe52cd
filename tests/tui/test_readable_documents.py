"""The document viewer reads letters and forms as written: a letterhead written one item a line
keeps its lines (a single newline is a line break), and a table's columns are wide enough for
their labels (no 10-character first column breaking 'Ultimo giorno di presenza' over 3 lines)."""

from __future__ import annotations

import pytest
from textual.app import App

from simtrain.i18n import Translator
from simtrain.tui.common.dialogs import DocumentScreen
from simtrain.tui.common.table_widths import column_widths

LETTER = """\
**Istituto Comprensivo "G. Rodari" — Segreteria**
**Protocollo n.:** 2026/4471
**Data:** 14 novembre 2026

Oggetto: assenze prolungate dell'alunno.

| Voce | Dettaglio | Note del docente referente |
|---|---|---|
| Ultimo giorno di presenza | 3 ottobre 2026, uscita anticipata alle 10:15 con un adulto non \
registrato tra i delegati al ritiro | La madre non risponde; il fratello maggiore riferisce che \
l'alunno lavora con lo zio |
| Giorni di assenza | 29 consecutivi | Segnalazione ai servizi sociali inviata il 20 ottobre |
"""


class _Viewer(App[None]):
    def __init__(self, viewer: bool) -> None:
        super().__init__()
        self.viewer = viewer

    def on_mount(self) -> None:
        screen = DocumentScreen(Translator("it"), "docs/lettera.md", LETTER, viewer=self.viewer)
        self.push_screen(screen)


@pytest.mark.parametrize("viewer", [True, False], ids=["console", "team"])
@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_letterhead_lines_and_table_columns(viewer: bool, size: tuple[int, int]) -> None:
    app = _Viewer(viewer)
    async with app.run_test(size=size) as pilot:
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        for _ in range(5):
            await pilot.pause(0.1)
        letterhead = app.screen.query("MarkdownParagraph").first()
        lines = str(letterhead.render()).splitlines()
        assert lines == [
            'Istituto Comprensivo "G. Rodari" — Segreteria',
            "Protocollo n.: 2026/4471",
            "Data: 14 novembre 2026",
        ]
        table = app.screen.query_one("MarkdownTableContent")
        first = table.query(".cell").first()
        assert str(first.tooltip) == "Ultimo giorno di presenza"
        # the cell's text width (its padding aside) holds the label whole, or at least its
        # longest word at 80 columns, where three columns share the room
        room = first.content_region.width
        if size[0] >= 120:
            assert room >= len("Ultimo giorno di presenza")
        else:
            assert room >= len("Ultimo giorno di")
        assert str(first.render()).count("\n") <= (0 if size[0] >= 120 else 1)


def test_column_widths_give_short_columns_their_width() -> None:
    columns = [
        ["Voce", "Ultimo giorno di presenza"],
        ["Dettaglio", "x " * 60],
        ["Note", "y " * 50],
    ]
    widths = column_widths(columns, 114)
    assert widths[0] == len("Ultimo giorno di presenza") + 2
    assert sum(widths) + 2 == 114
    assert column_widths([["a", "b"], ["c"]], 50) == [3, 3]  # fits: each its natural width
    squeezed = column_widths(columns, 30)
    assert all(w >= 3 for w in squeezed) and sum(squeezed) + 2 <= 30
