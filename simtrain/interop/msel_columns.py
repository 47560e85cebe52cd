"""The MSEL's columns, their headers in every interface language, and where a cell is.

One row per inject. The columns follow what HSEEP templates and exercise platforms share (time,
serial/id, from, to, method, message, expected player action, responsible, notes), plus the
phase, the delivery and the decision put to the team, which simtrain's injects carry and a
condition on a chosen option needs. Headers are written in the chosen language; reading
recognises the headers of every interface language and the common variants planners type.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

from simtrain.errors import KeyedError
from simtrain.i18n import UI_LANGUAGES, Translator
from simtrain.sanitize import visible

COLUMNS = (
    "when",
    "id",
    "phase",
    "from",
    "to",
    "channel",
    "delivery",
    "title",
    "message",
    "decision",
    "expect",
    "role",
    "note",
)
"""In the order ``simtrain msel`` writes them."""

WIDTHS = {
    "when": 24,
    "id": 22,
    "phase": 20,
    "from": 24,
    "to": 24,
    "channel": 12,
    "delivery": 16,
    "title": 32,
    "message": 70,
    "decision": 44,
    "expect": 70,
    "role": 24,
    "note": 56,
}
"""Column widths in characters, for the spreadsheet and its print-out."""

ALIASES: dict[str, tuple[str, ...]] = {
    "when": (
        "time", "day/time", "day and time", "scenario time", "designated scenario time",
        "inject time", "trigger", "when", "t+", "время", "когда", "время/условие", "ora",
        "orario", "quando", "tempo", "ora scenario",
    ),
    "day": ("day", "day no.", "день", "giorno", "gg"),
    "id": (
        "id", "inject id", "inject no.", "inject #", "serial", "serial no.", "serial number",
        "no.", "#", "ref", "код", "идентификатор", "№", "номер", "codice", "n.", "numero",
    ),
    "phase": ("phase", "stage", "этап", "фаза", "fase"),
    "from": (
        "from", "sender", "source", "originator", "от", "от кого", "отправитель", "источник",
        "da", "mittente", "fonte",
    ),
    "to": (
        "to", "recipient", "recipients", "player", "players", "addressee", "кому", "получатель",
        "получатели", "адресат", "a", "destinatario", "destinatari",
    ),
    "channel": (
        "channel", "method", "mode", "means", "delivery method", "канал", "способ",
        "способ доставки", "canale", "modalità", "mezzo",
    ),
    "delivery": ("delivery", "delivered by", "доставка", "consegna"),
    "title": (
        "title", "subject", "event", "event synopsis", "synopsis", "заголовок", "тема",
        "событие", "titolo", "oggetto", "evento",
    ),
    "message": (
        "message", "body", "inject text", "text", "description", "event description",
        "сообщение", "текст", "описание", "messaggio", "testo", "descrizione",
    ),
    "decision": ("decision", "решение", "decisione"),
    "expect": (
        "expected actions", "expected action", "expected player action",
        "expected player actions", "expected outcome", "ожидаемые действия",
        "ожидаемое действие", "azioni attese", "azione attesa",
    ),
    "role": (
        "responsible role", "responsible", "role", "responsible controller", "ответственный",
        "ответственная роль", "роль", "responsabile", "ruolo", "ruolo responsabile",
    ),
    "note": (
        "control note", "control notes", "notes", "note", "controller notes",
        "evaluator notes", "notes for control", "указания группе управления", "примечания",
        "примечание", "заметки", "note di controllo", "note per il controllo",
    ),
}  # fmt: skip
"""Headers planners type, beside the ones ``msel`` writes in each language (normalised)."""


def normalise_header(text: str) -> str:
    """A header as compared: case-folded, accents kept, spaces collapsed, ``*``/``:`` dropped."""
    text = unicodedata.normalize("NFC", text).casefold().replace("ё", "е")
    text = re.sub(r"\s+", " ", text).strip().rstrip(":*").strip()
    return text


def header_names() -> dict[str, tuple[str, str | None]]:
    """Every header recognised: normalised text -> (column key, its language or None)."""
    names: dict[str, tuple[str, str | None]] = {}
    for key, aliases in ALIASES.items():
        for alias in aliases:
            names.setdefault(normalise_header(alias), (key, None))
    for lang in UI_LANGUAGES:
        t = Translator(lang)
        for key in COLUMNS:
            names[normalise_header(t(f"msel.columns.{key}"))] = (key, lang)
    return names


def column_letter(index: int) -> str:
    """``0`` -> ``A``, ``27`` -> ``AB``: a column as a spreadsheet names it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Where:
    """A place in the spreadsheet: ``msel.xlsx:Injects!C12`` (``msel.csv:C12`` for CSV)."""

    file: str
    sheet: str | None = None
    column: int | None = None
    row: int | None = None

    def at(self, column: int | None, row: int | None) -> Where:
        return Where(self.file, self.sheet, column, row)

    def __str__(self) -> str:
        text = self.file
        if self.column is None and self.row is None:
            return text if self.sheet is None else f"{text}:{self.sheet}"
        cell = (column_letter(self.column) if self.column is not None else "") + (
            str(self.row) if self.row is not None else ""
        )
        return f"{text}:{self.sheet}!{cell}" if self.sheet is not None else f"{text}:{cell}"


Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class SheetProblem:
    """Something wrong (or worth knowing) at a cell, worded late in the reader's language."""

    severity: Severity
    key: str
    where: Where
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, t: Translator) -> str:
        """``msel.xlsx:Injects!C12: error: MESSAGE. HINT`` on one line."""
        params = dict(self.params)
        if "known" in params:  # the channels, in the words of the reader's language
            from simtrain.scenario.model import CHANNELS

            params["known"] = ", ".join(t(f"channels.{c}") for c in CHANNELS)
        message = t(f"msel.problem.{self.key}", **params)
        hint = t(f"msel.hint.{self.key}", **params)
        if hint != f"msel.hint.{self.key}":
            message += f" ({hint})"
        line = f"{self.where}: {t(f'severity.{self.severity}')}: {message}"
        return visible(line, multiline=False)


class MselRefused(KeyedError):
    """A file refused whole (not a spreadsheet, too big, no MSEL in it): one line, exit 2."""

    PREFIX = "msel.refuse"

    def __init__(self, key: str, where: Where, **params: Any) -> None:
        super().__init__(key, **params)
        self.where = where

    def line(self, t: Translator) -> str:
        return visible(f"{self.where}: {self.render(t)}", multiline=False)


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may run as a formula at the start of a CSV cell (as the report's CSV)."""


def neutralise(text: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs: an apostrophe before a formula."""
    return "'" + text if text[:1] in FORMULA_PREFIXES else text


def unneutralise(text: str) -> str:
    """The text :func:`neutralise` protected, read back."""
    return text[1:] if text[:1] == "'" and text[1:2] in FORMULA_PREFIXES and text[1:2] else text
