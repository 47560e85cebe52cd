"""Translation coverage: what each promised language lacks, and the translator's file writer.

A translator's loop is: ``simtrain i18n PATH --update --lang it`` (every key, in source order, new
ones empty with the source beside them), fill in, ``simtrain i18n PATH --strict``. Nothing a
translator wrote is ever dropped: stale entries are flagged, orphaned ones kept at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from simtrain import yamlio
from simtrain.atomic import SHARED, atomic_write
from simtrain.scenario.catalog import (
    L10N_DIR,
    Catalog,
    Entry,
    doc_mark,
    placeholders,
    source_hash,
    strip_mark,
    translated_doc,
)
from simtrain.scenario.loader import LoadedScenario

FindingKind = Literal["missing", "stale", "orphaned", "mismatch", "missing_doc", "stale_doc"]


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
    done: int = 0
    findings: list[Finding] = field(default_factory=list)

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
    for key, entry in translation.entries.items():
        if key not in catalog.fields:
            report.findings.append(Finding("orphaned", key, translation.file, entry.line))
    _documents(loaded, catalog, lang, report)
    return report


def _documents(loaded: LoadedScenario, catalog: Catalog, lang: str, report: LanguageReport) -> None:
    """Attached documents count as texts too: each needs its ``docs/NAME.LANG.md``."""
    for name in catalog.attachments():
        report.total += 1
        translated = loaded.folder / translated_doc(name, lang)
        if not translated.is_file():
            report.findings.append(Finding("missing_doc", name, translated, 1))
            continue
        source = (loaded.folder / name).read_text(encoding="utf-8", errors="replace")
        mark = doc_mark(translated.read_text(encoding="utf-8", errors="replace"))
        if mark is not None and (mark[1] or mark[0] != source_hash(source)):
            report.findings.append(Finding("stale_doc", name, translated, 1))
            continue
        report.done += 1


def mark_documents(loaded: LoadedScenario, lang: str) -> None:
    """Record in each translated document which source it translates, flagging changed sources.

    A document without a mark is taken as a translation of the current source; a mark that no
    longer matches becomes ``stale`` until the translator updates the text and removes the flag.
    """
    catalog = Catalog(loaded.scenario, loaded.folder)
    for name in catalog.attachments():
        translated = loaded.folder / translated_doc(name, lang)
        if not translated.is_file():
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


@dataclass(frozen=True)
class Written:
    path: Path
    total: int
    new: int
    stale: int


def write_translation(
    loaded: LoadedScenario, lang: str, lines: dict[str, int], labels: dict[str, str]
) -> Written:
    """Rewrite ``l10n/<lang>.yaml`` with every key in source order, keeping every translation.

    ``labels`` holds the translator-facing comment words (``source``, ``stale``) in the interface
    language.
    """
    catalog = Catalog(loaded.scenario, loaded.folder)
    translation = catalog.translation(lang)
    scenario_name = loaded.file.name
    out = [f"language: {lang}", "entries:"]
    new = stale = 0
    for key, text_field in catalog.fields.items():
        source = catalog.source(key)
        inline = text_field.value.get(lang) if isinstance(text_field.value, dict) else None
        entry = translation.entries.get(key)
        if inline and entry is None:
            continue  # translated inline in scenario.yaml; nothing to write here
        out.append(f"  {key}:  # {scenario_name}:{lines[key]}")
        text = entry.text if entry is not None else ""
        flagged = False
        if not text:
            new += 1
            out += _comment(f"{labels['source']}: ", source)
        elif is_stale(entry, source) if entry is not None else False:
            stale += 1
            flagged = True
            out += _comment("", labels["stale"])
            out += _comment(f"{labels['source']}: ", source)
        out.append(f"    src: {source_hash(source)}")
        if flagged:
            out.append("    stale: true")
        out += _indented(yamlio.dump({"text": text}), "    ")
    orphans = [e for k, e in translation.entries.items() if k not in catalog.fields]
    for entry in orphans:
        out.append(f"  {entry.key}:")
        out.append(f"    src: {entry.src or '-'}")
        out += _indented(yamlio.dump({"text": entry.text}), "    ")
    path = loaded.folder / L10N_DIR / f"{lang}.yaml"
    path.parent.mkdir(exist_ok=True)
    body = "\n".join(out) + "\n"
    atomic_write(path, body, mode=SHARED)
    return Written(path, len(catalog.fields), new, stale)


def _comment(prefix: str, text: str) -> list[str]:
    lines = text.rstrip("\n").split("\n")
    first, rest = lines[0], lines[1:]
    return [f"    # {prefix}{first}".rstrip(), *(f"    #   {line}".rstrip() for line in rest)]


def _indented(block: str, indent: str) -> list[str]:
    return [indent + line if line else line for line in block.rstrip("\n").split("\n")]
