"""YAML mistakes an author makes every day, through the real CLI: worded in the interface language,
at the line of the mistake (not where the parser gave up), with a fix that is valid YAML and
reads as the author meant.

The fixtures (tests/fixtures/yaml_mistakes/{en,ru,it}/<mistake>.yaml) are the same small exercise
in each language with one mistake each; cases.json gives, per file, the kind of mistake, its line,
and where the intended value sits in the fixed file and what it is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simtrain import yamlio
from simtrain.i18n import messages
from simtrain.yaml_mistakes import _diagnose, diagnose
from tests.conftest import Result

FIXTURES = Path(__file__).parent / "fixtures" / "yaml_mistakes"
CASES: dict[str, dict[str, Any]] = json.loads((FIXTURES / "cases.json").read_text("utf-8"))
LANGS = ("en", "ru", "it")

PARSER_ENGLISH = (
    "mapping values",
    "did not find expected",
    "could not find",
    "found character",
    "found a tab",
    "while scanning",
    "expected <block end>",
    "YAML syntax:",
)
"""PyYAML's own words, which must never reach an author."""


def template_pattern(template: str) -> re.Pattern[str]:
    """A locale message as a regex whose groups are its placeholders."""
    parts = re.split(r"\{([a-z_]+)\}", template)
    pattern, seen = "", set()
    for index, part in enumerate(parts):
        if not index % 2:
            pattern += re.escape(part)
        elif part in seen:
            pattern += f"(?P={part})"
        else:
            seen.add(part)
            pattern += f"(?P<{part}>.+)" if part == "fix" else f"(?P<{part}>.+?)"
    return re.compile(pattern + "$")


def message_params(lang: str, kind: str, message: str) -> dict[str, str]:
    template = messages(lang)[f"yaml.mistakes.{kind}"]
    assert isinstance(template, str)
    match = template_pattern(template).search(message)
    assert match, f"{message!r} is not the {kind} message of {lang}"
    return match.groupdict()


def value_at(data: Any, path: list[str | int]) -> Any:
    for key in path:
        data = data[key]
    return data


def fixed_text(file: Path, line: int, params: dict[str, str]) -> str:
    """The fixture with its mistaken line replaced as the message says."""
    lines = file.read_text("utf-8").split("\n")
    wrong = lines[line - 1]
    if "fix" in params:
        indent = wrong[: len(wrong) - len(wrong.lstrip(" "))]
        lines[line - 1] = indent + params["fix"]
    else:
        lines[line - 1] = " " * (int(params["target"]) - 1) + wrong.lstrip(" \t")
    return "\n".join(lines)


@pytest.mark.parametrize("lang", LANGS)
def test_every_mistake_is_named_at_its_line_with_a_fix(
    cli: Callable[..., Result], lang: str
) -> None:
    cases = {name: case for name, case in CASES.items() if name.startswith(f"{lang}/")}
    assert len(cases) >= 8
    files = [str(FIXTURES / name) for name in sorted(cases)]
    result = cli("--ui-lang", lang, "validate", *files)
    assert result.code == 1
    assert "Traceback" not in result.err
    for word in PARSER_ENGLISH:
        assert word not in result.err, word
    for name, case in sorted(cases.items()):
        file = FIXTURES / name
        reported = [row for row in result.err.splitlines() if row.startswith(f"{file}:")]
        assert len(reported) == 1, (name, result.err)
        where, message = re.match(r"(.*?:\d+:\d+): (.*)$", reported[0]).groups()  # type: ignore[union-attr]
        assert where.startswith(f"{file}:{case['line']}:"), (name, reported[0])
        params = message_params(lang, case["kind"], message)
        data = yamlio.loads(fixed_text(file, case["line"], params))
        assert value_at(data, case["path"]) == case["value"], name


def test_the_fix_is_shown_in_the_interface_language(cli: Callable[..., Result]) -> None:
    file = FIXTURES / "it" / "apostrophe.yaml"
    result = cli("--ui-lang", "it", "validate", str(file))
    assert f"{file}:37:" in result.err
    assert "usate le virgolette doppie" in result.err
    assert """scrivete: title: "L'alunno non torna\"""" in result.err


