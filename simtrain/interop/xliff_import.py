"""What an XLIFF file brings to ``l10n/<lang>.yaml``, decided unit by unit, then written once.

A unit's target is taken when it differs from what the export wrote and the source it was
translated from (the ``simtrain:src`` hash the unit carries, else the hash of its ``<source>``)
is still the scenario's. Nothing else is taken, and each refusal is one problem naming the unit:
a changed source (``stale``), a key the scenario does not have (``unknown``), a second unit with
the same id (``duplicate``), a text translated inline in ``scenario.yaml`` (``inline``) or one XML
cannot carry (``unsafe``). An empty or missing target keeps what the translation file has. A stale
entry whose unchanged target the translator confirmed (state ``translated``, ``signed-off`` or
``final``) is taken as reviewed. When nothing is taken, nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from simtrain.interop.xliff import CONFIRMED, XliffError, XliffFile, current
from simtrain.scenario.catalog import Catalog, language_code, placeholders, source_hash
from simtrain.scenario.l10n_status import Written, source_lines, write_translation
from simtrain.scenario.loader import LoadedScenario

ProblemKind = Literal["stale", "unknown", "duplicate", "inline", "unsafe", "mismatch"]
REFUSED: frozenset[ProblemKind] = frozenset({"stale", "unknown", "duplicate", "inline", "unsafe"})
"""Problems that leave a unit out; ``mismatch`` (placeholders differ) is taken and warned."""


@dataclass(frozen=True)
class UnitProblem:
    kind: ProblemKind
    unit: str


@dataclass
class Plan:
    """What an import takes, leaves and refuses."""

    lang: str
    taken: dict[str, str] = field(default_factory=dict)
    unchanged: int = 0
    kept: int = 0
    """Units with an empty target: the translation file keeps its text."""
    problems: list[UnitProblem] = field(default_factory=list)

    @property
    def refused(self) -> int:
        return sum(problem.kind in REFUSED for problem in self.problems)


def target_language(loaded: LoadedScenario, xliff: XliffFile, asked: str | None) -> str:
    """The language an import writes: the file's, which must be the one asked for (if any), a
    language code, and not the scenario's own; its source language must be the scenario's."""
    source = loaded.scenario.language
    found = language_code(xliff.source_lang or "")
    if found != source:
        raise XliffError("source_lang", found=xliff.source_lang or "-", lang=source)
    if xliff.scenario is not None and xliff.scenario != loaded.scenario.id:
        raise XliffError("other_scenario", found=xliff.scenario, scenario=loaded.scenario.id)
    lang = language_code(xliff.target_lang or "")
    if lang is None:
        raise XliffError("no_target_lang", found=xliff.target_lang or "-")
    if asked is not None and lang != asked:
        raise XliffError("lang_mismatch", found=xliff.target_lang or "-", lang=asked)
    if lang == source:
        raise XliffError("target_is_source", lang=lang)
    return lang


def plan_import(loaded: LoadedScenario, xliff: XliffFile, lang: str) -> Plan:
    """Each unit weighed against the scenario and ``l10n/<lang>.yaml`` as they are now."""
    catalog = Catalog(loaded.scenario, loaded.folder)
    translation = catalog.translation(lang)
    plan = Plan(lang)
    seen: set[str] = set()
    for unit in xliff.units:
        if unit.id in seen:
            plan.problems.append(UnitProblem("duplicate", unit.id))
            continue
        seen.add(unit.id)
        if unit.id not in catalog.fields:
            if unit.translate:  # a locked unit we do not know is a listed document
                plan.problems.append(UnitProblem("unknown", unit.id))
            continue
        now = current(catalog, translation, unit.id, lang)
        if not unit.target:
            plan.kept += 1
            continue
        source = catalog.source(unit.id)
        made_from = unit.src or (source_hash(unit.source) if unit.source is not None else "")
        if unit.target == now.target:
            confirmed = unit.state in CONFIRMED and now.state == "needs-review-translation"
            if confirmed and not now.lock and made_from == source_hash(source):
                plan.taken[unit.id] = translation.entries[unit.id].text
            else:
                plan.unchanged += 1
            continue
        if now.lock:
            plan.problems.append(
                UnitProblem("inline" if now.lock == "inline" else "unsafe", unit.id)
            )
            continue
        if made_from != source_hash(source):
            plan.problems.append(UnitProblem("stale", unit.id))
            continue
        plan.taken[unit.id] = unit.target
        if placeholders(unit.target) != placeholders(source):
            plan.problems.append(UnitProblem("mismatch", unit.id))
    return plan


def apply_plan(
    loaded: LoadedScenario,
    plan: Plan,
    labels: dict[str, str],
    known: frozenset[str] = frozenset(),
) -> Written | None:
    """Write what the plan takes through the ``--update`` writer (atomic, ``.bak`` kept), with
    the current source's hashes; None, and no file touched, when it takes nothing."""
    if not plan.taken:
        return None
    lines = source_lines(loaded)
    return write_translation(loaded, plan.lang, lines, labels, plan.taken, known)
