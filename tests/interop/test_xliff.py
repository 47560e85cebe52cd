"""XLIFF 1.2 for a translator's CAT tool: export, import, and files that must not be taken.

Round trips of every shipped scenario in each of its languages leave the translation files byte
for byte as they were; an edited target reaches ``l10n/<lang>.yaml`` through the real CLI; a unit
whose source changed is refused; hostile files (XXE, entity expansion, not XLIFF, huge) are one
line and a non-zero exit.
"""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from simtrain import yamlio
from simtrain.i18n import Translator
from simtrain.interop.glossary import parse_terms, terms_in
from simtrain.interop.xliff import (
    SCENARIO,
    SRC,
    XLIFF_NS,
    XML_LANG,
    XliffError,
    export_xliff,
    read_xliff,
)
from simtrain.interop.xliff_import import UnitProblem, apply_plan, plan_import, target_language
from simtrain.scenario.catalog import Catalog, source_hash
from simtrain.scenario.l10n_status import backup_path
from simtrain.scenario.loader import LoadedScenario, load_scenario
from tests.conftest import Result

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "scenarios"
SCENARIOS = ("central-mediterranean", "field-to-fork", "online-recruitment")
STATES = {
    "new",
    "needs-translation",
    "needs-review-translation",
    "translated",
    "signed-off",
    "final",
}
LABELS = {"source": "source", "stale": "stale"}
T = Translator("en")
X = f"{{{XLIFF_NS}}}"


def shipped_copy(tmp_path: Path, name: str) -> Path:
    """A shipped scenario in a folder of its own, with the shared glossary beside it."""
    shutil.copy(SHIPPED / "GLOSSARY.md", tmp_path / "GLOSSARY.md")
    return Path(shutil.copytree(SHIPPED / name, tmp_path / name))


def export_to(folder: Path, lang: str, path: Path) -> Path:
    path.write_bytes(export_xliff(load_scenario(folder), lang, T).data)
    return path


def import_from(
    folder: Path, path: Path, lang: str | None = None
) -> tuple[LoadedScenario, list[UnitProblem]]:
    loaded = load_scenario(folder)
    xliff = read_xliff(path)
    plan = plan_import(loaded, xliff, target_language(loaded, xliff, lang))
    apply_plan(loaded, plan, LABELS)
    return loaded, plan.problems


def edit(path: Path, change: Callable[[ET.Element], None]) -> None:
    """Change a written XLIFF file as a CAT tool would: parse, change, write back."""
    tree = ET.parse(path)
    change(tree.getroot())
    tree.write(path, encoding="UTF-8", xml_declaration=True)


def unit(root: ET.Element, key: str) -> ET.Element:
    found = root.find(f".//{X}trans-unit[@id='{key}']")
    assert found is not None
    return found


def set_target(key: str, text: str, state: str = "translated") -> Callable[[ET.Element], None]:
    def change(root: ET.Element) -> None:
        target = unit(root, key).find(f"{X}target")
        assert target is not None
        target.text = text
        target.set("state", state)

    return change


@pytest.mark.parametrize("lang", ["ru", "it"])
@pytest.mark.parametrize("name", SCENARIOS)
def test_an_untouched_round_trip_changes_nothing(tmp_path: Path, name: str, lang: str) -> None:
    folder = shipped_copy(tmp_path, name)
    sidecar = folder / "l10n" / f"{lang}.yaml"
    before = sidecar.read_bytes()
    path = export_to(folder, lang, tmp_path / f"{name}.{lang}.xlf")
    loaded = load_scenario(folder)
    xliff = read_xliff(path)
    plan = plan_import(loaded, xliff, target_language(loaded, xliff, lang))
    assert plan.problems == [] and plan.taken == {}
    assert plan.unchanged == len(Catalog(loaded.scenario, folder).fields)
    assert apply_plan(loaded, plan, LABELS) is None
    assert sidecar.read_bytes() == before
    assert not backup_path(sidecar).exists()


