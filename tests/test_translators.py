"""Translators see what changed (issue 14, part 6), through the real CLI on real files.

A copy of a shipped scenario (or a small one) is edited as an author would (a source text
reworded, an inject renamed), then ``simtrain i18n --update`` is run as a translator would, in
Italian and in Russian, and the file the translator opens is read.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

from simtrain import yamlio
from simtrain.scenario.catalog import source_hash
from tests.conftest import MINIMAL, Result

REPO = Path(__file__).resolve().parent.parent
IT = {"SIMTRAIN_LANG": "it"}
RU = {"SIMTRAIN_LANG": "ru"}
Cli = Callable[..., Result]


def shipped(tmp_path: Path, name: str = "field-to-fork") -> Path:
    """A scratch copy of a shipped scenario (no backups), as a translator gets it."""
    folder = tmp_path / name
    shutil.copytree(REPO / "scenarios" / name, folder, ignore=shutil.ignore_patterns("*.bak"))
    return folder


def entry_block(l10n: Path, key: str) -> str:
    """The lines of one entry in the translator's file: its key line, comments and values."""
    lines = l10n.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(f"  {key}:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("    "))
    return "\n".join(lines[start:end])


def reword(folder: Path, old: str, new: str) -> None:
    scenario = folder / "scenario.yaml"
    text = scenario.read_text(encoding="utf-8")
    assert old in text
    scenario.write_text(text.replace(old, new), encoding="utf-8")


def update(cli: Cli, folder: Path, lang: str, env: dict[str, str]) -> Result:
    result = cli("i18n", str(folder), "--update", "--lang", lang, env=env)
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    return result


def test_a_stale_entry_shows_the_source_it_was_translated_from(cli: Cli, tmp_path: Path) -> None:
    folder = shipped(tmp_path)
    l10n = folder / "l10n" / "it.yaml"
    update(cli, folder, "it", IT)
    translated = entry_block(l10n, "phases.day-2.title")
    # a translated entry keeps its source beside it on every --update
    assert "    # originale: Day 2 - The joint inspection\n" in translated
    italian = yamlio.load_file(l10n)["entries"]["phases.day-2.title"]["text"]
    assert italian

    reword(folder, "Day 2 - The joint inspection", "Day 2 - The joint farm inspection")
    written = update(cli, folder, "it", IT)
    assert "1 obsoleto" in written.out and "obsoleti" not in written.out  # one, not "1 obsoleti"
    block = entry_block(l10n, "phases.day-2.title")
    assert "# prima: Day 2 - The joint inspection\n" in block
    assert "# ora: Day 2 - The joint farm inspection\n" in block
    assert block.index("# prima:") < block.index("# ora:") < block.index("    stale: true")
    assert f"text: {italian}" in block

    # the author rewords it again before the translator gets to it: "before" stays the source
    # the Italian was made from, "now" follows the newest source; a second --update keeps both
    reword(folder, "Day 2 - The joint farm inspection", "Day 2 - Inspecting the farm")
    update(cli, folder, "it", IT)
    update(cli, folder, "it", IT)
    block = entry_block(l10n, "phases.day-2.title")
    assert "# prima: Day 2 - The joint inspection\n" in block
    assert "# ora: Day 2 - Inspecting the farm\n" in block

    # the translator updates the text and deletes the stale line: back to one source comment
    l10n.write_text(
        l10n.read_text(encoding="utf-8").replace(
            f"    stale: true\n    text: {italian}\n", "    text: Giorno 2 - L'ispezione\n"
        ),
        encoding="utf-8",
    )
    update(cli, folder, "it", IT)
    block = entry_block(l10n, "phases.day-2.title")
    assert "# originale: Day 2 - Inspecting the farm" in block
    assert "prima" not in block and "stale" not in block
    status = cli("i18n", str(folder), "--lang", "it", env=IT)
    assert "phases.day-2.title" not in status.out


def test_before_and_now_in_russian_even_when_the_file_was_written_in_italian(
    cli: Cli, tmp_path: Path
) -> None:
    folder = shipped(tmp_path)
    l10n = folder / "l10n" / "ru.yaml"
    update(cli, folder, "ru", IT)  # the last --update was run by an Italian-speaking colleague
    reword(folder, "Day 2 - The joint inspection", "Day 2 - The joint farm inspection")
    reword(folder, "Day 3 - Following the money", "Day 3 - Following the cash")
    written = update(cli, folder, "ru", RU)
    assert "2 устаревших" in written.out, written.out
    block = entry_block(l10n, "phases.day-2.title")
    assert "# УСТАРЕЛО:" in block
    assert "# было: Day 2 - The joint inspection\n" in block
    assert "# стало: Day 2 - The joint farm inspection\n" in block
    status = cli("i18n", str(folder), "--lang", "ru", env=RU)
    assert "2 перевода устарели" in status.out, status.out


def test_a_renamed_inject_takes_its_translations_along(cli: Cli, tmp_path: Path) -> None:
    folder = shipped(tmp_path)
    update(cli, folder, "it", IT)
    before = yamlio.load_file(folder / "l10n" / "it.yaml")["entries"]
    old = {k: v["text"] for k, v in before.items() if k.startswith("injects.d1-hospital-call.")}
    assert len(old) == 5
    for path in [folder / "scenario.yaml", *(folder / "rehearsals").glob("*.yaml")]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("d1-hospital-call", "d1-hospital-phone"), encoding="utf-8")

    status = cli("i18n", str(folder), "--lang", "it", env=IT)
    assert "5 orfani" in status.out and "5 mancanti" in status.out
    assert "dove la sposterà i18n --update --lang it" in status.out

    written = update(cli, folder, "it", IT)
    moved = [line for line in written.out.splitlines() if "spostata la traduzione" in line]
    assert len(moved) == 5
    assert (
        "l10n/it.yaml: spostata la traduzione injects.d1-hospital-call.title → "
        "injects.d1-hospital-phone.title"
    ) in written.out
    assert "5 spostati" in written.out and "nuovi" not in written.out
    after = yamlio.load_file(folder / "l10n" / "it.yaml")["entries"]
    for key, text in old.items():
        assert key not in after
        assert after[key.replace("d1-hospital-call", "d1-hospital-phone")]["text"] == text
    status = cli("i18n", str(folder), "--lang", "it", env=IT)
    assert "orfan" not in status.out and "d1-hospital" not in status.out


