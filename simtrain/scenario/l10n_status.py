"""Translation coverage: what each promised language lacks, and the translator's file writer.

A translator's loop is: ``simtrain i18n PATH --update --lang it`` (every key, in source order, each
with its source beside it as a comment, new ones empty), fill in, ``simtrain i18n PATH --strict``.
Nothing a translator wrote is ever dropped: stale entries are flagged, with the source they were
translated from beside the new one; an orphan whose source is that of one untranslated text (a
renamed id) moves there; other orphans are kept at the end (:mod:`.l10n_notes`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from simtrain import yamlio, yamlwrite
from simtrain.atomic import SHARED, atomic_write
from simtrain.errors import KeyedError
from simtrain.scenario.catalog import (
    Catalog,
    Entry,
    doc_mark,
    is_binary,
    is_language_code,
    parse_translation,
    placeholders,
    source_hash,
    strip_mark,
    translated_doc,
)
from simtrain.scenario.l10n_notes import find_moves, previous_sources
from simtrain.scenario.loader import LoadedScenario
from simtrain.scenario.paths import attachment_problem

FindingKind = Literal[
    "missing", "stale", "orphaned", "mismatch", "missing_doc", "stale_doc", "binary_doc"
]


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    key: str
    file: Path
    line: int
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class LanguageReport:
    lang: str
    total: int
    """Texts and documents."""
    done: int = 0
    findings: list[Finding] = field(default_factory=list)
    documents: int = 0
    """How many of ``total`` are attached documents (each translated as a file)."""
    documents_done: int = 0

    def count(self, *kinds: FindingKind) -> int:
        return sum(f.kind in kinds for f in self.findings)


def source_lines(loaded: LoadedScenario) -> dict[str, int]:
    """The line in ``scenario.yaml`` where each text key's source stands."""
    root = yamlio.compose(loaded.text)
    catalog = Catalog(loaded.scenario, loaded.folder)
    lines: dict[str, int] = {}
    for key, text_field in catalog.fields.items():
        lines[key] = yamlio.locate(root, text_field.path).line
    return lines


def is_stale(entry: Entry, source: str) -> bool:
    return entry.stale_flag or entry.src != source_hash(source)


def coverage(loaded: LoadedScenario, lang: str, lines: dict[str, int]) -> LanguageReport:
    """What ``lang`` has, lacks and has wrong, each finding placed at a file and line."""
    catalog = Catalog(loaded.scenario, loaded.folder)
    translation = catalog.translation(lang)
    report = LanguageReport(lang, total=len(catalog.fields))
    for key, text_field in catalog.fields.items():
        source = catalog.source(key)
        inline = text_field.value.get(lang) if isinstance(text_field.value, dict) else None
        entry = translation.entries.get(key)
        if inline:
            text, file, line = inline, loaded.file, lines[key]
        elif entry is not None and entry.text:
            text, file, line = entry.text, translation.file, entry.line
            if is_stale(entry, source):
                report.findings.append(Finding("stale", key, file, line))
                continue
        elif entry is not None:  # written out by --update, waiting for its text
            report.findings.append(Finding("missing", key, translation.file, entry.line))
            continue
        else:
            report.findings.append(Finding("missing", key, loaded.file, lines[key]))
            continue
        expected, found = placeholders(source), placeholders(text)
        if expected != found:
            report.findings.append(
                Finding(
                    "mismatch",
                    key,
                    file,
                    line,
                    {"expected": _names(expected), "found": _names(found)},
                )
            )
            continue
        report.done += 1
    moves = find_moves(catalog, translation, {})
    moving = {orphan: target for target, orphan in moves.moved.items()}
    for key, entry in translation.entries.items():
        if key not in catalog.fields:
            params = {"to": moving[key]} if key in moving else {}
            report.findings.append(Finding("orphaned", key, translation.file, entry.line, params))
    _documents(loaded, catalog, lang, report)
    return report


def _documents(loaded: LoadedScenario, catalog: Catalog, lang: str, report: LanguageReport) -> None:
    """Attached documents count as texts too: each needs its ``docs/NAME.LANG.md``."""
    for name in catalog.attachments():
        report.total += 1
        report.documents += 1
        translated = loaded.folder / translated_doc(name, lang)
        if not translated.is_file():
            report.findings.append(Finding("missing_doc", name, translated, 1))
            continue
        if is_binary(translated):
            report.findings.append(Finding("binary_doc", name, translated, 1))
            continue
        source = (loaded.folder / name).read_text(encoding="utf-8", errors="replace")
        mark = doc_mark(translated.read_text(encoding="utf-8", errors="replace"))
        if mark is not None and (mark[1] or mark[0] != source_hash(source)):
            flagged = {"marked": True} if mark[1] else {}
            report.findings.append(Finding("stale_doc", name, translated, 1, flagged))
            continue
        report.done += 1
        report.documents_done += 1


