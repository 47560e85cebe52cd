"""``simtrain new``: a complete starter in the author's language, through the real CLI.

The folder holds a scenario, a document it attaches, a rehearsal that walks both options of its
decision, and both JSON Schemas; every check an author runs passes on it; nothing is written
beside it; its modelines still resolve once it is copied anywhere; a refusal leaves nothing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from simtrain import yamlio
from simtrain.commands.new import _write_folder
from simtrain.commands.schema import schema_text
from tests.conftest import Result

LANGS = ("en", "ru", "it")
MODELINE = re.compile(r"# yaml-language-server: \$schema=(\S+)\n")


def make(cli: Callable[..., Result], parent: Path, lang: str, ident: str = "harbour") -> Path:
    result = cli("new", ident, "--lang", lang, "--dir", str(parent), "--ui-lang", lang)
    assert result.code == 0, result.err
    assert result.err == ""
    return parent / ident


def passes(cli: Callable[..., Result], folder: Path, lang: str) -> None:
    """Every check an author runs on a scenario folder passes, with nothing on stderr."""
    for argv in (
        ("validate", "--strict", str(folder)),
        ("rehearse", str(folder)),
        ("rehearse", "--explore", str(folder)),
        ("i18n", "--strict", str(folder)),
    ):
        result = cli(*argv, "--ui-lang", lang)
        assert result.code == 0, (argv, result.out, result.err)
        assert result.err == "", (argv, result.err)


@pytest.mark.parametrize("lang", LANGS)
def test_a_new_starter_passes_every_check_and_writes_only_its_folder(
    cli: Callable[..., Result], tmp_path: Path, lang: str
) -> None:
    parent = tmp_path / "scenarios"
    parent.mkdir()
    folder = make(cli, parent, lang)
    assert [p.name for p in parent.iterdir()] == ["harbour"]
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert [n for n in names if "/" not in n] == [
        "rehearsal.schema.json",
        "scenario.schema.json",
        "scenario.yaml",
    ]
    assert len([n for n in names if n.startswith("docs/")]) == 1
    assert len([n for n in names if n.startswith("rehearsals/")]) == 1
    assert all(n.isascii() for n in names)
    scenario = yamlio.load_file(folder / "scenario.yaml")
    assert scenario["id"] == "harbour" and scenario["language"] == lang
    passes(cli, folder, lang)
    assert [p.name for p in parent.iterdir()] == ["harbour"]  # the checks wrote nothing either


@pytest.mark.parametrize("lang", LANGS)
def test_the_starter_shows_each_part_of_the_format(
    cli: Callable[..., Result], tmp_path: Path, lang: str
) -> None:
    folder = make(cli, tmp_path, lang)
    text = (folder / "scenario.yaml").read_text(encoding="utf-8")
    assert "{id}" not in text and "{folder}" not in text
    scenario = yamlio.load_file(folder / "scenario.yaml")
    injects = scenario["injects"]
    docs = [p.relative_to(folder).as_posix() for p in (folder / "docs").iterdir()]
    attached = [a for inject in injects for a in inject.get("attachments", [])]
    assert attached == docs  # the example document is the one an inject attaches
    expect = [a for inject in injects for a in inject.get("expect", [])]
    assert expect and all({"objective", "points", "within"} <= set(a) for a in expect)
    decisions = [inject["decision"] for inject in injects if "decision" in inject]
    assert len(decisions) == 1 and len(decisions[0]["options"]) == 2
    options = {o["id"] for o in decisions[0]["options"]}
    for option in options:  # each option leads somewhere
        assert any(inject.get("after") == {"chose": option} for inject in injects)

    (script,) = (folder / "rehearsals").iterdir()
    steps = yamlio.load_file(script)["steps"]
    assert {s["choose"] for s in steps if "choose" in s} == options  # both branches walked
    kinds = {next(iter(s)) for s in steps}
    assert kinds >= {"at", "advance", "deliver", "rate", "choose", "note", "report", "check"}


@pytest.mark.parametrize("lang", LANGS)
def test_the_schemas_are_in_the_folder_and_in_the_authors_language(
    cli: Callable[..., Result], tmp_path: Path, lang: str
) -> None:
    folder = make(cli, tmp_path, lang)
    for kind in ("scenario", "rehearsal"):
        text = (folder / f"{kind}.schema.json").read_text(encoding="utf-8")
        assert text == schema_text(kind=kind, lang=lang)
        assert json.loads(text)["type"] == "object"


@pytest.mark.parametrize("lang", LANGS)
def test_modelines_resolve_inside_the_folder_wherever_it_is_copied(
    cli: Callable[..., Result], tmp_path: Path, lang: str
) -> None:
    folder = make(cli, tmp_path / "made", lang)
    copy = tmp_path / "elsewhere" / "deeper" / "my-copy"
    shutil.copytree(folder, copy)
    shutil.rmtree(tmp_path / "made")
    yamls = sorted(copy.rglob("*.yaml"))
    assert {p.relative_to(copy).parts[0] for p in yamls} == {"scenario.yaml", "rehearsals"}
    targets = {}
    for file in yamls:
        found = MODELINE.match(file.read_text(encoding="utf-8"))
        assert found, f"{file} does not start with a modeline"
        target = (file.parent / found.group(1)).resolve()
        assert target.is_file(), f"{file}: {found.group(1)} does not exist"
        assert copy.resolve() in target.parents  # never outside the folder
        targets[file.relative_to(copy).parts[0]] = target.name
    assert targets == {
        "scenario.yaml": "scenario.schema.json",
        "rehearsals": "rehearsal.schema.json",
    }
    passes(cli, copy, lang)


def test_refusals_are_one_line_and_leave_nothing(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    parent = tmp_path / "scenarios"
    parent.mkdir()

    bad = cli("new", "Porto Vecchio", "--dir", str(parent), "--ui-lang", "it")
    assert bad.code == 2
    assert bad.err == (
        "«Porto Vecchio» non è un identificatore valido; usate lettere latine minuscole, cifre,"
        " «-» e «_»\n"
    )
    assert list(parent.iterdir()) == []

    make(cli, parent, "it", "porto")
    before = sorted(str(p) for p in parent.rglob("*"))
    again = cli("new", "porto", "--lang", "en", "--dir", str(parent))
    assert again.code == 1
    assert again.err == f"{parent / 'porto'} already exists; choose another id or folder\n"
    assert sorted(str(p) for p in parent.rglob("*")) == before
    assert "language: it" in (parent / "porto" / "scenario.yaml").read_text(encoding="utf-8")

    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder\n", encoding="utf-8")
    for where, lang, expected in (
        (a_file, "en", "a file stands where a folder is needed; nothing was written"),
        (a_file / "sub", "ru", "на месте папки находится файл; ничего не записано"),
    ):
        refused = cli("new", "case", "--dir", str(where), "--ui-lang", lang)
        assert refused.code == 2
        assert refused.err.count("\n") == 1 and refused.err.endswith(f"{expected}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "scenarios"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into any folder")
def test_an_unwritable_folder_is_one_line(cli: Callable[..., Result], tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        refused = cli("new", "case", "--dir", str(locked), "--ui-lang", "it")
    finally:
        locked.chmod(0o755)
    assert refused.code == 2
    assert refused.err == (
        f"impossibile creare {locked / 'case'}: permesso negato; non è stato scritto nulla\n"
    )
    assert list(locked.iterdir()) == []


def test_missing_parent_folders_are_made_and_removed_again_on_failure(tmp_path: Path) -> None:
    root = tmp_path / "a" / "b"
    files = {"scenario.yaml": "x\n", "docs": "a file where the next one needs a folder\n"}
    files["docs/x.md"] = "# x\n"
    with pytest.raises(OSError):
        _write_folder(root, root / "case", files)
    assert list(tmp_path.iterdir()) == []  # no half-written folder, no parent left behind
    _write_folder(root, root / "case", {"scenario.yaml": "x\n", "docs/x.md": "# x\n"})
    assert [p.name for p in root.iterdir()] == ["case"]
