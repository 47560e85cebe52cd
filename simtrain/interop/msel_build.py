"""``simtrain import``: a scenario's data from an MSEL grid, each problem placed at its cell.

Rows become injects in their order. Phases come from the phase column (or the day number), in
programme order; roles from the "to" and "responsible role" columns, characters from "from",
objectives from the expected actions; ids are kept where the sheet has them and made from titles
where it has none. Conditions written in words are read back; what cannot be read is kept in
the control note, with a warning, and the inject is timed at its phase's start. Texts the sheet
cannot hold (briefings, character briefs) are left as placeholders for the author.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from simtrain.i18n import UI_LANGUAGES, Translator
from simtrain.interop import msel_cells as cells
from simtrain.interop.msel_columns import SheetProblem, Where, unneutralise
from simtrain.interop.msel_header import Header
from simtrain.interop.msel_read import Grid
from simtrain.interop.msel_words import Reader
from simtrain.scenario.ids import is_id
from simtrain.scenario.model import AUTO_CHANNELS, CHANNELS


@dataclass
class Row:
    """One data row: its number and its cells by column key."""

    number: int
    values: dict[str, str]
    where: dict[str, Where]


@dataclass
class Draft:
    row: Row
    ident: str = ""
    phase: str = ""
    day: int | None = None
    data: dict[str, Any] = field(default_factory=dict)
    trigger: str = ""
    guard: str = ""


def _words(key: str) -> dict[str, str]:
    """A locale word in every language, case-folded -> the word's key."""
    return {Translator(lang)(key).casefold(): key for lang in UI_LANGUAGES}


def channel_names() -> dict[str, str]:
    names = {c: c for c in CHANNELS}
    for lang in UI_LANGUAGES:
        t = Translator(lang)
        names.update({t(f"channels.{c}").casefold(): c for c in CHANNELS})
    names.update({"e-mail": "email", "call": "phone", "telephone": "phone", "letter": "document"})
    names.update({"press": "media", "in person": "meeting", "face to face": "meeting"})
    return names