def mark_documents(loaded: LoadedScenario, lang: str) -> None:
    """Record in each translated document which source it translates, flagging changed sources.

    A document without a mark is taken as a translation of the current source; a mark that no
    longer matches becomes ``stale`` until the translator updates the text and removes the flag.
    A file that is not UTF-8 text is never rewritten (``i18n`` reports it).
    """
    catalog = Catalog(loaded.scenario, loaded.folder)
    root = loaded.folder.resolve()
    for name in catalog.attachments():
        translated = loaded.folder / translated_doc(name, lang)
        if attachment_problem(root, translated_doc(name, lang)) is not None:
            continue  # missing, or not a file inside the folder: nothing of ours to stamp
        if is_binary(translated) or is_binary(loaded.folder / name):
            continue
        source = (loaded.folder / name).read_text(encoding="utf-8", errors="replace")
        current = source_hash(source)
        text = translated.read_text(encoding="utf-8", errors="replace")
        mark = doc_mark(text)
        if mark is None:
            atomic_write(translated, f"<!-- src: {current} -->\n{text}", mode=None)
        elif mark[0] != current and not mark[1]:
            body = strip_mark(text)
            atomic_write(translated, f"<!-- src: {current} stale -->\n{body}", mode=None)


def _names(names: frozenset[str]) -> str:
    return ", ".join("{" + n + "}" for n in sorted(names)) or "-"


class TranslationWriteError(KeyedError):
    """``--update`` did not write: the file it would replace has problems, or what it would write
    does not read back as the same entries (nothing is touched in either case)."""

    PREFIX = "i18n"


@dataclass(frozen=True)
class Written:
    path: Path
    total: int
    new: int
    """Texts the file had no entry for."""
    stale: int
    backup: Path | None = None
    """Where the previous file was kept, when there was one and it changed."""
    empty: int = 0
    """Entries the file already had, still waiting for their text."""
    moved: tuple[tuple[str, str], ...] = ()
    """``(old key, new key)`` of each orphaned translation moved to its renamed text."""
    ambiguous: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Orphans left where they were: their source matches more than one text."""


@dataclass(frozen=True)
class Item:
    """One entry as the writer lays it out: its values, and the comments a translator reads."""

    key: str
    text: str
    src: str = ""
    stale: bool = False
    where: str = ""
    """``scenario.yaml:LINE``, after the key."""
    notes: tuple[str, ...] = ()
    """Comment lines under the key: the source text, the stale warning."""


def backup_path(path: Path) -> Path:
    """Where ``--update`` keeps the previous translation file: ``l10n/it.yaml.bak``."""
    return path.with_name(path.name + ".bak")


def _file_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def write_translation(
    loaded: LoadedScenario,
    lang: str,
    lines: dict[str, int],
    labels: dict[str, str],
    taken: Mapping[str, str] | None = None,
    known: frozenset[str] = frozenset(),
) -> Written:
    """Rewrite ``l10n/<lang>.yaml`` with every key in source order, keeping every translation.

    ``labels`` holds the translator-facing comment words (``source``, ``stale``, ``before``,
    ``now``) in the interface language; ``known`` the source words of every interface language,
    to read the previous comments back (:mod:`.l10n_notes`). Every entry keeps its source beside
    it; a stale one shows the source it was translated from (``before``) above the new one
    (``now``). An orphaned translation whose ``src`` is the hash of exactly one untranslated
    text's source is moved to that text (a renamed id). The previous file is kept as
    ``l10n/<lang>.yaml.bak``; the new one replaces it all at once. Raises
    :class:`TranslationWriteError` (touching nothing) when the file in place has problems (a
    syntax error, a wrong ``language:``, an unknown key: rewriting would lose what the translator
    meant) or when what would be written does not read back as the same entries. ``taken`` holds
    texts brought in from elsewhere (an XLIFF file), each a translation of the current source:
    it replaces the entry's text and clears its stale flag.
    """
    if not is_language_code(lang):
        raise TranslationWriteError("bad_lang", lang=lang)
    catalog = Catalog(loaded.scenario, loaded.folder)
    translation = catalog.translation(lang)
    if translation.problems:
        raise TranslationWriteError("update_refused", path=str(translation.file))
    taken = taken or {}
    words = known | {labels["source"], labels.get("before", ""), labels.get("now", "")}
    before = previous_sources(_file_text(translation.file), translation, words - {""})
    moves = find_moves(catalog, translation, taken)
    entries = dict(translation.entries)
    for target, orphan in moves.moved.items():
        entries[target] = entries.pop(orphan)
        if orphan in before:
            before[target] = before.pop(orphan)
    where = yamlwrite.comment_safe(loaded.file.name).replace("\n", "\\n")
    items: list[Item] = []
    counts = {"new": 0, "empty": 0, "stale": 0}
    for key, text_field in catalog.fields.items():
        source = catalog.source(key)
        inline = text_field.value.get(lang) if isinstance(text_field.value, dict) else None
        entry = entries.get(key)
        fresh = key in taken
        if inline and entry is None and not fresh:
            continue  # translated inline in scenario.yaml; nothing to write here
        text = taken[key] if fresh else entry.text if entry else ""
        stale = bool(text) and entry is not None and not fresh and is_stale(entry, source)
        if not text:
            counts["empty" if key in translation.entries else "new"] += 1
        counts["stale"] += stale
        notes = _notes(labels, source, before.get(key) if stale else None, stale=stale)
        place = f"{where}:{lines[key]}" if key in lines else where
        items.append(Item(key, text, source_hash(source), stale, place, notes))
    for key, entry in entries.items():
        if key not in catalog.fields:  # orphaned: kept, word for word, at the end
            items.append(Item(key, entry.text, entry.src, entry.stale_flag))
    path = translation.file
    body = checked_body(lang, items, path)
    backup = _replace(path, body)
    return Written(
        path,
        len(catalog.fields),
        counts["new"],
        counts["stale"],
        backup,
        counts["empty"],
        tuple((orphan, target) for target, orphan in moves.moved.items()),
        tuple(moves.ambiguous.items()),
    )


def _notes(labels: dict[str, str], source: str, old: str | None, *, stale: bool) -> tuple[str, ...]:
    """The comments under an entry: its source; for a stale one the warning, and the source it
    was translated from beside the new one when the previous comment still told it."""
    if not stale:
        return tuple(_comment(f"{labels['source']}: ", source))
    notes = _comment("", labels["stale"])
    if old is None or old == source or "before" not in labels:
        return tuple(notes + _comment(f"{labels['source']}: ", source))
    notes += _comment(f"{labels['before']}: ", old)
    return tuple(notes + _comment(f"{labels['now']}: ", source))


def checked_body(lang: str, items: list[Item], path: Path) -> str:
    """The file's text, read back before it is written: the same entries, or no file at all."""
    expected = {item.key: (item.text, item.src, item.stale) for item in items}
    for quoted in (False, True):
        body = render_translation(lang, items, quoted=quoted)
        back = parse_translation(body, path, lang)
        found = {e.key: (e.text, e.src, e.stale_flag) for e in back.entries.values()}
        if not back.problems and found == expected:
            return body
    raise TranslationWriteError("unwritable", path=str(path))


