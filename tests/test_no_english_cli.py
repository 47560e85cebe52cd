"""No English in the Russian or Italian command line: ``--help`` of ``simtrain`` and of every
command, and argparse's errors, run for real (``python -m simtrain`` in a subprocess), the
language chosen once by ``LANG`` and once by ``--ui-lang``."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pytest

from simtrain.cli import COMMANDS
from simtrain.interop.msel_columns import COLUMNS
from tests.english_words import english_words

ALLOW = frozenset(
    [
        *COMMANDS,  # what a person types after simtrain
        "en",  # language codes, typed as values of --lang / --ui-lang
        "ru",
        "it",
        "md",  # a value of --format, the file extension
        "ID",  # metavar of `simtrain new ID`: the scenario's id, typed as such
        "id",
        "Schema",  # "JSON Schema", the standard's name
        "memoQ",  # the translators' CAT tools named by `i18n --export xliff`
        "Trados",
        "OmegaT",
        # the MSEL columns `import --map` names, written as such in the map file
        *COLUMNS,
        "day",
    ]
)
"""Words that are not English in a Russian or Italian interface: each one is typed as is."""

ROOT = Path(__file__).resolve().parent.parent


class Run(NamedTuple):
    code: int
    out: str
    err: str


def _environ(lang_env: str | None) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    environ.pop("SIMTRAIN_LANG", None)
    environ["COLUMNS"] = "100"
    if lang_env:
        environ["LANG"] = lang_env
    return environ


def _run(args: tuple[str, ...], lang_env: str | None) -> Run:
    proc = subprocess.run(
        [sys.executable, "-m", "simtrain", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_environ(lang_env),
        timeout=120,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


HELPS = [("--help",), *((name, "--help") for name in COMMANDS)]

ERRORS = [
    ("valid",),  # no such command
    ("validate",),  # a required argument missing
    ("validate", "a.yaml", "--nope"),  # an option no command has
    ("run", "--teams"),  # an option's value missing
    ("run", "--teams", "two"),  # a value of the wrong type
    ("run", "--team", "a", "--teams", "2"),  # two options that exclude each other
    ("briefing", "x", "--format", "pdf"),  # a value outside the choices
    ("run", "--tea", "x"),  # an abbreviation of two options (--team, --teams)
]


@cache
def _runs(lang: str) -> dict[tuple[str, ...], Run]:
    """Every help and error run in ``lang``: helps by ``LANG``, errors by ``--ui-lang`` (both
    ways of choosing the language are covered; the runs go two at a time)."""
    env = {"ru": "ru_RU.UTF-8", "it": "it_IT.UTF-8"}[lang]
    jobs: list[tuple[tuple[str, ...], str | None]] = [(args, env) for args in HELPS]
    jobs += [(("--ui-lang", lang, *args), None) for args in ERRORS]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda job: _run(*job), jobs))
    return {args: result for (args, _), result in zip(jobs, results, strict=True)}


@pytest.mark.parametrize("lang", ["ru", "it"])
def test_every_help_speaks_the_interface_language(lang: str) -> None:
    heading = {"ru": "использование: simtrain", "it": "uso: simtrain"}[lang]
    for args in HELPS:
        run = _runs(lang)[args]
        assert run.code == 0, (args, run.err)
        assert run.out.startswith(heading), (args, run.out[:80])
        assert english_words(run.out, ALLOW) == [], (args, run.out)


@pytest.mark.parametrize("lang", ["ru", "it"])
def test_every_argparse_error_is_one_line_in_the_interface_language(lang: str) -> None:
    error = {"ru": "ошибка", "it": "errore"}[lang]
    for args in ERRORS:
        run = _runs(lang)[("--ui-lang", lang, *args)]
        assert run.code == 2, (args, run)
        last = run.err.rstrip("\n").split("\n")[-1]
        assert last.startswith("simtrain") and f": {error}: " in last, (args, run.err)
        assert "Traceback" not in run.err
        assert english_words(run.err, ALLOW) == [], (args, run.err)


def test_english_stays_argparse_english() -> None:
    run = _run(("validate",), None)
    assert run.code == 2
    assert run.err.startswith("usage: simtrain validate")
    assert run.err.rstrip().endswith("error: the following arguments are required: PATH")
    helped = _run(("--help",), None)
    assert "positional arguments" in helped.out and "show this help message and exit" in helped.out


def test_a_value_argparse_quotes_is_quoted_the_interfaces_way() -> None:
    run = _runs("it")[("--ui-lang", "it", "briefing", "x", "--format", "pdf")]
    assert "«pdf»" in run.err and "'pdf'" not in run.err
    assert "«md», «html»" in run.err


# --- the control cell by its name, percentages as the language writes them ---------------------

SCENARIO = ROOT / "scenarios" / "field-to-fork"
SCRIPT = SCENARIO / "rehearsals" / "crossed-branches.yaml"
CONTROL_CELL = {"en": "control cell", "it": "cellula di controllo", "ru": "группа управления"}
SCORE_LINE = {
    "en": "  score: 60.4% (protect 0%, follow-money 100%, remedy 66%)",
    "it": "  punteggio: 60,4% (protect 0%, follow-money 100%, remedy 66%)",
    "ru": "  результат: 60,4\u00a0% (protect 0\u00a0%, follow-money 100\u00a0%, remedy 66\u00a0%)",
}


@pytest.mark.parametrize("lang", ["en", "it", "ru"])
def test_rehearse_names_the_control_cell_and_writes_percentages_through_babel(lang: str) -> None:
    run = _run(("--ui-lang", lang, "rehearse", str(SCENARIO), "--script", str(SCRIPT)), None)
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert "(control)" not in run.out and "(auto)" not in run.out
    delivered = [line for line in lines if "d1-hospital-call" in line]
    assert delivered and delivered[0].endswith(f"({CONTROL_CELL[lang]})")
    assert SCORE_LINE[lang] in lines


def test_a_failed_score_check_writes_its_percentages_the_languages_way(tmp_path: Path) -> None:
    script = tmp_path / "score.yaml"
    script.write_text(
        SCRIPT.read_text(encoding="utf-8") + "  - check: {team: alpha, score: 16.7}\n",
        encoding="utf-8",
    )
    run = _run(("--ui-lang", "it", "rehearse", str(SCENARIO), "--script", str(script)), None)
    assert run.code != 0
    assert "il punteggio è 60,4%, atteso 16,7%" in run.out + run.err


@pytest.mark.parametrize("lang", ["it", "ru"])
def test_the_report_names_the_control_cell_as_author_and_rater(lang: str, tmp_path: Path) -> None:
    script = tmp_path / "note.yaml"
    script.write_text(
        SCRIPT.read_text(encoding="utf-8") + "  - note: Buona collaborazione tra le squadre\n",
        encoding="utf-8",
    )
    session = tmp_path / "run.db"
    args = ("rehearse", str(SCENARIO), "--script", str(script), "--session", str(session))
    assert _run(("--ui-lang", lang, *args), None).code == 0
    markdown, html = tmp_path / "r.md", tmp_path / "r.html"
    for out in (markdown, html):
        done = _run(("--ui-lang", lang, "report", str(session), "-o", str(out)), None)
        assert done.code == 0, done.err
        text = out.read_text(encoding="utf-8")
        assert "Buona collaborazione" in text
        assert "| control |" not in text and "<td>control</td>" not in text
        assert "(control)" not in text
        assert CONTROL_CELL[lang] in text


# --- the words of reports and packs, with the content in the same language ----------------------


def _content_words(lang: str) -> set[str]:
    """Latin words the scenario's own translation keeps (company and place names, "task force"),
    and the rehearsal's team names: content, not interface."""
    text = (SCENARIO / "l10n" / f"{lang}.yaml").read_text(encoding="utf-8")
    return set(re.findall(r"[A-Za-z]+", text)) | {"Team", "Alpha", "Bravo"}


