"""What an evaluator's seat may know and do, without the screen.

An evaluator (a mentor beside a team) watches one or a few teams: the injects that reached them
with what a good response looks like, what they report and decide, what comes next for them,
and the observations written so far. Everything the evaluator app shows comes through
:class:`EvaluatorSeat`, which reads the session for those teams only (all of them with
``all_teams``), so a widget cannot show another team's traffic and a test checks it on plain data.

The seat never runs the clock and never delivers. It appends two kinds of events, with ``who``
set to ``evaluator:NAME``: ``rating_given`` (``evaluator`` = the name, ``acted_at`` read by the
shared :mod:`simtrain.live.acted_at`) and ``note_added`` (optionally tied to a team, an objective
or an expected action).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from simtrain.crashlog import keep_text
from simtrain.errors import KeyedError
from simtrain.i18n import Translator
from simtrain.live.acted_at import ActedAt, describe, parse_acted_at
from simtrain.live.run_view import RunView
from simtrain.live.seat_link import LiveSeat, SeatLink, Watch, header_mark
from simtrain.sanitize import visible
from simtrain.session import events as ev
from simtrain.session.hseep import RATINGS
from simtrain.session.session import Session
from simtrain.session.state import LoggedText
from simtrain.session.store_protocol import SessionError
from simtrain.tui.evaluator import board
from simtrain.tui.evaluator.views import (
    ActionView,
    ArrivalView,
    Change,
    ClockView,
    EvaluatorHeader,
    InjectCard,
    NoteView,
    UpcomingView,
    header_view,
)
from simtrain.tui.team.seat import clean_text, find_team
from simtrain.tui.team.views import clock_view

MAX_NOTE = 2000
"""Characters in one note or rating note: a few paragraphs."""

MAX_NAME = 40
"""Characters in an evaluator's name, as the log and every report print it."""

UPCOMING = 12
"""How many of the next injects the board lists."""

WRITE_FAILURES = frozenset({"write_failed", "busy", "corrupt", "cannot_open", "read_only"})
"""Session errors that mean the file did not take a write: typed text is kept beside it."""


_Seen = tuple[
    tuple[InjectCard, ...], tuple[str, ...], tuple[int, ...], tuple[board.Planned, ...], object
]
"""What the last :meth:`EvaluatorSeat.changes` saw: cards, arrivals, notes, plan, header."""


class EvaluatorError(KeyedError):
    """A request the seat refuses, with a message key under ``evaluator.`` and its params."""

    PREFIX = "evaluator"


class ActedAtError(KeyedError):
    """An "acted at" the shared parser could not read: ``scores.acted_at.invalid`` and kin."""

    PREFIX = "scores.acted_at"


def clean_name(name: str) -> str:
    """An evaluator's name as the log keeps it: one line, visible, bounded; refused when empty."""
    shown = " ".join(visible(name, multiline=False).split())[:MAX_NAME].strip()
    if not shown:
        raise EvaluatorError("bad_name")
    return shown


def find_teams(session: Session, wanted: Sequence[str], all_teams: bool = False) -> tuple[str, ...]:
    """The ids of the teams named (ids or names, as ``simtrain team`` finds them), in the
    session's order, each once; every team with ``all_teams``. Raises the team seat's
    ``unknown_team`` error (``team-1 — Alpha; …``) for a name the session does not have."""
    if all_teams:
        return tuple(session.state.teams)
    found = {find_team(session, name) for name in wanted}
    if not found:
        raise EvaluatorError("no_team")
    return tuple(team for team in session.state.teams if team in found)


