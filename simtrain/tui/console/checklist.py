"""A list of teams to tick whose ticked and unticked rows differ in shape, not only colour.

Textual's ``SelectionList`` draws the same ``▐X▌`` for both states and tells them apart by
colour alone: on a projector, for a colour-blind director or in a plain-text capture they look
the same. Here a ticked row reads ``☑``, an unticked one ``☐``, and the row under the cursor
carries ``▸`` as well as its highlight, from the moment the dialog opens.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widgets import OptionList, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

TICKED = "☑"
UNTICKED = "☐"
CURSOR = "▸"


class CheckList(SelectionList[str]):
    """A ``SelectionList`` of ids drawn with ☑/☐ and a ▸ cursor; Space toggles the cursor row."""

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)  # the prompt, without SelectionList's button
        _, scroll_y = self.scroll_offset
        index = scroll_y + y
        try:
            selection = self.get_option_at_index(index)
        except OptionDoesNotExist:
            return line
        base = next(iter(line)).style or self.rich_style
        mark = TICKED if selection.value in self.selected else UNTICKED
        cursor = CURSOR if self.highlighted == index else " "
        style = (base or Style()) + Style(bold=True, meta={"option": index})
        # the four cells SelectionList keeps for its "▐X▌ " button
        return Strip([Segment(f"{cursor}{mark}  ", style), *line])

    def on_mount(self) -> None:
        """A visible cursor from the start: on the first ticked row, else the first one."""
        if self.highlighted is None and self.option_count:
            ticked = [
                k
                for k in range(self.option_count)
                if self.get_option_at_index(k).value in self.selected
                and not self.get_option_at_index(k).disabled
            ]
            enabled = [
                k for k in range(self.option_count) if not self.get_option_at_index(k).disabled
            ]
            first = (ticked or enabled or [0])[0]
            self.highlighted = first
