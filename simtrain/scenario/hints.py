"""What an author probably meant: ids of every kind, names in every language, words of their own.

A reference that fails is looked up everywhere before it is called unknown: among the ids of the
other kinds (an expected action's id under ``delivered:``), among the names and titles written in
the scenario's language and its translations (``to: [Ispettore del lavoro]``), and among the words
of the interface languages for the values the format spells in English (``tutti``, ``телефон``).
Those words live in ``locales/*.yaml`` under ``author_words``, where translators own them.

Everything here reads plain data, valid or not: it runs when the model refused a file too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from simtrain import yamlio
from simtrain.i18n import UI_LANGUAGES, messages
from simtrain.scenario.ids import is_id

Path_ = tuple[str | int, ...]

ID_KINDS = ("objective", "role", "character", "phase", "inject", "expect", "option")
"""Every namespace of ids a scenario declares, in the order the file declares them."""

FIELD_KIND = {
    "to": "role",
    "by": "role",
    "from": "character",
    "phase": "phase",
    "objective": "objective",
    "delivered": "inject",
    "done": "expect",
    "missed": "expect",
    "chose": "option",
}
"""What kind of id each referring key names."""

CONDITION_KEYS = {"inject": ("delivered",), "expect": ("done", "missed"), "option": ("chose",)}
"""The condition keys that test an id of each kind."""

MAX_LISTED = 12
"""Ids listed in one message; a longer list is cut with an ellipsis."""

_SECTIONS = {"objectives": "objective", "roles": "role", "characters": "character"}
_NAME_KEYS = {"name", "title", "text"}


def normal(text: object) -> str:
    """Text to compare as an author means it: no case, no accents, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.replace("_", " ").replace("-", " ").split()).strip(" .\"'«»")


@cache
def author_words() -> dict[str, str]:
    """Each word of an interface language (``tutti``, ``все``, ``telefono``) to the value the
    format spells in English (``all``, ``phone``), from every locale's ``author_words``."""
    table: dict[str, str] = {}
    for lang in UI_LANGUAGES:
        for key, value in messages(lang).items():
            if key.startswith("author_words.") and isinstance(value, str):
                meant = key.split(".", 1)[1]
                for word in value.split(","):
                    if word.strip():
                        table.setdefault(normal(word), meant)
    return table


def meant_word(value: object, choices: Sequence[str]) -> str:
    """The allowed value an author's own word stands for (``telefono`` -> ``phone``), or ''."""
    if not isinstance(value, str):
        return ""
    meant = author_words().get(normal(value), "")
    return meant if meant in choices else ""


_CYRILLIC = {
    letter: latin.strip("'")
    for letter, latin in zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch ' y ' e yu ya i i e g".split(),  # noqa: SIM905, E501
        strict=True,
    )
}


def id_from(text: object) -> str:
    """A valid id built from what an author wrote: Latin letters only, accents dropped,
    Cyrillic transliterated, spaces to ``-`` (``Minorità`` -> ``minorita``,
    ``звонок в отдел`` -> ``zvonok-v-otdel``); '' when nothing usable is left."""
    if not isinstance(text, str):
        return ""
    lowered = "".join(_CYRILLIC.get(c, c) for c in text.casefold())
    decomposed = unicodedata.normalize("NFKD", lowered)
    ascii_text = "".join(c for c in decomposed if c.isascii() and not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9_]+", "-", ascii_text).strip("-")[:64].strip("-")
    return slug if is_id(slug) and slug != text else ""


def listed(ids: Sequence[str]) -> str:
    """Ids for a message: at most :data:`MAX_LISTED`, then an ellipsis."""
    shown = ", ".join(ids[:MAX_LISTED])
    return shown + ", …" if len(ids) > MAX_LISTED else shown