def test_russian_move_report(cli: Cli, tmp_path: Path) -> None:
    folder = shipped(tmp_path, "online-recruitment")
    entries = yamlio.load_file(folder / "l10n" / "ru.yaml")["entries"]
    inject = next(k.split(".")[1] for k in entries if k.startswith("injects."))
    reword(folder, f"id: {inject}\n", f"id: {inject}-renamed\n")
    written = update(cli, folder, "ru", RU)
    assert f"перевод injects.{inject}.title перенесён в injects.{inject}-renamed.title" in (
        written.out
    )
    assert re.search(r"; (\d+ устаревш\w+, )?\d+ перенесённ(ый|ых)$", written.out, re.M), (
        written.out
    )


AMBIGUOUS = MINIMAL.replace("title: Support is coming", "title: A call")


def test_an_orphan_matching_two_texts_stays_where_it_is(
    cli: Cli, write_scenario: Callable[..., Path]
) -> None:
    folder = write_scenario(AMBIGUOUS)
    l10n = folder / "l10n" / "it.yaml"
    l10n.parent.mkdir()
    l10n.write_text(
        textwrap.dedent(f"""\
            language: it
            entries:
              injects.old-call.title:
                src: {source_hash("A call")}
                text: Una chiamata
              injects.old-call.message:
                src: {source_hash("A woman at the reception centre asks for help.")}
                text: Una donna al centro di accoglienza chiede aiuto.
            """),
        encoding="utf-8",
    )
    written = update(cli, folder, "it", IT)
    assert "la traduzione orfana «injects.old-call.title» non è stata spostata" in written.out, (
        written.out
    )
    assert "injects.first-call.title, injects.follow-up.title" in written.out
    assert "spostata la traduzione injects.old-call.message → injects.first-call.message" in (
        written.out
    )
    after = yamlio.load_file(l10n)["entries"]
    assert after["injects.old-call.title"]["text"] == "Una chiamata"  # kept, never lost
    assert after["injects.first-call.title"]["text"] == ""
    assert after["injects.follow-up.title"]["text"] == ""


def test_counts_tell_texts_from_documents_and_new_from_empty(cli: Cli, tmp_path: Path) -> None:
    folder = shipped(tmp_path)
    update(cli, folder, "it", IT)
    status = cli("i18n", str(folder), "--lang", "it", env=IT)
    head = status.out.splitlines()[1]
    assert re.match(r"it: \d+ testi tradotti su \d+, \d+ documenti su \d+", head), head

    l10n = folder / "l10n" / "it.yaml"
    data = l10n.read_text(encoding="utf-8")
    italian = yamlio.load_file(l10n)["entries"]["phases.day-1.title"]["text"]
    l10n.write_text(data.replace(f"text: {italian}\n", "text: ''\n"), encoding="utf-8")
    role = "  - id: press-deputy\n    name: Deputy press officer\n    briefing: You help.\n"
    reword(folder, "\ncharacters:\n", f"\n{role}characters:\n")
    written = update(cli, folder, "it", IT)
    # the emptied entry existed: it is waiting for its text, not new; the added ones are new
    assert "1 ancora da tradurre" in written.out and "2 nuovi" in written.out, written.out
    russian = update(cli, folder, "ru", RU)
    assert "2 новых" in russian.out, russian.out


