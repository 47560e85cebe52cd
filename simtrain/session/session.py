"""A run, as the console, the team terminals, the rehearsal runner and the report use it.

:class:`Session` ties the parts together: the store (the file), the fold (the state), the engine
(what is due) and the scenario, which is read back from the session's own first event, so a session
reopens and reports even after its scenario file changed or vanished.

Nothing here reads the wall clock: every method that stamps or asks about time takes ``wall_time``
(Unix seconds from the UI, or a rehearsal's virtual clock). Several processes may hold the same
file open; each write is load, decide, save inside one transaction of the store: load what the
others appended (under the write lock), decide with the pure :mod:`rules` on the state that gives,
save the batch. So checks such as "was this inject already delivered to this team?" hold at the
moment of writing.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import json
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

from simtrain import yamlio
from simtrain.scenario.loader import LoadedScenario, parse_scenario
from simtrain.scenario.model import Scenario
from simtrain.scenario.problems import ScenarioError
from simtrain.session import events as ev
from simtrain.session import rules
from simtrain.session.engine import Due, Engine, ScenarioIndex
from simtrain.session.log_view import LogView
from simtrain.session.memory_store import MemoryStore
from simtrain.session.scoring import TeamScore, score
from simtrain.session.state import EMPTY, State, fold
from simtrain.session.store import Access, Store
from simtrain.session.store_protocol import EventStore, SessionError

ScenarioStatus = Literal["same", "changed", "missing", "unknown"]


def content_hash(text: str) -> str:
    """The same hash as :attr:`LoadedScenario.content_hash`: SHA-256 of the scenario's text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Session:
    """An open session file: its log, its state and what is due.

    Create one with :meth:`create` or :meth:`open`; use it as a context manager or call
    :meth:`close`. The state is refreshed from the file on every :meth:`append`; call
    :meth:`refresh` to see what other processes appended meanwhile.
    """

    def __init__(self, store: EventStore, log: list[ev.Recorded]) -> None:
        if not log or log[0].event.type != "created":
            raise SessionError("no_created", path=str(store.path))
        created = log[0].event
        assert isinstance(created, ev.Created)
        self.store: EventStore = store
        self.created: ev.Created = created
        self.scenario: Scenario = _parse(created, store)
        self.index = ScenarioIndex(self.scenario)
        self.engine = Engine(self.scenario)
        self._log: list[ev.Recorded] = []
        self._seqs: list[int] = []
        self._view = LogView(self._log, self._seqs)
        self._state: State = EMPTY
        self._adopt(log)

    # --- opening -----------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path,
        loaded: LoadedScenario,
        teams: Sequence[ev.Team],
        content_lang: str | None = None,
        *,
        wall_time: float,
        who: str = "control",
        actors_confirm: bool = False,
    ) -> Session:
        """A new session file for ``loaded`` with ``teams``; refuses to overwrite a file.
        ``actors_confirm``: actors' seats may confirm their own cues (:class:`ev.Created`)."""
        first = _first_event(loaded, teams, content_lang, wall_time, who, actors_confirm)
        store = Store.create(path, lambda: [first])
        return cls(store, [first])

    @classmethod
    def in_memory(
        cls,
        loaded: LoadedScenario,
        teams: Sequence[ev.Team],
        content_lang: str | None = None,
        *,
        wall_time: float,
        who: str = "control",
    ) -> Session:
        """A session that lives in memory (a rehearsal); :meth:`save_as` can keep it later."""
        first = _first_event(loaded, teams, content_lang, wall_time, who)
        return cls(MemoryStore([first]), [first])

    def save_as(self, path: Path) -> None:
        """Write this session's whole log to a new session file."""
        log = list(self._log)
        Store.create(path, lambda: log).close()

    @classmethod
    def open(cls, path: Path, access: Access = "write") -> Session:
        """An existing session: its log replayed into the state it had.

        ``access`` says what the opener may do to the file: ``write`` (the console), ``append``
        (a team terminal: its own events only, no migration, no derived copies) or ``read``
        (reports and other readers: nothing at all). See :mod:`store_open`.
        """
        store = Store.open(path, access)
        try:
            session = cls(store, store.read())
            session._check_references()
        except (KeyError, TypeError, ValueError, IndexError, AttributeError, RecursionError):
            store.close()  # a log the fold cannot replay is a damaged file, not a bug to show
            raise SessionError("corrupt", path=str(path)) from None
        except BaseException:
            store.close()
            raise
        return session

    def _check_references(self) -> None:
        """Every event read from the file names what the session has (a team, an inject, a
        phase, an expected action, an option): the rules that held when it was appended, asked
        again of the whole log, so a crafted or damaged event is reported on opening rather than
        failing in a report. An ad-hoc inject was checked against the log before it (its own
        ids are in the state now), so it is skipped."""
        for record in self._log[1:]:
            if isinstance(record.event, ev.AdhocInject | ev.Created):
                if isinstance(record.event, ev.Created):
                    raise SessionError("bad_event", seq=record.seq)
                continue
            try:
                rules.check(self._state, self.index, record.event)
            except SessionError:
                raise SessionError("bad_event", seq=record.seq) from None

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading -----------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def state(self) -> State:
        return self._state

    @property
    def log(self) -> LogView:
        """Every event this process has seen, in order: a read-only view, not a copy (it grows
        as the session does; take ``list(...)`` to keep a snapshot)."""
        return self._view

    def tail(self, n: int) -> Sequence[ev.Recorded]:
        """The latest ``n`` events, oldest first."""
        return self._view.tail(n)

    def since(self, seq: int) -> Sequence[ev.Recorded]:
        """The events after sequence ``seq``, oldest first."""
        return self._view.since(seq)

    @property
    def teams(self) -> tuple[ev.Team, ...]:
        return self.created.teams

    def refresh(self) -> list[ev.Recorded]:
        """Read what other processes appended since; returns those events."""
        new = self.store.read(self._state.seq)
        self._adopt(new)
        return new

    def now(self, wall_time: float) -> int:
        """Exercise time (seconds) at ``wall_time``."""
        return self._state.now(wall_time)

    def due(self, now: int) -> tuple[Due, ...]:
        """What is due at exercise time ``now`` for every team (see :mod:`engine`)."""
        return self.engine.due(self._state, now)

    def scores(self) -> dict[str, TeamScore]:
        return score(self.index, self._state)

    def scenario_status(self) -> ScenarioStatus:
        """Whether the scenario file this session was made from still holds the same text."""
        if not self.created.scenario_file:
            return "unknown"
        file = Path(self.created.scenario_file)
        try:
            text = yamlio.decode(yamlio.read_bytes(file))
        except yamlio.YamlProblem as problem:
            return "missing" if problem.unreadable else "changed"
        return "same" if content_hash(text) == self.created.content_hash else "changed"

    def find(self, seq: int) -> ev.Recorded | None:
        return self._view.find(seq)

    # --- writing -----------------------------------------------------------------------------

    def append(self, event: ev.Event, *, wall_time: float, who: str) -> ev.Recorded:
        """Append one event; it is committed to disk when this returns.

        A delivery or skip of an inject already resolved for that team is not written again: the
        event that resolved it is returned instead, so two consoles ticking at once deliver once.
        """
        return self.append_many([event], wall_time=wall_time, who=who)[0]

    def append_many(
        self, batch: Iterable[ev.Event], *, wall_time: float, who: str
    ) -> list[ev.Recorded]:
        """Append several events in one transaction (all or none), stamped with one time."""
        events = list(batch)
        for tx in self.store.attempts(self._state.seq):
            with tx:
                state = self._load(tx.others)
                now = state.now(wall_time)
                seq = state.seq
                results: list[ev.Recorded] = []
                written: list[ev.Recorded] = []
                for event in events:
                    settled = rules.check(state, self.index, event)
                    if settled is not None:
                        results.append(self._settled_by(settled.seq, tx.others, written))
                        continue
                    seq += 1
                    recorded = ev.Recorded(seq, _new_id(), wall_time, now, who, event)
                    state = fold([recorded], state, self.index.decision_of)
                    written.append(recorded)
                    results.append(recorded)
                tx.insert(written)
        # the loop ends once an attempt has committed: what it read and wrote is the record
        self._save(tx.others, written, state)
        return results

    def tick(self, wall_time: float, who: str = "console") -> list[ev.Recorded]:
        """Deliver what is due on an auto channel and record guard skips; returns what it wrote.

        The one place something happens "by itself", and only what the scenario says: an
        e-mail, document or media inject whose time has come. Injects a person must play stay
        due until the control cell confirms them with an ``inject_delivered``. When nothing is
        due by what this process has read, the tick writes nothing and takes no lock; what
        others appended meanwhile is read by :meth:`refresh` (the console refreshes before each
        tick) or by the next write.
        """
        if not rules.ticks_anything(self.engine.due(self._state, self._state.now(wall_time))):
            return []
        for tx in self.store.attempts(self._state.seq):
            with tx:
                state = self._load(tx.others)
                self.engine.sync(state, tx.others)
                written, state = self._deliver_due(state, wall_time, who)
                tx.insert(written)
        self._save(tx.others, written, state)
        return written

    def _deliver_due(
        self, state: State, wall_time: float, who: str
    ) -> tuple[list[ev.Recorded], State]:
        """Everything a tick appends, and the state after it: a delivery can make more fall due
        at once (a condition on it), so the engine is asked again until it has nothing more."""
        now = state.now(wall_time)
        seq = state.seq
        written: list[ev.Recorded] = []
        while batch := rules.due_events(self.engine.due(state, now)):
            recorded = [
                ev.Recorded(seq + k, _new_id(), wall_time, now, who, event)
                for k, event in enumerate(batch, start=1)
            ]
            seq += len(recorded)
            state = fold(recorded, state, self.index.decision_of)
            self.engine.sync(state, recorded)
            written += recorded
        return written, state

    def _load(self, others: Sequence[ev.Recorded]) -> State:
        """The state with what other writers appended since this process last looked."""
        return fold(others, self._state, self.index.decision_of)

    def _save(
        self, others: Sequence[ev.Recorded], written: Sequence[ev.Recorded], state: State
    ) -> None:
        """Take in what a committed write read and wrote, and the state they make."""
        new = [*others, *written]
        self._log.extend(new)
        self._seqs.extend(r.seq for r in new)
        self.engine.sync(state, new)
        self._state = state

    def _settled_by(
        self, seq: int, others: Sequence[ev.Recorded], written: Sequence[ev.Recorded]
    ) -> ev.Recorded:
        """The event that settled a refused duplicate: read just now, written in this batch,
        or already in this process's log."""
        for records in (others, written):
            k = bisect.bisect_left(records, seq, key=_seq_of)
            if k < len(records) and records[k].seq == seq:
                return records[k]
        found = self.find(seq)
        assert found is not None, seq
        return found

    def _adopt(self, records: Sequence[ev.Recorded]) -> None:
        records = [r for r in records if r.seq > self._state.seq]
        if records:
            self._save(records, (), fold(records, self._state, self.index.decision_of))


