"""The session's rules as pure functions, the write path's transactions, and the log as read."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from simtrain.errors import KeyedError
from simtrain.scenario.loader import LoadedScenario
from simtrain.session import (
    AdhocInject,
    ClockStarted,
    Created,
    DecisionRecorded,
    InjectDelayed,
    InjectDelivered,
    InjectSkipped,
    NoteAdded,
    PhaseStarted,
    RatingGiven,
    Session,
    SessionError,
    TeamReport,
)
from simtrain.session import store as store_module
from simtrain.session.engine import Due, ScenarioIndex
from simtrain.session.events import Event
from simtrain.session.rules import Settled, check, due_events, ticks_anything
from simtrain.session.state import AdhocRecord
from simtrain.session.store_protocol import Transaction
from tests.session.conftest import ALPHA, BRAVO

M = 60


def started(loaded: LoadedScenario) -> Session:
    session = Session.in_memory(loaded, [ALPHA, BRAVO], wall_time=0)
    session.append_many([ClockStarted(), PhaseStarted(phase="day-1")], wall_time=0, who="control")
    return session


def refusal(session: Session, event: Event) -> str:
    with pytest.raises(SessionError) as caught:
        check(session.state, session.index, event)
    return caught.value.key


# --- check: what may be appended ------------------------------------------------------------


def test_check_refuses_what_the_session_does_not_have(branching: LoadedScenario) -> None:
    session = started(branching)
    created = session.created
    assert refusal(session, created) == "already_created"
    assert refusal(session, PhaseStarted(phase="day-9")) == "unknown_phase"
    assert refusal(session, InjectDelivered(team="zulu", inject="manifest")) == "unknown_team"
    assert refusal(session, InjectDelivered(team="alpha", inject="nothing")) == "unknown_inject"
    assert refusal(session, RatingGiven(team="alpha", expect="x", rating="S")) == "unknown_expect"
    assert refusal(session, RatingGiven(team="zulu", expect="x", rating="S")) == "unknown_team"
    assert refusal(session, DecisionRecorded(team="alpha", option="maybe")) == "unknown_option"
    assert refusal(session, TeamReport(team="zulu", text="hi")) == "unknown_team"
    assert refusal(session, NoteAdded(text="hi", team="zulu")) == "unknown_team"
    adhoc = AdhocInject(adhoc="a1", teams=("alpha", "zulu"), title="T")
    assert refusal(session, adhoc) == "unknown_team"
    # complaint goes to ngo only, and bravo has no ngo
    assert refusal(session, InjectSkipped(team="bravo", inject="complaint")) == "not_for_team"
    assert refusal(session, InjectDelayed(team="bravo", inject="complaint", until=9)) == (
        "not_for_team"
    )


def test_check_lets_through_what_is_new(branching: LoadedScenario) -> None:
    session = started(branching)
    fine: list[Event] = [
        NoteAdded(text="for everyone"),
        NoteAdded(text="for alpha", team="alpha"),
        AdhocInject(adhoc="a1", title="T"),
        InjectDelivered(team="alpha", inject="complaint"),
        InjectDelayed(team="alpha", inject="manifest", until=40 * M),
        PhaseStarted(phase="day-2"),
        ClockStarted(),
    ]
    for event in fine:
        assert check(session.state, session.index, event) is None


def test_a_resolved_inject_is_settled_by_the_event_that_resolved_it(
    branching: LoadedScenario,
) -> None:
    session = started(branching)
    delivered = session.append(
        InjectDelivered(team="alpha", inject="manifest"), wall_time=1, who="c"
    )
    skipped = session.append(InjectSkipped(team="bravo", inject="manifest"), wall_time=1, who="c")
    state, index = session.state, session.index
    assert check(state, index, InjectDelivered(team="alpha", inject="manifest")) == Settled(
        delivered.seq
    )
    assert check(state, index, InjectSkipped(team="alpha", inject="manifest")) == Settled(
        delivered.seq
    )
    assert check(state, index, InjectSkipped(team="bravo", inject="manifest")) == Settled(
        skipped.seq
    )
    # delivering a skipped inject is the control cell's change of mind, and a delay is never
    # a duplicate
    assert check(state, index, InjectDelivered(team="bravo", inject="manifest")) is None
    assert check(state, index, InjectDelayed(team="alpha", inject="manifest", until=1)) is None
    again = session.append(InjectDelivered(team="alpha", inject="manifest"), wall_time=2, who="c")
    assert again == delivered


def test_a_session_error_is_a_keyed_error_under_session() -> None:
    error = SessionError("unknown_team", team="zulu")
    assert isinstance(error, KeyedError)
    assert error.message_key == "session.unknown_team"
    assert error.render(lambda key, **params: f"{key} {params}") == (
        "session.unknown_team {'team': 'zulu'}"
    )


# --- what a tick delivers -------------------------------------------------------------------


def test_a_tick_delivers_and_guard_skips_but_leaves_what_a_person_plays() -> None:
    due = [
        Due("alpha", "manifest", 30 * M, "deliver"),
        Due("alpha", "landing-call", 15 * M, "confirm"),
        Due("bravo", "shelter-offer", 110 * M, "skip"),
    ]
    assert due_events(due) == [
        InjectDelivered(team="alpha", inject="manifest"),
        InjectSkipped(team="bravo", inject="shelter-offer", reason="guard"),
    ]
    assert ticks_anything(due)
    assert not ticks_anything(due[1:2])
    assert not ticks_anything([])


def test_an_idle_tick_opens_no_transaction(
    branching: LoadedScenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The console ticks every second: with nothing due it must not take the write lock."""
    path = tmp_path / "run.simtrain"
    with Session.create(path, branching, [ALPHA, BRAVO], wall_time=0) as session:
        session.append_many([ClockStarted(), PhaseStarted(phase="day-1")], wall_time=0, who="c")
        opened: list[int] = []
        attempts = session.store.attempts

        def counting(after: int) -> Iterator[Transaction]:
            opened.append(after)
            return attempts(after)

        monkeypatch.setattr(session.store, "attempts", counting)
        assert session.tick(14 * M) == []  # landing-call (a phone call) is not due yet
        assert session.tick(20 * M) == []  # it is, but a person plays it
        assert opened == []
        written = session.tick(30 * M)
        assert [r.event for r in written] == [
            InjectDelivered(team="alpha", inject="manifest"),
            InjectDelivered(team="bravo", inject="manifest"),
        ]
        assert len(opened) == 1


