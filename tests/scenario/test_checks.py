"""Cross-checks: ids, references, cycles, attachments and coverage, each placed precisely."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from simtrain.scenario.loader import load_scenario
from simtrain.scenario.problems import Problem, ScenarioError
from tests.conftest import MINIMAL
from tests.scenario.test_loader import where


def errors(folder: Path) -> list[Problem]:
    with pytest.raises(ScenarioError) as info:
        load_scenario(folder)
    return [p for p in info.value.problems if p.severity == "error"]


def test_duplicate_ids(write_scenario: Callable[..., Path]) -> None:
    text = MINIMAL.replace("- id: ngo", "- id: investigator")
    found = [p for p in errors(write_scenario(text)) if p.key == "duplicate_id"]
    second = text.index("- id: investigator\n    name: NGO")
    assert [(p.params["kind"], p.line) for p in found] == [
        ("role", text.count("\n", 0, second) + 1)
    ]


def test_duplicate_option_ids_across_injects(write_scenario: Callable[..., Path]) -> None:
    text = MINIMAL.replace("- id: wait\n", "- id: interview-now\n")
    text = text.replace("{chose: wait}", "{chose: interview-now}")
    found = errors(write_scenario(text))
    assert [(p.key, p.params["kind"]) for p in found] == [("duplicate_id", "option")]


@pytest.mark.parametrize(
    ("old", "new", "kind", "needle"),
    [
        ("from: duty-officer", "from: duty-oficer", "character", "duty-oficer"),
        ("to: [investigator, ngo]", "to: [investigator, ngo, press]", "role", "press]"),
        ("phase: day-1\n    after", "phase: day-2\n    after", "phase", "day-2"),
        ("objective: identify", "objective: identity", "objective", "identity"),
        ("by: investigator", "by: investigater", "role", "investigater"),
        ("{chose: wait}", "{chose: waiting}", "option", "waiting"),
    ],
)
def test_unknown_references(
    write_scenario: Callable[..., Path], old: str, new: str, kind: str, needle: str
) -> None:
    text = MINIMAL.replace(old, new)
    found = errors(write_scenario(text))
    assert len(found) == 1
    problem = found[0]
    assert (problem.key, problem.params["kind"]) == ("unknown_ref", kind)
    assert (problem.line, problem.column) == where(text, needle)


def test_suggestion_for_misspelt_reference(write_scenario: Callable[..., Path]) -> None:
    found = errors(write_scenario(MINIMAL.replace("from: duty-officer", "from: duty-oficer")))
    assert found[0].params["suggestion"] == "duty-officer"


def test_reference_in_nested_guard(write_scenario: Callable[..., Path]) -> None:
    text = MINIMAL.replace(
        "    delay: 20m\n",
        "    delay: 20m\n    when: {not: {any: [{done: call-ngo}, {missed: nope}]}}\n",
    )
    found = errors(write_scenario(text))
    assert [(p.key, p.params["id"]) for p in found] == [("unknown_ref", "nope")]
    assert (found[0].line, found[0].column) == where(text, "nope")


def test_cycle_is_named(write_scenario: Callable[..., Path]) -> None:
    text = MINIMAL.replace('    at: "0:15"\n', "    after: {delivered: follow-up}\n")
    found = errors(write_scenario(text))
    assert [p.key for p in found] == ["cycle"]
    assert set(found[0].params["path"].split(" -> ")) == {"first-call", "follow-up"}


def test_self_cycle(write_scenario: Callable[..., Path]) -> None:
    text = MINIMAL.replace("{chose: wait}", "{delivered: follow-up}")
    found = errors(write_scenario(text))
    assert [(p.key, p.params["path"]) for p in found] == [("cycle", "follow-up -> follow-up")]


def attach(text: str, name: str) -> str:
    return text.replace("    title: A call\n", f"    attachments: [{name}]\n    title: A call\n")


def test_attachment_ok(write_scenario: Callable[..., Path]) -> None:
    folder = write_scenario(attach(MINIMAL, "docs/report.md"), docs={"docs/report.md": "# R"})
    assert load_scenario(folder).warnings == ()


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("docs/missing.md", "attachment_missing"),
        ("../outside.md", "attachment_outside"),
        ("docs/../../outside.md", "attachment_outside"),
        ("/etc/passwd", "attachment_absolute"),
        ("C:/Windows/win.ini", "attachment_absolute"),
        ("docs", "attachment_unreadable"),
    ],
)
def test_attachment_refused(
    write_scenario: Callable[..., Path], tmp_path: Path, name: str, key: str
) -> None:
    (tmp_path / "outside.md").write_text("secret")
    folder = write_scenario(attach(MINIMAL, name), docs={"docs/report.md": "# R"})
    found = errors(folder)
    assert [p.key for p in found] == [key]


def test_attachment_symlink_escape(write_scenario: Callable[..., Path], tmp_path: Path) -> None:
    (tmp_path / "secret.md").write_text("secret")
    folder = write_scenario(attach(MINIMAL, "docs/link.md"), docs={"docs/report.md": "# R"})
    os.symlink(tmp_path / "secret.md", folder / "docs" / "link.md")
    assert [p.key for p in errors(folder)] == ["attachment_outside"]


def test_attachment_symlink_loop(write_scenario: Callable[..., Path]) -> None:
    folder = write_scenario(attach(MINIMAL, "docs/a.md"), docs={"docs/report.md": "# R"})
    os.symlink(folder / "docs" / "b.md", folder / "docs" / "a.md")
    os.symlink(folder / "docs" / "a.md", folder / "docs" / "b.md")
    assert [p.key for p in errors(folder)] == ["attachment_unreadable"]


def test_warnings(write_scenario: Callable[..., Path]) -> None:
    text = MINIMAL.replace('at: "0:15"', 'at: "9:00"')
    text = text.replace(
        "objectives:\n", "objectives:\n  - id: unused\n    text: Nobody serves me.\n"
    )
    text = text.replace("roles:\n", "roles:\n  - id: lawyer\n    name: Lawyer\n    briefing: B.\n")
    text = text.replace("to: [ngo]", "to: [investigator]")
    text = text.replace("to: [investigator, ngo]", "to: [investigator]")
    loaded = load_scenario(write_scenario(text))
    found = {(p.key, p.line) for p in loaded.warnings}
    assert found == {
        ("outside_phase", where(text, '"9:00"')[0]),
        ("objective_unserved", where(text, "id: unused")[0]),
        ("role_unaddressed", where(text, "id: lawyer")[0]),
        ("role_unaddressed", where(text, "id: ngo")[0]),
        ("expect_not_addressed", where(text, "by: ngo")[0]),
        ("stats.problems.no_action", where(text, "id: lawyer")[0]),
    }


def test_expected_action_by_a_role_not_addressed(write_scenario: Callable[..., Path]) -> None:
    text = MINIMAL.replace("to: [investigator, ngo]", "to: [ngo]")
    loaded = load_scenario(write_scenario(text))
    assert sorted(p.key for p in loaded.warnings) == ["expect_not_addressed", "role_unaddressed"]


def test_translation_list_must_not_name_the_source(write_scenario: Callable[..., Path]) -> None:
    found = errors(write_scenario(MINIMAL.replace("[ru, it]", "[en, ru]")))
    assert [p.key for p in found] == ["translation_is_source"]


def test_inline_text_needs_the_source_language(write_scenario: Callable[..., Path]) -> None:
    text = MINIMAL.replace("title: A small exercise", "title: {ru: Учения, it: Esercitazione}")
    found = errors(write_scenario(text))
    assert [(p.key, p.line) for p in found] == [("inline_without_source", 5)]
