"""English words in a text meant to be Italian or Russian: the shared detector of the
"no English in a Russian or Italian interface" tests (CLI, reports, rehearse output, Textual apps).

``english_words(text, allow)`` returns the suspect words, each once, in the order they appear.

* A text with Cyrillic letters is Russian: every Latin-script word is suspect.
* Any other text is Italian: a word is suspect when it is English, that is a word of
  ``locales/en.yaml``'s values (three letters or more) that occurs in no value of ``it.yaml`` nor
  ``ru.yaml``, less a few words Italian borrowed, plus a fixed list of the words Textual and
  argparse print on their own (``usage``, ``positional``, ``Focus Next``, ``control`` …).

What is never suspect: identifiers and names a person types (``--lang``, ``g1-pattuglia``,
``scenario.yaml``, ``docs/a.md``, anything with a digit, ``_``, ``-``, ``.``, ``/`` or ``+``
inside), ``{placeholders}``, Rich markup tags, what is quoted (``«…»``, ``“…”``, ```…```: an id,
a key, what the user typed), product and format names (``simtrain``, ``YAML``, ``HSEEP``…),
key labels (``Esc``, ``Tab``, ``Enter``, ``Del``, ``Ctrl``, ``Shift``, ``Alt``), and whatever
the caller lists in ``allow`` (compared without case).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

LOCALES = Path(__file__).resolve().parent.parent / "locales"


def _listed(words: str) -> frozenset[str]:
    return frozenset(words.split())


PRODUCT_NAMES = _listed(
    """simtrain textual rich argparse markdown html json csv xlsx xls yaml yml msel hseep osce
    sqlite xliff pdf svg png utf url http https babel python pip ods excel libreoffice vscode
    code git linux windows macos tmux ssh"""
)
"""Names of products and formats, the same in every language."""

KEY_LABELS = _listed("esc tab enter del ctrl shift alt")
"""Key labels as printed on a keyboard (F1–F12 hold a digit, so are never suspect)."""

LOANWORDS = _listed(
    """radio video email mail online file computer media chat sms web link browser hotel bar taxi
    standard sport film report manager team leader meeting briefing debriefing check list
    password login software hardware server client desktop laptop smartphone internet download
    upload backup privacy stop tablet blog news show staff sponsor plus default
    case code pause hoc task status"""
)
"""Words Italian took from English and writes as such: never suspect in an Italian text
(``show`` too, as in «talk show»; argparse's ``show this help`` is caught by its other words),
and English spellings of Italian words (``case``, ``code``, ``pause``; ``ad hoc``))."""

TOOL_VOCABULARY = _listed(
    """usage positional arguments argument options optional help message exit focus next previous
    copy selected search commands command quit application theme screenshot keys key panel space
    maximize minimize toggle palette invalid choice unrecognized expected required following
    ambiguous allowed ignored explicit version program the and this that with not one from
    control press close delete escape home page scroll cancel submit yes save open show
    dark light mode bindings binding shortcut shortcuts tooltip select unselect clear"""
)
"""What Textual and argparse print of their own, and ``control`` (the control cell's id)."""

_QUOTED = re.compile(r"«[^»\n]*»|“[^”\n]*”|`[^`\n]*`|\{[a-z_][a-z0-9_]*\}")
_MARKUP = re.compile(r"\[/?[a-z@#$][a-z0-9 _.,=#$@()'-]*\]")
_TOKEN = re.compile(r"[\w.\-/\\@+#'’]+")
_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_IDENTIFIER_MARKS = frozenset("_/\\@#+.-")


def _values(node: Any) -> Iterable[str]:
    if isinstance(node, dict):
        for value in node.values():
            yield from _values(value)
    elif isinstance(node, list):
        for value in node:
            yield from _values(value)
    elif node is not None:
        yield str(node)


def locale_values(lang: str) -> list[str]:
    """Every string value of ``locales/<lang>.yaml`` (plural forms included)."""
    data = yaml.safe_load((LOCALES / f"{lang}.yaml").read_text(encoding="utf-8"))
    return list(_values(data))


def _words(text: str) -> set[str]:
    text = _MARKUP.sub(" ", re.sub(r"\{[a-z_][a-z0-9_]*\}", " ", text))
    return {w.lower() for w in _WORD.findall(text)}


@cache
def english_vocabulary() -> frozenset[str]:
    """The words taken as English in a text meant to be Italian (see the module's docstring)."""
    english: set[str] = set()
    for value in locale_values("en"):
        english |= {w for w in _words(value) if len(w) >= 3 and not _CYRILLIC.search(w)}
    for lang in ("it", "ru"):
        for value in locale_values(lang):
            english -= _words(value)
    return frozenset((english - LOANWORDS) | TOOL_VOCABULARY)


def _candidates(text: str) -> Iterable[str]:
    """The plain words of ``text`` outside quotes, markup and identifiers."""
    text = _MARKUP.sub(" ", _QUOTED.sub(" ", text))
    for match in _TOKEN.finditer(text):
        token = match.group().strip(".'’")
        if not token or token.startswith("-"):
            continue
        if any(c.isdigit() for c in token) or _IDENTIFIER_MARKS & set(token):
            continue  # an id, an option, a file name, a path, a key chord
        for part in re.split(r"['’]", token):
            if _WORD.fullmatch(part):
                yield part


def english_words(text: str, allow: Collection[str] = ()) -> list[str]:
    """The English (or, in a Russian text, Latin-script) words of ``text``, once each, in order."""
    allowed = {a.lower() for a in allow} | PRODUCT_NAMES | KEY_LABELS
    russian = bool(_CYRILLIC.search(text))
    vocabulary = english_vocabulary()
    found: list[str] = []
    for word in _candidates(text):
        lower = word.lower()
        if lower in allowed or word in found or _CYRILLIC.search(word):
            continue
        if not _LATIN.search(word):
            continue
        if (russian and len(word) > 1) or lower in vocabulary:
            found.append(word)
    return found
