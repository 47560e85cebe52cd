"""Language codes are checked (issue 12, point 2): ``--lang`` of every command and ``--ui-lang``
(before or after the command) are refused in one line with exit 2 before a path is built or a
session opened; the environment's locale stays lenient; an inline text keyed ``IT`` or ``ИТ`` is a
placed ``validate`` error; an ``l10n/`` file whose name is no language code is a warning. Real
folders, a real session file, the real CLI in a subprocess.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from simtrain.scenario.loader import load_scenario
from simtrain.session import Session
from tests.conftest import MINIMAL, Result
from tests.session.conftest import ALPHA

BAD_LANGS = ["../../x", "it/../../x", "ИТ", "", "it\n", "\x1b]52;c;aGk=\x07"]
"""Values a ``--lang`` must never be joined to a path with (the last writes the clipboard)."""

ENGLISH = {"SIMTRAIN_LANG": "en"}


def refused(result: Result, words: str) -> None:
    """One line on stderr saying ``words``, exit 2, no traceback, no terminal control."""
    assert result.code == 2, (result.code, result.out, result.err)
    assert result.err.count("\n") == 1, result.err
    assert result.err.startswith("simtrain: "), result.err
    assert words in result.err, result.err
    assert "Traceback" not in result.err and "\x1b" not in result.err
    assert result.out == ""


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def session_file(tmp_path: Path, write_scenario: Callable[..., Path]) -> Path:
    """A real session of the small scenario, alone in its folder."""
    loaded = load_scenario(write_scenario())
    folder = tmp_path / "sessions"
    folder.mkdir()
    path = folder / "run.simtrain"
    with Session.create(path, loaded, [ALPHA], wall_time=0):
        pass
    return path


@pytest.mark.parametrize("value", BAD_LANGS)
@pytest.mark.parametrize("command", ["team", "serve", "resume", "run"])
def test_a_bad_lang_is_refused_before_the_session_is_opened(
    cli: Callable[..., Result], session_file: Path, command: str, value: str
) -> None:
    folder = session_file.parent
    before = listing(folder)
    argv = {
        "team": ["team", str(session_file), "--team", "alpha"],
        "serve": ["serve", str(session_file), "--port", "1"],
        "resume": ["resume", str(session_file)],
        "run": ["run", "--session", str(session_file)],
    }[command]
    result = cli(*argv, "--lang", value, env=ENGLISH, timeout=40)
    refused(result, "is not a language code")
    assert listing(folder) == before  # no -wal, no -shm, no log: the file was never opened


@pytest.mark.parametrize("value", ["../../x", "ИТ"])
def test_run_and_new_build_nothing_from_a_bad_lang(
    cli: Callable[..., Result], write_scenario: Callable[..., Path], tmp_path: Path, value: str
) -> None:
    folder = write_scenario()
    target = tmp_path / "sessions" / "new.simtrain"
    result = cli(
        "run", str(folder), "--teams", "1", "--session", str(target), "--lang", value, timeout=40
    )
    refused(result, "is not a language code")
    assert not target.parent.exists()

    made = tmp_path / "made"
    result = cli("new", "harbour", "--dir", str(made), "--lang", value)
    refused(result, "is not a language code")
    assert not made.exists()


def test_an_abbreviated_lang_is_checked_too(cli: Callable[..., Result], session_file: Path) -> None:
    refused(cli("team", str(session_file), "--team", "alpha", "--la", "../x"), "language code")


def test_a_region_tag_or_capitals_name_the_content_language(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    for value in ("IT", "it-IT", "it_IT"):
        out = tmp_path / f"new-{value}"
        result = cli("new", "harbour", "--dir", str(out), "--lang", value)
        assert result.code == 0, result.err
        text = (out / "harbour" / "scenario.yaml").read_text(encoding="utf-8")
        assert "language: it" in text
    result = cli("new", "harbour", "--dir", str(tmp_path / "de"), "--lang", "de-AT")
    assert result.code == 2 and "'de' is not available" in result.err


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "{folder}", "--ui-lang", "{value}"],
        ["--ui-lang", "{value}", "validate", "{folder}"],
        ["validate", "{folder}", "--ui", "{value}"],
        ["list", "--ui-lang={value}"],
        ["report", "{session}", "--ui-lang", "{value}"],
        ["team", "{session}", "--team", "alpha", "--ui-lang", "{value}"],
        ["--ui-lang", "en", "validate", "{folder}", "--ui-lang", "{value}"],
    ],
)
@pytest.mark.parametrize("value", ["de", "../../x", "", "ру", "\x1b[2J"])
def test_a_bad_ui_lang_is_one_line_and_exit_2(
    cli: Callable[..., Result],
    write_scenario: Callable[..., Path],
    session_file: Path,
    argv: list[str],
    value: str,
) -> None:
    folder = write_scenario()
    before = listing(session_file.parent)
    filled = [
        a.format(folder=folder, session=session_file, value=value)
        if a.startswith(("{", "--ui-lang="))
        else a
        for a in argv
    ]
    result = cli(*filled, env=ENGLISH, timeout=40)
    refused(result, "is not an interface language; use en, ru or it")
    assert listing(session_file.parent) == before


def test_a_bad_ui_lang_is_refused_in_the_environment_language(
    cli: Callable[..., Result], write_scenario: Callable[..., Path]
) -> None:
    folder = write_scenario()
    result = cli("validate", str(folder), "--ui-lang", "de", env={"LANG": "ru_RU.UTF-8"})
    refused(result, "«de» — не язык интерфейса; используйте en, ru или it")
    result = cli("validate", str(folder), "--ui-lang", "xx", env={"SIMTRAIN_LANG": "it"})
    refused(result, "«xx» non è una lingua dell'interfaccia")


@pytest.mark.parametrize("value", ["it", "IT", "it-IT", "it_IT"])
def test_interface_codes_in_any_case_or_with_a_region(
    cli: Callable[..., Result], write_scenario: Callable[..., Path], value: str
) -> None:
    folder = write_scenario()
    after = cli("validate", str(folder), "--ui-lang", value, env=ENGLISH)
    before = cli("--ui-lang", value, "validate", str(folder), env=ENGLISH)
    for result in (after, before):
        assert result.code == 0, result.err
        assert ": valido (" in result.out, result


@pytest.mark.parametrize(
    "environ",
    [{"SIMTRAIN_LANG": "../../x"}, {"LANG": "zz_ZZ.UTF-8"}, {"LC_ALL": "de_DE"}, {"LANG": "C"}],
)
def test_the_environment_stays_lenient(
    cli: Callable[..., Result], write_scenario: Callable[..., Path], environ: dict[str, str]
) -> None:
    """A locale simtrain does not speak is no error: the interface falls back to English."""
    folder = write_scenario()
    result = cli("validate", str(folder), env=environ)
    assert result.code == 0, result.err
    assert ": valid (" in result.out


# --- inline texts --------------------------------------------------------------------------------

INLINE = MINIMAL.replace(
    "title: A small exercise",
    "title:\n  en: A small exercise\n  IT: Una piccola esercitazione",
).replace("    name: Duty officer", "    name: {en: Duty officer, ИТ: Ufficiale}")


@pytest.mark.parametrize("ui", ["en", "ru"])
def test_an_inline_text_keyed_by_no_language_code_is_placed_at_its_key(
    cli: Callable[..., Result], write_scenario: Callable[..., Path], ui: str
) -> None:
    folder = write_scenario(INLINE)
    result = cli("validate", str(folder), "--ui-lang", ui)
    assert result.code == 1, result.err
    file = folder / "scenario.yaml"
    lines = file.read_text(encoding="utf-8").splitlines()
    row = next(k for k, line in enumerate(lines, 1) if line.startswith("  IT:"))
    cyrillic = next(k for k, line in enumerate(lines, 1) if "ИТ:" in line)
    column = lines[cyrillic - 1].index("ИТ") + 1
    problems = [line for line in result.err.splitlines() if line.startswith(f"{file}:")]
    expected = {
        "en": (
            f"{file}:{row}:3: error: 'IT' is not a language code; use a code such as en, ru or "
            "it. Did you mean 'it'?",
            f"{file}:{cyrillic}:{column}: error: 'ИТ' is not a language code; use a code such as "
            "en, ru or it",
        ),
        "ru": (
            f"{file}:{row}:3: ошибка: «IT» — не код языка; используйте код вроде en, ru или it. "
            "Возможно, имелось в виду «it»?",
            f"{file}:{cyrillic}:{column}: ошибка: «ИТ» — не код языка; используйте код вроде en, "
            "ru или it",
        ),
    }[ui]
    assert problems == list(expected)


def test_inline_texts_with_codes_still_validate(
    cli: Callable[..., Result], write_scenario: Callable[..., Path]
) -> None:
    text = INLINE.replace("  IT: Una", "  it: Una").replace("ИТ: Ufficiale", "ru: Дежурный")
    result = cli("validate", str(write_scenario(text)), env=ENGLISH)
    assert result.code == 0, result.err


# --- l10n file names -----------------------------------------------------------------------------


def test_an_l10n_file_named_by_no_language_code_is_a_warning(
    cli: Callable[..., Result], write_scenario: Callable[..., Path]
) -> None:
    folder = write_scenario()
    l10n = folder / "l10n"
    l10n.mkdir()
    sidecar = "language: it\nentries: {}\n"
    for name in ("IT.yaml", "it-IT.yaml", "it.yml", "x.yaml", "it.yaml", "it.yaml.bak"):
        (l10n / name).write_text(sidecar, encoding="utf-8")
    (l10n / ".it.yaml.tmp").write_text(sidecar, encoding="utf-8")
    (l10n / "notes.md").write_text("glossary", encoding="utf-8")

    result = cli("validate", str(folder), env=ENGLISH)
    assert result.code == 0, result.err  # a warning: the author has the last word
    problems = [line for line in result.err.splitlines() if ": warning: " in line]
    not_read = "warning: this file is not read: a translation into 'it' is read from l10n/it.yaml"
    assert problems == [
        f"{l10n / 'IT.yaml'}: {not_read}",
        f"{l10n / 'it-IT.yaml'}: {not_read}",
        f"{l10n / 'it.yml'}: {not_read}",
        f"{l10n / 'x.yaml'}: warning: 'x' is not a language code, so this file is not read as a "
        "translation",
    ]
    assert cli("validate", str(folder), "--strict", env=ENGLISH).code == 1

    italian = cli("validate", str(folder), "--ui-lang", "it")
    assert f"{l10n / 'x.yaml'}: avviso: «x» non è un codice di lingua" in italian.err
    russian = cli("validate", str(folder), "--ui-lang", "ru")
    assert f"{l10n / 'IT.yaml'}: предупреждение: этот файл не читается" in russian.err


def test_an_l10n_name_is_reported_beside_the_scenario_errors(
    cli: Callable[..., Result], write_scenario: Callable[..., Path]
) -> None:
    folder = write_scenario(MINIMAL.replace("to: [ngo]", "to: [nobody]"))
    (folder / "l10n").mkdir()
    (folder / "l10n" / "IT.yaml").write_text("language: it\nentries: {}\n", encoding="utf-8")
    result = cli("validate", str(folder), env=ENGLISH)
    assert result.code == 1
    assert f"{folder / 'l10n' / 'IT.yaml'}: warning: this file is not read" in result.err
    assert "1 error, 1 warning" in result.err
