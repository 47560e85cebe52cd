"""The actor's seat's regions: the cue list, one cue in full with its teams, the brief.

Every widget is told what to show by the cues screen (attributes down): it is given the frozen
views of :mod:`simtrain.tui.actor.views` and the translator, never the seat. Scenario texts reach
the screen only as :class:`rich.text.Text` (:mod:`simtrain.tui.literal`), never as markup. The
header is the team terminal's (:class:`~simtrain.tui.team.widgets.TeamHeader`): the same clock,
the same "no contact" when no console has been seen.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from simtrain.i18n import Translator
from simtrain.scenario.durations import format_clock
from simtrain.tui.actor.views import ActorBrief, Cue, TeamCue
from simtrain.tui.common.seat_header import content, sentence
from simtrain.tui.literal import plain

WHEN_CUT = 40
"""Characters of a cue's time or condition in the list: one line; the detail has it whole."""

STATE_STYLE = {"due": "bold reverse", "pending": "", "delivered": "dim", "will_not_come": "dim"}


def highlighted_id(options: OptionList) -> str | None:
    option = options.highlighted_option
    return None if option is None else option.id


def keep_highlight(options: OptionList, key: str | None) -> None:
    if key is not None:
        with contextlib.suppress(OptionDoesNotExist):  # it vanished: leave the highlight
            options.highlighted = options.get_option_index(key)


class CueList(OptionList):
    """The character's cues, next first: per team a mark, then the title and when it comes."""

    def __init__(self, t: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.t = t

    def show(self, cues: Sequence[Cue]) -> None:
        """All rows again, keeping the actor's place."""
        key = highlighted_id(self)
        self.set_options([Option(self._prompt(cue), id=cue.inject) for cue in cues])
        keep_highlight(self, key)

    def _prompt(self, cue: Cue) -> Text:
        t = self.t
        line = Text()
        marks = "".join(tc.mark for tc in cue.teams) or " "
        line.append(marks, style="bold")
        line.append("  ")
        line.append_text(content(t, cue.title, "bold" if cue.due_for else ""))
        line.append("\n    ")
        when = cue.when if len(cue.when) <= WHEN_CUT else cue.when[: WHEN_CUT - 1] + "…"
        line.append_text(plain(when, "dim"))  # in full in the detail
        return line


class TeamList(OptionList):
    """Where the open cue stands for each team; ``p`` plays it for the highlighted team."""

    def __init__(self, t: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.t = t

    def show(self, teams: Sequence[TeamCue]) -> None:
        key = highlighted_id(self)
        self.set_options([Option(self._prompt(tc), id=tc.team) for tc in teams])
        if key is None:  # the first team the cue is due for, so p plays where it is wanted
            key = next((tc.team for tc in teams if tc.state == "due"), None)
        keep_highlight(self, key)

    def _prompt(self, tc: TeamCue) -> Text:
        line = Text()
        line.append(f"{tc.mark} ", style="bold")
        line.append_text(plain(tc.name, "bold"))
        line.append(": ")
        line.append_text(plain(self.t(f"actor.states.{tc.state}"), STATE_STYLE[tc.state]))
        line.append_text(plain(f" — {reason(self.t, tc)}", "dim"))
        return line


def reason(t: Translator, tc: TeamCue) -> str:
    """Why a team's cue stands where it does; for one due or delivered, only since or at what
    time (the state's word says the rest)."""
    if tc.at is not None and tc.state in ("due", "delivered"):
        key = "actor.since" if tc.state == "due" else "actor.at"
        return t(key, time=format_clock(tc.at))
    return tc.reason


class CueDetail(VerticalScroll):
    """One cue in full: when (or on what condition), to whom, what to say, how to play it."""

    def __init__(self, t: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.t = t

    def compose(self) -> ComposeResult:
        yield Static(id="cue-text")
        yield Static(id="cue-teams-label", classes="label")
        yield TeamList(self.t, id="cue-teams")
        yield Static(id="cue-hint", classes="hint")

    @property
    def teams(self) -> TeamList:
        return self.query_one(TeamList)

    def show(self, cue: Cue | None, *, empty: str, hint: str) -> None:
        t = self.t
        text = self.query_one("#cue-text", Static)
        label = self.query_one("#cue-teams-label", Static)
        if cue is None:
            text.update(plain(empty))
            label.update("")
            self.teams.display = False
            self.query_one("#cue-hint", Static).update("")
            return
        out = Text()
        out.append_text(content(t, cue.title, "bold"))
        out.append("\n\n")
        rows: list[tuple[str, Text]] = [("briefing.actor.when", plain(cue.when))]
        if cue.only_if is not None:
            rows.append(("actor.only_if", plain(cue.only_if)))
        rows += [
            ("briefing.actor.to", plain(cue.to)),
            ("briefing.actor.channel", plain(cue.channel)),
        ]
        for key, value in rows:
            out.append(f"{t(key)}: ", style="bold")
            out.append_text(value)
            out.append("\n")
        out.append("\n")
        out.append(t("briefing.actor.what") + "\n", style="bold underline")
        out.append_text(content(t, cue.message))
        if cue.control_note is not None:
            out.append("\n\n")
            out.append(t("briefing.actor.how") + "\n", style="bold underline")
            out.append_text(content(t, cue.control_note))
        text.update(out)
        label.update(plain(t("actor.teams") if cue.teams else t("actor.no_team"), "bold"))
        self.teams.display = bool(cue.teams)
        self.teams.show(cue.teams)
        self.query_one("#cue-hint", Static).update(plain(hint, "dim"))


class BriefView(VerticalScroll):
    """Who the character is and how to play them."""

    def __init__(self, t: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.t = t

    def compose(self) -> ComposeResult:
        yield Static(id="brief-text")

    def show(self, brief: ActorBrief) -> None:
        t = self.t
        out = Text()
        out.append_text(content(t, brief.title, "dim"))
        out.append("\n")
        out.append_text(content(t, brief.character, "bold"))
        out.append("\n")
        out.append_text(sentence(t, "briefing.actor.played_by", {"who": plain(brief.played_by)}))
        out.append("\n\n")
        out.append(t("briefing.actor.brief") + "\n", style="bold underline")
        out.append_text(content(t, brief.brief))
        self.query_one("#brief-text", Static).update(out)
