"""Rehearsal failures that tell the author what to write: an inject waiting for the control cell,
a misspelt id, in the interface language and its register, at ``FILE:LINE``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BRANCHING = ROOT / "tests" / "session" / "fixtures" / "branching"
SIMTRAIN = (sys.executable, "-m", "simtrain")

NO_CONFIRM = """\
teams:
  - {id: alpha, roles: [investigator, ngo]}
steps:
  - at: "0:20"
  - check: {team: alpha, delivered: [landing-call]}
  - rate: call-mediator
    team: alpha
    rating: P
"""


def rehearse(script: Path, lang: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SIMTRAIN, "rehearse", str(BRANCHING), "--script", str(script), "--ui-lang", lang, *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


HINTS = {
    "en": "'landing-call' (phone) waits for the control cell: add `auto_confirm: true` to the"
    " script, or a `deliver: landing-call` step before this one",
    "it": "«landing-call» (telefono) attende la cellula di controllo: aggiungete"
    " `auto_confirm: true` allo script oppure un passo `deliver: landing-call` prima di questo",
    "ru": "инжект «landing-call» (телефон) ждёт подтверждения штаба: добавьте в сценарий"
    " репетиции `auto_confirm: true` или шаг `deliver: landing-call` перед этим шагом",
}


@pytest.mark.parametrize("lang", ["en", "it", "ru"])
def test_an_inject_waiting_for_the_control_cell_says_how_to_confirm_it(
    tmp_path: Path, lang: str
) -> None:
    script = tmp_path / "no-confirm.yaml"
    script.write_text(NO_CONFIRM, encoding="utf-8")
    result = rehearse(script, lang)
    assert result.returncode == 1, result.stdout + result.stderr
    failed = [line for line in result.stdout.splitlines() if line.startswith(f"{script}:")]
    assert [line.split(":", 2)[1] for line in failed] == ["5", "6"]  # the check, then the rating
    assert all(line.endswith(HINTS[lang]) for line in failed), failed


def test_the_hint_is_in_the_json_too_and_names_the_inject_a_branch_hangs_on(
    tmp_path: Path,
) -> None:
    script = tmp_path / "later.yaml"
    script.write_text(
        "teams:\n"
        "  - {id: alpha, roles: [investigator, ngo]}\n"
        "steps:\n"
        "  - at: '0:20'\n"
        "  - check: {team: alpha, delivered: [mediator-arrives]}\n",
        encoding="utf-8",
    )
    data = json.loads(rehearse(script, "en", "--json").stdout)
    assert [f["message"] for f in data["failures"]] == [
        "team alpha: expected 'mediator-arrives' to be delivered, but it was not; " + HINTS["en"]
    ]


def test_with_auto_confirm_or_a_deliver_step_the_same_script_passes(tmp_path: Path) -> None:
    for fixed in (
        NO_CONFIRM.replace("steps:", "auto_confirm: true\nsteps:"),
        NO_CONFIRM.replace("  - check:", "  - deliver: landing-call\n  - check:"),
    ):
        script = tmp_path / "fixed.yaml"
        script.write_text(fixed, encoding="utf-8")
        result = rehearse(script, "en")
        assert result.returncode == 0, result.stdout
        assert "waits for the control cell" not in result.stdout


def test_no_hint_when_nothing_waits_for_the_control_cell(tmp_path: Path) -> None:
    script = tmp_path / "early.yaml"
    script.write_text(
        "teams:\n"
        "  - {id: alpha, roles: [investigator, ngo]}\n"
        "steps:\n"
        "  - check: {team: alpha, delivered: [manifest]}\n",
        encoding="utf-8",
    )
    result = rehearse(script, "en")
    assert result.returncode == 1
    assert result.stdout.splitlines()[-2] == (
        f"{script}:4: failed: team alpha: expected 'manifest' to be delivered, but it was not"
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "it",
            ":4:14: errore: lo scenario non ha l'inject «landing-cal»."
            " Forse intendevate «landing-call»?",
        ),
        (
            "en",
            ":4:14: error: the scenario has no inject 'landing-cal'. Did you mean 'landing-call'?",
        ),
    ],
)
def test_a_misspelt_id_gets_a_full_stop_before_the_suggestion(
    tmp_path: Path, lang: str, expected: str
) -> None:
    script = tmp_path / "typo.yaml"
    script.write_text(
        "teams:\n  - {id: alpha, roles: [investigator, ngo]}\nsteps:\n  - deliver: landing-cal\n",
        encoding="utf-8",
    )
    result = rehearse(script, lang)
    assert result.returncode == 2
    assert result.stderr == f"{script}{expected}\n"


def test_italian_script_messages_address_the_author_as_voi(tmp_path: Path) -> None:
    script = tmp_path / "step.yaml"
    script.write_text(
        "teams:\n  - {id: alpha, roles: [investigator]}\nsteps:\n  - avanza: 10m\n",
        encoding="utf-8",
    )
    result = rehearse(script, "it")
    assert result.returncode == 2
    assert f"{script}:4:5: errore: non è un passo; scrivete esattamente uno tra:" in result.stderr
    locale = (ROOT / "locales" / "it.yaml").read_text(encoding="utf-8")
    block = locale.split("\nrehearse:\n", 1)[1].split("\nsession:\n", 1)[0]
    for informal in (" scrivi ", " usa ", " togli ", " indica ", " aggiungi "):
        assert informal not in block, informal


def test_a_wrong_value_inside_a_step_is_placed_at_that_value(tmp_path: Path) -> None:
    script = tmp_path / "values.yaml"
    script.write_text(
        "teams:\n"
        "  - {id: alpha, roles: [investigator]}\n"
        "steps:\n"
        "  - rate: call-mediator\n"
        "    team: alpha\n"
        "    rating: X\n"
        "  - check: {team: alpha, score: 120, rated: -1}\n"
        "  - advance: domani\n",
        encoding="utf-8",
    )
    result = rehearse(script, "it")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"{script}:6:13: errore: «X» non è ammesso qui; usate uno tra: P, S, M, U, N/A",
        f"{script}:7:33: errore: «120» è fuori intervallo (da 0 a 100)",
        f"{script}:7:45: errore: «-1» è minore di zero; scrivete quante azioni sono valutate,"
        " 0 o più",
        f"{script}:8:14: errore: «domani» non è una durata; scrivetela come 45m, 1h30m, 90s o 0:15"
        " (ore:minuti)",
    ]