def test_an_unclosed_quote_is_placed_where_it_opens() -> None:
    text = (FIXTURES / "ru" / "unclosed_quote.yaml").read_text("utf-8")
    with pytest.raises(yamlio.YamlProblem) as info:
        yamlio.loads(text)
    assert (info.value.key, info.value.line) == ("mistakes.unclosed_quote", 23)
    assert info.value.params["until"] > 23  # where the parser gave up, said in the message


def test_other_syntax_errors_are_translated_and_placed(cli: Callable[..., Result]) -> None:
    file = FIXTURES / "other.yaml"
    for lang, words in (("it", "sintassi YAML non valida"), ("ru", "неверный синтаксис YAML")):
        result = cli("--ui-lang", lang, "validate", str(file))
        assert result.code == 1
        assert f"{file}:3:" in result.err and words in result.err
        for word in PARSER_ENGLISH:
            assert word not in result.err


LINES = st.lists(
    st.sampled_from(
        [
            "title: Rapporto: la squadra arriva",
            "  title: 'L'alunno non torna'",
            '    within: "0:45',
            "\tchannel: email",
            "channel:email",
            "  -investigatore",
            "  - pm",
            "   to: [a, b",
            "message: >-",
            "  testo del blocco",
            "testo fuori dal blocco",
            "- id: a",
            "  - id: b",
            "    at: '1:00'",
            "# commento: sì",
            "",
            "   ",
            "key: value # nota: due punti",
            "«Sei bambini»: 'x''y'",
            '"chiave": {a: 1}',
            "---",
            "\t",
            "a: |",
            "    riga",
        ]
    ),
    min_size=1,
    max_size=14,
)


@settings(max_examples=300, deadline=None)
@given(LINES, st.sampled_from(["\n", "\r\n"]))
def test_the_diagnosis_never_fails_and_stays_in_the_file(lines: list[str], newline: str) -> None:
    text = newline.join(lines)
    count = len(lines)
    try:
        yamlio.loads(text)
    except yamlio.YamlProblem as problem:
        if problem.key.startswith("mistakes.") or problem.key == "syntax":
            assert problem.line is not None and 1 <= problem.line <= count
            assert f"yaml.{problem.key}" in messages("en")
            until = problem.params.get("until", 1)
            assert 1 <= until <= count
    for line in range(1, count + 2):  # any place the parser could give, even past the end
        _diagnose(text, line)  # the guard in diagnose() must have nothing to catch
        placed = diagnose(text, line, 1, "detail")
        assert placed.line is None or 1 <= placed.line <= max(count, 1)


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        ("a: 1\n\tb: 2\n", "mistakes.tab", 2),
        ("a:\n  b: 1\n   c: 2\n", "mistakes.indent", 3),
        ("a:\n  - x\n  -y\nb: 1\n", "mistakes.dash_space", 3),
        ("a: 'l'amico'\n", "mistakes.apostrophe", 1),
        ("a: [1, 2\nb: 3\n", "syntax", 2),
        ("a: 'x'\nb: c: d\n", "mistakes.colon", 2),
        ("a: |\n  uno\n due\nb: 1\n", "mistakes.block_indent", 3),
        ("a:\n  b: 1\n\t# nota\n  c: 2\n", "mistakes.tab", 3),
        ("\tsteps:\n  - at: x\n", "mistakes.tab", 1),
        ("steps:\n  - at: x\n    team: a\n- at: y\n    team: b\n", "mistakes.indent", 4),
    ],
)
def test_mistakes_table(text: str, key: str, line: int) -> None:
    with pytest.raises(yamlio.YamlProblem) as info:
        yamlio.loads(text)
    assert (info.value.key, info.value.line) == (key, line)


def test_a_valid_file_does_not_load_the_diagnosis(cli: Callable[..., Result]) -> None:
    """The diagnosis is imported only when parsing failed: a valid file keeps libyaml speed."""
    code = (
        "import sys; from simtrain import yamlio; yamlio.loads('a: 1\\n'); "
        "print('simtrain.yaml_mistakes' in sys.modules)"
    )
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
