"""``simtrain rehearse SCENARIO``: run a scenario headless from a script, or explore its branches.

Exit codes: 0 all checks passed (or, with ``--explore``, everything is reachable); 1 a check failed
(or something is unreachable); 2 the scenario or a script could not be read or is invalid.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simtrain import yamlio
from simtrain.commands.say import fail, json_text, say
from simtrain.i18n import Translator
from simtrain.resources import scenarios_dir
from simtrain.scenario.loader import LoadedScenario, load_scenario
from simtrain.scenario.problems import ScenarioError

if TYPE_CHECKING:
    from simtrain.rehearse.runner import RunResult
    from simtrain.rehearse.script import LoadedScript


def add_arguments(parser: argparse.ArgumentParser, t: Translator) -> None:
    parser.add_argument("scenario", metavar="SCENARIO", help=t("rehearse.args.scenario"))
    parser.add_argument(
        "--script", metavar="FILE", type=Path, action="append", help=t("rehearse.args.script")
    )
    parser.add_argument("--json", action="store_true", help=t("rehearse.args.json"))
    parser.add_argument("--session", metavar="OUT", type=Path, help=t("rehearse.args.session"))
    parser.add_argument("--explore", action="store_true", help=t("rehearse.args.explore"))


def resolve_scenario(name: str) -> Path | None:
    """A path as given, else a shipped scenario's folder, else ``./scenarios/<id>``."""
    path = Path(name)
    if path.exists():
        return path
    if "/" in name or "\\" in name or name.endswith(".yaml"):
        return None
    for root in (scenarios_dir(), Path.cwd() / "scenarios"):
        candidate = root / name
        if candidate.is_dir():
            return candidate
    return None


def _error(message: str) -> None:
    fail(message)


def run(args: argparse.Namespace, t: Translator) -> int:
    path = resolve_scenario(args.scenario)
    if path is None:
        _error(t("rehearse.no_scenario", name=args.scenario))
        return 2
    try:
        loaded = load_scenario(path)
    except ScenarioError as error:
        for problem in error.problems:
            say(problem.render(t), err=True)
        return 2
    if args.explore:
        if args.script or args.session:
            _error(t("rehearse.explore_alone"))
            return 2
        return _explore(loaded, args.json, t)
    scripts = _load_scripts(args, loaded, t)
    if scripts is None:
        return 2
    return _run_scripts(args, loaded, scripts, t)


def _load_scripts(
    args: argparse.Namespace, loaded: LoadedScenario, t: Translator
) -> list[LoadedScript] | None:
    """The scripts to run, every one valid, or None once each problem has been printed."""
    from simtrain.rehearse.script import (
        REHEARSALS_DIR,
        ScriptError,
        find_scripts,
        load_script,
        render_problem,
    )

    files: list[Path] = list(args.script or find_scripts(loaded.folder))
    if not files:
        _error(t("rehearse.no_scripts", folder=str(loaded.folder / REHEARSALS_DIR)))
        return None
    if args.session is not None and len(files) != 1:
        _error(t("rehearse.session_needs_one"))
        return None
    if args.session is not None and args.session.exists():
        _error(t("session.exists", path=str(args.session)))
        return None
    scripts = []
    broken = False
    for file in files:
        try:
            scripts.append(load_script(file, loaded.scenario))
        except ScriptError as error:
            broken = True
            for problem in error.problems:
                say(render_problem(problem, t), err=True)
    return None if broken else scripts


def _run_scripts(
    args: argparse.Namespace, loaded: LoadedScenario, scripts: list[LoadedScript], t: Translator
) -> int:
    from simtrain.rehearse.output import result_json
    from simtrain.rehearse.runner import run_script
    from simtrain.session.store import SessionError

    failed = False
    for k, script in enumerate(scripts):
        result = run_script(loaded, script)
        failed = failed or not result.ok
        if args.json:
            print(json_text(result_json(result, t, script.file)))
        else:
            if k:
                say()
            _print_run(script, result, t)
        if args.session is not None:
            try:
                result.session.save_as(args.session)
            except SessionError as error:
                _error(error.render(t))
                return 2
            if not args.json:
                say(t("rehearse.saved", path=str(args.session)))
    return 1 if failed else 0


def _print_run(script: LoadedScript, result: RunResult, t: Translator) -> None:
    """A run as a facilitator reads it: the timeline, each failure, then the verdict."""
    from simtrain.rehearse.output import timeline

    say(t("rehearse.script_header", script=str(script.file)))
    for line in timeline(result, t):
        say(line)
    for failure in result.failures:
        say(failure.render(t))
    if result.ok:
        steps = t("rehearse.count.steps", count=len(script.script.steps))
        say(t("rehearse.passed", steps=steps))
    else:
        say(t("rehearse.failures", count=len(result.failures)))


def _explore(loaded: LoadedScenario, as_json: bool, t: Translator) -> int:
    from simtrain.rehearse.explore import explore

    found = explore(loaded)
    unreached = found.unreached()
    count = sum(len(ids) for ids in unreached.values())
    if as_json:
        data: dict[str, Any] = {
            "scenario": loaded.scenario.id,
            "paths": found.paths,
            "complete": found.complete,
            "unreachable": {
                "injects": unreached["inject"],
                "expects": unreached["expect"],
                "options": unreached["option"],
            },
        }
        print(json_text(data))
        return 1 if count or not found.complete else 0
    say(
        t(
            "rehearse.explored",
            scenario=loaded.scenario.id,
            paths=t("rehearse.count.paths", count=found.paths),
        )
    )
    places = _places(loaded)
    for kind, ids in unreached.items():
        for ident in ids:
            where = places.get((kind, ident), str(loaded.file))
            say(f"{where}: {t(f'rehearse.unreachable.{kind}', id=ident)}")
    if not found.complete:
        say(t("rehearse.explore_truncated", count=found.paths))
    if count == 0 and found.complete:
        say(t("rehearse.all_reachable"))
    return 1 if count or not found.complete else 0


def _places(loaded: LoadedScenario) -> dict[tuple[str, str], str]:
    """``FILE:LINE`` of each inject, expected action and option id, to point the author at it."""
    root = yamlio.compose(loaded.text)
    places: dict[tuple[str, str], str] = {}
    for i, inject in enumerate(loaded.scenario.injects):
        where = yamlio.locate(root, ("injects", i, "id"))
        places[("inject", inject.id)] = f"{loaded.file}:{where.line}"
        for k, action in enumerate(inject.expect):
            where = yamlio.locate(root, ("injects", i, "expect", k, "id"))
            places[("expect", action.id)] = f"{loaded.file}:{where.line}"
        if inject.decision is not None:
            for k, option in enumerate(inject.decision.options):
                where = yamlio.locate(root, ("injects", i, "decision", "options", k, "id"))
                places[("option", option.id)] = f"{loaded.file}:{where.line}"
    return places
