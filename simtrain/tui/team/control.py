"""What a team terminal may know and do, without the screen.

This is the trainee's boundary. Everything the team app shows comes through :class:`TeamControl`,
which reads the session and hands out only what the control cell has delivered to this team (and,
for a role's terminal, addressed to that role): titles, messages, senders, attachments, decisions
and the team's own reports. Expected actions, control notes, ratings, notes, characters' briefs,
other teams' traffic and injects not yet delivered never leave this module, so a widget cannot
show them by mistake and a test can check the boundary on plain data.

The only events a terminal appends are ``decision_recorded`` and ``team_report``, with ``who`` set
to the seat (``TEAM`` or ``TEAM/ROLE``), so the control cell's log says which terminal answered.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from simtrain.i18n import Translator
from simtrain.scenario.catalog import Catalog, Resolved
from simtrain.scenario.durations import format_clock
from simtrain.scenario.model import Inject
from simtrain.session import events as ev
from simtrain.session.session import Session
from simtrain.session.state import TeamState
from simtrain.session.state import Text as LoggedText
from simtrain.tui.team.unread import ReadState, read_state_path

MAX_REPORT = 2000
"""Characters in one team report: a few paragraphs, and a bound on what a team can push into the
log and onto the console's screen."""

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""Terminal escapes and bidi overrides: a report must not move the console's cursor or reorder
what the control cell reads."""


class TeamError(Exception):
    """A request the terminal refuses, with a message key under ``team.`` and its params."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def render(self, t: Callable[..., str]) -> str:
        return str(t(f"team.{self.key}", **self.params))


def clean_text(text: str, limit: int = MAX_REPORT) -> str:
    """What a team typed, safe to store and show: no control characters, trimmed, bounded."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    text = _CONTROL_CHARS.sub("", text).strip()
    return text[:limit]


@dataclass(frozen=True)
class Choice:
    option: str
    text: Resolved


@dataclass(frozen=True)
class DecisionView:
    """A decision put to the team, and its answer once the log holds one."""

    inject: str
    prompt: Resolved
    options: tuple[Choice, ...]
    chosen: str | None = None
    chosen_at: int | None = None


@dataclass(frozen=True)
class InboxItem:
    """One message delivered to this seat: what a trainee may read of it, and nothing more."""

    key: str
    """``i:INJECT`` or ``a:ADHOC``: unique in a team's inbox, used for the read state."""
    seq: int
    at: int
    channel: str
    sender: Resolved
    title: Resolved
    message: Resolved
    attachments: tuple[str, ...] = ()
    decision: DecisionView | None = None


@dataclass(frozen=True)
class Change:
    """What a refresh brought that the screen must show."""

    new_items: tuple[str, ...] = ()
    decisions: bool = False
    reports: bool = False
    header: bool = False

    def __bool__(self) -> bool:
        return bool(self.new_items or self.decisions or self.reports or self.header)