def _seq_of(recorded: ev.Recorded) -> int:
    return recorded.seq


def _new_id() -> str:
    return uuid.uuid4().hex


def _parse(created: ev.Created, store: EventStore) -> Scenario:
    """The scenario from the text stored in the session, not from the file (which may differ).

    The text's plain data is kept beside the log as JSON the first time: reading it back costs a
    few milliseconds where parsing the YAML again costs a third of a second on a 5,000-inject
    scenario. The key holds the text's hash, so a copy can only ever stand for that text.
    """
    file = Path(created.scenario_file or f"{created.scenario_id}.yaml")
    text = created.scenario_text
    key = f"scenario-data:{hashlib.sha256(text.encode()).hexdigest()}"
    kept = store.cached(key)
    if kept is not None:
        with contextlib.suppress(Exception):  # damaged, outdated or crafted: the text rules
            return parse_scenario(file, text, json.loads(kept))
    try:
        data = yamlio.loads(text)
        scenario = parse_scenario(file, text, data)
    except (ScenarioError, yamlio.YamlProblem):
        raise SessionError("bad_scenario", scenario=created.scenario_id) from None
    _keep(store, key, data)
    return scenario


def _keep(store: EventStore, key: str, data: Any) -> None:
    """Keep the data only when JSON gives back exactly what YAML gave (it does for scenarios:
    string keys, no dates), so reading the copy can never change the scenario."""
    try:
        text = json.dumps(data, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return
    if json.loads(text) == data:
        store.keep(key, text)


def _first_event(
    loaded: LoadedScenario,
    teams: Sequence[ev.Team],
    content_lang: str | None,
    wall_time: float,
    who: str,
    actors_confirm: bool = False,
) -> ev.Recorded:
    scenario = loaded.scenario
    roles = {r.id for r in scenario.roles}
    seen: set[str] = set()
    for team in teams:
        if team.id in seen:
            raise SessionError("duplicate_team", team=team.id)
        seen.add(team.id)
        for role in team.roles:
            if role not in roles:
                raise SessionError("unknown_role", team=team.id, role=role)
    if not teams:
        raise SessionError("no_teams")
    created = ev.Created(
        scenario_id=scenario.id,
        content_hash=loaded.content_hash,
        scenario_text=loaded.text,
        scenario_file=str(loaded.file.resolve()),
        content_lang=content_lang or scenario.language,
        teams=tuple(teams),
        actors_confirm=actors_confirm,
    )
    return ev.Recorded(1, _new_id(), wall_time, 0, who, created)
