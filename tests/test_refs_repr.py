"""No Python spelling in any validation message: a value is quoted as the author wrote it.

A list is ``[a, b]``, a mapping ``{a: b}``, nothing is ``None``/``True``: checked for every problem
key of the locales, for every pydantic error kind the loader words, and through the real CLI on a
shipped scenario whose values have every wrong type.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from simtrain.i18n import UI_LANGUAGES, Translator, messages
from simtrain.resources import scenarios_dir
from simtrain.scenario.problems import Problem, describe_error, shorten

PYTHON_SPELLING = re.compile(r"\['|\{'|\bNone\b|\bTrue\b|\bFalse\b")

ODD_VALUES: list[Any] = [["Ispettore del lavoro"], {"a": "b"}, None, True, False, [["x"]], 1.5]

PROBLEM_KEYS = sorted(
    key
    for key in messages("en")
    if key.startswith(("problems.", "refs.")) and not key.startswith(("refs.a.", "refs.known"))
)


def clean(text: str) -> bool:
    return PYTHON_SPELLING.search(text) is None


@pytest.mark.parametrize("value", ODD_VALUES, ids=repr)
def test_shorten_speaks_yaml(value: Any) -> None:
    assert clean(shorten(value))


@pytest.mark.parametrize("lang", UI_LANGUAGES)
@pytest.mark.parametrize("key", PROBLEM_KEYS)
def test_every_problem_key_renders_without_python(lang: str, key: str) -> None:
    t = Translator(lang)
    template = messages(lang)[key]
    text = template if isinstance(template, str) else template["other"]
    names = set(re.findall(r"\{([a-z_]+)\}", text)) - {"count"}
    for value in ODD_VALUES:
        params: dict[str, Any] = {name: shorten(value) for name in names}
        params |= {"kind": "role", "found_kind": "role", "wanted_kind": "character", "count": 2}
        message = Problem("error", key, params, hints=("refs.also_at",)).render(t)
        assert clean(message), message


ERRORS: list[dict[str, Any]] = [
    {"type": "literal_error", "ctx": {"expected": "'all'"}},
    {"type": "literal_error", "ctx": {"expected": "'phone', 'email' or 'radio'"}},
    {"type": "condition", "ctx": {}},
    {"type": "bad_id", "ctx": {}},
    {"type": "duration", "ctx": {}},
    {"type": "bad_lang", "ctx": {}},
    {"type": "greater_than_equal", "ctx": {"ge": 0}},
    {"type": "less_than_equal", "ctx": {"le": 1000}},
    {"type": "tuple_type", "ctx": {}},
    {"type": "string_type", "ctx": {}},
    {"type": "something_new", "ctx": {}, "msg": "Input should be a valid thing"},
]


@pytest.mark.parametrize("lang", UI_LANGUAGES)
@pytest.mark.parametrize("error", ERRORS, ids=lambda e: e["type"])
def test_every_error_kind_quotes_values_as_written(lang: str, error: dict[str, Any]) -> None:
    for value in ODD_VALUES:
        ctx = {**error["ctx"]}
        if error["type"] in ("bad_id", "duration", "bad_lang"):
            ctx["value"] = value
        described = describe_error(
            {"loc": ("injects", 0, "to"), "input": value, **error, "ctx": ctx}, ["to"]
        )
        message = described.render(Translator(lang))
        assert clean(message), message


ODD_EDITS = [
    ("to: [social-services, ngo]", "to: [[ngo], {a: b}]"),
    ('at: "0:30"', "at: true"),
    ('at: "1:30"', "at: [1, 2]"),
    ("channel: phone", "channel: [phone]"),
    ("points: 15", "points: true"),
    ("played_by: actor", "played_by: {who: actor}"),
    ("after: {missed: ss-see-tarik-alone}", "after: [ss-see-tarik-alone]"),
    ("    phase: day-2\n", "    phase: null\n"),
    ("translations: [ru, it]", "translations: [ru, [it]]"),
    ("within: 1h\n", "within: false\n"),
    ("title: A young worker with a crushed hand", "title: {en: A young worker, true: Giovane}"),
]


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_the_cli_never_prints_python(tmp_path: Path, lang: str) -> None:
    folder = tmp_path / "s"
    shutil.copytree(scenarios_dir() / "field-to-fork", folder)
    file = folder / "scenario.yaml"
    text = file.read_text(encoding="utf-8")
    for old, new in ODD_EDITS:
        assert old in text, old
        text = text.replace(old, new, 1)
    file.write_text(text, encoding="utf-8")
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    environ.pop("SIMTRAIN_LANG", None)
    proc = subprocess.run(
        [sys.executable, "-m", "simtrain", "--ui-lang", lang, "validate", str(folder)],
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
    )
    assert proc.returncode == 1
    lines = proc.stderr.splitlines()
    assert len(lines) >= len(ODD_EDITS)
    for line in lines:
        assert clean(line), line
