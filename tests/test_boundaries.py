"""Boundaries checked by machine: import weight, locale parity, shipped data, packaging."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from simtrain import yamlio
from simtrain.i18n import Translator, _flatten, plural_category
from simtrain.resources import locales_dir, scenarios_dir

ROOT = Path(__file__).resolve().parent.parent


def test_validate_does_not_import_textual(tmp_path: Path) -> None:
    code = (
        "import sys; from simtrain.cli import main; "
        "main(['validate', sys.argv[1]]); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    (tmp_path / "scenario.yaml").write_text("simtrain: 1\n")
    proc = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True
    )
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def locale(lang: str) -> dict[str, object]:
    return _flatten(yamlio.load_file(locales_dir() / f"{lang}.yaml"))


def test_locales_share_one_key_set() -> None:
    en, ru, it = locale("en"), locale("ru"), locale("it")
    assert set(en) == set(ru) == set(it)


def test_plural_forms_match_each_language() -> None:
    ru, en, it = locale("ru"), locale("en"), locale("it")
    for key, value in ru.items():
        if isinstance(value, dict):
            assert set(value) == {"one", "few", "many", "other"}, key
            assert set(en[key]) == {"one", "other"}, key  # type: ignore[arg-type]
            assert set(it[key]) == {"one", "other"}, key  # type: ignore[arg-type]


def test_placeholders_agree_across_languages() -> None:
    import re

    pattern = re.compile(r"\{([a-z_]+)\}")
    en = locale("en")
    for lang in ("ru", "it"):
        other = locale(lang)
        for key, value in en.items():
            texts_en = value.values() if isinstance(value, dict) else [value]
            texts_other = other[key].values() if isinstance(other[key], dict) else [other[key]]  # type: ignore[union-attr]
            names_en = {n for t in texts_en for n in pattern.findall(str(t))}
            names_other = {n for t in texts_other for n in pattern.findall(str(t))}
            assert names_en == names_other, (lang, key)


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "1 инжект"), (2, "2 инжекта"), (5, "5 инжектов"), (21, "21 инжект"), (11, "11 инжектов")],
)
def test_russian_plurals(count: int, expected: str) -> None:
    assert Translator("ru")("count.injects", count=count) == expected
    assert plural_category("ru", 1.5) == "other"


@pytest.mark.parametrize(
    ("lang", "seconds", "expected"),
    [
        ("en", 5400, "1 hr 30 min"),
        ("ru", 5400, "1 ч 30 мин"),
        ("it", 5400, "1 h 30 min"),
        ("ru", 8 * 3600, "8 ч"),
        ("it", 20, "20 s"),
        ("en", 0, "0 min"),
    ],
)
def test_durations_read_in_the_interface_language(lang: str, seconds: int, expected: str) -> None:
    """A facilitator reads "1 ч 30 мин", not the author's "1h30m", in a Russian console."""
    assert Translator(lang).span(seconds) == expected


def test_unknown_language_falls_back_to_english() -> None:
    assert Translator("fr")("severity.error") == "error"
    assert Translator("it")("no.such.key") == "no.such.key"


def shipped() -> list[Path]:
    return sorted(p.parent for p in scenarios_dir().glob("*/scenario.yaml"))


@pytest.mark.parametrize("folder", shipped(), ids=lambda p: p.name)
def test_shipped_scenarios_are_strictly_valid(folder: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "simtrain", "validate", "--strict", str(folder)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    text = (folder / "scenario.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/scenario.schema.json")


def test_wheel_carries_scenarios_and_locales(tmp_path: Path) -> None:
    """A plain, non-editable install finds its data without the source tree."""
    wheel_dir = tmp_path / "wheel"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheel_dir), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(wheel_dir.glob("simtrain-*.whl"))
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    code = (
        "import json, simtrain, simtrain.resources as r, sys; "
        "print(json.dumps([simtrain.__file__, str(r.locales_dir()), str(r.scenarios_dir()), "
        "str(r.schema_file())]))"
    )
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    import json

    module, locales, scenarios, schema = json.loads(proc.stdout)
    assert module.startswith(str(target))
    assert Path(locales, "ru.yaml").is_file()
    assert Path(schema).is_file()
    assert sorted(p.name for p in Path(scenarios).glob("*/scenario.yaml")) == sorted(
        p.name for p in scenarios_dir().glob("*/scenario.yaml")
    )
    listed = subprocess.run(
        [sys.executable, "-m", "simtrain", "list", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert listed.returncode == 0, listed.stderr
