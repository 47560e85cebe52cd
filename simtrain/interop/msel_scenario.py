"""The second pass of ``simtrain import``: expected actions, decisions, conditions, and the
scenario put together (see :mod:`msel_build` for the first).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from simtrain.interop import msel_cells as cells
from simtrain.interop.msel_build import Builder, Draft
from simtrain.interop.msel_columns import SheetProblem
from simtrain.interop.msel_header import Header
from simtrain.interop.msel_read import Grid
from simtrain.scenario.durations import format_clock, format_duration
from simtrain.scenario.ids import is_id

DEFAULT_PHASE = 8 * 3600


@dataclass(frozen=True)
class Imported:
    data: dict[str, Any]
    problems: list[SheetProblem]
    injects: int


def build(grid: Grid, header: Header, lang: str, scenario_id: str, title: str) -> Imported:
    b = Builder(grid, header, lang)
    drafts: list[Draft] = []
    for row in b.rows():
        drafts.append(b.draft(row, drafts[-1] if drafts else None))
    for draft in drafts:
        _expect(b, draft)
        _decision(b, draft)
    titles: dict[str, list[str]] = {}
    for draft in drafts:
        titles.setdefault(draft.data["title"], []).append(draft.ident)

    def resolve(ref: str) -> str | None:
        if len(titles.get(ref, ())) == 1:
            return titles[ref][0]
        return ref if ref in b.inject_ids else None

    for draft in drafts:
        _conditions(b, draft, resolve)
    phases = _phases(b, drafts)
    ids = {p["title"]: p["id"] for p in phases}
    injects = [_inject(draft, ids) for draft in drafts]
    data = _scenario(b, scenario_id, lang, title, phases, injects)
    return Imported(data, b.problems, len(injects))


def _expect(b: Builder, draft: Draft) -> None:
    v, w = draft.row.values, draft.row.where
    if not v.get("expect"):
        return
    actions = cells.parse_expect(v["expect"])
    roles = cells.parse_roles_by_action(v.get("role", ""), len(actions))
    to = draft.data["to"]
    out = []
    for n, (action, role) in enumerate(zip(actions, roles, strict=True), 1):
        where = w["expect"]
        if role is None and isinstance(to, list) and len(to) == 1:
            by = to[0]
        elif role is None:
            b.problem("error", "no_role", w.get("role", where), n=n)
            by = b.role(b.t("msel.placeholder.role"))
        else:
            by = b.role(role)
        ident = action.ident if action.ident and is_id(action.ident) else ""
        if ident and ident in b.expect_ids:
            b.problem("error", "duplicate_expect", where, id=ident)
        ident = cells.unique(
            ident or cells.slug(action.text, 40), b.expect_ids, f"{draft.ident}-{n}"
        )
        objective = _objective(b, action.objective)
        item: dict[str, Any] = {"id": ident, "by": by, "text": action.text or ident}
        item["objective"] = objective
        if action.points not in (None, ""):
            if not str(action.points).isdigit() or int(str(action.points)) > 1000:
                b.problem("error", "bad_points", where, n=n, value=str(action.points)[:20])
            else:
                item["points"] = int(str(action.points))
        window = cells.parse_window(action.window or "")
        if window is False:
            b.problem("error", "bad_window", where, n=n, value=str(action.window)[:20])
        elif window is not None:
            item["within"] = format_duration(int(window))
        out.append(item)
    draft.data["expect"] = out


def _objective(b: Builder, value: str | None) -> str:
    value = (value or "").strip()
    if not value or value == cells.NONE:
        value = b.t("msel.placeholder.objective_name")
    if is_id(value):
        b.objectives.setdefault(value, b.t("msel.placeholder.objective", id=value))
        return value
    for ident, text in b.objectives.items():
        if text == value:
            return ident
    ident = cells.unique(
        cells.slug(value, 40), set(b.objectives), f"objective-{len(b.objectives) + 1}"
    )
    b.objectives[ident] = value
    return ident


def _decision(b: Builder, draft: Draft) -> None:
    v, w = draft.row.values, draft.row.where
    if not v.get("decision"):
        return
    prompt, options = cells.parse_decision(v["decision"])
    if len(options) < 2 or not prompt:
        b.problem("error", "bad_decision", w["decision"])
        return
    parsed = []
    for n, (ident, text) in enumerate(options, 1):
        if ident and ident in b.option_ids:
            b.problem("error", "duplicate_option", w["decision"], id=ident)
        base = ident if ident and is_id(ident) else cells.slug(text, 40)
        parsed.append({"id": cells.unique(base, b.option_ids, f"{draft.ident}-o{n}"), "text": text})
    draft.data["decision"] = {"prompt": prompt, "options": parsed}


def _conditions(b: Builder, draft: Draft, resolve: Any) -> None:
    known = {"delivered": b.inject_ids, "done": b.expect_ids, "missed": b.expect_ids}
    known["chose"] = b.option_ids

    def checked(condition: dict[str, Any] | None) -> dict[str, Any] | None:
        if condition is None:
            return None
        for kind, value in condition.items():
            if kind in known and value not in known[kind]:
                return None
            if kind in ("all", "any") and any(checked(c) is None for c in value):
                return None
            if kind == "not" and checked(value) is None:
                return None
        return condition

    w = draft.row.where
    notes = []
    if draft.trigger:
        found = b.reader.trigger(draft.trigger, resolve)
        if found is not None and checked(found["after"]) is not None:
            draft.data["after"] = found["after"]
            if found["delay"]:
                draft.data["delay"] = format_duration(found["delay"])
        else:
            b.problem("warning", "condition_unread", w["when"], words=draft.trigger[:60])
            notes.append(b.t("msel.unread_trigger", words=draft.trigger))
            draft.data["at"] = 0
    if draft.guard:
        guard = checked(b.reader.guard(draft.guard, resolve))
        if guard is not None:
            draft.data["when"] = guard
        else:
            b.problem("warning", "guard_unread", w["when"], words=draft.guard[:60])
            notes.append(b.t("msel.unread_guard", words=draft.guard))
    note = draft.row.values.get("note", "")
    if notes:
        note = "\n\n".join([*notes, note] if note else notes)
    if note:
        draft.data["control_note"] = note


def _phases(b: Builder, drafts: list[Draft]) -> list[dict[str, Any]]:
    """The phases in programme order: by day number, a phase without one after the phase
    above it; each long enough for its latest inject (a working day at least)."""
    first: dict[str, int] = {}
    days: dict[str, int] = {}
    longest: dict[str, int] = {}
    carried = 0
    for k, draft in enumerate(drafts):
        first.setdefault(draft.phase, k)
        carried = draft.day if draft.day is not None else carried
        days[draft.phase] = min(days.get(draft.phase, carried), carried)
        longest[draft.phase] = max(longest.get(draft.phase, 0), int(draft.data.get("at") or 0))
    titles = sorted(first, key=lambda p: (days[p], first[p]))
    phases = []
    for n, title in enumerate(titles, 1):
        hours = max(DEFAULT_PHASE, -(-(longest[title] + 3600) // 3600) * 3600)
        ident = cells.unique(cells.slug(title), b.phase_ids, f"phase-{n}")
        phases.append({"id": ident, "title": title, "duration": format_duration(hours)})
    return phases


def _inject(draft: Draft, phases: dict[str, str]) -> dict[str, Any]:
    d = draft.data
    out: dict[str, Any] = {"id": draft.ident, "phase": phases[draft.phase]}
    if "after" in d:
        out["after"] = d["after"]
        if "delay" in d:
            out["delay"] = d["delay"]
    else:
        at = d.get("at", 0)
        out["at"] = format_clock(at, with_seconds=bool(at % 60))
    if "when" in d:
        out["when"] = d["when"]
    for key in ("from", "to", "channel", "delivery", "title", "message", "control_note"):
        if key in d:
            out[key] = d[key]
    for key in ("expect", "decision"):
        if key in d:
            out[key] = d[key]
    return out


def _scenario(
    b: Builder, ident: str, lang: str, title: str, phases: list[Any], injects: list[Any]
) -> dict[str, Any]:
    t = b.t
    roles = [
        {"id": rid, "name": name, "briefing": t("msel.placeholder.briefing")}
        for name, rid in b.roles.items()
    ]
    if not roles:
        roles = [
            {
                "id": "team",
                "name": t("msel.placeholder.team"),
                "briefing": t("msel.placeholder.briefing"),
            }
        ]
    characters = [
        {
            "id": cid,
            "name": name,
            "played_by": "actor" if "actor" in b.character_channels.get(cid, set()) else "control",
            "brief": t("msel.placeholder.brief"),
        }
        for name, cid in b.characters.items()
    ]
    data: dict[str, Any] = {"simtrain": 1, "id": ident, "language": lang, "title": title}
    if b.objectives:
        data["objectives"] = [{"id": k, "text": v} for k, v in b.objectives.items()]
    data["roles"] = roles
    if characters:
        data["characters"] = characters
    data["phases"] = phases
    data["injects"] = injects
    return data