def _replace(path: Path, body: str) -> Path | None:
    """Write ``body`` to ``path`` atomically, keeping what was there as ``.bak``."""
    data = body.encode("utf-8")
    try:
        old: bytes | None = path.read_bytes()
    except FileNotFoundError:
        old = None
    if old == data:
        return None  # nothing changed: the last backup stays the one worth keeping
    path.parent.mkdir(exist_ok=True)
    backup = None
    if old is not None:
        backup = backup_path(path)
        atomic_write(backup, old, mode=SHARED)
    atomic_write(path, data, mode=SHARED)
    return backup


def render_translation(lang: str, items: list[Item], *, quoted: bool = False) -> str:
    """The translation file for ``items``: each entry dumped by :mod:`simtrain.yamlwrite` (so
    any text reads back as itself), its comments where they cannot change what is read."""
    out = [f"language: {lang}", "entries:"]
    for item in items:
        values: dict[str, object] = {"src": item.src} if item.src else {}
        if item.stale:
            values["stale"] = True
        values["text"] = item.text
        lines = _indented(yamlwrite.dump_exact({item.key: values}, quoted=quoted), "  ")
        head = lines[0]
        if head.endswith(":") and not head.startswith("  ? "):  # ``key:`` then its values
            out.append(f"{head}  # {item.where}" if item.where else head)
            out += [f"    {note}".rstrip() for note in item.notes]
            out += lines[1:]
        else:  # a long or unusual key: the comments go above the entry
            notes = [f"# {item.where}"] if item.where else []
            out += [f"  {note}".rstrip() for note in (*notes, *item.notes)]
            out += lines
    return "\n".join(out) + "\n"


def _comment(prefix: str, text: str) -> list[str]:
    """Comment lines (without their indent) showing ``text``, each YAML line break escaped."""
    lines = yamlwrite.comment_safe(text.rstrip("\n")).split("\n")
    first, rest = lines[0], lines[1:]
    return [f"# {prefix}{first}", *(f"#   {line}" for line in rest)]


def _indented(block: str, indent: str) -> list[str]:
    """Each line of a dumped block, indented; empty lines stay empty (a kept block's trailing
    empty lines are its text)."""
    return [indent + line if line else line for line in block.removesuffix("\n").split("\n")]