def _items(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        yield from (v for v in value.values() if isinstance(v, str))


def _declared(data: Any) -> Iterator[tuple[str, Any, Path_, Any]]:
    """Every declared id with its kind, its path and its name or title, from plain data."""
    if not isinstance(data, Mapping):
        return
    for section, kind in _SECTIONS.items():
        for i, item in enumerate(_items(data.get(section))):
            if isinstance(item, Mapping):
                name = item.get("text" if kind == "objective" else "name")
                yield kind, item.get("id"), (section, i, "id"), name
    for i, item in enumerate(_items(data.get("phases"))):
        if isinstance(item, Mapping):
            yield "phase", item.get("id"), ("phases", i, "id"), item.get("title")
    for i, inject in enumerate(_items(data.get("injects"))):
        if not isinstance(inject, Mapping):
            continue
        yield "inject", inject.get("id"), ("injects", i, "id"), inject.get("title")
        for k, action in enumerate(_items(inject.get("expect"))):
            if isinstance(action, Mapping):
                at: Path_ = ("injects", i, "expect", k, "id")
                yield "expect", action.get("id"), at, action.get("text")
        decision = inject.get("decision")
        options = decision.get("options") if isinstance(decision, Mapping) else None
        for k, option in enumerate(_items(options)):
            if isinstance(option, Mapping):
                at = ("injects", i, "decision", "options", k, "id")
                yield "option", option.get("id"), at, option.get("text")


def _kind_of_key(parts: list[str]) -> str | None:
    """``roles.ngo.name`` -> role, ``injects.x.expect.y.text`` -> expect: a translated name's
    kind, or None for a text that names nothing (a briefing, a message)."""
    if len(parts) == 3 and parts[0] in _SECTIONS and parts[2] in _NAME_KEYS:
        return _SECTIONS[parts[0]]
    if len(parts) == 3 and parts[0] == "phases" and parts[2] == "title":
        return "phase"
    if len(parts) == 3 and parts[0] == "injects" and parts[2] == "title":
        return "inject"
    if len(parts) == 5 and parts[2] == "expect" and parts[4] == "text":
        return "expect"
    if len(parts) == 6 and parts[3] == "options" and parts[5] == "text":
        return "option"
    return None


def _translated_names(folder: Path | None) -> Iterator[tuple[str, str, str]]:
    """(kind, id, name) of every name and title in the folder's translation files."""
    directory = folder / "l10n" if folder is not None else None
    if directory is None or not directory.is_dir():
        return
    for file in sorted(directory.glob("*.yaml")):
        try:
            data = yamlio.load_file(file)
        except yamlio.YamlProblem:
            continue
        entries = data.get("entries") if isinstance(data, Mapping) else None
        if not isinstance(entries, Mapping):
            continue
        for key, entry in entries.items():
            parts = str(key).split(".")
            kind = _kind_of_key(parts)
            text = entry.get("text") if isinstance(entry, Mapping) else None
            if kind is not None and isinstance(text, str) and text.strip():
                ident = parts[-2] if kind in ("expect", "option") else parts[1]
                yield kind, ident, text


@dataclass
class Namespaces:
    """The ids a scenario declares, by kind, and the names that stand for them."""

    ids: dict[str, dict[str, Path_]] = field(default_factory=dict)
    names: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def of(cls, data: Any, folder: Path | None) -> Namespaces:
        spaces = cls({k: {} for k in ID_KINDS}, {k: {} for k in ID_KINDS})
        for kind, ident, path, name in _declared(data):
            if is_id(ident):  # an invalid declaration has its own error: never suggest it
                spaces.ids[kind].setdefault(ident, path)
                for text in _texts(name):
                    spaces.names[kind].setdefault(normal(text), ident)
        for kind, ident, text in _translated_names(folder):
            if ident in spaces.ids[kind]:
                spaces.names[kind].setdefault(normal(text), ident)
        return spaces

    def kinds_of(self, ident: str) -> list[str]:
        """The kinds that declare ``ident``."""
        return [kind for kind in ID_KINDS if ident in self.ids[kind]]

    def by_name(self, kind: str, text: object) -> str:
        """The id of the ``kind`` whose name or title (in any language) is ``text``, or ''."""
        if not isinstance(text, str) or not text.strip():
            return ""
        return self.names.get(kind, {}).get(normal(text), "")

    def listed(self, kind: str) -> str:
        return listed(list(self.ids.get(kind, {})))