def test_a_document_message_says_what_to_do_before_and_after_it_is_marked(
    cli: Cli, tmp_path: Path
) -> None:
    folder = shipped(tmp_path)
    update(cli, folder, "it", IT)
    with (folder / "docs" / "invoices.md").open("a", encoding="utf-8") as source:
        source.write("\nOne more line.\n")
    before = cli("i18n", str(folder), "--lang", "it", env=IT).out
    line = next(x for x in before.splitlines() if "docs/invoices.it.md:1:" in x)
    assert "i18n --update --lang it la segna con «stale» nella prima riga" in line
    update(cli, folder, "it", IT)
    assert "stale" in (folder / "docs" / "invoices.it.md").read_text(encoding="utf-8")
    after = cli("i18n", str(folder), "--lang", "it", env=IT).out
    line = next(x for x in after.splitlines() if "docs/invoices.it.md:1:" in x)
    assert "cancellate «stale» dalla prima riga" in line


def test_briefing_all_warns_and_every_marked_pack_explains_the_mark(
    cli: Cli, write_scenario: Callable[..., Path], tmp_path: Path
) -> None:
    folder = write_scenario(MINIMAL)
    (folder / "l10n").mkdir()
    (folder / "l10n" / "it.yaml").write_text(
        f"language: it\nentries:\n  title:\n    src: {source_hash('A small exercise')}\n"
        "    text: Una piccola esercitazione\n",
        encoding="utf-8",
    )
    out = tmp_path / "packs"
    result = cli("briefing", str(folder), "--all", "-o", str(out), env=IT)
    assert result.code == 0, result.err
    warning = next(x for x in result.err.splitlines() if "(it)" in x)
    assert re.match(r"attenzione: documenti in italiano \(it\), testi non tradotti: 9\d%", warning)
    assert f"simtrain i18n {folder} --update --lang it" in warning
    russian = cli("briefing", str(folder), "--all", "-o", str(out), env=RU)
    assert re.search(r"язык русский \(ru\): в материалах не переведено 100\s%", russian.err)
    for pack in (out / "it").glob("*.md"):
        head = pack.read_text(encoding="utf-8").split("\n")[:4]
        assert any("indica un testo non tradotto in questa lingua" in x for x in head), pack
    for pack in (out / "ru").glob("*.md"):
        head = pack.read_text(encoding="utf-8").split("\n")[:4]
        assert any("текст" in x and "*" in x for x in head), head
    for pack in (out / "en").glob("*.md"):  # the source language has nothing to explain
        assert "*" not in pack.read_text(encoding="utf-8").split("\n")[2]
    assert "(en)" not in result.err + result.out


def test_an_untouched_xliff_round_trip_leaves_the_new_file_byte_for_byte(
    cli: Cli, tmp_path: Path
) -> None:
    folder = shipped(tmp_path)
    update(cli, folder, "it", IT)
    reword(folder, "Day 2 - The joint inspection", "Day 2 - The joint farm inspection")
    update(cli, folder, "it", IT)
    l10n = folder / "l10n" / "it.yaml"
    assert "# prima:" in l10n.read_text(encoding="utf-8")
    before = l10n.read_bytes()
    xlf = tmp_path / "it.xlf"
    assert cli("i18n", str(folder), "--export", "xliff", "--lang", "it", "-o", str(xlf)).code == 0
    done = cli("i18n", str(folder), "--import", str(xlf), env=IT)
    assert done.code == 0, done.err
    assert l10n.read_bytes() == before


def test_a_few_untranslated_texts_are_a_note_never_a_rounded_zero(cli: Cli, tmp_path: Path) -> None:
    folder = shipped(tmp_path, "online-recruitment")
    l10n = folder / "l10n" / "ru.yaml"
    russian = yamlio.load_file(l10n)["entries"]["title"]["text"]
    text = l10n.read_text(encoding="utf-8")
    l10n.write_text(text.replace(f"text: {russian}\n", "text: ''\n", 1), encoding="utf-8")
    result = cli("briefing", str(folder), "--all", "-o", str(tmp_path / "packs"), env=RU)
    assert result.code == 0, result.err
    note = next(x for x in result.out.splitlines() if "(ru)" in x)
    assert re.match(r"примечание: язык русский \(ru\): в материалах не переведено \d,\d\s%", note)
    assert "(ru)" not in result.err  # a note, not a warning
