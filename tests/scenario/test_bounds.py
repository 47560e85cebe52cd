"""Bounded inputs and whole values (issue 12 points 8 and 9; S3, S8, S9, S10, S19, S21, S22)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import ValidationError
from textual.app import App
from textual.widgets import Markdown, Static

from simtrain import yamlio
from simtrain.i18n import Translator
from simtrain.scenario.loader import load_scenario
from simtrain.scenario.problems import ScenarioError
from simtrain.session import events as ev
from simtrain.tui.common.dialogs import MAX_DOCUMENT_BYTES, DocumentScreen
from tests.conftest import MINIMAL, Result


def _problems(folder: Path) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    t = Translator("en")
    return [f"{p.line}:{p.column} {p.render(t)}" for p in caught.value.problems]


# --- S3: ids are whole ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("  - id: ngo\n", '  - id: "ngo\\n"\n'),  # a role
        ("  - id: first-call\n", '  - id: "first-call\\n"\n'),  # an inject
        ("id: mini\n", 'id: "mini\\n"\n'),  # the scenario
        ("  - id: ngo\n", "  - id: |\n      ngo\n"),  # a block scalar keeps its newline
    ],
)
def test_an_id_with_a_trailing_newline_is_no_id(
    write_scenario: Callable[..., Path], old: str, new: str
) -> None:
    assert old in MINIMAL
    problems = _problems(write_scenario(MINIMAL.replace(old, new, 1)))
    assert any("is not a valid id" in p for p in problems), problems


def test_event_ids_are_whole_too() -> None:
    with pytest.raises(ValidationError):
        ev.InjectDelivered(team="a", inject="first-call\n")


def test_new_refuses_an_id_with_a_newline(cli: Callable[..., Result]) -> None:
    result = cli("new", "case\n", "--lang", "en")
    assert result.code == 2 and not (Path(result.err).exists())


# --- S21: strict whole numbers ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("points: 10", "points: true", "expected a whole number"),
        ("points: 10", "points: 10.0", "expected a whole number"),
        ("simtrain: 1", "simtrain: true", "version"),
        ("simtrain: 1", "simtrain: 1.0", "version"),
    ],
)
def test_booleans_and_floats_are_not_whole_numbers(
    write_scenario: Callable[..., Path], old: str, new: str, says: str
) -> None:
    problems = _problems(write_scenario(MINIMAL.replace(old, new, 1)))
    assert len(problems) == 1 and says in problems[0], problems


def test_yaml_integers_still_work(write_scenario: Callable[..., Path]) -> None:
    loaded = load_scenario(write_scenario(MINIMAL.replace("points: 10", "points: 25")))
    assert loaded.scenario.injects[0].expect[0].points == 25


# --- S22: digits are capped -------------------------------------------------------------------


@pytest.mark.parametrize("at", ["9" * 5000 + "h", "9" * 29 + "h", "9000d"])
def test_a_huge_duration_is_not_a_duration(
    write_scenario: Callable[..., Path], cli: Callable[..., Result], at: str
) -> None:
    folder = write_scenario(MINIMAL.replace('at: "0:15"', f'at: "{at}"'))
    result = cli("validate", str(folder))
    assert result.code == 1
    assert "is not a duration" in result.err
    assert "int_max_str_digits" not in result.err and "Exceeds the limit" not in result.err


def test_a_5000_digit_integer_is_one_clear_problem(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    folder = tmp_path / "digits"
    folder.mkdir()
    (folder / "scenario.yaml").write_text(MINIMAL.replace("points: 10", "points: " + "9" * 5000))
    result = cli("validate", str(folder))
    assert result.code == 1
    assert "a number longer than 32 characters" in result.err
    assert ":52:17" in result.err or "scenario.yaml:" in result.err
    assert "int_max_str_digits" not in result.err


# --- S8: the node count is bounded while composing --------------------------------------------


def test_too_many_values_stop_while_composing() -> None:
    text = "x: [" + ",".join(["a"] * 50) + "]\n"
    with pytest.raises(yamlio.YamlProblem) as caught:
        yamlio.loads(text, max_nodes=20)
    problem = caught.value
    assert (problem.key, problem.line, problem.params["limit"]) == ("too_many_nodes", 1, 20)
    assert yamlio.loads(text)["x"][:2] == ["a", "a"]


def test_nesting_stops_while_composing() -> None:
    with pytest.raises(yamlio.YamlProblem) as caught:
        yamlio.loads("[" * 200 + "]" * 200)
    assert caught.value.key == "too_deep"


def test_a_wide_list_inside_the_size_limit_is_refused_quickly(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    folder = tmp_path / "wide"
    folder.mkdir()
    items = 2_500_000  # 5 MB of 'a,'; composing it whole took about a gigabyte
    (folder / "scenario.yaml").write_text("simtrain: 1\nxtra: [" + "a," * items + "a]\n")
    start = time.monotonic()
    result = cli("validate", str(folder))
    assert result.code == 1, result.err
    assert "more than 1000000 values in one file" in result.err
    assert "scenario.yaml:2:" in result.err
    assert time.monotonic() - start < 60


# --- S19: FIFOs and devices are refused -------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_not_a_file(cli: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "fifo"
    folder.mkdir()
    os.mkfifo(folder / "scenario.yaml")
    os.mkfifo(tmp_path / "fifo.simtrain")
    result = cli("validate", str(folder), timeout=30)
    assert result.code == 2 and "is not a regular file" in result.err
    result = cli("report", str(tmp_path / "fifo.simtrain"), timeout=30)
    assert result.code == 2 and "is not a regular file" in result.err
    result = cli("validate", "/dev/zero", timeout=30)
    assert result.code == 2 and "is not a regular file" in result.err


# --- S10: a NUL in an attachment path ---------------------------------------------------------


def test_nul_in_an_attachment_path_is_a_placed_problem(
    write_scenario: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    text = MINIMAL.replace(
        "    channel: phone\n", '    channel: phone\n    attachments: ["docs/a\\0.md"]\n'
    )
    result = cli("validate", str(write_scenario(text)))
    assert result.code == 1, result.err
    assert "contains a control character" in result.err
    assert "scenario.yaml:" in result.err and "internal error" not in result.err


# --- S9: a large document is not rendered, and esc answers ------------------------------------


class _Viewer(App[None]):
    def __init__(self, text: str, lang: str = "en") -> None:
        super().__init__()
        self.text = text
        self.lang = lang

    def on_mount(self) -> None:
        self.push_screen(DocumentScreen(Translator(self.lang), "docs/big.md", self.text))


@pytest.mark.parametrize("lang", ["en", "it"])
async def test_a_large_document_says_it_is_too_large(lang: str) -> None:
    text = "## Heading\n\nA paragraph.\n\n" * (MAX_DOCUMENT_BYTES // 5)  # ~1.3 MB, 100k blocks
    app = _Viewer(text, lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.screen.query_one("#document-status", Static).render())
        assert "1.3" in status and "0.25" in status and "docs/big.md" in status
        assert not app.screen.query(Markdown)
        await pilot.press("q")
        assert not isinstance(app.screen, DocumentScreen)


async def test_a_document_under_the_limit_is_shown_and_esc_closes_it() -> None:
    app = _Viewer("# Police report\n\nShe arrived at 02:40.\n")
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "She arrived at 02:40." in str(app.screen.query_one(Markdown).source)
        await pilot.press("escape")
        assert not isinstance(app.screen, DocumentScreen)
