"""What a rehearsal run shows: the machine-readable result and the timeline a facilitator reads.

Both are read off the session the run wrote, never off the script, so they report what the engine
did: a rehearsal that passes its checks but delivers at a surprising moment shows that moment.
The timeline's words come from the fold (team names) or through :func:`simtrain.sanitize.visible`
(notes, reports, who did it), one line an event: a script's text never drives the terminal.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from simtrain.i18n import Translator
from simtrain.live.score_text import who_name
from simtrain.rehearse.runner import RunResult
from simtrain.sanitize import visible
from simtrain.scenario.durations import format_clock
from simtrain.session import events as ev
from simtrain.session.hseep import Score
from simtrain.session.session import Session


def clock_text(seconds: int) -> str:
    """``H:MM``, or ``H:MM:SS`` when the seconds matter: readable, and parseable as a duration."""
    return format_clock(seconds, with_seconds=seconds % 60 != 0)


def result_json(result: RunResult, t: Translator, script: Path | None = None) -> dict[str, Any]:
    """The machine-readable outcome: what each team was delivered and skipped, and its score."""
    session = result.session
    scores = session.scores()
    teams: dict[str, Any] = {}
    for team_id, ts in session.state.teams.items():
        delivered = sorted(ts.delivered.values(), key=lambda d: d.seq)
        skipped = sorted(ts.skipped.values(), key=lambda s: s.seq)
        total = scores[team_id]
        teams[team_id] = {
            "roles": list(ts.team.roles),
            "delivered": [{"inject": d.inject, "at": clock_text(d.at)} for d in delivered],
            "skipped": [
                {"inject": s.inject, "at": clock_text(s.at), "reason": s.reason} for s in skipped
            ],
            "score": {
                "percent": total.total.percent,
                "by_objective": {o: s.percent for o, s in total.by_objective.items()},
                "by_role": {r: s.percent for r, s in total.by_role.items()},
            },
        }
    data: dict[str, Any] = {"scenario": session.scenario.id}
    if script is not None:
        data["script"] = str(script)
    data["ok"] = result.ok
    data["failures"] = [{"step": f.where, "message": f.message(t)} for f in result.failures]
    data["teams"] = teams
    return data


def timeline(result: RunResult, t: Translator) -> Iterator[str]:
    """Each team's run in time order, as a facilitator would read it back."""
    session = result.session
    scores = session.scores()
    for team in (ts.team for ts in session.state.teams.values()):  # names as the fold shows them
        yield t("rehearse.team_header", team=team.id, name=team.name, roles=", ".join(team.roles))
        for recorded in session.log:
            line = _timeline_line(session, team.id, recorded, t)
            if line:
                yield f"  {clock_text(recorded.at):>7}  {line}"
        yield "  " + _score_line(scores[team.id].total, scores[team.id].by_objective, t)


def _timeline_line(session: Session, team: str, r: ev.Recorded, t: Translator) -> str | None:
    """One event as the team's line, or None when it is not the team's (or a repeat delivery)."""
    e = r.event
    if isinstance(e, ev.PhaseStarted):
        return t("rehearse.line.phase", phase=e.phase)
    if getattr(e, "team", None) != team:
        return None
    match e:
        case ev.InjectDelivered(inject=inject):
            first = session.state.teams[team].delivered.get(inject)
            if first is None or first.seq != r.seq:
                return None
            return t("rehearse.line.delivered", inject=inject, who=who_name(r.who, t))
        case ev.InjectSkipped(inject=inject, reason=reason):
            key = "skipped_guard" if reason == "guard" else "skipped"
            return t(f"rehearse.line.{key}", inject=inject)
        case ev.RatingGiven(expect=expect, rating=rating):
            return t("rehearse.line.rated", expect=expect, rating=rating)
        case ev.DecisionRecorded(option=option):
            return t("rehearse.line.chose", option=_line(option))
        case ev.TeamReport(text=text):
            return t("rehearse.line.report", text=_line(text))
        case ev.NoteAdded(text=text):
            return t("rehearse.line.note", text=_line(text))
    return None


def _line(text: str) -> str:
    """Logged words on the timeline's one line, every terminal control shown as a placeholder."""
    return visible(text, multiline=False)


def _score_line(total: Score, by_objective: Mapping[str, Score], t: Translator) -> str:
    """``punteggio: 60,4% (protect 0%, …)``: percentages as the language writes them (Babel)."""
    if total.percent is None:
        return t("rehearse.score_none")
    parts = ", ".join(
        f"{o} {t.percent(s.percent, 1)}" for o, s in by_objective.items() if s.percent is not None
    )
    return t("rehearse.score", percent=t.percent(total.percent, 1), objectives=parts or "-")
