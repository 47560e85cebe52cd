"""What a team terminal may know and do, without the screen.

This is the trainee's boundary. Everything the team app shows comes through :class:`TeamSeat`,
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
from typing import Literal

from simtrain.errors import KeyedError
from simtrain.i18n import Translator
from simtrain.live.run_view import RunView
from simtrain.live.seat_link import LiveSeat, SeatLink, Watch, header_mark
from simtrain.scenario.catalog import DocumentUnavailable, Resolved
from simtrain.scenario.model import Inject
from simtrain.session import events as ev
from simtrain.session.session import Session
from simtrain.session.state import AdhocRecord, TeamState
from simtrain.tui.team.unread import ReadState, read_state_path
from simtrain.tui.team.views import (
    Briefing,
    Change,
    ClockView,
    DecisionOption,
    DecisionView,
    HeaderView,
    InboxItem,
    SentReport,
    clock_view,
    header_view,
)

MAX_REPORT = 2000
"""Characters in one team report: a few paragraphs, and a bound on what a team can push into the
log and onto the console's screen."""

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""Terminal escapes and bidi overrides: a report must not move the console's cursor or reorder
what the control cell reads."""


class TeamError(KeyedError):
    """A request the terminal refuses, with a message key under ``team.`` and its params."""

    PREFIX = "team"


def clean_text(text: str, limit: int = MAX_REPORT) -> str:
    """What a team typed, safe to store and show: no control characters, trimmed, bounded."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    text = _CONTROL_CHARS.sub("", text).strip()
    return text[:limit]


def find_team(session: Session, wanted: str) -> str:
    """The id of the team ``wanted`` names: its id, or its name (exactly, then ignoring case and
    surrounding spaces). Raises :class:`TeamError` listing each team as ``team-1 — Alpha``."""
    teams = session.state.teams
    if wanted in teams:
        return wanted
    for fold in (False, True):
        key = wanted.strip().casefold() if fold else wanted
        named = [
            tid
            for tid, ts in teams.items()
            if (ts.team.name.strip().casefold() if fold else ts.team.name) == key
        ]
        if len(named) == 1:
            return named[0]
    known = "; ".join(f"{tid} — {ts.team.name}" for tid, ts in teams.items())
    raise TeamError("unknown_team", team=wanted, known=known)


