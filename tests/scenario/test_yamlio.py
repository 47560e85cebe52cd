"""The strict YAML reader: the traps of YAML 1.1 and hostile files."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from simtrain import yamlio
from simtrain.yamlio import YamlProblem


def problem(text: str) -> YamlProblem:
    with pytest.raises(YamlProblem) as info:
        yamlio.loads(text)
    return info.value


def test_uses_libyaml() -> None:
    assert yamlio.HAVE_LIBYAML


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at: 10:30", "10:30"),
        ("a: no", "no"),
        ("a: yes", "yes"),
        ("a: on", "on"),
        ("a: 2025-03-01", "2025-03-01"),
        ("a: 0x1F", "0x1F"),
        ("a: 012", "012"),
        ("a: .inf", ".inf"),
        ("a: 1_000", "1_000"),
        ("a: true", True),
        ("a: false", False),
        ("a: null", None),
        ("a: ~", None),
        ("a:", None),
        ("a: 42", 42),
        ("a: -3", -3),
        ("a: 1.5", 1.5),
        ("a: '10:30'", "10:30"),
    ],
)
def test_only_safe_implicit_types(text: str, expected: object) -> None:
    assert yamlio.loads(text) == {"a" if not text.startswith("at") else "at": expected}


def test_duplicate_key_is_an_error_at_the_second_key() -> None:
    found = problem("title: one\nroles: []\ntitle: two\n")
    assert (found.key, found.line, found.column) == ("duplicate_key", 3, 1)
    assert found.params["name"] == "title"


def test_a_duplicate_key_is_named_as_the_file_spells_it() -> None:
    found = problem("a: 1\ntrue: 2\ntrue: 3\n")
    assert (found.line, found.params["name"]) == (3, "true")  # never Python's True


def test_nested_duplicate_key() -> None:
    found = problem("a:\n  b: 1\n  c: 2\n  b: 3\n")
    assert (found.line, found.column) == (4, 3)


def test_alias_is_refused() -> None:
    found = problem("a: &x hello\nb: *x\n")
    assert found.key == "alias"


def test_alias_bomb_is_refused_quickly() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        bomb += f"{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    start = time.perf_counter()
    found = problem(bomb)
    assert found.key == "alias"
    assert time.perf_counter() - start < 1.0


def test_recursive_alias_is_refused() -> None:
    assert problem("a: &a [*a]\n").key == "alias"


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system ['echo pwned']",
        "a: !!binary aGVsbG8=",
        "a: !!timestamp 2025-01-01",
        "a: !!set {x: null}",
        "a: !custom thing",
    ],
)
def test_tags_are_refused(text: str) -> None:
    assert problem(text).key == "tag"


def test_merge_key_is_just_a_key() -> None:
    assert yamlio.loads("<<: 1") == {"<<": 1}


def test_absurd_nesting_is_refused() -> None:
    deep = "a:\n" + "".join("  " * i + "- \n" for i in range(1, 200))
    found = problem("[" * 500 + "]" * 500)
    assert found.key == "too_deep"
    assert problem(deep).key in {"too_deep", "syntax"}


def test_libyaml_nesting_limit_is_one_line() -> None:
    assert problem("[" * 5000 + "]" * 5000).key == "syntax"


def test_syntax_error_has_a_place() -> None:
    found = problem("a: [1, 2\nb: 3\n")
    assert found.key == "syntax"
    assert found.line is not None and found.column is not None


def test_complex_key_is_refused() -> None:
    assert problem("? [a, b]\n: 1\n").key == "complex_key"


def test_decode_rejects_nul_with_place() -> None:
    with pytest.raises(YamlProblem) as info:
        yamlio.decode(b"a: 1\nb: \x00\n")
    assert (info.value.key, info.value.line, info.value.column) == ("binary", 2, 4)


def test_decode_rejects_latin1_with_place() -> None:
    with pytest.raises(YamlProblem) as info:
        yamlio.decode("title: ok\nname: caf\xe9\n".encode("latin-1"))
    assert (info.value.key, info.value.line, info.value.column) == ("not_utf8", 2, 10)


def test_decode_accepts_bom() -> None:
    assert yamlio.loads(yamlio.decode("\ufeffa: б".encode())) == {"a": "б"}


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "e.yaml"
    path.write_text("  \n\n")
    with pytest.raises(YamlProblem) as info:
        yamlio.load_file(path)
    assert info.value.key == "empty"


def test_comment_only_file_is_empty() -> None:
    assert problem("# nothing here\n").key == "empty"


def test_too_large_file_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(60 * 1024 * 1024)
    with pytest.raises(YamlProblem) as info:
        yamlio.load_file(path)
    assert info.value.key == "too_large"
    assert info.value.unreadable


def test_missing_and_symlink_loop(tmp_path: Path) -> None:
    with pytest.raises(YamlProblem) as info:
        yamlio.load_file(tmp_path / "nope.yaml")
    assert info.value.key == "missing" and info.value.unreadable
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(YamlProblem) as info:
        yamlio.load_file(tmp_path / "a")
    assert info.value.key == "os_error" and info.value.unreadable


def test_locate_maps_paths_to_lines() -> None:
    text = "a:\n  - x: 1\n  - x: 2\n    y: [3, 4]\n"
    root = yamlio.compose(text)
    assert yamlio.locate(root, ("a", 1, "y", 1)) == yamlio.Place(4, 12)
    assert yamlio.locate(root, ("a", 1, "y"), on_key=True) == yamlio.Place(4, 5)
    assert yamlio.locate(root, ("a", 0, "missing")) == yamlio.Place(2, 5)


def test_dump_round_trips_multiline_and_unicode() -> None:
    data = {"text": "Первая строка\nSeconda riga: ok\n", "at": "10:30", "flag": "no"}
    assert yamlio.loads(yamlio.dump(data)) == data
