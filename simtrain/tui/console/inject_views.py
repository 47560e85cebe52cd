"""Views of one inject, without Textual: the detail pane and the rating form.

The companions of :mod:`views` for the selected inject: the detail pane (everything the control
cell needs, never shown to trainees) and the rating dialog's form, which carries what each team
was already given, so a second rating corrects the first instead of repeating it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from simtrain.live.run_view import RunView
from simtrain.scenario.durations import format_clock
from simtrain.scenario.model import Inject
from simtrain.session.events import AdhocInject
from simtrain.session.state import AdhocRecord, Delivery
from simtrain.tui.console import rate_facts
from simtrain.tui.console.rate_facts import ActionTerms
from simtrain.tui.console.views import Row, one_line, phase_name

# --- the inject detail -----------------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """A piece of the detail pane: a heading, a scenario text (maybe a fallback), or words."""

    kind: Literal["heading", "content", "words"]
    text: str
    style: str = ""
    fallback: bool = False


@dataclass(frozen=True)
class DetailView:
    pieces: tuple[Piece, ...]
    mark: str
    """The fallback mark of this interface language."""


def detail_view(view: RunView, row: Row) -> DetailView:
    """The selected inject as the control cell needs it: never shown to trainees."""
    t = view.t
    mark = t("console.fallback_mark")
    if row.adhoc is not None:
        return DetailView(tuple(_adhoc_pieces(view, row.adhoc)), mark)
    inject = row.inject
    assert inject is not None
    return DetailView(tuple(_inject_pieces(view, inject)), mark)


def _adhoc_pieces(view: RunView, adhoc: AdhocInject) -> list[Piece]:
    """An ad-hoc inject: who sends it to which roles, its message, its expected actions."""
    t = view.t
    sender = adhoc.from_ or view.character_name(adhoc.character)
    to = (
        t("console.all")
        if adhoc.to == "all"
        else ", ".join(view.role_name(r).text for r in adhoc.to)
    )
    out = [
        Piece("words", adhoc.title, "bold"),
        Piece("words", "\n" + t("console.adhoc_label") + "\n", "italic"),
        Piece("words", f"{t(f'channels.{adhoc.channel}')} · {sender} → {to}\n\n", "dim"),
        Piece("words", adhoc.message),
    ]
    if adhoc.expect:
        out.append(Piece("heading", t("console.detail.expect")))
    for action in adhoc.expect:
        line = _expect_line(view, action.by, action.points, None, action.objective)
        out += [Piece("words", f"• [{action.id}] ", "bold"), Piece("words", action.text)]
        out += [Piece("words", f"  {line}", "dim"), Piece("words", "\n")]
    return out


def _expect_line(view: RunView, by: str, points: int, within: int | None, objective: str) -> str:
    """The line under an expected action, for a scenario's inject and an ad-hoc one alike: the
    role, the points, the window (an ad-hoc action has none) and the objective by its label."""
    t = view.t
    return t(
        "console.detail.expect_line",
        role=view.role_name(by).text,
        points=points,
        window=t.span(within) if within else "—",
        objective=view.objective_label(objective).text,
    )


def _inject_pieces(view: RunView, inject: Inject) -> list[Piece]:
    t, key = view.t, f"injects.{inject.id}"

    def content(name: str) -> Piece:
        resolved = view.text(f"{key}.{name}")
        return Piece("content", resolved.text.rstrip(), fallback=resolved.fallback)

    title = view.text(f"{key}.title")
    out = [Piece("content", title.text, "bold", title.fallback)]
    out += [Piece("words", _meta(view, inject), "dim"), Piece("words", "\n")]
    out += [Piece("heading", t("console.detail.message")), content("message")]
    if inject.control_note is not None:
        out += [Piece("heading", t("console.detail.control_note")), content("control_note")]
    if inject.attachments:
        out.append(Piece("heading", t("console.detail.attachments")))
        out += [Piece("words", f"• {name}\n") for name in inject.attachments]
        out.append(Piece("words", t("console.detail.open_hint") + "\n", "dim italic"))
    if inject.expect:
        out.append(Piece("heading", t("console.detail.expect")))
        for action in inject.expect:
            line = _expect_line(view, action.by, action.points, action.within, action.objective)
            out += [
                Piece("words", f"• [{action.id}] ", "bold"),
                content(f"expect.{action.id}.text"),
            ]
            out += [Piece("words", f"  {line}", "dim"), Piece("words", "\n")]
    if inject.decision is not None:
        out += [Piece("heading", t("console.detail.decision")), content("decision.prompt")]
        for option in inject.decision.options:
            out.append(Piece("words", f"  ◦ [{option.id}] ", "bold"))
            out.append(content(f"decision.options.{option.id}.text"))
    return out


def _meta(view: RunView, inject: Inject) -> str:
    t = view.t
    phase = phase_name(view, inject.phase)
    if inject.at is not None:
        when = t("console.detail.at", phase=phase, time=format_clock(inject.at))
    else:
        when = t("console.detail.after", phase=phase, delay=t.span(inject.delay))
    to = (
        t("console.all")
        if inject.to == "all"
        else ", ".join(view.role_name(r).text for r in inject.to)
    )
    delivery = (
        t("console.detail.confirm") if inject.confirmed_by_control else t("console.detail.auto")
    )
    sender = view.character_name(inject.from_)
    return " · ".join((when, t(f"channels.{inject.channel}"), f"{sender} → {to}", delivery))


# --- the rating dialog -----------------------------------------------------------------------


@dataclass(frozen=True)
class Given:
    """What one team was already given on one inject: a rating and note per action, an option."""

    ratings: Mapping[str, tuple[str, str]]
    option: str | None


@dataclass(frozen=True)
class RateView:
    inject: str
    teams: tuple[tuple[str, str], ...]
    """(id, name) of the teams it was delivered to."""
    actions: tuple[tuple[str, str], ...]
    """(id, text) of each expected action."""
    options: tuple[tuple[str, str], ...]
    """(id, text) of the decision's options; empty without a decision."""
    given: Mapping[str, Given]
    """By team id."""
    roles: tuple[str, ...] = ()
    """The name of the role behind each expected action, in the order of ``actions``."""
    reports: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """By team id: the latest report behind each action, one line (that role's seat's latest,
    else the team's latest; empty when the team has reported nothing)."""
    facts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """By team id: each action's objective (short label), points and window with its deadline
    (:func:`rate_facts.facts`)."""