class TeamSeat(LiveSeat[Change]):
    """One seat's view of a session: its inbox, its decisions, its reports, the clock.

    The run's shared answers (texts in the content language, names, the clock) come from
    :attr:`run`; this class adds only what the trainee's boundary decides.
    """

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
        team = find_team(session, team)
        roles = teams[team].team.roles
        if role is not None and role not in roles:
            raise TeamError("unknown_role", role=role, team=team, known=", ".join(roles))
        self.run = RunView(session, t, content_lang, clock=clock)
        self.team = team
        self.role = role
        self.who = ev.Seat.of_team(team, role)
        """The seat; ``str(who)`` is the log's ``who``: ``team-1`` or ``team-1/ngo``."""
        self.read = read_state or ReadState(read_state_path(session.path, team, role))
        self._items: tuple[InboxItem, ...] = ()
        self._items_seq = -1
        self.link = SeatLink(self.run, str(self.who))
        self._seen: Watch[tuple[tuple[str, ...], tuple[str, ...], int, object]] = Watch()
        self.changes()

    # --- who and where -----------------------------------------------------------------------

    @property
    def state(self) -> TeamState:
        return self.session.state.teams[self.team]

    @property
    def roles(self) -> tuple[str, ...]:
        """The roles this seat plays: the one asked for, or every role of the team."""
        return (self.role,) if self.role else self.state.team.roles

    def header(self) -> HeaderView:
        return header_view(self.run, self.team, self.role, self.last_seen())

    def clock_view(self) -> ClockView:
        return clock_view(self.run, self.last_seen())

    # --- reading -----------------------------------------------------------------------------

    def changes(self) -> Change:
        """What differs from the last call: compared on state, so events this process appended
        (and whatever others wrote just before them) count as well as those a refresh read."""
        state = self.session.state
        keys = tuple(item.key for item in self.items())
        chosen = tuple(self.state.chosen)
        reports = len(self.state.reports)
        header = header_mark(state)
        seen = self._seen.swap((keys, chosen, reports, header))
        if seen is None:
            return Change()
        fresh = tuple(key for key in keys if key not in seen[0])
        return Change(
            new_items=fresh,
            decisions=bool(fresh) or chosen != seen[1],
            reports=reports != seen[2],
            header=header != seen[3],
        )

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
            if ev.covers(self.roles, inject.to):
                found.append(self._scenario_item(inject, delivery.seq, delivery.at, team))
        for adhoc_id in team.adhoc:
            record = state.adhoc.get(adhoc_id)
            if record is not None and ev.covers(self.roles, record.event.to):
                found.append(self._adhoc_item(record))
        found.sort(key=lambda item: item.seq, reverse=True)
        self._items = tuple(found)
        self._items_seq = state.seq
        return self._items

    def _control_cell(self) -> Resolved:
        """The sender of what no character sends: the control cell, in the interface language."""
        return Resolved(self.t("team.control_cell"), self.run.content_lang, False)

    def _addressed(self, to: tuple[str, ...] | Literal["all"]) -> tuple[Resolved, ...]:
        """The names of this seat's roles a message is for: the "To:" line."""
        return tuple(self.run.role_name(r) for r in self.roles if to == "all" or r in to)

    def _adhoc_item(self, record: AdhocRecord) -> InboxItem:
        """An ad-hoc inject: typed during the run, so in one language and never a fallback; its
        sender a scenario character (named in the content language), free text, or the cell."""
        event = record.event
        lang = self.run.content_lang
        if event.character is not None:
            sender = self.run.text(f"characters.{event.character}.name")
        elif event.from_:
            sender = Resolved(event.from_, lang, False)
        else:
            sender = self._control_cell()
        return InboxItem(
            key=f"a:{event.adhoc}",
            seq=record.seq,
            at=record.at,
            channel=event.channel,
            sender=sender,
            title=Resolved(event.title, lang, False),
            message=Resolved(event.message, lang, False),
            to=self._addressed(event.to),
        )

    def _scenario_item(self, inject: Inject, seq: int, at: int, team: TeamState) -> InboxItem:
        text = self.run.text
        base = f"injects.{inject.id}"
        if inject.from_ is None:
            sender = self._control_cell()
        else:
            sender = text(f"characters.{inject.from_}.name")
        decision = None
        if inject.decision is not None:
            options = tuple(
                DecisionOption(o.id, text(f"{base}.decision.options.{o.id}.text"))
                for o in inject.decision.options
            )
            chosen = next((o.option for o in options if o.option in team.chosen), None)
            decision = DecisionView(
                inject.id,
                text(f"{base}.decision.prompt"),
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
            title=text(f"{base}.title"),
            message=text(f"{base}.message"),
            attachments=tuple(inject.attachments),
            decision=decision,
            to=self._addressed(inject.to),
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
            return self.run.catalog.attachment(name, self.run.content_lang)[1]
        except DocumentUnavailable as error:  # folder gone, or a path outside it
            reason = error.render(self.t)
            raise TeamError("attachment_unreadable", name=name, reason=reason) from None
        except OSError as error:
            raise TeamError("attachment_unreadable", name=name, reason=str(error)) from None

    def reports(self) -> tuple[SentReport, ...]:
        """What this team has reported, newest first (every seat of the team sees them)."""
        label = self.run.seat_label
        return tuple(
            SentReport(report.at, label(report.who), report.text)
            for report in reversed(self.state.reports)
        )

    def briefing(self) -> Briefing:
        """The exercise's title, the setting, and the role briefings this seat reads: its role's,
        or every role of the team."""
        text, fields = self.run.text, self.run.catalog.fields
        return Briefing(
            title=text("title"),
            setting=text("setting") if "setting" in fields else None,
            roles=tuple(
                (self.run.role_name(role), text(f"roles.{role}.briefing"))
                for role in self.roles
                if f"roles.{role}.briefing" in fields
            ),
        )

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
            wall_time=self.run.clock(),
            who=str(self.who),
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
            ev.TeamReport(team=self.team, text=cleaned),
            wall_time=self.run.clock(),
            who=str(self.who),
        )
