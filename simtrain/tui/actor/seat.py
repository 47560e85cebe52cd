"""What an actor's seat may know and do, without the screen.

This is the actor's boundary. An actor plays one character: everything the cues app shows comes
through :class:`ActorSeat`, which hands out that character's brief and the injects it sends
(``from:`` the character), and nothing of any other character, of ratings, notes or the teams'
reports. Each cue is said in words (:class:`~simtrain.live.condition_words.CueWords`, the same as
the actor brief of ``simtrain briefing``) with, per team, where it stands, as the console's
deliver dialog works it out (:func:`~simtrain.tui.console.team_choice.team_choice`).

The one event a seat appends is ``inject_delivered`` for a cue due for a team ("played"), and
only where the session allows it (``Created.actors_confirm``, chosen at setup); its ``who`` is
``actor:CHARACTER``. It goes through :meth:`Session.append`, so the session's rules apply as to
the console's confirmation: a cue delivered meanwhile is not delivered twice.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from simtrain.errors import KeyedError
from simtrain.i18n import Translator
from simtrain.live.condition_words import CueWords
from simtrain.live.run_view import RunView
from simtrain.live.seat_link import LiveSeat, SeatLink, Watch, header_mark
from simtrain.scenario.conditions import All, AnyOf, Chose, Condition, Delivered, Not
from simtrain.scenario.durations import format_clock
from simtrain.scenario.model import Inject
from simtrain.session import events as ev
from simtrain.session.engine import ScenarioIndex
from simtrain.session.session import Session
from simtrain.session.state import TeamState
from simtrain.tui.actor.views import (
    MARK_OF,
    STATE_OF,
    ActorBrief,
    Change,
    Cue,
    TeamCue,
    next_first,
)
from simtrain.tui.console.team_choice import team_choice
from simtrain.tui.console.views import DueMap
from simtrain.tui.team.views import ClockView, HeaderView, clock_view


class ActorError(KeyedError):
    """A request the seat refuses, with a message key under ``actor.`` and its params."""

    PREFIX = "actor"


def find_character(run: RunView, wanted: str) -> str:
    """The id of the character ``wanted`` names: its id, or its name in the content language
    (exactly, then ignoring case). Raises :class:`ActorError` listing each as ``id — Name``."""
    characters = run.session.scenario.characters
    if any(c.id == wanted for c in characters):
        return wanted
    names = {c.id: run.text(f"characters.{c.id}.name").text for c in characters}
    for fold in (False, True):
        key = wanted.strip().casefold() if fold else wanted
        found = [i for i, n in names.items() if (n.strip().casefold() if fold else n) == key]
        if len(found) == 1:
            return found[0]
    if not characters:
        raise ActorError("no_characters")
    known = "; ".join(f"{ident} — {name}" for ident, name in names.items())
    raise ActorError("unknown_character", character=wanted, known=known)


def settled(c: Condition, index: ScenarioIndex, team: TeamState) -> bool | None:
    """Whether ``c`` is decided for good for the team: True or False once nothing the log can
    still bring would change it, None while it may still go either way. A team's first answer
    to a decision holds and a delivery stays, so a condition asking for another option than the
    one the team chose will never hold: that cue will not come to the team."""
    if isinstance(c, Chose):
        decision = index.decision_of.get(c.chose)
        owner = None if decision is None else index.injects[index.position[decision]].decision
        answered = owner is not None and any(o.id in team.chosen for o in owner.options)
        return (c.chose in team.chosen) if answered else None
    if isinstance(c, Delivered):
        return True if c.delivered in team.delivered else None
    if isinstance(c, All | AnyOf):
        parts = [settled(x, index, team) for x in (c.all if isinstance(c, All) else c.any)]
        decisive = isinstance(c, AnyOf)  # any True decides "any", any False decides "all"
        if decisive in parts:
            return decisive
        return (not decisive) if all(p is not None for p in parts) else None
    if isinstance(c, Not):
        inner = settled(c.not_, index, team)
        return None if inner is None else not inner
    return None  # done or missed: a rating may still come or change


class ActorSeat(LiveSeat[Change]):
    """One character's view of a session: the brief, the cues and where each stands, the clock."""

    def __init__(
        self,
        session: Session,
        t: Translator,
        character: str,
        content_lang: str | None = None,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.run = RunView(session, t, content_lang, clock=clock)
        self.character = find_character(self.run, character)
        self.who = ev.Seat.of_control(f"actor:{self.character}")
        """The seat; ``str(who)`` is the log's ``who``: ``actor:duty-officer``."""
        self.injects: tuple[Inject, ...] = tuple(
            j for j in session.scenario.injects if j.from_ == self.character
        )
        self.words = CueWords(session.scenario, t, lambda key: self.run.text(key).text)
        self._cues: tuple[Cue, ...] = ()
        self._cues_at: tuple[int, int] | None = None
        self.link = SeatLink(self.run, str(self.who))
        self._seen: Watch[tuple[frozenset[tuple[str, str]], tuple[object, ...], object]] = Watch()
        self.changes()

    # --- who and where -----------------------------------------------------------------------

    @property
    def can_play(self) -> bool:
        """Whether this session lets an actor confirm its own cues (chosen at setup)."""
        return self.session.created.actors_confirm

    def name(self) -> str:
        return self.run.character_name(self.character)

    def header(self) -> HeaderView:
        phase = self.run.phase_title(self.session.state.current_phase)
        return HeaderView(self.name(), None, phase, self.clock_view())

    def clock_view(self) -> ClockView:
        return clock_view(self.run, self.last_seen())

    def brief(self) -> ActorBrief:
        text = self.run.text
        character = next(c for c in self.session.scenario.characters if c.id == self.character)
        return ActorBrief(
            title=text("title"),
            character=text(f"characters.{self.character}.name"),
            played_by=self.t(f"briefing.actor.by_{character.played_by}"),
            brief=text(f"characters.{self.character}.brief"),
        )

    # --- the cues ----------------------------------------------------------------------------

    def cues(self) -> tuple[Cue, ...]:
        """Every cue of this character, next first; worked out again when the log or the
        exercise time (in seconds) has moved."""
        key = (self.session.state.seq, self.run.now())
        if self._cues_at == key:
            return self._cues
        due = {(d.team, d.inject): d for d in self.session.due(key[1])}
        built = [(self._cue(inject, due), k) for k, inject in enumerate(self.injects)]
        built.sort(key=lambda pair: next_first(*pair))
        self._cues = tuple(cue for cue, _ in built)
        self._cues_at = key
        return self._cues

    def cue(self, inject: str) -> Cue | None:
        return next((c for c in self.cues() if c.inject == inject), None)

    def _cue(self, inject: Inject, due: DueMap) -> Cue:
        t, text = self.t, self.run.text
        base = f"injects.{inject.id}"
        choice = team_choice(self.run, inject, "deliver", due)
        index = self.session.index
        teams = []
        for option in choice.options:
            standing = option.standing
            ts = self.session.state.teams[option.team]
            after, reason = inject.after, option.reason
            if standing == "waiting" and after and settled(after, index, ts) is False:
                standing = "branch"  # it asks for a choice the team did not make
            elif standing == "guard" and self._guard_open(inject, ts, due):
                # on its way with a guard false now: it is judged when it falls due, not before
                standing = "pending"
                reason = t("actor.guard_open", time=format_clock(option.scheduled or 0))
            state = STATE_OF.get(standing)
            if state is None:  # none of the team's roles is addressed: not this team's cue
                continue
            at = option.scheduled
            delivered = ts.delivered.get(inject.id)
            if delivered is not None:
                at = delivered.at
            mark = MARK_OF[standing]
            teams.append(TeamCue(option.team, option.name, state, mark, reason, at))
        if inject.to == "all":
            to = t("briefing.handbook.all_roles")
        else:
            to = ", ".join(self.run.role_name(r).text for r in inject.to)
        return Cue(
            inject=inject.id,
            title=text(f"{base}.title"),
            when=self.words.when(inject),
            only_if=self.words.guard(inject),
            to=to,
            channel=t(f"channels.{inject.channel}"),
            message=text(f"{base}.message"),
            control_note=text(f"{base}.control_note") if inject.control_note else None,
            teams=tuple(teams),
        )

    def _guard_open(self, inject: Inject, ts: TeamState, due: DueMap) -> bool:
        """Whether a cue whose guard is false now may still come: it is not due yet (the engine
        judges a guard when the cue falls due) and nothing has settled the guard for good."""
        guard = inject.when
        if guard is None or (ts.team.id, inject.id) in due:
            return False
        return settled(guard, self.session.index, ts) is not False

    # --- reading -----------------------------------------------------------------------------

    def changes(self) -> Change:
        """What differs from the last call: cues that fell due, states that moved, the header."""
        state = self.session.state
        cues = self.cues()
        due = frozenset((c.inject, tc.team) for c in cues for tc in c.due_for)
        shape = tuple((c.inject, tuple((tc.state, tc.reason) for tc in c.teams)) for c in cues)
        header = header_mark(state)
        seen = self._seen.swap((due, shape, header))
        if seen is None:
            return Change()
        fresh = tuple(sorted(pair for pair in due if pair not in seen[0]))
        return Change(new_due=fresh, cues=shape != seen[1], header=header != seen[2])

    # --- writing: the one event a seat appends ----------------------------------------------

    def played(self, inject: str, team: str) -> ev.Recorded:
        """The actor played ``inject`` to ``team``: its delivery, as the console confirms one.
        Refused unless the session allows it and the cue is due for that team now."""
        if not self.can_play:
            raise ActorError("not_allowed")
        if self.session.state.ended_at is not None:
            raise ActorError("session_ended")
        if not any(j.id == inject for j in self.injects):
            raise ActorError("not_your_cue", inject=inject)
        self.session.refresh()  # the console may have delivered it meanwhile
        cue = self.cue(inject)
        entry = None if cue is None else cue.team(team)
        if cue is None or entry is None:
            raise ActorError("not_for_team", team=self.run.team_name(team))
        if entry.state != "due":
            raise ActorError("not_due", team=entry.name, reason=entry.reason)
        return self.session.append(
            ev.InjectDelivered(team=team, inject=inject),
            wall_time=self.run.clock(),
            who=str(self.who),
        )
