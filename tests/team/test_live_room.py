"""Issue 12, the team side: ad-hoc injects addressed to roles and rated (M6), the "To:" line
(M7), the clock that stops when no console is seen (M4), Enter that sends a decision and says so
(M5), a team found by its name (M10), a second answer shown as late (S20).

Each test works on a real session file, from separate connections as the console and the
terminals do; the screen tests go through the real app with Pilot.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Static

from simtrain.i18n import Translator
from simtrain.report.aar_build import build
from simtrain.report.wording import entry_detail
from simtrain.session import events as ev
from simtrain.session.session import Session
from simtrain.session.store_protocol import SessionError
from simtrain.tui.common.dialogs import ConfirmScreen
from simtrain.tui.console.facilitator import AdhocAction, Facilitator
from simtrain.tui.console.views import log_text
from simtrain.tui.team.app import TeamApp
from simtrain.tui.team.seat import TeamError, TeamSeat
from simtrain.tui.team.team_screen import TeamScreen
from simtrain.tui.team.views import CONTACT_GRACE
from tests.team.conftest import FakeClock, console_seen, control_append

SIZE = (120, 40)


def facilitator(path: Path, clock: FakeClock) -> Facilitator:
    return Facilitator(Session.open(path), Translator("en"), clock=clock)


def screen_text(app: TeamApp) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


# --- M6: an ad-hoc inject with a sender, roles and an expected action -----------------------


@pytest.fixture
def split_teams(tmp_path: Path, scenario_folder: Path, clock: FakeClock) -> Path:
    """Alpha covers both roles, Bravo only the investigator's."""
    from simtrain.scenario.loader import load_scenario

    path = tmp_path / "split.simtrain"
    teams = (
        ev.Team(id="team-1", name="Alpha", roles=("investigator", "ngo")),
        ev.Team(id="team-2", name="Bravo", roles=("investigator",)),
    )
    Session.create(path, load_scenario(scenario_folder), teams, wall_time=clock()).close()
    control_append(path, clock, ev.ClockStarted(), ev.PhaseStarted(phase="day-1"))
    return path


def test_an_adhoc_inject_reaches_only_teams_covering_its_roles_and_is_rated(
    split_teams: Path, clock: FakeClock, team_seat: Callable[..., TeamSeat]
) -> None:
    f = facilitator(split_teams, clock)
    action = AdhocAction("Calls the consul back", "ngo", "identify", 20)
    f.adhoc("Call from the embassy", "The consul calls.", "phone", "all", to=("ngo",),
            sender="duty-officer", expect=[action])  # fmt: skip
    state = f.session.state
    assert state.teams["team-1"].adhoc == ("adhoc-1",)
    assert state.teams["team-2"].adhoc == ()  # Bravo covers no role it is addressed to
    expect_id = state.adhoc["adhoc-1"].event.expect[0].id
    assert expect_id == "adhoc-1-1"
    before = f.session.scores()["team-1"].total
    f.rate("team-1", {expect_id: ("P", "well done")})
    after = f.session.scores()["team-1"]
    assert after.total.rated == before.rated + 1
    assert after.by_objective["identify"].rated == 1
    assert [a.inject for a in after.actions] == ["adhoc-1"]
    # the report counts and shows the rated ad-hoc action, and names the character as sender
    report = build(f.session)
    alpha = next(s for s in report.teams if s.id == "team-1")
    row = next(a for a in alpha.actions if a.expect == expect_id)
    assert (row.status, row.rating, row.points, row.text.text) == (
        "rated", "P", 20, "Calls the consul back"
    )  # fmt: skip
    entry = next(e for e in alpha.timeline if e.kind == "adhoc")
    assert entry.source is not None and entry.source.text == "Duty officer Rossi"
    assert report.totals["team-1"].rated == after.total.rated
    f.session.close()
    # the team terminal shows the character as the sender, and the role it is for
    seat = team_seat(split_teams)
    item = seat.item("a:adhoc-1")
    assert item is not None
    assert item.sender.text == "Duty officer Rossi"
    assert [r.text for r in item.to] == ["NGO victim support"]
    assert team_seat(split_teams, role="investigator").item("a:adhoc-1") is None
    assert team_seat(split_teams, team="team-2").item("a:adhoc-1") is None


