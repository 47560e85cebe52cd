"""The actor's seat without a screen: a real session file, the console's events from another
connection, the seat's cues and its one event."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from simtrain.i18n import Translator
from simtrain.session import events as ev
from simtrain.session.session import Session
from simtrain.tui.actor.seat import ActorError, ActorSeat
from simtrain.tui.actor.views import Cue
from tests.actor.conftest import FakeClock, control_append, start

Seat = Callable[..., ActorSeat]


def states(cue: Cue) -> dict[str, str]:
    return {tc.name: tc.state for tc in cue.teams}


def found(seat: ActorSeat, inject: str) -> Cue:
    cue = seat.cue(inject)
    assert cue is not None
    return cue


def test_only_the_characters_cues_in_words(session_path: Path, actor_seat: Seat) -> None:
    seat = actor_seat(session_path)
    cues = seat.cues()
    assert {c.inject for c in cues} == {"first-call", "follow-up", "guarded"}
    everything = repr(cues) + repr(seat.brief()) + repr(seat.header())
    assert "OTHERCHAR" not in everything
    follow = found(seat, "follow-up")
    assert follow.when == "Day 1 - Arrival, 10 min after: option “Interview her now” chosen"
    guarded = found(seat, "guarded")
    assert guarded.when == "Day 1 - Arrival, 0:30"
    assert guarded.only_if == "“Calls the NGO hotline.” done (P or S)"
    # ids are the author's: an actor reads option texts, titles and expected actions
    for cue in cues:
        words = f"{cue.when} {cue.only_if} {cue.to}"
        assert "interview-now" not in words and "call-ngo" not in words
    assert found(seat, "first-call").to == "Criminal investigator, NGO victim support"
    assert found(seat, "first-call").control_note is not None


def test_a_team_none_of_whose_roles_is_addressed_is_not_listed(
    session_path: Path, actor_seat: Seat
) -> None:
    seat = actor_seat(session_path)
    assert set(states(found(seat, "follow-up"))) == {"Alpha", "Bravo"}
    assert set(states(found(seat, "first-call"))) == {"Alpha", "Bravo", "Charlie"}


def test_states_follow_the_clock_and_the_console(
    session_path: Path, actor_seat: Seat, clock: FakeClock
) -> None:
    seat = actor_seat(session_path)
    first = found(seat, "first-call")
    assert set(states(first).values()) == {"pending"}
    assert first.teams[0].reason == "its phase has not started"
    start(session_path, clock, minutes=5)
    seat.refresh()
    first = found(seat, "first-call")
    assert set(states(first).values()) == {"pending"}
    assert first.teams[0].reason == "due at 0:10"
    clock.advance(5 * 60)
    change = seat.refresh()
    assert set(states(found(seat, "first-call")).values()) == {"due"}
    assert ("first-call", "team-1") in change.new_due and change.cues
    assert seat.cues()[0].inject == "first-call"  # next first: what is due now leads
    control_append(session_path, clock, ev.InjectDelivered(team="team-1", inject="first-call"))
    change = seat.refresh()
    assert states(found(seat, "first-call")) == {
        "Alpha": "delivered",
        "Bravo": "due",
        "Charlie": "due",
    }
    assert change.cues and not change.new_due


def test_a_branch_the_team_did_not_take_will_not_come(
    session_path: Path, actor_seat: Seat, clock: FakeClock
) -> None:
    start(session_path, clock, minutes=10)
    control_append(
        session_path,
        clock,
        ev.InjectDelivered(team="team-1", inject="first-call"),
        ev.InjectDelivered(team="team-2", inject="first-call"),
        ev.DecisionRecorded(team="team-1", option="wait"),
        ev.DecisionRecorded(team="team-2", option="interview-now"),
    )
    seat = actor_seat(session_path)
    follow = found(seat, "follow-up")
    alpha, bravo = follow.team("team-1"), follow.team("team-2")
    assert alpha is not None and bravo is not None
    assert alpha.state == "will_not_come" and alpha.mark == "⊘"
    assert alpha.reason == "not its branch: it chose “Wait for a support worker”"
    assert bravo.state == "pending" and bravo.reason == "due at 0:20"


def test_a_false_guard_will_not_come(
    session_path: Path, actor_seat: Seat, clock: FakeClock
) -> None:
    start(session_path, clock, minutes=29)
    control_append(
        session_path, clock, ev.RatingGiven(team="team-1", expect="call-ngo", rating="P")
    )
    seat = actor_seat(session_path)
    guarded = found(seat, "guarded")
    bravo = guarded.team("team-2")
    assert states(guarded)["Alpha"] == "pending"
    # false now, judged when it falls due: Bravo may still call the NGO
    assert bravo is not None and bravo.state == "pending"
    assert bravo.reason == "due at 0:30 if its condition holds by then (it does not now)"
    clock.advance(60)
    seat.refresh()
    guarded = found(seat, "guarded")
    assert states(guarded)["Alpha"] == "due"
    assert states(guarded)["Bravo"] == "will_not_come"  # due, and its guard is false
    bravo = guarded.team("team-2")
    assert bravo is not None and bravo.mark == "⊘"


def test_played_is_refused_unless_the_session_allows_it(
    session_path: Path, actor_seat: Seat, clock: FakeClock
) -> None:
    start(session_path, clock, minutes=10)
    seat = actor_seat(session_path)
    assert not seat.can_play
    with pytest.raises(ActorError) as refused:
        seat.played("first-call", "team-1")
    assert refused.value.key == "not_allowed"
    with Session.open(session_path, "read") as session:
        assert "team-1" not in {
            r.event.team for r in session.log if isinstance(r.event, ev.InjectDelivered)
        }


def test_played_appends_the_delivery_as_the_actor(
    confirming_path: Path, actor_seat: Seat, clock: FakeClock
) -> None:
    start(confirming_path, clock, minutes=10)
    seat = actor_seat(confirming_path)
    assert seat.can_play
    recorded = seat.played("first-call", "team-2")
    assert recorded.who == "actor:duty-officer"
    assert recorded.event == ev.InjectDelivered(team="team-2", inject="first-call")
    with Session.open(confirming_path, "read") as session:
        last = session.log[-1]
        assert last.who == "actor:duty-officer" and last.event == recorded.event
    assert states(found(seat, "first-call"))["Bravo"] == "delivered"
    with pytest.raises(ActorError) as twice:  # delivered already: the reason says when
        seat.played("first-call", "team-2")
    assert twice.value.key == "not_due"
    assert "already delivered at 0:10" in twice.value.render(seat.t)


@pytest.mark.parametrize(
    ("inject", "team", "key"),
    [
        ("witness-call", "team-1", "not_your_cue"),  # another character's
        ("follow-up", "team-3", "not_for_team"),  # none of Charlie's roles is addressed
        ("guarded", "team-1", "not_due"),  # not yet
    ],
)
def test_played_only_for_a_cue_of_this_character_due_for_that_team(
    confirming_path: Path,
    actor_seat: Seat,
    clock: FakeClock,
    inject: str,
    team: str,
    key: str,
) -> None:
    start(confirming_path, clock, minutes=10)
    seat = actor_seat(confirming_path)
    with pytest.raises(ActorError) as refused:
        seat.played(inject, team)
    assert refused.value.key == key


def test_played_when_the_console_delivered_meanwhile_is_refused(
    confirming_path: Path, actor_seat: Seat, clock: FakeClock
) -> None:
    """The seat reads the file before it writes: a cue the console confirmed a moment ago is
    not delivered twice."""
    start(confirming_path, clock, minutes=10)
    seat = actor_seat(confirming_path)
    control_append(confirming_path, clock, ev.InjectDelivered(team="team-1", inject="first-call"))
    with pytest.raises(ActorError):
        seat.played("first-call", "team-1")
    with Session.open(confirming_path, "read") as session:
        deliveries = [r for r in session.log if isinstance(r.event, ev.InjectDelivered)]
    assert [r.who for r in deliveries] == ["control"]


def test_unknown_character_lists_the_characters(session_path: Path, actor_seat: Seat) -> None:
    with pytest.raises(ActorError) as refused:
        actor_seat(session_path, "nobody")
    line = refused.value.render(Translator("en"))
    assert "nobody" in line
    assert "duty-officer — Duty officer Rossi" in line
    assert "witness — OTHERCHAR the dock worker" in line


def test_a_character_is_found_by_its_name(session_path: Path, actor_seat: Seat) -> None:
    assert actor_seat(session_path, "duty officer rossi").character == "duty-officer"


def test_old_logs_fold_with_the_setting_off(session_path: Path) -> None:
    """A Created event written before the setting existed has no field: it reads as off."""
    created = ev.Created.model_validate(
        {
            "scenario_id": "x",
            "content_hash": "h",
            "scenario_text": "t",
            "content_lang": "en",
            "teams": [{"id": "team-1", "name": "A", "roles": ["r"]}],
        }
    )
    assert created.actors_confirm is False
    with Session.open(session_path, "read") as session:
        assert session.created.actors_confirm is False


def test_each_character_sees_only_its_own(session_path: Path, actor_seat: Seat) -> None:
    seat = actor_seat(session_path, "witness")
    assert [c.inject for c in seat.cues()] == ["witness-call"]
    assert "Rossi" not in repr(seat.cues()) + repr(seat.brief())