@pytest.mark.parametrize("name", SCENARIOS)
def test_the_written_xliff_has_the_structure_of_xliff_1_2(tmp_path: Path, name: str) -> None:
    folder = shipped_copy(tmp_path, name)
    loaded = load_scenario(folder)
    catalog = Catalog(loaded.scenario, folder)
    root = ET.fromstring(export_xliff(loaded, "it", T).data)
    assert root.tag == f"{X}xliff" and root.get("version") == "1.2"
    (file,) = root.findall(f"{X}file")
    assert file.get("original") == "scenario.yaml" and file.get("datatype") == "plaintext"
    assert (file.get("source-language"), file.get("target-language")) == ("en", "it")
    assert file.get(SCENARIO) == name
    assert [child.tag for child in file] == [f"{X}header", f"{X}body"]
    units = list(file.iter(f"{X}trans-unit"))
    ids = [u.get("id") for u in units]
    assert len(ids) == len(set(ids)) and all(ids)
    texts = [u for u in units if u.get("id") in catalog.fields]
    assert [u.get("id") for u in texts] == list(catalog.fields)  # source order
    glossary = 0
    for each in texts:
        key = str(each.get("id"))
        tags = [child.tag.removeprefix(X) for child in each]
        assert tags[:2] == ["source", "target"] and set(tags[2:]) == {"note"}
        source, target = each.find(f"{X}source"), each.find(f"{X}target")
        assert source is not None and target is not None
        assert source.text == catalog.source(key) and source.get(XML_LANG) == "en"
        assert target.get(XML_LANG) == "it" and target.get("state") in STATES
        assert target.text == catalog.lookup(key, "it")
        assert each.get("resname") == key and each.get(SRC) == source_hash(catalog.source(key))
        notes = [str(note.text) for note in each.findall(f"{X}note")]
        assert "scenario.yaml:" in notes[1] and notes[0].startswith("Field: ")
        assert f"Source hash: {source_hash(catalog.source(key))}" in notes
        glossary += any(note.startswith("Glossary: ") for note in notes)
    assert glossary > len(texts) // 4  # the shipped texts use the glossary's terms
    documents = file.find(f"{X}body/{X}group[@id='documents']")
    assert documents is not None and documents.get("translate") == "no"
    listed = [u.get("resname") for u in documents.iter(f"{X}trans-unit")]
    assert listed == catalog.attachments()


