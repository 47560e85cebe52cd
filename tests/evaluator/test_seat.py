"""The evaluator's seat without a screen: what it shows of its teams, and the two events it
appends, on a real session file written from other connections as the console and the team
terminals write it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from simtrain.i18n import Translator
from simtrain.session import events as ev
from simtrain.session.session import Session
from simtrain.session.state import fold
from simtrain.tui.evaluator.seat import (
    ActedAtError,
    EvaluatorError,
    EvaluatorSeat,
    clean_name,
    find_teams,
)
from simtrain.tui.evaluator.views import window_state, window_text
from simtrain.tui.team.seat import TeamError
from tests.evaluator.conftest import control
from tests.team.conftest import FakeClock

Make = Callable[..., EvaluatorSeat]


def test_cards_newest_first_with_actions_and_time_left(
    started: Path, seat: Make, clock: FakeClock
) -> None:
    clock.advance(600)  # 0:20
    control(started, clock, ev.InjectDelivered(team="team-1", inject="ngo-mail"))
    clock.advance(300)  # 0:25
    s = seat(started)
    cards = s.cards()
    assert [c.inject for c in cards] == ["ngo-mail", "first-call"]
    call = s.action("team-1", "call-ngo")
    assert call is not None
    assert call.text.text == "Calls the NGO hotline before the interview."
    assert call.role.text == "Criminal investigator"
    assert call.objective == "identify"
    assert call.objective_text.text == "Identify presumed victims early."
    assert (call.points, call.within, call.delivered_at, call.deadline) == (10, 1800, 600, 2400)
    now = s.now()
    assert now == 1500
    assert window_state(call, now) == ("open", 900)
    assert window_text(call, now, s.t) == "window 0:30 · 0:15 left"
    bed = s.action("team-1", "shelter-bed")
    assert bed is not None and window_text(bed, now, s.t) == "no time window"


def test_only_its_teams_unless_all_teams(started: Path, seat: Make, clock: FakeClock) -> None:
    control(started, clock, ev.TeamReport(team="team-2", text="Bravo's report"), who="team-2")
    control(started, clock, ev.NoteAdded(text="about Bravo", team="team-2", author="control"))
    mine = seat(started, ("Alpha",))
    assert mine.teams == ("team-1",)
    assert {c.team for c in mine.cards()} == {"team-1"}
    assert mine.arrivals() == ()
    assert mine.notes() == ()
    assert {u.team for u in mine.upcoming()} <= {"team-1"}
    with pytest.raises(EvaluatorError) as refused:
        mine.rate("team-2", "call-ngo", "P")
    assert refused.value.key == "not_your_team"
    with pytest.raises(EvaluatorError):
        mine.note("sneaky", team="team-2")
    every = seat(started, (), all_teams=True)
    assert every.teams == ("team-1", "team-2", "team-3")
    assert [a.text.text for a in every.arrivals()] == ["Bravo's report"]
    assert [n.text for n in every.notes()] == ["about Bravo"]


def test_teams_found_by_id_or_name_and_a_wrong_one_lists_them(started: Path) -> None:
    with Session.open(started, "append") as session:
        assert find_teams(session, ["bravo", "team-1", "Alpha"]) == ("team-1", "team-2")
        with pytest.raises(TeamError) as unknown:
            find_teams(session, ["Zulu"])
        line = unknown.value.render(Translator("en"))
        assert line == (
            "this session has no team Zulu; its teams are: "
            "team-1 — Alpha; team-2 — Bravo; team-3 — Charlie"
        )
        with pytest.raises(EvaluatorError):
            find_teams(session, [])


def test_a_rating_lands_in_the_file_with_who_and_evaluator(
    started: Path, seat: Make, clock: FakeClock
) -> None:
    clock.advance(1200)  # 0:30
    s = seat(started, ("team-1",), name="  Maria\x1b[31m  ")
    assert s.name == "Maria␛[31m"
    s = seat(started, ("team-1",), name="Maria")
    s.rate("team-1", "call-ngo", "S", note="called, a bit late", acted_at="-5m")
    with Session.open(started, "read") as reader:
        last = reader.log[-1]
        assert last.who == "evaluator:Maria"
        assert last.event == ev.RatingGiven(
            team="team-1",
            expect="call-ngo",
            rating="S",
            note="called, a bit late",
            evaluator="Maria",
            acted_at=1500,
        )
    call = s.action("team-1", "call-ngo")
    assert call is not None and call.current is not None
    assert (call.current.rating, call.current.evaluator, call.current.acted_at) == (
        "S",
        "Maria",
        1500,
    )
    assert window_state(call, s.now()) == ("in_time", 0)


def test_acted_at_uses_the_shared_parser_and_judges_lateness(
    started: Path, seat: Make, clock: FakeClock
) -> None:
    clock.advance(3000)  # 1:00, the window closed at 0:40
    s = seat(started)
    call = s.action("team-1", "call-ngo")
    assert call is not None
    assert window_text(call, s.now(), s.t) == "window 0:30 · 0:20 past it, not rated"
    assert s.preview("team-1", "call-ngo", "1·0:50") == (
        "The team acted at 1·0:50, 0:40 after the inject reached it."
    )
    with pytest.raises(ActedAtError) as bad:
        s.rate("team-1", "call-ngo", "P", acted_at="yesterday")
    assert bad.value.key == "invalid"
    assert "Write when the team acted" in bad.value.render(s.t)
    s.rate("team-1", "call-ngo", "P", acted_at="1·0:50")
    call = s.action("team-1", "call-ngo")
    assert call is not None
    assert window_state(call, s.now()) == ("late", 600)
    assert window_text(call, s.now(), s.t) == "window 0:30 · late by 0:10"
    # a team report as evidence: its time is when the team acted
    clock.advance(60)
    control(started, clock, ev.TeamReport(team="team-1", text="We booked a bed."), who="team-1")
    s.refresh()
    seq = s.session.state.teams["team-1"].reports[-1].seq
    s.rate("team-1", "interpreter", "M", acted_at=f"#{seq}")
    assert s.session.state.teams["team-1"].rating("interpreter").acted_at == 3660  # type: ignore[union-attr]


def test_refused_ratings(started: Path, seat: Make) -> None:
    s = seat(started)
    with pytest.raises(EvaluatorError) as bad:
        s.rate("team-1", "call-ngo", "X")
    assert bad.value.key == "bad_rating"
    with pytest.raises(EvaluatorError) as early:
        s.rate("team-1", "no-comment", "P")  # its inject has not reached the team
    assert early.value.key == "not_delivered"
    with pytest.raises(EvaluatorError) as long_note:
        s.rate("team-1", "call-ngo", "P", note="x" * 2001)
    assert long_note.value.key == "note_too_long"


def test_two_evaluators_disagree_and_the_latest_counts(
    started: Path, seat: Make, clock: FakeClock
) -> None:
    maria = seat(started, ("team-1",), name="Maria")
    oleg = seat(started, ("team-1",), name="Oleg")
    maria.rate("team-1", "call-ngo", "S")
    clock.advance(240)
    oleg.rate("team-1", "call-ngo", "M")
    change = maria.refresh()
    assert change.cards
    call = maria.action("team-1", "call-ngo")
    assert call is not None and call.current is not None
    assert [(g.rating, g.evaluator) for g in call.ratings] == [("S", "Maria"), ("M", "Oleg")]
    assert call.current.rating == "M"
    assert call.disagreement == "Evaluators differ: S by Maria at 1·0:10, M by Oleg at 1·0:14"


def test_notes_tied_to_a_team_an_objective_or_an_action(
    started: Path, seat: Make, clock: FakeClock
) -> None:
    s = seat(started, ("team-1", "team-2"), name="Maria")
    s.note("Alpha hesitates", team="team-1")
    s.note("Good on identification", objective="identify")
    with pytest.raises(EvaluatorError) as two:
        s.note("which team?", expect="call-ngo")  # both teams received it
    assert two.value.key == "note_needs_team"
    s.note("Called before the interview", team="team-2", expect="call-ngo")
    with pytest.raises(EvaluatorError) as empty:
        s.note("   ")
    assert empty.value.key == "note_empty"
    with pytest.raises(EvaluatorError):
        s.note("x", objective="no-such-objective")
    with Session.open(started, "read") as reader:
        last = reader.log[-1]
        assert last.who == "evaluator:Maria"
        assert last.event == ev.NoteAdded(
            text="Called before the interview",
            team="team-2",
            author="evaluator:Maria",
            objective="identify",
            expect="call-ngo",
        )
    notes = s.notes()
    assert [n.text for n in notes] == [
        "Called before the interview",
        "Good on identification",
        "Alpha hesitates",
    ]
    newest = notes[0]
    assert newest.team_name == "Bravo" and newest.mine and newest.by == "Maria"
    assert newest.objective is not None and newest.objective.text.startswith("Identify")
    assert newest.action is not None and newest.action.text.startswith("Calls the NGO")
    other = seat(started, ("team-3",), name="Oleg")
    assert [n.text for n in other.notes()] == []


def test_an_old_note_without_the_new_fields_still_folds() -> None:
    """A log written before notes could be tied to an objective or an action."""
    old = ev.event_from_json('{"type": "note_added", "text": "old", "team": null, "author": "x"}')
    assert isinstance(old, ev.NoteAdded) and old.objective is None and old.expect is None
    created = ev.Created(
        scenario_id="s",
        content_hash="h",
        scenario_text="",
        content_lang="en",
        teams=(ev.Team(id="team-1", name="A", roles=("r",)),),
    )
    state = fold(
        [
            ev.Recorded(1, "a", 0.0, 0, "control", created),
            ev.Recorded(2, "b", 0.0, 5, "control", old),
        ]
    )
    assert state.notes[0].objective is None and state.notes[0].expect is None


def test_reports_and_decisions_arrive_as_changes(
    started: Path, seat: Make, clock: FakeClock
) -> None:
    s = seat(started, ("team-1",))
    assert not s.refresh()
    clock.advance(60)
    control(started, clock, ev.TeamReport(team="team-1", text="We called."), who="team-1/ngo")
    control(started, clock, ev.DecisionRecorded(team="team-1", option="wait"), who="team-1")
    change = s.refresh()
    assert len(change.new_arrivals) == 2
    first, second = s.arrivals()
    assert (first.kind, first.text.text, first.by) == (
        "decision",
        "Wait for a support worker.",
        "Alpha",
    )
    assert first.prompt is not None and first.prompt.text == "Interview her now?"
    assert (second.kind, second.text.text, second.by) == (
        "report",
        "We called.",
        "Alpha · NGO victim support",
    )
    assert not s.refresh()


def test_what_comes_next_for_its_teams(started: Path, seat: Make, clock: FakeClock) -> None:
    s = seat(started, ("team-1",))
    upcoming = s.upcoming()
    assert [(u.inject, u.at, u.due, u.skip) for u in upcoming] == [
        ("ngo-mail", 1200, False, False),
        ("rushed", 3600, False, True),  # its guard is false: the team did not interview at once
        ("press", 7200, False, False),
    ]
    assert upcoming[-1].actions == 1
    control(started, clock, ev.DecisionRecorded(team="team-1", option="interview-now"))
    clock.advance(600)
    change = s.refresh()
    assert change.upcoming
    upcoming = s.upcoming()
    assert [(u.inject, u.due, u.skip) for u in upcoming][:2] == [
        ("ngo-mail", True, False),
        ("rushed", False, False),
    ]


def test_clock_says_no_contact_when_no_console_is_seen(
    started: Path, seat: Make, clock: FakeClock
) -> None:
    s = seat(started)
    assert s.clock_view().status == "running"
    clock.advance(30)
    s.link.forget_seen()  # the file is read at most once a second
    assert s.clock_view().status == "no_contact"
    assert s.header().name == "Maria" and s.header().teams == ("Alpha",)


def test_names(started: Path) -> None:
    assert clean_name(" Anna  Maria ") == "Anna Maria"
    assert len(clean_name("x" * 100)) == 40
    with pytest.raises(EvaluatorError):
        clean_name(" \n ")


def test_an_adhoc_inject_is_a_card_and_its_action_can_be_rated(
    started: Path, seat: Make, clock: FakeClock
) -> None:
    clock.advance(60)
    control(
        started,
        clock,
        ev.AdhocInject(
            adhoc="adhoc-1",
            teams=("team-1",),
            channel="phone",
            title="A [b]second[/b] call",
            message="Typed live.",
            expect=(
                ev.AdhocExpect(
                    id="adhoc-1-1", text="Asks for the [i]name[/i].", by="ngo", objective="protect"
                ),
            ),
        ),
    )
    s = seat(started)
    card = s.cards()[0]
    assert (card.key, card.title.text, card.channel) == (
        "team-1/a:adhoc-1",
        "A [b]second[/b] call",
        "phone",
    )
    (action,) = card.actions
    assert (action.text.text, action.within, action.role.text) == (
        "Asks for the [i]name[/i].",
        None,
        "NGO victim support",
    )
    s.rate("team-1", "adhoc-1-1", "P")
    s.note("asked politely", expect="adhoc-1-1")
    assert s.notes()[0].action is not None
    assert s.notes()[0].action.text == "Asks for the [i]name[/i]."  # type: ignore[union-attr]
    other = seat(started, ("team-2",), name="Oleg")
    assert all(c.inject != "adhoc-1" for c in other.cards())
