"""Issue 14 part 2: references and values an Italian or Russian author can act on.

Each mistake is one edit of a copy of a shipped scenario (field-to-fork: its roles have Italian and
Russian names in l10n/), validated by the real CLI in a subprocess with ``--ui-lang it`` and
``ru``; each test asserts the line of the mistake and what the message tells the author to write.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from simtrain.resources import scenarios_dir

SHIPPED = "field-to-fork"


def copy(tmp_path: Path, *edits: tuple[str, str] | tuple[str, str, int]) -> tuple[Path, str]:
    """A copy of the shipped scenario with each ``(old, new[, count])`` edit made once."""
    folder = tmp_path / "s"
    shutil.copytree(scenarios_dir() / SHIPPED, folder)
    file = folder / "scenario.yaml"
    text = file.read_text(encoding="utf-8")
    for old, new, *count in edits:
        assert old in text, old
        text = text.replace(old, new, count[0] if count else 1)
    file.write_text(text, encoding="utf-8")
    return folder, text


def line_of(text: str, needle: str, nth: int = 0) -> int:
    """The 1-based line of the ``nth`` occurrence of ``needle``."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    return text.count("\n", 0, at) + 1


def validate(folder: Path, lang: str) -> list[str]:
    """``simtrain --ui-lang LANG validate --strict`` for real: the lines it printed on stderr."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    environ.pop("SIMTRAIN_LANG", None)
    proc = subprocess.run(
        [sys.executable, "-m", "simtrain", "--ui-lang", lang, "validate", "--strict", str(folder)],
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
        cwd=folder.parent,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    return [line for line in proc.stderr.splitlines() if "scenario.yaml:" in line]


def at_line(lines: list[str], line: int) -> list[str]:
    return [entry for entry in lines if f"scenario.yaml:{line}:" in entry]


LANGS = ("it", "ru")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "it",
            "«ss-see-tarik-alone» è un'azione attesa, non un inject; scrivete "
            "{done: ss-see-tarik-alone} oppure {missed: ss-see-tarik-alone}",
        ),
        (
            "ru",
            "«ss-see-tarik-alone» — это ожидаемое действие, а не инжект; напишите "
            "{done: ss-see-tarik-alone} или {missed: ss-see-tarik-alone}",
        ),
        (
            "en",
            "'ss-see-tarik-alone' is an expected action, not an inject; write "
            "{done: ss-see-tarik-alone} or {missed: ss-see-tarik-alone}",
        ),
    ],
)
def test_delivered_names_an_expected_action(tmp_path: Path, lang: str, said: str) -> None:
    edit = ("after: {missed: ss-see-tarik-alone}", "after: {delivered: ss-see-tarik-alone}")
    folder, text = copy(tmp_path, edit)
    lines = validate(folder, lang)
    assert len(lines) == 1
    assert at_line(lines, line_of(text, "{delivered: ss-see-tarik-alone}")) == lines
    assert said in lines[0]
    assert "g2-" not in lines[0] and "d1-tarik" not in lines[0]  # no wrong did-you-mean


@pytest.mark.parametrize(
    ("old", "new", "lang", "said"),
    [
        (
            "after: {chose: inspect-now}",
            "after: {chose: d1-hospital-call}",
            "it",
            "«d1-hospital-call» è un inject, non un'opzione di decisione; scrivete "
            "{delivered: d1-hospital-call}",
        ),
        (
            "after: {chose: inspect-now}",
            "after: {chose: d1-hospital-call}",
            "ru",
            "«d1-hospital-call» — это инжект, а не вариант решения; напишите "
            "{delivered: d1-hospital-call}",
        ),
        (
            "from: greta-amsel",
            "from: ngo",
            "it",
            "«ngo» è un ruolo, non un personaggio; i ruoli a cui è indirizzato vanno in to:, "
            "il personaggio che lo invia in from:",
        ),
        (
            "to: [social-services, ngo]",
            "to: [social-services, greta-amsel]",
            "ru",
            "«greta-amsel» — это персонаж, а не роль; персонажа, от которого приходит инжект, "
            "указывают в from:",
        ),
        (
            "after: {missed: ss-see-tarik-alone}",
            "after: {done: protect}",
            "it",
            "«protect» è un obiettivo formativo, non un'azione attesa; una condizione verifica",
        ),
    ],
)
def test_an_id_of_another_kind_says_its_kind(
    tmp_path: Path, old: str, new: str, lang: str, said: str
) -> None:
    folder, text = copy(tmp_path, (old, new))
    lines = validate(folder, lang)
    assert lines == at_line(lines, line_of(text, new))
    assert len(lines) == 1 and said in lines[0]


@pytest.mark.parametrize(
    ("lang", "word", "said"),
    [
        (
            "it",
            "tutti",
            "«tutti» non è un elenco di ruoli; per indirizzarlo a tutti i ruoli scrivete: to: all",
        ),
        ("it", "tutte", "scrivete: to: all"),
        (
            "ru",
            "все",
            "«все» — не список ролей; чтобы адресовать инжект всем ролям, напишите: to: all",
        ),
        ("ru", "всем", "напишите: to: all"),
        ("en", "everyone", "to address every role write: to: all"),
    ],
)
def test_to_everyone_in_the_authors_words_is_one_error(
    tmp_path: Path, lang: str, word: str, said: str
) -> None:
    folder, text = copy(tmp_path, ("to: [social-services, ngo]", f"to: {word}"))
    lines = validate(folder, lang)
    assert lines == at_line(lines, line_of(text, f"to: {word}"))
    assert len(lines) == 1  # no "a list is expected" twin
    assert said in lines[0]


@pytest.mark.parametrize(
    ("lang", "word", "said"),
    [
        (
            "it",
            "tutti",
            "«tutti» non è un ruolo; per indirizzarlo a tutti i ruoli scrivete "
            "«to: all», senza parentesi quadre",
        ),
        ("ru", "все", "«все» — не роль; чтобы адресовать инжект всем ролям, напишите «to: all»"),
    ],
)
def test_everyone_inside_a_list(tmp_path: Path, lang: str, word: str, said: str) -> None:
    folder, text = copy(tmp_path, ("to: [social-services, ngo]", f"to: [{word}]"))
    lines = validate(folder, lang)
    assert len(lines) == 1 and said in lines[0]
    assert at_line(lines, line_of(text, f"to: [{word}]"))


@pytest.mark.parametrize(
    ("lang", "name", "said"),
    [
        (
            "it",
            "Ispettore del lavoro",
            "«Ispettore del lavoro» è un nome, non un identificatore: scrivete labour-inspector",
        ),
        ("it", "ispettore del LAVORO", "scrivete labour-inspector"),
        (
            "ru",
            "Трудовой инспектор",
            "«Трудовой инспектор» — это название, а не идентификатор: напишите labour-inspector",
        ),
        ("en", "Labour inspector", "is a name, not an id: write labour-inspector"),
    ],
)
def test_a_roles_name_points_at_its_id(tmp_path: Path, lang: str, name: str, said: str) -> None:
    folder, text = copy(tmp_path, ("to: [ngo, labour-inspector]", f"to: [ngo, {name}]"))
    lines = validate(folder, lang)
    assert len(lines) == 1, lines
    assert at_line(lines, line_of(text, f"to: [ngo, {name}]"))
    assert said in lines[0]
    assert "['" not in lines[0] and "arrival-call" not in lines[0]


@pytest.mark.parametrize(
    ("lang", "written", "said"),
    [
        ("it", "ngo", "«to» vuole un elenco di identificatori di ruolo; scrivete: to: [ngo]"),
        ("ru", "ngo, Трудовой инспектор", "напишите: to: [ngo, labour-inspector]"),
    ],
)
def test_to_written_as_one_word(tmp_path: Path, lang: str, written: str, said: str) -> None:
    folder, text = copy(tmp_path, ("to: [social-services, ngo]", f"to: {written}"))
    lines = validate(folder, lang)
    assert len(lines) == 1 and said in lines[0]
    assert at_line(lines, line_of(text, f"to: {written}"))


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "it",
            "riferimento a un elemento inesistente: ruolo «zzz»; i ruoli sono: investigator, "
            "financial-investigator, labour-inspector, prosecutor, ngo, social-services, lawyer, "
            "mediator, press-officer",
        ),
        ("ru", "ссылка на несуществующий объект: роль «zzz»; роли сценария: investigator,"),
    ],
)
def test_unknown_role_lists_the_roles_and_no_knock_on(tmp_path: Path, lang: str, said: str) -> None:
    # ngo is expected to act on this inject: without ngo in to: it would also be warned about
    folder, text = copy(tmp_path, ("to: [social-services, ngo]", "to: [social-services, zzz]"))
    lines = validate(folder, lang)
    assert lines == at_line(lines, line_of(text, "to: [social-services, zzz]"))
    assert len(lines) == 1 and said in lines[0]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "it",
            "«d1-hospital-call» da solo non è una condizione; scrivete "
            "{delivered: d1-hospital-call}",
        ),
        (
            "ru",
            "«d1-hospital-call» само по себе не условие; напишите {delivered: d1-hospital-call}",
        ),
    ],
)
def test_a_bare_id_gets_its_condition(tmp_path: Path, lang: str, said: str) -> None:
    edit = ("after: {missed: ss-see-tarik-alone}", "after: d1-hospital-call")
    folder, text = copy(tmp_path, edit)
    lines = validate(folder, lang)
    assert len(lines) == 1 and said in lines[0]
    assert at_line(lines, line_of(text, "after: d1-hospital-call"))


def test_a_bare_expected_action_gets_done_or_missed(tmp_path: Path) -> None:
    edit = ("after: {missed: ss-see-tarik-alone}", "after: ss-see-tarik-alone")
    folder, _ = copy(tmp_path, edit)
    (line,) = validate(folder, "it")
    assert "scrivete {done: ss-see-tarik-alone} oppure {missed: ss-see-tarik-alone}" in line


@pytest.mark.parametrize(
    ("lang", "written", "said"),
    [
        ("it", "1.30", "«1.30» non è una durata"),
        ("it", "1,30", "«1,30» non è una durata"),
        ("ru", "1.30", "«1.30» — не продолжительность"),
    ],
)
def test_a_clock_with_a_dot_is_quoted_as_written(
    tmp_path: Path, lang: str, written: str, said: str
) -> None:
    folder, text = copy(tmp_path, ('at: "0:30"', f"at: {written}"))
    lines = validate(folder, lang)
    assert len(lines) == 1 and said in lines[0] and "«1:30»" in lines[0]
    assert "1.3»" not in lines[0]
    assert at_line(lines, line_of(text, f"at: {written}"))


@pytest.mark.parametrize(
    ("lang", "written", "meant"), [("it", "30 min", "30m"), ("ru", "2 часа", "2h")]
)
def test_a_duration_in_words_suggests_its_spelling(
    tmp_path: Path, lang: str, written: str, meant: str
) -> None:
    folder, _ = copy(tmp_path, ('at: "0:30"', f"at: {written}"))
    (line,) = validate(folder, lang)
    assert f"«{meant}»" in line


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "it",
            "l'inject «d1-outreach-notes» è fissato a 10:30, dopo la fine della fase «day-1», "
            "che dura 8:00; «at» si conta dall'inizio della fase",
        ),
        (
            "ru",
            "инжект «d1-outreach-notes» назначен на 10:30, после окончания этапа «day-1» "
            "(он длится 8:00); «at» отсчитывается от начала этапа",
        ),
    ],
)
def test_after_the_phase_says_how_long_it_is(tmp_path: Path, lang: str, said: str) -> None:
    folder, text = copy(tmp_path, ('at: "0:30"', "at: 10:30"))
    lines = validate(folder, lang)
    assert lines == at_line(lines, line_of(text, "at: 10:30")) and said in lines[0]


@pytest.mark.parametrize(
    ("lang", "said"),
    [("it", "il primo è alla riga {first}"), ("ru", "первый — в строке {first}")],
)
def test_a_duplicate_id_names_the_first(tmp_path: Path, lang: str, said: str) -> None:
    folder, text = copy(tmp_path, ("  - id: d1-outreach-notes", "  - id: d1-hospital-call"))
    lines = validate(folder, lang)
    first = line_of(text, "- id: d1-hospital-call")
    assert len(lines) == 1
    assert at_line(lines, line_of(text, "- id: d1-hospital-call", 1))
    assert said.format(first=first) in lines[0]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "it",
            "l'allegato «docs/outreach_notes.md» non esiste. Forse intendevate "
            "«docs/outreach-notes.md»?",
        ),
        (
            "ru",
            "вложения «docs/outreach_notes.md» не существует. Возможно, имелось в виду "
            "«docs/outreach-notes.md»?",
        ),
    ],
)
def test_a_missing_attachment_suggests_a_close_file(tmp_path: Path, lang: str, said: str) -> None:
    edit = ("attachments: [docs/outreach-notes.md]", "attachments: [docs/outreach_notes.md]")
    folder, text = copy(tmp_path, edit)
    lines = validate(folder, lang)
    assert len(lines) == 1 and said in lines[0]
    assert at_line(lines, line_of(text, "docs/outreach_notes.md"))


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "it",
            "l'allegato «docs\\outreach-notes.md» usa «\\»; scrivete i percorsi con «/», che "
            "ogni sistema apre: docs/outreach-notes.md",
        ),
        ("ru", "в пути вложения «docs\\outreach-notes.md» стоит «\\»; пишите пути через «/»"),
    ],
)
def test_a_backslash_path_gets_the_slash(tmp_path: Path, lang: str, said: str) -> None:
    edit = ("attachments: [docs/outreach-notes.md]", "attachments: [docs\\outreach-notes.md]")
    folder, text = copy(tmp_path, edit)
    lines = validate(folder, lang)
    assert len(lines) == 1 and said in lines[0]
    assert at_line(lines, line_of(text, "docs\\outreach-notes.md"))


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "it",
            "qui è atteso un elenco; scrivetelo come elenco: attachments: [docs/outreach-notes.md]",
        ),
        ("ru", "запишите списком: attachments: [docs/outreach-notes.md]"),
    ],
)
def test_attachments_as_a_string_show_the_list(tmp_path: Path, lang: str, said: str) -> None:
    edit = ("attachments: [docs/outreach-notes.md]", "attachments: docs/outreach-notes.md")
    folder, text = copy(tmp_path, edit)
    lines = validate(folder, lang)
    assert len(lines) == 1 and said in lines[0]
    assert at_line(lines, line_of(text, "attachments: docs/outreach-notes.md"))


@pytest.mark.parametrize(
    ("lang", "old", "new", "meant"),
    [
        ("it", "channel: phone", "channel: telefono", "phone"),
        ("ru", "channel: phone", "channel: телефон", "phone"),
        ("it", "channel: email", "channel: posta elettronica", "email"),
        ("ru", "channel: radio", "channel: рация", "radio"),
        ("it", "played_by: actor", "played_by: attrice", "actor"),
        (
            "ru",
            "after: {missed: ss-see-tarik-alone}",
            "after: {пропущено: ss-see-tarik-alone}",
            "missed",
        ),
        ("it", "after: {chose: inspect-now}", "after: {scelto: inspect-now}", "chose"),
    ],
)
def test_enumerations_in_the_authors_words(
    tmp_path: Path, lang: str, old: str, new: str, meant: str
) -> None:
    folder, text = copy(tmp_path, (old, new))
    lines = validate(folder, lang)
    assert len(lines) == 1
    assert at_line(lines, line_of(text, new))
    dym = "Forse intendevate" if lang == "it" else "Возможно, имелось в виду"
    assert f"{dym} «{meant}»?" in lines[0]


@pytest.mark.parametrize(
    ("lang", "bad", "example", "meant"),
    [
        ("it", "proteggere-minorità", "(ad es. chiamata-arrivo)", "proteggere-minorita"),
        ("ru", "защита-людей", "строчными латинскими буквами", "zashchita-lyudey"),
    ],
)
def test_a_bad_id_used_many_times_is_one_error(
    tmp_path: Path, lang: str, bad: str, example: str, meant: str
) -> None:
    folder, text = copy(tmp_path, ("objective: protect", f"objective: {bad}", 7))
    lines = validate(folder, lang)
    assert len(lines) == 1, lines
    assert at_line(lines, line_of(text, f"objective: {bad}"))
    others = ", ".join(str(line_of(text, f"objective: {bad}", n)) for n in range(1, 7))
    assert example in lines[0] and f"«{meant}»" in lines[0] and others in lines[0]
    assert "arrival-call" not in lines[0]
    word = "altre 6 righe" if lang == "it" else "ещё в 6 строках"
    assert word in lines[0]


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "it",
            "una sola condizione per insieme: perché valgano entrambe scrivete {all: "
            "[{missed: ss-see-tarik-alone}, {delivered: d1-hospital-call}]}",
        ),
        (
            "ru",
            "в одном наборе пишется одно условие: чтобы выполнялись оба, напишите {all: "
            "[{missed: ss-see-tarik-alone}, {delivered: d1-hospital-call}]}",
        ),
    ],
)
def test_two_conditions_in_one_mapping_get_all(tmp_path: Path, lang: str, said: str) -> None:
    new = "after: {missed: ss-see-tarik-alone, delivered: d1-hospital-call}"
    folder, text = copy(tmp_path, ("after: {missed: ss-see-tarik-alone}", new))
    lines = validate(folder, lang)
    assert lines == at_line(lines, line_of(text, new))
    assert len(lines) == 1 and said in lines[0]