def _page_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        text = re.sub(r"<style.*?</style>|<script.*?</script>", " ", text, flags=re.S)
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return text


@pytest.mark.parametrize("lang", ["it", "ru"])
def test_report_and_packs_have_no_english_interface_words(lang: str, tmp_path: Path) -> None:
    session = tmp_path / "run.db"
    args = ("rehearse", str(SCENARIO), "--script", str(SCRIPT), "--session", str(session))
    assert _run(args, None).code == 0
    outputs = []
    for name in ("r.md", "r.html"):
        out = tmp_path / name
        done = _run(
            ("--ui-lang", lang, "report", str(session), "--lang", lang, "-o", str(out)), None
        )
        assert done.code == 0, done.err
        outputs.append(out)
    for which in (("--control",), ("--character", "tarik-omsen"), ("--role", "ngo")):
        out = tmp_path / f"{which[-1]}.md"
        done = _run(
            ("--ui-lang", lang, "briefing", str(SCENARIO), *which, "--lang", lang, "-o", str(out)),
            None,
        )
        assert done.code == 0, done.err
        outputs.append(out)
    allow = ALLOW | _content_words(lang)
    found = {out.name: english_words(_page_text(out), allow) for out in outputs}
    assert found == {out.name: [] for out in outputs}


@pytest.mark.parametrize(
    ("lang", "reason"),
    [("it", "file o cartella inesistente"), ("ru", "нет такого файла или папки")],
)
def test_the_systems_reason_is_said_in_the_interface_language(
    lang: str, reason: str, tmp_path: Path
) -> None:
    """Python's ``strerror`` is English whatever the locale: a missing file, a folder that
    cannot be written, are said in the interface language."""
    missing = _run(("--ui-lang", lang, "import", str(tmp_path / "nope.csv"), "-o", "x"), None)
    unwritable = _run(
        ("--ui-lang", lang, "msel", str(SCENARIO), "-o", str(tmp_path / "no" / "m.csv")), None
    )
    for run in (missing, unwritable):
        assert run.code != 0
        assert reason in run.err, run.err
        assert english_words(run.err, ALLOW | {"nope", "csv", "m"}) == [], run.err
