"""Which seats are connected: each seat's refresh beats in the session's meta (never the log),
at most every few seconds; readers never write it; the console's line lists those seen lately."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from simtrain.i18n import Translator
from simtrain.live.run_view import RunView
from simtrain.session import presence
from simtrain.session.presence import Seen, beat, seen
from simtrain.session.session import Session
from simtrain.tui.actor.seat import ActorSeat
from simtrain.tui.console.seats_view import seats_line
from simtrain.tui.evaluator.seat import EvaluatorSeat
from simtrain.tui.team.seat import TeamSeat
from tests.team.conftest import FakeClock


def test_every_seat_beats_on_refresh_and_the_log_is_untouched(
    started: Path, team_seat: Callable[..., TeamSeat], clock: FakeClock
) -> None:
    team = team_seat(started, role="ngo")
    evaluator = EvaluatorSeat(
        Session.open(started, "append"), Translator("en"), ["team-2"], "Maria", clock=clock
    )
    actor = ActorSeat(
        Session.open(started, "append"), Translator("en"), "duty-officer", clock=clock
    )
    try:
        before = team.session.state.seq
        for seat in (team, evaluator, actor):
            seat.refresh()
        with Session.open(started, "read") as reader:
            assert [s.who for s in seen(reader.store, clock())] == [
                "actor:duty-officer",
                "evaluator:Maria",
                "team-1/ngo",
            ]
            assert len(reader.log) == before  # a heartbeat is no event
            assert reader.store.meta("seen:team-1/ngo") == repr(clock())
            clock.advance(presence.RECENT_S + 1)
            assert seen(reader.store, clock()) == ()  # gone quiet: not connected
    finally:
        evaluator.session.close()
        actor.session.close()


def test_a_seat_writes_at_most_every_few_seconds(session_path: Path, clock: FakeClock) -> None:
    with Session.open(session_path, "append") as session:
        store = session.store
        assert beat(store, "team-9", clock())
        first = clock()
        for _ in range(10):  # a terminal polls five times a second
            clock.advance(0.2)
            assert not beat(store, "team-9", clock())
        assert store.meta("seen:team-9") == repr(first)
        clock.advance(presence.EVERY_S)
        assert beat(store, "team-9", clock())
        assert store.meta("seen:team-9") == repr(clock())


def test_readers_never_write_a_heartbeat(session_path: Path, clock: FakeClock) -> None:
    with Session.open(session_path, "read") as reader:
        assert not beat(reader.store, "team-1", clock())
    with Session.open(session_path, "read") as reader:
        assert reader.store.meta_items("seen:") == {}


def test_a_damaged_heartbeat_is_no_sighting(session_path: Path, clock: FakeClock) -> None:
    with Session.open(session_path) as session:
        for tx in session.store.meta_attempts():
            with tx:
                tx.set_meta("seen:team-1", "yesterday")
                tx.set_meta("seen:team-2", "nan")
                tx.set_meta("seen_not_a_seat", repr(clock()))
        assert seen(session.store, clock()) == ()


def test_the_console_line_names_each_seat_in_words(session_path: Path, clock: FakeClock) -> None:
    sightings = [
        Seen("actor:duty-officer", clock()),
        Seen("evaluator:Maria", clock()),
        Seen("team-2", clock()),
        Seen("team-1/ngo", clock()),
    ]
    with Session.open(session_path, "read") as session:
        en = seats_line(RunView(session, Translator("en"), clock=clock), sightings)
        ru = seats_line(RunView(session, Translator("ru"), clock=clock), sightings)
        assert seats_line(RunView(session, Translator("en"), clock=clock), []).text == ""
    assert en.count == 4
    assert en.text == (
        "Connected (4): Alpha · NGO victim support, Bravo, Maria (evaluator), "
        "Duty officer Rossi (actor)"
    )
    assert ru.text.startswith("Подключены (4): ")
    assert ru.text.endswith("Maria (оценщик), Duty officer Rossi (актёр)")