class TeamControl:
    """One seat's view of a session: its inbox, its decisions, its reports, the clock."""

    def __init__(
        self,
        session: Session,
        t: Translator,
        team: str,
        role: str | None = None,
        content_lang: str | None = None,
        *,
        clock: Callable[[], float] = time.time,
        read_state: ReadState | None = None,
    ) -> None:
        teams = session.state.teams
        if team not in teams:
            known = ", ".join(teams)
            raise TeamError("unknown_team", team=team, known=known)
        roles = teams[team].team.roles
        if role is not None and role not in roles:
            raise TeamError("unknown_role", role=role, team=team, known=", ".join(roles))
        self.session = session
        self.t = t
        self.team = team
        self.role = role
        self.clock = clock
        self.content_lang = content_lang or session.created.content_lang
        folder = None
        if session.created.scenario_file:
            from pathlib import Path

            candidate = Path(session.created.scenario_file).parent
            folder = candidate if candidate.is_dir() else None
        self.catalog = Catalog(session.scenario, folder)
        self.read = read_state or ReadState(read_state_path(session.path, team, role))
        self._adhoc_at: dict[str, tuple[int, int]] = {}
        self._items: tuple[InboxItem, ...] = ()
        self._items_seq = -1
        self._seen: tuple[tuple[str, ...], tuple[str, ...], int, object] | None = None
        self.changes()

    # --- who and where -----------------------------------------------------------------------

    @property
    def who(self) -> str:
        """The seat, as the log's ``who`` names it: ``team-1`` or ``team-1/ngo``."""
        return f"{self.team}/{self.role}" if self.role else self.team

    @property
    def state(self) -> TeamState:
        return self.session.state.teams[self.team]

    @property
    def team_name(self) -> str:
        return self.state.team.name

    @property
    def roles(self) -> tuple[str, ...]:
        """The roles this seat plays: the one asked for, or every role of the team."""
        return (self.role,) if self.role else self.state.team.roles

    def text(self, key: str) -> Resolved:
        return self.catalog.text(key, self.content_lang)

    def seat_name(self, who: str) -> str:
        """``team-1/ngo`` as a trainee reads it: the team's name, and the role's when one wrote."""
        team, _, role = who.partition("/")
        teams = self.session.state.teams
        name = teams[team].team.name if team in teams else team
        if not role:
            return name
        return self.t("team.seat_role", team=name, role=self.role_name(role).text)

    def role_name(self, role: str) -> Resolved:
        return self.text(f"roles.{role}.name")

    # --- the clock ---------------------------------------------------------------------------

    def now(self) -> int:
        return self.session.now(self.clock())

    def clock_text(self) -> str:
        return format_clock(self.now(), with_seconds=True)

    def clock_status(self) -> str:
        state = self.session.state
        if state.ended_at is not None:
            return "ended"
        if not state.clock.started:
            return "not_started"
        return "running" if state.clock.running else "paused"

    def phase(self) -> Resolved | None:
        phase = self.session.state.current_phase
        return None if phase is None else self.text(f"phases.{phase}.title")

    # --- reading -----------------------------------------------------------------------------

    def refresh(self) -> Change:
        """Read what other processes appended; say what of it this seat must show."""
        self.session.refresh()
        return self.changes()

    def changes(self) -> Change:
        """What differs from the last call: compared on state, so events this process appended
        (and whatever others wrote just before them) count as well as those a refresh read."""
        state = self.session.state
        keys = tuple(item.key for item in self.items())
        chosen = tuple(self.state.chosen)
        reports = len(self.state.reports)
        header = (state.clock, state.current_phase, state.ended_at)
        seen = self._seen
        self._seen = (keys, chosen, reports, header)
        if seen is None:
            return Change()
        fresh = tuple(key for key in keys if key not in seen[0])
        return Change(
            new_items=fresh,
            decisions=bool(fresh) or chosen != seen[1],
            reports=reports != seen[2],
            header=header != seen[3],
        )

    def _adhoc_place(self, adhoc: str) -> tuple[int, int]:
        """Sequence and exercise time of an ad-hoc inject (a rare event: found in the log once)."""
        if adhoc not in self._adhoc_at:
            for recorded in reversed(self.session.log):
                event = recorded.event
                if isinstance(event, ev.AdhocInject) and event.adhoc == adhoc:
                    self._adhoc_at[adhoc] = (recorded.seq, recorded.at)
                    break
        return self._adhoc_at.get(adhoc, (0, 0))

    def _covers(self, to: tuple[str, ...] | str) -> bool:
        return to == "all" or any(role in to for role in self.roles)

    def items(self) -> tuple[InboxItem, ...]:
        """Everything delivered to this seat, newest first."""
        state = self.session.state
        if self._items_seq == state.seq:
            return self._items
        team = self.state
        index = self.session.index
        found: list[InboxItem] = []
        for inject_id, delivery in team.delivered.items():
            k = index.position.get(inject_id)
            if k is None:
                continue
            inject = index.injects[k]
            if self._covers(inject.to):
                found.append(self._scenario_item(inject, delivery.seq, delivery.at, team))
        for adhoc_id in team.adhoc:
            event = state.adhoc.get(adhoc_id)
            if event is None:
                continue
            seq, at = self._adhoc_place(adhoc_id)
            lang = self.content_lang
            sender = (
                Resolved(event.from_, lang, False)
                if event.from_
                else Resolved(self.t("team.control_cell"), lang, False)
            )
            found.append(
                InboxItem(
                    key=f"a:{adhoc_id}",
                    seq=seq,
                    at=at,
                    channel=event.channel,
                    sender=sender,
                    title=Resolved(event.title, lang, False),
                    message=Resolved(event.message, lang, False),
                )
            )
        found.sort(key=lambda item: item.seq, reverse=True)
        self._items = tuple(found)
        self._items_seq = state.seq
        return self._items

    def _scenario_item(self, inject: Inject, seq: int, at: int, team: TeamState) -> InboxItem:
        base = f"injects.{inject.id}"
        if inject.from_ is None:
            sender = Resolved(self.t("team.control_cell"), self.content_lang, False)
        else:
            sender = self.text(f"characters.{inject.from_}.name")
        decision = None
        if inject.decision is not None:
            options = tuple(
                Choice(o.id, self.text(f"{base}.decision.options.{o.id}.text"))
                for o in inject.decision.options
            )
            chosen = next((o.option for o in options if o.option in team.chosen), None)
            decision = DecisionView(
                inject.id,
                self.text(f"{base}.decision.prompt"),
                options,
                chosen,
                team.chosen[chosen].at if chosen is not None else None,
            )
        return InboxItem(
            key=f"i:{inject.id}",
            seq=seq,
            at=at,
            channel=inject.channel,
            sender=sender,
            title=self.text(f"{base}.title"),
            message=self.text(f"{base}.message"),
            attachments=tuple(inject.attachments),
            decision=decision,
        )

    def item(self, key: str) -> InboxItem | None:
        return next((item for item in self.items() if item.key == key), None)

    def unread(self) -> list[str]:
        return [item.key for item in self.items() if item.key not in self.read]

    def is_unread(self, key: str) -> bool:
        return key not in self.read

    def mark_read(self, key: str) -> bool:
        """Note that the seat opened a message; only a message it was delivered."""
        if self.item(key) is None:
            return False
        return self.read.mark(key)

    def decisions(self) -> list[tuple[InboxItem, DecisionView]]:
        """Decisions put to this seat, newest first, with their answers."""
        return [(item, item.decision) for item in self.items() if item.decision is not None]

    def open_decisions(self) -> int:
        return sum(1 for _, d in self.decisions() if d.chosen is None)

    def attachment(self, name: str) -> Resolved:
        """An attached document, only if it came with a message delivered to this seat."""
        if not any(name in item.attachments for item in self.items()):
            raise TeamError("no_such_attachment", name=name)
        try:
            return self.catalog.attachment(name, self.content_lang)[1]
        except OSError as error:
            raise TeamError("attachment_unreadable", name=name, reason=str(error)) from None

    def reports(self) -> tuple[LoggedText, ...]:
        """What this team has reported, newest first (every seat of the team sees them)."""
        return tuple(reversed(self.state.reports))

    def briefing(self) -> list[tuple[Resolved, Resolved]]:
        """The role briefings this seat reads: its role's, or every role of the team."""
        return [
            (self.role_name(role), self.text(f"roles.{role}.briefing"))
            for role in self.roles
            if f"roles.{role}.briefing" in self.catalog.fields
        ]

    def setting(self) -> Resolved | None:
        return self.text("setting") if "setting" in self.catalog.fields else None

    # --- writing: the two events a terminal appends -------------------------------------------

    def _guard(self) -> None:
        if self.session.state.ended_at is not None:
            raise TeamError("session_ended")

    def answer(self, inject: str, option: str) -> ev.Recorded:
        """The team's answer to a decision delivered to it; the first answer holds."""
        self._guard()
        self.session.refresh()  # another seat of the team may have answered meanwhile
        item = self.item(f"i:{inject}")
        if item is None or item.decision is None:
            raise TeamError("no_such_decision", inject=inject)
        if option not in {c.option for c in item.decision.options}:
            raise TeamError("no_such_option", option=option)
        if item.decision.chosen is not None:
            raise TeamError("already_answered", option=item.decision.chosen)
        recorded = self.session.append(
            ev.DecisionRecorded(team=self.team, option=option),
            wall_time=self.clock(),
            who=self.who,
        )
        held = next(
            (c.option for c in item.decision.options if c.option in self.state.chosen), None
        )
        if held is not None and held != option:
            raise TeamError("already_answered", option=held)  # lost a race: the first one holds
        return recorded

    def report(self, text: str) -> ev.Recorded:
        """What the team did or asks for, as one ``team_report``; refused when empty or too long."""
        self._guard()
        raw = text.strip()
        if len(raw) > MAX_REPORT:
            raise TeamError("report_too_long", count=MAX_REPORT)
        cleaned = clean_text(raw)
        if not cleaned:
            raise TeamError("report_empty")
        return self.session.append(
            ev.TeamReport(team=self.team, text=cleaned), wall_time=self.clock(), who=self.who
        )