class Builder:
    """Turns rows into scenario data; collects problems instead of stopping at the first."""

    def __init__(self, grid: Grid, header: Header, lang: str) -> None:
        self.grid, self.header, self.lang = grid, header, lang
        self.t = Translator(lang)
        self.problems: list[SheetProblem] = []
        self.reader = Reader(lang)
        self.channels = channel_names()
        self.delivery = {
            **{w: "auto" for w in _words("msel.delivery.auto")},
            **{w: "confirm" for w in _words("msel.delivery.confirm")},
            "auto": "auto",
            "confirm": "confirm",
            "manual": "confirm",
        }
        self.control = {*_words("briefing.handbook.control_cell"), "control", "exercise control"}
        self.everyone = {*_words("briefing.handbook.all_roles"), "all", "все", "tutti"}
        self.roles: dict[str, str] = {}  # name -> id
        self.characters: dict[str, str] = {}
        self.character_channels: dict[str, set[str]] = {}
        self.objectives: dict[str, str] = {}  # id -> text
        self.phases: dict[str, tuple[str, int | None, int]] = {}  # title -> id, day, max offset
        self.inject_ids: set[str] = set()
        self.expect_ids: set[str] = set()
        self.option_ids: set[str] = set()
        self.role_ids: set[str] = set()
        self.character_ids: set[str] = set()
        self.phase_ids: set[str] = set()

    def problem(self, severity: str, key: str, where: Where, **params: Any) -> None:
        self.problems.append(SheetProblem(severity, key, where, params))  # type: ignore[arg-type]

    def rows(self) -> list[Row]:
        rows = []
        formulas = set(self.grid.formulas)
        for number, values in self.grid.rows[self.header.index + 1 :]:
            by_key: dict[str, str] = {}
            where: dict[str, Where] = {}
            for key, col in self.header.columns.items():
                raw = values[col] if col < len(values) else ""
                by_key[key] = unneutralise(raw) if self.grid.where.sheet is None else raw
                where[key] = self.grid.where.at(col, number)
                if (col, number) in formulas:
                    self.problem("warning", "formula", where[key], value=raw[:40])
            if any(by_key.values()):
                rows.append(Row(number, by_key, where))
        return rows

    # --- first pass: everything but the conditions ------------------------------------------

    def draft(self, row: Row, previous: Draft | None) -> Draft:
        v, w = row.values, row.where
        draft = Draft(row)
        title, message = v.get("title", ""), v.get("message", "")
        if not title and not message:
            self.problem("error", "no_text", w.get("title") or w["message"])
        title = title or message.split("\n", 1)[0][:80]
        message = message or title
        draft.data = {"title": title, "message": message}
        self._when(draft, previous)
        self._id(draft, title)
        self._people(draft)
        self._channel(draft)
        return draft

    def _when(self, draft: Draft, previous: Draft | None) -> None:
        v, w = draft.row.values, draft.row.where
        lines = [line.strip() for line in v.get("when", "").splitlines() if line.strip()]
        guards = [line for line in lines[1:] if self.reader.is_guard(line)]
        trigger = " ".join(line for line in lines if line not in guards)
        draft.guard = guards[0] if guards else ""
        day = cells.parse_day(v["day"]) if v.get("day") else None
        if v.get("day") and day is None:
            self.problem("error", "bad_day", w["day"], value=v["day"][:40])
        time = cells.parse_time(trigger) if trigger else None
        if time is not None:
            day = time[0] if time[0] is not None else day
            draft.data["at"] = time[1]
        elif trigger:
            draft.trigger = trigger
        elif v.get("day") or "when" not in w:
            self.problem("error", "no_when", w.get("when") or w["day"])
        else:
            self.problem("error", "no_when", w["when"])
        phase = v.get("phase", "")
        if not phase and previous is not None and day in (None, previous.day):
            phase, day = previous.phase, previous.day  # merged or left blank: the row above
        if not phase and day is None:
            day = 1
        if not phase:
            phase = self.t("msel.day_title", day=day)
        draft.phase, draft.day = phase, day

    def _id(self, draft: Draft, title: str) -> None:
        v, w = draft.row.values, draft.row.where
        given = v.get("id", "")
        if given and not is_id(given):
            self.problem("warning", "bad_id", w["id"], value=given[:40], id=cells.slug(given))
            given = cells.slug(given)
        if given and given in self.inject_ids:
            self.problem("error", "duplicate_id", w["id"], id=given)
        base = given or cells.slug(title)
        draft.ident = cells.unique(base, self.inject_ids, f"inject-{draft.row.number}")

    def _people(self, draft: Draft) -> None:
        v = draft.row.values
        sender = v.get("from", "")
        if sender and sender.casefold() not in self.control:
            draft.data["from"] = self._named(sender, self.characters, self.character_ids, "person")
        to = v.get("to", "")
        if not to or to.casefold() in self.everyone:
            draft.data["to"] = "all"
        else:
            draft.data["to"] = [self.role(name) for name in cells.split_names(to)]

    def role(self, name: str) -> str:
        return self._named(name, self.roles, self.role_ids, "role")

    def _named(self, name: str, table: dict[str, str], taken: set[str], fallback: str) -> str:
        if name not in table:
            table[name] = cells.unique(cells.slug(name), taken, f"{fallback}-{len(table) + 1}")
        return table[name]

    def _channel(self, draft: Draft) -> None:
        v, w = draft.row.values, draft.row.where
        word = v.get("channel", "")
        channel = self.channels.get(word.casefold())
        if channel is None:
            key = "no_channel" if not word else "bad_channel"
            self.problem("error", key, w.get("channel", w["title"]), value=word[:40], known="")
            channel = "document"
        draft.data["channel"] = channel
        if "from" in draft.data:
            self.character_channels.setdefault(draft.data["from"], set()).add(channel)
        word = v.get("delivery", "")
        delivery = self.delivery.get(word.casefold()) if word else None
        if word and delivery is None:
            self.problem("warning", "bad_delivery", w["delivery"], value=word[:40])
        default = "auto" if channel in AUTO_CHANNELS else "confirm"
        if delivery is not None and delivery != default:
            draft.data["delivery"] = delivery