def test_an_idle_tick_does_not_stop_another_console_delivering(
    branching: LoadedScenario, tmp_path: Path
) -> None:
    """What another process appended is read by refresh or the next write, and a due inject
    is still delivered once."""
    path = tmp_path / "run.simtrain"
    with Session.create(path, branching, [ALPHA, BRAVO], wall_time=0) as first:
        first.append_many([ClockStarted(), PhaseStarted(phase="day-1")], wall_time=0, who="c")
        with Session.open(path) as second:
            assert len(first.tick(30 * M)) == 2
            assert second.tick(30 * M) == []  # the deliveries were read under the lock
            assert "manifest" in second.state.teams["bravo"].delivered
            assert second.tick(31 * M) == []


# --- the write path -------------------------------------------------------------------------


def test_a_refused_event_writes_nothing_and_frees_the_file(
    branching: LoadedScenario, tmp_path: Path
) -> None:
    path = tmp_path / "run.simtrain"
    with Session.create(path, branching, [ALPHA, BRAVO], wall_time=0) as session:
        batch: list[Event] = [NoteAdded(text="first"), InjectDelivered(team="zulu", inject="x")]
        with pytest.raises(SessionError):
            session.append_many(batch, wall_time=0, who="c")
        assert len(session.log) == 1
        note = session.append(NoteAdded(text="second"), wall_time=0, who="c")  # not locked
        assert note.seq == 2
    with Session.open(path) as again:
        assert [r.seq for r in again.log] == [1, 2]


def hold_write_lock(path: Path, seconds: float) -> threading.Thread:
    """Another connection holding the file's write lock for ``seconds``."""
    ready = threading.Event()

    def hold() -> None:
        db = sqlite3.connect(path, isolation_level=None)
        db.execute("BEGIN IMMEDIATE")
        ready.set()
        time.sleep(seconds)
        db.execute("COMMIT")
        db.close()

    thread = threading.Thread(target=hold)
    thread.start()
    ready.wait()
    return thread


def test_a_busy_file_is_retried_then_given_up_on(
    branching: LoadedScenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.01)  # SQLite's own wait: short
    path = tmp_path / "run.simtrain"
    Session.create(path, branching, [ALPHA, BRAVO], wall_time=0).close()
    with Session.open(path) as session:
        holder = hold_write_lock(path, 0.3)
        note = session.append(NoteAdded(text="after the wait"), wall_time=0, who="c")
        holder.join()
        assert note.seq == 2
        monkeypatch.setattr(store_module, "RETRY_FOR_S", 0.05)
        holder = hold_write_lock(path, 0.6)
        with pytest.raises(SessionError) as caught:
            session.append(NoteAdded(text="gives up"), wall_time=0, who="c")
        holder.join()
        assert caught.value.key == "busy"
        assert session.append(NoteAdded(text="free again"), wall_time=0, who="c").seq == 3
        assert len(session.store.read()) == 3


# --- what the fold keeps and how the log is read ---------------------------------------------


def test_an_adhoc_inject_keeps_its_time_and_place(branching: LoadedScenario) -> None:
    session = started(branching)
    event = AdhocInject(adhoc="a1", teams=("bravo",), title="Roadblock")
    recorded = session.append(event, wall_time=12 * M, who="control")
    assert session.state.adhoc["a1"] == AdhocRecord(event, 12 * M, recorded.seq)
    assert session.state.teams["bravo"].adhoc == ("a1",)
    assert session.state.teams["alpha"].adhoc == ()


def test_the_log_is_a_view_not_a_copy(branching: LoadedScenario) -> None:
    session = started(branching)
    log = session.log
    assert log is session.log
    assert [r.seq for r in log] == [1, 2, 3]
    session.append_many([NoteAdded(text=str(k)) for k in range(5)], wall_time=1, who="c")
    assert len(log) == 8  # the view grows with the session
    assert [r.seq for r in session.tail(3)] == [6, 7, 8]
    assert [r.seq for r in log[-3:]] == [6, 7, 8]
    assert session.tail(0) == []
    assert [r.seq for r in session.tail(100)] == list(range(1, 9))
    assert [r.seq for r in session.since(6)] == [7, 8]
    assert session.since(8) == []
    assert [r.seq for r in reversed(log)][:2] == [8, 7]
    assert log[0].event.type == "created"
    found = session.find(4)
    assert found is not None and found.seq == 4
    assert session.find(99) is None
    assert isinstance(log[0].event, Created)


def test_scenario_index_is_what_check_needs(branching: LoadedScenario) -> None:
    """check needs only a state and the index: no session, no store."""
    session = started(branching)
    index = ScenarioIndex(branching.scenario)
    assert check(session.state, index, NoteAdded(text="x", team="alpha")) is None
