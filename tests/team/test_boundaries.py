"""A team terminal never shows what the team must not know.

The fixture scenario writes ``SECRET`` into every text a trainee must not read: the summary,
objectives, expected actions, control notes, a character's brief, an inject not yet delivered and
a document only that inject attaches. The run below adds other teams' traffic, notes, ratings and
a report by another team, each also marked ``SECRET``, and what the control cell's other seats
write (issue 13): an evaluator's name, its ratings with the time the team acted, its notes tied
to an objective and an expected action, an ad-hoc inject's expected action, a skip's note, and a
cue the actor's seat played. Then every screen of Alpha's terminal (each message, each
attachment, each tab) and every piece of data its seat hands out is searched for the word.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from simtrain.session import events as ev
from simtrain.session.session import Session
from simtrain.tui.common.dialogs import DocumentScreen
from simtrain.tui.team.app import TeamApp
from simtrain.tui.team.seat import TeamError, TeamSeat
from simtrain.tui.team.team_screen import TeamScreen
from tests.team.conftest import FakeClock, control_append
from tests.team.test_team_app import SIZE, screen_text


def run_with_secrets(path: Path, clock: FakeClock) -> None:
    """A run where everything Alpha must not see is in the log."""
    with Session.open(path, "append") as session:  # the actor's seat played the call ("played")
        session.append(
            ev.InjectDelivered(team="team-1", inject="first-call"),
            wall_time=clock(),
            who="actor:duty-officer",
        )
    control_append(
        path,
        clock,
        ev.InjectDelivered(team="team-1", inject="ngo-mail"),
        ev.InjectDelivered(team="team-2", inject="first-call"),
        ev.AdhocInject(
            adhoc="adhoc-1", teams=("team-2",), title="SECRET adhoc title", message="SECRET adhoc"
        ),
        ev.AdhocInject(
            adhoc="adhoc-2", teams=("team-1",), title="Press conference at noon", message="Come."
        ),
        ev.NoteAdded(text="SECRET control note on Alpha", team="team-1", author="control"),
        ev.RatingGiven(team="team-1", expect="call-ngo", rating="U", note="SECRET rating note"),
        ev.DecisionRecorded(team="team-2", option="interview-now"),
        ev.TeamReport(team="team-2", text="SECRET report by Bravo"),
        ev.InjectDelayed(team="team-1", inject="future-call", until=99_999),
        ev.InjectSkipped(team="team-2", inject="ngo-mail", note="SECRET skip note"),
        ev.AdhocInject(
            adhoc="adhoc-3",
            teams=("team-1",),
            title="Hotline call logged",
            message="The hotline logged a call.",
            expect=(
                ev.AdhocExpect(
                    id="adhoc-expect",
                    text="SECRET ad-hoc expected action",
                    by="ngo",
                    objective="identify",
                ),
            ),
        ),
    )
    evaluator = "evaluator:SECRET Maria"
    control_cell: list[tuple[str, ev.Event]] = [
        (
            evaluator,
            ev.RatingGiven(
                team="team-1",
                expect="call-ngo",
                rating="S",
                note="SECRET evaluator's rating note",
                evaluator="SECRET Maria",
                acted_at=300,
            ),
        ),
        (
            evaluator,
            ev.RatingGiven(
                team="team-1",
                expect="adhoc-expect",
                rating="M",
                note="SECRET rating of the ad-hoc action",
                evaluator="SECRET Maria",
            ),
        ),
        (
            evaluator,
            ev.NoteAdded(
                text="SECRET evaluator note on the call",
                team="team-1",
                author=evaluator,
                objective="identify",
                expect="call-ngo",
            ),
        ),
    ]
    with Session.open(path, "append") as session:
        for who, event in control_cell:
            session.append(event, wall_time=clock(), who=who)


def walk(value: object) -> list[str]:
    """Every string inside a piece of the seat's data."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [s for f in dataclasses.fields(value) for s in walk(getattr(value, f.name))]
    if isinstance(value, tuple | list):
        return [s for item in value for s in walk(item)]
    return []


@pytest.mark.parametrize("role", [None, "investigator", "ngo"])
def test_the_data_a_terminal_holds_has_no_secret(
    started: Path, team_seat: Callable[..., TeamSeat], clock: FakeClock, role: str | None
) -> None:
    run_with_secrets(started, clock)
    seat = team_seat(started, role=role)
    held = walk(seat.items()) + walk(seat.decisions()) + walk(seat.reports())
    held += walk(seat.briefing()) + walk(seat.header())
    assert held and not [s for s in held if "SECRET" in s]
    briefing = seat.briefing()
    assert briefing.setting is not None and briefing.title.text == "The harbour case"
    keys = [item.key for item in seat.items()]
    assert "i:future-call" not in keys and "a:adhoc-1" not in keys
    assert "a:adhoc-2" in keys and "a:adhoc-3" in keys  # its expected action stays behind
    assert "i:first-call" in keys  # played by the actor's seat: its control note stays behind
    assert ("i:ngo-mail" in keys) == (role != "investigator")  # addressed to the NGO only
    for name in ("docs/secret.md", "docs/../docs/secret.md", "scenario.yaml", "/etc/passwd"):
        with pytest.raises(TeamError):
            seat.attachment(name)


async def test_no_screen_of_the_terminal_shows_a_secret(
    started: Path, team_app: Callable[..., TeamApp], clock: FakeClock
) -> None:
    run_with_secrets(started, clock)
    app = team_app(started)
    seen: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        team_screen = app.screen
        assert isinstance(team_screen, TeamScreen)
        seen.append(screen_text(app))
        for _ in range(team_screen.inbox.option_count):
            await pilot.press("down")
            await pilot.pause()
            seen.append(screen_text(app))
            for button in list(team_screen.query(".attachment")):
                await pilot.click(button)
                await pilot.pause()
                assert isinstance(app.screen, DocumentScreen)
                seen.append(screen_text(app))
                await pilot.press("escape")
                await pilot.pause()
            team_screen.inbox.focus()  # a closed document gives the focus back to its button
        for key in ("f2", "f3", "f4"):
            await pilot.press(key)
            await pilot.pause()
            seen.append(screen_text(app))
    everything = "\n".join(seen)
    assert "Press conference at noon" in everything
    assert "Police report" in everything
    assert "SECRET" not in everything


def test_a_terminal_writes_only_decisions_and_reports(
    started: Path, team_seat: Callable[..., TeamSeat], clock: FakeClock
) -> None:
    """Reading, opening and marking write nothing to the log; the two sends write one event."""
    run_with_secrets(started, clock)
    seat = team_seat(started)
    before = seat.session.state.seq
    for item in seat.items():
        seat.mark_read(item.key)
    seat.refresh()
    assert seat.session.state.seq == before
    seat.answer("first-call", "wait")
    seat.report("Done.")
    new = seat.session.log[before:]
    assert [(r.type, r.who) for r in new] == [
        ("decision_recorded", "team-1"),
        ("team_report", "team-1"),
    ]
