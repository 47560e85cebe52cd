"""Cross-checks the model cannot express alone: ids, references, cycles, attachments, coverage.

Each check returns problems with a path into the YAML, so the loader can place them at a line and
column. Errors make a scenario unplayable; warnings point at what is probably a mistake (an inject
scheduled after its phase ends, a role nobody writes to) but leave the author the last word.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from simtrain.scenario.catalog import (
    L10N_DIR,
    is_binary,
    is_language_code,
    language_code,
    text_fields,
)
from simtrain.scenario.conditions import Condition, references
from simtrain.scenario.durations import format_clock
from simtrain.scenario.hints import CONDITION_KEYS, FIELD_KIND, Namespaces, meant_word
from simtrain.scenario.model import Inject, Scenario
from simtrain.scenario.paths import attachment_problem, document_files
from simtrain.scenario.problems import Problem, suggest
from simtrain.scenario.stats import RATIO, scenario_stats

Path_ = tuple[str | int, ...]


def cross_check(scenario: Scenario, folder: Path) -> list[Problem]:
    """Every cross-check, errors and warnings together, in the order they appear in the file."""
    problems: list[Problem] = []
    problems += _unique_ids(scenario)
    problems += _languages(scenario)
    problems += _references(scenario, folder)
    problems += _cycles(scenario)
    problems += _attachments(scenario, folder)
    problems += _l10n_names(folder)
    problems += _coverage(scenario)
    problems += _balance(scenario)
    return problems


def _unique_ids(scenario: Scenario) -> Iterator[Problem]:
    groups: list[tuple[str, Iterable[tuple[str, Path_]]]] = [
        ("objective", ((o.id, ("objectives", i, "id")) for i, o in enumerate(scenario.objectives))),
        ("role", ((r.id, ("roles", i, "id")) for i, r in enumerate(scenario.roles))),
        ("character", ((c.id, ("characters", i, "id")) for i, c in enumerate(scenario.characters))),
        ("phase", ((p.id, ("phases", i, "id")) for i, p in enumerate(scenario.phases))),
        ("inject", ((j.id, ("injects", i, "id")) for i, j in enumerate(scenario.injects))),
        ("expect", _expect_ids(scenario)),
        ("option", _option_ids(scenario)),
    ]
    for kind, items in groups:
        seen: dict[str, Path_] = {}
        for ident, path in items:
            if ident in seen:
                params = {"kind": kind, "id": ident}
                yield Problem("error", "duplicate_id", params, path=path, related=(seen[ident],))
            seen.setdefault(ident, path)


def _expect_ids(scenario: Scenario) -> Iterator[tuple[str, Path_]]:
    for i, inject in enumerate(scenario.injects):
        for k, action in enumerate(inject.expect):
            yield action.id, ("injects", i, "expect", k, "id")


def _option_ids(scenario: Scenario) -> Iterator[tuple[str, Path_]]:
    for i, inject in enumerate(scenario.injects):
        if inject.decision:
            for k, option in enumerate(inject.decision.options):
                yield option.id, ("injects", i, "decision", "options", k, "id")


def _languages(scenario: Scenario) -> Iterator[Problem]:
    for i, lang in enumerate(scenario.translations):
        if lang == scenario.language:
            yield Problem(
                "error", "translation_is_source", {"lang": lang}, path=("translations", i)
            )
    for text_field in text_fields(scenario):
        if isinstance(text_field.value, dict) and scenario.language not in text_field.value:
            yield Problem(
                "error",
                "inline_without_source",
                {"lang": scenario.language},
                path=text_field.path,
            )


_SWAPPED = {("to", "character"): "refs.sender_in_from", ("from", "role"): "refs.recipients_in_to"}
"""A character where the recipients go, a role where the sender goes: say where each belongs."""


class _Lookup:
    """Every namespace of ids and every name, read only once a reference has failed."""

    def __init__(self, scenario: Scenario, folder: Path | None) -> None:
        self.scenario = scenario
        self.folder = folder
        self._spaces: Namespaces | None = None

    @property
    def spaces(self) -> Namespaces:
        if self._spaces is None:
            data = self.scenario.model_dump(by_alias=True, exclude_none=True)
            self._spaces = Namespaces.of(data, self.folder)
        return self._spaces

    def ref(self, kind: str, ident: str, known: Iterable[str], path: Path_) -> Problem:
        """An id that names no ``kind``: what it names instead, or the closest, or the list."""
        field = next((str(e) for e in reversed(path) if isinstance(e, str)), "")
        spaces = self.spaces
        found = next((k for k in spaces.kinds_of(ident) if k != kind), None)
        listing = {"ids": spaces.listed(kind), "kind": kind}
        if found is not None:
            params = {"id": ident, "found_kind": found, "wanted_kind": kind, **listing}
            if field in FIELD_KIND and FIELD_KIND[field] in CONDITION_KEYS:
                hint = f"refs.use.{found}" if found in CONDITION_KEYS else "refs.condition_tests"
            else:
                hint = _SWAPPED.get((field, found), f"refs.known.{kind}")
            return Problem("error", "refs.other_kind", params, path=path, hints=(hint,))
        named = spaces.by_name(kind, ident)
        if named:
            return Problem("error", "refs.name_not_id", {"value": ident, "id": named}, path=path)
        if field == "to" and meant_word(ident, ("all",)):
            return Problem("error", "refs.to_all_item", {"value": ident}, path=path)
        suggestion = suggest(ident, list(known))
        params = {"kind": kind, "id": ident, "suggestion": suggestion, **listing}
        hints = () if suggestion else (f"refs.known.{kind}",)
        return Problem("error", "unknown_ref", params, path=path, hints=hints)


def _references(scenario: Scenario, folder: Path | None = None) -> Iterator[Problem]:
    lookup = _Lookup(scenario, folder)
    _ref = lookup.ref
    roles = {r.id for r in scenario.roles}
    characters = {c.id for c in scenario.characters}
    objectives = {o.id for o in scenario.objectives}
    phases = {p.id for p in scenario.phases}
    injects = {j.id for j in scenario.injects}
    expects = {e for e, _ in _expect_ids(scenario)}
    options = {o for o, _ in _option_ids(scenario)}
    known = {"delivered": injects, "done": expects, "missed": expects, "chose": options}
    ref_kind = {"delivered": "inject", "done": "expect", "missed": "expect", "chose": "option"}
    for i, inject in enumerate(scenario.injects):
        base: Path_ = ("injects", i)
        if inject.phase not in phases:
            yield _ref("phase", inject.phase, phases, (*base, "phase"))
        if inject.from_ is not None and inject.from_ not in characters:
            yield _ref("character", inject.from_, characters, (*base, "from"))
        if inject.to != "all":
            if not inject.to:
                yield Problem("error", "no_recipients", {}, path=(*base, "to"))
            for k, role in enumerate(inject.to):
                if role not in roles:
                    yield _ref("role", role, roles, (*base, "to", k))
        unknown_recipient = inject.to != "all" and not roles.issuperset(inject.to)
        for k, action in enumerate(inject.expect):
            if action.by not in roles:
                yield _ref("role", action.by, roles, (*base, "expect", k, "by"))
            elif inject.to != "all" and action.by not in inject.to and not unknown_recipient:
                yield Problem(
                    "warning",
                    "expect_not_addressed",
                    {"role": action.by, "inject": inject.id},
                    path=(*base, "expect", k, "by"),
                )
            if action.objective not in objectives:
                yield _ref(
                    "objective", action.objective, objectives, (*base, "expect", k, "objective")
                )
        for field_name in ("after", "when"):
            condition: Condition | None = getattr(inject, field_name)
            if condition is None:
                continue
            for kind, ident, path in references(condition):
                if ident not in known[kind]:
                    yield _ref(ref_kind[kind], ident, known[kind], (*base, field_name, *path))


def _dependencies(scenario: Scenario) -> dict[str, list[str]]:
    """For each inject, the injects its ``after`` condition waits on."""
    owner_of_expect = {a.id: j.id for j in scenario.injects for a in j.expect}
    owner_of_option = {
        o.id: j.id for j in scenario.injects if j.decision for o in j.decision.options
    }
    graph: dict[str, list[str]] = {}
    for inject in scenario.injects:
        targets: list[str] = []
        if inject.after is not None:
            for kind, ident, _ in references(inject.after):
                owner = (
                    ident
                    if kind == "delivered"
                    else owner_of_option.get(ident)
                    if kind == "chose"
                    else owner_of_expect.get(ident)
                )
                if owner is not None:
                    targets.append(owner)
        graph[inject.id] = targets
    return graph


def _cycles(scenario: Scenario) -> Iterator[Problem]:
    """Condition triggers that wait on each other can never fire: name the loop."""
    graph = _dependencies(scenario)
    index = {j.id: i for i, j in enumerate(scenario.injects)}
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    reported: set[frozenset[str]] = set()
    for start in graph:
        if state.get(start):
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(graph[start]))]
        trail = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                trail.pop()
                state[node] = 2
                continue
            if state.get(child) == 1:
                loop = [*trail[trail.index(child) :], child]
                members = frozenset(loop)
                if members not in reported:
                    reported.add(members)
                    yield Problem(
                        "error",
                        "cycle",
                        {"path": " -> ".join(loop)},
                        path=("injects", index[child], "after"),
                    )
            elif not state.get(child) and child in graph:
                state[child] = 1
                trail.append(child)
                stack.append((child, iter(graph[child])))


def _binary(root: Path, name: str, seen: dict[str, bool]) -> bool:
    """Whether an attachment (already confined) is not UTF-8 text; each file read once."""
    if name not in seen:
        seen[name] = is_binary(root / name.replace("\\", "/"))
    return seen[name]


def _attachments(scenario: Scenario, folder: Path) -> Iterator[Problem]:
    root = folder.resolve()
    seen: dict[str, bool] = {}
    files: list[str] | None = None
    for i, inject in enumerate(scenario.injects):
        for k, name in enumerate(inject.attachments):
            path: Path_ = ("injects", i, "attachments", k)
            problem = attachment_problem(root, name)
            if problem is None and "\\" in name:
                fixed = name.replace("\\", "/")  # found here, but only Windows opens it so
                yield Problem("error", "refs.backslash", {"path": name, "fixed": fixed}, path=path)
                continue
            if problem is None and _binary(root, name, seen):
                problem = "attachment_binary"  # shown as text: a binary file is no document
            if problem == "attachment_missing":
                files = files if files is not None else document_files(root)
                close = suggest(name.replace("\\", "/"), files)
                yield Problem("error", problem, {"path": name, "suggestion": close}, path=path)
            elif problem:
                yield Problem("error", problem, {"path": name}, path=path)


def _l10n_names(folder: Path) -> Iterator[Problem]:
    """A file in ``l10n/`` the catalog never reads because its name is no language code
    (``IT.yaml``, ``it-IT.yaml``, ``it.yml``, ``x.yaml``): a warning on the file, saying which file
    a translation into that language is read from, instead of a translation silently missing."""
    directory = folder / L10N_DIR
    if not directory.is_dir():
        return
    for file in sorted(directory.iterdir()):
        suffix = file.suffix.lower()
        if file.name.startswith(".") or suffix not in (".yaml", ".yml") or not file.is_file():
            continue
        if file.suffix == ".yaml" and is_language_code(file.stem):
            continue
        code = language_code(file.stem)
        if code is None:
            key, params = "l10n_not_a_code", {"name": file.stem}
        elif _same_file(file, directory / f"{code}.yaml"):
            key, params = "l10n_read_as", {"lang": code}  # a file system that ignores case
        else:
            key, params = "l10n_not_read", {"lang": code}
        yield Problem("warning", f"lang_check.{key}", params, file=file)


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:
        return False


def _coverage(scenario: Scenario) -> Iterator[Problem]:
    phases = {p.id: p for p in scenario.phases}
    for i, inject in enumerate(scenario.injects):
        phase = phases.get(inject.phase)
        if phase is not None and inject.at is not None and inject.at > phase.duration:
            params = {
                "inject": inject.id,
                "phase": phase.id,
                "at": format_clock(inject.at),
                "duration": format_clock(phase.duration),
            }
            yield Problem("warning", "outside_phase", params, path=("injects", i, "at"))
    addressed = _addressed_roles(scenario.injects)
    for i, role in enumerate(scenario.roles):
        if "all" not in addressed and role.id not in addressed:
            yield Problem("warning", "role_unaddressed", {"role": role.id}, path=("roles", i, "id"))
    served = {a.objective for j in scenario.injects for a in j.expect}
    for i, objective in enumerate(scenario.objectives):
        if objective.id not in served:
            yield Problem(
                "warning",
                "objective_unserved",
                {"objective": objective.id},
                path=("objectives", i, "id"),
            )


def _balance(scenario: Scenario) -> Iterator[Problem]:
    """Every role at work in every phase, and no role carrying more than :data:`RATIO` times the
    points of another (``simtrain stats`` shows the whole table): warnings at the role's id."""
    stats = scenario_stats(scenario)
    line = {r.id: i for i, r in enumerate(scenario.roles)}
    for role, phase in stats.idle_phases:
        params = {"role": role, "phase": phase}
        yield Problem(
            "warning", "stats.problems.no_action", params, path=("roles", line[role], "id")
        )
    for heavy in stats.imbalances:
        ratio_params: dict[str, str | int] = {
            "role": heavy.role,
            "count": heavy.points,
            "lighter": heavy.lighter,
            "lighter_points": heavy.lighter_points,
            "ratio": RATIO,
        }
        where = ("roles", line[heavy.role], "id")
        yield Problem("warning", "stats.problems.points_ratio", ratio_params, path=where)


def _addressed_roles(injects: Iterable[Inject]) -> set[str]:
    addressed: set[str] = set()
    for inject in injects:
        if inject.to == "all":
            addressed.add("all")
        else:
            addressed.update(inject.to)
    return addressed
