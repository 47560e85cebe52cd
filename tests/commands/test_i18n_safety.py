"""A translator's work is never lost: ``simtrain i18n`` and ``validate`` on broken translation
files, bad language codes and binary documents, through the real CLI on real folders (S14-S16,
S27, and the author trial's row L: an apostrophe that wiped 25 translations).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from simtrain import yamlio
from simtrain.scenario.catalog import L10N_DIR, Catalog
from simtrain.scenario.loader import load_scenario
from tests.conftest import Result

TRANSLATED = """\
language: it
entries:
  title:
    src: 268c0af3
    text: Una piccola esercitazione
  roles.ngo.name:
    src: 80d4f87f
    text: Sostegno dell'ONG
"""

BROKEN = {
    "apostrophe": TRANSLATED.replace(
        "text: Una piccola esercitazione", "text: 'L'esercitazione piccola'"
    ),
    "nul": TRANSLATED.replace("Una piccola", "Una\x00piccola"),
    "empty": "",
    "list": "- language: it\n- entries: {}\n",
    "wrong-language": TRANSLATED.replace("language: it", "language: ru"),
    "unknown-key": TRANSLATED.replace("    text: Sostegno", "    txet: Sostegno"),
}
"""What a translator's file may look like after a slip, and where ``validate`` places it."""

WHERE = {
    "apostrophe": ":5:",
    "nul": ":5:",
    "empty": ": error:",
    "list": ":1:1:",
    "wrong-language": ":1:11:",
    "unknown-key": ":8:5:",
}


def sidecar(folder: Path, text: str, lang: str = "it") -> Path:
    path = folder / L10N_DIR / f"{lang}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.mark.parametrize("slip", sorted(BROKEN))
def test_a_broken_file_is_reported_and_never_rewritten(
    cli: Callable[..., Result], write_scenario: Callable[..., Path], slip: str
) -> None:
    folder = write_scenario()
    path = sidecar(folder, BROKEN[slip])
    before = path.read_bytes()

    checked = cli("i18n", str(folder), "--strict")
    assert checked.code == 1
    assert "Traceback" not in checked.err
    problem = next(line for line in checked.err.splitlines() if "it.yaml" in line)
    assert problem.startswith(f"{path}{WHERE[slip]}"), problem
    assert ": error: " in problem
    assert "it: 0 of" not in checked.out and "cannot be read as a translation" in checked.out
    assert "ru: 0 texts translated of" in checked.out  # the other language is still counted

    updated = cli("i18n", str(folder), "--update", "--lang", "it")
    assert updated.code == 1
    assert "Traceback" not in updated.err
    assert f"{path} was not changed" in updated.err
    assert "wrote" not in updated.out
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["it.yaml"]

    validated = cli("validate", str(folder))
    assert validated.code == 1
    assert problem in validated.err  # the same line validate prints


def test_update_keeps_the_previous_file_and_every_translation(
    cli: Callable[..., Result], write_scenario: Callable[..., Path]
) -> None:
    folder = write_scenario()
    path = sidecar(folder, TRANSLATED)
    result = cli("i18n", str(folder), "--update", "--lang", "it")
    assert result.code == 0, result.err
    assert f"the previous version is kept as {path}.bak" in result.out
    assert (folder / L10N_DIR / "it.yaml.bak").read_text(encoding="utf-8") == TRANSLATED
    data = yamlio.load_file(path)
    assert data["entries"]["title"]["text"] == "Una piccola esercitazione"
    assert data["entries"]["roles.ngo.name"]["text"] == "Sostegno dell'ONG"
    leftovers = [p.name for p in path.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []  # the atomic write left no temporary file behind


def test_update_output_parses_with_a_colon_key_and_line_separators(
    cli: Callable[..., Result], write_scenario: Callable[..., Path]
) -> None:
    """S14's two reproductions: an orphan key with ': ' and a newline, and a source with U+2028
    and CR, which the comment beside the entry used to spill into the data."""
    from tests.conftest import MINIMAL

    folder = write_scenario(
        MINIMAL.replace("title: A small exercise", 'title: "Line one\\Lentries: {}\\rtitle: x"')
    )
    path = sidecar(
        folder,
        TRANSLATED
        + '  "weird: key\\nlanguage: ru": {src: "ab: cd", text: ghost}\n'
        + '  "emoji \\U0001F600 \\0 # x": {src: "", text: " \\u2029 \\x85 \\r\\n "}\n',
    )
    assert cli("validate", str(folder)).code == 0
    result = cli("i18n", str(folder), "--update", "--lang", "it")
    assert result.code == 0, result.err
    validated = cli("validate", str(folder))
    assert validated.code == 0, validated.err
    entries = yamlio.load_file(path)["entries"]
    assert entries["weird: key\nlanguage: ru"] == {"src": "ab: cd", "text": "ghost"}
    assert entries["emoji \U0001f600 \x00 # x"] == {"text": " \u2029 \x85 \r\n "}
    assert entries["title"]["text"] == "Una piccola esercitazione"
    assert "# source: Line one\\u2028entries: {}\\x0dtitle: x" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["../../x", "it/../../x", "", "x", "toolong", "i t", "it\n"])