def test_an_adhoc_sender_typed_as_free_text_and_the_checks(
    split_teams: Path, clock: FakeClock, team_seat: Callable[..., TeamSeat]
) -> None:
    f = facilitator(split_teams, clock)
    f.adhoc("Embassy", "", "phone", ("team-2",), sender="Consul of Taskera")
    assert team_seat(split_teams, team="team-2").item("a:adhoc-1").sender.text == (  # type: ignore[union-attr]
        "Consul of Taskera"
    )
    refused = [
        ev.AdhocInject(adhoc="x1", title="t", teams=("team-2",), to=("ngo",)),  # reaches nobody
        ev.AdhocInject(adhoc="x2", title="t", to=("journalist",)),
        ev.AdhocInject(adhoc="x3", title="t", character="nobody"),
        ev.AdhocInject(
            adhoc="x4", title="t",
            expect=(ev.AdhocExpect(id="call-ngo", text="a", by="ngo", objective="identify"),),
        ),  # an id the scenario uses already
        ev.AdhocInject(
            adhoc="x5", title="t", to=("investigator",),
            expect=(ev.AdhocExpect(id="y", text="a", by="ngo", objective="identify"),),
        ),  # a role it is not addressed to
    ]  # fmt: skip
    keys = []
    for event in refused:
        with pytest.raises(SessionError) as raised:
            f.session.append(event, wall_time=clock(), who="control")
        keys.append(raised.value.key)
    assert keys == [
        "adhoc_reaches_nobody",
        "adhoc_unknown_role",
        "adhoc_unknown_character",
        "adhoc_expect_taken",
        "adhoc_expect_role",
    ]
    with pytest.raises(SessionError):  # an expected action nobody wrote
        f.rate("team-1", {"adhoc-9-1": ("P", "")})
    f.session.close()


def test_an_adhoc_inject_of_an_older_log_still_folds() -> None:
    """The new fields have defaults: an event written before them reads as it did then."""
    old = '{"type":"adhoc_inject","adhoc":"adhoc-1","teams":"all","channel":"phone",'
    old += '"title":"Storm","message":"","from_":null}'
    event = ev.event_from_json(old)
    assert isinstance(event, ev.AdhocInject)
    assert (event.to, event.character, event.expect) == ("all", None, ())


# --- M7: the "To:" line ------------------------------------------------------------------


async def test_a_message_says_which_of_the_teams_roles_it_is_for(
    started: Path, clock: FakeClock, team_app: Callable[..., TeamApp]
) -> None:
    control_append(started, clock, ev.InjectDelivered(team="team-1", inject="ngo-mail"))
    for ui, words in (("en", "To: NGO victim support"), ("ru", "Кому: NGO victim support")):
        app = team_app(started, ui=ui)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("down")
            await pilot.pause()
            assert words in screen_text(app)


# --- M4: no console seen, the clock stops ------------------------------------------------


async def test_the_clock_stops_when_no_console_is_seen(
    started: Path,
    clock: FakeClock,
    team_seat: Callable[..., TeamSeat],
    team_app: Callable[..., TeamApp],
) -> None:
    seat = team_seat(started)
    assert seat.clock_view().status == "running"
    clock.advance(CONTACT_GRACE - 1)
    assert seat.clock_view().status == "running"
    clock.advance(35)  # the console was killed: 35 s later the team still reads 0:10:00
    view = seat.clock_view()
    assert (view.status, view.time) == ("no_contact", "0:10:00")
    app = team_app(started, ui="ru")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Нет связи с пультом ведущего — время остановлено" in screen_text(app)
        console_seen(started, clock)  # the console is back
        await pilot.pause(1.2)
        assert "Нет связи" not in screen_text(app)
    seat.session.refresh()
    assert team_seat(started).clock_view().status == "running"


