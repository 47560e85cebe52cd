"""The content catalog: inline and file translations, fallback, staleness, the translator's loop."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from simtrain import yamlio
from simtrain.scenario.catalog import Catalog, source_hash, translated_doc
from simtrain.scenario.l10n_status import coverage, mark_documents, source_lines, write_translation
from simtrain.scenario.loader import load_scenario
from tests.conftest import MINIMAL

LABELS = {"source": "source", "stale": "STALE"}


def test_keys_follow_ids_not_positions(write_scenario: Callable[..., Path]) -> None:
    loaded = load_scenario(write_scenario())
    keys = list(Catalog(loaded.scenario, loaded.folder).fields)
    assert keys[:2] == ["title", "objectives.identify.text"]
    assert "injects.first-call.expect.call-ngo.text" in keys
    assert "injects.first-call.decision.options.wait.text" in keys
    assert keys.index("injects.first-call.message") < keys.index("injects.follow-up.title")


def test_inline_translation_and_fallback_chain(write_scenario: Callable[..., Path]) -> None:
    text = MINIMAL.replace("title: A small exercise", "title: {en: Small, it: Piccola}")
    loaded = load_scenario(write_scenario(text))
    catalog = Catalog(loaded.scenario, loaded.folder)
    assert catalog.text("title", "it").text == "Piccola"
    resolved = catalog.text("title", "it-IT")
    assert (resolved.text, resolved.lang, resolved.fallback) == ("Piccola", "it", False)
    resolved = catalog.text("title", "ru")
    assert (resolved.text, resolved.lang, resolved.fallback) == ("Small", "en", True)
    assert catalog.text("title", "en").fallback is False


def test_translator_loop(write_scenario: Callable[..., Path]) -> None:
    folder = write_scenario()
    loaded = load_scenario(folder)
    lines = source_lines(loaded)
    written = write_translation(loaded, "it", lines, LABELS)
    assert written.new == written.total == len(lines)
    data = yamlio.load_file(folder / "l10n" / "it.yaml")
    assert data["language"] == "it"
    assert data["entries"]["title"] == {"src": source_hash("A small exercise"), "text": ""}
    report = coverage(load_scenario(folder), "it", lines)
    assert report.count("missing") == report.total and report.done == 0
    # missing entries now point into the translation file, where the translator types
    first = next(f for f in report.findings if f.key == "title")
    assert first.file == folder / "l10n" / "it.yaml"

    # translate one text, then change its source: it becomes stale, never lost
    body = (folder / "l10n" / "it.yaml").read_text(encoding="utf-8")
    body = body.replace("    text: ''", "    text: Una piccola esercitazione", 1)
    (folder / "l10n" / "it.yaml").write_text(body, encoding="utf-8")
    report = coverage(load_scenario(folder), "it", lines)
    assert report.done == 1
    catalog = Catalog(loaded.scenario, folder)
    assert catalog.text("title", "it").text == "Una piccola esercitazione"

    changed = MINIMAL.replace("title: A small exercise", "title: A short exercise")
    (folder / "scenario.yaml").write_text(changed, encoding="utf-8")
    loaded = load_scenario(folder)
    report = coverage(loaded, "it", source_lines(loaded))
    assert [f.key for f in report.findings if f.kind == "stale"] == ["title"]
    written = write_translation(loaded, "it", source_lines(loaded), LABELS)
    assert written.stale == 1
    data = yamlio.load_file(folder / "l10n" / "it.yaml")
    assert data["entries"]["title"]["text"] == "Una piccola esercitazione"
    assert data["entries"]["title"]["stale"] is True
    assert data["entries"]["title"]["src"] == source_hash("A short exercise")
    assert "STALE" in (folder / "l10n" / "it.yaml").read_text(encoding="utf-8")
    # the translator fixes the text and removes the flag: current again
    body = (folder / "l10n" / "it.yaml").read_text(encoding="utf-8")
    body = body.replace("    stale: true\n", "").replace("Una piccola", "Una breve")
    (folder / "l10n" / "it.yaml").write_text(body, encoding="utf-8")
    report = coverage(load_scenario(folder), "it", source_lines(loaded))
    assert "title" not in {f.key for f in report.findings}


def test_orphans_are_reported_and_kept(write_scenario: Callable[..., Path]) -> None:
    folder = write_scenario()
    (folder / "l10n").mkdir()
    (folder / "l10n" / "ru.yaml").write_text(
        "language: ru\nentries:\n  injects.gone.title:\n    src: 00000000\n    text: Пропало\n",
        encoding="utf-8",
    )
    loaded = load_scenario(folder)
    lines = source_lines(loaded)
    report = coverage(loaded, "ru", lines)
    orphan = next(f for f in report.findings if f.kind == "orphaned")
    assert (orphan.key, orphan.line) == ("injects.gone.title", 3)
    write_translation(loaded, "ru", lines, LABELS)
    data = yamlio.load_file(folder / "l10n" / "ru.yaml")
    assert data["entries"]["injects.gone.title"]["text"] == "Пропало"


def test_placeholder_mismatch(write_scenario: Callable[..., Path]) -> None:
    text = MINIMAL.replace("title: A small exercise", "title: '{team}: a small exercise'")
    folder = write_scenario(text)
    (folder / "l10n").mkdir()
    (folder / "l10n" / "it.yaml").write_text(
        "language: it\nentries:\n  title:\n"
        f"    src: {source_hash('{team}: a small exercise')}\n    text: '{{squadra}}: piccola'\n",
        encoding="utf-8",
    )
    loaded = load_scenario(folder)
    report = coverage(loaded, "it", source_lines(loaded))
    mismatch = next(f for f in report.findings if f.kind == "mismatch")
    assert mismatch.params == {"expected": "{team}", "found": "{squadra}"}


def test_translated_documents(write_scenario: Callable[..., Path]) -> None:
    text = MINIMAL.replace(
        "    title: A call\n", "    attachments: [docs/report.md]\n    title: A call\n"
    )
    folder = write_scenario(text, docs={"docs/report.md": "# Police report\n"})
    loaded = load_scenario(folder)
    lines = source_lines(loaded)
    assert translated_doc("docs/report.md", "ru") == "docs/report.ru.md"
    report = coverage(loaded, "ru", lines)
    assert [f.kind for f in report.findings if f.key == "docs/report.md"] == ["missing_doc"]
    catalog = Catalog(loaded.scenario, folder)
    path, resolved = catalog.attachment("docs/report.md", "ru")
    assert (path.name, resolved.fallback) == ("report.md", True)

    (folder / "docs" / "report.ru.md").write_text("# Протокол\n", encoding="utf-8")
    mark_documents(loaded, "ru")
    assert (folder / "docs" / "report.ru.md").read_text().startswith("<!-- src: ")
    report = coverage(loaded, "ru", lines)
    assert not [f for f in report.findings if f.key == "docs/report.md"]
    path, resolved = Catalog(loaded.scenario, folder).attachment("docs/report.md", "ru-RU")
    assert (path.name, resolved.text, resolved.fallback) == ("report.ru.md", "# Протокол\n", False)

    (folder / "docs" / "report.md").write_text("# Police report, amended\n", encoding="utf-8")
    report = coverage(loaded, "ru", lines)
    assert [f.kind for f in report.findings if f.key == "docs/report.md"] == ["stale_doc"]
    mark_documents(loaded, "ru")
    first = (folder / "docs" / "report.ru.md").read_text().split("\n")[0]
    assert first.endswith("stale -->")