class EvaluatorSeat(LiveSeat[Change]):
    """One evaluator's view of a session: its teams' injects, ratings, reports, notes, clock."""

    def __init__(
        self,
        session: Session,
        t: Translator,
        teams: Sequence[str],
        name: str,
        content_lang: str | None = None,
        *,
        all_teams: bool = False,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.teams = find_teams(session, teams, all_teams)
        self.all_teams = all_teams
        self.name = clean_name(name)
        self.who = board.seat_of(self.name)
        """``str(who)`` is the log's ``who``: ``evaluator:Maria``."""
        self.run = RunView(session, t, content_lang, clock=clock)
        self._cards: tuple[int, tuple[InjectCard, ...]] = (-1, ())
        self._plan: tuple[int, tuple[board.Planned, ...]] = (-1, ())
        self.link = SeatLink(self.run, str(self.who))
        self._seen: Watch[_Seen] = Watch()
        self.recovery_file: Path | None = None
        """Where typed text that could not be written was kept (``SESSION.recovered.txt``)."""
        self.changes()

    # --- who and where -----------------------------------------------------------------------

    def now(self) -> int:
        return self.run.now()

    def header(self) -> EvaluatorHeader:
        return header_view(self.run, self.name, self.teams, self.last_seen())

    def clock_view(self) -> ClockView:
        return clock_view(self.run, self.last_seen())

    def clock_text(self, at: int) -> str:
        """An exercise time as the timeline prints it: ``1·2:15``."""
        return board.exercise_clock(self.run).text(at)

    # --- reading -----------------------------------------------------------------------------

    def changes(self) -> Change:
        """What differs from the last call, compared on what the seat shows."""
        state = self.session.state
        cards = self.cards()
        arrivals = tuple(item.key for item in self.arrivals())
        notes = tuple(note.seq for note in self.notes())
        plan = self._planned()
        header = header_mark(state)
        seen = self._seen.swap((cards, arrivals, notes, plan, header))
        if seen is None:
            return Change()
        known = {card.key for card in seen[0]}
        return Change(
            new_cards=tuple(card.key for card in cards if card.key not in known),
            cards=cards != seen[0],
            new_arrivals=tuple(key for key in arrivals if key not in seen[1]),
            notes=notes != seen[2],
            upcoming=plan != seen[3],
            header=header != seen[4],
        )

    def cards(self) -> tuple[InjectCard, ...]:
        """The injects delivered to the seat's teams, newest first, with their actions."""
        seq = self.session.state.seq
        if self._cards[0] != seq:
            self._cards = (seq, board.cards(self.run, self.teams))
        return self._cards[1]

    def card(self, key: str) -> InjectCard | None:
        return next((card for card in self.cards() if card.key == key), None)

    def action(self, team: str, expect: str) -> ActionView | None:
        """An expected action delivered to one of the seat's teams."""
        for card in self.cards():
            if card.team == team:
                for action in card.actions:
                    if action.expect == expect:
                        return action
        return None

    def arrivals(self) -> tuple[ArrivalView, ...]:
        """The teams' reports and decisions, newest first."""
        return board.arrivals(self.run, self.teams)

    def arrival(self, key: str) -> ArrivalView | None:
        return next((item for item in self.arrivals() if item.key == key), None)

    def _planned(self) -> tuple[board.Planned, ...]:
        seq = self.session.state.seq
        if self._plan[0] != seq:
            self._plan = (seq, board.plan(self.run, self.teams))
        return self._plan[1]

    def upcoming(self, limit: int = UPCOMING) -> tuple[UpcomingView, ...]:
        """What falls due next for the seat's teams, soonest first (due ones first of all)."""
        return board.upcoming(self.run, self._planned(), self.now(), limit)

    def _shows(self, note: LoggedText) -> bool:
        if self.all_teams or note.who == str(self.who):
            return True
        return note.team is not None and note.team in self.teams

    def notes(self) -> tuple[NoteView, ...]:
        """The observation log: notes about the seat's teams and the seat's own, newest first."""
        return board.notes(self.run, self.teams, str(self.who), self._shows)

    def objectives(self) -> tuple[tuple[str, str], ...]:
        """(id, label) of the scenario's objectives, for tying a note to one: the ``short:``
        label where there is one (a picker's line), else the sentence."""
        return tuple(
            (o.id, self.run.objective_label(o.id).text) for o in self.session.scenario.objectives
        )

    # --- when the team acted -----------------------------------------------------------------

    def read_acted_at(self, team: str, expect: str, text: str) -> ActedAt:
        """What ``text`` means as the time the team acted on ``expect`` (the shared parser)."""
        action = self._delivered(team, expect)
        reports = self.session.state.teams[action.team].reports
        return parse_acted_at(text, board.exercise_clock(self.run), action.delivered_at, reports)

    def preview(self, team: str, expect: str, text: str) -> str:
        """The line a rating dialog shows under the field: the time read, or why it is none."""
        action = self._delivered(team, expect)
        acted = self.read_acted_at(team, expect, text)
        return describe(acted, board.exercise_clock(self.run), action.delivered_at, self.t)

    # --- writing: the two events an evaluator appends ----------------------------------------

    def _team(self, team: str) -> str:
        if team not in self.teams:
            raise EvaluatorError("not_your_team", team=team, known=self._known())
        return team

    def _known(self) -> str:
        return "; ".join(f"{tid} — {self.run.team_name(tid)}" for tid in self.teams)

    def _delivered(self, team: str, expect: str) -> ActionView:
        action = self.action(self._team(team), expect)
        if action is None:
            raise EvaluatorError("not_delivered", expect=expect, team=self.run.team_name(team))
        return action

    def _append(self, event: ev.Event, kept: tuple[str, str]) -> ev.Recorded:
        """Append ``event`` as this seat; when the file refuses the write, keep what the
        evaluator typed in the recovery file beside the session before saying so."""
        try:
            return self.session.append(event, wall_time=self.run.clock(), who=str(self.who))
        except SessionError as error:
            if error.key in WRITE_FAILURES and kept[1].strip():
                where = keep_text(self.session.path, kept[0], kept[1], self.run.clock())
                self.recovery_file = where or self.recovery_file
            raise

    def rate(
        self, team: str, expect: str, rating: str, note: str = "", acted_at: str = ""
    ) -> ev.Recorded:
        """A rating of ``expect`` for ``team``: the latest counts, every one stays in the log.
        ``acted_at`` is what the evaluator typed (empty: now, the rating's own time)."""
        self.session.refresh()
        self._delivered(team, expect)
        if rating not in RATINGS:
            raise EvaluatorError("bad_rating", rating=rating, known=", ".join(RATINGS))
        if len(note.strip()) > MAX_NOTE:
            raise EvaluatorError("note_too_long", count=MAX_NOTE)
        when: int | None = None
        if acted_at.strip():
            acted = self.read_acted_at(team, expect, acted_at)
            if acted.at is None:
                raise ActedAtError(acted.error, **dict(acted.params or {}))
            when = acted.at
        event = ev.RatingGiven(
            team=team,
            expect=expect,
            rating=rating,  # checked against RATINGS above
            note=clean_text(note, MAX_NOTE),
            evaluator=self.name,
            acted_at=when,
        )
        what = self.t("evaluator.recovered_rating", team=team, expect=expect, rating=rating)
        return self._append(event, (what, note))

    def note(
        self,
        text: str,
        team: str | None = None,
        objective: str | None = None,
        expect: str | None = None,
    ) -> ev.Recorded:
        """An observation, tied if wanted to one of the seat's teams, an objective or an
        expected action (an action ties the note to its team and objective too)."""
        raw = text.strip()
        if len(raw) > MAX_NOTE:
            raise EvaluatorError("note_too_long", count=MAX_NOTE)
        cleaned = clean_text(raw, MAX_NOTE)
        if not cleaned:
            raise EvaluatorError("note_empty")
        self.session.refresh()
        if expect is not None:
            if team is None:
                reached = [tid for tid in self.teams if self.action(tid, expect) is not None]
                if len(reached) != 1:
                    raise EvaluatorError("note_needs_team", expect=expect)
                team = reached[0]
            action = self._delivered(team, expect)
            objective = objective or action.objective
        elif team is not None:
            self._team(team)
        if objective is not None and objective not in {o for o, _ in self.objectives()}:
            raise EvaluatorError("unknown_objective", objective=objective)
        event = ev.NoteAdded(
            text=cleaned, team=team, author=str(self.who), objective=objective, expect=expect
        )
        return self._append(event, (self.t("evaluator.recovered_note"), raw))