# --- M5: Enter sends the answer, and it says so -------------------------------------------


async def test_enter_in_the_confirmation_sends_the_answer(
    started: Path, clock: FakeClock, team_app: Callable[..., TeamApp]
) -> None:
    control_append(started, clock, ev.InjectDelivered(team="team-1", inject="first-call"))
    app = team_app(started)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("f2", "tab", "enter")  # the first option of the decision
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Enter: Send" in screen_text(app)
        await pilot.press("escape")  # cancelling is said, not silent
        await pilot.pause()
        assert any("Not sent" in n.message for n in app._notifications)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TeamScreen)
        assert any("Answer sent" in n.message for n in app._notifications)
        assert "Your team's answer" in screen_text(app)
    with Session.open(started) as reader:
        assert "interview-now" in reader.state.teams["team-1"].chosen


# --- S20: a second answer is logged and shown as late ---------------------------------------


def test_a_second_answer_is_shown_as_ignored_everywhere(
    started: Path, clock: FakeClock, team_seat: Callable[..., TeamSeat]
) -> None:
    control_append(started, clock, ev.InjectDelivered(team="team-1", inject="first-call"))
    first, second = team_seat(started, role="investigator"), team_seat(started, role="ngo")
    second.item("i:first-call")  # the second seat read the decision before the first answered
    first.answer("first-call", "interview-now")
    # the race: the second seat's check passed before the first answer was written
    second.session.append(
        ev.DecisionRecorded(team="team-1", option="wait"), wall_time=clock(), who="team-1/ngo"
    )
    with pytest.raises(TeamError) as raised:  # and the terminal that sent it is told
        second.answer("first-call", "wait")
    assert raised.value.key == "already_answered"
    f = facilitator(started, clock)
    ts = f.session.state.teams["team-1"]
    assert list(ts.chosen) == ["interview-now"] and [c.option for c in ts.ignored] == ["wait"]
    answers = [r for r in f.session.log if isinstance(r.event, ev.DecisionRecorded)]
    lines = [log_text(f.run_view, r) for r in answers]
    assert "chose “Interview her now.”" in lines[0]
    assert all("too late" in line and "does not count" in line for line in lines[1:])
    report = build(f.session)
    alpha = next(s for s in report.teams if s.id == "team-1")
    assert [d.option for d in alpha.decisions] == ["interview-now"]
    late = [e for e in alpha.timeline if e.kind == "decision" and e.late]
    assert [e.ref for e in late] == ["wait"]
    assert "not counted" in entry_detail(late[0], Translator("en"))
    f.session.close()


# --- M10 and S13: teams by name, names with ':' ------------------------------------------


def test_team_specs_split_on_the_last_colon_only_before_a_role_list() -> None:
    from simtrain.tui.console.opening import TeamSpecError, make_teams

    roles = ["investigator", "ngo"]
    teams = make_teams(["Team: Alpha", "Bravo:ngo", "Charlie:ngo, investigator", "D:x:"], roles)
    assert [(t.name, t.roles) for t in teams] == [
        ("Team: Alpha", ("investigator", "ngo")),
        ("Bravo", ("ngo",)),
        ("Charlie", ("ngo", "investigator")),
        ("D:x", ("investigator", "ngo")),
    ]
    with pytest.raises(TeamSpecError) as raised:
        make_teams(["Alpha:ngo,polce"], roles)
    line = raised.value.render(Translator("en"))
    assert "no role 'polce'" in line and "\n" not in line and "pydantic" not in line


def test_run_with_a_bad_role_in_a_team_spec_is_one_line(scenario_folder: Path) -> None:
    from simtrain.tui.console.opening import OpeningError, start

    with pytest.raises(OpeningError) as raised:
        start(
            Translator("ru"), scenario=scenario_folder, session_path=None,
            team_names=["Альфа:ngo,polce"], direct=True, content_lang=None, clock=lambda: 0.0,
        )  # fmt: skip
    assert "нет роли «polce»" in str(raised.value) and "\n" not in str(raised.value)