def rate_view(view: RunView, inject: Inject, teams: Sequence[str]) -> RateView:
    state, key = view.session.state, f"injects.{inject.id}"
    given = {}
    options = inject.decision.options if inject.decision is not None else ()
    for tid in teams:
        ts = state.teams[tid]
        ratings = {}
        for action in inject.expect:
            record = ts.rating(action.id)
            if record is not None:
                ratings[action.id] = (record.rating, record.note)
        chosen = [o.id for o in options if o.id in ts.chosen]
        given[tid] = Given(ratings, chosen[0] if chosen else None)
    rate = RateView(
        inject.id,
        tuple((tid, state.teams[tid].team.name) for tid in teams),
        tuple((a.id, view.text(f"{key}.expect.{a.id}.text").text) for a in inject.expect),
        tuple((o.id, view.text(f"{key}.decision.options.{o.id}.text").text) for o in options),
        given,
        facts=rate_facts.facts(
            view,
            [ActionTerms(a.id, a.objective, a.points, a.within) for a in inject.expect],
            {tid: _delivered_at(state.teams[tid].delivered.get(inject.id)) for tid in teams},
        ),
    )
    return with_roles(view, rate, [a.by for a in inject.expect])


def _delivered_at(delivery: Delivery | None) -> int | None:
    return None if delivery is None else delivery.at


def with_roles(view: RunView, rate: RateView, roles: Sequence[str]) -> RateView:
    """``rate`` with the role behind each action and, per team, the report the evaluator rates
    from: the latest one written from that role's seat, else the team's latest."""
    reports: dict[str, tuple[str, ...]] = {}
    for tid, _ in rate.teams:
        written = view.session.state.teams[tid].reports
        latest = one_line(written[-1].text, 90) if written else ""
        by_role: dict[str | None, str] = {}
        for report in written:
            by_role[view.seat(report.who).role] = one_line(report.text, 90)
        reports[tid] = tuple(by_role.get(role, latest) for role in roles)
    names = tuple(view.role_name(role).text for role in roles)
    return replace(rate, roles=names, reports=reports)


def adhoc_rate_view(view: RunView, record: AdhocRecord, teams: Sequence[str]) -> RateView:
    """The rating form of an ad-hoc inject: its expected actions as the control cell wrote them
    (one language, no decision), for the teams it reached."""
    state, actions = view.session.state, record.event.expect
    given = {}
    for tid in teams:
        ts = state.teams[tid]
        ratings = {}
        for action in actions:
            rated = ts.rating(action.id)
            if rated is not None:
                ratings[action.id] = (rated.rating, rated.note)
        given[tid] = Given(ratings, None)
    rate = RateView(
        record.event.adhoc,
        tuple((tid, state.teams[tid].team.name) for tid in teams),
        tuple((a.id, a.text) for a in actions),
        (),
        given,
        facts=rate_facts.facts(
            view,
            [ActionTerms(a.id, a.objective, a.points) for a in actions],
            dict.fromkeys(teams, record.at),
        ),
    )
    return with_roles(view, rate, [a.by for a in actions])
