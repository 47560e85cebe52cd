"""The terminology a translator must keep: ``GLOSSARY.md`` beside a scenario, read as a table.

The shipped scenarios share ``scenarios/GLOSSARY.md``: a Markdown table whose header names each
language in that language (``English | Русский | Italiano | Note``), one term a row, variants
split by `` / ``. A scenario folder may hold its own ``GLOSSARY.md``; otherwise the one in the
folder above it is used. Nothing here is required: no file, or a table without the two languages,
gives no terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError

from simtrain.scenario.catalog import is_binary

GLOSSARY_FILE = "GLOSSARY.md"
_MAX_BYTES = 1 << 20
"""A glossary is a page of terms; anything larger is not one and is not read."""
_PARENTHESES = re.compile(r"\s*\([^)]*\)")


@dataclass(frozen=True)
class Term:
    """One row of the glossary for a pair of languages: what to find, and what to write."""

    source: str
    target: str
    patterns: tuple[re.Pattern[str], ...]

    def occurs_in(self, text: str) -> bool:
        return any(pattern.search(text) for pattern in self.patterns)


def find_glossary(folder: Path) -> Path | None:
    """``GLOSSARY.md`` in the scenario's folder, else in the folder holding it."""
    for candidate in (folder / GLOSSARY_FILE, folder.parent / GLOSSARY_FILE):
        if candidate.is_file():
            return candidate
    return None


def read_terms(folder: Path, source_lang: str, target_lang: str) -> list[Term]:
    """The glossary's terms from ``source_lang`` to ``target_lang``; none when it has no such
    columns, is missing, unreadable, not UTF-8 text or too large."""
    path = find_glossary(folder)
    if path is None:
        return []
    try:
        if path.stat().st_size > _MAX_BYTES or is_binary(path):
            return []
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    return parse_terms(text, source_lang, target_lang)


def parse_terms(text: str, source_lang: str, target_lang: str) -> list[Term]:
    """The rows of the first table whose header names both languages."""
    rows = [_cells(line) for line in text.splitlines() if line.lstrip().startswith("|")]
    for i, header in enumerate(rows):
        columns = {_language_of(cell): n for n, cell in enumerate(header)}
        if source_lang in columns and target_lang in columns:
            s, t = columns[source_lang], columns[target_lang]
            return [
                _term(row[s], row[t])
                for row in rows[i + 1 :]
                if len(row) > max(s, t) and row[s] and not set(row[s]) <= set("-: ")
            ]
    return []


def terms_in(terms: list[Term], text: str) -> list[Term]:
    """The glossary terms that occur in ``text``, each once, in the glossary's order."""
    return [term for term in terms if term.occurs_in(text)]


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _language_of(name: str) -> str:
    """The code of a language named in its own words (``Русский`` -> ``ru``), else ``""``."""
    word = name.strip().casefold()
    for code in ("en", "ru", "it", "fr", "de", "es", "pt", "uk", "pl", "ro", "ar", "tr"):
        try:
            own = Locale.parse(code).get_display_name(code)
        except (UnknownLocaleError, ValueError):
            continue
        if own and (word == own.casefold() or word == code):
            return code
    return ""


def _term(source: str, target: str) -> Term:
    """A term found by any of its variants (``a / b``; ``ritual oath (juju)`` also without the
    parentheses), whole words, in any case, with an English plural ``s``."""
    variants: list[str] = []
    for variant in source.split(" / "):
        variants += [variant.strip(), _PARENTHESES.sub("", variant).strip()]
    patterns = tuple(
        re.compile(rf"(?<!\w){re.escape(v)}(?:s|es)?(?!\w)", re.IGNORECASE)
        for v in dict.fromkeys(variants)
        if v
    )
    return Term(source, target, patterns)
