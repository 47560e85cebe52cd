"""What the translator's file remembers beside its entries: the source each text was translated
from, and translations left behind by a renamed id.

``simtrain i18n --update`` writes the source beside every entry as a comment (``# source: …``;
the word is the interface language's). The ``src`` hash tells *that* a source changed, never
*from what*, so the next ``--update`` reads the previous comment back: the text whose hash is the
entry's ``src`` is the source it was translated from, shown as ``# before: …`` beside the new
``# now: …`` when the entry goes stale. Nothing is stored that a translator has to read past, and
a comment that was edited away only costs the ``before`` line, never a translation.

A renamed id leaves its translation orphaned; when its ``src`` is the hash of exactly one new,
untranslated text's source, the translation belongs there, and ``--update`` moves it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from simtrain.scenario.catalog import Catalog, Entry, Translation, source_hash
from simtrain.yamlwrite import printable

_LABELLED = re.compile(r"# ([^:\n]+):(?: (.*))?")
"""A comment paragraph's first line: ``# LABEL: text`` (a label never holds a colon)."""
_ESCAPE = re.compile(r"\\x([0-9a-f]{2})|\\u([0-9a-f]{4})")


def _unescaped(text: str) -> str:
    """A comment's text as it was before :func:`simtrain.yamlwrite.comment_safe` escaped it."""

    def back(match: re.Match[str]) -> str:
        char = chr(int(match.group(1) or match.group(2), 16))
        return match.group(0) if printable(char) else char

    return _ESCAPE.sub(back, text)


def _comments_at(lines: list[str], line: int) -> list[str]:
    """The comment lines of the entry whose key stands on ``line`` (1-based), without their
    indent: under the key (``key:`` then its values), or above it (a long or unusual key)."""
    out: list[str] = []
    index = line  # the line after the key's
    while index < len(lines) and lines[index].startswith("    #"):
        out.append(lines[index][4:])
        index += 1
    if out:
        return out
    index = line - 2
    while index >= 0 and lines[index].startswith("  #") and not lines[index].startswith("   "):
        out.insert(0, lines[index][2:])
        index -= 1
    return out


def labelled(comments: list[str]) -> list[tuple[str, str]]:
    """Each ``# LABEL: text`` paragraph (its ``#   `` continuation lines joined back) in order."""
    out: list[tuple[str, list[str]]] = []
    for comment in comments:
        if comment == "#" or comment.startswith("#   "):
            if out:
                out[-1][1].append(comment[4:])
            continue
        match = _LABELLED.fullmatch(comment)
        out.append((match.group(1), [match.group(2) or ""]) if match else ("", []))
    return [(label, _unescaped("\n".join(rest))) for label, rest in out if label]


def _made_from(text: str, src: str) -> bool:
    """Whether ``text`` (a comment, its trailing newlines dropped) is the source hashed ``src``."""
    return any(source_hash(text + "\n" * n) == src for n in range(3))


def previous_source(entry: Entry, sources: list[str]) -> str | None:
    """The source ``entry`` was translated from, read back from its source comments (in order).

    A stale-flagged entry was written as ``before``, then ``now`` (whose hash became its ``src``):
    its source is the one before ``now``. Any other entry's is the comment hashed as its ``src``
    (or, when the translator's editor trimmed the comment, the last one).
    """
    match = next(
        (i for i in range(len(sources) - 1, -1, -1) if _made_from(sources[i], entry.src)), None
    )
    if entry.stale_flag:
        if match is not None:
            return sources[match - 1] if match >= 1 else None
        return sources[-2] if len(sources) >= 2 else None
    if match is not None:
        return sources[match]
    return sources[-1] if sources else None


def previous_sources(text: str, translation: Translation, known: frozenset[str]) -> dict[str, str]:
    """Each entry's previous source, from the file's text; ``known`` holds the words a source
    comment may be labelled with (``source``, ``before``, ``now`` in every interface language)."""
    lines = text.split("\n")
    out: dict[str, str] = {}
    for key, entry in translation.entries.items():
        paragraphs = labelled(_comments_at(lines, entry.line))
        found = previous_source(entry, [body for label, body in paragraphs if label in known])
        if found is not None:
            out[key] = found
    return out


@dataclass(frozen=True)
class Moves:
    """Orphaned translations a renamed id left behind: ``moved`` maps each new key to the old one
    whose translation it takes; ``ambiguous`` names orphans that match more than one text."""

    moved: dict[str, str] = field(default_factory=dict)
    ambiguous: dict[str, tuple[str, ...]] = field(default_factory=dict)


def find_moves(catalog: Catalog, translation: Translation, taken: Mapping[str, str]) -> Moves:
    """Which orphans go where: an orphan moves to the one untranslated text (no entry text, not
    inline, not brought in from XLIFF) whose source hashes to its ``src``; an orphan matching two
    texts, or two orphans matching one text, stay where they are."""
    lang = translation.lang
    open_keys: dict[str, list[str]] = {}
    for key, text_field in catalog.fields.items():
        value = text_field.value
        entry = translation.entries.get(key)
        if (isinstance(value, dict) and value.get(lang)) or key in taken:
            continue
        if entry is None or not entry.text:
            open_keys.setdefault(source_hash(catalog.source(key)), []).append(key)
    wanted: dict[str, list[str]] = {}
    ambiguous: dict[str, tuple[str, ...]] = {}
    for key, entry in translation.entries.items():
        if key in catalog.fields or not entry.text or not entry.src:
            continue
        targets = open_keys.get(entry.src, [])
        if len(targets) == 1:
            wanted.setdefault(targets[0], []).append(key)
        elif len(targets) > 1:
            ambiguous[key] = tuple(targets)
    moved: dict[str, str] = {}
    for target, orphans in wanted.items():
        if len(orphans) == 1:
            moved[target] = orphans[0]
        else:
            for orphan in orphans:
                ambiguous[orphan] = (target,)
    return Moves(moved, ambiguous)