def test_a_language_that_is_no_code_is_refused_before_any_path(
    cli: Callable[..., Result], write_scenario: Callable[..., Path], lang: str
) -> None:
    folder = write_scenario()
    before = sorted(p.relative_to(folder.parent) for p in folder.parent.rglob("*"))
    for argv in (["--update", "--lang", lang], ["--lang", lang]):
        result = cli("i18n", str(folder), *argv)
        assert result.code == 2, (argv, result.out)
        assert "is not a language code" in result.err
        assert result.err.count("\n") == 1
    assert sorted(p.relative_to(folder.parent) for p in folder.parent.rglob("*")) == before


def test_a_region_tag_names_its_language(
    cli: Callable[..., Result], write_scenario: Callable[..., Path]
) -> None:
    folder = write_scenario()
    result = cli("i18n", str(folder), "--update", "--lang", "it-IT")
    assert result.code == 0, result.err
    assert (folder / L10N_DIR / "it.yaml").is_file()


def test_the_catalog_never_reads_a_path_from_a_language(
    write_scenario: Callable[..., Path], tmp_path: Path
) -> None:
    folder = write_scenario()
    (tmp_path / "x.yaml").write_text("language: x\nentries: {title: {text: stolen}}\n")
    sidecar(folder, "language: it\nentries: {}\n", lang="..")  # l10n/...yaml, stem '..'
    loaded = load_scenario(folder)
    catalog = Catalog(loaded.scenario, loaded.folder)
    assert catalog.translation("../../x").entries == {}
    assert catalog.text("title", "../../x").text == "A small exercise"
    assert ".." not in catalog.languages()


def test_binary_attachment_is_an_error_and_a_binary_translation_is_never_rewritten(
    cli: Callable[..., Result], write_scenario: Callable[..., Path]
) -> None:
    from tests.conftest import MINIMAL

    text = MINIMAL.replace(
        "    channel: phone\n", "    channel: phone\n    attachments: [docs/a.md]\n"
    )
    folder = write_scenario(text, docs={"docs/a.md": "# Report\n"})
    binary = os.urandom(1000) + b"\x00\xff"
    (folder / "docs" / "a.it.md").write_bytes(binary)
    result = cli("i18n", str(folder), "--update", "--lang", "it")
    assert result.code == 0, result.err
    assert (folder / "docs" / "a.it.md").read_bytes() == binary
    assert "is not UTF-8 text" in cli("i18n", str(folder), "--lang", "it").out

    (folder / "docs" / "a.md").write_bytes(b"# Report\n\xff\xfe not text\n")
    validated = cli("validate", str(folder))
    assert validated.code == 1
    assert "attachment 'docs/a.md' is not UTF-8 text" in validated.err
    (folder / "docs" / "a.md").write_bytes(b"# Report\x00\n")
    assert "attachment 'docs/a.md' is not UTF-8 text" in cli("validate", str(folder)).err


def test_a_broken_file_in_italian(
    cli: Callable[..., Result], write_scenario: Callable[..., Path]
) -> None:
    folder = write_scenario()
    path = sidecar(folder, BROKEN["apostrophe"])
    result = cli("i18n", str(folder), "--update", "--lang", "it", "--ui-lang", "it")
    assert result.code == 1
    assert f"{path} non è stato modificato" in result.err
    assert "errore" in result.err
