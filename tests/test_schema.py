"""The JSON Schemas of scenarios and rehearsal scripts: in the author's language, in step with the
models and the committed files, and true to every shipped scenario and script."""

from __future__ import annotations

import ast
import inspect
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from simtrain import yamlio
from simtrain.i18n import messages
from simtrain.rehearse import script as script_module
from simtrain.resources import scenarios_dir
from simtrain.scenario import conditions, model
from simtrain.schema_docs import SCHEMA_KINDS, SHARED_KEYS, SchemaKind, doc_keys, schema
from simtrain.schema_docs import schema_text as generated_text
from tests.conftest import Result
from tests.english_words import english_words

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = {"scenario": "scenario.schema.json", "rehearsal": "rehearsal.schema.json"}
SAME_IN_ENGLISH = {("it", "schema_doc.Inject._title")}
"""Locale values allowed to read as in English: «Inject» is the Italian term too."""
jsonschema: Any = pytest.importorskip("jsonschema")  # a test dependency (pyproject), no stubs
WORDS = ("description", "title", "markdownDescription")


def _texts(node: Any) -> Iterator[str]:
    """Every word of a schema a person reads: titles, descriptions, value explanations."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in WORDS and isinstance(value, str):
                yield value
            elif key == "enumDescriptions":
                yield from value
            else:
                yield from _texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value)


def _all_keys() -> list[str]:
    return [*SHARED_KEYS, *doc_keys("scenario"), *doc_keys("rehearsal")]


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_committed_schema_is_the_english_output(kind: SchemaKind) -> None:
    committed = (ROOT / "schema" / COMMITTED[kind]).read_text(encoding="utf-8")
    flag = " --rehearsal" if kind == "rehearsal" else ""
    assert committed == generated_text(kind, "en"), (
        f"run: simtrain --ui-lang en schema{flag} -o schema/{COMMITTED[kind]}"
    )


def test_every_model_and_property_is_described_in_every_language() -> None:
    keys = _all_keys()
    assert "schema_doc.Inject.from" in keys and "schema_doc.Rate.acted_at" in keys
    assert "schema_doc.Expectations._about" in keys and "schema_doc.Not.not" in keys
    en = messages("en")
    for lang in ("ru", "it"):
        other = messages(lang)
        for key in keys:
            assert key in en and key in other, (lang, key)
            if (lang, key) not in SAME_IN_ENGLISH:
                assert other[key] != en[key], f"{lang}: {key} is still in English"
    doc_entries = {k for k in en if k.startswith("schema_doc.")}
    assert doc_entries == set(keys), "schema_doc keys no schema uses (or uses twice)"


@pytest.mark.parametrize("lang", ["en", "ru", "it"])
@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_every_word_of_the_schema_is_in_the_language(kind: SchemaKind, lang: str) -> None:
    """Each model and property has a title or a description from ``lang``'s locale, no key is
    shown raw, and a Russian or Italian schema holds no English word."""
    result = schema(kind, lang)
    models = [result, *result["$defs"].values()]
    for node in models:
        assert node["title"] and node["description"]
        for prop in node["properties"].values():
            assert prop["description"] and "title" not in prop
    texts = list(_texts(result))
    assert not [t for t in texts if t.startswith("schema_doc.")]
    if lang != "en":
        english = set(_texts(schema(kind, "en")))
        for text in texts:
            assert not english_words(text), text
            assert text not in english or text == "Inject", text


def _model_classes() -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    for module in (model, conditions, script_module):
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, BaseModel) and value.__module__ == module.__name__:
                found.append(value)
    return found


def _plain(text: str) -> str:
    return " ".join(text.replace("``", "`").split())


def _attribute_docstrings(cls: type[BaseModel]) -> Iterator[tuple[str, str]]:
    """``field: T`` followed by a string: the developer's note on a field."""
    body = ast.parse(inspect.getsource(cls)).body[0]
    assert isinstance(body, ast.ClassDef)
    for before, after in zip(body.body, body.body[1:], strict=False):
        if (
            isinstance(before, ast.AnnAssign)
            and isinstance(before.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            yield before.target.id, after.value.value


def test_developer_docstrings_say_what_the_english_schema_says() -> None:
    """The models keep no field descriptions (the locales are the one source); what they keep
    for developers, a class's docstring and a field's, must not drift from the English words."""
    en = messages("en")
    classes = _model_classes()
    assert {"Inject", "Rate", "Expectations", "Not"} <= {c.__name__ for c in classes}
    for cls in classes:
        for name, info in cls.model_fields.items():
            assert info.description is None, f"{cls.__name__}.{name}: describe it in locales"
        if cls.__doc__ and f"schema_doc.{cls.__name__}._about" in en:
            assert _plain(cls.__doc__) == _plain(str(en[f"schema_doc.{cls.__name__}._about"]))
        for field, doc in _attribute_docstrings(cls):
            key = f"schema_doc.{cls.__name__}.{cls.model_fields[field].alias or field}"
            assert _plain(doc) == _plain(str(en[key])), key


def _validator(kind: SchemaKind) -> Any:
    document = json.loads(generated_text(kind, "en"))
    jsonschema.Draft202012Validator.check_schema(document)
    return jsonschema.Draft202012Validator(document)


def _shipped(pattern: str) -> list[Path]:
    found = sorted(scenarios_dir().glob(pattern))
    assert found, pattern
    return found


def test_every_shipped_scenario_is_valid_under_the_schema() -> None:
    validator = _validator("scenario")
    for path in _shipped("*/scenario.yaml"):
        errors = [e.message for e in validator.iter_errors(yamlio.load_file(path))]
        assert not errors, (path, errors[:3])


def test_every_shipped_rehearsal_script_is_valid_under_the_schema() -> None:
    validator = _validator("rehearsal")
    scripts = _shipped("*/rehearsals/*.yaml")
    for path in scripts:
        errors = [e.message for e in validator.iter_errors(yamlio.load_file(path))]
        assert not errors, (path, errors[:3])
        first = path.read_text(encoding="utf-8").splitlines()[0]
        if first.startswith("# yaml-language-server:"):
            assert first.endswith("$schema=../../../schema/rehearsal.schema.json")


@pytest.mark.parametrize(
    "step",
    [
        {"delivr": "arrival"},
        {"advance": "45 minutes"},
        {"rate": "call", "team": "alpha", "rating": "X"},
        {"check": {"team": "alpha", "delivered": ["a"], "deliverd": ["b"]}},
        {"at": "1:30", "advance": "5m"},
    ],
)
def test_the_rehearsal_schema_refuses_what_the_runner_refuses(step: dict[str, Any]) -> None:
    script = {"teams": [{"id": "alpha", "roles": ["police"]}], "steps": [step]}
    assert not _validator("rehearsal").is_valid(script)


def test_a_step_with_its_note_is_one_step() -> None:
    """``note`` beside ``rate`` is the rating's comment, not a second step."""
    script = {
        "teams": [{"id": "alpha", "roles": ["police"]}],
        "auto_confirm": True,
        "steps": [
            {"rate": "call", "team": "alpha", "rating": "P", "note": "fast", "by": "Anna"},
            {"note": "the room is quiet"},
            {"check": {"team": "alpha", "score": 100, "by_objective": {"identify": 100}}},
        ],
    }
    assert _validator("rehearsal").is_valid(script)


def test_editor_help_for_values_and_durations() -> None:
    it = schema("scenario", "it")
    inject = it["$defs"]["Inject"]["properties"]
    channels = inject["channel"]["enumDescriptions"]
    assert len(channels) == len(inject["channel"]["enum"]) and channels[0].startswith("telefono")
    at = inject["at"]["anyOf"][0]
    assert {"45m", "1h30m", "0:15"} <= set(at["examples"])
    assert "`1h30m`" in inject["at"]["markdownDescription"]
    assert "Scrivete il tempo" in inject["delay"]["markdownDescription"]
    delivery = inject["delivery"]["anyOf"][0]
    assert delivery["enumDescriptions"][1].startswith("attende che la cellula di controllo")
    played_by = it["$defs"]["Character"]["properties"]["played_by"]
    assert len(played_by["enumDescriptions"]) == len(played_by["enum"]) == 2
    assert it["properties"]["language"]["examples"] == ["en", "ru", "it"]
    assert it["properties"]["translations"]["items"]["examples"] == ["en", "ru", "it"]
    ru = schema("rehearsal", "ru")
    rating = ru["$defs"]["Rate"]["properties"]["rating"]
    assert rating["enumDescriptions"][0] == "P — выполнено без затруднений"


def _words_of(out: str) -> dict[str, Any]:
    document = json.loads(out)
    assert isinstance(document, dict)
    return document


def test_schema_in_italian_through_the_cli(cli: Callable[..., Result], tmp_path: Path) -> None:
    result = cli("--ui-lang", "it", "schema")
    assert result.code == 0, result.err
    document = _words_of(result.out)
    assert document["title"] == "scenario simtrain"
    inject = document["$defs"]["Inject"]
    assert inject["description"].startswith("Un evento che la cellula di controllo")
    assert inject["properties"]["from"]["description"].startswith("Il personaggio")
    assert document == schema("scenario", "it")
    written = cli("schema", "--ui-lang", "it", "-o", str(tmp_path / "s.json"))
    assert written.code == 0 and written.out.startswith("scritto"), written
    assert json.loads((tmp_path / "s.json").read_text(encoding="utf-8")) == document


def test_rehearsal_schema_in_russian_through_the_cli(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    result = cli("--ui-lang", "ru", "schema", "--rehearsal")
    assert result.code == 0, result.err
    document = _words_of(result.out)
    assert document["title"] == "сценарий репетиции simtrain"
    auto = document["properties"]["auto_confirm"]["description"]
    assert "группа управления" in auto
    out = tmp_path / "rehearsal.schema.json"
    assert cli("--ui-lang", "ru", "schema", "--rehearsal", "-o", str(out)).code == 0
    assert out.read_text(encoding="utf-8") == generated_text("rehearsal", "ru")
    english = cli("schema", "--rehearsal")
    assert english.out == (ROOT / "schema" / "rehearsal.schema.json").read_text(encoding="utf-8")


def test_a_bad_language_is_one_line(cli: Callable[..., Result]) -> None:
    result = cli("--ui-lang", "fr", "schema")
    assert result.code == 2 and result.out == ""
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err


def test_an_unwritable_output_is_one_line(cli: Callable[..., Result], tmp_path: Path) -> None:
    result = cli("--ui-lang", "it", "schema", "-o", str(tmp_path / "missing" / "s.json"))
    assert result.code != 0 and len(result.err.strip().splitlines()) == 1, result


@pytest.mark.parametrize("lang", ["ru", "it"])
def test_schema_help_speaks_the_language(cli: Callable[..., Result], lang: str) -> None:
    result = cli("--ui-lang", lang, "schema", "--help")
    assert result.code == 0
    assert "--rehearsal" in result.out
    assert "JSON Schema del" not in result.out
    allow = ["FILE", "LANG", "JSON", "schema", "en", "ru", "it"]
    help_lines = [line for line in result.out.splitlines() if "--" in line or "schem" in line]
    for line in help_lines:
        assert not english_words(line, allow=allow), line


@pytest.mark.parametrize("lang", ["it", "ru"])
def test_a_new_scenario_is_valid_under_the_schemas_written_beside_it(
    cli: Callable[..., Result], tmp_path: Path, lang: str
) -> None:
    """What ``simtrain new`` writes passes the schemas it writes beside it, in the author's
    language: the editor shows no error on the starter."""
    assert cli("new", "porto", "--lang", lang, "--dir", str(tmp_path)).code == 0
    folder = tmp_path / "porto"
    files: dict[SchemaKind, list[Path]] = {
        "scenario": [folder / "scenario.yaml"],
        "rehearsal": sorted(folder.glob("rehearsals/*.yaml")),
    }
    assert files["rehearsal"]
    for kind, paths in files.items():
        document = json.loads((folder / COMMITTED[kind]).read_text(encoding="utf-8"))
        assert document == schema(kind, lang)
        validator = jsonschema.Draft202012Validator(document)
        for path in paths:
            errors = [e.message for e in validator.iter_errors(yamlio.load_file(path))]
            assert not errors, (path, errors[:3])


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_no_two_alternatives_look_alike_to_an_editor(kind: SchemaKind) -> None:
    """yaml-language-server's hover takes the alternatives of an ``anyOf`` whose title and
    description are all the same for "all matched" and joins their (maybe empty) words with
    ``||``: each alternative of a property must be told apart by them, and the one the value
    matches carries the field's description."""
    result = schema(kind, "it")
    for _, node in [(result["title"], result), *result["$defs"].items()]:
        for name, prop in node["properties"].items():
            branches = prop.get("anyOf", [])
            looks = [(b.get("title"), b.get("description")) for b in branches]
            assert len(set(looks)) == len(looks), name
            if branches:
                assert branches[0]["description"].startswith(prop["description"]), name
