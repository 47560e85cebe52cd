"""``simtrain validate`` through its real entry point: exit codes, placed messages, languages."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, Result

LINE = re.compile(r"^\S+:\d+:\d+: (error|warning|ошибка|errore): .+$")


def test_valid_scenario(cli: Callable[..., Result], write_scenario: Callable[..., Path]) -> None:
    result = cli("validate", str(write_scenario()))
    assert result.code == 0, result.err
    assert "valid (2 injects, 2 roles, 1 phase)" in result.out


def test_invalid_scenario_lists_every_problem(
    cli: Callable[..., Result], write_scenario: Callable[..., Path]
) -> None:
    text = MINIMAL.replace("channel: email", "channel: emial").replace("brief: Calm", "brif: Calm")
    result = cli("validate", str(write_scenario(text)))
    assert result.code == 1
    lines = result.err.strip().splitlines()
    assert "Traceback" not in result.err
    assert all(LINE.match(line) for line in lines[:-1]), lines
    assert "Did you mean 'email'?" in result.err
    assert "Did you mean 'brief'?" in result.err
    assert lines[-1] == "3 errors, 0 warnings"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ru", "неизвестный ключ «brif». Возможно, имелось в виду «brief»?"),
        ("it", "chiave sconosciuta «brif». Forse intendevate «brief»?"),
    ],
)
def test_messages_in_the_interface_language(
    cli: Callable[..., Result], write_scenario: Callable[..., Path], lang: str, expected: str
) -> None:
    folder = write_scenario(MINIMAL.replace("brief: Calm", "brif: Calm"))
    assert expected in cli("validate", str(folder), "--ui-lang", lang).err
    assert expected in cli("validate", str(folder), env={"LANG": f"{lang}_XX.UTF-8"}).err


def test_russian_plurals_in_summary(
    cli: Callable[..., Result], write_scenario: Callable[..., Path]
) -> None:
    text = MINIMAL
    for old in ("brief: Calm", "name: Criminal", "briefing: You lead", "text: Calls", "prompt:"):
        text = text.replace(old, "x" + old)
    result = cli("validate", str(write_scenario(text)), "--ui-lang", "ru")
    assert result.err.strip().splitlines()[-1] == "10 ошибок, 0 предупреждений"


def test_warnings_are_fatal_only_with_strict(
    cli: Callable[..., Result], write_scenario: Callable[..., Path]
) -> None:
    folder = write_scenario(MINIMAL.replace('at: "0:15"', 'at: "9:00"'))
    plain = cli("validate", str(folder))
    assert plain.code == 0
    assert "warning: inject 'first-call' is set at 9:00, after phase 'day-1' ends" in plain.err
    assert cli("validate", "--strict", str(folder)).code == 1


def test_unreadable_paths_exit_2(cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "empty-dir").mkdir()
    result = cli("validate", "nope", str(tmp_path / "empty-dir"))
    assert result.code == 2
    assert result.err.splitlines() == [
        "nope: error: no such file or folder",
        f"{tmp_path / 'empty-dir'}: error: the folder has no scenario.yaml",
    ]


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (b"", 1, "the file is empty"),
        (b"\x00\x01\x02binary", 1, "binary data"),
        ("title: caf\xe9\n".encode("latin-1"), 1, "not UTF-8"),
        (b"a: &x [1]\nb: *x\n", 1, "aliases"),
        (b"a: 1\na: 2\n", 1, "written twice"),
        (b"a: [1, 2\n", 1, "YAML syntax"),
        (b"simtrain: 9\n", 1, "format version 9 is not supported"),
        (b"!!python/object/apply:os.system ['touch pwned']\n", 1, "tags"),
        (b"[" * 3000 + b"]" * 3000, 1, "YAML syntax"),
    ],
)
def test_hostile_files(
    cli: Callable[..., Result], tmp_path: Path, content: bytes, code: int, message: str
) -> None:
    file = tmp_path / "scenario.yaml"
    file.write_bytes(content)
    result = cli("validate", str(file))
    assert result.code == code
    assert message in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "pwned").exists()


def test_huge_file_refused_quickly(cli: Callable[..., Result], tmp_path: Path) -> None:
    file = tmp_path / "scenario.yaml"
    with file.open("wb") as handle:
        handle.write(b"simtrain: 1\n")
        handle.truncate(60 * 1024 * 1024)
    result = cli("validate", str(file), timeout=20)
    assert result.code == 2
    assert "the limit is 32.0 MB" in result.err


def test_symlink_loop(cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    result = cli("validate", str(tmp_path / "a"))
    assert result.code == 2
    assert "cannot read" in result.err and "Traceback" not in result.err


def test_several_paths_worst_code_wins(
    cli: Callable[..., Result], write_scenario: Callable[..., Path]
) -> None:
    good = write_scenario()
    bad = write_scenario(MINIMAL.replace("channel: email", "channel: fax"), name="bad")
    assert cli("validate", str(good), str(bad)).code == 1


def test_broken_translation_file_is_an_error(
    cli: Callable[..., Result], write_scenario: Callable[..., Path]
) -> None:
    folder = write_scenario()
    (folder / "l10n").mkdir()
    (folder / "l10n" / "it.yaml").write_text("language: ru\nentries: {}\n", encoding="utf-8")
    result = cli("validate", str(folder))
    assert result.code == 1
    assert "it.yaml:1:11: error: this file should say 'language: it', found 'ru'" in result.err


def test_python_dash_m_and_console_script_agree(
    cli: Callable[..., Result], write_scenario: Callable[..., Path]
) -> None:
    import shutil
    import subprocess

    script = shutil.which("simtrain")
    assert script, "the console script is installed"
    folder = write_scenario()
    proc = subprocess.run([script, "validate", str(folder)], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout == cli("validate", str(folder)).out


def test_unknown_key_in_translation_entry(
    cli: Callable[..., Result], write_scenario: Callable[..., Path]
) -> None:
    folder = write_scenario()
    (folder / "l10n").mkdir()
    (folder / "l10n" / "it.yaml").write_text(
        "language: it\nentries:\n  title:\n    src: 0\n    txt: Titolo\n", encoding="utf-8"
    )
    result = cli("validate", str(folder))
    assert result.code == 1
    assert "it.yaml:5:5: error: unknown key 'txt'" in result.err