def test_an_edited_target_reaches_the_translation_file(
    tmp_path: Path, write_scenario: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    folder = write_scenario()
    path = tmp_path / "mini.it.xlf"
    done = cli("i18n", str(folder), "--export", "xliff", "--lang", "it", "-o", str(path))
    assert done.code == 0, done.err
    assert "19 texts; 19 new" in done.out
    edit(path, set_target("title", "Una piccola esercitazione"))
    done = cli("i18n", str(folder), "--import", str(path))
    assert done.code == 0, done.err
    assert "taken 1" in done.out
    sidecar = folder / "l10n" / "it.yaml"
    entries = yamlio.loads(sidecar.read_text(encoding="utf-8"))["entries"]
    assert entries["title"] == {
        "src": source_hash("A small exercise"),
        "text": "Una piccola esercitazione",
    }
    status = cli("i18n", str(folder), "--lang", "it")
    assert "it: 1 text translated of 19" in status.out
    assert "'title'" not in status.out
    # a second change replaces the file and keeps the previous one as .bak
    before = sidecar.read_bytes()
    edit(path, set_target("roles.ngo.name", "Sostegno dell'ONG"))
    assert cli("i18n", str(folder), "--import", str(path), "--lang", "it").code == 0
    assert backup_path(sidecar).read_bytes() == before
    assert "it: 2 texts translated of 19" in cli("i18n", str(folder), "--lang", "it").out


def test_a_unit_whose_source_changed_is_refused(
    tmp_path: Path, write_scenario: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    folder = write_scenario()
    path = export_to(folder, "it", tmp_path / "mini.it.xlf")
    edit(path, set_target("title", "Una piccola esercitazione"))
    edit(path, set_target("roles.ngo.name", "Sostegno dell'ONG"))
    scenario = folder / "scenario.yaml"
    scenario.write_text(scenario.read_text().replace("A small exercise", "A short exercise"))
    done = cli("i18n", str(folder), "--import", str(path))
    assert done.code == 1
    assert f"{path}: unit 'title': the source text changed" in done.err
    assert len(done.err.strip().splitlines()) == 1
    entries = yamlio.loads((folder / "l10n" / "it.yaml").read_text())["entries"]
    assert "text" not in entries.get("title", {}) or entries["title"]["text"] == ""
    assert entries["roles.ngo.name"]["text"] == "Sostegno dell'ONG"


def test_an_empty_target_keeps_the_translation(
    tmp_path: Path, write_scenario: Callable[..., Path]
) -> None:
    folder = write_scenario()
    path = export_to(folder, "it", tmp_path / "a.xlf")
    edit(path, set_target("title", "Una piccola esercitazione"))
    import_from(folder, path)
    sidecar = folder / "l10n" / "it.yaml"
    before = sidecar.read_bytes()
    path = export_to(folder, "it", tmp_path / "b.xlf")

    def drop(root: ET.Element) -> None:
        title = unit(root, "title")
        target = title.find(f"{X}target")
        assert target is not None
        title.remove(target)
        set_target("phases.day-1.title", "", "new")(root)

    edit(path, drop)
    _, problems = import_from(folder, path)
    assert problems == [] and sidecar.read_bytes() == before


def test_a_reviewed_stale_entry_is_taken_only_once_confirmed(
    tmp_path: Path, write_scenario: Callable[..., Path]
) -> None:
    folder = write_scenario()
    sidecar = folder / "l10n" / "it.yaml"
    sidecar.parent.mkdir()
    sidecar.write_text(
        "language: it\nentries:\n  title:\n    src: 00000000\n    text: Una esercitazione\n"
    )
    path = export_to(folder, "it", tmp_path / "a.xlf")
    target = unit(ET.parse(path).getroot(), "title").find(f"{X}target")
    assert target is not None and target.get("state") == "needs-review-translation"
    import_from(folder, path)
    assert "00000000" in sidecar.read_text()  # untouched: still to review
    edit(path, set_target("title", "Una esercitazione", "signed-off"))
    import_from(folder, path)
    entries = yamlio.loads(sidecar.read_text())["entries"]
    assert entries["title"] == {"src": source_hash("A small exercise"), "text": "Una esercitazione"}


def test_unknown_duplicate_and_inline_units_are_reported(
    tmp_path: Path, write_scenario: Callable[..., Path]
) -> None:
    from tests.conftest import MINIMAL

    inline = MINIMAL.replace(
        "title: A small exercise", "title: {en: A small exercise, it: Una piccola esercitazione}"
    )
    folder = write_scenario(inline)
    path = export_to(folder, "it", tmp_path / "a.xlf")
    root = ET.parse(path).getroot()
    assert unit(root, "title").get("translate") == "no"

    def change(root: ET.Element) -> None:
        set_target("title", "Un'esercitazione")(root)
        body = root.find(f"{X}file/{X}body")
        assert body is not None
        ghost = ET.fromstring(ET.tostring(unit(root, "roles.ngo.name")))
        ghost.set("id", "roles.ghost.name")
        twin = ET.fromstring(ET.tostring(unit(root, "roles.ngo.name")))
        body.extend([ghost, twin])

    edit(path, change)
    _, problems = import_from(folder, path)
    assert {(p.kind, p.unit) for p in problems} == {
        ("inline", "title"),
        ("unknown", "roles.ghost.name"),
        ("duplicate", "roles.ngo.name"),
    }
    assert not (folder / "l10n" / "it.yaml").exists()


def test_a_text_xml_cannot_carry_is_locked_and_survives(
    tmp_path: Path, write_scenario: Callable[..., Path]
) -> None:
    folder = write_scenario()
    sidecar = folder / "l10n" / "it.yaml"
    sidecar.parent.mkdir()
    body = f"language: it\nentries:\n  title:\n    src: {source_hash('A small exercise')}\n"
    sidecar.write_text(body + '    text: "Una\\rpiccola\\x07 esercitazione"\n')
    before = sidecar.read_bytes()
    path = export_to(folder, "it", tmp_path / "a.xlf")
    title = unit(ET.parse(path).getroot(), "title")  # the file parses: nothing illegal in it
    assert title.get("translate") == "no"
    _, problems = import_from(folder, path)
    assert problems == [] and sidecar.read_bytes() == before


XXE = """<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
 <file original="scenario.yaml" source-language="en" target-language="it" datatype="plaintext">
  <body><trans-unit id="title"><source>A small exercise</source><target>&secret;</target>
  </trans-unit></body></file></xliff>
"""
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + ']>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">'
    '<file source-language="en" target-language="it"><body><trans-unit id="title">'
    "<source>x</source><target>&lol9;</target></trans-unit></body></file></xliff>\n"
)
HOSTILE = {
    "xxe": (XXE, "declares a DTD or entities"),
    "billion-laughs": (LAUGHS, "declares a DTD or entities"),
    "not-xml": ("title: A small exercise\n", "is not well-formed XML"),
    "not-xliff": (
        "<html><body>hello</body></html>",
        "is not an XLIFF 1.2 file (its root element is <html>)",
    ),
    "xliff-2": (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en"/>',
        "is not an XLIFF 1.2 file",
    ),
    "no-file": (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"/>',
        "no <file>",
    ),
    "wrong-language": (
        XXE.split("\n", 2)[2].replace("&secret;", "Titolo").replace('"it"', '"ru"'),
        "target language is 'ru', not 'it'",
    ),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_hostile_or_foreign_file_is_one_line_and_exit_2(
    tmp_path: Path, write_scenario: Callable[..., Path], cli: Callable[..., Result], kind: str
) -> None:
    folder = write_scenario()
    text, expected = HOSTILE[kind]
    path = tmp_path / f"{kind}.xlf"
    path.write_text(text, encoding="utf-8")
    done = cli("i18n", str(folder), "--import", str(path), "--lang", "it")
    assert done.code == 2
    assert expected in done.err and len(done.err.strip().splitlines()) == 1
    assert "Traceback" not in done.err and "root:" not in done.err
    assert not (folder / "l10n").exists()


def test_a_huge_file_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.xlf"
    with path.open("wb") as handle:
        handle.truncate(33 << 20)  # sparse: no disk, but larger than any XLIFF of a scenario
    with pytest.raises(XliffError) as raised:
        read_xliff(path)
    assert raised.value.key == "too_large"
    with pytest.raises(XliffError) as raised:
        read_xliff(tmp_path)
    assert raised.value.key == "not_file"


def test_another_scenarios_file_is_refused(
    tmp_path: Path, write_scenario: Callable[..., Path]
) -> None:
    folder = write_scenario()
    path = export_to(folder, "it", tmp_path / "a.xlf")
    other = write_scenario(name="other")
    scenario = other / "scenario.yaml"
    scenario.write_text(scenario.read_text().replace("id: mini", "id: other"))
    with pytest.raises(XliffError) as raised:
        import_from(other, path)
    assert raised.value.key == "other_scenario"


def test_the_cli_in_russian_and_its_refusals(
    tmp_path: Path, write_scenario: Callable[..., Path], cli: Callable[..., Result]
) -> None:
    folder = write_scenario()
    ru = {"SIMTRAIN_LANG": "ru"}
    done = cli("i18n", str(folder), "--export", "xliff", "--lang", "ru", env=ru)
    assert done.code == 0 and "записан mini.ru.xlf" in done.out, done.err
    written = tmp_path / "mini.ru.xlf"
    assert 'target-language="ru"' in written.read_text(encoding="utf-8")
    assert "Поле: title, сценарий «mini»" in written.read_text(encoding="utf-8")
    done = cli("i18n", str(folder), "--import", str(written), env=ru)
    assert done.code == 0 and "l10n/ru.yaml не изменён" in done.out, done.err
    assert cli("i18n", str(folder), "--export", "xliff").code == 2
    refused = cli("i18n", str(folder), "--export", "xliff", "--lang", "it", "--update")
    assert refused.code == 2 and "use one at a time" in refused.err
    assert cli("i18n", str(folder), "--export", "xliff", "--lang", "en").code == 2


def test_the_glossary_is_read_by_language_names() -> None:
    text = (SHIPPED / "GLOSSARY.md").read_text(encoding="utf-8")
    terms = parse_terms(text, "en", "ru")
    found = {term.source: term.target for term in terms_in(terms, "Two presumed victims.")}
    assert found == {"presumed victim": "предполагаемая жертва"}
    assert parse_terms(text, "en", "fr") == []


def test_segment_marks_and_inline_codes_a_cat_tool_adds_are_read_as_words(
    tmp_path: Path, write_scenario: Callable[..., Path]
) -> None:
    folder = write_scenario()
    path = export_to(folder, "it", tmp_path / "a.xlf")

    def segmented(root: ET.Element) -> None:
        target = unit(root, "injects.first-call.message").find(f"{X}target")
        assert target is not None
        target.text = None
        first = ET.SubElement(target, f"{X}mrk", {"mtype": "seg", "mid": "1"})
        first.text = "Una donna chiede aiuto."
        code = ET.SubElement(target, f"{X}ph", {"id": "1"})
        code.text = "<br/>"
        code.tail = " "
        second = ET.SubElement(target, f"{X}mrk", {"mtype": "seg", "mid": "2"})
        second.text = "Al centro di accoglienza."

    edit(path, segmented)
    import_from(folder, path)
    entries = yamlio.loads((folder / "l10n" / "it.yaml").read_text())["entries"]
    text = entries["injects.first-call.message"]["text"]
    assert text == "Una donna chiede aiuto. Al centro di accoglienza."


def test_a_placeholder_mismatch_is_taken_and_warned(
    tmp_path: Path, write_scenario: Callable[..., Path]
) -> None:
    folder = write_scenario()
    path = export_to(folder, "it", tmp_path / "a.xlf")
    edit(path, set_target("title", "Esercitazione {team}"))
    _, problems = import_from(folder, path)
    assert [(p.kind, p.unit) for p in problems] == [("mismatch", "title")]
    entries = yamlio.loads((folder / "l10n" / "it.yaml").read_text())["entries"]
    assert entries["title"]["text"] == "Esercitazione {team}"
