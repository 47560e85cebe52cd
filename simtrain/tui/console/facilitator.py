"""What the facilitator does to a run, without the screen: each action appends its events.

The console screen only turns keys into calls here and the returned events into views. Keeping
the exercise logic out of widgets means every action is tested against a real session file
without a terminal. How the run reads (texts, clock, names, seats) is the shared
:class:`~simtrain.live.run_view.RunView`, composed here, not restated. The wall clock is injected
(``clock``), so tests drive time by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Literal, NamedTuple

from simtrain.crashlog import keep_text
from simtrain.i18n import Translator
from simtrain.live.run_view import RunView
from simtrain.scenario.catalog import Catalog
from simtrain.scenario.durations import format_clock
from simtrain.scenario.model import Inject
from simtrain.session import events as ev
from simtrain.session.engine import Due
from simtrain.session.rules import delayed_until
from simtrain.session.session import Session
from simtrain.session.state import AdhocRecord
from simtrain.session.store_protocol import SessionError
from simtrain.tui.console.clock_lease import Change, ClockLease
from simtrain.tui.console.views import DueMap, Row, cell_states

SPEEDS: tuple[float, ...] = (1, 2, 5, 10, 30, 60)
"""Time compression steps for ``+`` and ``-``: exercise seconds per wall second."""

WRITE_FAILURES = frozenset({"write_failed", "busy", "corrupt", "cannot_open"})
"""Session errors that mean the file did not take a write (not a refused event)."""

Kept = tuple[str, str]
"""Typed text to keep if it cannot be written: what it was (e.g. "note, team A"), the text."""

Action = Callable[[], list[ev.Recorded]]


class AdhocAction(NamedTuple):
    """An expected action the control cell writes with an ad-hoc inject."""

    text: str
    by: str
    objective: str
    points: int = 10


"""A facilitator action bound to its arguments (``partial(facilitator.deliver, ...)``)."""


class Facilitator:
    """The control cell's seat on one open session: the run as it reads, and the actions."""

    def __init__(
        self,
        session: Session,
        t: Translator,
        content_lang: str | None = None,
        *,
        clock: Callable[[], float],
        who: str = "control",
        catalog: Catalog | None = None,
    ) -> None:
        self.session = session
        self.clock = clock
        self.who = who
        self.run_view = RunView(session, t, content_lang, clock=clock, catalog=catalog)
        self._inject_rows = {j.id: Row(j.id, j) for j in session.scenario.injects}
        self.lease = ClockLease(session, clock)
        """Whether this console drives the clock or only views (:mod:`clock_lease`)."""
        self.lease_news: Change | None = None
        """What the last tick found about the lease, for the screen to say; it clears it."""
        self.unsaved = 0
        """Actions the facilitator asked for whose events could not be written (a read-only or
        full disk): while any, the exit does not say "saved"."""
        self.recovery_file: Path | None = None
        """Where typed text that could not be written was kept (``SESSION.recovered.txt``)."""

    @property
    def t(self) -> Translator:
        return self.run_view.t

    @property
    def content_lang(self) -> str:
        return self.run_view.content_lang

    def set_languages(self, t: Translator, content_lang: str) -> None:
        """Switch languages, and have the session remember them for the next ``resume``."""
        from simtrain.tui.console.languages import remember

        self.run_view.set_languages(t, content_lang)
        remember(self.session, t.lang, content_lang)

    # --- the timeline ------------------------------------------------------------------------

    def rows(self) -> list[Row]:
        """The scenario's injects in order, then the ad-hoc ones as the log holds them."""
        adhoc = [Row(a, None, r.event) for a, r in self.session.state.adhoc.items()]
        return [*self._inject_rows.values(), *adhoc]

    def row(self, key: str) -> Row | None:
        row = self._inject_rows.get(key)
        if row is not None:
            return row
        record = self.session.state.adhoc.get(key)
        return Row(key, None, record.event) if record is not None else None

    def due_now(self) -> dict[tuple[str, str], Due]:
        return {(d.team, d.inject): d for d in self.session.due(self.run_view.now())}

    def teams_for(self, inject: Inject) -> list[str]:
        """Teams an inject is addressed to (by the roles they cover)."""
        return [tid for tid, ts in self.session.state.teams.items() if ts.team.covers(inject.to)]

    def open_for(self, inject: Inject) -> list[str]:
        """Teams that have not yet received or skipped ``inject``: the default of deliver/skip."""
        teams = self.session.state.teams
        return [
            tid
            for tid in self.teams_for(inject)
            if inject.id not in teams[tid].delivered and inject.id not in teams[tid].skipped
        ]

    def delivered_to(self, inject: Inject) -> list[str]:
        """Teams that received ``inject``: the ones it can be rated for."""
        return [tid for tid, ts in self.session.state.teams.items() if inject.id in ts.delivered]

    def waiting(self) -> list[Due]:
        """Injects a person must play that are due now: the control cell's to-do list."""
        return [d for d in self.session.due(self.run_view.now()) if d.action == "confirm"]

    def open_in_phase(self, due: DueMap | None = None) -> int:
        """Injects of the current phase still owed to some team: what moving on leaves behind.

        Condition-triggered injects count only once due: a branch a team never took is not owed.
        """
        state = self.session.state
        phase = state.current_phase
        if phase is None:
            return 0
        due = self.due_now() if due is None else due
        owed = 0
        for row in self._inject_rows.values():
            inject = row.inject
            if inject is None or inject.phase != phase:
                continue
            states = set(cell_states(state, row, due))
            if states & {"due", "delayed"} or ("pending" in states and inject.at is not None):
                owed += 1
        return owed

    def following_phase(self) -> str | None:
        phases = [p.id for p in self.session.scenario.phases]
        current = self.session.state.current_phase
        if current is None:
            return phases[0]
        k = phases.index(current)
        return phases[k + 1] if k + 1 < len(phases) else None

    # --- actions: each appends its events before returning ----------------------------------

    def _append(self, events: Sequence[ev.Event], kept: Kept | None = None) -> list[ev.Recorded]:
        """Append ``events``; when the file refuses the write, count it and keep ``kept`` (what
        the facilitator typed) in the recovery file beside the session."""
        if not events:
            return []
        try:
            return self.session.append_many(events, wall_time=self.clock(), who=self.who)
        except SessionError as error:
            if error.key in WRITE_FAILURES:
                self.unsaved += 1
                if kept is not None and kept[1].strip():
                    where = keep_text(self.session.path, kept[0], kept[1], self.clock())
                    self.recovery_file = where or self.recovery_file
            raise

    def read(self) -> list[ev.Recorded]:
        """What other processes appended since the last look (no write, no lease)."""
        return self.session.refresh()

    def tick(self) -> list[ev.Recorded]:
        """Read what other processes wrote, keep the lease on the clock, and (the console that
        drives it) deliver what the program delivers by itself."""
        new = self.session.refresh()
        news, recovered = self.lease.keep()
        self.lease_news = news or self.lease_news
        new += recovered
        state = self.session.state
        if state.ended_at is None and state.clock.running and not self.lease.viewer:
            wall = self.clock()
            new += self.session.tick(wall, who=self.who)
            self.session.store.mark_seen(wall)
        return new

    def take_clock(self) -> list[ev.Recorded]:
        """Take the clock over from the console that drives it (the facilitator confirmed); that
        console becomes a viewer at its next renewal."""
        return self.lease.claim(take_over=True)

    def toggle_clock(self) -> list[ev.Recorded]:
        if recovered := self.lease.must_drive():
            return recovered
        clock = self.session.state.clock
        if not clock.started:
            events: list[ev.Event] = [ev.ClockStarted(speed=clock.speed)]
            if self.session.state.current_phase is None:
                events.append(ev.PhaseStarted(phase=self.session.scenario.phases[0].id))
            return self._append(events)
        if clock.running:
            return self._append([ev.ClockPaused()])
        return self._append([ev.ClockResumed()])

    def change_speed(self, step: int) -> list[ev.Recorded]:
        if recovered := self.lease.must_drive():
            return recovered
        current = self.session.state.clock.speed
        later = [s for s in SPEEDS if s > current]
        earlier = [s for s in SPEEDS if s < current]
        target = (
            (later[0] if later else current) if step > 0 else (earlier[-1] if earlier else current)
        )
        if target == current:
            return []
        return self._append([ev.SpeedChanged(speed=target)])

    def next_phase(self) -> list[ev.Recorded]:
        if recovered := self.lease.must_drive():
            return recovered
        following = self.following_phase()
        if following is None:
            return []
        return self._append([ev.PhaseStarted(phase=following)])

    def deliver(self, inject: str, teams: Iterable[str]) -> list[ev.Recorded]:
        return self._append([ev.InjectDelivered(team=t, inject=inject) for t in teams])

    def skip(self, inject: str, teams: Iterable[str], note: str = "") -> list[ev.Recorded]:
        """Skip ``inject`` for each team; ``note`` is the control cell's reason, if it gave one."""
        note = note.strip()
        return self._append([ev.InjectSkipped(team=t, inject=inject, note=note) for t in teams])

    def delay(self, inject: str, teams: Iterable[str], seconds: int) -> list[ev.Recorded]:
        """Hold ``inject`` back for each team by ``seconds`` from the time it would fall due
        for that team (:func:`~simtrain.session.rules.delayed_until`), as the dialog previewed."""
        state, index, now = self.session.state, self.session.index, self.run_view.now()
        return self._append(
            [
                ev.InjectDelayed(
                    team=t,
                    inject=inject,
                    until=delayed_until(state, index, t, inject, now, seconds),
                )
                for t in teams
            ]
        )

    def rate(
        self,
        team: str,
        ratings: dict[str, tuple[str, str]],
        option: str | None = None,
        evaluator: str = "",
        acted_at: int | None = None,
    ) -> list[ev.Recorded]:
        """Ratings of one team's actions; ``acted_at`` is when the team acted (the dialog's
        :mod:`~simtrain.live.acted_at` reading), ``evaluator`` who rated: this console's seat
        unless said."""
        events: list[ev.Event] = [
            ev.RatingGiven(
                team=team,
                expect=expect,
                rating=rating,
                note=note,
                evaluator=evaluator or self.who,
                acted_at=acted_at,
            )
            for expect, (rating, note) in ratings.items()
        ]
        if option is not None and option not in self.session.state.teams[team].chosen:
            events.append(ev.DecisionRecorded(team=team, option=option))
        notes = "\n".join(f"{e} ({r}): {n}" for e, (r, n) in ratings.items() if n.strip())
        return self._append(events, (self.t("recovered.rating", team=team), notes))

    def note(self, text: str, team: str | None = None) -> list[ev.Recorded]:
        what = self.t("recovered.note_team", team=team) if team else self.t("recovered.note")
        return self._append([ev.NoteAdded(text=text, team=team, author=self.who)], (what, text))

    def adhoc(
        self,
        title: str,
        message: str,
        channel: str,
        teams: Sequence[str] | Literal["all"],
        *,
        to: Sequence[str] | Literal["all"] = "all",
        sender: str = "",
        expect: Sequence[AdhocAction] = (),
    ) -> list[ev.Recorded]:
        """An inject written live, to ``teams`` that cover a role in ``to``. ``sender`` is a
        character's id (named in each seat's language) or free text; empty, the control cell.
        Each expected action gets an id of its own (``adhoc-2-1``), rated like a scenario's."""
        state, index = self.session.state, self.session.index
        k = len(state.adhoc) + 1
        while f"adhoc-{k}" in state.adhoc:
            k += 1
        adhoc_id = f"adhoc-{k}"
        characters = {c.id for c in self.session.scenario.characters}
        sender = sender.strip()
        actions = []
        for n, action in enumerate(expect, start=1):
            expect_id = f"{adhoc_id}-{n}"
            while expect_id in index.expect:
                expect_id += "x"
            actions.append(ev.AdhocExpect(id=expect_id, **action._asdict()))
        event = ev.AdhocInject(
            adhoc=adhoc_id,
            teams=teams if teams == "all" else tuple(teams),
            channel=channel,
            title=title,
            message=message,
            from_=None if sender in characters else sender or None,
            character=sender if sender in characters else None,
            to=to if to == "all" else tuple(to),
            expect=tuple(actions),
        )
        return self._append([event], (self.t("recovered.adhoc"), f"{title}\n{message}"))

    def adhoc_teams(self, record: AdhocRecord) -> list[str]:
        """Teams an ad-hoc inject reached: the ones it can be rated for."""
        return [
            tid for tid, ts in self.session.state.teams.items() if record.event.adhoc in ts.adhoc
        ]

    def pause_for_exit(self) -> list[ev.Recorded]:
        """Stop the clock when the console that drives it closes, so exercise time does not run
        unwatched; a viewer closing changes nothing. The lease is given up and the write-ahead
        log folded into the session file."""
        try:
            if self.lease.still_drives() and self.session.state.clock.running:
                return self._append([ev.ClockPaused()])
            return []
        finally:
            self.lease.release()

    # --- the after-action report -------------------------------------------------------------

    def export_report(self) -> tuple[Path, Path]:
        """The HTML and Markdown reports beside the session file, in the console's languages,
        written by the same function as ``simtrain report``, under names stamped with the phase
        and exercise time (:func:`export_paths`): a second export never replaces the first.

        Raises OSError when a file cannot be written. Run from a worker thread: it only reads
        the session.
        """
        from simtrain.report.export import write_report

        state = self.session.state
        html_path, md_path = export_paths(
            self.session.path, state.current_phase, self.run_view.now()
        )
        targets = {"html": html_path, "md": md_path}
        write_report(self.session, targets, self.t, self.content_lang, self.run_view.catalog)
        return html_path, md_path


def export_paths(session_path: Path, phase: str | None, now: int) -> tuple[Path, Path]:
    """``<session>-<phase>-<H>h<MM>.html`` and ``.md`` beside the session file: an export
    after phase 1 and another after phase 2 are two pairs of files. A pair that exists already
    (two exports at the same paused minute) gets ``-2``, ``-3``... rather than being replaced."""
    clock = format_clock(now).replace(":", "h")
    stem = f"{session_path.stem}-{phase or 'start'}-{clock}"
    k = 1
    while True:
        name = stem if k == 1 else f"{stem}-{k}"
        html_path = session_path.with_name(f"{name}.html")
        md_path = session_path.with_name(f"{name}.md")
        if not html_path.exists() and not md_path.exists():
            return html_path, md_path
        k += 1
